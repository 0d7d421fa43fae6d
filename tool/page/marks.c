#include "page/marks.h"

#include "page/canvas.h"

/* The gap between the bleed's edge and a mark, and between a mark and the edge
 * of the sheet: a mark that started at the bleed would print into the bleed
 * whenever the sheet shifts a little on the press. */
#define GAP 2.0
/* A hairline: the width print shops expect of crop marks. */
#define HAIRLINE 0.25

/* Draws the two marks of one trim corner (cx, cy): a horizontal line on the
 * trim's edge through cy and a vertical one through cx, each reaching away
 * from the page by dx, dy (±1) from just beyond the bleed into the slug. Butt
 * caps, so a line ends exactly where it is said to. */
static void corner(cairo_t *cr, double cx, double cy, double dx, double dy, double from, double to) {
  cairo_move_to(cr, cx + dx * from, cy);
  cairo_line_to(cr, cx + dx * to, cy);
  cairo_move_to(cr, cx, cy + dy * from);
  cairo_line_to(cr, cx, cy + dy * to);
}

void lp_marks_add_crop(LpBook *book, double bleed, double slug) {
  double from = bleed + GAP, to = bleed + slug - GAP;
  if (to <= from)
    return;
  /* Registration colour: full ink on every plate, so the marks show on each
   * separation (the cairo writer prints it as black). */
  LpColor registration = {LP_COLOR_CMYK, {1, 1, 1, 1}};
  for (guint i = 0; i < lp_book_n_pages(book); i++) {
    LpPage *page = lp_book_page(book, i);
    double w = lp_page_width(page), h = lp_page_height(page);
    lp_page_artifact_begin(page);
    LpCanvas *cv = lp_canvas_new(page);
    cairo_t *cr = lp_canvas_cr(cv);
    cairo_set_line_width(cr, HAIRLINE);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    corner(cr, 0, 0, -1, -1, from, to);
    corner(cr, w, 0, 1, -1, from, to);
    corner(cr, 0, h, -1, 1, from, to);
    corner(cr, w, h, 1, 1, from, to);
    lp_canvas_stroke(cv, registration);
    lp_canvas_free(cv);
    lp_page_artifact_end(page);
  }
}
