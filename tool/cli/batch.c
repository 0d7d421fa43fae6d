/* leafpress batch [ARTICLE|DIR]… — many outputs in one process.
 *
 * The command: its options under the manifest's, the sessions (one per
 * writer), the plan (cli/plan.c) fed to the runner's workers, and what comes
 * back: messages, the summary, the report, the depfile and the merged PDF. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/plan.h"
#include "doc/limits.h"
#include "finish/merge.h"

#define DEFAULT_PATTERN "out/{article}/{lang}/{layout}.{format}"
#define DEFAULT_ROW_PATTERN "out/{article}/{lang}/{layout}-{row}.{format}"

/* ---- results ---- */

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
    b->worst = lp_plan_worse(b->worst, job->error && job->error->domain == LP_ERROR ? job->error->code : LP_EXIT_IO);
  }
  if (!b->a->o.quiet)
    for (guint i = 0; i < rec->warnings->len; i++)
      lp_plan_say(b, g_ptr_array_index(rec->warnings, i));
  for (guint i = 0; i < rec->errors->len; i++)
    lp_plan_say(b, g_ptr_array_index(rec->errors, i));
  lp_progress_update(b->progress, b->done, b->failed,
                     rec->outputs->len ? (const char *)g_ptr_array_index(rec->outputs, 0) : NULL);
  job->record = NULL;
  if (!b->keep)
    lp_job_record_free(rec);
}

/* One PDF of every PDF made (or already up to date), in the plan's order. */
static gboolean merge(LpBatch *b, GError **err) {
  GPtrArray *pdfs = g_ptr_array_new();
  for (guint i = 0; i < b->records->len; i++) {
    LpJobRecord *r = g_ptr_array_index(b->records, i);
    if (!g_str_equal(r->status, "built") && !g_str_equal(r->status, "up-to-date"))
      continue;
    for (guint k = 0; k < r->outputs->len; k++)
      if (g_str_has_suffix(g_ptr_array_index(r->outputs, k), ".pdf"))
        g_ptr_array_add(pdfs, g_ptr_array_index(r->outputs, k));
  }
  gboolean ok = TRUE;
  if (pdfs->len == 0)
    lp_set_error(err, LP_EXIT_INPUT, NULL, "--merge %s: no PDF was made to merge", b->a->merge);
  else
    ok = lp_merge_pdfs(pdfs, b->a->merge, err);
  ok = ok && pdfs->len > 0;
  g_ptr_array_unref(pdfs);
  return ok;
}

/* ---- the command ---- */

static gboolean parse_shard(LpBatch *b, const char *arg, GError **err) {
  guint64 k, n;
  char **parts = g_strsplit(arg, "/", 2);
  gboolean ok = g_strv_length(parts) == 2 && g_ascii_string_to_unsigned(parts[1], 10, 1, 10000, &n, NULL) &&
                g_ascii_string_to_unsigned(parts[0], 10, 1, n, &k, NULL);
  g_strfreev(parts);
  if (!ok) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--shard %s: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/4", arg);
    return FALSE;
  }
  b->shard_k = (guint)k;
  b->shard_n = (guint)n;
  return TRUE;
}

static GPtrArray *list_arg(char **args, const GPtrArray *fallback) {
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (char **p = args; p && *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++)
      if (*g_strstrip(*q))
        g_ptr_array_add(out, g_strdup(*q));
    g_strfreev(parts);
  }
  gboolean given = out->len > 0;
  for (guint i = 0; !given && fallback && i < fallback->len; i++)
    g_ptr_array_add(out, g_strdup(g_ptr_array_index((GPtrArray *)fallback, i)));
  return out;
}

/* The manifest's settings under the command line's. */
static void apply_manifest(LpBatchArgs *a, LpManifest *m) {
  if (!a->o.writer && m->writer)
    a->o.writer = g_strdup(m->writer);
  if (!a->output && m->output)
    a->output = g_strdup(m->output);
  if (!a->o.clinic && m->clinic)
    a->o.clinic = g_strdup(m->clinic);
  if (!a->data && m->data)
    a->data = g_strdup(m->data);
  if (a->jobs == 0 && m->jobs)
    a->jobs = m->jobs;
  if (isnan(a->o.dpi) && m->dpi > 0)
    a->o.dpi = m->dpi;
  if (m->sets && m->sets->len) {
    /* The command line's values come last, so they win. */
    GStrvBuilder *sb = g_strv_builder_new();
    for (guint i = 0; i < m->sets->len; i++)
      g_strv_builder_add(sb, g_ptr_array_index(m->sets, i));
    for (char **p = a->o.sets; p && *p; p++)
      g_strv_builder_add(sb, *p);
    g_strfreev(a->o.sets);
    a->o.sets = g_strv_builder_end(sb);
    g_strv_builder_unref(sb);
  }
}

/* "-j4" as make writes it: GOption would read it as the flags -j and -4. */
static char **split_jobs(int argc, char **argv, int *out_argc) {
  GPtrArray *v = g_ptr_array_new();
  for (int i = 0; i < argc; i++) {
    if (g_str_has_prefix(argv[i], "-j") && g_ascii_isdigit(argv[i][2])) {
      g_ptr_array_add(v, g_strdup("-j"));
      g_ptr_array_add(v, g_strdup(argv[i] + 2));
    } else {
      g_ptr_array_add(v, g_strdup(argv[i]));
    }
  }
  *out_argc = (int)v->len;
  g_ptr_array_add(v, NULL);
  return (char **)g_ptr_array_free(v, FALSE);
}

static int usage(const char *msg) {
  fprintf(stderr, "leafpress batch: %s\nTry 'leafpress batch --help'.\n", msg);
  return LP_EXIT_USAGE;
}

int lp_cmd_batch(int argc, char **argv) {
  LpBatchArgs a = {0};
  GOptionEntry entries[] = {
      {"layout", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &a.layouts_arg,
       "Layouts, names or files; repeat or separate with commas (default: the manifest's, else a4-leaflet)", "LIST"},
      {"lang", 'L', 0, G_OPTION_ARG_STRING_ARRAY, &a.langs_arg, "Only these languages of each article folder",
       "LIST"},
      {"format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &a.formats_arg, "pdf, png, svg; several with commas (default pdf)",
       "LIST"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
       "Output path pattern (default " DEFAULT_PATTERN " in the project; with --data, {layout}-{row})", "PATTERN"},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs, "Outputs built at once (default: the number of cores)", "N"},
      {"keep-going", 'k', 0, G_OPTION_ARG_NONE, &a.keep_going, "Build what can be built; report the rest", NULL},
      {"force", 0, 0, G_OPTION_ARG_NONE, &a.force, "Build outputs that are up to date too", NULL},
      {"shard", 0, 0, G_OPTION_ARG_STRING, &a.shard, "Build every N-th output, starting from the K-th", "K/N"},
      {"data", 'd', 0, G_OPTION_ARG_FILENAME, &a.data, "A CSV file: one output per row, its columns as values", "CSV"},
      {"merge", 0, 0, G_OPTION_ARG_FILENAME, &a.merge, "Also one PDF of all the PDFs made, in order", "FILE"},
      {"depfile", 0, 0, G_OPTION_ARG_FILENAME, &a.depfile, "Write make/ninja dependency rules", "FILE"},
      {"report", 0, 0, G_OPTION_ARG_FILENAME, &a.report, "Write a JSON report of every output", "FILE"},
      {"manifest", 'm', 0, G_OPTION_ARG_FILENAME, &a.manifest, "The manifest (default leafpress.yaml in the project)",
       "FILE"},
      {"list", 0, 0, G_OPTION_ARG_NONE, &a.list, "Print the output paths the batch would make, build nothing", NULL},
      {"max-csv-rows", 0, 0, G_OPTION_ARG_INT64, &a.max_rows,
       "Most rows a data file may have (default 100000; --limit csv-rows=N)", "N"},
      {"max-field-size", 0, 0, G_OPTION_ARG_INT64, &a.max_field,
       "Largest data field, in bytes (default 4096; --limit csv-field-size=N)", "BYTES"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("[ARTICLE|FOLDER]... - build many outputs in one process");
  g_option_context_add_main_entries(ctx, entries, NULL);
  lp_build_options_add(ctx, &a.o, TRUE);
  a.o.dpi = NAN; /* unset: the manifest's or 96 */
  g_option_context_set_description(
      ctx, "Without articles, builds what leafpress.yaml in the project says (README: LpBatch builds and mail merge).\n"
           "Exit codes: 0 every output built or up to date; 1 an input is wrong; 2 bad usage;\n"
           "3 I/O or internal error (the worst failure wins); 130/143 interrupted.\n"
           "Examples:\n"
           "  leafpress batch text/botox-headache -l a4-leaflet,a5-card -f pdf,png\n"
           "  leafpress batch text/botox-headache -l a5-card --data patients.csv --merge today.pdf\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpBatch b = {0};
  b.a = &a;
  LpManifest *m = NULL;
  GPtrArray *articles = NULL, *layout_names = NULL;
  gint64 t0 = g_get_monotonic_time();

  lp_interrupt_install();
  char **args = split_jobs(argc, argv, &argc);
  char **args_owned = g_memdup2(args, sizeof(char *) * (gsize)(argc + 1)); /* parsing reorders args */
  argv = args;
  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    rc = usage(err->message);
    g_clear_error(&err);
    goto out;
  }
  if (a.jobs < 0 || a.jobs > 256) {
    rc = usage("--jobs: expected a number from 1 to 256");
    goto out;
  }
  if (a.shard && !parse_shard(&b, a.shard, &err))
    goto usage_fail;
  /* The project: from --project, the first article, or the working folder. */
  if (!(b.session.project = lp_project_open(a.o.project, argc > 1 ? argv[1] : NULL, &err)))
    goto fail;
  {
    /* What files may be read from: the project, --allow-path, the folder of
     * a manifest given by name (read/paths.h). */
    const char *named[] = {a.manifest, NULL};
    if (!lp_build_options_grant(&a.o, &b.session, named, &err))
      goto usage_fail;
  }
  char *manifest = a.manifest ? g_strdup(a.manifest) : lp_project_path(b.session.project, "leafpress.yaml");
  if (a.manifest || (argc < 2 && g_file_test(manifest, G_FILE_TEST_EXISTS))) {
    if (!(m = lp_manifest_read(manifest, &err))) {
      g_free(manifest);
      goto fail;
    }
    apply_manifest(&a, m);
  }
  g_free(manifest);
  if (isnan(a.o.dpi))
    a.o.dpi = 96;
  articles = g_ptr_array_new_with_free_func(g_free);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(articles, g_strdup(argv[i]));
  for (guint i = 0; articles->len == 0 && m && m->articles && i < m->articles->len; i++)
    g_ptr_array_add(articles, g_strdup(g_ptr_array_index(m->articles, i)));
  if (articles->len == 0) {
    rc = usage("nothing to build: give article folders or files, or list them in leafpress.yaml");
    goto out;
  }
  if (!lp_build_options_session(&a.o, &b.session, &err))
    goto usage_fail;
  /* Writers: one session each, sharing the base's project and values. */
  b.writers = list_arg(NULL, NULL);
  {
    char *wl[] = {a.o.writer ? a.o.writer : "cairo", NULL};
    GPtrArray *names = list_arg(wl, NULL);
    g_ptr_array_extend_and_steal(b.writers, names);
  }
  b.sessions = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < b.writers->len; i++) {
    LpSession *s = g_memdup2(&b.session, sizeof b.session);
    const char *w = g_ptr_array_index(b.writers, i);
    if (!lp_writer_parse(w, &s->writer)) {
      g_free(s);
      lp_set_error(&err, LP_EXIT_USAGE, NULL, "unknown writer '%s': expected cairo or haru", w);
      goto usage_fail;
    }
    g_ptr_array_add(b.sessions, s);
    if (!lp_session_check_options(s, &err))
      goto usage_fail;
  }
  b.formats = g_array_new(FALSE, FALSE, sizeof(LpFormat));
  {
    GPtrArray *fl = list_arg(a.formats_arg, m ? m->formats : NULL);
    g_ptr_array_add(fl, NULL);
    gboolean ok = lp_formats_parse((char **)fl->pdata, b.formats, &err);
    g_ptr_array_unref(fl);
    if (!ok)
      goto usage_fail;
  }
  if (b.formats->len == 0) {
    LpFormat pdf = LP_FORMAT_PDF;
    g_array_append_val(b.formats, pdf);
  }
  for (guint i = 0; i < b.writers->len; i++)
    for (guint f = 0; f < b.formats->len; f++)
      if (((LpSession *)g_ptr_array_index(b.sessions, i))->writer == LP_WRITER_HARU &&
          g_array_index(b.formats, LpFormat, f) != LP_FORMAT_PDF) {
        rc = usage("the haru writer writes PDF only: build proofs (png, svg) with the cairo writer");
        goto out;
      }
  b.langs = a.langs_arg ? list_arg(a.langs_arg, NULL) : (m && m->languages ? list_arg(NULL, m->languages) : NULL);
  layout_names = list_arg(a.layouts_arg, m ? m->layouts : NULL);
  if (layout_names->len == 0)
    g_ptr_array_add(layout_names, g_strdup("a4-leaflet"));
  {
    /* ... and the folders of the files named on the command line. */
    GPtrArray *named = g_ptr_array_new();
    for (guint i = 0; i < articles->len; i++)
      g_ptr_array_add(named, g_ptr_array_index(articles, i));
    for (guint i = 0; i < layout_names->len; i++) {
      const char *l = g_ptr_array_index(layout_names, i);
      if (strchr(l, '/') || g_str_has_suffix(l, ".yaml"))
        g_ptr_array_add(named, (gpointer)l);
    }
    if (a.o.clinic)
      g_ptr_array_add(named, a.o.clinic);
    if (a.data)
      g_ptr_array_add(named, a.data);
    g_ptr_array_add(named, NULL);
    gboolean ok = lp_build_options_grant(&a.o, &b.session, (const char *const *)named->pdata, &err);
    g_ptr_array_unref(named);
    if (!ok)
      goto usage_fail;
  }
  b.clinic = b.session.clinic ? g_strdup(b.session.clinic) : lp_project_clinic(b.session.project);
  b.fonts_conf = lp_project_path(b.session.project, "fonts/fonts.conf");
  if (a.data) {
    if (a.max_rows > 0)
      lp_limit_set(LP_LIMIT_CSV_ROWS, (gsize)a.max_rows);
    if (a.max_field > 0)
      lp_limit_set(LP_LIMIT_CSV_FIELD, (gsize)a.max_field);
    if (!(b.csv = lp_csv_open(a.data, 0, 0, &err)) ||
        !lp_plan_check_header(&b, &err))
      goto fail;
  }
  {
    char *in_project = lp_project_path(b.session.project, a.data ? DEFAULT_ROW_PATTERN : DEFAULT_PATTERN);
    char *pattern = a.output ? g_strdup(a.output) : lp_path_shorten(in_project);
    g_free(in_project);
    b.pattern = lp_pattern_parse(pattern, b.csv ? lp_csv_header(b.csv) : NULL, &err);
    g_free(pattern);
    if (!b.pattern)
      goto usage_fail;
  }
  b.groups = g_ptr_array_new_with_free_func(lp_plan_group_free);
  b.layouts = g_ptr_array_new_with_free_func(lp_plan_layout_free);
  for (guint i = 0; i < articles->len; i++)
    if (!lp_plan_load_group(&b, g_ptr_array_index(articles, i), &err))
      goto fail;
  if (!lp_plan_load_layouts(&b, layout_names, &err))
    goto fail;

  b.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  b.keep = a.report || a.depfile || a.merge;
  b.records = g_ptr_array_new_with_free_func(lp_job_record_free);
  b.pending = g_ptr_array_new();
  b.progress = lp_progress_new(a.o.quiet || a.list, 0);
  lp_warn_set_quiet(TRUE); /* warnings come back with each output and are printed here */
  guint workers = a.jobs > 0 ? (guint)a.jobs : MAX(1, g_get_num_processors());
  b.runner = lp_runner_new(a.list ? 1 : workers, a.force, a.keep_going, job_done, &b);
  gboolean planned = TRUE;
  if (b.csv) {
    planned = lp_plan_rows(&b, &err);
  } else {
    for (guint g = 0; planned && g < b.groups->len; g++)
      planned = lp_plan_group(&b, g_ptr_array_index(b.groups, g), &(LpBatchRow){0}, NULL, &err);
    lp_progress_set_total(b.progress, b.planned);
    for (guint i = 0; i < b.pending->len; i++) {
      LpJob *job = g_ptr_array_index(b.pending, i);
      if (planned) {
        lp_runner_submit(b.runner, job);
        continue;
      }
      if (!b.keep)
        lp_job_record_free(job->record);
      lp_job_free(job);
    }
    g_ptr_array_set_size(b.pending, 0);
  }
  lp_progress_set_total(b.progress, b.planned);
  lp_runner_finish(b.runner);
  lp_progress_clear(b.progress);
  if (err) {
    /* What stopped the plan counts as a failed output. */
    fprintf(stderr, "%s\n", err->message);
    b.worst = lp_plan_worse(b.worst, err->domain == LP_ERROR ? err->code : LP_EXIT_IO);
    b.failed++;
    g_clear_error(&err);
  }
  (void)planned;
  if (a.list)
    goto done;
  /* What the build system gets, even after failures: they say what failed. */
  if (a.report && !lp_report_write(a.report, b.records, &err))
    goto fail;
  if (a.depfile && !lp_depfile_write(a.depfile, b.records, &err))
    goto fail;
  /* Under --keep-going the merged file holds what was made; the failures
   * are reported above and in the exit code. */
  if (a.merge && !lp_interrupted() && (b.failed == 0 || a.keep_going) && !merge(&b, &err))
    goto fail;
  if (!a.o.quiet) {
    guint accounted = b.built + b.fresh + b.failed;
    guint skipped = b.planned > accounted ? b.planned - accounted : 0;
    fprintf(stderr, "leafpress batch: %u output%s: %u built, %u up to date, %u failed", b.planned,
            b.planned == 1 ? "" : "s", b.built, b.fresh, b.failed);
    if (skipped)
      fprintf(stderr, ", %u not built", skipped);
    fprintf(stderr, " (%.2f s)\n", (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC);
  }
done:
  rc = lp_interrupted() ? lp_interrupt_exit_code() : b.worst;
  goto out;
usage_fail:
  rc = usage(err->message);
  g_clear_error(&err);
  goto out;
fail:
  rc = lp_interrupted() ? (g_clear_error(&err), lp_interrupt_exit_code()) : lp_report_error(err);
out:
  lp_runner_free(b.runner);
  lp_progress_free(b.progress);
  if (b.records)
    g_ptr_array_unref(b.records);
  if (b.pending)
    g_ptr_array_unref(b.pending);
  if (b.seen)
    g_hash_table_unref(b.seen);
  lp_pattern_free(b.pattern);
  lp_csv_close(b.csv);
  if (b.groups)
    g_ptr_array_unref(b.groups);
  if (b.layouts)
    g_ptr_array_unref(b.layouts);
  if (b.sessions)
    g_ptr_array_unref(b.sessions);
  if (b.writers)
    g_ptr_array_unref(b.writers);
  if (b.formats)
    g_array_free(b.formats, TRUE);
  if (b.langs)
    g_ptr_array_unref(b.langs);
  if (articles)
    g_ptr_array_unref(articles);
  if (layout_names)
    g_ptr_array_unref(layout_names);
  g_free(b.clinic);
  g_free(b.fonts_conf);
  lp_session_clear(&b.session);
  lp_manifest_free(m);
  lp_build_options_clear(&a.o);
  g_strfreev(a.layouts_arg);
  g_strfreev(a.formats_arg);
  g_strfreev(a.langs_arg);
  g_free(a.output);
  g_free(a.data);
  g_free(a.merge);
  g_free(a.depfile);
  g_free(a.report);
  g_free(a.shard);
  g_free(a.manifest);
  g_option_context_free(ctx);
  g_strfreev(args_owned);
  g_free(args);
  return rc;
}
