#include "layout/image.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>
#include <string.h>

/* ---- sizes from the headers ---- */

static gboolean png_size(const guint8 *d, gsize n, guint64 *w, guint64 *h) {
  if (n < 24 || memcmp(d + 12, "IHDR", 4) != 0)
    return FALSE;
  *w = (guint64)d[16] << 24 | (guint64)d[17] << 16 | (guint64)d[18] << 8 | d[19];
  *h = (guint64)d[20] << 24 | (guint64)d[21] << 16 | (guint64)d[22] << 8 | d[23];
  return TRUE;
}

/* The first start-of-frame segment (SOF0..SOF15 but DHT, JPG and DAC) holds
 * the frame's height and width; *components its colour channels. */
static gboolean jpeg_size(const guint8 *d, gsize n, guint64 *w, guint64 *h, int *components) {
  gsize i = 2;
  while (i + 4 <= n) {
    if (d[i] != 0xFF)
      return FALSE;
    guint8 m = d[i + 1];
    if (m == 0xFF) {
      i++;
      continue;
    }
    if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
      i += 2;
      continue;
    }
    gsize len = (gsize)d[i + 2] << 8 | d[i + 3];
    if (len < 2)
      return FALSE;
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      if (i + 10 > n)
        return FALSE;
      *h = (guint64)d[i + 5] << 8 | d[i + 6];
      *w = (guint64)d[i + 7] << 8 | d[i + 8];
      *components = d[i + 9];
      return TRUE;
    }
    if (m == 0xDA || m == 0xD9)
      return FALSE;
    i += 2 + len;
  }
  return FALSE;
}

static gboolean within_limit(const LpCtx *ctx, guint64 w, guint64 h, const char *what, const LpPos *pos,
                             GError **err) {
  if (w == 0 || h == 0) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "%s has no pixels (%" G_GUINT64_FORMAT " by %" G_GUINT64_FORMAT ")", what,
                 w, h);
    return FALSE;
  }
  if (w * h > lp_ctx_limit(ctx, LP_LIMIT_IMAGE_PIXELS)) {
    lp_set_error(err, LP_EXIT_INPUT, pos,
                 "%s is %" G_GUINT64_FORMAT " by %" G_GUINT64_FORMAT " pixels, over the limit of %" G_GSIZE_FORMAT
                 " pixels %s",
                 what, w, h, lp_ctx_limit(ctx, LP_LIMIT_IMAGE_PIXELS), lp_limit_hint(LP_LIMIT_IMAGE_PIXELS));
    return FALSE;
  }
  return TRUE;
}

/* ---- rasters ---- */

typedef struct {
  const guint8 *data;
  gsize len, at;
} Reading;

static cairo_status_t read_bytes(void *closure, unsigned char *out, unsigned int length) {
  Reading *r = closure;
  if (r->len - r->at < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy(out, r->data + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean load_png(const guint8 *d, gsize n, const char *what, const LpPos *pos, LpImage *out, GError **err) {
  Reading r = {d, n, 0};
  cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "cannot read %s as a PNG file (%s): expected a PNG, JPEG or SVG file", what,
                 cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    return FALSE;
  }
  out->surface = s;
  out->width = cairo_image_surface_get_width(s);
  out->height = cairo_image_surface_get_height(s);
  return TRUE;
}

/* gdk-pixbuf's RGB(A) rows into cairo's premultiplied native-endian words. */
static cairo_surface_t *surface_of(GdkPixbuf *pb) {
  int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb), n = gdk_pixbuf_get_n_channels(pb);
  gboolean alpha = gdk_pixbuf_get_has_alpha(pb);
  cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    return s;
  cairo_surface_flush(s);
  guint8 *dst = cairo_image_surface_get_data(s);
  int ds = cairo_image_surface_get_stride(s), ss = gdk_pixbuf_get_rowstride(pb);
  const guint8 *src = gdk_pixbuf_read_pixels(pb);
  for (int y = 0; y < h; y++) {
    const guint8 *p = src + (gsize)y * ss;
    guint32 *q = (guint32 *)(dst + (gsize)y * ds);
    for (int x = 0; x < w; x++, p += n) {
      guint32 a = alpha ? p[3] : 255;
      guint32 r = p[0] * a / 255, g = p[1] * a / 255, b = p[2] * a / 255;
      q[x] = a << 24 | r << 16 | g << 8 | b;
    }
  }
  cairo_surface_mark_dirty(s);
  return s;
}

static gboolean load_jpeg(GBytes *bytes, int components, const char *what, const LpPos *pos, LpImage *out,
                          GError **err) {
  if (components != 1 && components != 3) {
    /* A CMYK (or YCCK) JPEG: PDF writers disagree on its inverted channels. */
    lp_set_error(err, LP_EXIT_INPUT, pos,
                 "%s is a JPEG with %d colour channels: expected a greyscale or RGB JPEG (save it as RGB)", what,
                 components);
    return FALSE;
  }
  gsize n;
  const guint8 *d = g_bytes_get_data(bytes, &n);
  GError *e = NULL;
  GdkPixbufLoader *ld = gdk_pixbuf_loader_new_with_type("jpeg", &e);
  gboolean ok = ld && gdk_pixbuf_loader_write(ld, d, n, &e);
  if (ld)
    ok = gdk_pixbuf_loader_close(ld, ok ? &e : NULL) && ok;
  GdkPixbuf *pb = ok ? gdk_pixbuf_loader_get_pixbuf(ld) : NULL;
  if (!pb) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "cannot read %s as a JPEG file (%s): expected a PNG, JPEG or SVG file", what,
                 e ? e->message : "no picture in it");
    g_clear_error(&e);
    if (ld)
      g_object_unref(ld);
    return FALSE;
  }
  cairo_surface_t *s = surface_of(pb);
  g_object_unref(ld);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    lp_set_error(err, LP_EXIT_IO, pos, "cannot hold %s: %s", what, cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    return FALSE;
  }
  /* The file's own bytes go into the PDF: no second lossy compression. */
  GBytes *keep = g_bytes_ref(bytes);
  cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, d, n, (cairo_destroy_func_t)g_bytes_unref, keep);
  out->surface = s;
  out->width = cairo_image_surface_get_width(s);
  out->height = cairo_image_surface_get_height(s);
  return TRUE;
}

/* ---- SVG ---- */

static gboolean has_element(const guint8 *d, gsize n, const char *name) {
  gsize k = strlen(name);
  for (gsize i = 0; i + k + 1 < n; i++)
    if (d[i] == '<' && memcmp(d + i + 1, name, k) == 0 &&
        (g_ascii_isspace(d[i + k + 1]) || d[i + k + 1] == '>' || d[i + k + 1] == '/'))
      return TRUE;
  return FALSE;
}

static gboolean load_svg(const guint8 *d, gsize n, const char *what, const LpPos *pos, LpImage *out, GError **err) {
  if (has_element(d, n, "text")) {
    lp_set_error_hint(err, LP_EXIT_INPUT, pos, "convert the text to paths in the drawing program",
                      "%s has text in it (a <text> element): the letters would be set in fonts outside the layout's "
                      "and would not read back",
                      what);
    return FALSE;
  }
  if (has_element(d, n, "image")) {
    lp_set_error_hint(err, LP_EXIT_INPUT, pos, "place the raster as a PNG or JPEG picture of its own",
                      "%s embeds a raster (an <image> element): an SVG picture is drawn as vectors only", what);
    return FALSE;
  }
  GError *e = NULL;
  /* No base file: references outside the document resolve to nothing, so an
   * SVG cannot reach files the path rules would refuse. */
  RsvgHandle *h = rsvg_handle_new_from_data(d, n, &e);
  if (!h) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "cannot read %s as an SVG file (%s): expected a PNG, JPEG or SVG file",
                 what, e ? e->message : "no drawing in it");
    g_clear_error(&e);
    return FALSE;
  }
  gdouble w = 0, hh = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
    gboolean has_vb = FALSE;
    RsvgRectangle vb;
    rsvg_handle_get_intrinsic_dimensions(h, NULL, NULL, NULL, NULL, &has_vb, &vb);
    if (has_vb) {
      w = vb.width;
      hh = vb.height;
    }
  }
  if (!(w > 0 && hh > 0) || w > 1e5 || hh > 1e5) {
    lp_set_error(err, LP_EXIT_INPUT, pos,
                 "%s has no size: expected width and height in absolute units, or a viewBox, on its <svg> element",
                 what);
    g_object_unref(h);
    return FALSE;
  }
  cairo_rectangle_t ext = {0, 0, w, hh};
  cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
  cairo_t *cr = cairo_create(rec);
  RsvgRectangle vp = {0, 0, w, hh};
  gboolean ok = rsvg_handle_render_document(h, cr, &vp, &e);
  cairo_destroy(cr);
  g_object_unref(h);
  if (!ok) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "cannot draw %s (%s)", what, e ? e->message : "librsvg failed");
    g_clear_error(&e);
    cairo_surface_destroy(rec);
    return FALSE;
  }
  out->surface = rec;
  out->width = w;
  out->height = hh;
  return TRUE;
}

gboolean lp_image_load(const LpCtx *ctx, GBytes *bytes, LpPictureFormat format, const char *what, const LpPos *pos,
                       LpImage *out, GError **err) {
  memset(out, 0, sizeof *out);
  out->format = format;
  gsize n;
  const guint8 *d = g_bytes_get_data(bytes, &n);
  guint64 w = 0, h = 0;
  int components = 3;
  switch (format) {
  case LP_PICTURE_PNG:
    if (!png_size(d, n, &w, &h)) {
      lp_set_error(err, LP_EXIT_INPUT, pos, "cannot read %s: a PNG file without its header", what);
      return FALSE;
    }
    return within_limit(ctx, w, h, what, pos, err) && load_png(d, n, what, pos, out, err);
  case LP_PICTURE_JPEG:
    if (!jpeg_size(d, n, &w, &h, &components)) {
      lp_set_error(err, LP_EXIT_INPUT, pos, "cannot read %s: a JPEG file without a frame header", what);
      return FALSE;
    }
    return within_limit(ctx, w, h, what, pos, err) && load_jpeg(bytes, components, what, pos, out, err);
  case LP_PICTURE_SVG:
    return load_svg(d, n, what, pos, out, err);
  case LP_PICTURE_UNKNOWN:
    break;
  }
  lp_set_error(err, LP_EXIT_INPUT, pos, "%s is not a PNG, JPEG or SVG file: the formats accepted are PNG, JPEG and SVG",
               what);
  return FALSE;
}

void lp_image_clear(LpImage *image) {
  if (image->surface)
    cairo_surface_destroy(image->surface);
  image->surface = NULL;
}

double lp_image_dpi(const LpImage *image, double width_pt) {
  if (image->format == LP_PICTURE_SVG || width_pt <= 0)
    return 0;
  return image->width / (width_pt / 72.0);
}
