/* The engine proves what it writes. A writer class of this test's own wraps
 * the cairo writer and paints the body's first line over in white, as
 * a broken font subset would leave it blank: the build fails with exit code 3
 * and no files, the message names the character and the line's place in the
 * article; with no_verify the same file goes through (which is what
 * --no-verify means); the cairo writer's own file is proven; and a batch's
 * proofs (LpSeen) let a second identical output skip the read-back. */
#include <string.h>

#include "page/canvas.h"
#include "testutil.h"

struct LpWriter {
  LpWriter *inner;
};

static LpWriter *blank_open(const LpBook *book, const LpWriteOptions *opt, GError **err) {
  LpWriter *w = g_new0(LpWriter, 1);
  if (!(w->inner = lp_writer_cairo.open(book, opt, err)))
    g_clear_pointer(&w, g_free);
  return w;
}

/* The page as it is, and a white box over the body's first line. */
static gboolean blank_page(LpWriter *w, const LpPage *page, GError **err) {
  LpPage *copy = lp_page_new(lp_page_width(page), lp_page_height(page));
  cairo_matrix_t id;
  cairo_matrix_init_identity(&id);
  lp_page_add_group(copy, (LpPage *)page, &id, FALSE);
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind == LP_ITEM_GLYPHS && g_str_has_prefix(it->glyphs.text, "Botox, known")) {
      LpRect ink;
      lp_glyph_run_extents(&it->glyphs, &ink);
      LpCanvas *cv = lp_canvas_new(copy);
      lp_canvas_rect(cv, ink.x - 1, ink.y - 1, ink.w + 2, ink.h + 2, lp_color_rgb_new(1, 1, 1));
      lp_canvas_free(cv);
      break;
    }
  }
  gboolean ok = lp_writer_cairo.page(w->inner, copy, err);
  lp_page_unref(copy);
  return ok;
}

static GPtrArray *blank_close(LpWriter *w, GError **err) {
  GPtrArray *files = lp_writer_cairo.close(w->inner, err);
  g_free(w);
  return files;
}

static void blank_abort(LpWriter *w) {
  lp_writer_cairo.abort(w->inner);
  g_free(w);
}

static const LpWriterClass blank_writer = {
    .name = "blank",
    .about = "the cairo writer, with a line painted out",
    .formats = 1u << LP_FORMAT_PDF,
    .tagged = TRUE,
    .repairs = LP_REPAIR_STRUCTURE,
    .open = blank_open,
    .page = blank_page,
    .close = blank_close,
    .abort = blank_abort,
};

static LpRequest request(const char *article, const LpWriterClass *w) {
  static char *path;
  g_free(path);
  path = lp_test_source(article);
  LpRequest req = {.article = path, .layout = "a4-leaflet", .print = {.writer = w}};
  return req;
}

static void test_blank_line_refused(void) {
  LpRequest req = request("text/botox-headache/en.md", &blank_writer);
  GError *err = NULL;
  LpResult *r = lp_engine_build(lp_test_engine(), &req, &err);
  g_assert_null(r);
  g_assert_nonnull(err);
  g_assert_cmpint(lp_error_code(err), ==, LP_EXIT_IO);
  char *text = lp_error_format(err);
  g_test_message("%s", text);
  /* The first body line: "Botox, known as a powerful toxin, is derived". */
  if (!strstr(text, "no ink in the PDF for U+0042 'B'") || !strstr(text, "en.md:") || !strstr(text, "writer blank"))
    g_error("the message should name the character, its place and the writer: %s", text);
  g_free(text);
  g_error_free(err);
}

static void test_no_verify(void) {
  LpRequest req = request("text/botox-headache/en.md", &blank_writer);
  req.no_verify = TRUE;
  GError *err = NULL;
  LpResult *r = lp_engine_build(lp_test_engine(), &req, &err);
  g_assert_no_error(err);
  g_assert_false(r->verified);
  g_assert_cmpuint(r->files->len, ==, 1);
  lp_result_free(r);
}

static void test_good_and_seen(void) {
  LpRequest req = request("text/botox-headache/en.md", &lp_writer_cairo);
  LpSeen *seen = lp_seen_new();
  req.seen = seen;
  GError *err = NULL;
  LpResult *first = lp_engine_build(lp_test_engine(), &req, &err);
  g_assert_no_error(err);
  g_assert_true(first->verified);
  /* The same output again shows nothing new: not read back a second time. */
  LpResult *second = lp_engine_build(lp_test_engine(), &req, &err);
  g_assert_no_error(err);
  g_assert_false(second->verified);
  /* A value with a new character makes it new again. */
  const char *sets[] = {"clinic.name=Клиника", NULL};
  req.sets = sets;
  LpResult *third = lp_engine_build(lp_test_engine(), &req, &err);
  g_assert_no_error(err);
  g_assert_true(third->verified);
  lp_result_free(first);
  lp_result_free(second);
  lp_result_free(third);
  lp_seen_free(seen);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/engine/verify/blank-line-refused", test_blank_line_refused);
  g_test_add_func("/engine/verify/no-verify", test_no_verify);
  g_test_add_func("/engine/verify/good-and-seen", test_good_and_seen);
  return g_test_run();
}
