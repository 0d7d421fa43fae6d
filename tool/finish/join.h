/* One element for a paragraph that a column, a panel or a page breaks.
 *
 * The layout tags each line of a paragraph with the paragraph's role and
 * block number, and the tag is closed where its frame ends: at the foot of a
 * column or panel, and with each page (a page's items are whole, so that
 * imposition can place them anywhere). cairo then writes one element per
 * piece, and a screen reader would read one paragraph (one list, one
 * section) as two. The finish stage puts the pieces back together:
 * lp_finish_join_note numbers the tree's elements with the blocks the pages
 * gave them (lp_book_struct_blocks, in drawing order, before the reading
 * order changes it), and lp_finish_join merges each element into the one
 * before it when both are siblings of the same role and block: its children
 * and marked content move over (an MCID of another page as a marked-content
 * reference with its page) and the parent tree points at the one element. */
#pragma once
#include <glib.h>
#include <qpdf/qpdf-c.h>

typedef struct LpFinishJoin LpFinishJoin;

/* `blocks` (LpStructBlock, page/book.h): the pages' structure elements in
 * drawing order. The tree must hold the same elements in the same order
 * (after the artifacts left it, before anything reorders it); NULL with `err`
 * set when it does not (the writer and the book disagree: a bug, never
 * output). */
LpFinishJoin *lp_finish_join_note(qpdf_data q, const GArray *blocks, GError **err);
/* Merges the pieces noted; frees `join`. */
void lp_finish_join(qpdf_data q, LpFinishJoin *join);
/* Frees `join` without merging (the finish failed before). */
void lp_finish_join_free(LpFinishJoin *join);
