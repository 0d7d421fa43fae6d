/* A font as pages refer to it: the font file (what the haru writer embeds and a
 * depfile names) and the cairo face laid out with it (what the cairo writer
 * draws with). Reference counted; shared by every run that uses the face. */
#pragma once
#include <cairo.h>
#include <glib.h>

typedef struct LpFont LpFont;

/* Takes a new reference to `face`. */
LpFont *lp_font_new(const char *file, int index, cairo_font_face_t *face);
LpFont *lp_font_ref(LpFont *font);
void lp_font_unref(LpFont *font);

const char *lp_font_file(const LpFont *font);
int lp_font_index(const LpFont *font);
cairo_font_face_t *lp_font_face(const LpFont *font);

/* A scaled font at `size` pt with the outline-exact options every stage uses
 * (no hinting, no metric rounding). Cached per font and size; do not destroy. */
cairo_scaled_font_t *lp_font_scaled(LpFont *font, double size);
/* The same for another face (not cached; the caller destroys it). */
cairo_scaled_font_t *lp_font_scaled_face(cairo_font_face_t *face, double size);

/* Whether the font's outlines are CFF (an OpenType font with a 'CFF ' table,
 * such as Noto Sans CJK), as opposed to TrueType outlines. */
gboolean lp_font_is_cff(LpFont *font);

/* A face for PDF writers: the font cut to `glyphs` with HarfBuzz's subsetter,
 * glyph ids kept (so the layout's shaping stays valid) and the outlines
 * without subroutines, loaded with FreeType from memory. cairo 1.16's own CFF
 * subsetter empties subroutines that glyphs of Noto Sans CJK call (U+5982 如
 * came out blank); given no subroutines it has none to get wrong. NULL if the
 * subset fails. The caller owns the face. */
cairo_font_face_t *lp_font_face_subset(LpFont *font, const unsigned *glyphs, guint n_glyphs);
