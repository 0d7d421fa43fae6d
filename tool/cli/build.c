/* leafpress build ARTICLE [--layout NAME|FILE] [-o OUT|-] [--format F]… */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "cli/report.h"
#include "read/article.h"
#include "read/layoutfile.h"
#include "read/source.h"

int lp_report_error(GError *err) {
  int code = err->domain == LP_ERROR ? err->code : LP_EXIT_IO;
  fprintf(stderr, "%s\n", err->message);
  g_error_free(err);
  return code;
}

static int usage_error(const char *fmt, const char *arg) {
  fputs("leafpress build: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'leafpress build --help'.\n", stderr);
  return LP_EXIT_USAGE;
}

static void add_copies(GPtrArray *to, const GPtrArray *from) {
  for (guint i = 0; from && i < from->len; i++)
    g_ptr_array_add(to, g_strdup(g_ptr_array_index((GPtrArray *)from, i)));
}

/* A make/ninja rule for what was built: its files depend on its inputs and
 * on the font files its pages use. */
static gboolean write_depfile(const char *path, LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec,
                              const LpVars *vars, LpBuildResult *result, GError **err) {
  LpJobRecord *rec = lp_job_record_new();
  rec->status = "built";
  add_copies(rec->outputs, result->files);
  g_ptr_array_extend_and_steal(rec->inputs, lp_session_inputs(s, doc, spec, vars));
  add_copies(rec->fonts, result->fonts);
  GPtrArray *records = g_ptr_array_new_with_free_func(lp_job_record_free);
  g_ptr_array_add(records, rec);
  gboolean ok = lp_depfile_write(path, records, err);
  g_ptr_array_unref(records);
  return ok;
}

static gboolean build(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars,
                      GArray *formats, const char *output, const char *depfile, GError **err) {
  GPtrArray *outs = NULL;
  if (output) {
    outs = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < formats->len; i++)
      g_ptr_array_add(outs, lp_session_format_path(output, g_array_index(formats, LpFormat, i), formats->len));
  }
  LpBuildResult result = {0};
  gboolean ok = lp_session_build(s, doc, spec, vars, (LpFormat *)formats->data, formats->len,
                                 outs ? (const char *const *)outs->pdata : NULL, depfile ? &result : NULL, err);
  if (ok && depfile)
    ok = write_depfile(depfile, s, doc, spec, vars, &result, err);
  lp_build_result_clear(&result);
  if (outs)
    g_ptr_array_unref(outs);
  return ok;
}

int lp_cmd_build(int argc, char **argv) {
  char *layout = NULL, *output = NULL, *depfile = NULL;
  char **formats_arg = NULL;
  LpBuildOptions o = {0};
  GOptionEntry entries[] = {
      {"layout", 'l', 0, G_OPTION_ARG_STRING, &layout, "Layout name in layouts/, or a layout file (default a4-leaflet)",
       "NAME|FILE"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Output file, or - for standard output (default out/ARTICLE/LANG/LAYOUT.FORMAT)", "OUT"},
      {"format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &formats_arg,
       "pdf, png or svg; repeat or separate with commas for several (default pdf)", "FORMAT"},
      {"depfile", 0, 0, G_OPTION_ARG_FILENAME, &depfile,
       "Also write a make/ninja rule: the files made depend on the inputs and fonts used", "FILE"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("ARTICLE - lay out one article as a PDF, PNG or SVG");
  g_option_context_add_main_entries(ctx, entries, NULL);
  lp_build_options_add(ctx, &o, FALSE);
  g_option_context_set_description(
      ctx, "Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 I/O or internal error.\n"
           "Example: leafpress build text/botox-headache/en.md --layout a4-leaflet -o leaflet.pdf\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpSession s = {0};
  LpDoc *doc = NULL;
  LpLayoutSpec *spec = NULL;
  LpVars *vars = NULL;
  char *layout_path = NULL;
  GArray *formats = g_array_new(FALSE, FALSE, sizeof(LpFormat));

  lp_interrupt_install();
  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    rc = usage_error("%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (argc != 2) {
    rc = usage_error(argc < 2 ? "expected an article file, e.g. text/botox-headache/en.md%s"
                              : "expected one article file, found more: %s",
                     argc < 2 ? "" : argv[2]);
    goto out;
  }
  if (!lp_formats_parse(formats_arg, formats, &err)) {
    rc = usage_error("%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (formats->len == 0) {
    LpFormat fmt = LP_FORMAT_PDF;
    if (output && g_str_has_suffix(output, ".png"))
      fmt = LP_FORMAT_PNG;
    else if (output && g_str_has_suffix(output, ".svg"))
      fmt = LP_FORMAT_SVG;
    g_array_append_val(formats, fmt);
  }
  if (output && strcmp(output, "-") == 0 && formats->len > 1) {
    rc = usage_error("-o - takes a single format, found %s", "several");
    goto out;
  }
  if (depfile && output && strcmp(output, "-") == 0) {
    rc = usage_error("--depfile %s: a rule needs a file to make, not standard output (give -o FILE)", depfile);
    goto out;
  }
  const char *article = argv[1];
  if (o.writer && strchr(o.writer, ',')) {
    rc = usage_error("--writer %s: build takes one writer (batch takes several)", o.writer);
    goto out;
  }
  if (!lp_build_options_session(&o, &s, &err)) {
    rc = usage_error("%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (!(s.project = lp_project_open(o.project, article, &err)))
    goto fail;
  if (!(layout_path = lp_project_layout(s.project, layout ? layout : "a4-leaflet", &err)))
    goto fail;
  {
    const char *named[] = {article, layout_path, o.clinic, NULL};
    if (!lp_build_options_grant(&o, &s, named, &err)) {
      rc = usage_error("%s", err->message);
      g_clear_error(&err);
      goto out;
    }
  }
  if (output && (lp_same_file(output, article) || lp_same_file(output, layout_path) || lp_same_file(output, o.clinic))) {
    rc = usage_error("-o %s would overwrite an input file", output);
    goto out;
  }
  if (depfile && (lp_same_file(depfile, article) || lp_same_file(depfile, layout_path) ||
                  lp_same_file(depfile, o.clinic) || (output && lp_same_file(depfile, output)))) {
    rc = usage_error("--depfile %s would overwrite an input or the output", depfile);
    goto out;
  }
  if (!(doc = lp_article_read(article, &err)) || (o.release && !lp_release_ready(doc, &err)) ||
      !(spec = lp_layoutfile_read(layout_path, &err)) ||
      !(vars = lp_session_vars(&s, doc, &err)) || !lp_session_apply(&s, vars, spec, &err) ||
      !build(&s, doc, spec, vars, formats, output, depfile, &err))
    goto fail;
  goto out;
fail:
  rc = lp_interrupted() ? (g_clear_error(&err), lp_interrupt_exit_code()) : lp_report_error(err);
out:
  g_array_free(formats, TRUE);
  lp_vars_free(vars);
  lp_layout_spec_free(spec);
  lp_doc_free(doc);
  g_free(layout_path);
  lp_session_clear(&s);
  g_free(layout);
  g_free(output);
  g_free(depfile);
  lp_build_options_clear(&o);
  g_strfreev(formats_arg);
  g_option_context_free(ctx);
  return rc;
}
