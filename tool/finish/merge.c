#include "finish/merge.h"

#include <qpdf/qpdf-c.h>


static gboolean failed(qpdf_data q, const char *what, GError **err) {
  if (!qpdf_has_error(q))
    return FALSE;
  lp_set_error(err, LP_EXIT_IO, NULL, "cannot merge the PDFs (%s): %s", what,
               qpdf_get_error_full_text(q, qpdf_get_error(q)));
  return TRUE;
}

/* `files` are paths, or (from memory) GBytes*. */
static GBytes *merge(const GPtrArray *files, gboolean in_memory, GError **err) {
  qpdf_data merged = qpdf_init();
  qpdf_silence_errors(merged);
  gboolean ok = qpdf_empty_pdf(merged) == QPDF_SUCCESS && !failed(merged, "start", err);
  /* The sources must live until the merged file is written: qpdf copies
   * their objects lazily. */
  GPtrArray *sources = g_ptr_array_new();
  for (guint i = 0; ok && i < files->len; i++) {
    qpdf_data src = qpdf_init();
    qpdf_silence_errors(src);
    g_ptr_array_add(sources, src);
    char name[32];
    const char *file = name;
    if (in_memory) {
      /* The caller keeps the bytes alive until the merge is written. */
      GBytes *b = g_ptr_array_index((GPtrArray *)files, i);
      gsize size;
      const char *data = g_bytes_get_data(b, &size);
      g_snprintf(name, sizeof name, "PDF %u", i + 1);
      qpdf_read_memory(src, name, data, size, NULL);
    } else {
      file = g_ptr_array_index((GPtrArray *)files, i);
      qpdf_read(src, file, NULL);
    }
    if (failed(src, file, err)) {
      ok = FALSE;
      break;
    }
    int n = qpdf_get_num_pages(src);
    for (int p = 0; ok && p < n; p++) {
      qpdf_add_page(merged, src, qpdf_get_page_n(src, (size_t)p), QPDF_FALSE);
      ok = !failed(merged, file, err);
    }
  }
  if (ok) {
    qpdf_init_write_memory(merged);
    qpdf_set_deterministic_ID(merged, QPDF_TRUE);
    qpdf_set_object_stream_mode(merged, qpdf_o_generate);
    qpdf_write(merged);
    ok = !failed(merged, "write", err);
  }
  GBytes *bytes = ok ? g_bytes_new(qpdf_get_buffer(merged), qpdf_get_buffer_length(merged)) : NULL;
  for (guint i = 0; i < sources->len; i++) {
    qpdf_data src = g_ptr_array_index(sources, i);
    qpdf_cleanup(&src);
  }
  g_ptr_array_unref(sources);
  qpdf_cleanup(&merged);
  return bytes;
}

GBytes *lp_merge_pdfs(const GPtrArray *files, GError **err) { return merge(files, FALSE, err); }

GBytes *lp_merge_pdf_bytes(const GPtrArray *pdfs, GError **err) { return merge(pdfs, TRUE, err); }
