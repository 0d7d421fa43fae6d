/* A batch's run: the plan fed to the runner, and what comes back — the
 * events, the report, the depfile and the merged PDF. */
#include "batch/batch.h"

#include <string.h>

#include "batch/plan.h"
#include "engine/files.h"
#include "finish/merge.h"

#define DEFAULT_PATTERN "out/{article}/{lang}/{layout}.{format}"
#define DEFAULT_ROW_PATTERN "out/{article}/{lang}/{layout}-{row}.{format}"

static void tell(LpBatch *b, const LpDiag *d) {
  if (b->ev->message)
    b->ev->message(d, b->ev->data);
}

/* On the batch's thread, for each output the runner finishes. */
static void job_done(LpJob *job, gpointer data) {
  LpBatch *b = data;
  LpJobRecord *rec = job->record;
  b->done++;
  if (g_str_equal(rec->status, "built"))
    b->built++;
  else if (g_str_equal(rec->status, "up-to-date"))
    b->fresh++;
  else if (g_str_equal(rec->status, "failed")) {
    b->failed++;
    b->worst = lp_batch_worse(b->worst, job->error ? lp_error_code(job->error) : LP_EXIT_IO);
  }
  for (guint i = 0; i < rec->warnings->len; i++)
    tell(b, g_ptr_array_index(rec->warnings, i));
  for (guint i = 0; i < rec->errors->len; i++)
    tell(b, g_ptr_array_index(rec->errors, i));
  if (b->ev->progress)
    b->ev->progress(b->done, b->failed, b->plan_complete ? b->planned : 0,
                    rec->outputs->len ? (const char *)g_ptr_array_index(rec->outputs, 0) : NULL, b->ev->data);
  job->record = NULL;
  if (job->kept) {
    if (b->kept->len <= job->seq)
      g_ptr_array_set_size(b->kept, job->seq + 1);
    g_ptr_array_index(b->kept, job->seq) = job->kept;
    job->kept = NULL;
  }
  lp_sink_done(b->sink, rec); /* written (and freed) once those before it are */
}

/* --merge with --sheet: the pages of every output the first writer made, on
 * sheets in the plan's order (a mail merge's rows, two or four to a sheet). */
static gboolean merge_sheets(LpBatch *b, GError **err) {
  GPtrArray *made = g_ptr_array_new();
  for (guint i = 0; i < b->kept->len; i++)
    if (g_ptr_array_index(b->kept, i))
      g_ptr_array_add(made, g_ptr_array_index(b->kept, i));
  gboolean ok = FALSE;
  if (made->len == 0) {
    lp_set_error(err, LP_EXIT_INPUT, NULL, "--merge %s: no output was made to put on sheets", b->spec->merge);
  } else {
    GBytes *bytes = lp_engine_sheets(b->engine, b->ctx, (LpResult *const *)made->pdata, made->len, b->sheet_print,
                                     b->spec->no_verify, err);
    ok = bytes && lp_files_write_one(b->ctx, b->spec->merge, bytes, err);
    if (bytes)
      g_bytes_unref(bytes);
  }
  g_ptr_array_unref(made);
  return ok;
}

/* One PDF of every PDF made (or already up to date), in the plan's order. */
static gboolean merge(LpBatch *b, GError **err) {
  if (b->sheet_print)
    return merge_sheets(b, err);
  const GPtrArray *pdfs = lp_sink_pdfs(b->sink);
  if (pdfs->len == 0) {
    lp_set_error(err, LP_EXIT_INPUT, NULL, "--merge %s: no PDF was made to merge", b->spec->merge);
    return FALSE;
  }
  GBytes *bytes = lp_merge_pdfs(pdfs, err);
  gboolean ok = bytes && lp_files_write_one(b->ctx, b->spec->merge, bytes, err);
  if (bytes)
    g_bytes_unref(bytes);
  return ok;
}

/* One print setting per writer. With --merge and --sheet, the outputs' own
 * files are the plain pages (no sheets, no marks: the marks would be drawn
 * into the pages the sheets place) and the merged file holds the sheets. */
static gboolean make_prints(LpBatch *b, GError **err) {
  b->prints = g_ptr_array_new_with_free_func(g_free);
  b->kept = g_ptr_array_new_with_free_func((GDestroyNotify)lp_result_free);
  if (b->spec->merge && b->spec->print.sheet_w > 0) {
    b->sheet_print = g_memdup2(&b->spec->print, sizeof *b->sheet_print);
    b->sheet_print->writer = b->spec->writers[0];
    if (!lp_print_check(b->sheet_print, b->spec->formats, b->spec->n_formats, err))
      return FALSE;
  }
  for (const LpWriterClass *const *w = b->spec->writers; *w; w++) {
    LpPrint *p = g_memdup2(&b->spec->print, sizeof *p);
    p->writer = *w;
    if (b->sheet_print) {
      p->sheet_w = p->sheet_h = 0;
      p->crop_marks = FALSE;
    }
    g_ptr_array_add(b->prints, p);
    if (!lp_print_check(p, b->spec->formats, b->spec->n_formats, err))
      return FALSE;
  }
  return TRUE;
}

static gboolean open_data(LpBatch *b, GError **err) {
  if (!b->spec->data)
    return TRUE;
  LpCsvOptions opt = {
      .separator = b->spec->separator,
      .max_rows = b->spec->max_rows ? b->spec->max_rows : lp_ctx_limit(b->ctx, LP_LIMIT_CSV_ROWS),
      .max_field = b->spec->max_field ? b->spec->max_field : lp_ctx_limit(b->ctx, LP_LIMIT_CSV_FIELD),
  };
  return (b->csv = lp_csv_open(b->ctx, b->spec->data, &opt, err)) && lp_plan_check_header(b, err);
}

static gboolean make_pattern(LpBatch *b, GError **err) {
  const LpProject *project = lp_engine_project(b->engine);
  char *in_project = lp_project_path(project, b->spec->data ? DEFAULT_ROW_PATTERN : DEFAULT_PATTERN);
  char *pattern = b->spec->output ? g_strdup(b->spec->output) : lp_path_shorten(in_project);
  g_free(in_project);
  b->pattern = lp_pattern_parse(pattern, b->columns ? lp_columns_targets(b->columns) : NULL, err);
  g_free(pattern);
  return b->pattern != NULL;
}

/* Plans every output and runs them. A plan of folders is checked whole
 * before the first output is built, so that a pattern that makes one file
 * twice writes nothing; rows stream into the runner as they are read. */
static void plan_and_run(LpBatch *b, GError **err) {
  gboolean planned = TRUE;
  if (b->csv) {
    planned = lp_plan_rows(b, err);
  } else {
    for (guint g = 0; planned && g < b->groups->len; g++)
      planned = lp_plan_group(b, g_ptr_array_index(b->groups, g), &(LpBatchRow){0}, NULL, err);
    b->plan_complete = TRUE;
    for (guint i = 0; i < b->pending->len; i++) {
      LpJob *job = g_ptr_array_index(b->pending, i);
      if (planned) {
        lp_runner_submit(b->runner, job);
        continue;
      }
      lp_job_free(job); /* its record stays in the sink, not built */
    }
    g_ptr_array_set_size(b->pending, 0);
  }
  lp_runner_finish(b->runner);
}

/* What the build system gets, even after failures: they say what failed. */
static gboolean leave(LpBatch *b, GError **err) {
  if (b->spec->list)
    return TRUE;
  gboolean ok = lp_sink_finish(b->sink, err);
  /* Under keep-going the merged file holds what was made; the failures are
   * told and in the exit code. */
  if (ok && b->spec->merge && !lp_ctx_cancelled(b->ctx) && (b->failed == 0 || b->spec->keep_going) && !merge(b, err))
    return FALSE;
  return ok;
}

static void batch_clear(LpBatch *b) {
  lp_runner_free(b->runner);
  lp_sink_free(b->sink);
  if (b->pending)
    g_ptr_array_unref(b->pending);
  if (b->seen)
    g_hash_table_unref(b->seen);
  lp_pattern_free(b->pattern);
  lp_columns_free(b->columns);
  lp_csv_close(b->csv);
  if (b->groups)
    g_ptr_array_unref(b->groups);
  if (b->layouts)
    g_ptr_array_unref(b->layouts);
  if (b->prints)
    g_ptr_array_unref(b->prints);
  if (b->kept)
    g_ptr_array_unref(b->kept);
  g_free(b->sheet_print);
  g_free(b->clinic);
  g_free(b->fonts_conf);
  lp_seen_free(b->proven);
}

gboolean lp_batch_run(LpEngine *engine, const LpBatchSpec *spec, const LpBatchEvents *events,
                      LpBatchSummary *summary, GError **err) {
  static const LpBatchEvents none = {0};
  LpBatch b = {0};
  gboolean started = FALSE;
  b.engine = engine;
  b.ctx = lp_engine_ctx(engine);
  b.spec = spec;
  b.ev = events ? events : &none;
  b.clinic = lp_engine_clinic(engine, spec->clinic);
  b.fonts_conf = lp_project_fonts_conf(lp_engine_project(engine));
  b.proven = lp_seen_new();
  b.groups = g_ptr_array_new_with_free_func(lp_plan_group_free);
  b.layouts = g_ptr_array_new_with_free_func(lp_plan_layout_free);
  gboolean ok = make_prints(&b, err) && open_data(&b, err);
  gboolean usage = !ok && err && *err && (*err)->code == LP_EXIT_USAGE;
  if (ok && !make_pattern(&b, err))
    ok = FALSE, usage = TRUE;
  for (const char *const *a = spec->articles; ok && *a; a++)
    ok = lp_plan_load_group(&b, *a, err);
  ok = ok && lp_plan_load_layouts(&b, err) && lp_plan_check_used(&b, err);
  if (ok) {
    /* Warnings of the plan (a project without a clinic profile, a front
     * matter overriding a label no layout has), told once before the
     * outputs' own. */
    lp_engine_check_clinic(engine, b.ctx, spec->clinic, spec->sets);
    b.seen = b.csv ? g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)
                   : g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    /* Opened before anything is built: a report that cannot be written
     * stops the batch first. */
    ok = (b.sink = lp_sink_new(b.ctx, spec->list ? NULL : spec->report, spec->list ? NULL : spec->depfile,
                               spec->merge != NULL, err)) != NULL;
  }
  if (ok) {
    lp_plan_tell_warnings(&b);
    b.pending = g_ptr_array_new();
    guint workers = spec->jobs > 0 ? spec->jobs : MAX(1, g_get_num_processors());
    /* Sheets are made from pages in memory: an output up to date on disk has none. */
    b.runner = lp_runner_new(b.ctx, spec->list ? 1 : workers, spec->force || b.sheet_print, spec->keep_going,
                             job_done, &b);
    started = TRUE;
    GError *stop = NULL;
    plan_and_run(&b, &stop);
    if (stop) {
      /* What stopped the plan counts as a failed output. */
      LpDiag *d = lp_diag_from_error(stop);
      tell(&b, d);
      lp_diag_free(d);
      b.worst = lp_batch_worse(b.worst, lp_error_code(stop));
      b.failed++;
      g_error_free(stop);
    }
    lp_plan_tell_warnings(&b);
    ok = leave(&b, err);
  } else {
    lp_plan_tell_warnings(&b);
  }
  if (summary)
    *summary = (LpBatchSummary){.planned = b.planned, .built = b.built, .fresh = b.fresh, .failed = b.failed,
                                .worst = b.worst, .usage = usage, .started = started};
  batch_clear(&b);
  return ok;
}
