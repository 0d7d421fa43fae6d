/* The plan of `leafpress batch`: what it builds, in a fixed order.
 *
 * Article folders (every language in them) or files × layouts × writers, or,
 * with --data, the same for each data row. The articles, layouts and values are
 * read once here, on the main thread, and shared read-only with the workers.
 * Each output gets its paths from the pattern, checked against every other
 * output and every input, the files and settings its up-to-date stamp hashes,
 * and its place in the plan (which --shard splits on and the report keeps);
 * then it goes to the runner, or is printed for --list. cli/batch.c, the
 * command, owns the LpBatch these work on. */
#pragma once
#include "cli/options.h"
#include "cli/pattern.h"
#include "cli/progress.h"
#include "cli/runner.h"
#include "read/csv.h"
#include "read/manifest.h"

typedef struct {
  char *file;
  LpDoc *doc;     /* NULL when it could not be read */
  LpVars *vars;   /* the article's values (labels, clinic, --set) */
  char *labels;   /* the labels file those values came from */
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
  LpBuildOptions o;
  char **layouts_arg, **formats_arg, **langs_arg;
  char *output, *data, *merge, *depfile, *report, *shard, *manifest;
  gint jobs;
  gint64 max_rows, max_field;
  gboolean keep_going, force, list;
} LpBatchArgs;

typedef struct {
  LpBatchArgs *a;
  LpSession session; /* the base: project, values, print settings */
  GPtrArray *sessions; /* LpSession*, one per writer: copies of the base */
  GPtrArray *writers;  /* char* */
  GArray *formats;     /* LpFormat */
  GPtrArray *langs;    /* char*, or NULL for all */
  GPtrArray *groups;   /* LpBatchGroup* */
  GPtrArray *layouts;  /* LpBatchLayout* */
  LpPattern *pattern;
  char *clinic;        /* the profile in use, or NULL */
  char *fonts_conf;
  LpCsv *csv;
  int lang_column;     /* the data file's "lang" column, or -1 */
  guint shard_k, shard_n;
  guint index;         /* the next output's place in the plan */
  GHashTable *seen;    /* output path → what makes it (duplicates) */
  GPtrArray *records;  /* LpJobRecord*, kept for --report, --depfile, --merge */
  GPtrArray *pending;  /* LpJob*: planned, not yet handed to the runner */
  gboolean keep;
  LpRunner *runner;
  LpProgress *progress;
  guint planned, done, failed, built, fresh;
  int worst;           /* the exit code failures add up to */
} LpBatch;

typedef struct {
  int row, line;       /* 0 outside a mail merge */
  GPtrArray *fields;   /* the row's values, or NULL */
} LpBatchRow;

/* The worse of two exit codes: an I/O error over bad input over success. */
int lp_plan_worse(int a, int b);
/* Prints a message between progress redraws. */
void lp_plan_say(LpBatch *b, const char *msg);
/* Prints an input's error and counts it towards the exit code. */
void lp_plan_load_error(LpBatch *b, GError *e);

/* Reads the articles of one argument (a folder or a file) into b->groups. */
gboolean lp_plan_load_group(LpBatch *b, const char *arg, GError **err);
/* Reads the layouts by name or file into b->layouts, with the clinic's colour. */
gboolean lp_plan_load_layouts(LpBatch *b, GPtrArray *names, GError **err);
void lp_plan_group_free(gpointer group);
void lp_plan_layout_free(gpointer layout);

/* Checks the data file's column names and finds its "lang" column. */
gboolean lp_plan_check_header(LpBatch *b, GError **err);
/* Plans one group's outputs (for one data row, or for none). */
gboolean lp_plan_group(LpBatch *b, LpBatchGroup *g, const LpBatchRow *row, const char *row_lang, GError **err);
/* Reads the data file row by row and plans each row's outputs as it goes. */
gboolean lp_plan_rows(LpBatch *b, GError **err);
