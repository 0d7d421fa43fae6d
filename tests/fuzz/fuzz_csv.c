/* Fuzz target: mail-merge data (read/csv.c over libcsv), every row read.
 * Small limits, so that the limit paths are reached too. */
#include <stdio.h>

#include "fuzz.h"
#include "read/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  GError *err = NULL;
  if (size == 0)
    return 0;
  FILE *f = fmemopen((void *)data, size, "rb");
  if (!f)
    return 0;
  LpCsv *csv = lp_csv_open_stream(f, "fuzz.csv", 64, 256, &err);
  if (csv) {
    GPtrArray *fields;
    int line;
    while (lp_csv_next(csv, &fields, &line, &err))
      g_ptr_array_unref(fields);
    lp_csv_close(csv);
  }
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
