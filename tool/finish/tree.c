#include "finish/tree.h"

qpdf_oh lp_finish_as_array(qpdf_data q, qpdf_oh v) {
  if (qpdf_oh_is_array(q, v))
    return v;
  if (qpdf_oh_is_null(q, v))
    return qpdf_oh_new_array(q);
  return qpdf_oh_wrap_in_array(q, v);
}

static void each_slot(qpdf_data q, qpdf_oh node, LpParentSlotFn fn, gpointer data, int depth) {
  if (depth > 32 || !qpdf_oh_is_dictionary(q, node))
    return;
  qpdf_oh nums = qpdf_oh_get_key(q, node, "/Nums");
  int n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
  for (int i = 1; i < n; i += 2) {
    qpdf_oh v = qpdf_oh_get_array_item(q, nums, i);
    if (!qpdf_oh_is_array(q, v)) {
      fn(q, nums, i, data);
      continue;
    }
    int m = qpdf_oh_get_array_n_items(q, v);
    for (int j = 0; j < m; j++)
      fn(q, v, j, data);
  }
  qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
  int nk = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
  for (int i = 0; i < nk; i++)
    each_slot(q, qpdf_oh_get_array_item(q, kids, i), fn, data, depth + 1);
}

void lp_finish_each_parent_slot(qpdf_data q, qpdf_oh parent_tree, LpParentSlotFn fn, gpointer data) {
  each_slot(q, parent_tree, fn, data, 0);
}
