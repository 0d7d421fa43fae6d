/* What a batch tells a build system: a JSON report of every output (schema in
 * docs/batch.md and tests/data/report.schema.json) and a make/ninja dependency file. */
#pragma once
#include "doc/ctx.h"

typedef struct {
  GPtrArray *outputs;  /* char*: the files of this output (PDF, proofs) */
  char *article;       /* the article file */
  char *lang;
  char *layout;        /* the layout's name */
  int row;             /* a mail merge's row (1 = the first after the header), else 0 */
  int line;            /* the data file's line that row starts on, else 0 */
  const char *status;  /* "built", "up-to-date", "failed" or "not-built" */
  guint pages;
  guint64 bytes;
  double ms;           /* wall time of the build */
  GPtrArray *warnings; /* LpDiag* */
  GPtrArray *errors;   /* LpDiag* */
  GPtrArray *inputs;   /* char*: the files it was made from */
  GPtrArray *fonts;    /* char*: the font files its pages use */
} LpJobRecord;

LpJobRecord *lp_job_record_new(void);
void lp_job_record_free(gpointer record);

gboolean lp_report_write(LpCtx *ctx, const char *path, const GPtrArray *records, GError **err);
/* One rule per output: "outputs: inputs fonts". Outputs that were not made
 * are left out. */
gboolean lp_depfile_write(LpCtx *ctx, const char *path, const GPtrArray *records, GError **err);
