/* The finish stage: one pass of libqpdf over a writer's PDF.
 *
 * It adds what the writers cannot: the document language (/Lang), the tagged-PDF
 * flag (/MarkInfo), a display-title preference, a repaired outline count (cairo
 * 1.16 writes a negative one), the figures' alternate text and the /Lang of
 * spans in another language (cairo 1.16 has no way to write either), a /ID derived from the content instead of the
 * clock, and compact object streams; for PDF/UA-1 (finish/artifact.h) the
 * artifacts cairo cannot write, /Tabs /S, links' /Contents and an XMP packet
 * with pdfuaid:part 1. It sets the info dates from the book in
 * the "D:" form. For print shops and archives: TrimBox and BleedBox, PDF/A-2b
 * (output intent with a profile read from a Debian package at run time, XMP,
 * what cairo writes that PDF/A wants written otherwise), and AES-256
 * encryption (the one output that is not byte-identical from build to build). */
#pragma once
#include "doc/diag.h"
#include "page/book.h"
#include "write/writer.h"

/* What an encrypted PDF allows its reader (--allow). */
typedef enum {
  LP_ALLOW_PRINT = 1 << 0,
  LP_ALLOW_COPY = 1 << 1,
  LP_ALLOW_MODIFY = 1 << 2,
  LP_ALLOW_ANNOTATE = 1 << 3,
  LP_ALLOW_FORMS = 1 << 4,
  LP_ALLOW_ASSEMBLE = 1 << 5,
  LP_ALLOW_ACCESSIBILITY = 1 << 6,
} LpAllow;

typedef struct {
  const char *lang;  /* BCP 47, may be NULL */
  gboolean tagged;   /* the writer wrote a structure tree: /MarkInfo */
  guint repairs;     /* LpRepair flags of the writer (write/writer.h) */
  const GPtrArray *figure_alts; /* alternate texts of the Figure elements, in order */
  const GArray *placed_order;   /* pages on sheets: their reading places (finish/order.h) */
  const GPtrArray *span_langs;  /* languages of the spans in another language, in order */
  const GArray *struct_blocks;  /* LpStructBlock: the pages' elements, to join a paragraph's pieces (join.h) */
  const LpBookInfo *info;       /* title, author, dates … for XMP */
  double bleed, slug;           /* pt: TrimBox and BleedBox when > 0 (see lp_write_offset) */
  gboolean pdfa;                /* PDF/A-2b: XMP, output intent, identification */
  gboolean cmyk;                /* the output intent is a CMYK profile */
  const char *owner_password;   /* AES-256 encryption when set (never with pdfa) */
  guint allow;                  /* LpAllow flags for an encrypted file */
} LpFinishOptions;

GBytes *lp_finish_pdf(GBytes *pdf, const LpFinishOptions *opt, GError **err);
