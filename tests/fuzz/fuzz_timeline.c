/* Fuzz target: the ```timeline block (read/timeline.c). */
#include "fuzz.h"
#include "read/timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!lp_fuzz_text(data, size))
    return 0;
  GError *err = NULL;
  LpTimeline *t = lp_timeline_read(lp_fuzz_ctx(), "fuzz.md", (const char *)data, size, 2, lp_pos("fuzz.md", 1, 1), &err);
  lp_timeline_free(t);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
