/* A canvas: draw with the cairo API, keep the result as display-list paths.
 *
 * Diagrams and decorations are written as ordinary cairo drawing code (paths,
 * arcs, curves, transforms on a cairo_t); each fill or stroke is captured with
 * cairo_copy_path in page space and appended to the page, so every writer draws
 * exactly the same geometry. */
#pragma once
#include "page/page.h"

typedef struct LpCanvas LpCanvas;

LpCanvas *lp_canvas_new(LpPage *page); /* the page is not owned */
void lp_canvas_free(LpCanvas *canvas);

/* The context to draw on. Its line width, dash, cap, join and fill rule are
 * taken over by the captured items. */
cairo_t *lp_canvas_cr(LpCanvas *canvas);

/* Fill the current path. Gradient axes in `paint` are in current user space. */
void lp_canvas_fill(LpCanvas *canvas, const LpPaint *paint);
/* Stroke the current path with the current line settings. */
void lp_canvas_stroke(LpCanvas *canvas, LpColor color);
/* Fill, then stroke the same path. */
void lp_canvas_fill_stroke(LpCanvas *canvas, const LpPaint *paint, LpColor stroke);

/* Sets the current path to a rectangle with corners of radius r (the boxes of
 * the leaflet and the card share one shape). */
void lp_canvas_rounded_path(cairo_t *cr, double x, double y, double w, double h, double r);

/* Shorthand for a filled rectangle in user space. */
void lp_canvas_rect(LpCanvas *canvas, double x, double y, double w, double h, LpColor color);
