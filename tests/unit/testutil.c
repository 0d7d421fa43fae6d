#include "testutil.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli/pipeline.h"
#include "finish/finish.h"
#include "layout/layout.h"
#include "read/article.h"
#include "read/layoutfile.h"

char *lp_test_source(const char *relative) {
  const char *root = g_getenv("LP_SOURCE_DIR");
  g_assert_nonnull(root);
  return g_build_filename(root, relative, NULL);
}

const char *lp_test_tmp(void) {
  static char *dir;
  if (!dir) {
    const char *base = g_getenv("LP_TEST_TMP");
    dir = base ? g_strdup(base) : g_dir_make_tmp("lptest-XXXXXX", NULL);
    g_mkdir_with_parents(dir, 0777);
  }
  return dir;
}

char *lp_test_write(const char *name, const char *text) {
  char *path = g_build_filename(lp_test_tmp(), name, NULL);
  char *dir = g_path_get_dirname(path);
  g_mkdir_with_parents(dir, 0777);
  g_free(dir);
  g_assert_true(g_file_set_contents(path, text, -1, NULL));
  return path;
}

LpFonts *lp_test_fonts(void) {
  static LpFonts *fonts;
  if (!fonts) {
    char *conf = lp_test_source("fonts/fonts.conf");
    GError *err = NULL;
    fonts = lp_fonts_new(conf, &err);
    g_assert_no_error(err);
    g_free(conf);
  }
  return fonts;
}

LpBook *lp_test_layout(const char *article, const char *layout) {
  GError *err = NULL;
  LpBook *book = lp_test_layout_or_error(article, layout, &err);
  g_assert_no_error(err);
  g_assert_nonnull(book);
  return book;
}

LpBook *lp_test_layout_or_error(const char *article, const char *layout, GError **out) {
  GError *err = NULL;
  char *apath = g_str_has_prefix(article, "/") ? g_strdup(article) : lp_test_source(article);
  char *lpath = g_str_has_prefix(layout, "/") ? g_strdup(layout) : lp_test_source(layout);
  LpSession s = {0};
  char *root = lp_test_source(".");
  s.project = lp_project_open(root, NULL, &err);
  g_assert_no_error(err);
  LpDoc *doc = lp_article_read(apath, &err);
  g_assert_no_error(err);
  LpLayoutSpec *spec = lp_layoutfile_read(lpath, &err);
  g_assert_no_error(err);
  LpVars *vars = lp_session_vars(&s, doc, &err);
  g_assert_no_error(err);
  g_assert_true(lp_session_apply(&s, vars, spec, &err));
  LpLayoutInput in = {doc, spec, vars, lp_test_fonts(), "2026-11-01T00:00:00Z", "leafpress test", NULL};
  LpBook *book = lp_layout_run(&in, out);
  lp_vars_free(vars);
  lp_layout_spec_free(spec);
  lp_doc_free(doc);
  lp_session_clear(&s);
  g_free(root);
  g_free(apath);
  g_free(lpath);
  return book;
}

void lp_test_assert_error(const GError *err, int code, const char *file, int line, int col, const char *fragment) {
  g_assert_nonnull(err);
  if (err->domain != LP_ERROR || err->code != code)
    g_error("expected error code %d, got %d: %s", code, err->code, err->message);
  if (file) {
    char *prefix = line > 0 ? g_strdup_printf("%s:%d:%d: ", file, line, col) : g_strdup_printf("%s: ", file);
    if (!g_str_has_prefix(err->message, prefix))
      g_error("expected the message to start with '%s': %s", prefix, err->message);
    g_free(prefix);
  }
  if (fragment && !strstr(err->message, fragment))
    g_error("expected '%s' in the message: %s", fragment, err->message);
}

GBytes *lp_test_write_pdf(const LpBook *book, LpWriterKind writer, double bleed, double slug) {
  GError *err = NULL;
  LpWriteOptions wo = {LP_FORMAT_PDF, 96, bleed, slug, FALSE};
  GPtrArray *files = lp_write(writer, book, &wo, &err);
  g_assert_no_error(err);
  GPtrArray *alts = lp_book_figure_alts(book);
  LpFinishOptions fin = {lp_book_info_const(book)->lang, writer == LP_WRITER_CAIRO, writer == LP_WRITER_HARU,
                         alts, lp_book_info_const(book), bleed, slug, FALSE, FALSE, NULL, 0};
  GBytes *done = lp_finish_pdf(g_ptr_array_index(files, 0), &fin, &err);
  g_assert_no_error(err);
  g_ptr_array_unref(alts);
  g_ptr_array_unref(files);
  return done;
}
