/* Ink: every glyph that has ink in the display list has ink in poppler's
 * rendering of the PDF, at the same place; and outside the trimmed page the
 * rendering is paper white but where the display list itself draws.
 *
 * Three renderings of the written page at `dpi` on white paper: poppler's of
 * the PDF; the display list's without its glyph runs (the background: paths and
 * images, drawn as the cairo writer's proofs draw them); the display list's
 * with them. And each glyph alone, as a coverage mask. A glyph is proven on its
 * private pixels: those it covers to at least MASK_INK/255 while no other
 * glyph touches (covers to MASK_TOUCH/255) them or any pixel next to them.
 * There, E is the mean difference between the display list's rendering and the
 * background (what the glyph shows: black on white and white on the brand band
 * alike), and A the mean of the largest difference between the PDF's
 * rendering and the background within TOL_PX pixels (the PDF may place a glyph
 * a pixel off, or draw it as a filled outline instead of a glyph). The glyph
 * has ink iff A >= E / 2. A glyph without private pixels (a mark drawn over its
 * letter) is proven on all the pixels it covers to MASK_INK, where its
 * neighbours' ink counts too; a glyph the display list's rendering does not
 * show at this resolution (E < FAINT, or nothing covered to MASK_INK; a dot at
 * 36 dpi) is counted and not proven. A difference is the largest of the three
 * channels', out of 255. */
#include <math.h>
#include <string.h>

#include "verify/check.h"
#include "write/writer.h"

#define TOL_PX 1
#define MASK_INK 96
#define MASK_TOUCH 8
#define FAINT 24
/* Outside the trim: the difference from white that counts as ink, and the
 * pixels next to the trim's edge left out (anti-aliasing of what ends there). */
#define OUTSIDE_INK 32
#define EDGE_PX 1

typedef struct {
  int w, h, stride;
  guint8 *data;
} Raster;

static cairo_surface_t *white_page(int w, int h, cairo_t **cr, double scale) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  *cr = cairo_create(s);
  cairo_set_source_rgb(*cr, 1, 1, 1);
  cairo_paint(*cr);
  cairo_scale(*cr, scale, scale);
  return s;
}

static Raster raster_of(cairo_surface_t *s) {
  cairo_surface_flush(s);
  Raster r = {cairo_image_surface_get_width(s), cairo_image_surface_get_height(s), cairo_image_surface_get_stride(s),
              cairo_image_surface_get_data(s)};
  return r;
}

static guint32 px(const Raster *r, int x, int y) { return *(const guint32 *)(r->data + (gsize)y * r->stride + 4 * x); }

static int diff(guint32 a, guint32 b) {
  int d = 0;
  for (int sh = 0; sh <= 16; sh += 8) {
    int x = (int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF);
    d = MAX(d, ABS(x));
  }
  return d;
}

/* One glyph's coverage, in a box of the page's pixels. */
typedef struct {
  const LpGlyphRun *run;
  int glyph;
  int x, y, w, h;
  cairo_surface_t *mask; /* A8 */
  const guint8 *data;
  int stride;
} Glyph;

static guint8 cov(const Glyph *g, int x, int y) {
  x -= g->x;
  y -= g->y;
  if (x < 0 || y < 0 || x >= g->w || y >= g->h)
    return 0;
  return g->data[(gsize)y * g->stride + x];
}

static GArray *glyph_masks(const LpPage *page, double scale, double off, int W, int H) {
  GArray *glyphs = g_array_new(FALSE, TRUE, sizeof(Glyph));
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind != LP_ITEM_GLYPHS)
      continue;
    const LpGlyphRun *run = &it->glyphs;
    cairo_scaled_font_t *sf = lp_font_scaled(run->font, run->size);
    for (int k = 0; k < run->n_glyphs; k++) {
      cairo_text_extents_t te;
      cairo_scaled_font_glyph_extents(sf, &run->glyphs[k], 1, &te);
      if (te.width <= 0 || te.height <= 0)
        continue;
      double gx = run->glyphs[k].x + te.x_bearing + off, gy = run->glyphs[k].y + te.y_bearing + off;
      int x0 = MAX(0, (int)floor(gx * scale) - 2), y0 = MAX(0, (int)floor(gy * scale) - 2);
      int x1 = MIN(W, (int)ceil((gx + te.width) * scale) + 2), y1 = MIN(H, (int)ceil((gy + te.height) * scale) + 2);
      if (x1 <= x0 || y1 <= y0)
        continue; /* off the page: geometry's to report */
      Glyph g = {run, k, x0, y0, x1 - x0, y1 - y0, cairo_image_surface_create(CAIRO_FORMAT_A8, x1 - x0, y1 - y0),
                 NULL, 0};
      cairo_t *cr = cairo_create(g.mask);
      cairo_translate(cr, -x0, -y0);
      cairo_scale(cr, scale, scale);
      cairo_translate(cr, off, off);
      cairo_set_scaled_font(cr, sf);
      cairo_show_glyphs(cr, &run->glyphs[k], 1);
      cairo_destroy(cr);
      cairo_surface_flush(g.mask);
      g.data = cairo_image_surface_get_data(g.mask);
      g.stride = cairo_image_surface_get_stride(g.mask);
      g_array_append_val(glyphs, g);
    }
  }
  return glyphs;
}

static void report_missing(LpVerifyPage *v, const Glyph *g, double e, double a) {
  const LpGlyphRun *run = g->run;
  const char *t;
  int len;
  lp_verify_glyph_text(run, g->glyph, &t, &len);
  char *what = len > 0 ? lp_verify_describe_chars(t, len) : g_strdup_printf("glyph %lu", run->glyphs[g->glyph].index);
  char *ctx = lp_verify_excerpt(run->text, run->text_len, 40);
  lp_verify_problem(v, run,
                    "no ink in the PDF for %s in %s at %.1f, %.1f pt: font %s, %.2f pt (ink %.0f where the layout's "
                    "rendering has %.0f)",
                    what, ctx, run->glyphs[g->glyph].x, run->glyphs[g->glyph].y, lp_font_file(run->font), run->size, a,
                    e);
  g_free(ctx);
  g_free(what);
}

static void check_glyphs(LpVerifyPage *v, GArray *glyphs, const Raster *pdf, const Raster *full, const Raster *bg) {
  int W = pdf->w, H = pdf->h;
  /* How many glyphs touch each pixel. */
  guint8 *touch = g_malloc0((gsize)W * H);
  for (guint i = 0; i < glyphs->len; i++) {
    const Glyph *g = &g_array_index(glyphs, Glyph, i);
    for (int y = 0; y < g->h; y++) {
      const guint8 *m = g->data + (gsize)y * g->stride;
      guint8 *t = touch + (gsize)(g->y + y) * W + g->x;
      for (int x = 0; x < g->w; x++)
        if (m[x] >= MASK_TOUCH && t[x] < 255)
          t[x]++;
    }
  }
  /* The PDF's ink against the background. */
  guint8 *ink = g_malloc((gsize)W * H);
  for (int y = 0; y < H; y++) {
    const guint32 *a = (const guint32 *)(pdf->data + (gsize)y * pdf->stride);
    const guint32 *b = (const guint32 *)(bg->data + (gsize)y * bg->stride);
    for (int x = 0; x < W; x++)
      ink[(gsize)y * W + x] = (guint8)diff(a[x], b[x]);
  }
  for (guint i = 0; i < glyphs->len; i++) {
    const Glyph *g = &g_array_index(glyphs, Glyph, i);
    v->stats->glyphs++;
    double se = 0, sa = 0, he = 0, ha = 0;
    int n_priv = 0, n_all = 0;
    for (int y = g->y; y < g->y + g->h; y++)
      for (int x = g->x; x < g->x + g->w; x++) {
        if (g->data[(gsize)(y - g->y) * g->stride + (x - g->x)] < MASK_INK)
          continue;
        double e = diff(px(full, x, y), px(bg, x, y));
        /* The PDF's largest ink within TOL_PX, and whether any other glyph
         * touches a pixel there. */
        int a = 0;
        gboolean alone = TRUE;
        for (int qy = MAX(0, y - TOL_PX); qy <= MIN(H - 1, y + TOL_PX); qy++)
          for (int qx = MAX(0, x - TOL_PX); qx <= MIN(W - 1, x + TOL_PX); qx++) {
            gsize q = (gsize)qy * W + qx;
            a = MAX(a, ink[q]);
            if (touch[q] > (cov(g, qx, qy) >= MASK_TOUCH))
              alone = FALSE;
          }
        he += e;
        ha += a;
        n_all++;
        if (alone) {
          se += e;
          sa += a;
          n_priv++;
        }
      }
    double e, a;
    if (n_priv > 0) {
      e = se / n_priv;
      a = sa / n_priv;
    } else if (n_all > 0) {
      e = he / n_all;
      a = ha / n_all;
    } else {
      v->stats->glyphs_faint++;
      continue;
    }
    if (e < FAINT) {
      v->stats->glyphs_faint++;
      continue;
    }
    if (n_priv > 0)
      v->stats->glyphs_private++;
    else
      v->stats->glyphs_shared++;
    if (a < e / 2)
      report_missing(v, g, e, a);
  }
  g_free(ink);
  g_free(touch);
}

/* Outside the trimmed page: paper white, except where the display list's own
 * paths and images reach (within TOL_PX). */
static void check_outside(LpVerifyPage *v, const Raster *pdf, const Raster *bg, double scale) {
  double off = v->offset;
  if (off <= 0)
    return;
  int W = pdf->w, H = pdf->h;
  int tx0 = (int)floor(off * scale) - EDGE_PX, ty0 = (int)floor(off * scale) - EDGE_PX;
  int tx1 = (int)ceil((off + lp_page_width(v->page)) * scale) + EDGE_PX;
  int ty1 = (int)ceil((off + lp_page_height(v->page)) * scale) + EDGE_PX;
  int bad = 0, fx = 0, fy = 0;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) {
      if (x >= tx0 && x < tx1 && y >= ty0 && y < ty1)
        continue;
      if (diff(px(pdf, x, y), 0xFFFFFF) <= OUTSIDE_INK)
        continue;
      /* Ink: allowed within TOL_PX of what the display list draws. */
      gboolean allowed = FALSE;
      for (int qy = MAX(0, y - TOL_PX); qy <= MIN(H - 1, y + TOL_PX) && !allowed; qy++)
        for (int qx = MAX(0, x - TOL_PX); qx <= MIN(W - 1, x + TOL_PX) && !allowed; qx++)
          allowed = diff(px(bg, qx, qy), 0xFFFFFF) > MASK_TOUCH;
      if (allowed)
        continue;
      if (bad++ == 0) {
        fx = x;
        fy = y;
      }
    }
  if (bad)
    lp_verify_problem(v, NULL,
                      "ink outside the trimmed page where the layout draws nothing: %d pixels at %.0f dpi, the first at "
                      "%.1f, %.1f pt from the trimmed page's corner",
                      bad, v->dpi, (fx + 0.5) / scale - off, (fy + 0.5) / scale - off);
}

void lp_verify_ink(LpVerifyPage *v) {
  double scale = v->dpi / 72.0, off = v->offset;
  int W = (int)ceil((lp_page_width(v->page) + 2 * off) * scale);
  int H = (int)ceil((lp_page_height(v->page) + 2 * off) * scale);
  cairo_t *cr;
  cairo_surface_t *s_pdf = white_page(W, H, &cr, scale);
  poppler_page_render(v->pdf, cr);
  cairo_destroy(cr);
  cairo_surface_t *s_full = white_page(W, H, &cr, scale);
  lp_write_cairo_draw(v->page, cr, off, TRUE);
  cairo_destroy(cr);
  cairo_surface_t *s_bg = white_page(W, H, &cr, scale);
  lp_write_cairo_draw(v->page, cr, off, FALSE);
  cairo_destroy(cr);
  Raster pdf = raster_of(s_pdf), full = raster_of(s_full), bg = raster_of(s_bg);
  GArray *glyphs = glyph_masks(v->page, scale, off, W, H);
  check_glyphs(v, glyphs, &pdf, &full, &bg);
  check_outside(v, &pdf, &bg, scale);
  for (guint i = 0; i < glyphs->len; i++)
    cairo_surface_destroy(g_array_index(glyphs, Glyph, i).mask);
  g_array_free(glyphs, TRUE);
  cairo_surface_destroy(s_pdf);
  cairo_surface_destroy(s_full);
  cairo_surface_destroy(s_bg);
}
