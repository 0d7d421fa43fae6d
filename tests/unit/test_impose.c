/* The imposition arithmetic (impose/impose.h): how many pages a sheet holds
 * and where, which cell of the back lies behind which of the front for each
 * duplex mode, the booklet's page order, and the sheets lp_impose makes from
 * pages (sizes, counts, where each page lands, marks never on a card). */
#include <math.h>

#include "impose/impose.h"
#include "page/canvas.h"
#include "testutil.h"

#define MM (72.0 / 25.4)
#define CLOSE(a, b) g_assert_cmpfloat(fabs((a) - (b)), <, 0.01)

static void test_grid(void) {
  LpGrid g;
  /* A5 on A4: two across a landscape sheet, butted (296 of 297 mm). */
  g_assert_true(lp_impose_grid(210 * MM, 297 * MM, 148 * MM, 210 * MM, 6 * MM, &g));
  g_assert_true(g.landscape);
  g_assert_cmpint(g.cols, ==, 2);
  g_assert_cmpint(g.rows, ==, 1);
  CLOSE(g.sheet_w, 297 * MM);
  CLOSE(g.gap_x, 1.0 / 3 * MM); /* the 1 mm left over, shared by the gap and two margins */
  CLOSE(g.x0, 1.0 / 3 * MM);
  CLOSE(g.y0, 0);
  /* A6 on A4: four, portrait. */
  g_assert_true(lp_impose_grid(210 * MM, 297 * MM, 105 * MM, 148 * MM, 0, &g));
  g_assert_false(g.landscape);
  g_assert_cmpint(g.cols * g.rows, ==, 4);
  CLOSE(g.y0, 0.5 * MM);
  /* A6 on SRA3 (320 x 450 mm): nine portrait beat eight landscape; the 5 mm
   * left across are shared by two gaps and two margins. */
  g_assert_true(lp_impose_grid(320 * MM, 450 * MM, 105 * MM, 148 * MM, 6 * MM, &g));
  g_assert_false(g.landscape);
  g_assert_cmpint(g.cols, ==, 3);
  g_assert_cmpint(g.rows, ==, 3);
  CLOSE(g.gap_x, 1.25 * MM);
  CLOSE(g.x0, 1.25 * MM);
  /* A5 on SRA4 (225 x 320 mm): two, landscape, with the whole gap asked for. */
  g_assert_true(lp_impose_grid(225 * MM, 320 * MM, 148 * MM, 210 * MM, 6 * MM, &g));
  g_assert_true(g.landscape);
  g_assert_cmpint(g.cols, ==, 2);
  CLOSE(g.gap_x, 6 * MM);
  CLOSE(g.x0, (320 - 296 - 6) / 2.0 * MM);
  /* An A4 page on an A5 sheet: none. */
  g_assert_false(lp_impose_grid(148 * MM, 210 * MM, 210 * MM, 297 * MM, 0, &g));
}

static void test_duplex(void) {
  /* The default turns the sheet like a book's page: mirrored left to right. */
  g_assert_cmpint(lp_impose_default_duplex(FALSE), ==, LP_DUPLEX_LONG);
  g_assert_cmpint(lp_impose_default_duplex(TRUE), ==, LP_DUPLEX_SHORT);
  g_assert_true(lp_impose_mirror_x(FALSE, LP_DUPLEX_AUTO));
  g_assert_true(lp_impose_mirror_x(TRUE, LP_DUPLEX_AUTO));
  g_assert_true(lp_impose_mirror_x(FALSE, LP_DUPLEX_LONG));
  g_assert_false(lp_impose_mirror_x(FALSE, LP_DUPLEX_SHORT));
  g_assert_false(lp_impose_mirror_x(TRUE, LP_DUPLEX_LONG));
  g_assert_true(lp_impose_mirror_x(TRUE, LP_DUPLEX_SHORT));

  /* A6 on A4, 2 x 2: each back is at the front's place mirrored, and the
   * mirror of a cell is a cell. */
  LpGrid g;
  g_assert_true(lp_impose_grid(210 * MM, 297 * MM, 105 * MM, 148 * MM, 0, &g));
  for (int mx = 0; mx < 2; mx++)
    for (int slot = 0; slot < 4; slot++) {
      double fx, fy, bx, by;
      lp_impose_cell(&g, slot, FALSE, mx, &fx, &fy);
      lp_impose_cell(&g, slot, TRUE, mx, &bx, &by);
      if (mx) {
        CLOSE(bx, g.sheet_w - fx - g.cell_w);
        CLOSE(by, fy);
      } else {
        CLOSE(bx, fx);
        CLOSE(by, g.sheet_h - fy - g.cell_h);
      }
    }
  double x, y;
  lp_impose_cell(&g, 0, TRUE, TRUE, &x, &y); /* top-left front → top-right back */
  CLOSE(x, 105 * MM);
  CLOSE(y, 0.5 * MM);
  lp_impose_cell(&g, 0, TRUE, FALSE, &x, &y); /* short edge: → bottom-left back */
  CLOSE(x, 0);
  CLOSE(y, 148.5 * MM);
}

static void test_booklet_order(void) {
  /* Eight pages, as a printer folds them: 8|1, 2|7 on the outer sheet,
   * 6|3, 4|5 on the inner (1-based). */
  guint want[4][2] = {{8, 1}, {2, 7}, {6, 3}, {4, 5}};
  for (guint s = 0; s < 2; s++)
    for (int back = 0; back < 2; back++) {
      guint l, r;
      lp_impose_booklet_side(8, s, back, FALSE, &l, &r);
      g_assert_cmpuint(l + 1, ==, want[s * 2 + back][0]);
      g_assert_cmpuint(r + 1, ==, want[s * 2 + back][1]);
      lp_impose_booklet_side(8, s, back, TRUE, &l, &r);
      g_assert_cmpuint(r + 1, ==, want[s * 2 + back][0]);
      g_assert_cmpuint(l + 1, ==, want[s * 2 + back][1]);
    }
  /* Every page exactly once, for any multiple of 4. */
  for (guint n = 4; n <= 40; n += 4) {
    guint *seen = g_new0(guint, n);
    for (guint s = 0; s < n / 4; s++)
      for (int back = 0; back < 2; back++) {
        guint l, r;
        lp_impose_booklet_side(n, s, back, FALSE, &l, &r);
        g_assert_cmpuint(l, <, n);
        g_assert_cmpuint(r, <, n);
        seen[l]++;
        seen[r]++;
        /* facing pages of a side add up to n - 1 (0-based) */
        g_assert_cmpuint(l + r, ==, n - 1);
      }
    for (guint i = 0; i < n; i++)
      g_assert_cmpuint(seen[i], ==, 1);
    g_free(seen);
  }
}

static void test_names(void) {
  double w, h;
  GError *err = NULL;
  g_assert_true(lp_impose_sheet_find("A4", &w, &h, &err));
  CLOSE(w, 210 * MM);
  CLOSE(h, 297 * MM);
  g_assert_false(lp_impose_sheet_find("a44", &w, &h, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_USAGE);
  g_assert_nonnull(strstr(err->message, "did you mean 'a4'"));
  g_clear_error(&err);
  g_assert_false(lp_impose_sheet_find("leter", &w, &h, &err));
  g_assert_nonnull(strstr(err->message, "'letter'"));
  g_clear_error(&err);
  LpDuplex d;
  g_assert_true(lp_impose_duplex_parse("short", &d, &err));
  g_assert_cmpint(d, ==, LP_DUPLEX_SHORT);
  g_assert_false(lp_impose_duplex_parse("lung", &d, &err));
  g_assert_nonnull(strstr(err->message, "'long'"));
  g_clear_error(&err);
}

/* A page of size w x h with one filled rectangle: its trim, grown by `bleed`. */
static LpPage *card(double w, double h, double bleed) {
  LpPage *p = lp_page_new(w, h);
  LpCanvas *cv = lp_canvas_new(p);
  LpColor c = {LP_COLOR_RGB, {0.2, 0.4, 0.6, 0}};
  lp_canvas_rect(cv, -bleed, -bleed, w + 2 * bleed, h + 2 * bleed, c);
  lp_canvas_free(cv);
  return p;
}

typedef struct {
  int groups;
  GArray *boxes; /* LpRect: where each card lands (its clip) */
  GArray *marks; /* LpRect: each stroked path's box */
} Seen;

static void seen_item(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  Seen *s = data;
  if (it->kind != LP_ITEM_PATH)
    return;
  if (it->path.stroke) {
    /* the marks: one path of separate segments, each a move and a line */
    const cairo_path_t *p = it->path.path;
    double px = 0, py = 0;
    for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
      double x = p->data[i + 1].point.x, y = p->data[i + 1].point.y;
      if (p->data[i].header.type == CAIRO_PATH_LINE_TO) {
        LpRect r = {MIN(px, x), MIN(py, y), fabs(x - px), fabs(y - py)};
        g_array_append_val(s->marks, r);
      }
      if (p->data[i].header.type != CAIRO_PATH_CLOSE_PATH)
        px = x, py = y;
    }
    return;
  }
  cairo_t *cr = cairo_create(cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, NULL));
  cairo_append_path(cr, it->path.path);
  double x0, y0, x1, y1;
  cairo_path_extents(cr, &x0, &y0, &x1, &y1);
  cairo_surface_destroy(cairo_get_target(cr));
  cairo_destroy(cr);
  LpRect r = {x0, y0, x1 - x0, y1 - y0};
  (void)r;
  g_assert_nonnull(clip);
  g_array_append_val(s->boxes, *clip);
}

static void test_sheets(void) {
  /* Five leaves of A6 cards (a merge of five rows) on letter: two to a
   * sheet side, three sheets, the last with one card; bleed kept; marks. */
  double w = 105 * MM, h = 148 * MM, bleed = 3 * MM;
  LpBook *books[5];
  for (int i = 0; i < 5; i++) {
    books[i] = lp_book_new();
    lp_book_add_page(books[i], card(w, h, bleed));
    lp_book_add_page(books[i], card(w, h, bleed));
  }
  LpImposeOptions o = {.sheet_w = 215.9 * MM, .sheet_h = 279.4 * MM, .bleed = bleed, .marks = TRUE};
  GError *err = NULL;
  LpBook *sheets = lp_impose(books, 5, &o, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(lp_book_n_pages(sheets), ==, 6);
  for (guint side = 0; side < 6; side++) {
    LpPage *s = lp_book_page(sheets, side);
    CLOSE(lp_page_width(s), 215.9 * MM);
    CLOSE(lp_page_height(s), 279.4 * MM);
    Seen seen = {0, g_array_new(FALSE, FALSE, sizeof(LpRect)), g_array_new(FALSE, FALSE, sizeof(LpRect))};
    lp_page_walk(s, seen_item, &seen);
    g_assert_cmpuint(seen.boxes->len, ==, side < 4 ? 2 : 1);
    /* Each card shows its trim and some of its bleed, and no mark touches
     * any card's box. */
    for (guint i = 0; i < seen.boxes->len; i++) {
      const LpRect *b = &g_array_index(seen.boxes, LpRect, i);
      g_assert_cmpfloat(b->w, >, w);
      g_assert_cmpfloat(b->w, <=, w + 2 * bleed + 0.01);
      for (guint k = 0; k < seen.marks->len; k++) {
        const LpRect *m = &g_array_index(seen.marks, LpRect, k);
        gboolean apart = m->x + m->w <= b->x || m->x >= b->x + b->w || m->y + m->h <= b->y || m->y >= b->y + b->h;
        if (!apart)
          g_printerr("mark %.2f %.2f %.2f %.2f box %.2f %.2f %.2f %.2f\n", m->x, m->y, m->w, m->h, b->x, b->y, b->w, b->h);
        g_assert_true(apart);
      }
    }
    g_assert_cmpuint(seen.marks->len, >, 0);
    /* The back of a sheet: its cards at the front's places mirrored. */
    if (side % 2 == 1) {
      Seen front = {0, g_array_new(FALSE, FALSE, sizeof(LpRect)), g_array_new(FALSE, FALSE, sizeof(LpRect))};
      lp_page_walk(lp_book_page(sheets, side - 1), seen_item, &front);
      g_assert_cmpuint(front.boxes->len, ==, seen.boxes->len);
      for (guint i = 0; i < seen.boxes->len; i++) {
        const LpRect *f = &g_array_index(front.boxes, LpRect, i), *b = &g_array_index(seen.boxes, LpRect, i);
        CLOSE(b->x, 215.9 * MM - f->x - f->w);
        CLOSE(b->y, f->y);
      }
      g_array_free(front.boxes, TRUE);
      g_array_free(front.marks, TRUE);
    }
    g_array_free(seen.boxes, TRUE);
    g_array_free(seen.marks, TRUE);
  }
  lp_book_free(sheets);

  /* A booklet of 6 pages is refused; of 8 makes 4 sides. */
  LpBook *six = lp_book_new();
  for (int i = 0; i < 6; i++)
    lp_book_add_page(six, card(148 * MM, 210 * MM, 0));
  LpImposeOptions b = {.sheet_w = 210 * MM, .sheet_h = 297 * MM, .mode = LP_IMPOSE_BOOKLET};
  g_assert_null(lp_impose(&six, 1, &b, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_USAGE);
  g_clear_error(&err);
  lp_book_add_page(six, card(148 * MM, 210 * MM, 0));
  lp_book_add_page(six, card(148 * MM, 210 * MM, 0));
  sheets = lp_impose(&six, 1, &b, &err);
  g_assert_no_error(err);
  g_assert_cmpuint(lp_book_n_pages(sheets), ==, 4);
  CLOSE(lp_page_width(lp_book_page(sheets, 0)), 297 * MM);
  lp_book_free(sheets);
  /* Turned over its long edge, a booklet's backs would be upside down. */
  b.duplex = LP_DUPLEX_LONG;
  g_assert_null(lp_impose(&six, 1, &b, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_USAGE);
  g_clear_error(&err);
  lp_book_free(six);
  for (int i = 0; i < 5; i++)
    lp_book_free(books[i]);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/impose/grid", test_grid);
  g_test_add_func("/impose/duplex", test_duplex);
  g_test_add_func("/impose/booklet-order", test_booklet_order);
  g_test_add_func("/impose/names", test_names);
  g_test_add_func("/impose/sheets", test_sheets);
  return g_test_run();
}
