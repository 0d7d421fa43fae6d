/* libhyphen's automaton, kept between runs.
 *
 * hnj_hyphen_load builds the automaton of a pattern file every time; for the
 * German patterns (78 000 of them, 290 000 states) that takes 2.4 s here,
 * which every German build would pay. The automaton is plain data
 * (HyphenDict in hyphen.h), so after one load it is written to the user's
 * cache folder, named by the pattern file's identity (path, device, inode,
 * size, modification time), and read back in milliseconds by later runs. A cache that is missing, unreadable, truncated
 * or from another layout of the structs is ignored and rewritten: the cache
 * can only save time, never change a hyphen. */
#pragma once
#include <glib.h>
#include <hyphen.h>

/* The automaton of the pattern file `path`, from the cache or from libhyphen;
 * NULL if the file cannot be read. Never freed: dictionaries live as long as
 * the process. */
HyphenDict *lp_hyph_cache_load(const char *path);

/* An automaton from a cache file's bytes (taken: kept with the automaton, or
 * freed), or NULL when they are not a sound cache file. */
HyphenDict *lp_hyph_cache_parse(char *bytes, gsize len);

/* Frees an automaton from either function (tests; leafpress keeps them). */
void lp_hyph_cache_free(HyphenDict *dict);

/* The same without the cache (tests compare the two). */
HyphenDict *lp_hyph_cache_load_fresh(const char *path);
