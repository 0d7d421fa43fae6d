#include "verify/proof.h"

#include <cairo-svg.h>
#include <math.h>
#include <poppler.h>

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *render_png(PopplerPage *page, double dpi, GError **err) {
  double w, h, scale = dpi / 72.0;
  poppler_page_get_size(page, &w, &h);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * scale), (int)ceil(h * scale));
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  poppler_page_render(page, cr);
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  GByteArray *buf = g_byte_array_new();
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_write_to_png_stream(s, append_bytes, buf);
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS) {
    lp_set_error(err, LP_EXIT_IO, NULL, "cannot render the PNG proof: %s", cairo_status_to_string(st));
    g_byte_array_unref(buf);
    return NULL;
  }
  return g_byte_array_free_to_bytes(buf);
}

static GBytes *render_svg(PopplerPage *page, GError **err) {
  double w, h;
  poppler_page_get_size(page, &w, &h);
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_svg_surface_create_for_stream(append_bytes, buf, w, h);
  cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
  cairo_t *cr = cairo_create(s);
  poppler_page_render_for_printing(page, cr);
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS) {
    lp_set_error(err, LP_EXIT_IO, NULL, "cannot render the SVG proof: %s", cairo_status_to_string(st));
    g_byte_array_unref(buf);
    return NULL;
  }
  return g_byte_array_free_to_bytes(buf);
}

GPtrArray *lp_proof_render(GBytes *pdf, LpFormat format, double dpi, const volatile gint *cancel, GError **err) {
  GError *e = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &e);
  if (!doc) {
    lp_set_error(err, LP_EXIT_IO, NULL, "cannot read the PDF back to render its proofs: %s", e->message);
    g_error_free(e);
    return NULL;
  }
  GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  int n = poppler_document_get_n_pages(doc);
  for (int i = 0; i < n; i++) {
    if (cancel && g_atomic_int_get(cancel)) {
      lp_set_error(err, LP_EXIT_IO, NULL, "interrupted");
      g_clear_pointer(&out, g_ptr_array_unref);
      break;
    }
    PopplerPage *page = poppler_document_get_page(doc, i);
    GBytes *one = format == LP_FORMAT_PNG ? render_png(page, dpi > 0 ? dpi : 96, err) : render_svg(page, err);
    g_object_unref(page);
    if (!one) {
      g_clear_pointer(&out, g_ptr_array_unref);
      break;
    }
    g_ptr_array_add(out, one);
  }
  g_object_unref(doc);
  return out;
}
