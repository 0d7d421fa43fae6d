/* The folded-leaflet composer (layouts of kind "folded", e.g. a DL tri-fold):
 * one sheet, two sides of panels (panels: in the layout), each panel holding
 * what its role says: the cover (the band), the back (the contact), the flap
 * (the key points), or the article's text, which flows from text panel to
 * text panel in reading order. */
#pragma once
#include "layout/layout.h"

LpBook *lp_folded_compose(const LpLayoutInput *in, GError **err);
void lp_folded_keys(const LpLayoutSpec *spec, GHashTable *keys);
