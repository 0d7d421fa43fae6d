/* leafpress build ARTICLE [--layout NAME|FILE] [-o OUT|-] [--format F]… */
#include <stdio.h>
#include <string.h>

#include "batch/report.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/options.h"
#include "engine/files.h"

static void add_copies(GPtrArray *to, const GPtrArray *from) {
  for (guint i = 0; from && i < from->len; i++)
    g_ptr_array_add(to, g_strdup(g_ptr_array_index((GPtrArray *)from, i)));
}

/* A make/ninja rule for what was built: its files depend on its inputs and
 * on the font files its pages use. */
static gboolean write_depfile(LpCtx *ctx, const char *path, const LpResult *result, const GPtrArray *written,
                              GError **err) {
  LpJobRecord *rec = lp_job_record_new();
  rec->status = "built";
  add_copies(rec->outputs, written);
  add_copies(rec->inputs, result->inputs);
  add_copies(rec->fonts, result->fonts);
  GPtrArray *records = g_ptr_array_new_with_free_func(lp_job_record_free);
  g_ptr_array_add(records, rec);
  gboolean ok = lp_depfile_write(ctx, path, records, err);
  g_ptr_array_unref(records);
  return ok;
}

/* The command line, parsed. */
typedef struct {
  char *layout, *output, *depfile;
  char **formats_arg;
  LpBuildOptions o;
  GArray *formats; /* LpFormat */
} Args;

static void args_clear(Args *a) {
  g_free(a->layout);
  g_free(a->output);
  g_free(a->depfile);
  g_strfreev(a->formats_arg);
  lp_build_options_clear(&a->o);
  if (a->formats)
    g_array_free(a->formats, TRUE);
}

/* The formats asked for, or the one -o's extension names, or PDF. */
static gboolean pick_formats(Args *a, GError **err) {
  a->formats = g_array_new(FALSE, FALSE, sizeof(LpFormat));
  if (!lp_formats_parse(a->formats_arg, a->formats, err))
    return FALSE;
  if (a->formats->len == 0) {
    LpFormat fmt = LP_FORMAT_PDF;
    if (a->output && g_str_has_suffix(a->output, ".png"))
      fmt = LP_FORMAT_PNG;
    else if (a->output && g_str_has_suffix(a->output, ".svg"))
      fmt = LP_FORMAT_SVG;
    g_array_append_val(a->formats, fmt);
  }
  return TRUE;
}

/* Lays the article out and writes its files. */
static gboolean build(LpEngine *engine, const Args *a, const char *article, const char *layout_path,
                      const LpPrint *print, GError **err) {
  LpCtx *ctx = lp_engine_ctx(engine);
  LpRequest req = {
      .article = article,
      .layout = layout_path,
      .clinic = a->o.clinic,
      .sets = (const char *const *)a->o.sets,
      .formats = (const LpFormat *)a->formats->data,
      .n_formats = a->formats->len,
      .print = *print,
      .release = a->o.release,
      .no_verify = a->o.no_verify,
  };
  LpResult *res = lp_engine_build(engine, &req, err);
  if (!a->o.quiet) {
    GPtrArray *diags = lp_ctx_take_diags(ctx);
    lp_print_diags(diags);
    g_ptr_array_unref(diags);
  }
  if (!res)
    return FALSE;
  GPtrArray *outs = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < a->formats->len; i++) {
    LpFormat f = g_array_index(a->formats, LpFormat, i);
    g_ptr_array_add(outs, a->output ? lp_files_format_path(a->output, f, a->formats->len)
                                    : lp_engine_default_output(engine, res->article_id, res->lang, res->layout, f));
  }
  GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
  gboolean ok = lp_files_write(ctx, res, (const LpFormat *)a->formats->data, a->formats->len,
                               (const char *const *)outs->pdata, written, err);
  if (ok && a->depfile)
    ok = write_depfile(ctx, a->depfile, res, written, err);
  g_ptr_array_unref(written);
  g_ptr_array_unref(outs);
  lp_result_free(res);
  return ok;
}

/* What the command line names must not be overwritten by what it makes. */
static const char *overwrites(const Args *a, const char *article, const char *layout_path) {
  if (a->output && (lp_same_file(a->output, article) || lp_same_file(a->output, layout_path) ||
                    lp_same_file(a->output, a->o.clinic)))
    return "output";
  if (a->depfile && (lp_same_file(a->depfile, article) || lp_same_file(a->depfile, layout_path) ||
                     lp_same_file(a->depfile, a->o.clinic) || (a->output && lp_same_file(a->depfile, a->output))))
    return "depfile";
  return NULL;
}

static GOptionContext *option_context(Args *a) {
  GOptionEntry entries[] = {
      {"layout", 'l', 0, G_OPTION_ARG_STRING, &a->layout,
       "A layout of the project (layouts/NAME.yaml), leafpress:NAME (installed), or a layout file "
       "(default a4-leaflet)",
       "NAME|FILE"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a->output,
       "Output file, or - for standard output (default out/ARTICLE/LANG/LAYOUT.FORMAT)", "OUT"},
      {"format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &a->formats_arg,
       "pdf, png or svg; repeat or separate with commas for several (default pdf)", "FORMAT"},
      {"depfile", 0, 0, G_OPTION_ARG_FILENAME, &a->depfile,
       "Also write a make/ninja rule: the files made depend on the inputs and fonts used", "FILE"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("ARTICLE - lay out one article as a PDF, PNG or SVG");
  g_option_context_add_main_entries(ctx, entries, NULL);
  lp_build_options_add(ctx, &a->o, FALSE);
  g_option_context_set_description(
      ctx, "Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 I/O or internal error, 130/143 interrupted.\n"
           "Example: leafpress build text/botox-headache/en.md --layout a4-leaflet -o leaflet.pdf\n");
  return ctx;
}

int lp_cmd_build(int argc, char **argv) {
  Args a = {0};
  GOptionContext *octx = option_context(&a);
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *ctx = lp_ctx_new();
  LpProject *project = NULL;
  LpEngine *engine = NULL;
  char *layout_path = NULL;
  LpPrint print = {0};
  const char *clash;

  lp_interrupt_install();
  lp_ctx_set_cancel(ctx, lp_interrupt_flag());
  if (!g_option_context_parse(octx, &argc, &argv, &err)) {
    rc = lp_usage_gerror("build", err);
    goto out;
  }
  if (argc != 2) {
    rc = lp_usage_error("build", argc < 2 ? "expected an article file, e.g. text/botox-headache/en.md%s"
                              : "expected one article file, found more: %s",
                     argc < 2 ? "" : argv[2]);
    goto out;
  }
  const char *article = argv[1];
  if (!pick_formats(&a, &err)) {
    rc = lp_usage_gerror("build", err);
    goto out;
  }
  if (a.output && strcmp(a.output, "-") == 0 && a.formats->len > 1) {
    rc = lp_usage_error("build", "-o - takes a single format, found %s", "several");
    goto out;
  }
  if (a.depfile && a.output && strcmp(a.output, "-") == 0) {
    rc = lp_usage_error("build", "--depfile %s: a rule needs a file to make, not standard output (give -o FILE)", a.depfile);
    goto out;
  }
  if (a.o.writer && strchr(a.o.writer, ',')) {
    rc = lp_usage_error("build", "--writer %s: build takes one writer (batch takes several)", a.o.writer);
    goto out;
  }
  if (!lp_build_options_apply(&a.o, ctx, &print, &err) ||
      !lp_print_check(&print, (const LpFormat *)a.formats->data, a.formats->len, &err)) {
    rc = lp_usage_gerror("build", err);
    goto out;
  }
  if (!(project = lp_project_open(a.o.project, article, &err)) ||
      !(layout_path = lp_project_layout(project, a.layout ? a.layout : "a4-leaflet", &err)))
    goto fail;
  {
    const char *named[] = {article, layout_path, a.o.clinic, NULL};
    if (!lp_build_options_grant(&a.o, ctx, project, named, &err)) {
      rc = lp_usage_gerror("build", err);
      goto out;
    }
  }
  if ((clash = overwrites(&a, article, layout_path))) {
    rc = g_str_equal(clash, "output") ? lp_usage_error("build", "-o %s would overwrite an input file", a.output)
                                      : lp_usage_error("build", "--depfile %s would overwrite an input or the output", a.depfile);
    goto out;
  }
  engine = lp_engine_new(project, ctx);
  project = NULL;
  lp_engine_check_clinic(engine, ctx, a.o.clinic, (const char *const *)a.o.sets);
  if (!build(engine, &a, article, layout_path, &print, &err))
    goto fail;
  goto out;
fail:
  rc = lp_interrupted() ? (g_clear_error(&err), lp_interrupt_exit_code()) : lp_report_error(err);
out:
  /* A signal that came while the files were written: they are whole, but the
   * run was interrupted all the same. */
  if (rc == LP_EXIT_OK && lp_interrupted())
    rc = lp_interrupt_exit_code();
  lp_engine_free(engine);
  lp_project_free(project);
  g_free(layout_path);
  lp_ctx_free(ctx);
  args_clear(&a);
  g_option_context_free(octx);
  return rc;
}
