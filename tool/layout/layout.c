#include "layout/layout.h"

#include "layout/card.h"
#include "layout/leaflet.h"

LpBook *lp_layout_run(const LpLayoutInput *in, GError **err) {
  switch (in->spec->kind) {
  case LP_KIND_LEAFLET:
    return lp_leaflet_compose(in, err);
  case LP_KIND_CARD:
    return lp_card_compose(in, err);
  }
  lp_set_error(err, LP_EXIT_IO, NULL, "internal error: unknown layout kind");
  return NULL;
}
