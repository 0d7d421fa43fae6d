#include "finish/finish.h"

#include <qpdf/qpdf-c.h>
#include <string.h>

static gboolean failed(qpdf_data q, const char *step, GError **err) {
  if (!qpdf_has_error(q))
    return FALSE;
  qpdf_error e = qpdf_get_error(q);
  lp_set_error(err, LP_EXIT_IO, NULL, "internal error finishing the PDF (%s): %s", step,
               qpdf_get_error_full_text(q, e));
  return TRUE;
}

/* cairo 1.16 writes the root outline's /Count as a negative number, which
 * means "closed" for an item but is invalid on the outline root. */
static void fix_outline_count(qpdf_data q, qpdf_oh root) {
  qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
  if (qpdf_oh_is_dictionary(q, outlines) && qpdf_oh_has_key(q, outlines, "/Count")) {
    qpdf_oh count = qpdf_oh_get_key(q, outlines, "/Count");
    if (qpdf_oh_is_integer(q, count)) {
      long long n = qpdf_oh_get_int_value(q, count);
      if (n < 0)
        qpdf_oh_replace_key(q, outlines, "/Count", qpdf_oh_new_integer(q, -n));
    }
  }
}

/* cairo 1.16 cannot keep a tag open across pages, so the structure root gets
 * every top-level element as its own child. Tagged PDF wants one Document
 * element there: insert it and hang the old children under it. */
static void wrap_document(qpdf_data q, qpdf_oh root) {
  qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
  if (!qpdf_oh_is_dictionary(q, tree))
    return;
  qpdf_oh kids = qpdf_oh_get_key(q, tree, "/K");
  if (qpdf_oh_is_dictionary(q, kids)) {
    qpdf_oh s = qpdf_oh_get_key(q, kids, "/S");
    if (qpdf_oh_is_name_and_equals(q, s, "/Document"))
      return;
    kids = qpdf_oh_wrap_in_array(q, kids);
  }
  if (!qpdf_oh_is_array(q, kids))
    return;
  qpdf_oh doc = qpdf_make_indirect_object(q, qpdf_oh_parse(q, "<< /Type /StructElem /S /Document >>"));
  qpdf_oh_replace_key(q, doc, "/P", tree);
  qpdf_oh_replace_key(q, doc, "/K", kids);
  int n = qpdf_oh_get_array_n_items(q, kids);
  for (int i = 0; i < n; i++) {
    qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
    if (qpdf_oh_is_dictionary(q, kid))
      qpdf_oh_replace_key(q, kid, "/P", doc);
  }
  qpdf_oh_replace_key(q, tree, "/K", doc);
}

/* Gives the Figure structure elements, in document order, their /Alt. */
static void add_alts(qpdf_data q, qpdf_oh node, const GPtrArray *alts, guint *next, int depth) {
  if (depth > 64 || *next >= alts->len)
    return;
  if (qpdf_oh_is_array(q, node)) {
    int n = qpdf_oh_get_array_n_items(q, node);
    for (int i = 0; i < n; i++)
      add_alts(q, qpdf_oh_get_array_item(q, node, i), alts, next, depth + 1);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, node))
    return;
  if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/Figure")) {
    const char *alt = g_ptr_array_index(alts, (*next)++);
    if (alt && *alt)
      qpdf_oh_replace_key(q, node, "/Alt", qpdf_oh_new_unicode_string(q, alt));
  }
  qpdf_oh kids = qpdf_oh_get_key(q, node, "/K");
  if (qpdf_oh_is_array(q, kids) || qpdf_oh_is_dictionary(q, kids))
    add_alts(q, kids, alts, next, depth + 1);
}

GBytes *lp_finish_pdf(GBytes *pdf, const LpFinishOptions *opt, GError **err) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  gsize len;
  const char *data = g_bytes_get_data(pdf, &len);
  GBytes *out = NULL;
  qpdf_read_memory(q, "leafpress", data, len, NULL);
  if (failed(q, "read", err))
    goto done;
  qpdf_oh root = qpdf_get_root(q);
  if (opt->lang && *opt->lang)
    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, opt->lang));
  if (opt->tagged)
    qpdf_oh_replace_key(q, root, "/MarkInfo", qpdf_oh_parse(q, "<< /Marked true >>"));
  qpdf_oh_replace_key(q, root, "/ViewerPreferences", qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
  fix_outline_count(q, root);
  wrap_document(q, root);
  if (opt->figure_alts && opt->figure_alts->len) {
    guint next = 0;
    add_alts(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), opt->figure_alts, &next, 0);
  }
  if (failed(q, "update", err))
    goto done;
  qpdf_init_write_memory(q);
  /* Never with encryption: qpdf aborts on that combination (AES needs random IVs). */
  qpdf_set_deterministic_ID(q, QPDF_TRUE);
  qpdf_set_object_stream_mode(q, qpdf_o_generate);
  qpdf_set_compress_streams(q, QPDF_TRUE);
  qpdf_write(q);
  if (failed(q, "write", err))
    goto done;
  out = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
done:
  qpdf_cleanup(&q);
  return out;
}
