#include "read/article.h"

#include "read/paths.h"

#include <string.h>

#include "read/frontmatter.h"
#include "read/markdown.h"
#include "read/source.h"
#include "read/yaml.h"

/* A front matter fence: "---" alone on its line (trailing blanks allowed). */
static gboolean is_fence(const char *line, gsize len, gboolean closing) {
  while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
    len--;
  return (len == 3 && memcmp(line, "---", 3) == 0) || (closing && len == 3 && memcmp(line, "...", 3) == 0);
}

LpDoc *lp_article_parse(LpCtx *ctx, const char *path, const char *data, gsize length, GError **err) {
  LpPos top = lp_pos(path, 1, 1);
  if (!lp_source_check_text(path, data, length, 1, err))
    return NULL;
  const char *nl = memchr(data, '\n', length);
  gsize first_len = nl ? (gsize)(nl - data) : length;
  if (!is_fence(data, first_len, FALSE)) {
    lp_set_error(err, LP_EXIT_INPUT, &top,
                 "expected front matter: the article must start with a line '---', then YAML (lang, title, "
                 "version, date, review), then a line '---'");
    return NULL;
  }
  /* Find the closing fence. */
  const char *yaml_start = nl ? nl + 1 : data + length;
  const char *p = yaml_start, *end = data + length;
  int line = 2;
  const char *close = NULL;
  while (p < end) {
    const char *e = memchr(p, '\n', (gsize)(end - p));
    gsize len = e ? (gsize)(e - p) : (gsize)(end - p);
    if (is_fence(p, len, TRUE)) {
      close = p;
      break;
    }
    p = e ? e + 1 : end;
    line++;
  }
  if (!close) {
    lp_set_error(err, LP_EXIT_INPUT, &top, "the front matter that starts here is not closed: expected a line '---'");
    return NULL;
  }
  if ((gsize)(close - yaml_start) > lp_ctx_limit(ctx, LP_LIMIT_FRONT_MATTER_SIZE)) {
    lp_set_error(err, LP_EXIT_INPUT, &top, "a front matter of %zu bytes, over the limit of %" G_GSIZE_FORMAT " %s",
                 (gsize)(close - yaml_start), lp_ctx_limit(ctx, LP_LIMIT_FRONT_MATTER_SIZE),
                 lp_limit_hint(LP_LIMIT_FRONT_MATTER_SIZE));
    return NULL;
  }
  LpDoc *doc = lp_doc_new(path, data, length);
  LpMeta *meta = lp_doc_meta(doc);
  LpYaml *fm = lp_yaml_parse(ctx, yaml_start, (gsize)(close - yaml_start), path, 1, err);
  if (!fm && err && *err)
    goto fail;
  if (!fm) {
    lp_set_error(err, LP_EXIT_INPUT, &top, "the front matter is empty: expected lang, title, version, date and review");
    goto fail;
  }
  gboolean ok = lp_frontmatter_read(ctx, fm, top, meta, err);
  lp_yaml_free(fm);
  if (!ok)
    goto fail;

  const char *body = memchr(close, '\n', (gsize)(end - close));
  body = body ? body + 1 : end;
  if (!lp_markdown_read(ctx, doc, body, (gsize)(end - body), line + 1, err))
    goto fail;
  if (lp_doc_n_blocks(doc) == 0) {
    LpPos pos = lp_pos(path, line, 1);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "the article has no text after its front matter");
    goto fail;
  }
  return doc;
fail:
  lp_doc_free(doc);
  return NULL;
}

LpDoc *lp_article_read(LpCtx *ctx, const char *path, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, path, "article", &len, err);
  if (!data)
    return NULL;
  LpDoc *doc = lp_article_parse(ctx, path, data, len, err);
  g_free(data);
  return doc;
}

char *lp_article_source_path(const LpCtx *ctx, const LpDoc *doc, GError **err) {
  const LpMeta *m = lp_doc_meta_const(doc);
  if (!m->source) {
    lp_set_error(err, LP_EXIT_INPUT, &m->pos, "not a translation: the front matter has no 'translates:'");
    return NULL;
  }
  return lp_paths_resolve(ctx, lp_doc_path(doc), m->source, "the translation's source", &m->source_pos, LP_PATH_FILE,
                          err);
}

static int cmp_str(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *lp_article_files(const char *arg, GError **err) {
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  if (g_file_test(arg, G_FILE_TEST_IS_REGULAR)) {
    g_ptr_array_add(files, g_strdup(arg));
    return files;
  }
  LpPos pos = lp_pos(arg, 0, 0);
  GDir *d = g_dir_open(arg, 0, NULL);
  if (!d) {
    lp_set_error(err, LP_EXIT_USAGE, &pos, "not an article folder or file");
    g_ptr_array_unref(files);
    return NULL;
  }
  const char *name;
  while ((name = g_dir_read_name(d)))
    if (g_str_has_suffix(name, ".md"))
      g_ptr_array_add(files, g_build_filename(arg, name, NULL));
  g_dir_close(d);
  g_ptr_array_sort(files, cmp_str);
  if (files->len == 0) {
    lp_set_error(err, LP_EXIT_USAGE, &pos, "this folder holds no articles (*.md)");
    g_ptr_array_unref(files);
    return NULL;
  }
  return files;
}
