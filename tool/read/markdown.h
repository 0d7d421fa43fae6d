/* CommonMark body → blocks of the document tree. Only what a patient leaflet
 * needs is accepted (sections, paragraphs, emphasis, lists, links, pictures,
 * spans in another language: [words]{lang=de}); anything
 * else (raw HTML, images, tables, code, quotes) is an error at its place. */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"

/* One line of inline Markdown (emphasis, strong, links, [words]{lang=de})
 * from a front matter value at `pos`; anything block-level is an error. The
 * spans in other languages are added to `span_langs` (LpLangUse, may be NULL
 * when the caller keeps none). */
LpRich *lp_markdown_inline(const LpCtx *ctx, const char *text, LpPos pos, GArray *span_langs, GError **err);

/* `body` starts at line `first_line` of the article. */
/* FALSE, with an error at `pos`, when `text` (a plain-text value such as the
 * title, a label or a timeline note: `what` names it) holds the markup of a
 * span in another language, which only lines of Markdown text can carry. */
gboolean lp_markdown_plain(const char *text, const char *what, LpPos pos, GError **err);

gboolean lp_markdown_read(const LpCtx *ctx, LpDoc *doc, const char *body, gsize length, int first_line, GError **err);
