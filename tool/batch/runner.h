/* Running a batch's outputs: a GLib thread pool of workers building on the
 * engine (each build borrows its own fonts), fed by the batch's thread and
 * throttled so that at most twice as many outputs as workers are waiting at a
 * time — a data file of any length runs in the same memory. Results come back
 * to the batch's thread, which alone tells them and keeps records.
 *
 * An output is skipped when it is up to date (batch/fresh.h) unless forced; a
 * failure stops the batch from starting new outputs unless it keeps going.
 * A data row's output that fails is tried once more without the row's
 * values (once per article, layout and settings): if that builds, the row
 * caused the failure (a name the card cannot hold, a character no font
 * has), and the error is placed at the row's line instead of the article's;
 * cancellation (the context's flag: SIGINT or SIGTERM) does too, and the
 * outputs being built at that moment are not written. */
#pragma once
#include "batch/report.h"
#include "engine/engine.h"

typedef struct {
  LpEngine *engine;           /* shared */
  const LpPrint *print;       /* shared */
  const LpDoc *doc;           /* shared */
  const LpLayoutSpec *spec;   /* shared */
  const LpVars *vars;         /* the values: `own_vars` or a shared table */
  LpVars *own_vars;           /* a data row's values, owned; may be NULL */
  const LpVars *base_vars;    /* with a row: the article's values without the row's */
  LpPos row_pos;              /* with a row: its line in the data file; file NULL: none */
  const LpFormat *formats;
  guint n_formats;
  GPtrArray *outs;            /* char*, one per format, owned */
  char *inputs_hash;          /* owned; NULL: always build */
  gboolean no_verify;
  LpSeen *seen;               /* shared: what the batch has proven */
  gboolean keep_pages;        /* keep the laid-out pages (in `kept`) for a merge onto sheets */
  guint seq;                  /* with keep_pages: its place among those that keep them */
  LpResult *kept;             /* the result with its pages (files dropped), for the batch's thread */
  LpJobRecord *record;        /* filled in by the run; handed to `done` */
  GError *error;              /* why it failed */
} LpJob;

/* Frees a job that was never submitted (its record is not freed). */
void lp_job_free(LpJob *job);

typedef struct LpRunner LpRunner;

/* Called on the batch's thread for each finished job; the job is freed after,
 * the record is not (the callback keeps or frees it). */
typedef void (*LpJobDone)(LpJob *job, gpointer data);

LpRunner *lp_runner_new(LpCtx *ctx, guint workers, gboolean force, gboolean keep_going, LpJobDone done,
                        gpointer data);
/* Queues a job (the runner owns it), first waiting for room. */
void lp_runner_submit(LpRunner *r, LpJob *job);
/* Waits for every queued job. */
void lp_runner_finish(LpRunner *r);
void lp_runner_free(LpRunner *r);

/* Whether new jobs should not start: a failure without keep-going, or
 * cancellation. */
gboolean lp_runner_stopped(const LpRunner *r);
void lp_runner_stop(LpRunner *r);
