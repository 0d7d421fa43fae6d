/* Pages nest: a group places a page with a transform and a clip. Both writers
 * must draw a group exactly where its matrix puts it, every format alike, and
 * page walkers must see every item where it lands. Rendered pixels are the
 * proof: a sheet with the card placed on it (moved; moved, turned and scaled)
 * is rendered from the cairo writer's PNG, and from the cairo and haru
 * writers' PDFs by poppler, and each is compared with the card drawn flat by
 * cairo through the same matrix. */
#include <math.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#include "finish/finish.h"
#include "page/canvas.h"
#include "page/flatten.h"
#include "testutil.h"

#define DPI 48.0

/* An image surface of the file's first page, rendered by poppler. */
static cairo_surface_t *render_pdf(GBytes *pdf, const char *name) {
  char *path = g_build_filename(lp_test_tmp(), name, NULL);
  gsize len;
  const char *data = g_bytes_get_data(pdf, &len);
  g_assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
  char *stem = g_strconcat(path, "-r", NULL);
  char *argv[] = {"pdftoppm", "-r", "48", "-png", "-singlefile", path, stem, NULL};
  int status = 0;
  GError *err = NULL;
  g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &err));
  g_assert_no_error(err);
  g_assert_cmpint(status, ==, 0);
  char *png = g_strconcat(stem, ".png", NULL);
  cairo_surface_t *s = cairo_image_surface_create_from_png(png);
  g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
  g_free(png);
  g_free(stem);
  g_free(path);
  return s;
}

static cairo_surface_t *png_surface(GBytes *png) {
  char *path = g_build_filename(lp_test_tmp(), "proof.png", NULL);
  gsize len;
  const char *data = g_bytes_get_data(png, &len);
  g_assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
  cairo_surface_t *s = cairo_image_surface_create_from_png(path);
  g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
  g_free(path);
  return s;
}

static GBytes *write_one(const LpWriterClass *w, LpBook *book, LpFormat format) {
  LpWriteOptions opt = {.format = format, .dpi = DPI};
  GError *err = NULL;
  GPtrArray *files = lp_write(w, book, &opt, &err);
  g_assert_no_error(err);
  GBytes *out = g_bytes_ref(g_ptr_array_index(files, 0));
  g_ptr_array_unref(files);
  if (format == LP_FORMAT_PDF && (w->repairs & LP_REPAIR_TOUNICODE)) {
    LpFinishOptions fin = {.repairs = w->repairs, .info = lp_book_info_const(book)};
    GBytes *done = lp_finish_pdf(out, &fin, &err);
    g_assert_no_error(err);
    g_bytes_unref(out);
    out = done;
  }
  return out;
}

/* The reference: the card rendered flat by cairo's PNG writer, painted onto
 * a white sheet through `m`. */
static cairo_surface_t *reference(LpBook *card, double sheet_w, double sheet_h, const cairo_matrix_t *m) {
  LpBook *one = lp_book_new();
  lp_book_add_page(one, lp_page_ref(lp_book_page(card, 0)));
  GBytes *png = write_one(&lp_writer_cairo, one, LP_FORMAT_PNG);
  cairo_surface_t *flat = png_surface(png);
  g_bytes_unref(png);
  lp_book_free(one);
  int w = (int)ceil(sheet_w * DPI / 72), h = (int)ceil(sheet_h * DPI / 72);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, DPI / 72, DPI / 72);
  cairo_transform(cr, m);
  cairo_scale(cr, 72 / DPI, 72 / DPI);
  cairo_set_source_surface(cr, flat, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(flat);
  return s;
}

/* The share of pixels that differ by more than a third of the range: a
 * misplaced card differs almost everywhere it has ink, resampling and
 * anti-aliasing only at edges. */
static double differ(cairo_surface_t *a, cairo_surface_t *b) {
  cairo_surface_flush(a);
  cairo_surface_flush(b);
  int w = MIN(cairo_image_surface_get_width(a), cairo_image_surface_get_width(b));
  int h = MIN(cairo_image_surface_get_height(a), cairo_image_surface_get_height(b));
  g_assert_cmpint(abs(cairo_image_surface_get_width(a) - cairo_image_surface_get_width(b)), <=, 1);
  g_assert_cmpint(abs(cairo_image_surface_get_height(a) - cairo_image_surface_get_height(b)), <=, 1);
  const unsigned char *da = cairo_image_surface_get_data(a), *db = cairo_image_surface_get_data(b);
  int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
  long diff = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      guint32 pa = *(const guint32 *)(da + y * sa + x * 4), pb = *(const guint32 *)(db + y * sb + x * 4);
      for (int k = 0; k < 24; k += 8)
        if (abs((int)((pa >> k) & 0xff) - (int)((pb >> k) & 0xff)) > 85) {
          diff++;
          break;
        }
    }
  return (double)diff / ((double)w * h);
}

/* A sheet with the card's front placed through `m` (clipped to its box). */
static LpBook *sheet(LpBook *card, double w, double h, const cairo_matrix_t *m) {
  LpBook *b = lp_book_new();
  lp_book_info(b)->title = g_strdup("sheet");
  LpPage *page = lp_page_new(w, h);
  lp_page_add_group(page, lp_book_page(card, 0), m, TRUE);
  lp_book_add_page(b, page);
  return b;
}

static void check_writers(LpBook *card, double w, double h, const cairo_matrix_t *m, const char *what) {
  LpBook *b = sheet(card, w, h, m);
  cairo_surface_t *ref = reference(card, w, h, m);
  GBytes *png = write_one(&lp_writer_cairo, b, LP_FORMAT_PNG);
  GBytes *cairo_pdf = write_one(&lp_writer_cairo, b, LP_FORMAT_PDF);
  GBytes *haru_pdf = write_one(&lp_writer_haru, b, LP_FORMAT_PDF);
  struct {
    const char *name;
    cairo_surface_t *s;
  } outs[] = {{"cairo PNG", png_surface(png)},
              {"cairo PDF", render_pdf(cairo_pdf, "cairo.pdf")},
              {"haru PDF", render_pdf(haru_pdf, "haru.pdf")}};
  for (gsize i = 0; i < G_N_ELEMENTS(outs); i++) {
    double d = differ(ref, outs[i].s);
    g_test_message("%s, %s: %.4f of the pixels differ", what, outs[i].name, d);
    if (d > 0.02)
      g_error("%s, %s: %.1f %% of the pixels differ from the card placed flat", what, outs[i].name, 100 * d);
    cairo_surface_destroy(outs[i].s);
  }
  /* The proof can fail: the same sheet compared with the card unmoved. */
  cairo_matrix_t id;
  cairo_matrix_init_identity(&id);
  cairo_surface_t *wrong = reference(card, w, h, &id), *right = png_surface(png);
  if (m->x0 != 0 || m->y0 != 0)
    g_assert_cmpfloat(differ(wrong, right), >, 0.05);
  cairo_surface_destroy(wrong);
  cairo_surface_destroy(right);
  cairo_surface_destroy(ref);
  g_bytes_unref(png);
  g_bytes_unref(cairo_pdf);
  g_bytes_unref(haru_pdf);
  lp_book_free(b);
}

#define MM (72.0 / 25.4)

static void test_moved(void) {
  LpBook *card = lp_test_layout("text/botox-headache/en.md", "layouts/a5-card.yaml");
  cairo_matrix_t m;
  cairo_matrix_init_translate(&m, 148.5 * MM, 0);
  check_writers(card, 297 * MM, 210 * MM, &m, "moved");
  lp_book_free(card);
}

static void test_turned_and_scaled(void) {
  LpBook *card = lp_test_layout("text/botox-headache/ar.md", "layouts/a5-card.yaml");
  /* A quarter turn (the card's top to the sheet's right) at 70 %. */
  cairo_matrix_t m;
  cairo_matrix_init_translate(&m, 180 * MM, 10 * MM);
  cairo_matrix_rotate(&m, G_PI / 2);
  cairo_matrix_scale(&m, 0.7, 0.7);
  check_writers(card, 297 * MM, 210 * MM, &m, "turned and scaled");
  lp_book_free(card);
}

/* ---- walking ---- */

typedef struct {
  int glyph_runs, frames;
  double first_x, first_y;
  gboolean clipped;
} Seen;

static void see_item(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  Seen *s = data;
  if (it->kind != LP_ITEM_GLYPHS)
    return;
  if (s->glyph_runs++ == 0) {
    s->first_x = it->glyphs.glyphs[0].x;
    s->first_y = it->glyphs.glyphs[0].y;
    cairo_matrix_transform_point(ctm, &s->first_x, &s->first_y);
  }
  s->clipped |= clip != NULL;
}

static void see_frame(const LpRect *f, const cairo_matrix_t *ctm, gpointer data) { ((Seen *)data)->frames++; }

static void test_walk(void) {
  LpBook *leaflet = lp_test_layout("text/botox-headache/en.md", "layouts/a4-leaflet.yaml");
  LpPage *page = lp_book_page(leaflet, 0);
  Seen flat = {0};
  lp_page_walk(page, see_item, &flat);
  lp_page_walk_frames(page, see_frame, &flat);
  g_assert_cmpint(flat.glyph_runs, >, 50);
  g_assert_false(flat.clipped);
  /* The page placed twice, the second time inside a group of its own. */
  LpPage *outer = lp_page_new(1000, 1000), *inner = lp_page_new(600, 900);
  cairo_matrix_t a, b;
  cairo_matrix_init_translate(&a, 10, 20);
  cairo_matrix_init_scale(&b, 0.5, 0.5);
  lp_page_add_group(outer, page, &a, FALSE);
  lp_page_add_group(inner, page, &b, TRUE);
  cairo_matrix_t c;
  cairo_matrix_init_translate(&c, 300, 0);
  lp_page_add_group(outer, inner, &c, FALSE);
  lp_page_unref(inner);
  Seen nested = {0};
  lp_page_walk(outer, see_item, &nested);
  lp_page_walk_frames(outer, see_frame, &nested);
  g_assert_cmpint(nested.glyph_runs, ==, 2 * flat.glyph_runs);
  g_assert_cmpint(nested.frames, ==, 2 * flat.frames);
  g_assert_cmpfloat(fabs(nested.first_x - (flat.first_x + 10)), <, 1e-9);
  g_assert_cmpfloat(fabs(nested.first_y - (flat.first_y + 20)), <, 1e-9);
  g_assert_true(nested.clipped);
  /* The font list and figure alternate texts look inside groups too. */
  LpBook *b2 = lp_book_new();
  lp_book_add_page(b2, outer);
  GPtrArray *fonts = lp_book_font_files(b2), *fonts_flat = lp_book_font_files(leaflet);
  g_assert_cmpuint(fonts->len, ==, fonts_flat->len);
  GPtrArray *alts = lp_book_figure_alts(b2);
  g_assert_cmpuint(alts->len, ==, 2);
  g_ptr_array_unref(alts);
  g_ptr_array_unref(fonts);
  g_ptr_array_unref(fonts_flat);
  lp_book_free(b2);
  lp_book_free(leaflet);
}

/* ---- links land where the group puts them ---- */

static void link_rect(GBytes *pdf, double rect[4]) {
  qpdf_data q = qpdf_init();
  gsize len;
  const char *data = g_bytes_get_data(pdf, &len);
  qpdf_read_memory(q, "links", data, len, NULL);
  g_assert_false(qpdf_has_error(q));
  qpdf_oh page = qpdf_get_page_n(q, 0);
  qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
  g_assert_cmpint(qpdf_oh_get_array_n_items(q, annots), ==, 1);
  qpdf_oh r = qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, annots, 0), "/Rect");
  for (int i = 0; i < 4; i++)
    rect[i] = qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, r, i));
  qpdf_cleanup(&q);
}

static void test_links(void) {
  /* (cairo writes a page's links only when the page has content.) */
  LpPage *panel = lp_page_new(200, 100);
  LpCanvas *cv = lp_canvas_new(panel);
  lp_canvas_rect(cv, 10, 10, 50, 20, lp_color_rgb_new(0.2, 0.4, 0.6));
  lp_canvas_free(cv);
  lp_page_add_link(panel, 10, 10, 50, 20, "https://example.org/");
  LpBook *b = lp_book_new();
  LpPage *page = lp_page_new(400, 300);
  cairo_matrix_t m;
  cairo_matrix_init_translate(&m, 100, 200);
  lp_page_add_group(page, panel, &m, FALSE);
  lp_page_unref(panel);
  lp_book_add_page(b, page);
  const LpWriterClass *writers[] = {&lp_writer_cairo, &lp_writer_haru};
  for (gsize i = 0; i < G_N_ELEMENTS(writers); i++) {
    GBytes *pdf = write_one(writers[i], b, LP_FORMAT_PDF);
    double r[4];
    link_rect(pdf, r);
    /* PDF space: y up from the bottom of the 300 pt page. */
    double want[4] = {110, 300 - 230, 160, 300 - 210};
    for (int k = 0; k < 4; k++)
      if (fabs(r[k] - want[k]) > 0.01)
        g_error("%s writer: the link's Rect is [%g %g %g %g], expected [%g %g %g %g]", writers[i]->name, r[0], r[1],
                r[2], r[3], want[0], want[1], want[2], want[3]);
    g_bytes_unref(pdf);
  }
  lp_book_free(b);
}

/* ---- a copy is decoration: one artifact, none of its own tags or links ---- */

typedef struct {
  GString *tags; /* the roles begun, "/" for an end */
  int links, glyph_runs;
} Tags;

static void rec_tag(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  Tags *t = data;
  if (it->kind == LP_ITEM_TAG_BEGIN)
    g_string_append_printf(t->tags, "%s ", it->tag.role);
  else if (it->kind == LP_ITEM_TAG_END)
    g_string_append(t->tags, "/ ");
  else if (it->kind == LP_ITEM_LINK)
    t->links++;
  else if (it->kind == LP_ITEM_GLYPHS)
    t->glyph_runs++;
}

static void dev_tag_begin(void *d, const LpTagItem *t) { g_string_append_printf(((Tags *)d)->tags, "%s ", t->role); }
static void dev_tag_end(void *d) { g_string_append(((Tags *)d)->tags, "/ "); }
static void dev_link(void *d, const LpLinkItem *l) { ((Tags *)d)->links++; }
static void dev_glyphs(void *d, const LpGlyphRun *r) { ((Tags *)d)->glyph_runs++; }

static void test_copy(void) {
  LpPage *card = lp_page_new(200, 100);
  lp_page_tag_begin(card, "P", 1, NULL);
  LpCanvas *cv = lp_canvas_new(card);
  lp_canvas_rect(cv, 10, 10, 50, 20, lp_color_rgb_new(0.2, 0.4, 0.6));
  lp_canvas_free(cv);
  lp_page_add_link(card, 10, 10, 50, 20, "https://example.org/");
  lp_page_tag_end(card);
  LpPage *sheet = lp_page_new(400, 300);
  LpWindow first = {.x = 0, .y = 0, .w = 200, .h = 100}, copy = {.x = 200, .y = 0, .w = 200, .h = 100, .copy = TRUE};
  lp_page_add_window(sheet, card, &first);
  lp_page_add_window(sheet, card, &copy);
  lp_page_unref(card);
  Tags walked = {g_string_new(NULL), 0, 0};
  lp_page_walk(sheet, rec_tag, &walked);
  g_assert_cmpstr(walked.tags->str, ==, "P / Artifact / ");
  g_assert_cmpint(walked.links, ==, 1);
  const LpDevice d = {.glyphs = dev_glyphs, .link = dev_link, .tag_begin = dev_tag_begin, .tag_end = dev_tag_end};
  Tags replayed = {g_string_new(NULL), 0, 0};
  lp_page_replay(sheet, &d, &replayed);
  g_assert_cmpstr(replayed.tags->str, ==, "P / Artifact / ");
  g_assert_cmpint(replayed.links, ==, 1);
  GError *err = NULL;
  LpPage *flat = lp_page_flatten(sheet, &err);
  g_assert_no_error(err);
  Tags flattened = {g_string_new(NULL), 0, 0};
  lp_page_walk(flat, rec_tag, &flattened);
  g_assert_cmpstr(flattened.tags->str, ==, "P / Artifact / ");
  g_assert_cmpint(flattened.links, ==, 1);
  lp_page_unref(flat);
  g_string_free(walked.tags, TRUE);
  g_string_free(replayed.tags, TRUE);
  g_string_free(flattened.tags, TRUE);
  lp_page_unref(sheet);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/groups/walk", test_walk);
  g_test_add_func("/groups/links", test_links);
  g_test_add_func("/groups/copy", test_copy);
  g_test_add_func("/groups/moved", test_moved);
  g_test_add_func("/groups/turned-and-scaled", test_turned_and_scaled);
  return g_test_run();
}
