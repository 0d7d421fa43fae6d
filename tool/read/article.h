/* The article reader: a Markdown file with YAML front matter → document tree.
 *
 *   ---
 *   lang: en
 *   title: …
 *   ---
 *   Body in CommonMark: ## sections, paragraphs, *emphasis*, **strong**, lists.
 *
 * The front matter is read by read/frontmatter.c, the body by read/markdown.c. */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"

LpDoc *lp_article_read(LpCtx *ctx, const char *path, GError **err);
/* The same from memory (tests and fuzzing); `path` is used in messages. */
LpDoc *lp_article_parse(LpCtx *ctx, const char *path, const char *data, gsize length, GError **err);

/* The file a translation translates (its 'translates: source'), next to it;
 * checked like every file an input names (read/paths.h). NULL with an error
 * if the document is no translation or the file is not allowed. */
char *lp_article_source_path(const LpCtx *ctx, const LpDoc *doc, GError **err);

/* The articles an argument names: a file, or every *.md in a folder, sorted
 * by name. A usage error if it is neither, or a folder without articles. */
GPtrArray *lp_article_files(const char *arg, GError **err);
