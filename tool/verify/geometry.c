/* Geometry: the written page's size, every glyph run's ink inside the trimmed
 * page, no filled path past the bleed. (Ink outside the trim in the rendered
 * PDF is checked with the other pixels, in ink.c.) */
#include <math.h>

#include "verify/check.h"

/* Sizes and boxes: a PDF's numbers are written to 0.01 pt or so by both writers. */
#define SIZE_TOL 0.5
#define BOX_TOL 0.5

static void check_size(LpVerifyPage *v) {
  double w, h;
  poppler_page_get_size(v->pdf, &w, &h);
  double want_w = lp_page_width(v->page) + 2 * v->offset, want_h = lp_page_height(v->page) + 2 * v->offset;
  if (fabs(w - want_w) > SIZE_TOL || fabs(h - want_h) > SIZE_TOL)
    lp_verify_problem(v, NULL, "the page is %.2f x %.2f pt, the layout's %.2f x %.2f pt (its page plus 2 x %.2f pt)",
                      w, h, want_w, want_h, v->offset);
}

static void check_runs(LpVerifyPage *v) {
  double pw = lp_page_width(v->page), ph = lp_page_height(v->page);
  for (guint i = 0; i < lp_page_n_items(v->page); i++) {
    const LpItem *it = lp_page_item(v->page, i);
    if (it->kind != LP_ITEM_GLYPHS || it->glyphs.n_glyphs == 0)
      continue;
    LpRect ink;
    lp_glyph_run_extents(&it->glyphs, &ink);
    if (ink.w <= 0 || ink.h <= 0)
      continue;
    if (ink.x < -BOX_TOL || ink.y < -BOX_TOL || ink.x + ink.w > pw + BOX_TOL || ink.y + ink.h > ph + BOX_TOL) {
      char *text = lp_verify_excerpt(it->glyphs.text, it->glyphs.text_len, 40);
      lp_verify_problem(v, &it->glyphs,
                        "the text %s inks outside the trimmed page: its ink spans x %.1f to %.1f, y %.1f to %.1f pt "
                        "on a %.1f x %.1f pt page",
                        text, ink.x, ink.x + ink.w, ink.y, ink.y + ink.h, pw, ph);
      g_free(text);
    }
  }
}

/* A filled path may reach into the bleed (bands, tints), never past it: what
 * lies past the bleed prints on the slug, among the crop marks. Stroked lines
 * are the crop marks themselves. */
static void check_paths(LpVerifyPage *v) {
  double pw = lp_page_width(v->page), ph = lp_page_height(v->page), b = v->opt->bleed;
  cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, NULL);
  cairo_t *cr = cairo_create(s);
  for (guint i = 0; i < lp_page_n_items(v->page); i++) {
    const LpItem *it = lp_page_item(v->page, i);
    if (it->kind != LP_ITEM_PATH || !it->path.fill)
      continue;
    cairo_new_path(cr);
    cairo_append_path(cr, it->path.path);
    cairo_set_fill_rule(cr, it->path.fill_rule);
    double x0, y0, x1, y1;
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
    if (x1 <= x0 || y1 <= y0)
      continue;
    if (x0 < -b - BOX_TOL || y0 < -b - BOX_TOL || x1 > pw + b + BOX_TOL || y1 > ph + b + BOX_TOL)
      lp_verify_problem(v, NULL,
                        "a filled path reaches past the %.1f pt bleed: it spans x %.1f to %.1f, y %.1f to %.1f pt on a "
                        "%.1f x %.1f pt page",
                        b, x0, x1, y0, y1, pw, ph);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(s);
}

void lp_verify_geometry(LpVerifyPage *v) {
  check_size(v);
  check_runs(v);
  check_paths(v);
}
