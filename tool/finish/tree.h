/* Small walks over the structure tree that several finish steps share. */
#pragma once
#include <glib.h>
#include <qpdf/qpdf-c.h>

/* An element's /K as an array: `v` itself, a new empty one for null, or `v`
 * wrapped (a single child or MCID). */
qpdf_oh lp_finish_as_array(qpdf_data q, qpdf_oh v);

/* Calls `fn` for every slot of the parent tree (a number tree: /Nums pairs,
 * /Kids below) that points at an element: a value of /Nums (an annotation's
 * element) or an item of a value that is an array (a page's MCIDs). `fn` may
 * replace the slot with qpdf_oh_set_array_item(q, holder, index, …). */
typedef void (*LpParentSlotFn)(qpdf_data q, qpdf_oh holder, int index, gpointer data);
void lp_finish_each_parent_slot(qpdf_data q, qpdf_oh parent_tree, LpParentSlotFn fn, gpointer data);
