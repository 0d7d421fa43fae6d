/* The cache of libhyphen automatons: what comes back from the cache is the
 * automaton libhyphen builds, state for state; a damaged cache file (cut
 * short, bytes flipped, another format) is ignored and rewritten, never
 * used; a changed pattern file gets a cache of its own. Runs with its own
 * cache folder. */
#include <glib/gstdio.h>
#include <string.h>

#include "layout/hyphcache.h"
#include "testutil.h"

#define DICT "/usr/share/hyphen/hyph_de_DE.dic"

static void same_level(const HyphenDict *a, const HyphenDict *b) {
  g_assert_cmpint(a->lhmin, ==, b->lhmin);
  g_assert_cmpint(a->rhmin, ==, b->rhmin);
  g_assert_cmpint(a->clhmin, ==, b->clhmin);
  g_assert_cmpint(a->crhmin, ==, b->crhmin);
  g_assert_cmpint(a->nohyphenl, ==, b->nohyphenl);
  g_assert_cmpstr(a->nohyphen, ==, b->nohyphen);
  g_assert_cmpstr(a->cset, ==, b->cset);
  g_assert_cmpint(a->utf8, ==, b->utf8);
  g_assert_cmpint(a->num_states, ==, b->num_states);
  for (int i = 0; i < a->num_states; i++) {
    const HyphenState *x = &a->states[i], *y = &b->states[i];
    g_assert_cmpstr(x->match, ==, y->match);
    g_assert_cmpstr(x->repl, ==, y->repl);
    if (x->match) { /* libhyphen leaves them unset on prefix states */
      g_assert_cmpint(x->replindex, ==, y->replindex);
      g_assert_cmpint(x->replcut, ==, y->replcut);
    }
    g_assert_cmpint(x->fallback_state, ==, y->fallback_state);
    g_assert_cmpint(x->num_trans, ==, y->num_trans);
    for (int t = 0; t < x->num_trans; t++) {
      g_assert_cmpint(x->trans[t].ch, ==, y->trans[t].ch);
      g_assert_cmpint(x->trans[t].new_state, ==, y->trans[t].new_state);
    }
  }
  g_assert_true((a->nextlevel == NULL) == (b->nextlevel == NULL));
}

static char *only_cache_file(void) {
  char *dir = g_build_filename(g_get_user_cache_dir(), "leafpress", NULL);
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  const char *name = g_dir_read_name(d);
  g_assert_nonnull(name);
  char *path = g_build_filename(dir, name, NULL);
  g_assert_null(g_dir_read_name(d));
  g_dir_close(d);
  g_free(dir);
  return path;
}

static void hyphenate_same(HyphenDict *a, HyphenDict *b) {
  /* Latin-1, as the German patterns are. */
  const char *words[] = {"kopfschmerzen", "schmerzmittel", "behandlung", "nebenwirkungen", "m\xfc" "digkeit"};
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++) {
    int n = (int)strlen(words[i]);
    char ha[64] = {0}, hb[64] = {0};
    char **rep_a = NULL, **rep_b = NULL;
    int *pos_a = NULL, *pos_b = NULL, *cut_a = NULL, *cut_b = NULL;
    g_assert_cmpint(hnj_hyphen_hyphenate2(a, words[i], n, ha, NULL, &rep_a, &pos_a, &cut_a), ==, 0);
    g_assert_cmpint(hnj_hyphen_hyphenate2(b, words[i], n, hb, NULL, &rep_b, &pos_b, &cut_b), ==, 0);
    g_assert_cmpstr(ha, ==, hb);
    g_assert_true(strchr(ha, '1') || strchr(ha, '3') || strchr(ha, '5')); /* some break found */
  }
}

/* libhyphen's own load, once: it takes seconds. */
static HyphenDict *fresh_dict(void) {
  static HyphenDict *d;
  if (!d)
    d = lp_hyph_cache_load_fresh(DICT);
  return d;
}

static void test_round_trip(void) {
  HyphenDict *fresh = fresh_dict();
  g_assert_nonnull(fresh);
  HyphenDict *first = lp_hyph_cache_load(DICT); /* builds and writes the cache */
  char *file = only_cache_file();
  HyphenDict *cached = lp_hyph_cache_load(DICT); /* reads it */
  same_level(fresh, first);
  same_level(fresh, cached);
  g_assert_nonnull(cached->nextlevel);
  same_level(fresh->nextlevel, cached->nextlevel);
  hyphenate_same(fresh, cached);
  lp_hyph_cache_free(cached);
  lp_hyph_cache_free(first);
  g_free(file);
}

static void damage_and_load(const char *what, void (*damage)(const char *file)) {
  HyphenDict *fresh = fresh_dict();
  HyphenDict *warm = lp_hyph_cache_load(DICT);
  lp_hyph_cache_free(warm);
  char *file = only_cache_file();
  damage(file);
  HyphenDict *d = lp_hyph_cache_load(DICT);
  g_test_message("%s: loaded", what);
  same_level(fresh, d);
  /* ... and the damaged file has been rewritten whole. */
  HyphenDict *again = lp_hyph_cache_load(DICT);
  same_level(fresh, again);
  lp_hyph_cache_free(again);
  lp_hyph_cache_free(d);
  g_free(file);
}

static void cut_short(const char *file) {
  char *data;
  gsize len;
  g_assert_true(g_file_get_contents(file, &data, &len, NULL));
  g_assert_true(g_file_set_contents(file, data, (gssize)(len / 2), NULL));
  g_free(data);
}

static void flip_bytes(const char *file) {
  char *data;
  gsize len;
  g_assert_true(g_file_get_contents(file, &data, &len, NULL));
  /* A state index past the end, somewhere in the middle. */
  for (gsize i = len / 3; i < len / 3 + 64; i++)
    data[i] = (char)0xff;
  g_assert_true(g_file_set_contents(file, data, (gssize)len, NULL));
  g_free(data);
}

static void other_format(const char *file) { g_assert_true(g_file_set_contents(file, "LPHYPH99 garbage", -1, NULL)); }

/* A pattern file that changes is not served from the cache of its old
 * contents: the cache follows the file (its identity changes with it). */
static void test_changed_dictionary(void) {
  char *data;
  gsize len;
  g_assert_true(g_file_get_contents("/usr/share/hyphen/hyph_en_US.dic", &data, &len, NULL));
  char *copy = lp_test_write("dicts/hyph_en_US.dic", data);
  HyphenDict *before = lp_hyph_cache_load(copy);
  HyphenDict *again = lp_hyph_cache_load(copy); /* from the cache */
  same_level(before, again);
  /* One more pattern: a break between "q" and "x", which English never has. */
  char *changed = g_strconcat(data, data[len - 1] == '\n' ? "" : "\n", "q1x\n", NULL);
  g_assert_true(g_file_set_contents(copy, changed, -1, NULL));
  HyphenDict *fresh = lp_hyph_cache_load_fresh(copy);
  HyphenDict *after = lp_hyph_cache_load(copy);
  char h_before[32] = {0}, h_after[32] = {0};
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  g_assert_cmpint(hnj_hyphen_hyphenate2(before, "aqxaqxaqxa", 10, h_before, NULL, &rep, &pos, &cut), ==, 0);
  g_assert_cmpint(hnj_hyphen_hyphenate2(after, "aqxaqxaqxa", 10, h_after, NULL, &rep, &pos, &cut), ==, 0);
  g_assert_cmpstr(h_before, !=, h_after);
  same_level(fresh, after);
  if (fresh->nextlevel)
    same_level(fresh->nextlevel, after->nextlevel);
  lp_hyph_cache_free(after);
  lp_hyph_cache_free(fresh);
  lp_hyph_cache_free(again);
  lp_hyph_cache_free(before);
  g_free(changed);
  g_free(copy);
  g_free(data);
}

/* Cache files that pass every count and index but would send libhyphen into
 * endless work (found by fuzz_hyphcache): an empty replacement string, an
 * empty no-hyphen entry. Both refused. */
static void test_refused_automatons(void) {
  const char *files[] = {"tests/fuzz/regress/hyphcache/empty-replacement.bin",
                         "tests/fuzz/regress/hyphcache/empty-nohyphen.bin"};
  for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
    char *path = lp_test_source(files[i]), *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_assert_null(lp_hyph_cache_parse(data, len)); /* takes the bytes */
    g_free(path);
  }
  /* ... while the seed they were made from is a sound automaton. */
  char *seed = lp_test_source("tests/fuzz/corpus/hyphcache/two-patterns-utf8.bin"), *data;
  gsize len;
  g_assert_true(g_file_get_contents(seed, &data, &len, NULL));
  HyphenDict *d = lp_hyph_cache_parse(data, len);
  g_assert_nonnull(d);
  g_assert_nonnull(d->nextlevel);
  lp_hyph_cache_free(d);
  g_free(seed);
}

static void test_cut_short(void) { damage_and_load("cut short", cut_short); }
static void test_flipped(void) { damage_and_load("flipped bytes", flip_bytes); }
static void test_other_format(void) { damage_and_load("other format", other_format); }

int main(int argc, char **argv) {
  char *dir = g_build_filename(lp_test_tmp(), "cache", NULL);
  /* An empty cache folder: the first load must build and write. */
  char *sub = g_build_filename(dir, "leafpress", NULL);
  GDir *d = g_dir_open(sub, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    char *f = g_build_filename(sub, name, NULL);
    g_unlink(f);
    g_free(f);
  }
  if (d)
    g_dir_close(d);
  g_free(sub);
  g_setenv("XDG_CACHE_HOME", dir, TRUE);
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/hyphcache/round-trip", test_round_trip);
  g_test_add_func("/hyphcache/cut-short", test_cut_short);
  g_test_add_func("/hyphcache/flipped-bytes", test_flipped);
  g_test_add_func("/hyphcache/other-format", test_other_format);
  g_test_add_func("/hyphcache/changed-dictionary", test_changed_dictionary);
  g_test_add_func("/hyphcache/refused-automatons", test_refused_automatons);
  int rc = g_test_run();
  lp_hyph_cache_free(fresh_dict());
  g_free(dir);
  return rc;
}
