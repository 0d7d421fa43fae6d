#include "layout/para.h"

#include <math.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "layout/locale.h"
#include "page/canvas.h"

struct LpPara {
  int refs;
  /* From the text environment, kept: a cached paragraph outlives the output
   * it was first set for. */
  LpFonts *fonts;
  char *lang;
  const LpLangs *langs; /* the facts of the languages of spans (the engine's, outliving the cache) */
  const LpLang *facts;  /* the document language's */
  LpColor link_color;
  LpStyle style;
  PangoLayout *layout;  /* set up for the paragraph: the first window's */
  GPtrArray *windows;   /* PangoLayout*: every window's, the first included */
  LpRich *text;   /* as laid out: with soft hyphens */
  GPtrArray *lines; /* PangoLayoutLine* (owned by its window's layout) */
  GArray *line_base; /* gsize: where each line's window starts in `text` */
  GArray *line_x;   /* double: each line's offset inside the measure */
  GArray *line_w;   /* double */
  double width;
  double shift; /* added to every line: a balanced paragraph's start edge in RTL */
  gunichar missing;
  gboolean binds;   /* one-letter words bind to the next (the language's rule) */
  gboolean words;   /* lines end only between words (the language's rule: Thai, Korean) */
  gsize set;    /* bytes of `text` in lines: all of them unless cancelled */
  const volatile gint *cancel;
};

double lp_style_baseline(const LpStyle *s) { return s->leading / 2 + 0.35 * s->size; }

/* Punctuation that UAX #14 keeps with the word after it (opening brackets and
 * quotation marks: "(", "“") or before it (closing ones, "。", "!", ","). */
static gboolean sticks_to_next(gunichar c) {
  int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
  return lb == U_LB_OPEN_PUNCTUATION || (lb == U_LB_QUOTATION && g_unichar_type(c) != G_UNICODE_FINAL_PUNCTUATION);
}
static gboolean sticks_to_previous(gunichar c) {
  int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
  return lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_CLOSE_PARENTHESIS || lb == U_LB_EXCLAMATION ||
         lb == U_LB_INFIX_NUMERIC || lb == U_LB_NONSTARTER ||
         (lb == U_LB_QUOTATION && g_unichar_type(c) != G_UNICODE_INITIAL_PUNCTUATION);
}

/* Lines end only between words, as ICU's word break iterator finds them for
 * the language: Thai words from ICU's dictionary (pango's own candidates come
 * from libthai, which cuts some words ICU keeps whole: "แม้|ว่า", "เคย|ชิน"),
 * Korean words between spaces (pango breaks Hangul between any two
 * syllables). Each word becomes a pango word: no line break inside it, one
 * allowed before it, and character breaks kept, so a word wider than the
 * measure still breaks rather than run out of its column. A word takes the
 * punctuation that sticks to it, so that no break falls after "(" or "“"
 * or before "." or "”". */
static void word_attributes(PangoAttrList *attrs, const char *t, gsize len, const char *lang) {
  glong n16 = 0;
  gunichar2 *u16 = g_utf8_to_utf16(t, (glong)len, NULL, &n16, NULL);
  if (!u16 || n16 == 0) {
    g_free(u16);
    return;
  }
  /* UTF-16 index → byte offset in t. */
  gsize *byte = g_new(gsize, (gsize)n16 + 1);
  glong k = 0;
  for (const char *p = t; p < t + len; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    byte[k++] = (gsize)(p - t);
    if (c > 0xFFFF)
      byte[k++] = (gsize)(p - t);
  }
  byte[n16] = len;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, lang, (const UChar *)u16, (int32_t)n16, &status);
  if (U_SUCCESS(status)) {
    int32_t a = ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
      if (ubrk_getRuleStatus(bi) < UBRK_WORD_NUMBER) /* spaces and punctuation */
        continue;
      const char *start = t + byte[a], *end = t + byte[b];
      if (g_utf8_strlen(start, end - start) < 2)
        continue;
      while (start > t && sticks_to_next(g_utf8_get_char(g_utf8_prev_char(start))))
        start = g_utf8_prev_char(start);
      while (end < t + len && sticks_to_previous(g_utf8_get_char(end)))
        end = g_utf8_next_char(end);
      PangoAttribute *w = pango_attr_word_new();
      w->start_index = (guint)(start - t);
      w->end_index = (guint)(end - t);
      pango_attr_list_insert(attrs, w);
    }
    ubrk_close(bi);
  }
  g_free(byte);
  g_free(u16);
}

/* A span in another language is set as that language: pango's language
 * attribute (shaping, line breaking, and the face fontconfig prefers for
 * shared characters: Han in a Japanese span takes the Japanese form), and
 * the style's family, then that language's families, then the document's,
 * so that a Hebrew word in an English line is set in the Hebrew font the
 * data names, not in whatever fontconfig finds. Its direction is its
 * letters' (the Unicode bidi algorithm inside the paragraph's direction). */
static void span_language(PangoAttrList *attrs, const LpPara *p, const LpSpan *s) {
  PangoAttribute *a = pango_attr_language_new(pango_language_from_string(s->lang));
  a->start_index = s->start;
  a->end_index = s->end;
  pango_attr_list_insert(attrs, a);
  const LpLang *facts = p->langs ? lp_langs_find(p->langs, s->lang) : NULL;
  if (!facts || !facts->fonts)
    return;
  GString *families = g_string_new(p->style.font ? p->style.font : "Noto Sans");
  for (char **f = facts->fonts; *f; f++)
    g_string_append_printf(families, ",%s", *f);
  for (char **f = p->facts ? p->facts->fonts : NULL; f && *f; f++)
    g_string_append_printf(families, ",%s", *f);
  a = pango_attr_family_new(families->str);
  g_string_free(families, TRUE);
  a->start_index = s->start;
  a->end_index = s->end;
  pango_attr_list_insert(attrs, a);
}

/* `binds`: the language's one-letter words (prepositions, conjunctions: в, с,
 * z, a) must not end a line (doc/lang.h). */
static PangoAttrList *attributes(const LpPara *para, const LpRich *text, gboolean binds, const char *words_lang) {
  PangoAttrList *attrs = pango_attr_list_new();
  if (words_lang)
    word_attributes(attrs, lp_rich_text(text), lp_rich_length(text), words_lang);
  for (guint i = 0; i < lp_rich_n_spans(text); i++) {
    const LpSpan *s = lp_rich_span(text, i);
    PangoAttribute *a;
    if (s->lang)
      span_language(attrs, para, s);
    if (s->flags & LP_SPAN_EM) {
      a = pango_attr_style_new(PANGO_STYLE_ITALIC);
      a->start_index = s->start;
      a->end_index = s->end;
      pango_attr_list_insert(attrs, a);
    }
    if (s->flags & LP_SPAN_LINK) {
      /* Only to give the link a run of its own; emit_run colours it. */
      a = pango_attr_foreground_new(0, 0, 0xffff);
      a->start_index = s->start;
      a->end_index = s->end;
      pango_attr_list_insert(attrs, a);
    }
    if (s->flags & LP_SPAN_STRONG) {
      a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      a->start_index = s->start;
      a->end_index = s->end;
      pango_attr_list_insert(attrs, a);
    }
  }
  const char *t = lp_rich_text(text);
  if (binds) {
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
      const char *prev = p == t ? NULL : g_utf8_prev_char(p);
      const char *next = g_utf8_next_char(p);
      if (g_unichar_isalpha(g_utf8_get_char(p)) && (!prev || g_unichar_isspace(g_utf8_get_char(prev))) &&
          *next == ' ' && next[1] && !g_unichar_isspace(g_utf8_get_char(next + 1))) {
        PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = (guint)(p - t);
        a->end_index = (guint)(next + 1 - t + (g_utf8_next_char(next + 1) - (next + 1)));
        pango_attr_list_insert(attrs, a);
      }
    }
  }
  /* A hard hyphen breaks a line only between parts of three letters or more:
   * "Botox-Induced" may break, "provoque-t-il" and "e-mail" may not. */
  for (const char *p = t; *p; p = g_utf8_next_char(p)) {
    if (*p != '-')
      continue;
    int left = 0, right = 0;
    for (const char *q = p; q > t;) {
      q = g_utf8_prev_char(q);
      if (!g_unichar_isalpha(g_utf8_get_char(q)))
        break;
      left++;
    }
    for (const char *q = p + 1; *q && g_unichar_isalpha(g_utf8_get_char(q)); q = g_utf8_next_char(q))
      right++;
    if (left > 0 && right > 0 && (left < 3 || right < 3)) {
      PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
      a->start_index = (guint)(p - t);
      a->end_index = (guint)(g_utf8_next_char(p + 1) - t);
      pango_attr_list_insert(attrs, a);
    }
  }
  /* Keep a number with the word after it ("2 weeks", "6 h") on one line, and a
   * range whole ("1–2", "7-10"). */
  for (const char *p = t; *p;) {
    if (!g_unichar_isdigit(g_utf8_get_char(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    for (;;) {
      gunichar c = g_utf8_get_char(p);
      const char *next = g_utf8_next_char(p);
      if (g_unichar_isdigit(c))
        p = next;
      else if ((c == '.' || c == ',' || c == '-' || c == 0x2013) && g_unichar_isdigit(g_utf8_get_char(next)))
        p = next;
      else
        break;
    }
    if (*p != ' ') {
      if (p - start > 1) {
        PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = (guint)(start - t);
        a->end_index = (guint)(p - t);
        pango_attr_list_insert(attrs, a);
      }
      continue;
    }
    const char *q = p + 1;
    while (*q && !g_unichar_isspace(g_utf8_get_char(q)))
      q = g_utf8_next_char(q);
    if (q == p + 1)
      continue;
    PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
    a->start_index = (guint)(start - t);
    a->end_index = (guint)(q - t);
    pango_attr_list_insert(attrs, a);
    p = q;
  }
  return attrs;
}

/* The style's family, then the families the language's scripts need: pango
 * takes each character from the first family that has it, so the face a
 * language is set in is the data's choice (the Chinese face of Noto Sans CJK
 * for Chinese, the Japanese one for Japanese), not fontconfig's guess. */
static PangoFontDescription *font_desc(const LpStyle *s, const LpLang *facts) {
  PangoFontDescription *d = pango_font_description_new();
  GString *families = g_string_new(s->font ? s->font : "Noto Sans");
  for (char **f = facts ? facts->fonts : NULL; f && *f; f++)
    g_string_append_printf(families, ",%s", *f);
  pango_font_description_set_family(d, families->str);
  g_string_free(families, TRUE);
  pango_font_description_set_weight(d, (PangoWeight)s->weight);
  pango_font_description_set_style(d, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size(d, (gint)lround(s->size * PANGO_SCALE));
  return d;
}

/* Alignment is visual and follows the document: "start" is the right edge in a
 * right-to-left document even for a paragraph that runs left to right (a
 * phone number, a clinic's Latin name), so every line of a side shares an edge. */
static PangoAlignment alignment(LpAlign a, gboolean doc_rtl) {
  switch (a) {
  case LP_ALIGN_CENTER:
    return PANGO_ALIGN_CENTER;
  case LP_ALIGN_END:
    return doc_rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  default:
    return doc_rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  }
}

/* A letter of a script written right to left, as Unicode's bidi classes say. */
static gboolean rtl_letter(gunichar c) {
  UCharDirection d = u_charDirection((UChar32)c);
  return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
}

/* A paragraph's base direction. In a right-to-left document every paragraph
 * with a letter in it runs right to left (a line of several parts, some of
 * them Latin, keeps its parts in reading order); digits and signs alone
 * ("+00 000 000") run left to right, so a phone number keeps its "+" in front.
 * In a left-to-right document only a paragraph of right-to-left letters alone
 * runs right to left. */
static gboolean paragraph_rtl(const char *text, gboolean doc_rtl) {
  gboolean has_rtl = FALSE, has_ltr = FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isalpha(c))
      continue;
    if (rtl_letter(c))
      has_rtl = TRUE;
    else
      has_ltr = TRUE;
  }
  return doc_rtl ? has_rtl || has_ltr : (has_rtl && !has_ltr);
}

/* Paragraphs are set window by window. pango 1.50 measures the rest of an
 * item again for every line it breaks, so one layout of a long paragraph
 * costs time quadratic in its length, and past about two million points of
 * text on one line its widths (ints of 1/1024 pt) overflow and lines are
 * lost. A window of at most WINDOW bytes is laid out, all its lines but the
 * last are kept, and the next window starts where that line starts: pango
 * breaks lines greedily (where a line ends depends on the text from its
 * start), so the lines are the ones a single layout would make. Every
 * paragraph shorter than a window — all but hostile ones — is one layout. */
#define WINDOW 4096

/* Where a window from `start` ends: after the last space in its second half
 * (a break the last, dropped line may take), else at a character boundary. */
static gsize window_end(const char *t, gsize start, gsize len) {
  gsize end = start + WINDOW;
  if (end >= len)
    return len;
  for (gsize i = end; i > start + WINDOW / 2; i--)
    if (t[i - 1] == ' ')
      return i;
  while (end > start && (t[end] & 0xC0) == 0x80)
    end--;
  return end;
}

static void record_line(LpPara *p, PangoLayoutIter *it, gsize base) {
  PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
  PangoRectangle logical;
  pango_layout_iter_get_line_extents(it, NULL, &logical);
  double x = (double)logical.x / PANGO_SCALE, w = (double)logical.width / PANGO_SCALE;
  g_ptr_array_add(p->lines, line);
  g_array_append_val(p->line_x, x);
  g_array_append_val(p->line_w, w);
  g_array_append_val(p->line_base, base);
  p->set = base + (gsize)line->start_index + (gsize)line->length;
  for (GSList *r = line->runs; r && !p->missing; r = r->next) {
    PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
    for (int g = 0; g < gs->num_glyphs; g++)
      if (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
        p->missing = gs->glyphs[g].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
        break;
      }
  }
}

/* Sets `text` (taken) into the paragraph's windows and records its lines. */
static void set_text(LpPara *p, LpRich *text) {
  lp_rich_free(p->text);
  p->text = text;
  g_ptr_array_set_size(p->windows, 1); /* p->layout stays, the others go */
  g_ptr_array_set_size(p->lines, 0);
  g_array_set_size(p->line_x, 0);
  g_array_set_size(p->line_w, 0);
  g_array_set_size(p->line_base, 0);
  p->missing = 0;
  p->set = 0;
  const char *t = lp_rich_text(text);
  gsize len = lp_rich_length(text), start = 0;
  for (;;) {
    gsize end = p->width > 0 ? window_end(t, start, len) : len;
    gboolean last = end == len;
    LpRich *slice = start == 0 && last ? NULL : lp_rich_slice(text, start, end);
    const LpRich *part = slice ? slice : text;
    PangoLayout *layout = p->layout;
    if (start > 0) {
      layout = pango_layout_copy(p->layout);
      g_ptr_array_add(p->windows, layout);
    }
    PangoAttrList *attrs = attributes(p, part, p->binds, p->words ? p->lang : NULL);
    pango_layout_set_text(layout, lp_rich_text(part), (int)lp_rich_length(part));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    lp_rich_free(slice);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    int n = pango_layout_get_line_count(layout);
    gsize next = end;
    for (int i = 0;; i++) {
      if (!last && i == n - 1 && n > 1) {
        /* The window's last line may end early: the next window starts with it. */
        next = start + (gsize)pango_layout_iter_get_line_readonly(it)->start_index;
        break;
      }
      record_line(p, it, start);
      if (!pango_layout_iter_next_line(it))
        break;
    }
    pango_layout_iter_free(it);
    if (last || next <= start)
      break;
    start = next;
    if (p->cancel && g_atomic_int_get(p->cancel))
      break; /* the build stops; the paragraph says it is not whole */
  }
}

gboolean lp_para_whole(const LpPara *p) { return p->set >= lp_rich_length(p->text); }

/* A line that ends this far short of the measure is worth hyphenating into. */
#define RAG_LIMIT 0.8

/* Hyphenates only where it helps: the first word of the line after each short
 * line gets its break points, then the paragraph is set again (a few rounds,
 * since the new breaks move lines further on). */
static void hyphenate(LpPara *p, const LpHyph *hyph, const LpRich *text) {
  GHashTable *words = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (int round = 0; round < 3; round++) {
    gboolean added = FALSE;
    const char *cur = lp_rich_text(p->text);
    /* Soft hyphens (2 bytes each) before the line, counted once along the text. */
    const char *q = cur;
    gsize soft = 0;
    for (guint i = 0; i + 1 < p->lines->len; i++) {
      PangoLayoutLine *next = g_ptr_array_index(p->lines, i + 1);
      gsize at = g_array_index(p->line_base, gsize, i + 1) + (gsize)next->start_index;
      for (; q < cur + at; q++)
        if ((unsigned char)q[0] == 0xC2 && (unsigned char)q[1] == 0xAD)
          soft++;
      if (g_array_index(p->line_w, double, i) >= RAG_LIMIT * p->width)
        continue;
      /* Back to an offset in the text without soft hyphens. */
      added |= g_hash_table_add(words, GSIZE_TO_POINTER(at - 2 * soft));
    }
    if (!added)
      break;
    set_text(p, lp_hyph_apply(hyph, text, words));
  }
  g_hash_table_unref(words);
}

/* The text in upper case by the language's rules, span by span. */
static LpRich *uppercase(const char *lang, const LpRich *in) {
  LpRich *out = lp_rich_new();
  const char *t = lp_rich_text(in);
  guint pos = 0, n = lp_rich_n_spans(in);
  for (guint i = 0; i <= n; i++) {
    const LpSpan *s = i < n ? lp_rich_span(in, i) : NULL;
    guint start = s ? s->start : (guint)lp_rich_length(in);
    for (int part = 0; part < 2; part++) {
      guint a = part == 0 ? pos : start, b = part == 0 ? start : (s ? s->end : start);
      if (b <= a)
        continue;
      char *seg = g_strndup(t + a, b - a);
      /* A span in another language by its own rules (Turkish i in a German line stays I). */
      char *up = lp_locale_upper(part == 1 && s->lang ? s->lang : lang, seg);
      lp_rich_append_lang(out, up, -1, part == 0 ? 0 : s->flags, part == 0 ? NULL : s->href,
                          part == 0 ? NULL : s->lang);
      g_free(up);
      g_free(seg);
    }
    pos = s ? s->end : start;
  }
  return out;
}

static LpPara *build(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width) {
  LpPara *p = g_new0(LpPara, 1);
  p->refs = 1;
  p->fonts = env->fonts;
  p->lang = g_strdup(env->lang);
  p->langs = env->langs;
  p->facts = env->facts;
  p->binds = env->facts && env->facts->binds_one_letter_words;
  p->words = env->facts && env->facts->breaks_words;
  p->link_color = env->link_color;
  lp_style_copy(&p->style, style);
  p->width = width;
  gboolean rtl = paragraph_rtl(lp_rich_text(text), env->rtl);
  p->layout = pango_layout_new(lp_fonts_context(env->fonts, env->lang, rtl));
  pango_layout_set_auto_dir(p->layout, FALSE);
  PangoFontDescription *d = font_desc(style, env->facts);
  pango_layout_set_font_description(p->layout, d);
  pango_font_description_free(d);
  if (width > 0) {
    pango_layout_set_width(p->layout, (int)lround(width * PANGO_SCALE));
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(p->layout, alignment(style->align, env->rtl));
  pango_layout_set_justify(p->layout, style->align == LP_ALIGN_JUSTIFY);
  p->windows = g_ptr_array_new_with_free_func(g_object_unref);
  g_ptr_array_add(p->windows, p->layout);
  p->cancel = env->cancel;
  p->lines = g_ptr_array_new();
  p->line_base = g_array_new(FALSE, FALSE, sizeof(gsize));
  p->line_x = g_array_new(FALSE, FALSE, sizeof(double));
  p->line_w = g_array_new(FALSE, FALSE, sizeof(double));
  LpRich *upper = style->uppercase ? uppercase(env->lang, text) : NULL;
  if (upper)
    text = upper;
  set_text(p, lp_rich_copy(text));
  const LpHyph *hyph = style->hyphenate && width > 0 && env->facts ? lp_hyph_for(env->facts->hyphenation) : NULL;
  if (hyph && p->lines->len > 1)
    hyphenate(p, hyph, text);
  lp_rich_free(upper);
  return p;
}

/* The paragraph cache. A paragraph is a pure function of its text, style,
 * measure and environment, so one thread that builds many outputs (a mail
 * merge sets the same points, phases and advice on every card, and copy-fit
 * tries the same sizes) sets each only once. The key spells out everything
 * the paragraph depends on; lengths before strings keep it unambiguous. */
struct LpParaCache {
  GHashTable *paras; /* key → LpPara* (a reference) */
};

/* Enough for every paragraph of a card or a leaflet; past it the cache
 * starts again, so memory stays flat over any number of outputs. */
#define CACHE_MAX 1024

LpParaCache *lp_para_cache_new(void) {
  LpParaCache *c = g_new0(LpParaCache, 1);
  c->paras = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)lp_para_free);
  return c;
}

void lp_para_cache_free(LpParaCache *c) {
  if (!c)
    return;
  g_hash_table_unref(c->paras);
  g_free(c);
}

static void key_color(GString *k, const LpColor *c) {
  g_string_append_printf(k, "%d %a %a %a %a|", (int)c->space, c->v[0], c->v[1], c->v[2], c->v[3]);
}

static char *cache_key(char kind, const LpTextEnv *env, const LpRich *text, const LpStyle *s, double width) {
  const char *font = s->font ? s->font : "";
  GString *k = g_string_new(NULL);
  g_string_append_printf(k, "%c%zu:%s|%d|%a|%zu:%s|%a %a %d %d %d %d %d|", kind, strlen(env->lang), env->lang,
                         env->rtl, width, strlen(font), font, s->size, s->leading, s->weight, s->italic,
                         (int)s->align, s->hyphenate, s->uppercase);
  key_color(k, &s->color);
  key_color(k, &env->link_color);
  /* The language's facts the paragraph depends on (a server may hold two
   * projects whose data differ for one tag). */
  const LpLang *f = env->facts;
  if (f) {
    g_string_append_printf(k, "%d %d %s|", f->binds_one_letter_words, f->breaks_words,
                           f->hyphenation ? f->hyphenation : "");
    for (char **fam = f->fonts; fam && *fam; fam++)
      g_string_append_printf(k, "%zu:%s,", strlen(*fam), *fam);
  }
  g_string_append_printf(k, "%zu:", lp_rich_length(text));
  g_string_append_len(k, lp_rich_text(text), (gssize)lp_rich_length(text));
  for (guint i = 0; i < lp_rich_n_spans(text); i++) {
    const LpSpan *sp = lp_rich_span(text, i);
    const char *href = sp->href ? sp->href : "", *lang = sp->lang ? sp->lang : "";
    g_string_append_printf(k, "|%u %u %u %zu:%s %zu:%s", sp->start, sp->end, sp->flags, strlen(href), href,
                           strlen(lang), lang);
  }
  return g_string_free(k, FALSE);
}

typedef LpPara *(*Setter)(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width);

/* The paragraph from the cache, or set by `set` and kept there. */
static LpPara *cached(char kind, Setter set, const LpTextEnv *env, const LpRich *text, const LpStyle *style,
                      double width) {
  if (!env->cache)
    return set(env, text, style, width);
  GHashTable *paras = env->cache->paras;
  char *key = cache_key(kind, env, text, style, width);
  LpPara *p = g_hash_table_lookup(paras, key);
  if (p) {
    g_free(key);
  } else {
    p = set(env, text, style, width);
    if (!lp_para_whole(p)) { /* cut short by cancellation: never reused */
      g_free(key);
      return p;
    }
    if (g_hash_table_size(paras) >= CACHE_MAX)
      g_hash_table_remove_all(paras);
    g_hash_table_insert(paras, key, p);
  }
  p->refs++;
  return p;
}

LpPara *lp_para_new(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width) {
  return cached('P', build, env, text, style, width);
}

LpPara *lp_para_new_plain(const LpTextEnv *env, const char *text, const LpStyle *style, double width) {
  LpRich *r = lp_rich_new_plain(text);
  LpPara *p = lp_para_new(env, r, style, width);
  lp_rich_free(r);
  return p;
}

static LpPara *build_balanced(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width) {
  LpPara *best = build(env, text, style, width);
  int n = lp_para_n_lines(best);
  if (n < 2 || width <= 0)
    return best;
  double lo = width * 0.5, hi = width;
  for (int i = 0; i < 10 && hi - lo > 1; i++) {
    double mid = (lo + hi) / 2;
    LpPara *q = build(env, text, style, mid);
    if (lp_para_n_lines(q) == n) {
      lp_para_free(best);
      best = q;
      hi = mid;
    } else {
      lp_para_free(q);
      lo = mid;
    }
  }
  best->shift = env->rtl ? width - best->width : 0;
  return best;
}

LpPara *lp_para_new_balanced(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width) {
  return cached('B', build_balanced, env, text, style, width);
}

void lp_para_free(LpPara *p) {
  if (!p || --p->refs > 0)
    return;
  g_free(p->lang);
  g_ptr_array_unref(p->windows); /* p->layout with them */
  lp_rich_free(p->text);
  lp_style_clear(&p->style);
  g_ptr_array_unref(p->lines);
  g_array_free(p->line_base, TRUE);
  g_array_free(p->line_x, TRUE);
  g_array_free(p->line_w, TRUE);
  g_free(p);
}

int lp_para_n_lines(const LpPara *p) { return (int)p->lines->len; }
double lp_para_line_width(const LpPara *p, int i) { return g_array_index(p->line_w, double, i); }
double lp_para_height(const LpPara *p) { return p->lines->len * p->style.leading; }
gunichar lp_para_missing_char(const LpPara *p) { return p->missing; }

gboolean lp_para_line_hyphenated(const LpPara *p, int i) {
  PangoLayoutLine *line = g_ptr_array_index(p->lines, i);
  if (line->length <= 0)
    return FALSE;
  const char *start = lp_rich_text(p->text) + g_array_index(p->line_base, gsize, i) + line->start_index;
  gunichar c = g_utf8_get_char(g_utf8_prev_char(start + line->length));
  return c == 0x00AD || c == '-' || c == 0x2010;
}

double lp_para_max_line_width(const LpPara *p) {
  double m = 0;
  for (guint i = 0; i < p->line_w->len; i++)
    m = MAX(m, g_array_index(p->line_w, double, i));
  return m;
}

static guint span_flags_at(const LpRich *text, guint offset, const char **href, const char **lang) {
  for (guint i = 0; i < lp_rich_n_spans(text); i++) {
    const LpSpan *s = lp_rich_span(text, i);
    if (offset >= s->start && offset < s->end) {
      *href = s->href;
      *lang = s->lang;
      return s->flags;
    }
  }
  return 0;
}

/* One glyph item → one glyph run. Clusters are built in logical order (what
 * cairo_show_text_glyphs expects, with BACKWARD for right-to-left runs); a
 * cluster that draws nothing (a soft hyphen inside a line, a line separator)
 * is left out of the text as well, so search finds the word whole.
 *
 * Right-to-left clusters are shaped for text extractors (poppler's, at least:
 * pdftotext, evince, okular), which place the characters of a glyph over its
 * width from left to right and so read a right-to-left ligature backwards: a
 * ligature's characters are written in visual order, and so are a letter's
 * and its marks', all on the letter's glyph. See docs/translations.md,
 * "Right-to-left text in PDF". */
typedef struct {
  int t0, t1;   /* text, logical */
  int g0, g1;   /* glyphs of the cluster, visual, in the pango glyph string */
} Cluster;

static double emit_run(const LpPara *p, PangoLayoutLine *line, gsize window, PangoGlyphItem *gi, LpPage *page,
                       double x, double baseline, int frame) {
  PangoItem *item = gi->item;
  PangoGlyphString *gs = gi->glyphs;
  const char *text = pango_layout_get_text(line->layout);
  gboolean rtl = item->analysis.level & 1;
  GUnicodeScript script = (GUnicodeScript)item->analysis.script;
  gboolean thai = script == G_UNICODE_SCRIPT_THAI || script == G_UNICODE_SCRIPT_DEVANAGARI ||
                  script == G_UNICODE_SCRIPT_BENGALI || script == G_UNICODE_SCRIPT_GURMUKHI ||
                  script == G_UNICODE_SCRIPT_GUJARATI || script == G_UNICODE_SCRIPT_TAMIL;
  int n = gs->num_glyphs;

  /* Where every glyph goes, and which draw anything. */
  cairo_glyph_t *pos = g_new(cairo_glyph_t, n + 1);
  gboolean *kept = g_new0(gboolean, n + 1);
  double pen = x;
  for (int i = 0; i < n; i++) {
    PangoGlyphInfo *g = &gs->glyphs[i];
    pos[i].index = g->glyph;
    pos[i].x = pen + (double)g->geometry.x_offset / PANGO_SCALE;
    pos[i].y = baseline + (double)g->geometry.y_offset / PANGO_SCALE;
    kept[i] = g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG);
    pen += (double)g->geometry.width / PANGO_SCALE;
  }

  /* Clusters in glyph (visual) order: runs of glyphs with equal log_clusters. */
  GArray *cl = g_array_new(FALSE, FALSE, sizeof(Cluster));
  for (int i = 0; i < n; i++)
    if (i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1]) {
      Cluster c = {item->offset + gs->log_clusters[i], 0, i, n};
      if (cl->len)
        g_array_index(cl, Cluster, cl->len - 1).g1 = i;
      g_array_append_val(cl, c);
    }
  /* pango gives a right-to-left mark (shadda, tanween) a cluster of its own;
   * it belongs to its letter: the next cluster in visual order. */
  if (rtl) {
    for (guint k = 0; k + 1 < cl->len;) {
      Cluster *c = &g_array_index(cl, Cluster, k);
      gboolean mark = TRUE;
      for (int i = c->g0; i < c->g1 && mark; i++)
        mark = !kept[i] || gs->glyphs[i].geometry.width == 0;
      if (mark && g_unichar_ismark(g_utf8_get_char(text + c->t0))) {
        g_array_index(cl, Cluster, k + 1).g0 = c->g0;
        g_array_remove_index(cl, k);
      } else {
        k++;
      }
    }
  }
  /* So it does a Thai vowel or tone mark above or below its consonant; it
   * belongs to the letter before it. Kept apart, each mark is a glyph with
   * text of its own, pulled back over the letter (poppler reads a space after
   * the letter: "ปวดศี รษะ") or raised over an upper vowel (poppler reads a
   * word of its own: "สิ ง ่"); as one cluster, cairo gives the letter and its
   * marks one ActualText and poppler reads the word whole. (MuPDF 1.21 reads
   * U+FFFD for the marks of such a span.) */
  if (thai && !rtl) {
    for (guint k = 1; k < cl->len;) {
      Cluster *c = &g_array_index(cl, Cluster, k);
      gboolean mark = TRUE;
      for (int i = c->g0; i < c->g1 && mark; i++)
        mark = !kept[i] || gs->glyphs[i].geometry.width == 0;
      if (mark && g_unichar_ismark(g_utf8_get_char(text + c->t0))) {
        g_array_index(cl, Cluster, k - 1).g1 = c->g1;
        g_array_remove_index(cl, k);
      } else {
        k++;
      }
    }
  }
  int item_end = item->offset + item->length;
  for (guint k = 0; k < cl->len; k++) {
    /* A cluster's text ends where the next one in logical order starts. */
    Cluster *c = &g_array_index(cl, Cluster, k);
    if (rtl)
      c->t1 = k > 0 ? g_array_index(cl, Cluster, k - 1).t0 : item_end;
    else
      c->t1 = k + 1 < cl->len ? g_array_index(cl, Cluster, k + 1).t0 : item_end;
  }

  GArray *glyphs = g_array_sized_new(FALSE, FALSE, sizeof(cairo_glyph_t), (guint)n);
  GArray *clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
  GString *run_text = g_string_new(NULL);
  /* Glyphs in visual order; in a right-to-left letter-and-marks cluster the
   * letter's glyph goes last, so that it is the first the text maps to. */
  gboolean *split = g_new0(gboolean, cl->len + 1);
  for (guint k = 0; k < cl->len; k++) {
    Cluster *c = &g_array_index(cl, Cluster, k);
    int ng = 0, base = -1, wide = 0;
    for (int i = c->g0; i < c->g1; i++)
      if (kept[i]) {
        ng++;
        if (gs->glyphs[i].geometry.width != 0) {
          base = i;
          wide++;
        }
      }
    glong nch = c->t1 > c->t0 ? g_utf8_strlen(text + c->t0, c->t1 - c->t0) : 0;
    /* A letter whose marks the font draws as one glyph (Noto Naskh's shadda
     * with fatha over beh in يُطبَّق) has more characters than glyphs: the
     * letter takes them all too, or the text lands on the zero-width mark and
     * extractors read a space where the letter is ("يُط َّبق"). */
    /* So it does for a letter with marks in Indic and Thai clusters: poppler
     * spans a cluster's text from its first glyph's origin to its last glyph's
     * end, and a mark drawn back over its letter ends it inside the letter
     * (poppler reads a space after it: "कु छ"). */
    split[k] = (rtl || thai) && ng > 1 && nch >= ng && wide == 1;
    if (split[k] && !rtl) {
      /* Logical and visual: the letter first, its marks after it. */
      g_array_append_val(glyphs, pos[base]);
      for (int i = c->g0; i < c->g1; i++)
        if (kept[i] && i != base)
          g_array_append_val(glyphs, pos[i]);
    } else if (thai && !rtl && wide > 1 && ng > wide) {
      /* A conjunct with marks: its first and last glyphs letters, the marks
       * between them, so that its text spans the letters' width. */
      int first = -1;
      for (int i = c->g0; i < c->g1 && first < 0; i++)
        if (kept[i] && gs->glyphs[i].geometry.width != 0)
          first = i;
      g_array_append_val(glyphs, pos[first]);
      for (int pass = 0; pass < 2; pass++)
        for (int i = c->g0; i < c->g1; i++)
          if (kept[i] && i != first && (gs->glyphs[i].geometry.width == 0) == (pass == 0))
            g_array_append_val(glyphs, pos[i]);
    } else if (split[k]) {
      /* Logical: the letter, then its marks in their order (visual order is
       * reversed in RTL); the array takes them last to first. */
      for (int i = c->g0; i < c->g1; i++)
        if (kept[i] && i != base)
          g_array_append_val(glyphs, pos[i]);
      g_array_append_val(glyphs, pos[base]);
    } else {
      for (int i = c->g0; i < c->g1; i++)
        if (kept[i])
          g_array_append_val(glyphs, pos[i]);
    }
  }
  for (guint k = 0; k < cl->len; k++) {
    guint ck = rtl ? cl->len - 1 - k : k; /* logical order */
    Cluster *c = &g_array_index(cl, Cluster, ck);
    int ng = 0;
    for (int i = c->g0; i < c->g1; i++)
      ng += kept[i];
    if (ng == 0 || c->t1 <= c->t0)
      continue;
    if (split[ck]) {
      /* The letter's glyph carries the letter and its marks (in visual order,
       * as a ligature's); the raised mark glyphs carry no text, so that they
       * do not start a line of their own in the extractor's eyes. */
      if (rtl) {
        char *rev = g_utf8_strreverse(text + c->t0, c->t1 - c->t0);
        g_string_append_len(run_text, rev, c->t1 - c->t0);
        g_free(rev);
      } else {
        g_string_append_len(run_text, text + c->t0, c->t1 - c->t0);
      }
      cairo_text_cluster_t letter = {c->t1 - c->t0, 1};
      g_array_append_val(clusters, letter);
      for (int m = 1; m < ng; m++) {
        cairo_text_cluster_t mark = {0, 1};
        g_array_append_val(clusters, mark);
      }
      continue;
    }
    cairo_text_cluster_t tc = {c->t1 - c->t0, ng};
    if (c->t1 - c->t0 == 2 && memcmp(text + c->t0, "\xC2\xAD", 2) == 0) {
      /* A soft hyphen that draws a hyphen: a line broken there. Its text is
       * the hyphen it shows, which poppler joins across the line end
       * ("experi-" / "ence" reads "experience"); U+00AD it leaves in the
       * word (docs/translations.md, "Readers"). */
      g_string_append_c(run_text, '-');
      tc.num_bytes = 1;
    } else if (rtl && ng == 1 && g_utf8_strlen(text + c->t0, c->t1 - c->t0) > 1) {
      char *rev = g_utf8_strreverse(text + c->t0, c->t1 - c->t0);
      g_string_append_len(run_text, rev, c->t1 - c->t0);
      g_free(rev);
    } else {
      g_string_append_len(run_text, text + c->t0, c->t1 - c->t0);
    }
    g_array_append_val(clusters, tc);
  }
  g_free(split);
  g_array_free(cl, TRUE);
  g_free(kept);
  g_free(pos);

  if (glyphs->len > 0) {
    LpGlyphRun run = {0};
    run.font = lp_font_ref(lp_fonts_font(p->fonts, item->analysis.font));
    cairo_matrix_t fm;
    cairo_scaled_font_get_font_matrix(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font)), &fm);
    run.size = fm.yy;
    const char *href = NULL, *lang = NULL;
    guint flags = span_flags_at(p->text, (guint)(window + (gsize)item->offset), &href, &lang);
    run.color = (flags & LP_SPAN_LINK) ? p->link_color : p->style.color;
    run.n_glyphs = (int)glyphs->len;
    run.glyphs = (cairo_glyph_t *)g_array_free(glyphs, FALSE);
    run.text_len = (int)run_text->len;
    run.text = g_string_free(run_text, FALSE);
    run.n_clusters = (int)clusters->len;
    run.clusters = (cairo_text_cluster_t *)g_array_free(clusters, FALSE);
    run.backward = rtl;
    run.frame = frame;
    /* Text in another language is a Span with its /Lang in a tagged PDF, one
     * per run (the language attribute gives the span runs of its own). */
    if (lang)
      lp_page_span_begin(page, lang);
    lp_page_add_glyphs(page, &run);
    if (lang)
      lp_page_tag_end(page);
    if (flags & LP_SPAN_LINK && href) {
      double w = pen - x;
      LpCanvas *cv = lp_canvas_new(page);
      lp_canvas_rect(cv, x, baseline + 0.12 * run.size, w, 0.06 * run.size, run.color);
      lp_canvas_free(cv);
      lp_page_add_link(page, x, baseline - 0.8 * run.size, w, 1.1 * run.size, href);
    }
  } else {
    g_array_free(glyphs, TRUE);
    g_array_free(clusters, TRUE);
    g_string_free(run_text, TRUE);
  }
  return pen - x;
}

void lp_para_emit_line(const LpPara *p, int i, LpPage *page, double x, double baseline, int frame) {
  PangoLayoutLine *line = g_ptr_array_index(p->lines, i);
  gsize base = g_array_index(p->line_base, gsize, i);
  double pen = x + p->shift + g_array_index(p->line_x, double, i);
  /* pango gives a line's runs in visual order; they are drawn in logical
   * order, each at its visual place, because the drawing order is the order
   * of the structure elements (a span, a link) in a tagged PDF, and a reader
   * reads those in that order: in a right-to-left line with a Latin word the
   * visual order would read the line's parts backwards. */
  guint n = g_slist_length(line->runs);
  if (n <= 1) { /* most lines: one run, nothing to order */
    if (n)
      emit_run(p, line, base, line->runs->data, page, pen, baseline, frame);
    return;
  }
  PangoGlyphItem **runs = g_new(PangoGlyphItem *, n);
  double *at = g_new(double, n);
  guint k = 0;
  for (GSList *r = line->runs; r; r = r->next, k++) {
    runs[k] = r->data;
    at[k] = pen;
    pen += (double)pango_glyph_string_get_width(runs[k]->glyphs) / PANGO_SCALE;
  }
  guint *order = g_new(guint, n);
  for (k = 0; k < n; k++)
    order[k] = k;
  /* Few runs a line: an insertion sort by the text offset. */
  for (guint a = 1; a < n; a++)
    for (guint b = a; b > 0 && runs[order[b]]->item->offset < runs[order[b - 1]]->item->offset; b--) {
      guint t = order[b];
      order[b] = order[b - 1];
      order[b - 1] = t;
    }
  for (k = 0; k < n; k++)
    emit_run(p, line, base, runs[order[k]], page, at[order[k]], baseline, frame);
  g_free(order);
  g_free(at);
  g_free(runs);
}
