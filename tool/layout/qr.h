/* QR codes: the online version's address as a symbol a phone camera reads.
 *
 * libqrencode computes the modules; the symbol is drawn into the page as
 * vector paths (one filled path of the dark modules on a light square that
 * includes the quiet zone), so every writer prints the same geometry and the
 * code stays sharp at any resolution. */
#pragma once
#include "doc/style.h"
#include "page/page.h"

typedef struct LpQr LpQr;

/* The symbol for `text` (byte mode, error correction level M: 15 % of the
 * code may be soiled or folded), or NULL with an error at `pos` when the text
 * needs more than version 10 (57 modules a side: too fine to print small). */
LpQr *lp_qr_new(const char *text, LpPos pos, GError **err);
void lp_qr_free(LpQr *qr);

/* Modules a side, without the quiet zone. */
int lp_qr_modules(const LpQr *qr);

/* The quiet zone the standard asks for, in modules on each side. */
#define LP_QR_QUIET 4
/* The smallest module leafpress prints (phone cameras read 0.5 mm modules
 * from about 15 cm), in points. */
#define LP_QR_MIN_MODULE (0.5 * 72.0 / 25.4)

/* The module size that makes the symbol `side` points wide (quiet zone
 * included), never under LP_QR_MIN_MODULE. */
double lp_qr_module_for(const LpQr *qr, double side);
/* The whole symbol's side (quiet zone included) at `module` points. */
double lp_qr_side(const LpQr *qr, double module);

/* Draws the symbol with its top-left corner (of the quiet zone) at (x, y):
 * the light square, then the dark modules. */
void lp_qr_draw(const LpQr *qr, LpPage *page, double x, double y, double module, LpColor dark, LpColor light);
