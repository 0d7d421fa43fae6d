/* The card composer (layouts of kind "card"): two sides, each a stack of blocks
 * (band, points, date, contact; heading, timeline, phases, advice; version), with
 * copy-fit: text that does not fit shrinks in small steps down to its style's
 * floor, and below the floor the build fails saying by how much. */
#pragma once
#include "layout/layout.h"

LpBook *lp_card_compose(const LpLayoutInput *in, GError **err);
/* The values a card of `spec` prints (lp_layout_keys). */
void lp_card_keys(const LpLayoutSpec *spec, GHashTable *keys);

/* Copy-fit's step, pt. */
#define LP_COPYFIT_STEP 0.25
