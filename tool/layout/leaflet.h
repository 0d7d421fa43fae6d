/* The leaflet composer (layouts of kind "leaflet"). */
#pragma once
#include "layout/layout.h"

LpBook *lp_leaflet_compose(const LpLayoutInput *in, GError **err);
