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

typedef enum { LP_WRITER_CAIRO, LP_WRITER_HARU, LP_WRITER_COUNT } LpWriterKind;

const char *lp_writer_name(LpWriterKind writer);
gboolean lp_writer_parse(const char *name, LpWriterKind *out);

typedef struct {
  LpFormat format;
  double dpi;     /* PNG resolution */
  double bleed;   /* pt added on every side for the bleed (0: the trimmed size) */
  double slug;    /* pt added beyond the bleed, room for crop marks (0: none) */
  gboolean cmyk;  /* colours as DeviceCMYK (the haru writer) */
} LpWriteOptions;

/* Where the trimmed page starts on the written page: pages grow by bleed and
 * slug on every side, and the layout's page sits in the middle. */
double lp_write_offset(const LpWriteOptions *opt);

/* Each returns GBytes* per file, in page order. */
GPtrArray *lp_write_cairo(const LpBook *book, const LpWriteOptions *opt, GError **err);
/* One page drawn onto `cr` exactly as the cairo writer's PNG proofs draw it (no
 * tags, no links), the trimmed page at `offset` pt; with `text` FALSE the glyph
 * runs are left out (paths and images only). For checks that compare a written
 * file with the pages it was written from. */
void lp_write_cairo_draw(const LpPage *page, cairo_t *cr, double offset, gboolean text);
/* libharu: PDF only, and the only writer of exact DeviceCMYK. */
GPtrArray *lp_write_haru(const LpBook *book, const LpWriteOptions *opt, GError **err);
GPtrArray *lp_write(LpWriterKind writer, const LpBook *book, const LpWriteOptions *opt, GError **err);
