#include "batch/runner.h"

#include <string.h>

#include "batch/fresh.h"
#include "engine/files.h"

struct LpRunner {
  LpCtx *ctx;
  GThreadPool *pool; /* NULL with one worker: jobs run on the batch's thread */
  GAsyncQueue *finished;
  guint in_flight, limit;
  gboolean force, keep_going;
  gint stop;
  LpJobDone done;
  gpointer data;
  GMutex lock;
  GHashTable *without_rows; /* "doc spec print" → whether it builds without a row's values */
};

void lp_job_free(LpJob *job) {
  lp_vars_free(job->own_vars);
  lp_result_free(job->kept);
  if (job->outs)
    g_ptr_array_unref(job->outs);
  g_free(job->inputs_hash);
  g_clear_error(&job->error);
  g_free(job);
}

static void copy_strings(GPtrArray *to, const GPtrArray *from) {
  for (guint i = 0; from && i < from->len; i++)
    g_ptr_array_add(to, g_strdup(g_ptr_array_index((GPtrArray *)from, i)));
}

/* Whether the job's article, layout and settings build without a data
 * row's values; asked once for each, on the first failure. */
static gboolean builds_without_row(LpRunner *r, const LpJob *job, const LpRequest *req) {
  char *key = g_strdup_printf("%p %p %p", (const void *)job->doc, (const void *)job->spec, (const void *)job->print);
  g_mutex_lock(&r->lock);
  gpointer known;
  gboolean ok;
  if (g_hash_table_lookup_extended(r->without_rows, key, NULL, &known)) {
    ok = GPOINTER_TO_INT(known);
    g_free(key);
  } else {
    LpRequest bare = *req;
    bare.vars = job->base_vars;
    LpCtx *quiet = lp_ctx_new_child(req->ctx); /* its warnings are not this output's */
    bare.ctx = quiet;
    LpResult *res = lp_engine_build(job->engine, &bare, NULL);
    ok = res != NULL;
    lp_result_free(res);
    lp_ctx_free(quiet);
    g_hash_table_insert(r->without_rows, key, GINT_TO_POINTER(ok));
  }
  g_mutex_unlock(&r->lock);
  return ok;
}

/* A row's output that failed where the article or layout is named: if the
 * article builds without the row, the row is what is wrong, and its line is
 * where to look. */
static void blame_row(LpRunner *r, LpJob *job, const LpRequest *req) {
  if (!job->row_pos.file || !job->error || job->error->code != LP_EXIT_INPUT || lp_ctx_cancelled(req->ctx))
    return;
  const LpPos *at = lp_error_pos(job->error);
  if (at && at->file == job->row_pos.file)
    return;
  if (builds_without_row(r, job, req))
    lp_error_set_pos(job->error, &job->row_pos);
}

/* Builds the job and writes its files; what was made goes into `info`. */
static gboolean build(LpRunner *r, LpJob *job, LpCtx *ctx, LpStampInfo *info) {
  LpRequest req = {
      .doc = job->doc,
      .spec = job->spec,
      .vars = job->vars,
      .formats = job->formats,
      .n_formats = job->n_formats,
      .print = *job->print,
      .no_verify = job->no_verify,
      .seen = job->seen,
      .ctx = ctx,
      .keep_pages = job->keep_pages,
  };
  LpResult *res = lp_engine_build(job->engine, &req, &job->error);
  if (!res) {
    blame_row(r, job, &req);
    return FALSE;
  }
  GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
  gboolean ok = lp_files_write(ctx, res, job->formats, job->n_formats, (const char *const *)job->outs->pdata,
                               written, &job->error);
  if (ok) {
    info->pages = res->pages;
    for (guint i = 0; i < res->files->len; i++)
      info->bytes += g_bytes_get_size(((const LpOutFile *)g_ptr_array_index(res->files, i))->bytes);
    info->files = g_ptr_array_ref(written);
    info->fonts = g_ptr_array_ref(res->fonts);
  }
  g_ptr_array_unref(written);
  if (ok && job->keep_pages) {
    g_ptr_array_set_size(res->files, 0); /* written; only the pages are wanted now */
    job->kept = res;
  } else {
    lp_result_free(res);
  }
  return ok;
}

static void run(gpointer data, gpointer user) {
  LpJob *job = data;
  LpRunner *r = user;
  LpJobRecord *rec = job->record;
  gint64 t0 = g_get_monotonic_time();
  LpStampInfo info = {0};
  const char *primary = g_ptr_array_index(job->outs, 0);
  if (g_atomic_int_get(&r->stop) || lp_ctx_cancelled(r->ctx)) {
    rec->status = "not-built";
  } else if (!r->force && lp_fresh_check(primary, job->inputs_hash, &info)) {
    rec->status = "up-to-date";
  } else {
    LpCtx *ctx = lp_ctx_new_child(r->ctx);
    gboolean ok = build(r, job, ctx, &info);
    g_ptr_array_extend_and_steal(rec->warnings, lp_ctx_take_diags(ctx));
    if (ok) {
      rec->status = "built";
      lp_fresh_record(ctx, primary, job->inputs_hash, &info);
    } else {
      gboolean stopped = lp_ctx_cancelled(ctx);
      rec->status = stopped ? "not-built" : "failed";
      if (!stopped)
        g_ptr_array_add(rec->errors, lp_diag_from_error(job->error));
    }
    lp_ctx_free(ctx);
  }
  if (info.files) {
    g_ptr_array_set_size(rec->outputs, 0);
    copy_strings(rec->outputs, info.files);
    copy_strings(rec->fonts, info.fonts);
  }
  rec->pages = info.pages;
  rec->bytes = info.bytes;
  lp_stamp_info_clear(&info);
  rec->ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
  if (r->pool)
    g_async_queue_push(r->finished, job);
}

/* Hands one finished job to the callback; blocks for it when `wait`. */
static gboolean collect(LpRunner *r, gboolean wait) {
  LpJob *job = wait ? g_async_queue_pop(r->finished) : g_async_queue_try_pop(r->finished);
  if (!job)
    return FALSE;
  r->in_flight--;
  if (g_str_equal(job->record->status, "failed") && !r->keep_going)
    lp_runner_stop(r);
  r->done(job, r->data);
  lp_job_free(job);
  return TRUE;
}

LpRunner *lp_runner_new(LpCtx *ctx, guint workers, gboolean force, gboolean keep_going, LpJobDone done,
                        gpointer data) {
  LpRunner *r = g_new0(LpRunner, 1);
  r->ctx = ctx;
  r->force = force;
  r->keep_going = keep_going;
  r->done = done;
  r->data = data;
  r->limit = 2 * MAX(workers, 1);
  g_mutex_init(&r->lock);
  r->without_rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  r->finished = g_async_queue_new();
  if (workers > 1)
    r->pool = g_thread_pool_new(run, r, (gint)workers, TRUE, NULL); /* exclusive: threads, and their fonts, live as long as the pool */
  return r;
}

void lp_runner_submit(LpRunner *r, LpJob *job) {
  if (!r->pool) {
    run(job, r);
    if (g_str_equal(job->record->status, "failed") && !r->keep_going)
      lp_runner_stop(r);
    r->done(job, r->data);
    lp_job_free(job);
    return;
  }
  while (collect(r, FALSE))
    ;
  while (r->in_flight >= r->limit)
    collect(r, TRUE);
  r->in_flight++;
  g_thread_pool_push(r->pool, job, NULL);
}

void lp_runner_finish(LpRunner *r) {
  while (r->in_flight > 0)
    collect(r, TRUE);
}

void lp_runner_free(LpRunner *r) {
  if (!r)
    return;
  lp_runner_finish(r);
  if (r->pool) {
    g_thread_pool_free(r->pool, FALSE, TRUE);
    /* Idle pool threads exit now, so that their fonts are freed. */
    g_thread_pool_set_max_unused_threads(0);
    g_thread_pool_stop_unused_threads();
  }
  g_async_queue_unref(r->finished);
  g_hash_table_unref(r->without_rows);
  g_mutex_clear(&r->lock);
  g_free(r);
}

gboolean lp_runner_stopped(const LpRunner *r) { return g_atomic_int_get(&r->stop) || lp_ctx_cancelled(r->ctx); }

void lp_runner_stop(LpRunner *r) { g_atomic_int_set(&r->stop, 1); }
