/* Hyphenation with libhyphen and Debian's hyphen-* dictionaries.
 *
 * Which dictionary a language uses is data (layouts/languages.yaml). Turkish,
 * which has no dictionary in Debian, is hyphenated by its regular syllable
 * rules. Patient leaflets hyphenate little: only words of at least LP_HYPH_MIN_WORD
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

/* A hyphenation by the name the language data gives it (doc/lang.h): a
 * dictionary file of Debian's /usr/share/hyphen, or "syllables-tr" (the
 * Turkish rules); loaded once per process; NULL for NULL or a dictionary that
 * is not installed. Thread-safe. */
const LpHyph *lp_hyph_for(const char *dictionary);
/* Whether the named hyphenation can be had (NULL, none, is fine). */
gboolean lp_hyph_known(const char *dictionary);

/* The file a hyphenation reads (newly allocated), or NULL when it reads
 * none: an input of every output in that language. */
char *lp_hyph_dict_file(const char *dictionary);

/* A copy of `text` with soft hyphens at the allowed break points of long words;
 * with `words` (byte offsets where a word starts), only in those words. */
LpRich *lp_hyph_apply(const LpHyph *hyph, const LpRich *text, GHashTable *words);

/* The word with '-' at its break points (for the tests). */
char *lp_hyph_word(const LpHyph *hyph, const char *word);
