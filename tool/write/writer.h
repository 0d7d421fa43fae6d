/* Writers: a book of pages in, file contents out.
 *
 * Each writer is a class in one table: its name, the formats it writes, what
 * it can do (DeviceCMYK, a structure tree) and what the finish stage must
 * repair in its PDFs. A writer walks the pages through the page device
 * interface (page.h) between `open` and `close`, and returns the bytes of each
 * file it makes: one for a PDF, one per page for PNG and SVG proofs. Writers
 * never lay out and never touch the file system; the finish stage and the
 * files come after them. Code outside write/ asks the class, never a name. */
#pragma once
#include "page/book.h"

typedef enum { LP_FORMAT_PDF, LP_FORMAT_PNG, LP_FORMAT_SVG, LP_FORMAT_COUNT } LpFormat;

const char *lp_format_name(LpFormat format); /* also the file extension */
gboolean lp_format_parse(const char *name, LpFormat *out);

typedef struct {
  LpFormat format;
  double dpi;     /* PNG resolution */
  double bleed;   /* pt added on every side for the bleed (0: the trimmed size) */
  double slug;    /* pt added beyond the bleed, room for crop marks (0: none) */
  gboolean cmyk;  /* colours as DeviceCMYK (writers with `cmyk`) */
  const volatile gint *cancel; /* may be NULL: set when the build is to stop */
} LpWriteOptions;

/* Where the trimmed page starts on the written page: pages grow by bleed and
 * slug on every side, and the layout's page sits in the middle. */
double lp_write_offset(const LpWriteOptions *opt);

/* What the finish stage must put right in a writer's PDFs. */
typedef enum {
  LP_REPAIR_STRUCTURE = 1 << 0, /* a structure root, /MarkInfo, figure /Alt, span /Lang (cairo 1.16) */
  LP_REPAIR_TOUNICODE = 1 << 1, /* CID maps written as ToUnicode maps (libharu 2.3) */
  LP_REPAIR_ARTIFACTS = 1 << 2, /* artifacts written as LP_WRITE_ARTIFACT_ROLE elements (cairo 1.16) */
} LpRepair;

/* The structure type a writer without artifacts writes them as, for the
 * finish stage to turn into artifacts (LP_REPAIR_ARTIFACTS): a standard type
 * ("a grouping element containing private content belonging to the
 * application producing it") that leafpress uses for nothing else. */
#define LP_WRITE_ARTIFACT_ROLE "Private"

/* The structure type a writer that cannot give an element attributes (cairo
 * 1.16 writes none for structure tags) writes a span in another language as:
 * another standard type leafpress uses for nothing else, which the finish
 * stage turns into a Span with the span's /Lang, taking the languages from
 * the pages in order (LP_REPAIR_STRUCTURE). */
#define LP_WRITE_LANG_SPAN_ROLE "NonStruct"

typedef struct LpWriter LpWriter; /* one document being written */

typedef struct {
  const char *name;
  const char *about;   /* one line for --help and the docs */
  guint formats;       /* 1 << LpFormat for each format it writes */
  gboolean cmyk;       /* writes exact DeviceCMYK */
  gboolean tagged;     /* writes a structure tree (tagged PDF) */
  gboolean cff;        /* embeds fonts with CFF outlines (OpenType 'CFF ': Noto Sans CJK) */
  gboolean vectors;    /* draws SVG pictures (recording surfaces) as vectors */
  guint repairs;       /* LpRepair flags */
  /* A document of `book` (its info and outline; pages come one by one). */
  LpWriter *(*open)(const LpBook *book, const LpWriteOptions *opt, GError **err);
  gboolean (*page)(LpWriter *w, const LpPage *page, GError **err);
  /* The files (GBytes*), or NULL with an error; frees the writer either way. */
  GPtrArray *(*close)(LpWriter *w, GError **err);
  /* Frees a writer whose document is given up (a page failed). */
  void (*abort)(LpWriter *w);
} LpWriterClass;

/* Every writer, the default first; NULL-terminated. */
const LpWriterClass *const *lp_writers(void);
const LpWriterClass *lp_writer_default(void);
/* By name (case-insensitive), or NULL. */
const LpWriterClass *lp_writer_find(const char *name);
/* "cairo or haru", for messages. */
const char *lp_writer_names(void);
gboolean lp_writer_writes(const LpWriterClass *w, LpFormat format);

/* Opens, writes every page of `book`, closes: each file's bytes in page order. */
GPtrArray *lp_write(const LpWriterClass *w, const LpBook *book, const LpWriteOptions *opt, GError **err);

extern const LpWriterClass lp_writer_cairo;
extern const LpWriterClass lp_writer_haru;

/* One page drawn onto `cr` exactly as the cairo writer's PNG proofs draw it (no
 * tags, no links), the trimmed page at `offset` pt; with `text` FALSE the glyph
 * runs are left out (paths and images only). For checks that compare a written
 * file with the pages it was written from. */
void lp_write_cairo_draw(const LpPage *page, cairo_t *cr, double offset, gboolean text);
