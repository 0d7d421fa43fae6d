#include "page/canvas.h"

#include <math.h>

struct LpCanvas {
  LpPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
};

LpCanvas *lp_canvas_new(LpPage *page) {
  LpCanvas *c = g_new0(LpCanvas, 1);
  c->page = page;
  /* Nothing is ever painted on this surface: it only holds paths. */
  c->surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
  c->cr = cairo_create(c->surface);
  return c;
}

void lp_canvas_free(LpCanvas *c) {
  if (!c)
    return;
  cairo_destroy(c->cr);
  cairo_surface_destroy(c->surface);
  g_free(c);
}

cairo_t *lp_canvas_cr(LpCanvas *c) { return c->cr; }

static cairo_path_t *copy_device_path(cairo_t *cr) {
  cairo_save(cr);
  cairo_identity_matrix(cr);
  cairo_path_t *path = cairo_copy_path(cr);
  cairo_restore(cr);
  return path;
}

static void capture(LpCanvas *c, const LpPaint *paint, const LpColor *stroke) {
  cairo_t *cr = c->cr;
  LpPathItem item = {0};
  item.path = copy_device_path(cr);
  item.fill_rule = cairo_get_fill_rule(cr);
  if (paint) {
    item.fill = TRUE;
    item.fill_paint = *paint;
    if (paint->kind == LP_PAINT_LINEAR) {
      cairo_user_to_device(cr, &item.fill_paint.x0, &item.fill_paint.y0);
      cairo_user_to_device(cr, &item.fill_paint.x1, &item.fill_paint.y1);
    }
  }
  if (stroke) {
    item.stroke = TRUE;
    item.stroke_color = *stroke;
    double w = cairo_get_line_width(cr), wy = 0;
    cairo_user_to_device_distance(cr, &w, &wy);
    item.line_width = hypot(w, wy);
    item.cap = cairo_get_line_cap(cr);
    item.join = cairo_get_line_join(cr);
    int n = cairo_get_dash_count(cr);
    if (n > 0 && n <= 4) {
      double offset;
      cairo_get_dash(cr, item.dash, &offset);
      item.n_dash = n;
    }
  }
  lp_page_add_path(c->page, &item);
  cairo_new_path(cr);
}

void lp_canvas_fill(LpCanvas *c, const LpPaint *paint) { capture(c, paint, NULL); }
void lp_canvas_stroke(LpCanvas *c, LpColor color) { capture(c, NULL, &color); }
void lp_canvas_fill_stroke(LpCanvas *c, const LpPaint *paint, LpColor stroke) { capture(c, paint, &stroke); }

void lp_canvas_rect(LpCanvas *c, double x, double y, double w, double h, LpColor color) {
  cairo_rectangle(c->cr, x, y, w, h);
  LpPaint p = lp_paint_solid(color);
  lp_canvas_fill(c, &p);
}

void lp_canvas_rounded_path(cairo_t *cr, double x, double y, double w, double h, double r) {
  cairo_new_path(cr);
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
}
