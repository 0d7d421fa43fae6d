/* Reading order on sheets.
 *
 * A sheet holds pages out of reading order (a saddle-stitched booklet's first
 * side is 8|1), and cairo writes each page's structure elements in the order
 * it draws them. Imposition wraps each page it places in an element of the
 * type LP_ROLE_PLACED (page/page.h) numbered with its place in reading order
 * (lp_book_placed_order). lp_finish_reading_order sorts these elements under
 * the Document by that place and puts their children in their stead, so the
 * tree of a booklet on sheets reads as the booklet's own PDF does. A folded
 * leaflet's panels are placed the same way (a side holds the cover beside the
 * back panel), also inside a page on a sheet: the outer level is sorted and
 * unwrapped first, then the panels. Places number one document throughout.
 * The content and the parent tree are left as they are: only the order of
 * the tree's top level changes. */
#pragma once
#include <glib.h>
#include <qpdf/qpdf-c.h>

/* `order` (int): one entry per LP_ROLE_PLACED element, nested ones too, in the order the
 * writer wrote them. FALSE with `err` set when the tree holds another number
 * of them (the writer and the book disagree: a bug, never output). */
gboolean lp_finish_reading_order(qpdf_data q, const GArray *order, GError **err);
