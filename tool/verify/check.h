/* What the verifier's checks share: one page under check, how problems are
 * reported, and what a glyph run shows (its text, its boxes). Private to
 * tool/verify/. */
#pragma once
#include <poppler.h>

#include "verify/verify.h"

typedef struct {
  const LpVerifyOptions *opt;
  const LpBook *book;
  guint index;          /* 0-based page number */
  const LpPage *page;   /* the layout's page */
  PopplerPage *pdf;     /* the same page read back */
  double offset;        /* the trimmed page's origin on the written page, pt */
  double dpi;
  GPtrArray *problems;  /* char*, every problem (may be NULL) */
  char **first;         /* the first problem of the whole run */
  guint on_page;        /* problems reported on this page */
  LpVerifyStats *stats;
} LpVerifyPage;

/* The most problems one page reports; the rest are counted in one line. */
#define LP_VERIFY_MAX_PER_PAGE 12

/* Reports a problem: "[place: ]page N: <message> (writer W)". `run` (may be
 * NULL) gives the place through the caller's hook. */
void lp_verify_problem(LpVerifyPage *v, const LpGlyphRun *run, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* The first `max` characters of a run's text, quoted for a message. */
char *lp_verify_excerpt(const char *text, gssize len, int max);
/* "U+5982 '如'" for every character of `text` (up to 4). */
char *lp_verify_describe_chars(const char *text, int len);

/* A run's text in logical order. para.c writes the text of a right-to-left
 * cluster that one glyph shows (a ligature; a letter carrying its marks) in
 * visual order, for extractors that spread a glyph's characters left to right
 * over its width; undone here. The result is NFC. */
char *lp_verify_run_logical(const LpGlyphRun *run);
/* The text of the cluster that shows glyph `i` of `run` (a mark's glyph shows
 * no text of its own: its letter's), as a pointer into run->text and a length. */
void lp_verify_glyph_text(const LpGlyphRun *run, int i, const char **text, int *len);
/* The run's baseline: where most of its glyphs sit (marks are raised). */
double lp_verify_run_baseline(const LpGlyphRun *run);

/* The three checks, each on one page. */
void lp_verify_geometry(LpVerifyPage *v);
void lp_verify_text(LpVerifyPage *v);
void lp_verify_ink(LpVerifyPage *v);
