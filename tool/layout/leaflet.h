/* The leaflet composer (layouts of kind "leaflet"). */
#pragma once
#include "layout/layout.h"

LpBook *lp_leaflet_compose(const LpLayoutInput *in, GError **err);
/* The values a leaflet of `spec` prints (lp_layout_keys). */
void lp_leaflet_keys(const LpLayoutSpec *spec, GHashTable *keys);
