/* Read-back verification: a finished PDF proven against the pages it was
 * written from.
 *
 * "A leafpress PDF never silently differs from its text." The finished file is
 * opened with poppler, a PDF reader that shares no code with cairo's PDF writer
 * or libharu: it parses the file, loads the embedded font programs itself
 * (FreeType), extracts the text and renders the pages. Page by page, the
 * verifier proves (docs/verify.md has the rules and their tolerances):
 *
 *   text      every line the layout set is read back, character for character
 *             and word boundary for word boundary, in logical order, where the
 *             layout put it; nothing else is read back;
 *   ink       every glyph with ink in the display list has ink in poppler's
 *             rendering where the display list draws it;
 *   geometry  the page count and sizes; no ink outside the trimmed page but
 *             where the display list itself draws beyond it; every glyph run's
 *             ink inside the trimmed page; no filled path past the bleed.
 *
 * The verifier reads the display list and never writes or lays out; it comes
 * after the finish stage and includes the writers only to draw the expected
 * pages exactly as the cairo writer's proofs do. */
#pragma once
#include "doc/diag.h"
#include "page/book.h"

/* Where a glyph run came from, for messages: "file:line:col" of its source, or
 * NULL when unknown (the caller owns the mapping; the string is freed). */
typedef char *(*LpVerifyPlace)(const LpGlyphRun *run, guint page, gpointer data);

/* Counts of what was proven, for reports and benchmarks. */
typedef struct {
  guint pages;
  guint lines;          /* lines of text compared */
  guint chars;          /* characters compared */
  guint glyphs;         /* glyphs with ink in the display list */
  guint glyphs_private; /* … proven on pixels no other glyph touches */
  guint glyphs_shared;  /* … proven on pixels shared with a neighbour (marks) */
  guint glyphs_faint;   /* … too small or too faint to see at this resolution */
  guint order_guessed_otherwise; /* lines poppler's reading-order guess puts before a line above them */
} LpVerifyStats;

typedef struct {
  double dpi;         /* resolution of the ink comparison, e.g. 36-50 (0: 48) */
  double offset;      /* where the trimmed page starts on the written page (bleed + slug), pt */
  double bleed;       /* pt the layout may bleed past the trim */
  const char *writer; /* writer name for messages */
  LpVerifyPlace place; /* optional: source positions for messages */
  gpointer place_data;
  LpVerifyStats *stats; /* optional: filled in */
  const volatile gint *cancel; /* optional: set when the build is to stop */
} LpVerifyOptions;

/* Proves `pdf` (the final file's bytes) against `book`. Returns FALSE with an
 * LP_ERROR of code LP_EXIT_IO naming the first problem; every problem found
 * (up to a limit per page) is appended to `problems` (char*, may be NULL). */
gboolean lp_verify_pdf(GBytes *pdf, const LpBook *book, const LpVerifyOptions *opt, GPtrArray *problems,
                       GError **err);
