/* The plan of a batch: what it builds, in a fixed order.
 *
 * The articles, layouts and values are read once here, on the batch's
 * thread, and shared read-only with the workers. Each output gets its paths
 * from the pattern, checked against every other output and every input, the
 * files and settings its up-to-date stamp hashes, and its place in the plan
 * (which shards split on and the report keeps); then it goes to the runner,
 * or is told as listed. batch/batch.c owns the LpBatch these work on. */
#pragma once
#include "batch/batch.h"
#include "batch/pattern.h"
#include "batch/report.h"
#include "batch/runner.h"
#include "batch/columns.h"
#include "read/csv.h"

typedef struct {
  char *file;
  LpDoc *doc;     /* NULL when it could not be read */
  LpVars *vars;   /* the article's values (labels, clinic, --set) */
  GError *error;  /* why it cannot be built */
} LpBatchArticle;

/* Articles given as one argument: a folder's languages, or one file. */
typedef struct {
  char *arg;
  GPtrArray *articles; /* LpBatchArticle*, sorted by file name */
} LpBatchGroup;

typedef struct {
  char *file;
  LpLayoutSpec *spec;
  GError *error;
} LpBatchLayout;

typedef struct {
  LpEngine *engine;
  LpCtx *ctx;            /* the engine's */
  const LpBatchSpec *spec;
  const LpBatchEvents *ev;
  GPtrArray *prints;     /* LpPrint*, one per writer */
  GPtrArray *groups;     /* LpBatchGroup* */
  GPtrArray *layouts;    /* LpBatchLayout* */
  LpPattern *pattern;
  char *clinic;          /* the profile in use, or NULL */
  char *fonts_conf;
  LpCsv *csv;
  LpColumns *columns;    /* the data file's columns and what they fill */
  int lang_column;       /* the column that fills {lang}, or -1 */
  guint index;           /* the next output's place in the plan */
  /* Output path → what makes it, to refuse two outputs with one path: "file,
   * layout, writer" (char*) in a plan of folders, the data file's line
   * (GINT_TO_POINTER) in a mail merge, where it is all that grows with the
   * rows. */
  GHashTable *seen;
  LpSink *sink;          /* the records, in plan order: report, depfile, merge */
  GPtrArray *pending;    /* LpJob*: planned, not yet handed to the runner */
  gboolean plan_complete; /* every output is planned: `planned` is the total */
  LpRunner *runner;
  LpSeen *proven;        /* what the outputs built so far proved */
  guint planned, done, failed, built, fresh;
  LpPrint *sheet_print;  /* --merge with --sheet: the merged file's print settings, else NULL */
  GPtrArray *kept;       /* LpResult* by LpJob.seq (NULL: failed): the pages the merged sheets hold */
  guint n_kept;
  int worst;
} LpBatch;

typedef struct {
  int row;                /* 1 = the first after the header; 0 outside a mail merge */
  const LpCsvRow *csv;    /* its fields and their places, or NULL */
  GHashTable *values;     /* value name → text for the article being planned (lp_columns_values), or NULL */
} LpBatchRow;

/* Tells an error and counts it towards the exit code. */
void lp_plan_load_error(LpBatch *b, const GError *e);

/* Reads the articles of one argument (a folder or a file) into b->groups. */
gboolean lp_plan_load_group(LpBatch *b, const char *arg, GError **err);
/* Reads the layouts by name or file into b->layouts, with the clinic's colour. */
gboolean lp_plan_load_layouts(LpBatch *b, GError **err);
void lp_plan_group_free(gpointer group);
void lp_plan_layout_free(gpointer layout);

/* The data file's columns with the column map applied; finds the column
 * that fills {lang}. */
gboolean lp_plan_check_header(LpBatch *b, GError **err);
/* After the layouts are read: every column fills a value something uses;
 * warns about --set keys nothing uses. */
gboolean lp_plan_check_used(LpBatch *b, GError **err);
/* Tells the warnings the batch's context has gathered (reading the
 * articles, the data file) and keeps them for the report. */
void lp_plan_tell_warnings(LpBatch *b);
/* Plans one group's outputs (for one data row, or for none). */
gboolean lp_plan_group(LpBatch *b, LpBatchGroup *g, const LpBatchRow *row, const char *row_lang, GError **err);
/* Reads the data file row by row and plans each row's outputs as it goes. */
gboolean lp_plan_rows(LpBatch *b, GError **err);
