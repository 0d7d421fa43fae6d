#include "testutil.h"

#include <glib/gstdio.h>
#include <string.h>

#include "engine/engine.h"
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

LpCtx *lp_test_ctx(void) {
  static LpCtx *ctx;
  if (!ctx)
    ctx = lp_ctx_new();
  return ctx;
}

LpEngine *lp_test_engine(void) {
  static LpEngine *engine;
  if (!engine) {
    GError *err = NULL;
    char *root = lp_test_source(".");
    LpProject *project = lp_project_open(root, NULL, &err);
    g_assert_no_error(err);
    g_free(root);
    engine = lp_engine_new(project, lp_test_ctx());
  }
  return engine;
}

const LpLang *lp_test_lang(const char *tag) {
  GError *err = NULL;
  const LpLangs *langs = lp_engine_languages(lp_test_engine(), &err);
  g_assert_no_error(err);
  return lp_langs_find(langs, tag);
}

LpBook *lp_test_layout_or_error(const char *article, const char *layout, GError **out) {
  GError *err = NULL;
  char *apath = g_str_has_prefix(article, "/") ? g_strdup(article) : lp_test_source(article);
  char *lpath = g_str_has_prefix(layout, "/") ? g_strdup(layout) : lp_test_source(layout);
  LpCtx *ctx = lp_test_ctx();
  LpDoc *doc = lp_article_read(ctx, apath, &err);
  g_assert_no_error(err);
  LpLayoutSpec *spec = lp_layoutfile_read(ctx, lpath, &err);
  g_assert_no_error(err);
  LpVars *vars = lp_engine_values(lp_test_engine(), ctx, doc, NULL, NULL, &err);
  g_assert_no_error(err);
  g_assert_true(lp_engine_apply(vars, spec, &err));
  LpLayoutInput in = {.doc = doc,
                      .spec = spec,
                      .vars = vars,
                      .fonts = lp_test_fonts(),
                      .date = "2026-11-01T00:00:00Z",
                      .creator = "leafpress test",
                      .ctx = ctx,
                      .lang = lp_test_lang(lp_doc_meta_const(doc)->lang)};
  LpBook *book = lp_layout_run(&in, out);
  lp_vars_free(vars);
  lp_layout_spec_free(spec);
  lp_doc_free(doc);
  g_free(apath);
  g_free(lpath);
  return book;
}

void lp_test_assert_error(const GError *err, int code, const char *file, int line, int col, const char *fragment) {
  g_assert_nonnull(err);
  char *text = lp_error_format(err);
  if (err->domain != LP_ERROR || err->code != code)
    g_error("expected error code %d, got %d: %s", code, err->code, text);
  if (file) {
    char *prefix = line > 0 ? g_strdup_printf("%s:%d:%d: ", file, line, col) : g_strdup_printf("%s: ", file);
    if (!g_str_has_prefix(text, prefix))
      g_error("expected the message to start with '%s': %s", prefix, text);
    g_free(prefix);
  }
  if (fragment && !strstr(text, fragment))
    g_error("expected '%s' in the message: %s", fragment, text);
  g_free(text);
}

GBytes *lp_test_write_pdf(const LpBook *book, const LpWriterClass *writer, double bleed, double slug) {
  GError *err = NULL;
  LpWriteOptions wo = {.format = LP_FORMAT_PDF, .dpi = 96, .bleed = bleed, .slug = slug};
  GPtrArray *files = lp_write(writer, book, &wo, &err);
  g_assert_no_error(err);
  GPtrArray *alts = lp_book_figure_alts(book);
  LpFinishOptions fin = {.lang = lp_book_info_const(book)->lang,
                         .tagged = writer->tagged,
                         .repairs = writer->repairs,
                         .figure_alts = alts,
                         .info = lp_book_info_const(book),
                         .bleed = bleed,
                         .slug = slug};
  GBytes *done = lp_finish_pdf(g_ptr_array_index(files, 0), &fin, &err);
  g_assert_no_error(err);
  g_ptr_array_unref(alts);
  g_ptr_array_unref(files);
  return done;
}
