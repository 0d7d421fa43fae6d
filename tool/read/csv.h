/* CSV rows for mail merge, as practice software and spreadsheets export them
 * (RFC 4180, through libcsv): quoted fields with separators, quotes and line
 * breaks inside; CRLF, LF or CR line ends; a UTF-8 byte-order mark.
 *
 * - The separator (',', ';' or tab) is found on the header line, where the
 *   one that occurs most outside quotes wins (Excel writes ';' in many
 *   European locales), unless the caller names it.
 * - The text is UTF-8, or Windows-1252 when the first field with a byte
 *   above 127 is not UTF-8 (Excel's "CSV" in Western European locales); it is
 *   converted to UTF-8 with g_convert, and the reader warns once, naming the
 *   file and the place that decided it. A field that does not fit the
 *   encoding the file was found to be in fails its row.
 * - The file is read in chunks and rows are handed out one at a time, so an
 *   export of any length runs in the same memory; a field is never held past
 *   the field-size limit (libcsv's buffer is cut as it grows), so a 10 MB
 *   field costs what a 4 KB one does.
 * - Every row knows the physical line it starts on and where each field
 *   starts (line and column in characters), also after quoted line breaks.
 *   A row that is wrong (a field over the limit, bytes that are not text, a
 *   stray quote) comes back with its error, and the rows after it read on. */
#pragma once
#include <stdio.h>

#include "doc/ctx.h"

typedef struct {
  char separator;  /* ',', ';' or '\t'; 0: found on the header line */
  gsize max_rows;  /* 0: the limit csv-rows' default */
  gsize max_field; /* bytes; 0: the limit csv-field-size's default */
} LpCsvOptions;

typedef struct LpCsv LpCsv;

typedef struct {
  int line;          /* the physical line the row starts on */
  GPtrArray *fields; /* char*, UTF-8 (a field that failed is "") */
  GArray *places;    /* LpPos, one per field: where it starts */
  GError *error;     /* the row is wrong and fails alone; NULL when it reads */
} LpCsvRow;

void lp_csv_row_free(LpCsvRow *row);

/* Opens the file and reads its header row (the column names). `ctx` (may be
 * NULL) gets the reader's warnings. */
LpCsv *lp_csv_open(LpCtx *ctx, const char *path, const LpCsvOptions *options, GError **err);
/* The same on an open stream, which the reader then owns (closes). */
LpCsv *lp_csv_open_stream(LpCtx *ctx, FILE *stream, const char *path, const LpCsvOptions *options, GError **err);
void lp_csv_close(LpCsv *csv);

const GPtrArray *lp_csv_header(const LpCsv *csv); /* char* */
/* Where column `i` of the header starts. */
LpPos lp_csv_header_place(const LpCsv *csv, guint i);
const char *lp_csv_path(const LpCsv *csv);
char lp_csv_separator(const LpCsv *csv);
/* "UTF-8" or "Windows-1252": what the file has been read as so far. */
const char *lp_csv_encoding(const LpCsv *csv);

/* The next data row (owned by the caller), or NULL at the end of the file or
 * when the file cannot be read on (err set: an I/O error, more rows than the
 * limit). A row whose number of fields differs from the header's is returned
 * as it is: the caller decides (and reports the line). */
LpCsvRow *lp_csv_next(LpCsv *csv, GError **err);

/* "," ";" "tab" (also "comma", "semicolon", a tab) → the separator; 0 when
 * `name` is none of them. */
char lp_csv_separator_parse(const char *name);
/* The separator as the options spell it: ",", ";" or "tab". */
const char *lp_csv_separator_name(char separator);
