/* Pictures decoded for the page: a PNG or JPEG as a cairo image surface, an
 * SVG drawn by librsvg into a cairo recording surface (vectors, replayed by
 * the cairo writer as vectors). Body pictures and the clinic's logo share it.
 *
 * A JPEG keeps its own bytes on the surface (CAIRO_MIME_TYPE_JPEG), so the
 * cairo writer embeds them as they are (DCTDecode) and the haru writer loads
 * them with HPDF_LoadJpegImageFromMem; the decoded pixels serve the proofs and
 * the verifier's rendering. The pixel count is checked from the file's header
 * against the limit image-pixels before anything is decoded. */
#pragma once
#include <cairo.h>

#include "doc/ctx.h"
#include "doc/doc.h"

typedef struct {
  cairo_surface_t *surface; /* owned: an image surface, or a recording surface (SVG) */
  LpPictureFormat format;
  double width, height;     /* pixels for rasters, CSS pixels (1/96 in) for SVG */
} LpImage;

/* Decodes `bytes` of `format`; `what` names the file in messages ("the
 * picture 'arm.png'"), `pos` is where the input names it. An SVG with text
 * (its glyphs would come from fonts outside the layout's and would not read
 * back) or with embedded rasters is refused, as is one without a size. */
gboolean lp_image_load(const LpCtx *ctx, GBytes *bytes, LpPictureFormat format, const char *what, const LpPos *pos,
                       LpImage *out, GError **err);
void lp_image_clear(LpImage *image);

/* The resolution a raster prints at `width_pt` wide, in dots per inch; 0 for SVG. */
double lp_image_dpi(const LpImage *image, double width_pt);
