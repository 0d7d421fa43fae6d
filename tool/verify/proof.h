/* Proofs of the file itself: PNG and SVG pages rendered from the finished
 * (and proven) PDF by poppler, not from the display list, so that a proof can
 * never show a glyph the PDF lacks — what a clinic looks at is what prints. */
#pragma once
#include "doc/diag.h"
#include "write/writer.h"

/* Every page of `pdf` as a PNG at `dpi` on white paper, or as an SVG (the
 * page's own vectors and embedded glyphs), one GBytes each. */
GPtrArray *lp_proof_render(GBytes *pdf, LpFormat format, double dpi, const volatile gint *cancel, GError **err);
