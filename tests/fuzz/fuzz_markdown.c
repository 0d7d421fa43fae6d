/* Fuzz target: the Markdown body mapped to the document tree (libcmark
 * through read/markdown.c), timeline fences included. */
#include "fuzz.h"
#include "read/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!lp_fuzz_text(data, size))
    return 0;
  GError *err = NULL;
  LpDoc *doc = lp_doc_new("fuzz.md", (const char *)data, size);
  lp_markdown_read(lp_fuzz_ctx(), doc, (const char *)data, size, 1, &err);
  lp_doc_free(doc);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
