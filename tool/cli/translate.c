/* leafpress translate SOURCE LANG — a translator's start (engine/translate.h):
 * the new translation beside its source, every text to replace marked, and a
 * labels file when the language has none. An existing file is never
 * overwritten. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "engine/files.h"
#include "engine/translate.h"
#include "read/project.h"

int lp_cmd_translate(int argc, char **argv) {
  char *output = NULL, *project_arg = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the translation here (default: LANG.md beside SOURCE)",
       "FILE"},
      {"project", 0, 0, G_OPTION_ARG_FILENAME, &project_arg, "Project folder (default: found from SOURCE)", "DIR"},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print errors only", NULL},
      G_OPTION_ENTRY_NULL};
  GOptionContext *octx = g_option_context_new("SOURCE LANG - start a translation of an article");
  g_option_context_add_main_entries(octx, entries, NULL);
  g_option_context_set_description(
      octx, "Writes LANG.md beside SOURCE: the source's text, each part marked " LP_UNTRANSLATED ",\n"
            "lang: LANG, review: draft and translates: with the source's sections; and\n"
            "layouts/labels/LANG.yaml when the language has no labels. check refuses the\n"
            "files until every mark is replaced.\n"
            "Exit codes: 0 ok, 1 bad input, 2 bad usage (an unknown language, a file that exists), 3 I/O error.\n"
            "Example: leafpress translate text/botox-headache/en.md pl\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *ctx = lp_ctx_new();
  LpProject *project = NULL;
  LpEngine *engine = NULL;
  GPtrArray *files = NULL;
  if (!g_option_context_parse(octx, &argc, &argv, &err)) {
    rc = lp_usage_error("translate", "%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (argc != 3) {
    rc = lp_usage_error("translate", "expected the source article and a language, e.g. leafpress translate "
                     "text/botox-headache/en.md pl");
    goto out;
  }
  const char *source = argv[1], *lang = argv[2];
  if (!(project = lp_project_open(project_arg, source, &err))) {
    rc = lp_report_error(err);
    goto out;
  }
  LpBuildOptions grant = {0};
  const char *named[] = {source, output, NULL};
  if (!lp_build_options_grant(&grant, ctx, project, named, &err)) {
    rc = lp_report_error(err);
    goto out;
  }
  engine = lp_engine_new(project, ctx);
  project = NULL;
  if (!(files = lp_translate_files(engine, ctx, source, lang, output, &err))) {
    rc = lp_error_code(err) == LP_EXIT_USAGE ? lp_usage_error("translate", "%s", err->message) : lp_report_error(err);
    if (rc == LP_EXIT_USAGE) {
      const char *hint = lp_error_hint(err);
      if (hint)
        fprintf(stderr, "  %s\n", hint);
      g_clear_error(&err);
    }
    goto out;
  }
  /* All or nothing: every file is checked before any is written. */
  for (guint i = 0; i < files->len; i++) {
    const LpScaffoldFile *f = g_ptr_array_index(files, i);
    if (g_file_test(f->path, G_FILE_TEST_EXISTS)) {
      char *shown = lp_path_shorten(f->path);
      rc = lp_usage_error("translate", "%s exists: translate never overwrites a file (give another with -o, or remove it)", shown);
      g_free(shown);
      goto out;
    }
  }
  for (guint i = 0; i < files->len; i++) {
    const LpScaffoldFile *f = g_ptr_array_index(files, i);
    if (!lp_files_write_one(ctx, f->path, f->bytes, &err)) {
      rc = lp_report_error(err);
      goto out;
    }
    if (!quiet) {
      char *shown = lp_path_shorten(f->path);
      printf("  %-36s %s\n", shown, f->what);
      g_free(shown);
    }
  }
  if (!quiet) {
    char *shown = lp_path_shorten(((const LpScaffoldFile *)g_ptr_array_index(files, 0))->path);
    printf("Next: replace each " LP_UNTRANSLATED " text, then leafpress check %s\n", shown);
    g_free(shown);
  }
out:
  if (files)
    g_ptr_array_unref(files);
  lp_engine_free(engine);
  lp_project_free(project);
  GPtrArray *diags = lp_ctx_take_diags(ctx);
  lp_print_diags(diags);
  g_ptr_array_unref(diags);
  lp_ctx_free(ctx);
  g_free(output);
  g_free(project_arg);
  g_option_context_free(octx);
  return rc;
}
