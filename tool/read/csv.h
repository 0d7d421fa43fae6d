/* CSV rows for mail merge (RFC 4180, through libcsv): quoted fields with commas,
 * quotes and line breaks inside, a UTF-8 byte-order mark, CRLF or LF.
 *
 * The file is read in chunks and rows are handed out one at a time, so a
 * booking system's export of any length runs in the same memory. Each row
 * knows the line it starts on, for messages. */
#pragma once
#include <stdio.h>

#include "doc/diag.h"

/* Limits csv-rows and csv-field-size (doc/limits.h) when 0 is given. */

typedef struct LpCsv LpCsv;

/* Opens the file and reads its header row (the column names). */
LpCsv *lp_csv_open(const char *path, gsize max_rows, gsize max_field, GError **err);
/* The same on an open stream, which the reader then owns (closes). */
LpCsv *lp_csv_open_stream(FILE *stream, const char *path, gsize max_rows, gsize max_field, GError **err);
void lp_csv_close(LpCsv *csv);

const GPtrArray *lp_csv_header(const LpCsv *csv); /* char* */
const char *lp_csv_path(const LpCsv *csv);

/* The next data row: TRUE with its fields (owned by the caller, free with
 * g_ptr_array_unref) and the line it starts on; FALSE at the end or on an
 * error (err set). A row whose number of fields differs from the header's is
 * returned as it is: the caller decides (and reports the line). */
gboolean lp_csv_next(LpCsv *csv, GPtrArray **fields, int *line, GError **err);
