/* The flow: places a sequence of boxes into columns and pages.
 *
 * Items are lines of text, list markers and whole blocks, each with a height.
 * The flow breaks between items only where the item before allows it (keep-with-
 * next: headings with the next lines, no widows or orphans), drops the space
 * above an item at the top of a column, balances the columns above a full-width
 * block and at the end, and floats a full-width block that does not fit to the
 * top of the next page. Items draw themselves when placed. */
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
  gboolean span;            /* a full-width block */
  int group;                /* lines of one paragraph share a group (> 0) */
  LpFlowDraw draw;
  gpointer data;
  LpTagPath tags;
  const char *alt;          /* alternate text for the innermost tag (a figure) */
  int outline_level;        /* > 0: a bookmark to this item */
  const char *outline_title;
} LpFlowItem;

/* Asked for each new page: appends it to the book and gives the area the flow
 * may fill (the page inside its margins, less any title block). */
typedef LpPage *(*LpFlowNewPage)(gpointer data, guint index, LpRect *area);

typedef struct LpFlow LpFlow;

LpFlow *lp_flow_new(int columns, double gutter, double span_gap, gboolean rtl);
void lp_flow_free(LpFlow *flow);
void lp_flow_add(LpFlow *flow, const LpFlowItem *item);
/* The height of everything added so far, as one column (a full-width item
 * counts once per column): what the pages will need at least. */
double lp_flow_column_height(const LpFlow *flow);
/* Places every item; returns the number of pages used. */
guint lp_flow_run(LpFlow *flow, LpBook *book, LpFlowNewPage new_page, gpointer data);
