#include "layout/qr.h"

#include <qrencode.h>

#include "page/canvas.h"

struct LpQr {
  QRcode *code;
};

LpQr *lp_qr_new(const char *text, LpPos pos, GError **err) {
  /* Version 0: the smallest version that holds the text; byte mode keeps
   * the address exactly as written (case and all). */
  QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
  if (!code || code->version > 10) {
    lp_set_error_hint(err, LP_EXIT_INPUT, &pos, "use a shorter address (a redirect on the clinic's site)",
                      "the online address is %ld characters: its QR code would need more than 57 modules a side, too "
                      "fine to print at the contact panel's size",
                      g_utf8_strlen(text, -1));
    if (code)
      QRcode_free(code);
    return NULL;
  }
  LpQr *qr = g_new0(LpQr, 1);
  qr->code = code;
  return qr;
}

void lp_qr_free(LpQr *qr) {
  if (!qr)
    return;
  QRcode_free(qr->code);
  g_free(qr);
}

int lp_qr_modules(const LpQr *qr) { return qr->code->width; }

double lp_qr_module_for(const LpQr *qr, double side) {
  return MAX(LP_QR_MIN_MODULE, side / (qr->code->width + 2 * LP_QR_QUIET));
}

double lp_qr_side(const LpQr *qr, double module) { return module * (qr->code->width + 2 * LP_QR_QUIET); }

void lp_qr_draw(const LpQr *qr, LpPage *page, double x, double y, double module, LpColor dark, LpColor light) {
  int n = qr->code->width;
  LpCanvas *cv = lp_canvas_new(page);
  lp_canvas_rect(cv, x, y, lp_qr_side(qr, module), lp_qr_side(qr, module), light);
  cairo_t *cr = lp_canvas_cr(cv);
  double ox = x + LP_QR_QUIET * module, oy = y + LP_QR_QUIET * module;
  /* Each row's runs of dark modules as one rectangle: fewer path segments,
   * and no hairline seams between neighbours when a viewer anti-aliases. */
  for (int row = 0; row < n; row++) {
    const unsigned char *line = qr->code->data + (gsize)row * (gsize)n;
    for (int col = 0; col < n;) {
      if (!(line[col] & 1)) {
        col++;
        continue;
      }
      int end = col;
      while (end < n && (line[end] & 1))
        end++;
      cairo_rectangle(cr, ox + col * module, oy + row * module, (end - col) * module, module);
      col = end;
    }
  }
  LpPaint paint = lp_paint_solid(dark);
  lp_canvas_fill(cv, &paint);
  lp_canvas_free(cv);
}
