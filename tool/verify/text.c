/* Text: what poppler extracts is the text the layout placed, where it placed it.
 *
 * poppler gives the page's text in its reading order and a box for every
 * character (poppler_page_get_text_for_area, _get_text_layout_for_area). Each
 * character is read back in the glyph run whose box (its glyphs' advances
 * across, the font's ascent to its descent up and down) holds the centre of the
 * character's box; a character no run's box holds is text the layout did not
 * place. Then, for every run: its characters, in logical order and NFC, equal
 * the run's text, and its word boundaries equal the run's white space; between
 * two runs side by side on a line, a word boundary where one of them has white
 * space at the edge they share; and in every frame (a column, a box) poppler
 * reads the lines in the order the layout set them.
 *
 * Right-to-left pages, as poppler-glib 22.12 gives them (docs/verify.md):
 * poppler's text of a page whose characters are mostly right-to-left has
 * every word wrapped in U+202B … U+202C, the words of a line from right to
 * left, each word's characters in logical order; each Arabic letter is a
 * "word" of its own (cairo and libharu draw right-to-left text from its
 * logical end, so no letter starts where the one before it ends). Its
 * selection text writes each word's "space after" flag, which means the gap to
 * the word's right, after the word that follows it in right-to-left order: every
 * space one word late; and the flag of a line's leftmost word is never written.
 * The verifier reads the marks to find poppler's words, puts each space back
 * before the word it follows, and counts the gap before a line's leftmost word
 * as unknown (either way is accepted there). A left-to-right run on such a page
 * (a clinic's name, a number) comes word by word from right to left: its words
 * are put back in their order. The same holds the other way round for a
 * right-to-left run on a left-to-right page. The runs' directions are the
 * layout's (pango's bidi levels), not guessed from the characters. */
#include <math.h>
#include <string.h>

#include <unicode/uchar.h>

#include "verify/check.h"

typedef enum { GAP_NO, GAP_YES, GAP_UNKNOWN } Gap;

/* A character poppler extracted. */
typedef struct {
  gunichar c;
  double cx, cy;   /* the centre of its box, layout page space */
  gboolean start;  /* it starts one of poppler's words */
  Gap gap;         /* between it and the previous character of the stream */
  int run;         /* the run it is read back in, or -1 */
  gboolean late;   /* from a later reading: not in poppler's page order */
} PChar;

/* A glyph run of the layout. */
typedef struct {
  const LpGlyphRun *run;
  double x0, x1, top, bottom, baseline;
  char *text;      /* logical, NFC */
  GArray *got;     /* int: PChar indices, in stream order */
} XRun;

/* Runs of one frame on one baseline (or loose runs side by side). */
typedef struct {
  int frame;
  double baseline;
  GArray *runs;    /* int: XRun indices, left to right */
} XLine;

static gboolean is_mark(gunichar c) { return c >= 0x202A && c <= 0x202E; }

/* A page is right-to-left in poppler's eyes when every word it writes is
 * wrapped in U+202B (RLE); on a left-to-right page, left-to-right words carry
 * no mark at all. */
static gboolean rtl_page(const char *text) {
  gboolean any = FALSE, word_start = TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c)) {
      word_start = TRUE;
      continue;
    }
    if (word_start) {
      if (c != 0x202B)
        return FALSE;
      any = TRUE;
      word_start = FALSE;
    }
  }
  return any;
}

/* One character of poppler's text, as poppler writes it. */
typedef struct {
  gunichar c;
  guint k;       /* its box's index in poppler's layout */
  int word;      /* poppler's word (a fragment between spaces, or from a top-level RLE) */
  int section;   /* the word's same-direction section */
  gboolean rtl;  /* the section was written reversed */
  int sep;       /* before it: 0 nothing, 1 a space, 2 a line break */
} Tok;

/* poppler's characters in `area` (written page space) with their boxes and
 * the gaps between them. `rtl` says whether poppler takes the page for a
 * right-to-left one (when NULL it is found out and returned in *found).
 *
 * poppler writes each word through its bidi reordering: on a right-to-left
 * page U+202B, the word's sections from its visual right end to its left, a
 * right-to-left section's characters reversed and a left-to-right one's as
 * they are inside U+202A … U+202C, then U+202C; on a left-to-right page the
 * sections from left to right, right-to-left ones reversed inside U+202B …
 * U+202C. Its boxes come in the word's visual order, so the boxes of a word
 * whose sections were reordered are matched back through that order. */
static GArray *read_area(LpVerifyPage *v, PopplerRectangle *area, const gboolean *rtl, gboolean *found) {
  GArray *chars = g_array_new(FALSE, TRUE, sizeof(PChar));
  char *text = poppler_page_get_text_for_area(v->pdf, area);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  gboolean page_rtl = rtl ? *rtl : text && rtl_page(text);
  if (found)
    *found = page_rtl;
  if (!text || !*text || !poppler_page_get_text_layout_for_area(v->pdf, area, &rects, &n_rects)) {
    g_free(text);
    g_free(rects);
    return chars;
  }
  /* Pass 1: the characters, their words and sections. */
  GArray *toks = g_array_new(FALSE, FALSE, sizeof(Tok));
  guint k = 0;
  int depth = 0, word = -1, section = -1, sep = 2;
  gboolean new_section = TRUE, lre = FALSE;
  /* On a left-to-right page poppler may write a right-to-left word letter by
   * letter, each in an RLE of its own and in visual order (a page of mostly
   * Latin text with an Arabic line: cairo draws right-to-left text from its
   * logical end, so no letter starts where the one before it ends). Such
   * RLEs with nothing between them are one section, as if poppler had
   * written the word in one RLE: each new one's characters go before the
   * section's (`insert_at`), which gives the order one RLE would have. */
  gboolean after_rle = FALSE, continuing = FALSE;
  guint section_start = 0, insert_at = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == 0x202A || c == 0x202B) {
      if (depth == 0 && page_rtl && c == 0x202B)
        word = -1; /* the next character starts a word */
      continuing = !page_rtl && depth == 0 && c == 0x202B && after_rle;
      if (continuing)
        insert_at = section_start;
      depth++;
      new_section = !continuing;
      lre = c == 0x202A;
      after_rle = FALSE;
      continue;
    }
    if (c == 0x202C) {
      depth = MAX(depth - 1, 0);
      new_section = TRUE;
      after_rle = depth == 0 && !lre && !page_rtl;
      lre = FALSE;
      continuing = FALSE;
      continue;
    }
    if (is_mark(c))
      continue;
    if (c == '\n' || g_unichar_isspace(c)) {
      sep = MAX(sep, c == '\n' ? 2 : 1);
      k++;
      if (!page_rtl)
        word = -1;
      new_section = TRUE;
      after_rle = continuing = FALSE;
      continue;
    }
    /* A mark poppler writes outside any RLE between such letters (the hamza
     * over heh, "ترجمهٔ") is one of them. */
    gboolean lone_mark = !page_rtl && depth == 0 && g_unichar_ismark(c) &&
                         (after_rle || g_utf8_get_char(g_utf8_next_char(p)) == 0x202B);
    if (lone_mark) {
      continuing = after_rle;
      if (continuing)
        insert_at = section_start;
      else
        new_section = TRUE;
    } else if (depth == 0) {
      after_rle = FALSE;
    }
    if (word < 0) {
      word = toks->len ? g_array_index(toks, Tok, toks->len - 1).word + 1 : 0;
      new_section = TRUE;
    }
    if (new_section) {
      section++;
      section_start = toks->len;
    }
    new_section = FALSE;
    /* Reversed: inside an RLE on a left-to-right page; on a right-to-left page,
     * anything not inside an LRE. */
    gboolean reversed = page_rtl ? !lre && depth <= 1 : depth > 0 || lone_mark;
    Tok t = {c, k++, word, section, reversed, sep};
    if (continuing) {
      /* The section's first character carries the gap before it. */
      if (insert_at == section_start) {
        t.sep = g_array_index(toks, Tok, section_start).sep;
        g_array_index(toks, Tok, section_start).sep = 0;
      } else {
        t.sep = 0;
      }
      g_array_insert_val(toks, insert_at++, t);
    } else {
      g_array_append_val(toks, t);
    }
    sep = 0;
    if (lone_mark) {
      after_rle = TRUE;
      continuing = FALSE;
    }
  }
  if (k != n_rects) {
    lp_verify_problem(v, NULL, "poppler's text (%u characters) and its character boxes (%u) disagree", k, n_rects);
    g_array_free(toks, TRUE);
    g_free(text);
    g_free(rects);
    return chars;
  }
  /* Pass 2: each word's boxes in its visual order. */
  Tok *t = (Tok *)toks->data;
  for (guint i = 0; i < toks->len;) {
    guint j = i;
    while (j < toks->len && t[j].word == t[i].word)
      j++;
    guint k0 = t[i].k, n = j - i;
    for (guint q = i; q < j; q++)
      k0 = MIN(k0, t[q].k); /* a merged section's characters are not in box order */
    guint *vis = g_new(guint, n); /* printed position → visual index */
    /* Sections in printed order; on a right-to-left page the visual order is
     * the reverse. */
    guint first = i;
    guint offset = 0;
    if (page_rtl) {
      /* The visual offset of a section is the length of the sections printed
       * after it. */
      guint total = n;
      guint before = 0;
      for (guint a = i; a < j;) {
        guint b = a;
        while (b < j && t[b].section == t[a].section)
          b++;
        guint len = b - a;
        guint off = total - before - len;
        for (guint q = a; q < b; q++)
          vis[q - first] = off + (t[a].rtl ? len - 1 - (q - a) : q - a);
        before += len;
        a = b;
      }
    } else {
      for (guint a = i; a < j;) {
        guint b = a;
        while (b < j && t[b].section == t[a].section)
          b++;
        guint len = b - a;
        for (guint q = a; q < b; q++)
          vis[q - first] = offset + (t[a].rtl ? len - 1 - (q - a) : q - a);
        offset += len;
        a = b;
      }
    }
    for (guint q = i; q < j; q++) {
      const PopplerRectangle *r = &rects[k0 + vis[q - i]];
      PChar pc = {t[q].c, (r->x1 + r->x2) / 2 - v->offset, (r->y1 + r->y2) / 2 - v->offset, q == i, GAP_NO, -1, FALSE};
      if (q == i)
        pc.gap = t[q].sep ? GAP_YES : GAP_NO;
      g_array_append_val(chars, pc);
    }
    g_free(vis);
    i = j;
  }
  /* On a right-to-left page the separator poppler wrote after word j is the
   * gap before it (between word j-1 and j in poppler's right-to-left order);
   * the gap before a line's last word is unknown. */
  if (page_rtl) {
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i <= toks->len; i++) {
      gboolean line_end = i == toks->len || t[i].sep == 2;
      if (line_end && starts->len) {
        for (guint w = 0; w < starts->len; w++) {
          guint at = g_array_index(starts, guint, w);
          PChar *pc = &g_array_index(chars, PChar, at);
          if (w == 0)
            pc->gap = GAP_YES;
          else if (w + 1 < starts->len)
            pc->gap = t[g_array_index(starts, guint, w + 1)].sep ? GAP_YES : GAP_NO;
          else
            pc->gap = GAP_UNKNOWN;
        }
        g_array_set_size(starts, 0);
      }
      if (i < toks->len && (i == 0 || t[i].word != t[i - 1].word))
        g_array_append_val(starts, i);
    }
    g_array_free(starts, TRUE);
  }
  g_array_free(toks, TRUE);
  g_free(text);
  g_free(rects);
  return chars;
}

/* Appends the characters of `more` that `chars` does not have yet (the same
 * character in the same box), as later readings. */
static void merge(GArray *chars, GArray *more) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < chars->len; i++) {
    const PChar *pc = &g_array_index(chars, PChar, i);
    g_hash_table_add(seen, g_strdup_printf("%X@%.2f,%.2f", pc->c, pc->cx, pc->cy));
  }
  gboolean in_stretch = FALSE;
  for (guint i = 0; i < more->len; i++) {
    PChar pc = g_array_index(more, PChar, i);
    char *key = g_strdup_printf("%X@%.2f,%.2f", pc.c, pc.cx, pc.cy);
    if (!g_hash_table_contains(seen, key)) {
      if (!in_stretch)
        pc.gap = GAP_UNKNOWN;
      pc.late = TRUE;
      g_array_append_val(chars, pc);
      in_stretch = TRUE;
    } else {
      in_stretch = FALSE;
    }
    g_free(key);
  }
  g_hash_table_unref(seen);
  g_array_free(more, TRUE);
}

/* Every character of the page, in poppler's reading order.
 *
 * poppler_page_get_text selects from the page's top-left corner to its
 * bottom-right one. poppler starts a selection at the first block in reading
 * order only when the start lies beyond the page's first corner in its
 * direction (the top-right one on a right-to-left page); otherwise at the
 * block nearest the point, and the blocks before it are left out (on the
 * Arabic leaflet: the draft band, the running header). So a right-to-left page
 * is read from beyond its top-right corner to beyond its bottom-left one. That
 * ends at the block nearest that corner, not always the last; read again to
 * beyond the bottom-right corner, the selection ends at the last block but
 * leaves out its last line (the end of a right-to-left line is its left end,
 * and no point beyond the bottom-right corner reaches it). What that second
 * reading adds is appended. A line neither reading reaches is read on its
 * own afterwards (lp_verify_text). */
static GArray *read_page(LpVerifyPage *v, gboolean *rtl) {
  double w, h;
  poppler_page_get_size(v->pdf, &w, &h);
  PopplerRectangle all = {0, 0, w, h};
  GArray *chars = read_area(v, &all, NULL, rtl);
  if (!*rtl)
    return chars;
  g_array_free(chars, TRUE);
  PopplerRectangle to_left = {w + 1, -1, -1, h + 1}, to_right = {w + 1, -1, w + 1, h + 1};
  chars = read_area(v, &to_left, rtl, NULL);
  merge(chars, read_area(v, &to_right, rtl, NULL));
  return chars;
}

/* ---- the layout's side ---- */

static void run_box(XRun *x) {
  const LpGlyphRun *run = x->run;
  cairo_scaled_font_t *sf = lp_font_scaled(run->font, run->size);
  x->x0 = G_MAXDOUBLE;
  x->x1 = -G_MAXDOUBLE;
  x->baseline = lp_verify_run_baseline(run);
  /* Glyphs raised or lowered from the baseline (Nastaliq sets its words on a
   * slope) widen the box up and down: poppler boxes a character from its
   * glyph's origin. */
  double y_min = x->baseline, y_max = x->baseline;
  for (int i = 0; i < run->n_glyphs; i++) {
    cairo_text_extents_t te;
    cairo_scaled_font_glyph_extents(sf, &run->glyphs[i], 1, &te);
    double gx = run->glyphs[i].x;
    x->x0 = MIN(x->x0, gx);
    x->x1 = MAX(x->x1, gx + te.x_advance);
    y_min = MIN(y_min, run->glyphs[i].y);
    y_max = MAX(y_max, run->glyphs[i].y);
  }
  cairo_font_extents_t fe;
  cairo_scaled_font_extents(sf, &fe);
  x->top = y_min - fe.ascent;
  x->bottom = y_max + fe.descent;
}

static int cmp_x(gconstpointer a, gconstpointer b, gpointer data) {
  const XRun *runs = data;
  double xa = runs[*(const int *)a].x0, xb = runs[*(const int *)b].x0;
  return xa < xb ? -1 : xa > xb;
}

/* Lines: the runs of a frame on one baseline; loose runs (frame -1) on one
 * baseline only when they touch (a card's line set in several styles), not
 * the labels of a diagram on a row. */
static GArray *make_lines(GArray *runs) {
  GArray *lines = g_array_new(FALSE, TRUE, sizeof(XLine));
  XRun *xr = (XRun *)runs->data;
  for (guint i = 0; i < runs->len; i++) {
    XRun *x = &xr[i];
    int frame = x->run->frame;
    int found = -1;
    for (guint l = 0; l < lines->len && found < 0; l++) {
      XLine *ln = &g_array_index(lines, XLine, l);
      if (ln->frame != frame || fabs(ln->baseline - x->baseline) > 0.1)
        continue;
      if (frame >= 0) {
        found = (int)l;
        break;
      }
      for (guint j = 0; j < ln->runs->len; j++) {
        XRun *o = &xr[g_array_index(ln->runs, int, j)];
        if (x->x0 < o->x1 + x->run->size && o->x0 < x->x1 + x->run->size)
          found = (int)l;
      }
    }
    if (found < 0) {
      XLine ln = {frame, x->baseline, g_array_new(FALSE, FALSE, sizeof(int))};
      g_array_append_val(lines, ln);
      found = (int)lines->len - 1;
    }
    XLine *ln = &g_array_index(lines, XLine, found);
    int idx = (int)i;
    g_array_append_val(ln->runs, idx);
  }
  for (guint l = 0; l < lines->len; l++)
    g_array_sort_with_data(g_array_index(lines, XLine, l).runs, cmp_x, xr);
  return lines;
}

/* ---- reading back ---- */

/* Each character to the run among `cand` whose box holds its centre (the
 * nearest one's if several do); appended to the run's `got`. */
static void assign(GArray *chars, GArray *runs, const int *cand, guint n_cand) {
  XRun *xr = (XRun *)runs->data;
  for (guint i = 0; i < chars->len; i++) {
    PChar *pc = &g_array_index(chars, PChar, i);
    int best = -1;
    double best_d = G_MAXDOUBLE;
    for (guint k = 0; k < n_cand; k++) {
      const XRun *x = &xr[cand[k]];
      const double tol = 0.5;
      if (pc->cx < x->x0 - tol || pc->cx > x->x1 + tol || pc->cy < x->top || pc->cy > x->bottom)
        continue;
      double d = fabs(pc->cy - (x->top + x->bottom) / 2) + (pc->cx < x->x0 ? x->x0 - pc->cx : 0) +
                 (pc->cx > x->x1 ? pc->cx - x->x1 : 0);
      if (d < best_d) {
        best_d = d;
        best = cand[k];
      }
    }
    pc->run = best;
    if (best >= 0) {
      int idx = (int)i;
      g_array_append_val(xr[best].got, idx);
    }
  }
}

/* The gap between two characters a run reads back, a before b in the stream.
 * What lies between them may be the rest of a's poppler word or the start of
 * b's (poppler joins a quotation mark to the word it touches, even across a
 * change of direction): then the gap is the one between those two words.
 * Another word between them is a word boundary. */
static Gap gap_between(GArray *chars, int a, int b) {
  int starts = 0, at = b;
  for (int i = a + 1; i <= b; i++)
    if (g_array_index(chars, PChar, i).start) {
      starts++;
      at = i;
    }
  if (starts == 0)
    return GAP_NO;
  if (starts > 1)
    return GAP_YES;
  return g_array_index(chars, PChar, at).gap;
}

/* Whether poppler's word boundary after `c` in a right-to-left run may be
 * the inside of a word: after an Arabic letter that does not join the next
 * one (alef, dal, reh, waw …: Joining_Type R or U) the pen leaves a gap that
 * poppler takes for a space at a large size ("ا و نۍ"). There the characters
 * and their order are still proven, the word boundary is not (docs/verify.md). */
static gboolean loose_gap(gunichar c) {
  if (g_unichar_get_script(c) != G_UNICODE_SCRIPT_ARABIC)
    return FALSE;
  int jt = u_getIntPropertyValue((UChar32)c, UCHAR_JOINING_TYPE);
  return jt == U_JT_RIGHT_JOINING || jt == U_JT_NON_JOINING;
}

/* What poppler reads in a run, in logical order: characters, ' ' for a word
 * boundary, '\1' for a gap poppler does not tell. NFC. */
static char *read_run(GArray *chars, const XRun *x, gboolean page_rtl) {
  GString *s = g_string_new(NULL);
  guint n = x->got->len;
  const int *got = (const int *)x->got->data;
  /* poppler's words in its order, with the gap before each. */
  GArray *words = g_array_new(FALSE, FALSE, sizeof(guint)); /* first index in `got` */
  GArray *gaps = g_array_new(FALSE, FALSE, sizeof(Gap));
  for (guint i = 0; i < n; i++) {
    const PChar *pc = &g_array_index(chars, PChar, got[i]);
    Gap g = i ? gap_between(chars, got[i - 1], got[i]) : GAP_NO;
    if (i == 0 || pc->start || g != GAP_NO) {
      g_array_append_val(words, i);
      g_array_append_val(gaps, g);
    }
  }
  gboolean reverse = x->run->backward != page_rtl;
  for (guint w = 0; w < words->len; w++) {
    guint wi = reverse ? words->len - 1 - w : w;
    guint from = g_array_index(words, guint, wi);
    guint to = wi + 1 < words->len ? g_array_index(words, guint, wi + 1) : n;
    if (w > 0) {
      /* Reversed, the gap before word wi+1 is the one after word wi. */
      Gap g = reverse ? g_array_index(gaps, Gap, wi + 1) : g_array_index(gaps, Gap, wi);
      if (g == GAP_YES && x->run->backward && s->len && loose_gap(g_utf8_get_char(g_utf8_prev_char(s->str + s->len))))
        g = GAP_UNKNOWN;
      if (g == GAP_YES)
        g_string_append_c(s, ' ');
      else if (g == GAP_UNKNOWN)
        g_string_append_c(s, '\1');
    }
    for (guint i = from; i < to; i++)
      g_string_append_unichar(s, g_array_index(chars, PChar, got[i]).c);
  }
  g_array_free(words, TRUE);
  g_array_free(gaps, TRUE);
  char *nfc = g_utf8_normalize(s->str, (gssize)s->len, G_NORMALIZE_NFC);
  g_string_free(s, TRUE);
  return nfc ? nfc : g_strdup("");
}

/* The run's text with white space as single spaces and none at the ends. */
static char *expected_words(const char *text, gboolean *lead, gboolean *trail) {
  GString *s = g_string_new(NULL);
  gboolean space = FALSE;
  *lead = *trail = FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || c == 0x2028 || c == 0x2029) {
      if (s->len == 0)
        *lead = TRUE;
      space = TRUE;
      continue;
    }
    if (space && s->len > 0)
      g_string_append_c(s, ' ');
    space = FALSE;
    g_string_append_unichar(s, c);
  }
  *trail = space && s->len > 0;
  if (s->len == 0)
    *lead = *trail = space;
  return g_string_free(s, FALSE);
}

/* Compares; on a difference, *at is the byte in `want` where it starts. */
static gboolean same_words(const char *want, const char *got, gsize *at) {
  const char *w = want, *g = got;
  while (*g == ' ' || *g == '\1')
    g++;
  for (;;) {
    if (*g == '\1') {
      g++;
      if (*w == ' ')
        w++;
      continue;
    }
    if (!*w && (!*g || ((*g == ' ') && !g[1])))
      return TRUE;
    if (*w != *g) {
      *at = (gsize)(w - want);
      return FALSE;
    }
    w++;
    g++;
  }
}

/* The word of `text` around byte `at`. */
static char *word_at(const char *text, gsize at) {
  gsize len = strlen(text);
  if (at > len)
    at = len;
  gsize a = at, b = at;
  while (a > 0 && text[a - 1] != ' ')
    a--;
  while (b < len && text[b] != ' ')
    b++;
  return a == b ? g_strdup("(end)") : g_strndup(text + a, b - a);
}

/* poppler's reading for a message; a gap poppler does not tell is shown as none. */
static void show(GString *s, const char *text) {
  for (const char *p = text; *p; p++)
    if (*p != '\1')
      g_string_append_c(s, *p);
}

static void check_run(LpVerifyPage *v, GArray *chars, XRun *x, gboolean page_rtl) {
  gboolean lead, trail;
  char *want = expected_words(x->text, &lead, &trail);
  char *got = read_run(chars, x, page_rtl);
  gsize at = 0;
  v->stats->chars += (guint)g_utf8_strlen(want, -1);
  if (!same_words(want, got, &at)) {
    char *ww = word_at(want, at);
    GString *g = g_string_new(NULL);
    show(g, got);
    char *wex = lp_verify_excerpt(want, -1, 60), *gex = lp_verify_excerpt(g->str, -1, 60);
    if (!*got)
      lp_verify_problem(v, x->run, "poppler reads no text where the layout set %s (at %.1f, %.1f pt)", wex, x->x0,
                        x->baseline);
    else
      lp_verify_problem(v, x->run,
                        "the PDF's text differs from the layout's at the word '%s': the layout set %s, poppler reads %s "
                        "(at %.1f, %.1f pt)",
                        ww, wex, gex, x->x0, x->baseline);
    g_free(wex);
    g_free(gex);
    g_string_free(g, TRUE);
    g_free(ww);
  }
  g_free(want);
  g_free(got);
}

/* Between runs side by side on a line: a word boundary iff either has white
 * space at the edge they share (or a run of white space only lies between). */
static void check_joins(LpVerifyPage *v, GArray *chars, GArray *runs, const XLine *ln) {
  XRun *xr = (XRun *)runs->data;
  int left = -1;
  gboolean space_between = FALSE;
  for (guint j = 0; j < ln->runs->len; j++) {
    XRun *x = &xr[g_array_index(ln->runs, int, j)];
    gboolean lead, trail;
    char *words = expected_words(x->text, &lead, &trail);
    gboolean empty = !*words;
    g_free(words);
    /* The visual left edge is the logical start of a left-to-right run. */
    gboolean ws_left = x->run->backward ? trail : lead;
    if (empty) {
      space_between = space_between || lead || trail;
      continue;
    }
    if (x->got->len == 0) {
      left = -1;
      continue;
    }
    if (left >= 0) {
      XRun *l = &xr[left];
      gboolean want = space_between || ws_left;
      gboolean lead_l, trail_l;
      g_free(expected_words(l->text, &lead_l, &trail_l));
      want = want || (l->run->backward ? lead_l : trail_l);
      /* The characters where the runs meet: the left run's rightmost and the
       * right run's leftmost; the gap between them in poppler's stream. */
      int la = -1, rb = -1;
      for (guint a = 0; a < l->got->len; a++) {
        int ia = g_array_index(l->got, int, a);
        if (la < 0 || g_array_index(chars, PChar, ia).cx > g_array_index(chars, PChar, la).cx)
          la = ia;
      }
      for (guint b = 0; b < x->got->len; b++) {
        int ib = g_array_index(x->got, int, b);
        if (rb < 0 || g_array_index(chars, PChar, ib).cx < g_array_index(chars, PChar, rb).cx)
          rb = ib;
      }
      /* Runs set apart on the line (a list's marker and its item) are words
       * apart whatever their text: poppler breaks words at a gap of a tenth
       * of the size. Between touching and that, either reading is right. */
      double apart = x->x0 - l->x1;
      gboolean sure = apart < 0.05 * x->run->size || apart > 0.15 * x->run->size;
      want = want || apart > 0.15 * x->run->size;
      if (la >= 0 && rb >= 0 && sure) {
        Gap g = gap_between(chars, MIN(la, rb), MAX(la, rb));
        if (g != GAP_UNKNOWN && (g == GAP_YES) != want) {
          char *a = lp_verify_excerpt(l->text, -1, 30), *b = lp_verify_excerpt(x->text, -1, 30);
          lp_verify_problem(v, x->run, "poppler reads %s between %s and %s, the layout %s (at %.1f, %.1f pt)",
                            g == GAP_YES ? "a word boundary" : "no word boundary", a, b,
                            want ? "a space" : "none", x->x0, x->baseline);
          g_free(a);
          g_free(b);
        }
      }
    }
    left = g_array_index(ln->runs, int, j);
    space_between = FALSE;
  }
}

static int cmp_baseline(gconstpointer a, gconstpointer b, gpointer data) {
  const XLine *lines = data;
  double ya = lines[*(const int *)a].baseline, yb = lines[*(const int *)b].baseline;
  return ya < yb ? -1 : ya > yb;
}

/* In each frame, poppler reads the lines from the top down. */
static void check_order(LpVerifyPage *v, GArray *chars, GArray *runs, GArray *lines) {
  XRun *xr = (XRun *)runs->data;
  XLine *xl = (XLine *)lines->data;
  GHashTable *frames = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
  for (guint l = 0; l < lines->len; l++) {
    if (xl[l].frame < 0)
      continue;
    gpointer key = GINT_TO_POINTER(xl[l].frame);
    GArray *in = g_hash_table_lookup(frames, key);
    if (!in) {
      in = g_array_new(FALSE, FALSE, sizeof(int));
      g_hash_table_insert(frames, key, in);
    }
    int idx = (int)l;
    g_array_append_val(in, idx);
  }
  GHashTableIter it;
  gpointer key, val;
  g_hash_table_iter_init(&it, frames);
  while (g_hash_table_iter_next(&it, &key, &val)) {
    GArray *in = val;
    g_array_sort_with_data(in, cmp_baseline, xl);
    int prev = -1, prev_line = -1;
    for (guint i = 0; i < in->len; i++) {
      const XLine *ln = &xl[g_array_index(in, int, i)];
      int first = G_MAXINT;
      for (guint j = 0; j < ln->runs->len; j++) {
        const XRun *x = &xr[g_array_index(ln->runs, int, j)];
        if (x->got->len && !g_array_index(chars, PChar, g_array_index(x->got, int, 0)).late)
          first = MIN(first, g_array_index(x->got, int, 0));
      }
      if (first == G_MAXINT)
        continue;
      /* Counted, not a problem: the order is poppler's guess from where the
       * lines stand (a line level with one in the next column joins it), not
       * something the PDF says; the PDF's own order is its content and
       * structure tree, written from the layout's order. */
      if (first < prev && v->stats)
        v->stats->order_guessed_otherwise++;
      (void)prev_line;
      prev = first;
      prev_line = g_array_index(in, int, i);
    }
  }
  g_hash_table_unref(frames);
}

/* Text poppler reads that no run holds, one message per stretch of it. */
static void check_extra(LpVerifyPage *v, GArray *chars) {
  for (guint i = 0; i < chars->len;) {
    const PChar *pc = &g_array_index(chars, PChar, i);
    if (pc->run >= 0) {
      i++;
      continue;
    }
    GString *s = g_string_new(NULL);
    guint j = i;
    for (; j < chars->len && g_array_index(chars, PChar, j).run < 0; j++) {
      const PChar *q = &g_array_index(chars, PChar, j);
      if (j > i && q->gap != GAP_NO)
        g_string_append_c(s, ' ');
      g_string_append_unichar(s, q->c);
    }
    char *ex = lp_verify_excerpt(s->str, -1, 40);
    lp_verify_problem(v, NULL, "poppler reads text the layout did not set there: %s at %.1f, %.1f pt", ex, pc->cx,
                      pc->cy);
    g_free(ex);
    g_string_free(s, TRUE);
    i = j;
  }
}

void lp_verify_text(LpVerifyPage *v) {
  gboolean page_rtl = FALSE;
  GArray *chars = read_page(v, &page_rtl);
  GArray *runs = g_array_new(FALSE, TRUE, sizeof(XRun));
  for (guint i = 0; i < lp_page_n_items(v->page); i++) {
    const LpItem *it = lp_page_item(v->page, i);
    if (it->kind != LP_ITEM_GLYPHS || it->glyphs.n_glyphs == 0)
      continue;
    XRun x = {&it->glyphs, 0, 0, 0, 0, 0, lp_verify_run_logical(&it->glyphs), g_array_new(FALSE, FALSE, sizeof(int))};
    run_box(&x);
    g_array_append_val(runs, x);
  }
  GArray *lines = make_lines(runs);
  /* A right-to-left page's last line (see read_page), and lines the page's
   * readings leave out on a tri-fold's panels: a line with a run no reading
   * reached is read whole, from beyond its right end to beyond its left end at
   * the middle of its runs' boxes, so that the gaps between its runs come from
   * one reading. Read run by run, each run was a stretch of its own in the
   * stream, and gap_between took the words of the runs read between two
   * neighbours for a word boundary between them (the Hebrew cover's "גורם
   * לכאב ראש" and its "?", which poppler reads touching). */
  for (guint l = 0; page_rtl && l < lines->len; l++) {
    const XLine *ln = &g_array_index(lines, XLine, l);
    gboolean missing = FALSE;
    double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
    for (guint j = 0; j < ln->runs->len; j++) {
      const XRun *x = &g_array_index(runs, XRun, g_array_index(ln->runs, int, j));
      gboolean reached = FALSE;
      for (guint i = 0; i < chars->len && !reached; i++) {
        const PChar *pc = &g_array_index(chars, PChar, i);
        reached = pc->cx >= x->x0 && pc->cx <= x->x1 && pc->cy >= x->top && pc->cy <= x->bottom;
      }
      missing = missing || !reached;
      x0 = MIN(x0, x->x0);
      x1 = MAX(x1, x->x1);
      top = MIN(top, x->top);
      bottom = MAX(bottom, x->bottom);
    }
    if (!missing)
      continue;
    double y = (top + bottom) / 2 + v->offset;
    PopplerRectangle area = {x1 + 1 + v->offset, y, x0 - 1 + v->offset, y};
    merge(chars, read_area(v, &area, &page_rtl, NULL));
  }
  int *all = g_new(int, runs->len + 1);
  for (guint r = 0; r < runs->len; r++)
    all[r] = (int)r;
  assign(chars, runs, all, runs->len);
  g_free(all);
  for (guint r = 0; r < runs->len; r++)
    check_run(v, chars, &g_array_index(runs, XRun, r), page_rtl);
  for (guint l = 0; l < lines->len; l++)
    check_joins(v, chars, runs, &g_array_index(lines, XLine, l));
  check_order(v, chars, runs, lines);
  check_extra(v, chars);
  v->stats->lines += lines->len;
  for (guint r = 0; r < runs->len; r++) {
    XRun *x = &g_array_index(runs, XRun, r);
    g_free(x->text);
    g_array_free(x->got, TRUE);
  }
  for (guint l = 0; l < lines->len; l++)
    g_array_free(g_array_index(lines, XLine, l).runs, TRUE);
  g_array_free(lines, TRUE);
  g_array_free(runs, TRUE);
  g_array_free(chars, TRUE);
}
