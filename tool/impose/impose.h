/* Imposition: finished pages placed on the sheets a printer takes.
 *
 * Between the pages and the writer. Every page is placed whole, as a page
 * group (page/page.h) moved into place and clipped to its own box, or to its
 * box and the part of its bleed that stays its own: nothing is laid out again,
 * scaled or turned, so the text on a sheet is the text of the page, glyph for
 * glyph, and the verifier proves it there (it flattens groups).
 *
 * Two ways of placing:
 *   cards    pages in pairs (a leaf: front, back) in a grid of cells; the
 *            fronts on one side of the sheet, the backs on the other at the
 *            mirrored place, so that each back lies behind its front when the
 *            sheet is printed duplex; one leaf fills the sheet with copies,
 *            more leaves (a mail merge) go in order, the last sheet partly
 *            empty.
 *   booklet  saddle stitching: pages two by two on the sides of sheets that,
 *            folded and nested, read in order (8 pages: 8|1, 2|7, 6|3, 4|5);
 *            a page count that is no multiple of 4 is an error (the layout
 *            pads with pages it plans); creep moves the pages of inner sheets
 *            towards the fold.
 *
 * The arithmetic (grid, mirror, booklet order) is public for its unit test. */
#pragma once
#include "doc/style.h"
#include "page/book.h"

typedef enum { LP_DUPLEX_AUTO, LP_DUPLEX_LONG, LP_DUPLEX_SHORT } LpDuplex;

/* A sheet size by name (a3, a4, a5, letter, legal, tabloid; any case), in
 * pt, portrait. A usage error naming the nearest valid size otherwise. */
gboolean lp_impose_sheet_find(const char *name, double *w, double *h, GError **err);
/* "a3, a4, a5, letter, legal, tabloid", for messages and help. */
const char *lp_impose_sheet_names(void);
/* "long" or "short"; a usage error otherwise. */
gboolean lp_impose_duplex_parse(const char *name, LpDuplex *out, GError **err);
const char *lp_impose_duplex_name(LpDuplex duplex);

/* Cells of equal size on a sheet: the orientation that holds the most pages
 * (portrait on a tie), and gaps of `gap` between cells (less, shared evenly
 * with the margins, where the sheet has no room for it); the grid sits in
 * the middle of the sheet. */
typedef struct {
  double sheet_w, sheet_h; /* as placed: landscape when wider */
  gboolean landscape;
  int cols, rows;
  double gap_x, gap_y; /* between cells, trim to trim */
  double x0, y0;       /* the first cell's trim, top-left */
  double cell_w, cell_h;
} LpGrid;

/* FALSE when not even one page fits on the sheet. */
gboolean lp_impose_grid(double sheet_w, double sheet_h, double page_w, double page_h, double gap, LpGrid *grid);
/* The duplex mode a sheet gets when none is asked for: the one whose back is
 * the front mirrored left to right (a page turned like a book's), long edge
 * for a portrait sheet, short edge for a landscape one. */
LpDuplex lp_impose_default_duplex(gboolean landscape);
/* Whether, printed with `duplex`, the back of a sheet is its front mirrored
 * left to right (TRUE) or top to bottom (FALSE). */
gboolean lp_impose_mirror_x(gboolean landscape, LpDuplex duplex);
/* The top-left of the trim of cell `slot` (row by row, in reading order on
 * the front) on the front or the back of the sheet. */
void lp_impose_cell(const LpGrid *grid, int slot, gboolean back, gboolean mirror_x, double *x, double *y);
/* The pages (0-based) on the left and right half of one side of booklet
 * sheet `sheet` (0: the outermost), for `n_pages` (a multiple of 4); `rtl`
 * swaps them (a right-to-left booklet opens the other way). */
void lp_impose_booklet_side(guint n_pages, guint sheet, gboolean back, gboolean rtl, guint *left, guint *right);

/* What the sheets had room for, for a warning when it is less than asked. */
typedef struct {
  double bleed; /* the bleed every page kept, pt (the least on any side) */
  guint marks;  /* marks drawn */
} LpImposeKept;

typedef struct {
  double sheet_w, sheet_h; /* pt, portrait */
  LpDuplex duplex;
  LpImposition mode;
  double bleed;     /* the bleed each page keeps around it (as much as the room allows); 0: cut at the trim */
  gboolean marks;   /* cut marks in the margins and between cards (never on a card or its bleed) */
  double creep;     /* booklet: pt each sheet inwards moves its pages towards the fold */
  gboolean rtl;     /* booklet: reads right to left */
  gboolean fill;    /* cards: one leaf fills the sheet with copies */
  LpImposeKept *kept; /* may be NULL: filled in */
} LpImposeOptions;

/* The sheets, front then back of each, of the pages of `books` (n of them:
 * a mail merge's outputs in order, or one book). The metadata comes from the
 * first book; bookmarks point at the side that holds their page. Errors
 * (LP_EXIT_USAGE): a page that does not fit the sheet, a booklet that is no
 * multiple of 4 pages or asks for the duplex mode that would turn its backs
 * upside down. */
LpBook *lp_impose(LpBook *const *books, guint n, const LpImposeOptions *opt, GError **err);
