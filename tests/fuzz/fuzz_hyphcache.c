/* Fuzz target: a hyphenation cache file (layout/hyphcache.c) as it may be
 * found in the user's cache folder, damaged or not. It is refused, or it is
 * an automaton that libhyphen can run over any word. */
#include <string.h>

#include "fuzz.h"
#include "layout/hyph.h"
#include "layout/hyphcache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *bytes = g_malloc(size + 1);
  memcpy(bytes, data, size);
  HyphenDict *d = lp_hyph_cache_parse(bytes, size);
  if (!d)
    return 0;
  static const char *const words[] = {"example", "abcd", "ba", "a", "hyphenation", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++) {
    int n = (int)strlen(words[i]);
    char hyphens[64] = {0}, hword[128] = {0};
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    hnj_hyphen_hyphenate3(d, words[i], n, hyphens, hword, &rep, &pos, &cut, LP_HYPH_MIN_LEFT, LP_HYPH_MIN_RIGHT, 2,
                          2);
    if (rep) {
      for (int k = 0; k < n; k++)
        free(rep[k]);
      free(rep);
    }
    free(pos);
    free(cut);
  }
  lp_hyph_cache_free(d);
  return 0;
}
