/* Writers: a book of pages in, file contents out.
 *
 * Each writer walks the pages through the page device interface (page.h) and
 * returns the bytes of each file it makes: one for a PDF, one per page for PNG
 * and SVG proofs. Writers never lay out and never touch the file system; the
 * finish stage and atomic output come after them. */
#pragma once
#include "page/book.h"

typedef enum { LP_FORMAT_PDF, LP_FORMAT_PNG, LP_FORMAT_SVG, LP_FORMAT_COUNT } LpFormat;

const char *lp_format_name(LpFormat format); /* also the file extension */
gboolean lp_format_parse(const char *name, LpFormat *out);

typedef struct {
  LpFormat format;
  double dpi;     /* PNG resolution */
  double bleed;   /* pt added on every side of the page (0: trimmed size) */
} LpWriteOptions;

/* Returns GBytes* per file, in page order. */
GPtrArray *lp_write_cairo(const LpBook *book, const LpWriteOptions *opt, GError **err);
