/* Paragraphs: rich text set into lines by pango (shaping, bidi, line breaking,
 * justification), and lines emitted onto pages as glyph runs.
 *
 * A paragraph is laid out once at its measure; the flow then decides where each
 * of its lines goes, so breaking a paragraph across columns never re-shapes it. */
#pragma once
#include "doc/lang.h"
#include "doc/rich.h"
#include "doc/style.h"
#include "layout/fonts.h"
#include "layout/hyph.h"
#include "page/page.h"

typedef struct LpParaCache LpParaCache;

/* What every paragraph of one output shares. */
typedef struct {
  LpFonts *fonts;
  const char *lang;
  gboolean rtl;
  LpColor link_color;
  LpParaCache *cache; /* may be NULL: every paragraph is set anew */
  const volatile gint *cancel; /* may be NULL: set when the build is to stop */
  const LpLang *facts;  /* the language's fonts, hyphenation, line breaking; may be NULL */
  const char *locale;   /* its ICU locale (numbers, calendar) */
  const LpLangs *langs; /* every language's facts, for spans in other languages; may be NULL */
} LpTextEnv;

typedef struct LpPara LpPara;

/* Paragraphs already set, reused by later outputs on the same thread (the
 * same fonts): a paragraph with the same text, style, measure and environment
 * is the same paragraph. Bounded; owns references to what it holds. */
LpParaCache *lp_para_cache_new(void);
void lp_para_cache_free(LpParaCache *cache);

/* `width` ≤ 0 sets the text on one line per hard break, unwrapped. */
LpPara *lp_para_new(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width);
LpPara *lp_para_new_plain(const LpTextEnv *env, const char *text, const LpStyle *style, double width);
/* The same, set as narrow as it goes without gaining a line, so the lines of a
 * heading or title come out even instead of leaving a word alone at the end.
 * It still occupies `width`: lines stay at the measure's start edge. */
LpPara *lp_para_new_balanced(const LpTextEnv *env, const LpRich *text, const LpStyle *style, double width);
/* Drops a reference: a paragraph may be shared with the cache. Paragraphs are
 * never changed once made. */
void lp_para_free(LpPara *para);

int lp_para_n_lines(const LpPara *para);
/* Width of line `i`'s text (without trailing space), pt. */
double lp_para_line_width(const LpPara *para, int i);
double lp_para_max_line_width(const LpPara *para);
/* Whether line `i` ends in a hyphen: a word broken there (a soft hyphen) or a
 * compound broken at its own hyphen. */
gboolean lp_para_line_hyphenated(const LpPara *para, int i);
/* Height of the paragraph set solid at its style's leading. */
double lp_para_height(const LpPara *para);
/* The first character no configured font has a glyph for, or 0. */
gunichar lp_para_missing_char(const LpPara *para);
/* Whether every character of the text is in a line (FALSE only when the
 * build was cancelled while the paragraph was being set). */
gboolean lp_para_whole(const LpPara *para);

/* Emits line `i` with its box's left edge at `x` and its baseline at `baseline`.
 * Alignment inside the measure is pango's. */
void lp_para_emit_line(const LpPara *para, int i, LpPage *page, double x, double baseline, int frame);

/* Where a line's baseline sits below the top of its line box: the x-height is
 * centred in the leading, so lines of any size sit evenly in their boxes. */
double lp_style_baseline(const LpStyle *style);
