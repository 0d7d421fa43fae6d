#include "layout/hyph.h"

#include <hyphen.h>

#include "layout/hyphcache.h"
#include <string.h>

#ifndef LP_HYPHEN_DIR
#define LP_HYPHEN_DIR "/usr/share/hyphen"
#endif

struct LpHyph {
  HyphenDict *dict; /* NULL for languages hyphenated by rule (Turkish) */
  char *charset; /* the dictionary's encoding; words are converted to it */
  gboolean utf8;
};

/* Turkish syllables are regular: a consonant followed by a vowel starts a
 * syllable (ka-pı, Bo-toks, has-ta, kork-mak), and two vowels in a row belong
 * to two syllables (sa-at). Debian has no Turkish dictionary for libhyphen;
 * these two rules are the whole of Turkish hyphenation. */
static gboolean tr_vowel(gunichar c) {
  return strchr("aeiou", (int)c) ? c < 128 : c == 0x0131 || c == 0x00F6 || c == 0x00FC || c == 0x00E2 ||
                                             c == 0x00EE || c == 0x00FB;
}

static void tr_breaks(const char *word, glong n, gboolean *breaks) {
  gunichar *c = g_new(gunichar, n);
  const char *p = word;
  for (glong i = 0; i < n; i++, p = g_utf8_next_char(p))
    c[i] = g_unichar_tolower(g_utf8_get_char(p));
  gboolean seen_vowel = FALSE;
  for (glong i = 0; i < n; i++) {
    gboolean v = tr_vowel(c[i]);
    if (i > 0 && i + 1 < n && !v && tr_vowel(c[i + 1]) && seen_vowel)
      breaks[i] = TRUE;
    else if (i > 0 && v && tr_vowel(c[i - 1]))
      breaks[i] = TRUE;
    seen_vowel |= v;
  }
  for (glong i = 0; i < n; i++)
    if (i < LP_HYPH_MIN_LEFT || n - i < LP_HYPH_MIN_RIGHT)
      breaks[i] = FALSE;
  g_free(c);
}

static GMutex cache_lock;
static GHashTable *cache; /* dictionary name → LpHyph* or a NULL marker */

#define TURKISH_RULES "syllables-tr"

char *lp_hyph_dict_file(const char *dictionary) {
  if (!dictionary || strcmp(dictionary, TURKISH_RULES) == 0 || strchr(dictionary, '/'))
    return NULL;
  char *path = g_build_filename(LP_HYPHEN_DIR, dictionary, NULL);
  if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer(&path, g_free);
  return path;
}

gboolean lp_hyph_known(const char *dictionary) {
  if (!dictionary)
    return TRUE;
  if (strcmp(dictionary, TURKISH_RULES) == 0)
    return TRUE;
  char *path = lp_hyph_dict_file(dictionary);
  g_free(path);
  return path != NULL;
}

static LpHyph *load(const char *dictionary) {
  if (strcmp(dictionary, TURKISH_RULES) == 0)
    return g_new0(LpHyph, 1);
  char *path = lp_hyph_dict_file(dictionary);
  if (!path)
    return NULL;
  LpHyph *h = NULL;
  char *first = NULL;
  /* The first line of a dictionary names its encoding. */
  FILE *f = fopen(path, "r");
  if (f) {
    char line[64];
    if (fgets(line, sizeof line, f))
      first = g_strstrip(g_strdup(line));
    fclose(f);
  }
  HyphenDict *dict = first ? lp_hyph_cache_load(path) : NULL;
  if (dict) {
    h = g_new0(LpHyph, 1);
    h->dict = dict;
    h->utf8 = g_ascii_strcasecmp(first, "UTF-8") == 0;
    /* iconv spells ISO8859-1 with a dash. */
    h->charset = g_ascii_strncasecmp(first, "ISO8859", 7) == 0 ? g_strdup_printf("ISO-8859%s", first + 7)
                                                                 : g_strdup(first);
  }
  g_free(first);
  g_free(path);
  return h;
}

const LpHyph *lp_hyph_for(const char *dictionary) {
  if (!dictionary)
    return NULL;
  g_mutex_lock(&cache_lock);
  if (!cache)
    cache = g_hash_table_new(g_str_hash, g_str_equal);
  gpointer value;
  if (!g_hash_table_lookup_extended(cache, dictionary, NULL, &value)) {
    value = load(dictionary);
    g_hash_table_insert(cache, g_strdup(dictionary), value);
  }
  g_mutex_unlock(&cache_lock);
  return value;
}

/* Fills `breaks[i]` (character index) with TRUE where the word may break
 * before character i. */
static void word_breaks(const LpHyph *h, const char *word, gsize bytes, glong nchars, gboolean *breaks) {
  if (!h->dict) {
    tr_breaks(word, nchars, breaks);
    return;
  }
  char *lower = g_utf8_strdown(word, (gssize)bytes);
  char *enc;
  gsize enc_len;
  if (h->utf8) {
    enc = g_strdup(lower);
    enc_len = strlen(enc);
  } else {
    enc = g_convert(lower, -1, h->charset, "UTF-8", NULL, &enc_len, NULL);
    /* A letter the dictionary's charset lacks: leave the word whole. */
    if (!enc || (glong)enc_len != g_utf8_strlen(lower, -1)) {
      g_free(enc);
      g_free(lower);
      return;
    }
  }
  char *hyphens = g_malloc0(enc_len + 5);
  char *hword = g_malloc0(enc_len * 2 + 1);
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  if (hnj_hyphen_hyphenate3(h->dict, enc, (int)enc_len, hyphens, hword, &rep, &pos, &cut, LP_HYPH_MIN_LEFT,
                            LP_HYPH_MIN_RIGHT, LP_HYPH_MIN_LEFT, LP_HYPH_MIN_RIGHT) == 0) {
    /* hyphens[i] odd: a break after character i — libhyphen counts
     * characters in UTF-8 dictionaries too (and bytes are characters in
     * 8-bit ones). Non-standard breaks (with replacements) are skipped. */
    for (glong ch = 0; ch + 1 < nchars; ch++)
      if ((hyphens[ch] & 1) && !(rep && rep[ch]))
        breaks[ch + 1] = TRUE;
  }
  if (rep) {
    for (gsize i = 0; i < enc_len; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  g_free(hyphens);
  g_free(hword);
  g_free(enc);
  g_free(lower);
}

static gboolean is_word_char(gunichar c) { return g_unichar_isalpha(c) || g_unichar_ismark(c); }

/* Calls `fn` for each hyphenation point of `text` (a byte offset). */
static void each_break(const LpHyph *h, const char *text, GHashTable *words, void (*fn)(gsize offset, gpointer data),
                       gpointer data) {
  const char *p = text;
  while (*p) {
    if (!is_word_char(g_utf8_get_char(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    glong n = 0;
    /* An acronym: letters that have case, all capitals (scripts without
     * case, Devanagari or Tamil, have no acronyms to keep). */
    gboolean all_upper = TRUE, cased = FALSE;
    while (*p && is_word_char(g_utf8_get_char(p))) {
      gunichar c = g_utf8_get_char(p);
      if (g_unichar_islower(c))
        all_upper = FALSE;
      cased |= g_unichar_islower(c) || g_unichar_isupper(c);
      p = g_utf8_next_char(p);
      n++;
    }
    all_upper = all_upper && cased;
    /* Short words and acronyms stay whole. */
    if (n < LP_HYPH_MIN_WORD || all_upper || n > 64)
      continue;
    if (words && !g_hash_table_contains(words, GSIZE_TO_POINTER((gsize)(start - text))))
      continue;
    gboolean *breaks = g_new0(gboolean, n + 1);
    word_breaks(h, start, (gsize)(p - start), n, breaks);
    /* Whatever the dictionary says: enough letters on each side, and never
     * a break before a combining mark (a vowel sign belongs to its letter). */
    const char *q = start;
    for (glong i = 0; i < n; i++, q = g_utf8_next_char(q))
      if (breaks[i] && i >= LP_HYPH_MIN_LEFT && n - i >= LP_HYPH_MIN_RIGHT && !g_unichar_ismark(g_utf8_get_char(q)))
        fn((gsize)(q - text), data);
    g_free(breaks);
  }
}

static void collect(gsize offset, gpointer data) {
  g_array_append_val((GArray *)data, offset);
}

/* Offsets in the new text: each soft hyphen before `o` moves it by 2 bytes. */
static guint shifted(const GArray *at, guint o) {
  guint n = 0;
  while (n < at->len && g_array_index(at, gsize, n) < o)
    n++;
  return o + 2 * n;
}

LpRich *lp_hyph_apply(const LpHyph *h, const LpRich *in, GHashTable *words) {
  const char *text = lp_rich_text(in);
  GArray *at = g_array_new(FALSE, FALSE, sizeof(gsize));
  each_break(h, text, words, collect, at);
  /* A word in another language (a span with its own lang) is not broken by
   * this language's dictionary: it stays whole. */
  for (guint i = 0; i < at->len;)
    if (lp_rich_lang_at(in, g_array_index(at, gsize, i)))
      g_array_remove_index(at, i);
    else
      i++;
  GString *s = g_string_sized_new(lp_rich_length(in) + 2 * at->len);
  gsize pos = 0;
  for (guint i = 0; i < at->len; i++) {
    gsize b = g_array_index(at, gsize, i);
    g_string_append_len(s, text + pos, (gssize)(b - pos));
    g_string_append(s, "\xC2\xAD");
    pos = b;
  }
  g_string_append(s, text + pos);
  LpRich *out = lp_rich_new_plain(s->str);
  for (guint i = 0; i < lp_rich_n_spans(in); i++) {
    const LpSpan *sp = lp_rich_span(in, i);
    lp_rich_add_span(out, shifted(at, sp->start), shifted(at, sp->end), sp->flags, sp->href, sp->lang);
  }
  g_string_free(s, TRUE);
  g_array_free(at, TRUE);
  return out;
}

char *lp_hyph_word(const LpHyph *h, const char *word) {
  LpRich *r = lp_rich_new_plain(word);
  LpRich *o = lp_hyph_apply(h, r, NULL);
  GString *s = g_string_new(NULL);
  for (const char *p = lp_rich_text(o); *p; p = g_utf8_next_char(p)) {
    if (g_utf8_get_char(p) == 0x00AD)
      g_string_append_c(s, '-');
    else
      g_string_append_unichar(s, g_utf8_get_char(p));
  }
  lp_rich_free(r);
  lp_rich_free(o);
  return g_string_free(s, FALSE);
}
