/* What composers share: the text environment of one output, paragraphs checked
 * for missing glyphs, header and footer lines, and the book's metadata. */
#pragma once
#include "layout/diagram.h"
#include "layout/image.h"
#include "layout/layout.h"
#include "layout/para.h"

typedef struct {
  const LpLayoutInput *in;
  LpTextEnv env;
  LpBook *book;
  GPtrArray *paras; /* LpPara*, owned: freed with the composer */
  GPtrArray *blobs; /* small records the flow items point at, freed with it */
  GPtrArray *diagrams; /* LpDiagram*, owned */
  LpPara *draft;       /* the draft band's text, made by lp_compose_prepare_draft or on first use */
  gboolean draft_wrapped; /* the draft band's text is set on the measure, over more than one line */
  GHashTable *warned;  /* labels found missing, each told once */
  char *locale;        /* the language's ICU locale, and the same with the Gregorian calendar */
  char *locale_gregorian;
  LpVars *vars;        /* the input's values with the review dates in the language (lp_compose_values) */
} LpCompose;

void lp_compose_init(LpCompose *c, const LpLayoutInput *in);
void lp_compose_clear(LpCompose *c);
/* The values templates print: the input's, with {published} and {review_due}
 * as dates in the language (ICU, as the card's treatment date), and the
 * phrases {review_dates} ("Published … · Review due …", the parts the article
 * has) and {reviewed} ("Reviewed by …"), empty when the article has none.
 * Called once before anything is expanded. */
gboolean lp_compose_values(LpCompose *c, GError **err);

/* A paragraph the composer owns, or NULL with an error naming the first
 * character that no font has, where it stands in the source, and the language.
 * `block` (may be NULL) and `pos` locate the text. */
LpPara *lp_compose_para(LpCompose *c, const LpRich *text, const LpStyle *style, double width,
                        const LpBlock *block, LpPos pos, GError **err);
/* A heading or title: balanced lines (lp_para_new_balanced). */
LpPara *lp_compose_heading(LpCompose *c, const LpRich *text, const LpStyle *style, double width,
                           const LpBlock *block, LpPos pos, GError **err);
LpPara *lp_compose_plain(LpCompose *c, const char *text, const LpStyle *style, double width, LpPos pos,
                         GError **err);

/* The label `key` in the output's language; a label the labels file lacks is
 * told once (a warning naming the file and the key) and prints as nothing. */
const char *lp_compose_label(LpCompose *c, const char *key);

/* Expands a template with the output's values (NULL and an error if broken). */
char *lp_compose_expand(LpCompose *c, const LpVars *vars, const char *tmpl, LpPos pos, GError **err);

/* Expands each template of `parts` and joins the non-empty ones with " · ". */
char *lp_compose_join(LpCompose *c, const LpVars *vars, const GPtrArray *parts, LpPos pos, GError **err);

/* Draws the header or footer of page `index` (of `count`). Its slots share one
 * line with its baseline at `baseline` when they fit side by side; otherwise
 * each takes a line of its own, stacked downwards from `baseline` (a footer)
 * or upwards to it (a header, `upwards`). */
gboolean lp_compose_running(LpCompose *c, const LpRunning *r, const LpStyle *style, LpPage *page, guint index,
                            guint count, double baseline, gboolean upwards, GError **err);

/* Fills the book's metadata from the document and the values. */
void lp_compose_info(LpCompose *c);

/* A calendar date as the card and the figure print it: in the language's
 * calendar, with the Gregorian date beside it where the language has a
 * calendar of its own and its dates show both (or as the values' {calendar}
 * says: native, gregorian or both). */
char *lp_compose_date(LpCompose *c, int year, int month, int day, const char *skeleton, gboolean both_allowed,
                      GError **err);

/* The treatment date from the values ({treatment_date}, YYYY-MM-DD). Returns
 * FALSE with an error if it is set but not a date; *has says whether it is set. */
gboolean lp_compose_treatment_date(LpCompose *c, gboolean *has, int *year, int *month, int *day, GError **err);

/* The timeline diagram at `width`, with calendar dates under the ticks when a
 * treatment date is set. Owned by the composer. */
LpDiagram *lp_compose_diagram(LpCompose *c, const LpTimeline *t, double width, GError **err);
/* The same with the phase and axis styles of `styles` (indexed by LpStyleId)
 * instead of the layout's: a card's copy-fit sizes; NULL: the layout's. */
LpDiagram *lp_compose_diagram_styled(LpCompose *c, const LpTimeline *t, double width, const LpStyle *styles,
                                     GError **err);

/* Alternative text for the timeline figure, from the article's own words: the
 * caption, then each phase's label and note. */
char *lp_compose_figure_alt(const LpTimeline *t);

/* A document that is not reviewed carries a band across the top of every page:
 * "Draft translation — not yet reviewed" (or "Draft — …" for a source), in
 * its own language. Draws it on `page` and returns its height (0 for a
 * reviewed document); content goes below it. */
double lp_compose_draft_band(LpCompose *c, LpPage *page, GError **err);
/* The band's height without drawing it. */
double lp_compose_draft_height(const LpCompose *c);
/* Sets the draft band's text before anything asks for the band's height
 * (which grows when the text needs more than a line); TRUE for a reviewed
 * article, which has no band. */
gboolean lp_compose_prepare_draft(LpCompose *c, GError **err);

/* The clinic's logo (the profile's logo:, a PNG, JPEG or SVG file) decoded
 * into *out; FALSE with an error when it cannot be. out->surface is NULL when
 * the profile names no logo. The caller clears it. */
gboolean lp_compose_logo(LpCompose *c, LpImage *out, GError **err);
/* Keeps `p` until the composer is cleared; returns it. */
gpointer lp_compose_keep(LpCompose *c, gpointer p);
