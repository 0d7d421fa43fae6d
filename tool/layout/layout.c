#include "layout/layout.h"

#include "layout/card.h"
#include "layout/leaflet.h"

/* Every kind of layout, by the kind a layout file names (doc/style.h): a
 * new kind is a composer and one entry here. */
typedef LpBook *(*LpComposeFn)(const LpLayoutInput *in, GError **err);

static const LpComposeFn composers[] = {
    [LP_KIND_LEAFLET] = lp_leaflet_compose,
    [LP_KIND_CARD] = lp_card_compose,
};
G_STATIC_ASSERT(G_N_ELEMENTS(composers) == LP_KIND_COUNT);

LpBook *lp_layout_run(const LpLayoutInput *in, GError **err) {
  if ((int)in->spec->kind < 0 || in->spec->kind >= LP_KIND_COUNT) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error: unknown layout kind");
    return NULL;
  }
  return composers[in->spec->kind](in, err);
}
