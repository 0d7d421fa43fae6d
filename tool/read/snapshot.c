#include "read/snapshot.h"

#include <string.h>

#include "read/article.h"

static char *folder_of(const char *source_path) {
  char *dir = g_path_get_dirname(source_path);
  char *out = g_build_filename(dir, ".sources", NULL);
  g_free(dir);
  return out;
}

static char *stem_of(const char *source_path) {
  char *base = g_path_get_basename(source_path);
  char *dot = strrchr(base, '.');
  if (dot && dot != base)
    *dot = 0;
  return base;
}

char *lp_snapshot_path(const char *source_path, const char *data, gsize length) {
  char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, length);
  char *dir = folder_of(source_path), *stem = stem_of(source_path);
  char *name = g_strdup_printf("%s.%.12s.md", stem, sum);
  char *out = g_build_filename(dir, name, NULL);
  g_free(name);
  g_free(stem);
  g_free(dir);
  g_free(sum);
  return out;
}

static int cmp_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *lp_snapshot_docs(LpCtx *ctx, const char *source_path) {
  GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)lp_doc_free);
  char *dir = folder_of(source_path), *stem = stem_of(source_path);
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d) {
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    char *prefix = g_strconcat(stem, ".", NULL);
    for (const char *n; (n = g_dir_read_name(d));)
      if (g_str_has_prefix(n, prefix) && g_str_has_suffix(n, ".md") && strlen(n) == strlen(prefix) + 12 + 3)
        g_ptr_array_add(names, g_build_filename(dir, n, NULL));
    g_free(prefix);
    g_dir_close(d);
    g_ptr_array_sort(names, cmp_names);
    for (guint i = 0; i < names->len; i++) {
      GError *e = NULL;
      LpDoc *doc = lp_article_read(ctx, g_ptr_array_index(names, i), &e);
      if (doc) {
        g_ptr_array_add(docs, doc);
      } else {
        lp_ctx_warn(ctx, lp_error_pos(e), "a snapshot of the source does not read (%s): what changed cannot be shown",
                    e->message);
        g_error_free(e);
      }
    }
    g_ptr_array_unref(names);
  }
  g_free(stem);
  g_free(dir);
  return docs;
}
