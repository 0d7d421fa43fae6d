/* The finish stage: one pass of libqpdf over a writer's PDF.
 *
 * It adds what the writers cannot: the document language (/Lang), the tagged-PDF
 * flag (/MarkInfo), a display-title preference, a repaired outline count (cairo
 * 1.16 writes a negative one), the figures' alternate text (cairo 1.16 has no
 * way to write /Alt), a /ID derived from the content instead of the
 * clock, and compact object streams. */
#pragma once
#include "doc/diag.h"

typedef struct {
  const char *lang;  /* BCP 47, may be NULL */
  gboolean tagged;   /* the writer wrote a structure tree */
  const GPtrArray *figure_alts; /* alternate texts of the Figure elements, in order */
} LpFinishOptions;

GBytes *lp_finish_pdf(GBytes *pdf, const LpFinishOptions *opt, GError **err);
