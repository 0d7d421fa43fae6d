/* leafpress batch [ARTICLE|DIR]… — many outputs in one process.
 *
 * The command: its options under the manifest's, turned into a batch spec
 * (batch/batch.h) run on the engine; it prints what the batch tells (messages
 * between progress redraws) and the summary. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "batch/batch.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "read/csv.h"
#include "read/manifest.h"

#define DEFAULT_PATTERN_HELP "out/{article}/{lang}/{layout}.{format}"

typedef struct {
  LpBuildOptions o;
  char **layouts_arg, **formats_arg, **langs_arg, **columns_arg;
  char *output, *data, *merge, *depfile, *report, *shard, *manifest, *separator, *date_format;
  const LpPos *sheet_pos, *duplex_pos; /* where the manifest gave --sheet and --duplex, or NULL */
  gint jobs;
  gint64 max_rows, max_field;
  gboolean keep_going, force, list;
} Args;

/* What the spec points at, owned here. */
typedef struct {
  GPtrArray *articles, *layouts, *langs; /* char*, NULL-terminated */
  GPtrArray *writers;                    /* const LpWriterClass*, NULL-terminated */
  GArray *formats;                       /* LpFormat */
  GArray *columns;                       /* LpColumnRule */
} Lists;

static void lists_clear(Lists *l) {
  GPtrArray *arrays[] = {l->articles, l->layouts, l->langs, l->writers};
  for (gsize i = 0; i < G_N_ELEMENTS(arrays); i++)
    if (arrays[i])
      g_ptr_array_unref(arrays[i]);
  if (l->formats)
    g_array_free(l->formats, TRUE);
  for (guint i = 0; l->columns && i < l->columns->len; i++)
    lp_column_rule_clear(&g_array_index(l->columns, LpColumnRule, i));
  if (l->columns)
    g_array_free(l->columns, TRUE);
}

static void args_clear(Args *a) {
  lp_build_options_clear(&a->o);
  g_strfreev(a->layouts_arg);
  g_strfreev(a->formats_arg);
  g_strfreev(a->langs_arg);
  g_strfreev(a->columns_arg);
  g_free(a->separator);
  g_free(a->date_format);
  g_free(a->output);
  g_free(a->data);
  g_free(a->merge);
  g_free(a->depfile);
  g_free(a->report);
  g_free(a->shard);
  g_free(a->manifest);
}

/* ---- what the batch tells ---- */

typedef struct {
  LpProgress *progress;
  gboolean quiet;
} Screen;

static void on_message(const LpDiag *d, gpointer data) {
  Screen *s = data;
  if (s->quiet && d->severity == LP_SEVERITY_WARNING)
    return;
  lp_progress_clear(s->progress);
  char *text = lp_diag_format(d);
  fprintf(stderr, "%s\n", text);
  g_free(text);
}

static void on_progress(guint done, guint failed, guint planned, const char *last, gpointer data) {
  Screen *s = data;
  if (planned)
    lp_progress_set_total(s->progress, planned);
  lp_progress_update(s->progress, done, failed, last);
}

static void on_listed(const char *path, gpointer data) { printf("%s\n", path); }

/* ---- the command line ---- */

static gboolean parse_shard(const char *arg, guint *k_out, guint *n_out, GError **err) {
  guint64 k, n;
  char **parts = g_strsplit(arg, "/", 2);
  gboolean ok = g_strv_length(parts) == 2 && g_ascii_string_to_unsigned(parts[1], 10, 1, 10000, &n, NULL) &&
                g_ascii_string_to_unsigned(parts[0], 10, 1, n, &k, NULL);
  g_strfreev(parts);
  if (!ok) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--shard %s: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/4", arg);
    return FALSE;
  }
  *k_out = (guint)k;
  *n_out = (guint)n;
  return TRUE;
}

/* Comma lists and repeats into one NULL-terminated list; `fallback` when
 * none is given. */
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
  g_ptr_array_add(out, NULL);
  return out;
}

static guint list_len(const GPtrArray *l) { return l->len - 1; }

/* The manifest's settings under the command line's. */
static void apply_manifest(Args *a, const LpManifest *m) {
  if (!a->o.writer && m->writer)
    a->o.writer = g_strdup(m->writer);
  if (!a->o.sheet && m->sheet) {
    a->o.sheet = g_strdup(m->sheet);
    a->sheet_pos = &m->sheet_pos;
  }
  if (!a->o.duplex && m->duplex) {
    a->o.duplex = g_strdup(m->duplex);
    a->duplex_pos = &m->duplex_pos;
  }
  if (!a->output && m->output)
    a->output = g_strdup(m->output);
  if (!a->o.clinic && m->clinic)
    a->o.clinic = g_strdup(m->clinic);
  if (!a->data && m->data)
    a->data = g_strdup(m->data);
  if (!a->separator && m->separator)
    a->separator = g_strdup(lp_csv_separator_name(m->separator));
  if (!a->date_format && m->date_form != LP_DATE_FORM_ANY)
    a->date_format = g_strdup(lp_date_form_name(m->date_form));
  if (a->jobs < 0 && m->jobs)
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

static GOptionContext *option_context(Args *a) {
  GOptionEntry entries[] = {
      {"layout", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &a->layouts_arg,
       "Layouts: names, leafpress:NAME (installed) or files; repeat or separate with commas (default: the "
       "manifest's, else a4-leaflet)",
       "LIST"},
      {"lang", 'L', 0, G_OPTION_ARG_STRING_ARRAY, &a->langs_arg, "Only these languages of each article folder",
       "LIST"},
      {"format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &a->formats_arg, "pdf, png, svg; several with commas (default pdf)",
       "LIST"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a->output,
       "Output path pattern (default " DEFAULT_PATTERN_HELP " in the project; with --data, {layout}-{row})",
       "PATTERN"},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &a->jobs, "Outputs built at once (default: the number of cores)", "N"},
      {"keep-going", 'k', 0, G_OPTION_ARG_NONE, &a->keep_going, "Build what can be built; report the rest", NULL},
      {"force", 0, 0, G_OPTION_ARG_NONE, &a->force, "Build outputs that are up to date too", NULL},
      {"shard", 0, 0, G_OPTION_ARG_STRING, &a->shard, "Build every N-th output, starting from the K-th", "K/N"},
      {"data", 'd', 0, G_OPTION_ARG_FILENAME, &a->data, "A CSV file (, ; or tab; UTF-8 or Windows-1252): one output per row, its columns as values",
       "CSV"},
      {"merge", 0, 0, G_OPTION_ARG_FILENAME, &a->merge, "Also one PDF of all the PDFs made, in order", "FILE"},
      {"depfile", 0, 0, G_OPTION_ARG_FILENAME, &a->depfile, "Write make/ninja dependency rules", "FILE"},
      {"report", 0, 0, G_OPTION_ARG_FILENAME, &a->report, "Write a JSON report of every output, also when some fail (written as they finish)", "FILE"},
      {"manifest", 'm', 0, G_OPTION_ARG_FILENAME, &a->manifest,
       "The manifest (default leafpress.yaml in the project)", "FILE"},
      {"list", 0, 0, G_OPTION_ARG_NONE, &a->list, "Print the output paths the batch would make, build nothing", NULL},
      {"max-csv-rows", 0, 0, G_OPTION_ARG_INT64, &a->max_rows,
       "Most rows a data file may have (default 100000; --limit csv-rows=N)", "N"},
      {"max-field-size", 0, 0, G_OPTION_ARG_INT64, &a->max_field,
       "Largest data field, in bytes (default 4096; --limit csv-field-size=N)", "BYTES"},
      {"separator", 0, 0, G_OPTION_ARG_STRING, &a->separator,
       "What separates the data file's columns: , ; or tab (default: the one its header line uses most)", "SEP"},
      {"column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->columns_arg,
       "A data column fills this placeholder, e.g. --column Name=patient.name; COLUMN= leaves it out; repeat for more",
       "COLUMN=PLACEHOLDER"},
      {"date-format", 0, 0, G_OPTION_ARG_STRING, &a->date_format,
       "How the data file writes dates: DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD (default: any of them, "
       "slashes in the order of the output's language)",
       "FORM"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("[ARTICLE|FOLDER]... - build many outputs in one process");
  g_option_context_add_main_entries(ctx, entries, NULL);
  lp_build_options_add(ctx, &a->o, TRUE);
  a->o.dpi = NAN; /* unset: the manifest's or 96 */
  a->jobs = -1;   /* unset: the manifest's or the number of cores */
  g_option_context_set_description(
      ctx, "Without articles, builds what leafpress.yaml in the project says (docs/batch.md).\n"
           "Exit codes: 0 every output built or up to date; 1 an input is wrong; 2 bad usage;\n"
           "3 I/O or internal error (the worst failure wins); 130/143 interrupted.\n"
           "Mail merge (--data, docs/csv.md): the separator (, ; tab) is found on the header line; the file is\n"
           "UTF-8 or Windows-1252 (said in a warning); dates may be 2026-11-30, 30.11.2026, 30/11/2026 or\n"
           "11/30/2026 (a date that could be either is refused: say --date-format); every column must fill a\n"
           "placeholder something prints (--column to map or leave out one); a row that is wrong fails alone,\n"
           "at its file:line:col, and with -k the rest are built. The report and the summary are always written.\n"
           "Examples:\n"
           "  leafpress batch text/botox-headache -l a4-leaflet,a5-card -f pdf,png\n"
           "  leafpress batch text/botox-headache -l a5-card --data patients.csv --merge today.pdf\n"
           "  leafpress batch text/botox-headache -l a5-card --data export.csv -k --column Name=patient.name \\\n"
           "      --column Termin=treatment_date --column Notiz= --date-format DD.MM.YYYY --report today.json\n");
  return ctx;
}

/* The lists of the spec: command line over manifest over defaults. */
static gboolean make_lists(const Args *a, const LpManifest *m, char **argv, int argc, Lists *l, GError **err) {
  GPtrArray *given = g_ptr_array_new_with_free_func(g_free);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(given, g_strdup(argv[i]));
  l->articles = list_arg(NULL, given->len ? given : (m ? m->articles : NULL));
  g_ptr_array_unref(given);
  l->layouts = list_arg(a->layouts_arg, m ? m->layouts : NULL);
  if (list_len(l->layouts) == 0)
    g_ptr_array_insert(l->layouts, 0, g_strdup("a4-leaflet"));
  if (a->langs_arg || (m && m->languages))
    l->langs = list_arg(a->langs_arg, m ? m->languages : NULL);
  char *wl[] = {a->o.writer ? a->o.writer : (char *)lp_writer_default()->name, NULL};
  GPtrArray *names = list_arg(wl, NULL);
  l->writers = g_ptr_array_new();
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < list_len(names); i++) {
    const LpWriterClass *w = lp_writer_parse_arg(g_ptr_array_index(names, i), err);
    ok = w != NULL;
    g_ptr_array_add(l->writers, (gpointer)w);
  }
  g_ptr_array_add(l->writers, NULL);
  g_ptr_array_unref(names);
  l->formats = g_array_new(FALSE, FALSE, sizeof(LpFormat));
  GPtrArray *fl = list_arg(a->formats_arg, m ? m->formats : NULL);
  ok = ok && lp_formats_parse((char **)fl->pdata, l->formats, err);
  g_ptr_array_unref(fl);
  if (ok && l->formats->len == 0) {
    LpFormat pdf = LP_FORMAT_PDF;
    g_array_append_val(l->formats, pdf);
  }
  return ok;
}

/* The column map: the manifest's rules, then the command line's, which
 * replace the manifest's for the same column. */
static gboolean make_columns(const Args *a, const LpManifest *m, Lists *l, GError **err) {
  l->columns = g_array_new(FALSE, TRUE, sizeof(LpColumnRule));
  GArray *cli = g_array_new(FALSE, TRUE, sizeof(LpColumnRule));
  gboolean ok = TRUE;
  for (char **p = a->columns_arg; ok && p && *p; p++) {
    LpColumnRule r = {0};
    if ((ok = lp_column_rule_parse(*p, NULL, &r, err)))
      g_array_append_val(cli, r);
  }
  for (guint i = 0; ok && m && m->columns && i < m->columns->len; i++) {
    LpColumnRule r = {0};
    LpPos *pos = &g_array_index(m->column_places, LpPos, i);
    if (!(ok = lp_column_rule_parse(g_ptr_array_index(m->columns, i), pos, &r, err)))
      break;
    gboolean replaced = FALSE;
    for (guint k = 0; k < cli->len && !replaced; k++)
      replaced = strcmp(g_array_index(cli, LpColumnRule, k).column, r.column) == 0;
    if (replaced)
      lp_column_rule_clear(&r);
    else
      g_array_append_val(l->columns, r);
  }
  g_array_append_vals(l->columns, cli->data, cli->len); /* cleared with l->columns */
  g_array_free(cli, TRUE);
  return ok;
}

/* What files may be read from: the project, --allow-path, and the folders of
 * the files the command line and the manifest name (read/paths.h). */
static gboolean grant(const Args *a, LpCtx *ctx, const LpProject *project, const Lists *l, GError **err) {
  GPtrArray *named = g_ptr_array_new();
  for (guint i = 0; i < list_len(l->articles); i++)
    g_ptr_array_add(named, g_ptr_array_index(l->articles, i));
  for (guint i = 0; i < list_len(l->layouts); i++) {
    const char *name = g_ptr_array_index(l->layouts, i);
    if (strchr(name, '/') || g_str_has_suffix(name, ".yaml"))
      g_ptr_array_add(named, (gpointer)name);
  }
  if (a->o.clinic)
    g_ptr_array_add(named, a->o.clinic);
  if (a->data)
    g_ptr_array_add(named, a->data);
  g_ptr_array_add(named, NULL);
  gboolean ok = lp_build_options_grant(&a->o, ctx, project, (const char *const *)named->pdata, err);
  g_ptr_array_unref(named);
  return ok;
}

static void print_summary(const LpBatchSummary *s, gint64 t0) {
  guint accounted = s->built + s->fresh + s->failed;
  guint skipped = s->planned > accounted ? s->planned - accounted : 0;
  fprintf(stderr, "leafpress batch: %u output%s: %u built, %u up to date, %u failed", s->planned,
          s->planned == 1 ? "" : "s", s->built, s->fresh, s->failed);
  if (skipped)
    fprintf(stderr, ", %u not built", skipped);
  fprintf(stderr, " (%.2f s)\n", (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC);
}

int lp_cmd_batch(int argc, char **argv) {
  Args a = {0};
  Lists l = {0};
  GOptionContext *octx = option_context(&a);
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *ctx = lp_ctx_new();
  LpProject *project = NULL;
  LpEngine *engine = NULL;
  LpManifest *m = NULL;
  LpPrint print = {0};
  LpBatchSpec spec = {0};
  Screen screen = {0};
  gint64 t0 = g_get_monotonic_time();

  lp_interrupt_install();
  lp_ctx_set_cancel(ctx, lp_interrupt_flag());
  char **args = lp_split_jobs_arg(argc, argv, &argc);
  char **args_owned = g_memdup2(args, sizeof(char *) * (gsize)(argc + 1)); /* parsing reorders args */
  argv = args;
  if (!g_option_context_parse(octx, &argc, &argv, &err))
    goto usage_fail;
  if (a.jobs == 0 || a.jobs < -1 || a.jobs > 256) {
    rc = lp_usage_error("batch", "--jobs: expected a number from 1 to 256");
    goto out;
  }
  if (a.shard && !parse_shard(a.shard, &spec.shard_k, &spec.shard_n, &err))
    goto usage_fail;
  /* The project: from --project, the first article, or the working folder. */
  if (!(project = lp_project_open(a.o.project, argc > 1 ? argv[1] : NULL, &err)))
    goto fail;
  {
    /* The folder of a manifest given by name may be read from. */
    const char *named[] = {a.manifest, NULL};
    if (!lp_build_options_grant(&a.o, ctx, project, named, &err))
      goto usage_fail;
  }
  char *manifest = a.manifest ? g_strdup(a.manifest) : lp_project_path(project, "leafpress.yaml");
  if (a.manifest || (argc < 2 && g_file_test(manifest, G_FILE_TEST_EXISTS))) {
    if (!(m = lp_manifest_read(ctx, manifest, &err))) {
      g_free(manifest);
      goto fail;
    }
    apply_manifest(&a, m);
  }
  g_free(manifest);
  if (isnan(a.o.dpi))
    a.o.dpi = 96;
  if (!make_lists(&a, m, argv, argc, &l, &err))
    goto usage_fail;
  if (list_len(l.articles) == 0) {
    rc = lp_usage_error("batch", "nothing to build: give article folders or files, or list them in leafpress.yaml");
    goto out;
  }
  if (!lp_build_options_apply(&a.o, ctx, &print, &err)) {
    /* A sheet or duplex mode from the manifest is the manifest's line. */
    if (a.sheet_pos && g_str_has_prefix(err->message, "--sheet"))
      lp_error_set_pos(err, a.sheet_pos);
    else if (a.duplex_pos && g_str_has_prefix(err->message, "--duplex"))
      lp_error_set_pos(err, a.duplex_pos);
    goto usage_fail;
  }
  if (!grant(&a, ctx, project, &l, &err))
    goto usage_fail;
  if (!make_columns(&a, m, &l, &err)) {
    if (lp_error_code(err) == LP_EXIT_USAGE)
      goto usage_fail;
    goto fail;
  }
  char separator = 0;
  if (a.separator && !(separator = lp_csv_separator_parse(a.separator))) {
    rc = lp_usage_error("batch", "--separator: expected , ; or tab");
    goto out;
  }
  LpDateForm date_form = LP_DATE_FORM_ANY;
  if (a.date_format && !lp_date_form_parse(a.date_format, &date_form)) {
    rc = lp_usage_error("batch", "--date-format: expected DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD");
    goto out;
  }
  engine = lp_engine_new(project, ctx);
  project = NULL;
  screen.quiet = a.o.quiet;
  screen.progress = lp_progress_new(a.o.quiet || a.list, 0);
  LpBatchEvents events = {on_message, on_progress, on_listed, &screen};
  spec = (LpBatchSpec){
      .articles = (const char *const *)l.articles->pdata,
      .layouts = (const char *const *)l.layouts->pdata,
      .writers = (const LpWriterClass *const *)l.writers->pdata,
      .formats = (const LpFormat *)l.formats->data,
      .n_formats = l.formats->len,
      .langs = l.langs ? (const char *const *)l.langs->pdata : NULL,
      .output = a.output,
      .data = a.data,
      .separator = separator,
      .columns = (const LpColumnRule *)l.columns->data,
      .n_columns = l.columns->len,
      .date_form = date_form,
      .print = print,
      .clinic = a.o.clinic,
      .sets = (const char *const *)a.o.sets,
      .release = a.o.release,
      .no_verify = a.o.no_verify,
      .keep_going = a.keep_going,
      .force = a.force,
      .list = a.list,
      .jobs = a.jobs > 0 ? (guint)a.jobs : 0,
      .shard_k = spec.shard_k,
      .shard_n = spec.shard_n,
      .max_rows = a.max_rows > 0 ? (gsize)a.max_rows : 0,
      .max_field = a.max_field > 0 ? (gsize)a.max_field : 0,
      .report = a.report,
      .depfile = a.depfile,
      .merge = a.merge,
  };
  LpBatchSummary sum = {0};
  gboolean ok = lp_batch_run(engine, &spec, &events, &sum, &err);
  lp_progress_clear(screen.progress);
  /* The summary whenever outputs were planned, also when the batch could
   * not finish (a report that cannot be written): it says what was done. */
  if (!a.o.quiet && !a.list && sum.started)
    print_summary(&sum, t0);
  if (!ok) {
    if (sum.usage)
      goto usage_fail;
    goto fail;
  }
  rc = lp_interrupted() ? lp_interrupt_exit_code() : sum.worst;
  goto out;
usage_fail:
  rc = lp_usage_gerror("batch", err);
  goto out;
fail:
  rc = lp_interrupted() ? (g_clear_error(&err), lp_interrupt_exit_code()) : lp_report_error(err);
out:
  lp_progress_free(screen.progress);
  lp_engine_free(engine);
  lp_project_free(project);
  lp_manifest_free(m);
  lists_clear(&l);
  lp_ctx_free(ctx);
  args_clear(&a);
  g_option_context_free(octx);
  g_strfreev(args_owned);
  g_free(args);
  return rc;
}
