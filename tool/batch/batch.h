/* A batch: many outputs in one process, on the engine.
 *
 * Article folders (every language in them) or files × layouts × writers, or,
 * with a data file, the same for each data row (a mail merge). The plan
 * (batch/plan.c) reads the inputs once and gives each output its paths from
 * the output pattern, its up-to-date stamp (batch/fresh.h) and its place; the
 * runner (batch/runner.h) builds the outputs on a pool of threads; what comes
 * back is told to the front end through events (it prints, the batch never
 * does) and, when asked, written as a JSON report, a make/ninja depfile and
 * one merged PDF. */
#pragma once
#include "batch/columns.h"
#include "doc/diag.h"
#include "engine/engine.h"

typedef struct {
  /* what */
  const char *const *articles;   /* folders or files, NULL-terminated */
  const char *const *layouts;    /* names or files, NULL-terminated */
  const LpWriterClass *const *writers; /* each output once per writer, NULL-terminated */
  const LpFormat *formats;
  guint n_formats;
  const char *const *langs;      /* only these languages of each folder; NULL: all */
  const char *output;            /* the output path pattern; NULL: the default */
  const char *data;              /* a CSV file: one output per row; NULL: none */
  char separator;                /* the data file's: ',', ';' or '\t'; 0: found on its header line */
  const LpColumnRule *columns;   /* the column map (batch/columns.h), one rule a column */
  guint n_columns;
  LpDateForm date_form;          /* how the data file writes dates; ANY: by the output's language */
  /* how */
  LpPrint print;                 /* every output's settings but the writer */
  const char *clinic;            /* the clinic profile; NULL: the project's */
  const char *const *sets;       /* "key=value", NULL-terminated; may be NULL */
  gboolean release, keep_going, force, list;
  gboolean no_verify;            /* else every output that shows something no earlier one proved */
  guint jobs;                    /* workers; 0: the number of cores */
  guint shard_k, shard_n;        /* every shard_n-th output from the shard_k-th; 0: all */
  gsize max_rows, max_field;     /* the data file's limits; 0: the context's */
  /* what it leaves besides the outputs (NULL: nothing) */
  const char *report, *depfile, *merge;
} LpBatchSpec;

/* Called on the thread that runs the batch, in the plan's order per output. */
typedef struct {
  /* An error or a warning to show now. */
  void (*message)(const LpDiag *diag, gpointer data);
  /* After each output: how many are done and failed of those planned so far. */
  void (*progress)(guint done, guint failed, guint planned, const char *last, gpointer data);
  /* --list: an output path the batch would make. */
  void (*listed)(const char *path, gpointer data);
  gpointer data;
} LpBatchEvents;

typedef struct {
  guint planned, built, fresh, failed;
  int worst;      /* the exit code the failures add up to */
  gboolean usage; /* the error that stopped it is the command line's (a pattern, a writer) */
  gboolean started; /* outputs were planned: the counts are a summary to print */
} LpBatchSummary;

/* Runs the batch. FALSE with an error when it cannot start or finish as a
 * whole (a usage error, an output pattern that makes one file twice, a report
 * that cannot be written); the outputs' own failures are in the summary and
 * were told as messages. */
gboolean lp_batch_run(LpEngine *engine, const LpBatchSpec *spec, const LpBatchEvents *events,
                      LpBatchSummary *summary, GError **err);

/* The worse of two exit codes: an I/O error over bad input over success. */
int lp_batch_worse(int a, int b);
