/* The flow: places a sequence of boxes into the frames of pages.
 *
 * Each page offers a row of frames in reading order — the columns of a
 * leaflet, the panels of a folded leaflet — of any widths, sharing a top and
 * a height. Items are lines of text, list markers and whole blocks, each with
 * a height. The flow breaks between items only where the item before allows
 * it (keep-with-next: headings with the next lines, no widows or orphans),
 * drops the space above an item at the top of a frame, balances the frames
 * above a full-width block and at the end, and floats a full-width block that
 * does not fit to the top of the next page. Where a page says its frames may
 * not be spanned (panels divided by folds), a full-width block is placed in a
 * frame like any other block. Items draw themselves when placed. */
#pragma once
#include "page/book.h"

#define LP_TAG_DEPTH 16

/* The structure elements an item sits in, outermost first (e.g. L, LI, LBody, P). */
typedef struct {
  int n;
  struct {
    const char *role;
    int block;
  } tags[LP_TAG_DEPTH];
} LpTagPath;

void lp_tag_path_push(LpTagPath *path, const char *role, int block);

typedef void (*LpFlowDraw)(gpointer data, LpPage *page, int frame, double x, double y, double w);

typedef struct {
  double height;
  double space_before;      /* dropped at the top of a column */
  gboolean keep_with_next;  /* no break between this item and the next */
  gboolean no_page_end;     /* a page should not end after this item (a hyphenated line) */
  gboolean span;            /* a full-width block */
  int group;                /* lines of one paragraph share a group (> 0) */
  LpFlowDraw draw;
  gpointer data;
  LpTagPath tags;
  const char *alt;          /* alternate text for the innermost tag (a figure) */
  int outline_level;        /* > 0: a bookmark to this item */
  const char *outline_title;
} LpFlowItem;

#define LP_FLOW_MAX_FRAMES 8

/* What a page offers the flow: frames in reading order, all with the same
 * y and h, and whether a full-width block may span them. */
typedef struct {
  int n;
  LpRect frames[LP_FLOW_MAX_FRAMES];
  gboolean spans;
} LpFlowArea;

/* A row of equal columns across `r`, `gutter` apart, in reading order (from
 * the right when `rtl`). */
void lp_flow_area_columns(LpFlowArea *area, const LpRect *r, int columns, double gutter, gboolean rtl);

/* Asked for each new page: appends it to the book and gives the frames the
 * flow may fill (the page inside its margins, less any title block). */
typedef LpPage *(*LpFlowNewPage)(gpointer data, guint index, LpFlowArea *area);

typedef struct LpFlow LpFlow;

/* `columns` is how many frames a page will offer, for lp_flow_column_height;
 * `span_gap` the space between a full-width block and the frames' text. */
LpFlow *lp_flow_new(int columns, double span_gap);
void lp_flow_free(LpFlow *flow);
void lp_flow_add(LpFlow *flow, const LpFlowItem *item);
/* Keeps the last item added with the next one (a picture with the paragraph
 * before it); nothing when the flow is empty. */
void lp_flow_keep_last(LpFlow *flow);
/* The height of everything added so far, as one column (a full-width item
 * counts once per column): what the pages will need at least. */
double lp_flow_column_height(const LpFlow *flow);
/* Places every item on pages after those `book` holds already (new_page's
 * index, and the outline's pages, count those too); returns the number of
 * pages the book then has. */
guint lp_flow_run(LpFlow *flow, LpBook *book, LpFlowNewPage new_page, gpointer data);
