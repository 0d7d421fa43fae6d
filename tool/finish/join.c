#include "finish/join.h"
#include "finish/tree.h"

#include "doc/diag.h"
#include "page/book.h"
#include "write/writer.h"

struct LpFinishJoin {
  GHashTable *block;  /* object id → block number + 1, for the elements with one */
  GHashTable *merged; /* object id of an element merged away → its handle's id in `into` */
  GHashTable *into;   /* object id → the element's handle */
};

static gpointer key(qpdf_data q, qpdf_oh h) { return GINT_TO_POINTER(qpdf_oh_get_object_id(q, h)); }

static gboolean is_elem(qpdf_data q, qpdf_oh h) {
  return qpdf_oh_is_dictionary(q, h) && qpdf_oh_is_name(q, qpdf_oh_get_key(q, h, "/S")) &&
         qpdf_oh_is_indirect(q, h);
}

/* Elements the writer makes that the pages do not open: the Document the
 * finish stage wraps around everything, Spans for content beside a child,
 * Links, and the spans in another language (written as NonStruct, turned
 * into Spans later). */
static gboolean writer_made(qpdf_data q, qpdf_oh e) {
  qpdf_oh s = qpdf_oh_get_key(q, e, "/S");
  return qpdf_oh_is_name_and_equals(q, s, "/Document") || qpdf_oh_is_name_and_equals(q, s, "/Span") ||
         qpdf_oh_is_name_and_equals(q, s, "/Link") || qpdf_oh_is_name_and_equals(q, s, "/NonStruct");
}

typedef struct {
  LpFinishJoin *j;
  const GArray *blocks;
  guint next;
  gboolean ok;
} Note;

static void note(qpdf_data q, qpdf_oh node, Note *n, int depth) {
  if (depth > 200 || !n->ok)
    return;
  if (qpdf_oh_is_array(q, node)) {
    int len = qpdf_oh_get_array_n_items(q, node);
    for (int i = 0; i < len; i++)
      note(q, qpdf_oh_get_array_item(q, node, i), n, depth + 1);
    return;
  }
  if (!is_elem(q, node))
    return;
  /* An artifact the finish stage did not take out (a writer without that
   * repair): the pages open nothing inside one either. */
  if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/" LP_WRITE_ARTIFACT_ROLE))
    return;
  if (!writer_made(q, node)) {
    if (n->next >= n->blocks->len) {
      n->ok = FALSE;
      return;
    }
    const LpStructBlock *b = &g_array_index(n->blocks, LpStructBlock, n->next++);
    const char *s = qpdf_oh_get_name(q, qpdf_oh_get_key(q, node, "/S"));
    if (!g_str_equal(s + 1, b->role)) {
      n->ok = FALSE;
      return;
    }
    if (b->block >= 0)
      g_hash_table_insert(n->j->block, key(q, node), GINT_TO_POINTER(b->block + 1));
  }
  note(q, qpdf_oh_get_key(q, node, "/K"), n, depth + 1);
}

LpFinishJoin *lp_finish_join_note(qpdf_data q, const GArray *blocks, GError **err) {
  LpFinishJoin *j = g_new0(LpFinishJoin, 1);
  j->block = g_hash_table_new(g_direct_hash, g_direct_equal);
  j->merged = g_hash_table_new(g_direct_hash, g_direct_equal);
  j->into = g_hash_table_new(g_direct_hash, g_direct_equal);
  qpdf_oh tree = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
  Note n = {j, blocks, 0, TRUE};
  if (blocks && qpdf_oh_is_dictionary(q, tree))
    note(q, qpdf_oh_get_key(q, tree, "/K"), &n, 0);
  if (blocks && (!n.ok || n.next != blocks->len)) {
    lp_set_error(err, LP_EXIT_IO, NULL,
                 "internal error finishing the PDF: the structure tree's elements are not the %u the pages open "
                 "(they differ at the %u-th)",
                 blocks->len, n.next + 1);
    lp_finish_join_free(j);
    return NULL;
  }
  return j;
}

static gboolean same_object(qpdf_data q, qpdf_oh a, qpdf_oh b) {
  return qpdf_oh_is_indirect(q, a) && qpdf_oh_is_indirect(q, b) &&
         qpdf_oh_get_object_id(q, a) == qpdf_oh_get_object_id(q, b) &&
         qpdf_oh_get_generation(q, a) == qpdf_oh_get_generation(q, b);
}

/* `b`'s children and content after `a`'s. A bare MCID means "on the
 * element's page" (/Pg): one of `b`'s page that is not `a`'s becomes a
 * marked-content reference that names it. */
static void merge(qpdf_data q, LpFinishJoin *j, qpdf_oh a, qpdf_oh b) {
  qpdf_oh ak = lp_finish_as_array(q, qpdf_oh_get_key(q, a, "/K"));
  qpdf_oh bk = lp_finish_as_array(q, qpdf_oh_get_key(q, b, "/K"));
  qpdf_oh apg = qpdf_oh_get_key(q, a, "/Pg"), bpg = qpdf_oh_get_key(q, b, "/Pg");
  gboolean same_page = same_object(q, apg, bpg);
  int n = qpdf_oh_get_array_n_items(q, bk);
  for (int i = 0; i < n; i++) {
    qpdf_oh x = qpdf_oh_get_array_item(q, bk, i);
    if (qpdf_oh_is_integer(q, x) && !same_page && qpdf_oh_is_dictionary(q, bpg)) {
      qpdf_oh mcr = qpdf_oh_parse(q, "<< /Type /MCR >>");
      qpdf_oh_replace_key(q, mcr, "/Pg", bpg);
      qpdf_oh_replace_key(q, mcr, "/MCID", x);
      x = mcr;
    } else if (is_elem(q, x)) {
      qpdf_oh_replace_key(q, x, "/P", a);
    }
    qpdf_oh_append_item(q, ak, x);
  }
  if (!qpdf_oh_is_dictionary(q, apg) && qpdf_oh_is_dictionary(q, bpg))
    qpdf_oh_replace_key(q, a, "/Pg", bpg);
  qpdf_oh_replace_key(q, a, "/K", ak);
  g_hash_table_insert(j->merged, key(q, b), key(q, a));
  g_hash_table_insert(j->into, key(q, a), GUINT_TO_POINTER(a));
}

static int block_of(qpdf_data q, LpFinishJoin *j, qpdf_oh e) {
  return is_elem(q, e) ? GPOINTER_TO_INT(g_hash_table_lookup(j->block, key(q, e))) : 0;
}

static void join_kids(qpdf_data q, LpFinishJoin *j, qpdf_oh node, int depth) {
  if (depth > 200)
    return;
  qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
  if (is_elem(q, k)) {
    join_kids(q, j, k, depth + 1);
    return;
  }
  if (!qpdf_oh_is_array(q, k))
    return;
  int n = qpdf_oh_get_array_n_items(q, k);
  for (int i = 0; i + 1 < n;) {
    qpdf_oh a = qpdf_oh_get_array_item(q, k, i), b = qpdf_oh_get_array_item(q, k, i + 1);
    int ba = block_of(q, j, a);
    if (ba > 0 && ba == block_of(q, j, b) &&
        g_str_equal(qpdf_oh_get_name(q, qpdf_oh_get_key(q, a, "/S")), qpdf_oh_get_name(q, qpdf_oh_get_key(q, b, "/S")))) {
      merge(q, j, a, b);
      qpdf_oh_erase_item(q, k, i + 1);
      n--;
    } else {
      i++;
    }
  }
  for (int i = 0; i < n; i++) {
    qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
    if (is_elem(q, kid))
      join_kids(q, j, kid, depth + 1);
  }
}

/* The element a merged one went into (through any chain of merges). */
static qpdf_oh target(qpdf_data q, LpFinishJoin *j, qpdf_oh e) {
  gpointer id = key(q, e), to = NULL;
  for (int hops = 0; hops < 64 && (to = g_hash_table_lookup(j->merged, id)); hops++)
    id = to;
  return id == key(q, e) ? 0 : (qpdf_oh)GPOINTER_TO_UINT(g_hash_table_lookup(j->into, id));
}

/* A parent tree slot that points at a merged element points at the one it
 * went into. */
static void repoint(qpdf_data q, qpdf_oh holder, int index, gpointer data) {
  qpdf_oh v = qpdf_oh_get_array_item(q, holder, index);
  qpdf_oh t = is_elem(q, v) ? target(q, data, v) : 0;
  if (t)
    qpdf_oh_set_array_item(q, holder, index, t);
}

void lp_finish_join(qpdf_data q, LpFinishJoin *j) {
  if (!j)
    return;
  qpdf_oh tree = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
  if (g_hash_table_size(j->block) && qpdf_oh_is_dictionary(q, tree)) {
    join_kids(q, j, tree, 0);
    if (g_hash_table_size(j->merged))
      lp_finish_each_parent_slot(q, qpdf_oh_get_key(q, tree, "/ParentTree"), repoint, j);
  }
  lp_finish_join_free(j);
}

void lp_finish_join_free(LpFinishJoin *j) {
  if (!j)
    return;
  g_hash_table_destroy(j->block);
  g_hash_table_destroy(j->merged);
  g_hash_table_destroy(j->into);
  g_free(j);
}
