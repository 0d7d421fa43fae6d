/* Running a batch's outputs: a GLib thread pool of -j workers, each with its
 * own fonts, fed by the main thread and throttled so that at most twice as
 * many outputs as workers are waiting at a time — a data file of any length
 * runs in the same memory. Results come back to the main thread, which alone
 * prints and keeps records.
 *
 * An output is skipped when it is up to date (cli/fresh.h) unless forced; a
 * failure stops the batch from starting new outputs unless it keeps going;
 * SIGINT or SIGTERM does too, and the outputs being built at that moment are
 * not written. */
#pragma once
#include "cli/pipeline.h"
#include "cli/progress.h"
#include "cli/report.h"

typedef struct {
  LpSession *session;         /* shared, read-only */
  const LpDoc *doc;           /* shared */
  const LpLayoutSpec *spec;   /* shared */
  const LpVars *vars;         /* the values: `own_vars` or a shared table */
  LpVars *own_vars;           /* a data row's values, owned; may be NULL */
  const LpFormat *formats;
  guint n_formats;
  GPtrArray *outs;            /* char*, one per format, owned */
  char *inputs_hash;          /* owned; NULL: always build */
  LpJobRecord *record;        /* filled in by the run; handed to `done` */
  GError *error;              /* why it failed */
} LpJob;

/* Frees a job that was never submitted (its record is not freed). */
void lp_job_free(LpJob *job);

typedef struct LpRunner LpRunner;

/* Called on the main thread for each finished job; the job is freed after,
 * the record is not (the callback keeps or frees it). */
typedef void (*LpJobDone)(LpJob *job, gpointer data);

LpRunner *lp_runner_new(guint workers, gboolean force, gboolean keep_going, LpJobDone done, gpointer data);
/* Queues a job (the runner owns it), first waiting for room. */
void lp_runner_submit(LpRunner *r, LpJob *job);
/* Waits for every queued job. */
void lp_runner_finish(LpRunner *r);
void lp_runner_free(LpRunner *r);

/* Whether new jobs should not start: a failure without --keep-going, or a
 * signal. */
gboolean lp_runner_stopped(const LpRunner *r);
void lp_runner_stop(LpRunner *r);
