/* Fuzz target: a layout file (read/layoutfile.c), `extends` resolved against
 * the bundled layouts. */
#include "fuzz.h"
#include "read/layoutfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!lp_fuzz_text(data, size))
    return 0;
  GError *err = NULL;
  char *path = lp_fuzz_path("layouts/fuzz.yaml");
  LpLayoutSpec *spec = lp_layoutfile_parse(lp_fuzz_ctx(), path, (const char *)data, size, &err);
  lp_layout_spec_free(spec);
  g_free(path);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
