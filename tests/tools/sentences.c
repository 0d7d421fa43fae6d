/* sentences [--loose|--exact] SOURCE EXTRACTED: checks that every sentence of
 * SOURCE (plain text, or an article: front matter, fenced blocks and Markdown
 * markers are skipped) occurs in EXTRACTED (pdftotext output), whole and in
 * order.
 * Whitespace is compared loosely, and a soft hyphen at a line end (a
 * hyphenation point the layout used) joins the word again. Prints each missing
 * sentence; exit 1 if any.
 *
 * A line of EXTRACTED that is part of the article's timeline figure (its
 * caption, tick, phase, "who" or marker labels) is left out first: a figure
 * that floats to the next page stands between the two halves of a sentence,
 * and pdftotext's order puts its labels in the sentence's way.
 *
 * --loose compares letters and digits only, in order: pdftotext's guess at the
 * logical order of right-to-left lines moves spaces, punctuation and marks
 * around (it puts "،" before the space, not after), none of which is in the
 * PDF, and it inserts bidi control characters.
 *
 * --exact is what a reader's plain search finds: both texts in Unicode NFC,
 * any run of white space (a line break too) as one space, and nothing else
 * forgiven: no soft or hard hyphen at a line end joined, no bidi control
 * dropped. Each sentence is looked for anywhere (readers order columns and
 * right-to-left lines their own way); the figure's lines are still left out. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

static gboolean loose, exact;
/* normalise() --exact keeps every line break, even one beside a letter of a
 * script without spaces (for split_on_page()). */
static gboolean keep_breaks;

static gboolean unspaced(gunichar c);

/* The figure's strings: the values of caption:, label: and who: lines inside
 * the article's ```timeline block, the caption first. */
static GPtrArray *figure_strings(const char *article) {
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  const char *start = strstr(article, "```timeline");
  const char *end = start ? strstr(start + 3, "\n```") : NULL;
  if (!start || !end)
    return out;
  char *block = g_strndup(start, (gsize)(end - start));
  GRegex *re = g_regex_new("(caption|label|who): *\"?([^\"}\n]*)\"?", 0, 0, NULL);
  GMatchInfo *m;
  g_regex_match(re, block, 0, &m);
  while (g_match_info_matches(m)) {
    char *v = g_match_info_fetch(m, 2);
    g_ptr_array_add(out, g_strstrip(v));
    g_match_info_next(m, NULL);
  }
  g_match_info_free(m);
  g_regex_unref(re);
  g_free(block);
  return out;
}

/* Drops the lines of `text` that belong to the figure. */
static char *without_figure(const char *text, const GPtrArray *figure, const char *prose) {
  GString *out = g_string_new(NULL);
  char **lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l; l++) {
    /* pdftotext wraps right-to-left lines in bidi controls. */
    GString *bare = g_string_new(NULL);
    for (const char *p = *l; *p; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (!(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar(bare, c);
    }
    g_strstrip(bare->str);
    gboolean figure_line = FALSE;
    for (guint i = 0; *bare->str && i < figure->len && !figure_line; i++) {
      const char *f = g_ptr_array_index((GPtrArray *)figure, i);
      /* The whole label, a wrapped piece of one (long enough not to be a
       * stray word of the text), or the caption's line ("Figure 1 · …"). */
      figure_line = strcmp(f, bare->str) == 0 ||
                    (g_utf8_strlen(bare->str, -1) >= 8 && strstr(f, bare->str) && !strstr(prose, bare->str)) ||
                    (i == 0 && strstr(bare->str, f));
      /* (A wrapped piece that the prose has too is the prose's: a heading
       * that starts as the caption does.) */
    }
    if (!figure_line) {
      g_string_append(out, *l);
      g_string_append_c(out, '\n');
    }
    g_string_free(bare, TRUE);
  }
  g_strfreev(lines);
  return g_string_free(out, FALSE);
}

/* Drops bidi controls (what poppler wraps right-to-left lines in). */
static char *without_bidi_controls(const char *in) {
  GString *out = g_string_new(NULL);
  for (const char *p = in; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069) && c != 0x200E && c != 0x200F)
      g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

/* A line with its digits and bidi controls gone and trimmed: how a running
 * header or footer looks the same on every page whatever the page number. */
static char *running_key(const char *line) {
  char *bare = without_bidi_controls(line);
  GString *out = g_string_new(NULL);
  for (const char *p = bare; *p; p = g_utf8_next_char(p))
    if (!g_unichar_isdigit(g_utf8_get_char(p)))
      g_string_append_unichar(out, g_utf8_get_char(p));
  g_free(bare);
  g_strstrip(out->str);
  return g_string_free(out, FALSE);
}

/* Drops the lines that recur on every page of a text of several pages (form
 * feeds end pages): the running header and footer, the draft band. A
 * sentence that runs on to the next page is interrupted by them in every
 * reader's order. */
static char *without_running_lines(const char *text) {
  char **pages = g_strsplit(text, "\f", -1);
  guint n = 0; /* pages with text */
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (char **pg = pages; *pg; pg++) {
    char *trimmed = g_strstrip(g_strdup(*pg));
    gboolean empty = !*trimmed;
    g_free(trimmed);
    if (empty)
      continue;
    n++;
    GHashTable *here = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char **lines = g_strsplit(*pg, "\n", -1);
    for (char **l = lines; *l; l++) {
      char *key = running_key(*l);
      if (*key && !g_hash_table_contains(here, key)) {
        g_hash_table_add(here, g_strdup(key));
        g_hash_table_insert(seen, g_strdup(key),
                            GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(seen, key)) + 1));
      }
      g_free(key);
    }
    g_strfreev(lines);
    g_hash_table_unref(here);
  }
  GString *out = g_string_new(NULL);
  for (char **pg = pages; *pg; pg++) {
    char **lines = g_strsplit(*pg, "\n", -1);
    for (char **l = lines; *l; l++) {
      char *key = running_key(*l);
      if (n < 2 || !*key || GPOINTER_TO_UINT(g_hash_table_lookup(seen, key)) < n) {
        g_string_append(out, *l);
        g_string_append_c(out, '\n');
      }
      g_free(key);
    }
    g_strfreev(lines);
    if (pg[1])
      g_string_append_c(out, '\f');
  }
  g_hash_table_unref(seen);
  g_strfreev(pages);
  return g_string_free(out, FALSE);
}

/* The known differences --exact can be told to name (--known=A,B): what a
 * reader gets wrong that leafpress cannot mend (docs/translations.md,
 * "Readers"). A sentence missing from the exact text but found with these
 * allowed is reported as that known difference, not as found. */
typedef enum {
  KNOWN_HYPHEN = 1 << 0,    /* a word broken at a line end reads as two ("experi-" / "ence"), or
                             * a hard hyphen there is dropped ("BotoxInduced") */
  KNOWN_RTL_SPACE = 1 << 1, /* spaces between right-to-left words lost */
  KNOWN_BIDI = 1 << 2,      /* bidi controls wrapped around right-to-left lines */
  KNOWN_PUNCT = 1 << 3,     /* the space beside punctuation moved: "word ،word" */
  KNOWN_RTL_WORDS = 1 << 4, /* right-to-left lines in an order of the reader's own, or as
                             * presentation forms: each word's letters (NFKC) are there */
  KNOWN_RTL_LIGATURE = 1 << 5, /* with rtl-words: a ligature's two letters in reverse order
                                * ("عالج" for "علاج") */
  KNOWN_ZWNJ = 1 << 8,      /* zero-width non-joiners and joiners not in the text */
  KNOWN_EXTRA_SPACE = 1 << 9, /* a space read inside a word ("कु छ") */
  KNOWN_ORDER = 1 << 7,     /* a sentence in two parts on its page, whole lines each, in
                             * either order: the reader's order of columns and blocks */
} Known;

static const struct {
  const char *name;
  Known bit;
} known_names[] = {{"hyphen", KNOWN_HYPHEN}, {"rtl-space", KNOWN_RTL_SPACE}, {"bidi-controls", KNOWN_BIDI},
                   {"rtl-punct", KNOWN_PUNCT}, {"rtl-words", KNOWN_RTL_WORDS},
                   {"rtl-ligature", KNOWN_RTL_LIGATURE},
                   {"order", KNOWN_ORDER}, {"zwnj", KNOWN_ZWNJ}, {"extra-space", KNOWN_EXTRA_SPACE}};

static gboolean word_char(gunichar c) { return g_unichar_isalnum(c) || g_unichar_ismark(c); }

/* A pattern for `want` in the exact text (white space as "\n" or " ") that
 * allows what `known` names. */
static GRegex *known_pattern(const char *want, guint known) {
  GString *re = g_string_new(NULL);
  gunichar prev = 0;
  for (const char *p = want; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    gunichar next = g_utf8_get_char(g_utf8_next_char(p));
    gboolean punct = g_unichar_ispunct(c);
    if ((c == 0x200C || c == 0x200D) && known & KNOWN_ZWNJ) {
      g_string_append_printf(re, "(?:\\x{%X})?", (unsigned)c);
    } else if (c == ' ') {
      gboolean by_punct = known & KNOWN_PUNCT && (g_unichar_ispunct(prev) || g_unichar_ispunct(next));
      g_string_append(re, known & KNOWN_RTL_SPACE || by_punct ? "\\s*" : "\\s");
    } else {
      if (known & KNOWN_PUNCT && punct && prev != ' ')
        g_string_append(re, "\\s?");
      char buf[8] = {0};
      g_unichar_to_utf8(c, buf);
      char *q = g_regex_escape_string(buf, -1);
      g_string_append(re, q);
      g_free(q);
      /* Inside a word: a line break, after the hyphen a hyphenation point
       * shows (leafpress writes "-", other producers U+00AD), or none (a
       * reader that drops U+00AD); after a hard hyphen that joins two words. */
      if (known & KNOWN_EXTRA_SPACE && next && next != ' ')
        g_string_append(re, " ?");
      if (known & KNOWN_HYPHEN && next && next != ' ' &&
          ((word_char(c) && word_char(next)) || (c == '-' && prev && word_char(prev))))
        g_string_append(re, c == '-' ? "?(?:\\n\\s*)?" : "(?:[\\x{AD}-]?\\n\\s*)?"); /* a page break too */
    }
    prev = c;
  }
  GRegex *r = g_regex_new(re->str, G_REGEX_OPTIMIZE, 0, NULL);
  g_string_free(re, TRUE);
  return r;
}

/* Whether `word`, with one pair of neighbouring characters swapped, occurs in
 * `text` (a two-letter ligature read backwards). */
static gboolean found_swapped(const char *text, const char *word) {
  glong n = 0;
  gunichar *u = g_utf8_to_ucs4_fast(word, -1, &n);
  gboolean hit = FALSE;
  for (glong i = 0; i + 1 < n && !hit; i++) {
    gunichar t = u[i];
    u[i] = u[i + 1];
    u[i + 1] = t;
    char *s = g_ucs4_to_utf8(u, n, NULL, NULL, NULL);
    hit = s && strstr(text, s) != NULL;
    g_free(s);
    u[i + 1] = u[i];
    u[i] = t;
  }
  g_free(u);
  return hit;
}

/* Letters of scripts that put no space between words: Han, kana, Hangul
 * syllables (every boundary one a line may break at) and Thai (a line breaks
 * between its words, found by a dictionary). A sentence in them can be split
 * in two between two such letters; every caller also wants the first part to
 * end a line, which a Thai line does only between words. */
static gboolean splittable(gunichar c) {
  GUnicodeScript sc = g_unichar_get_script(c);
  return g_unichar_isalpha(c) && (sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA ||
                                  sc == G_UNICODE_SCRIPT_KATAKANA || sc == G_UNICODE_SCRIPT_HANGUL ||
                                  sc == G_UNICODE_SCRIPT_THAI);
}

/* The next place after `from` (a byte offset into `want`, -1 to start) where
 * `want` may be split in two parts: a space (the parts are what is before and
 * after it) or the boundary between two letters splittable() takes (nothing
 * lost between the parts). Sets the end of the first part and the start of the
 * second; FALSE when there is none. */
static gboolean next_split(const char *want, long from, long *a_end, long *b_start) {
  const char *p = from < 0 ? want : g_utf8_next_char(want + from);
  for (; *p; p = g_utf8_next_char(p)) {
    const char *q = g_utf8_next_char(p);
    if (*p == ' ') {
      *a_end = p - want;
      *b_start = q - want;
      return TRUE;
    }
    if (p > want && *q && splittable(g_utf8_get_char(g_utf8_find_prev_char(want, p))) &&
        splittable(g_utf8_get_char(p))) {
      *a_end = *b_start = p - want;
      return TRUE;
    }
  }
  return FALSE;
}

/* Whether `want` runs across a page break in `paged` (the exact text with its
 * form feeds): its words up to some space (or, in a script without spaces,
 * up to a line end between two letters: next_split()) end a page's text, or come just
 * before lines the reader put last on it (a footer it did not repeat), and the
 * rest starts on the next page within its first lines (after a running header
 * not on every page). A search page by page cannot find such a sentence
 * whole, in any reader: it is the layout's, and is found in two parts. */
/* `s` as a pattern over text with its line breaks kept: a space may be a
 * line break (in every script), and a line may end between two characters
 * of a script without spaces (Han, kana, Thai) with nothing lost. */
static GString *line_pattern(const char *s) {
  GString *re = g_string_new(NULL);
  gunichar prev = 0;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == ' ') {
      g_string_append(re, "[ \\n]");
    } else {
      if (prev && prev != ' ' && (unspaced(prev) || unspaced(c)) && !g_unichar_ismark(c))
        g_string_append(re, "\\n?");
      char buf[8];
      int n = g_unichar_to_utf8(c, buf);
      char *e = g_regex_escape_string(buf, n);
      g_string_append(re, e);
      g_free(e);
    }
    prev = c;
  }
  return re;
}

static gboolean across_page(const char *broken, const char *want) {
  gboolean found = FALSE;
  long a_end = 0, b_start = 0;
  for (long from = -1; !found && next_split(want, from, &a_end, &b_start); from = a_end) {
    char *a = g_strndup(want, (gsize)a_end);
    gboolean between_letters = a_end == b_start; /* no space: the first part must end its line */
    GString *pa = line_pattern(a), *pb = line_pattern(want + b_start);
    /* The rest starts a line. */
    g_string_prepend(pb, "(?<=[\\n\\f ])");
    if (between_letters)
      g_string_append(pa, "(?=[\\n\\f])");
    GRegex *ra = g_regex_new(pa->str, 0, 0, NULL), *rb = g_regex_new(pb->str, 0, 0, NULL);
    GMatchInfo *m = NULL;
    gboolean hit = FALSE;
    if (ra && rb && g_regex_match(ra, broken, 0, &m)) {
      for (; !hit && g_match_info_matches(m); g_match_info_next(m, NULL)) {
        int s0, e0;
        g_match_info_fetch_pos(m, 0, &s0, &e0);
        const char *end = broken + e0;
        const char *ff = strchr(end, '\f');
        /* The page break within 200 bytes, and the rest within 400 after it. */
        if (!ff || ff - end > 200)
          continue;
        GMatchInfo *mb = NULL;
        if (g_regex_match_full(rb, broken, -1, ff - broken, 0, &mb, NULL)) {
          int s1, e1;
          g_match_info_fetch_pos(mb, 0, &s1, &e1);
          hit = s1 - (ff - broken) < 400;
        }
        if (mb)
          g_match_info_free(mb);
      }
    }
    if (m)
      g_match_info_free(m);
    if (ra)
      g_regex_unref(ra);
    if (rb)
      g_regex_unref(rb);
    g_string_free(pa, TRUE);
    g_string_free(pb, TRUE);
    g_free(a);
    found = hit;
  }
  return found;
}

/* Thai puts spaces between phrases, not words, and a line may end between
 * two words or at a space; a reader drops the space at a line end (it does
 * so in every script) and cannot tell the two apart. Whether `want` is in
 * `broken` (every line break kept) with a line break between two of its
 * Thai letters, or in place of a space between them (line_pattern()):
 * exactly the text otherwise. */
static gboolean thai_lines(const char *broken, const char *want) {
  gboolean thai = FALSE;
  for (const char *p = want; *p && !thai; p = g_utf8_next_char(p))
    thai = g_unichar_get_script(g_utf8_get_char(p)) == G_UNICODE_SCRIPT_THAI;
  if (!thai)
    return FALSE;
  GString *re = line_pattern(want);
  GRegex *r = g_regex_new(re->str, G_REGEX_OPTIMIZE, 0, NULL);
  g_string_free(re, TRUE);
  gboolean hit = r && g_regex_match(r, broken, 0, NULL);
  if (r)
    g_regex_unref(r);
  return hit;
}

/* Whether `want` is on one page of `broken` in two parts, each whole lines'
 * worth (the first ends a line, the rest starts one), in either order: a
 * reader that reads a page's columns or blocks in an order of its own.
 * `broken` is the exact text with every line break kept (normalise() with
 * keep_breaks): a line break is searched as a space, or as nothing beside a
 * letter of a script without spaces, as normalise() reads it otherwise. */
static gboolean split_on_page(const char *broken, const char *want) {
  char **pages = g_strsplit(broken, "\f", -1);
  gboolean hit = FALSE;
  for (char **pg = pages; *pg && !hit; pg++) {
    /* The page as a search sees it, with where its lines end and start. */
    GString *flat = g_string_new(NULL);
    gsize n = strlen(*pg) + 1;
    gboolean *ends = g_new0(gboolean, n + 1), *starts = g_new0(gboolean, n + 1);
    starts[0] = TRUE;
    for (const char *p = *pg; *p; p = g_utf8_next_char(p)) {
      if (*p != '\n') {
        g_string_append_unichar(flat, g_utf8_get_char(p));
        continue;
      }
      ends[flat->len] = TRUE;
      const char *last = flat->len ? g_utf8_find_prev_char(flat->str, flat->str + flat->len) : NULL;
      if (last && p[1] && !unspaced(g_utf8_get_char(last)) && !unspaced(g_utf8_get_char(p + 1)))
        g_string_append_c(flat, ' ');
      starts[flat->len] = TRUE;
    }
    ends[flat->len] = TRUE;
    long a_end = -1, b_start = -1;
    for (long from = -1; !hit && next_split(want, from, &a_end, &b_start); from = a_end) {
      char *a = g_strndup(want, (gsize)a_end);
      const char *b = want + b_start;
      /* A part ending a line, a part starting one; split at a space, not
       * the one straight after the other: that is the sentence with the
       * space lost at the line end, not a difference of order. */
      gboolean spaced = b_start > a_end;
      for (const char *at = *a && *b ? strstr(flat->str, a) : NULL; at && !hit; at = strstr(at + 1, a)) {
        long a_stop = at - flat->str + (long)strlen(a);
        if (!ends[a_stop])
          continue;
        for (const char *bt = strstr(flat->str, b); bt && !hit; bt = strstr(bt + 1, b))
          hit = starts[bt - flat->str] && !(spaced && bt - flat->str == a_stop);
      }
      g_free(a);
    }
    g_free(ends);
    g_free(starts);
    g_string_free(flat, TRUE);
  }
  g_strfreev(pages);
  return hit;
}

/* Keeps letters and digits only (what --loose compares). */
static char *letters(const char *in) {
  GString *out = g_string_new(NULL);
  for (const char *p = in; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isalnum(c))
      g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

/* Stands for a hyphen at a line end in the normalised text (not --exact): the
 * word's own ("Botox-" / "Induced") or a hyphenation point's ("experi-" /
 * "ence"), which the text cannot tell apart. A private-use character. */
#define LINE_HYPHEN 0xE000

/* `want` in `have` from `from` on, a line-end hyphen matching the word's
 * hyphen or nothing; the match's end in *end. */
static const char *find_hyphenated(const char *have, const char *from, const char *want, const char **end) {
  GString *re = g_string_new(NULL);
  for (const char *p = want; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p), next = g_utf8_get_char(g_utf8_next_char(p));
    if (c == '-') {
      g_string_append(re, "(?:-|\\x{E000})");
      continue;
    }
    char buf[8] = {0};
    g_unichar_to_utf8(c, buf);
    char *q = g_regex_escape_string(buf, -1);
    g_string_append(re, q);
    g_free(q);
    /* Between letters; a letter may end in a mark (Tamil's virama, an Indic
     * vowel sign: "செய்யப்-" / "பட்டாலும்"). */
    if ((g_unichar_isalnum(c) || g_unichar_ismark(c)) && next && (g_unichar_isalnum(next) || g_unichar_ismark(next)))
      g_string_append(re, "\\x{E000}?");
  }
  GRegex *r = g_regex_new(re->str, 0, 0, NULL);
  g_string_free(re, TRUE);
  const char *at = NULL;
  GMatchInfo *m = NULL;
  if (r && g_regex_match_full(r, have, -1, from - have, 0, &m, NULL)) {
    int s0, e0;
    g_match_info_fetch_pos(m, 0, &s0, &e0);
    at = have + s0;
    *end = have + e0;
  }
  if (m)
    g_match_info_free(m);
  if (r)
    g_regex_unref(r);
  return at;
}

/* Characters of scripts written without spaces between words, and their
 * punctuation. */
static gboolean unspaced(gunichar c) {
  GUnicodeScript sc = g_unichar_get_script(c);
  return sc == G_UNICODE_SCRIPT_HAN || sc == G_UNICODE_SCRIPT_HIRAGANA || sc == G_UNICODE_SCRIPT_KATAKANA ||
         sc == G_UNICODE_SCRIPT_THAI || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65);
}

/* Collapses runs of white space to one space and removes "U+00AD + newline";
 * a line that ends in a hard hyphen or en dash attached to its word ("Botox-" /
 * "Induced") joins without a space, since leafpress marks its own hyphenation
 * with soft hyphens. --exact: white space only (see the top). */
static char *normalise(const char *in) {
  GString *out = g_string_new(NULL);
  int space = 0;
  for (const char *p = in; *p;) {
    gunichar c = g_utf8_get_char(p);
    const char *next = g_utf8_next_char(p);
    if (exact) {
      /* A run of white space is one space, or one line break if it holds one
       * (the known differences below look at line ends). */
      if (g_unichar_isspace(c) || g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR) {
        space = space == 2 || c == '\n' || c == '\f' ? 2 : 1;
      } else {
        /* A line break beside a character of a script written without
         * spaces (Han, kana, Thai) is no space: the line just ends there
         * ("、" / "1か月"). */
        const char *last = out->len ? g_utf8_find_prev_char(out->str, out->str + out->len) : NULL;
        if (space == 2 && !keep_breaks && last && (unspaced(g_utf8_get_char(last)) || unspaced(c)))
          space = 0;
        if (space && out->len)
          g_string_append_c(out, space == 2 ? '\n' : ' ');
        space = FALSE;
        g_string_append_unichar(out, c);
      }
      p = next;
      continue;
    }
    if (c == 0x00AD) {
      const char *q = next;
      while (*q == ' ' || *q == '\n' || *q == '\f')
        q++;
      p = q;
      continue;
    }
    /* Only a dash that ends a word joins ("Botox-" / "Induced", "1–" / "2"):
     * a spaced dash ("Botox –" / "and") keeps the space after it. */
    gsize dash = out->len && out->str[out->len - 1] == '-'                     ? 1
                 : g_str_has_suffix(out->str, "\xE2\x80\x93")                 ? 3
                                                                               : 0;
    if (c == '\n' && dash && !space && out->len > dash && out->str[out->len - dash - 1] != ' ') {
      /* A hyphen there is either the word's own or the hyphen a hyphenation
       * point shows (leafpress writes those as "-" too): it becomes the
       * marker that matches either way. */
      if (dash == 1) {
        g_string_truncate(out, out->len - 1);
        g_string_append_unichar(out, LINE_HYPHEN);
      }
      /* The word may go on over a page or column break ("\f"). */
      while (*next == '\f' || *next == '\n')
        next++;
      p = next;
      continue;
    }
    if (g_unichar_isspace(c) || c == 0x00A0) {
      space = TRUE;
    } else {
      if (space && out->len)
        g_string_append_c(out, ' ');
      space = FALSE;
      g_string_append_unichar(out, c);
    }
    p = next;
  }
  return g_string_free(out, FALSE);
}

/* The prose of an article, one block per line: no front matter, no '#', list
 * or emphasis markers, links as their text. Headings and list items end their
 * own "sentence" even without a full stop. */
static char *article_prose(const char *text) {
  const char *body = text;
  if (g_str_has_prefix(text, "---\n")) {
    const char *end = strstr(text + 4, "\n---\n");
    body = end ? end + 5 : text;
  }
  GString *out = g_string_new(NULL);
  GRegex *marker = g_regex_new("^(#+ |[-*] |[0-9]+[.)] )", 0, 0, NULL);
  char **lines = g_strsplit(body, "\n", -1);
  gboolean fenced = FALSE;
  for (char **l = lines; *l; l++) {
    char *line = g_strstrip(*l);
    /* Fenced blocks (the timeline's data) are not prose. */
    if (g_str_has_prefix(line, "```")) {
      fenced = !fenced;
      continue;
    }
    if (fenced)
      continue;
    gboolean block_start = g_regex_match(marker, line, 0, NULL);
    char *s = g_regex_replace_literal(marker, line, -1, 0, "", 0, NULL);
    if (!*s) {
      g_string_append(out, "\n");
    } else {
      if (block_start)
        g_string_append(out, "\n");
      g_string_append(out, s);
      g_string_append(out, *line == '#' ? "\n" : " ");
    }
    g_free(s);
  }
  g_strfreev(lines);
  g_regex_unref(marker);
  char *tmp = g_string_free(out, FALSE);
  /* Links show their text; emphasis markers vanish. */
  GRegex *link = g_regex_new("\\[([^]]*)\\]\\([^)]*\\)", 0, 0, NULL);
  char *no_links = g_regex_replace(link, tmp, -1, 0, "\\1", 0, NULL);
  g_regex_unref(link);
  GRegex *emph = g_regex_new("(\\*\\*|\\*|_)", 0, 0, NULL);
  char *clean = g_regex_replace_literal(emph, no_links, -1, 0, "", 0, NULL);
  g_regex_unref(emph);
  g_free(no_links);
  g_free(tmp);
  return clean;
}

/* The extracted text in the forms the known differences look at. */
typedef struct {
  const char *lines;       /* white space as " " or "\n" */
  const char *bare_lines;  /* the same without bidi controls */
  const char *paged;       /* with the form feeds between pages */
  const char *broken;      /* the same with every line break kept */
  const char *letters;     /* NFKC letters and digits only */
} Texts;

/* Whether the differences in `known` account for `want` missing. */
static gboolean explains(const Texts *t, const char *want, guint known) {
  gboolean hit = FALSE;
  if (known & ~(KNOWN_ORDER | KNOWN_RTL_WORDS | KNOWN_RTL_LIGATURE)) {
    GRegex *re = known_pattern(want, known);
    hit = re && g_regex_match(re, known & KNOWN_BIDI ? t->bare_lines : t->lines, 0, NULL);
    if (re)
      g_regex_unref(re);
  }
  if (!hit && known & KNOWN_ORDER)
    hit = split_on_page(t->broken, want);
  if (!hit && known & (KNOWN_RTL_WORDS | KNOWN_RTL_LIGATURE)) {
    /* Word by word: the reader's order of a line is its own. */
    char *folded = g_utf8_normalize(want, -1, G_NORMALIZE_NFKC);
    char **words = g_strsplit(folded, " ", -1);
    hit = TRUE;
    for (char **wd = words; *wd && hit; wd++) {
      char *only = letters(*wd);
      hit = !*only || strstr(t->letters, only) != NULL;
      if (!hit && known & KNOWN_RTL_LIGATURE)
        hit = found_swapped(t->letters, only);
      g_free(only);
    }
    g_strfreev(words);
    g_free(folded);
  }
  return hit;
}

/* Whether any of the first `n` tallies is counted. */
static gboolean printed_tally(const int *tally, gsize n) {
  for (gsize i = 0; i < n; i++)
    if (tally[i])
      return TRUE;
  return FALSE;
}

int main(int argc, char **argv) {
  guint known = 0;
  if (argc >= 4 && (strcmp(argv[1], "--loose") == 0 || strcmp(argv[1], "--exact") == 0)) {
    loose = argv[1][2] == 'l';
    exact = !loose;
    argv++;
    argc--;
    if (exact && argc == 4 && g_str_has_prefix(argv[1], "--known=")) {
      char **names = g_strsplit(argv[1] + 8, ",", -1);
      for (char **n = names; *n; n++) {
        guint bit = 0;
        for (gsize i = 0; i < G_N_ELEMENTS(known_names); i++)
          if (strcmp(*n, known_names[i].name) == 0)
            bit = known_names[i].bit;
        if (!bit && **n) {
          fprintf(stderr, "sentences: no known difference '%s' (hyphen, rtl-space, bidi-controls, rtl-punct, rtl-words, rtl-ligature, order, zwnj, extra-space)\n", *n);
          return 2;
        }
        known |= bit;
      }
      g_strfreev(names);
      argv++;
      argc--;
    }
  }
  if (argc != 3) {
    fprintf(stderr, "usage: sentences [--loose | --exact [--known=NAME,...]] SOURCE EXTRACTED\n");
    return 2;
  }
  char *src, *ext;
  if (!g_file_get_contents(argv[1], &src, NULL, NULL) || !g_file_get_contents(argv[2], &ext, NULL, NULL)) {
    fprintf(stderr, "sentences: cannot read the inputs\n");
    return 2;
  }
  if (!g_utf8_validate(src, -1, NULL) || !g_utf8_validate(ext, -1, NULL)) {
    fprintf(stderr, "sentences: an input is not UTF-8\n");
    return 2;
  }
  if (exact) {
    char *a = g_utf8_normalize(src, -1, G_NORMALIZE_NFC), *b = g_utf8_normalize(ext, -1, G_NORMALIZE_NFC);
    g_free(src);
    g_free(ext);
    src = a;
    ext = b;
  }
  char *prose = g_str_has_suffix(argv[1], ".md") ? article_prose(src) : g_strdup(src);
  GPtrArray *figure = figure_strings(src);
  char *kept = without_figure(ext, figure, prose);
  g_ptr_array_unref(figure);
  if (exact) {
    char *r = without_running_lines(kept);
    g_free(kept);
    kept = r;
  }
  /* --exact: `lines` keeps the line breaks for the known differences,
   * `have` is the text a search sees (a line break is a space). */
  /* The page breaks, kept apart for across_page(). */
  char *paged = NULL, *broken = NULL;
  if (exact) {
    GString *pg = g_string_new(NULL);
    for (const char *p = kept; *p; p++)
      if (*p == '\f')
        g_string_append(pg, "\x01");
      else
        g_string_append_c(pg, *p);
    char *n = normalise(pg->str);
    keep_breaks = TRUE;
    broken = normalise(pg->str);
    keep_breaks = FALSE;
    g_string_free(pg, TRUE);
    g_strdelimit(n, "\x01", '\f');
    g_strdelimit(broken, "\x01", '\f');
    paged = n;
  }
  char *lines = normalise(kept);
  g_free(kept);
  char *have = g_strdelimit(g_strdup(lines), "\n", ' ');
  char *bare_lines = without_bidi_controls(lines);
  char *nfkc = g_utf8_normalize(have, -1, G_NORMALIZE_NFKC), *rtl_letters = letters(nfkc);
  g_free(nfkc);
  Texts texts = {lines, bare_lines, paged, broken, rtl_letters};
  int tally[G_N_ELEMENTS(known_names)] = {0};
  if (loose) {
    char *l = letters(have);
    g_free(have);
    have = l;
  }
  /* Blocks are lines of the source (a plain text's lines, an article's
   * paragraphs, headings and items); sentences end at . ? or ! and a space. */
  /* --exact also ends sentences at the Arabic question mark, the Urdu full
   * stop, the danda and double danda, the Ethiopic full stop and the CJK full
   * stops (which no space follows: one is put there to split). */
  GRegex *split = g_regex_new(exact ? "(?:(?<=[.?!؟।॥۔።。！？])|(?<=[.?!؟।॥۔።。！？][”\"])) " : "(?:(?<=[.?!])|(?<=[.?!][”\"])) ",
                              0, 0, NULL);
  GRegex *cjk_stop = g_regex_new("([。！？])(?! )", 0, 0, NULL);
  g_assert(split);
  char **blocks = g_strsplit(prose, "\n", -1);
  const char *cursor = have;
  int missing = 0, found = 0, differ = 0;
  for (char **b = blocks; *b; b++) {
    char *block = normalise(*b);
    if (exact) {
      char *spaced = g_regex_replace(cjk_stop, block, -1, 0, "\\1 ", 0, NULL);
      g_free(block);
      block = spaced;
    }
    char **sentences = g_regex_split(split, block, 0);
    for (char **s = sentences; *s; s++) {
      if (!**s)
        continue;
      char *want = loose ? letters(*s) : g_strdup(*s);
      if (!*want) {
        g_free(want);
        continue;
      }
      const char *at = strstr(exact ? have : cursor, want), *at_end = at ? at + strlen(want) : NULL;
      if (!at && !exact && !loose && strstr(have, "\xEE\x80\x80"))
        at = find_hyphenated(have, cursor, want, &at_end);
      if (!at && exact && thai_lines(broken, want))
        at = at_end = have;
      if (!at && exact && across_page(broken, want)) {
        fprintf(stderr, "across a page break: %s\n", *s);
        at = at_end = have;
      }
      if (!at && known && explains(&texts, want, known)) {
        /* Named by the smallest set of differences that explains it, the
         * word-by-word ones (the weakest) last. */
        guint best = known;
        int best_rank = 1 << 20;
        for (guint sub = known;; sub = (sub - 1) & known) {
          if (sub) {
            int rank = (sub & (KNOWN_RTL_WORDS | KNOWN_RTL_LIGATURE) ? 100 : 0) + (sub & KNOWN_RTL_LIGATURE ? 1 : 0);
            for (guint bits = sub; bits; bits &= bits - 1)
              rank++;
            if (rank < best_rank && explains(&texts, want, sub)) {
              best = sub;
              best_rank = rank;
            }
          }
          if (!sub)
            break;
        }
        GString *why = g_string_new(NULL);
        for (gsize i = 0; i < G_N_ELEMENTS(known_names); i++)
          if (best & known_names[i].bit) {
            g_string_append_printf(why, "%s%s", why->len ? "+" : "", known_names[i].name);
            tally[i]++;
          }
        fprintf(stderr, "known difference (%s): %s\n", why->str, *s);
        g_string_free(why, TRUE);
        differ++;
        g_free(want);
        continue;
      }
      if (!at) {
        fprintf(stderr, exact ? "missing: %s\n" : "missing or out of order: %s\n", *s);
        missing++;
        g_free(want);
        continue;
      }
      found++;
      cursor = at_end;
      g_free(want);
    }
    g_strfreev(sentences);
    g_free(block);
  }
  if (exact) {
    printf("%d sentences found, %d known differences, %d missing", found, differ, missing);
    for (gsize i = 0; i < G_N_ELEMENTS(known_names); i++)
      if (tally[i])
        printf("%s%s %d", i == 0 || !printed_tally(tally, i) ? " (" : ", ", known_names[i].name, tally[i]);
    printf("%s\n", printed_tally(tally, G_N_ELEMENTS(known_names)) ? ")" : "");
  }
  else
    printf("%d sentences found in order, %d missing\n", found, missing);
  g_free(lines);
  g_free(bare_lines);
  g_free(rtl_letters);
  g_free(paged);
  g_free(broken);
  g_strfreev(blocks);
  g_regex_unref(split);
  g_regex_unref(cjk_stop);
  g_free(have);
  g_free(prose);
  g_free(src);
  g_free(ext);
  return missing || !(found + differ) ? 1 : 0;
}
