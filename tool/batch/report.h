/* What a batch tells a build system: a JSON report of every output (schema in
 * docs/batch.md and tests/data/report.schema.json) and a make/ninja dependency file, written
 * as the outputs finish; and, for --merge, the PDFs made. */
#pragma once
#include "doc/ctx.h"

typedef struct {
  GPtrArray *outputs;  /* char*: the files of this output (PDF, proofs) */
  char *article;       /* the article file */
  char *lang;
  char *layout;        /* the layout's name */
  char *published;     /* the article's publication and review dates (YYYY-MM-DD), or NULL */
  char *review_due;
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
  gboolean finished;   /* its status is final (lp_sink_done) */
} LpJobRecord;

LpJobRecord *lp_job_record_new(void);
void lp_job_record_free(gpointer record);

/* One rule per output: "outputs: inputs fonts". Outputs that were not made
 * are left out. */
gboolean lp_depfile_write(LpCtx *ctx, const char *path, const GPtrArray *records, GError **err);

/* Where a batch's records go, in plan order, as they finish: each is
 * written to the report and the depfile (either may be NULL) once every
 * record planned before it is finished, and then freed; a record that
 * finishes early waits for those before it. Memory holds the records still
 * being built, not all of them; for --merge, the PDFs' paths. */
typedef struct LpSink LpSink;

LpSink *lp_sink_new(LpCtx *ctx, const char *report, const char *depfile, gboolean merge, GError **err);
/* The next record in plan order (the sink takes it). */
void lp_sink_plan(LpSink *sink, LpJobRecord *record);
/* `record` (planned) is final. */
void lp_sink_done(LpSink *sink, LpJobRecord *record);
/* A warning of the whole batch (the data file's encoding, an unused --set),
 * for the report. */
void lp_sink_warn(LpSink *sink, const LpDiag *diag);
/* Writes the records left, as they are, and the totals, and moves the files
 * into place. */
gboolean lp_sink_finish(LpSink *sink, GError **err);
/* The PDFs built or up to date, in plan order (char*), once written. */
const GPtrArray *lp_sink_pdfs(const LpSink *sink);
/* Frees the sink; files not finished are removed. */
void lp_sink_free(LpSink *sink);
