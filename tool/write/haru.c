/* The haru writer (libharu): to be written. */
#include "doc/diag.h"
#include "write/writer.h"

GPtrArray *lp_write_haru(const LpBook *book, const LpWriteOptions *opt, GError **err) {
  lp_set_error(err, LP_EXIT_IO, NULL, "the haru writer is not written yet");
  return NULL;
}
