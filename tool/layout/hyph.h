/* Hyphenation with libhyphen and Debian's hyphen-* dictionaries.
 *
 * Turkish, which has no dictionary in Debian, is hyphenated by its regular
 * syllable rules. Patient leaflets hyphenate little: only words of at least LP_HYPH_MIN_WORD
 * letters, never leaving fewer than three letters on either side, and (para.c)
 * only where a line would otherwise end far short of the measure. Break points
 * become soft hyphens (U+00AD) in the text given to pango, which breaks lines
 * there and draws the hyphen only where a line actually breaks. */
#pragma once
#include "doc/rich.h"

#define LP_HYPH_MIN_WORD 8
#define LP_HYPH_MIN_LEFT 3
#define LP_HYPH_MIN_RIGHT 3

typedef struct LpHyph LpHyph;

/* The dictionary for a language, loaded once per process; NULL when Debian has
 * none (Arabic is not hyphenated). Thread-safe. */
const LpHyph *lp_hyph_for(const char *lang);

/* The dictionary file a language's hyphenation reads (newly allocated), or
 * NULL when it reads none: an input of every output in that language. */
char *lp_hyph_dict_file(const char *lang);

/* A copy of `text` with soft hyphens at the allowed break points of long words;
 * with `words` (byte offsets where a word starts), only in those words. */
LpRich *lp_hyph_apply(const LpHyph *hyph, const LpRich *text, GHashTable *words);

/* The word with '-' at its break points (for the tests). */
char *lp_hyph_word(const LpHyph *hyph, const char *word);
