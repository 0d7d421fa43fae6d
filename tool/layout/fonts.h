/* Fonts: the private fontconfig configuration and the pango font map on it.
 *
 * leafpress never looks at the system's font configuration: fonts/fonts.conf
 * names the directories and families it may use, so the same input gives the
 * same PDF on every machine and start-up does not scan every installed font. */
#pragma once
#include <pango/pangocairo.h>

#include "page/font.h"

typedef struct LpFonts LpFonts;

LpFonts *lp_fonts_new(const char *conf_path, GError **err);
void lp_fonts_free(LpFonts *fonts);

/* A pango context for text in `lang`, with the settings that keep positions
 * exact in PDF (no hinting, no rounding, 72 units per inch: 1 unit = 1 pt).
 * Cached per language and direction; owned by `fonts`. */
PangoContext *lp_fonts_context(LpFonts *fonts, const char *lang, gboolean rtl);

/* The page-level font for a font pango chose; owned by `fonts`. */
LpFont *lp_fonts_font(LpFonts *fonts, PangoFont *font);

/* Whether the configuration has a font of this family (for layout checks). */
gboolean lp_fonts_has_family(LpFonts *fonts, const char *family);
/* Every family the configuration has, sorted, NULL-terminated; owned by `fonts`. */
const char *const *lp_fonts_families(LpFonts *fonts);

/* For a message about a character no configured font has: the installed font
 * file that has it and the Debian package it came in ("NotoSansCuneiform-
 * Regular.ttf (Debian package fonts-noto-core)"), or NULL when no font on
 * this machine has it. Reads the system's font configuration (only here);
 * g_free the result. */
char *lp_fonts_covering(gunichar ch);
