#include "layout/layout.h"

#include "layout/card.h"
#include "layout/folded.h"
#include "layout/leaflet.h"

/* Every kind of layout, by the kind a layout file names (doc/style.h): a
 * new kind is a composer and one entry here. */
typedef LpBook *(*LpComposeFn)(const LpLayoutInput *in, GError **err);

static const LpComposeFn composers[] = {
    [LP_KIND_LEAFLET] = lp_leaflet_compose,
    [LP_KIND_CARD] = lp_card_compose,
    [LP_KIND_FOLDED] = lp_folded_compose,
};
G_STATIC_ASSERT(G_N_ELEMENTS(composers) == LP_KIND_COUNT);

/* A family the fonts do not have would silently become another. */
static gboolean check_fonts(const LpLayoutInput *in, GError **err) {
  for (int i = 0; i < LP_STYLE_COUNT; i++) {
    const LpStyle *st = &in->spec->styles[i];
    if (!st->font || lp_fonts_has_family(in->fonts, st->font))
      continue;
    const char *const *families = lp_fonts_families(in->fonts);
    const char *near = lp_nearest(st->font, families);
    char *list = g_strjoinv(", ", (char **)families);
    char *hint = near ? g_strdup_printf("did you mean '%s'? (the fonts there are: %s)", near, list)
                      : g_strdup_printf("the fonts there are: %s; put the font's files in the project's fonts/ folder",
                                        list);
    lp_set_error_hint(err, LP_EXIT_INPUT, &st->pos, hint,
                      "style '%s': no font of the family '%s' is installed where fonts/fonts.conf looks",
                      lp_style_name((LpStyleId)i), st->font);
    g_free(hint);
    g_free(list);
    return FALSE;
  }
  return TRUE;
}

/* What each kind prints, beside the values every kind uses. */
typedef void (*LpKeysFn)(const LpLayoutSpec *spec, GHashTable *keys);

static const LpKeysFn key_lists[] = {
    [LP_KIND_LEAFLET] = lp_leaflet_keys,
    [LP_KIND_CARD] = lp_card_keys,
    [LP_KIND_FOLDED] = lp_folded_keys,
};
G_STATIC_ASSERT(G_N_ELEMENTS(key_lists) == LP_KIND_COUNT);

void lp_layout_keys(const LpLayoutSpec *spec, GHashTable *keys) {
  /* The PDF's author; the brand colour and the logo (engine/values.c). */
  static const char *const every[] = {"clinic.name", "clinic.color", "clinic.tint", "clinic.logo", "lang"};
  for (gsize i = 0; i < G_N_ELEMENTS(every); i++)
    g_hash_table_add(keys, g_strdup(every[i]));
  if ((int)spec->kind >= 0 && spec->kind < LP_KIND_COUNT)
    key_lists[spec->kind](spec, keys);
}

LpBook *lp_layout_run(const LpLayoutInput *in, GError **err) {
  if (!check_fonts(in, err))
    return NULL;
  if ((int)in->spec->kind < 0 || in->spec->kind >= LP_KIND_COUNT) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error: unknown layout kind");
    return NULL;
  }
  /* A script whose letters reach far above and below the line (Nastaliq)
   * needs more room between lines than a layout's leading for Latin text
   * gives: the language's factor widens every style's, for this run only
   * (the layout is shared by every language of a batch). The copy is shallow:
   * it owns nothing and is never freed. */
  if (in->lang && in->lang->leading > 1.0) {
    LpLayoutSpec spec = *in->spec;
    for (int i = 0; i < LP_STYLE_COUNT; i++)
      spec.styles[i].leading *= in->lang->leading;
    LpLayoutInput wide = *in;
    wide.spec = &spec;
    return composers[spec.kind](&wide, err);
  }
  return composers[in->spec->kind](in, err);
}
