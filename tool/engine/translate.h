/* What `leafpress translate SOURCE LANG` writes: a translator's start.
 *
 * The new translation is the source's own file with every text a reader sees
 * (the title, the card's points, the timeline's labels and notes, each
 * heading, paragraph and list item) kept, marked with LP_UNTRANSLATED in
 * front, so that the translator replaces it in place and the structure stays
 * the source's; `lang:` is the new language, `review: draft`, and
 * `translates:` records the source's sections as they are now. `check`
 * refuses a file that still holds the mark. When the language has no labels,
 * a labels file of the project is made from the English one, marked the same
 * way.
 *
 * The result is proven before it is returned: it reads as an article and
 * `check`'s structure comparison finds nothing. Nothing here writes a file;
 * the front end does. */
#pragma once
#include "engine/engine.h"
#include "engine/scaffold.h"

/* The mark in front of each text still to translate. */
#define LP_UNTRANSLATED "TODO-translate"

/* The files (LpScaffoldFile*, paths relative to the project's folder or
 * absolute): the translation beside its source (or at `output`), then the
 * labels file when one is needed. Errors: an unknown language (usage, exit 2,
 * naming the nearest), a source that is itself a translation (exit 1). */
GPtrArray *lp_translate_files(LpEngine *engine, LpCtx *ctx, const char *source, const char *lang,
                              const char *output, GError **err);

/* Appends to `problems` one error for each file among `paths` (char*) that
 * still holds LP_UNTRANSLATED: at its first place, with their number. */
void lp_translate_find_untranslated(LpCtx *ctx, const GPtrArray *paths, GPtrArray *problems);
