#include "finish/order.h"
#include "finish/tree.h"

#include "doc/diag.h"
#include "page/page.h"

typedef struct {
  int place;   /* in reading order */
  guint seq;   /* in the tree, to keep the sort stable */
  qpdf_oh kid; /* an element under the Document */
} Kid;

static int by_place(gconstpointer a, gconstpointer b) {
  const Kid *x = a, *y = b;
  if (x->place != y->place)
    return x->place < y->place ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static gboolean is_placed(qpdf_data q, qpdf_oh kid) {
  return qpdf_oh_is_dictionary(q, kid) &&
         qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, kid, "/S"), "/" LP_ROLE_PLACED);
}

/* Whether every child of `placed` is a structure element (it holds no
 * content of its own, which the parent tree would still point at). */
static gboolean only_elements(qpdf_data q, qpdf_oh kids) {
  int n = qpdf_oh_get_array_n_items(q, kids);
  for (int i = 0; i < n; i++) {
    qpdf_oh k = qpdf_oh_get_array_item(q, kids, i);
    if (!qpdf_oh_is_dictionary(q, k) || !qpdf_oh_has_key(q, k, "/S"))
      return FALSE;
  }
  return TRUE;
}

/* Numbers the LP_ROLE_PLACED elements under `node` in the tree's order
 * (the order the writer wrote them, the book's) with their places. */
static void number(qpdf_data q, qpdf_oh node, const GArray *order, guint *next, GHashTable *place, int depth) {
  if (depth > 200)
    return;
  if (qpdf_oh_is_array(q, node)) {
    int n = qpdf_oh_get_array_n_items(q, node);
    for (int i = 0; i < n; i++)
      number(q, qpdf_oh_get_array_item(q, node, i), order, next, place, depth + 1);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, node) || !qpdf_oh_has_key(q, node, "/S"))
    return;
  if (is_placed(q, node)) {
    if (*next < order->len)
      g_hash_table_insert(place, GINT_TO_POINTER(qpdf_oh_get_object_id(q, node)),
                          GINT_TO_POINTER(g_array_index(order, int, *next)));
    (*next)++;
  }
  number(q, qpdf_oh_get_key(q, node, "/K"), order, next, place, depth + 1);
}

/* One level: the Document's placed children sorted by place and put in
 * their stead by their own children. FALSE when none was there. */
static gboolean unwrap_level(qpdf_data q, qpdf_oh doc, GHashTable *place) {
  qpdf_oh kids = lp_finish_as_array(q, qpdf_oh_get_key(q, doc, "/K"));
  int n = qpdf_oh_get_array_n_items(q, kids);
  GArray *sorted = g_array_new(FALSE, FALSE, sizeof(Kid));
  int at = -1; /* what stands before the first placed element stays first */
  gboolean any = FALSE;
  for (int i = 0; i < n; i++) {
    qpdf_oh k = qpdf_oh_get_array_item(q, kids, i);
    if (is_placed(q, k)) {
      at = GPOINTER_TO_INT(g_hash_table_lookup(place, GINT_TO_POINTER(qpdf_oh_get_object_id(q, k))));
      any = TRUE;
    }
    Kid kid = {at, (guint)i, k};
    g_array_append_val(sorted, kid);
  }
  if (any) {
    g_array_sort(sorted, by_place);
    qpdf_oh out = qpdf_oh_new_array(q);
    for (guint i = 0; i < sorted->len; i++) {
      qpdf_oh k = g_array_index(sorted, Kid, i).kid;
      qpdf_oh inner = is_placed(q, k) ? lp_finish_as_array(q, qpdf_oh_get_key(q, k, "/K")) : 0;
      if (!inner || !only_elements(q, inner)) {
        qpdf_oh_append_item(q, out, k);
        continue;
      }
      int m = qpdf_oh_get_array_n_items(q, inner);
      for (int j = 0; j < m; j++) {
        qpdf_oh e = qpdf_oh_get_array_item(q, inner, j);
        qpdf_oh_replace_key(q, e, "/P", doc);
        qpdf_oh_append_item(q, out, e);
      }
    }
    qpdf_oh_replace_key(q, doc, "/K", out);
  }
  g_array_free(sorted, TRUE);
  return any;
}

gboolean lp_finish_reading_order(qpdf_data q, const GArray *order, GError **err) {
  if (!order || order->len == 0)
    return TRUE;
  qpdf_oh tree = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
  qpdf_oh doc = qpdf_oh_get_key(q, tree, "/K");
  if (!qpdf_oh_is_dictionary(q, doc)) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error finishing the PDF: pages on sheets but no Document element");
    return FALSE;
  }
  GHashTable *place = g_hash_table_new(g_direct_hash, g_direct_equal);
  guint next = 0;
  number(q, qpdf_oh_get_key(q, doc, "/K"), order, &next, place, 0);
  if (next != order->len) {
    lp_set_error(err, LP_EXIT_IO, NULL,
                 "internal error finishing the PDF: %u pages or panels placed, %u in the structure tree", order->len,
                 next);
    g_hash_table_destroy(place);
    return FALSE;
  }
  /* A folded leaflet's panels inside a page placed on a sheet: one level a
   * pass, the outer first. */
  for (int level = 0; level < 4 && unwrap_level(q, doc, place); level++)
    ;
  g_hash_table_destroy(place);
  return TRUE;
}
