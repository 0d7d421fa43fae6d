/* Fuzz target: mail-merge data (read/csv.c over libcsv), every row read,
 * with the separator found on the header line, the encoding found from the
 * bytes, and small limits, so that the limit paths and the cut of an
 * over-long field are reached too. Every row's fields must be UTF-8, each
 * with its place, and the encoding warning comes at most once. */
#include <stdio.h>

#include "fuzz.h"
#include "read/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  GError *err = NULL;
  if (size == 0)
    return 0;
  LpCsvOptions opt = {.max_rows = 64, .max_field = 256};
  FILE *f = fmemopen((void *)data, size, "rb");
  if (!f)
    return 0;
  LpCtx *ctx = lp_ctx_new(); /* the encoding warning, once per file */
  LpCsv *csv = lp_csv_open_stream(ctx, f, "fuzz.csv", &opt, &err);
  if (csv) {
    LpCsvRow *row;
    while ((row = lp_csv_next(csv, &err))) {
      if (row->fields->len != row->places->len)
        abort();
      for (guint i = 0; i < row->fields->len; i++)
        if (!g_utf8_validate(g_ptr_array_index(row->fields, i), -1, NULL))
          abort();
      lp_fuzz_check_error(row->error);
      lp_csv_row_free(row);
    }
    lp_csv_close(csv);
  }
  if (lp_ctx_n_diags(ctx) > 1)
    abort();
  lp_ctx_free(ctx);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
