/* leafpress init DIR — a new clinic's project (engine/scaffold.h): the
 * options or, on a terminal, two questions fill the clinic profile; the files
 * are written whole; an existing file is never overwritten. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "engine/files.h"
#include "engine/scaffold.h"

typedef struct {
  char *name, *phone, *color, *logo;
  gboolean force, quiet;
} Args;

/* One answer from the terminal; NULL when it is left empty. */
static char *ask(const char *question) {
  fprintf(stderr, "%s: ", question);
  fflush(stderr);
  char line[1024];
  if (!fgets(line, sizeof line, stdin))
    return NULL;
  char *answer = g_strstrip(g_strdup(line));
  if (!*answer)
    g_clear_pointer(&answer, g_free);
  return answer;
}

/* A folder that does not exist, or exists and is empty; anything else only
 * with --force. */
static int check_dir(const char *dir, gboolean force) {
  if (!g_file_test(dir, G_FILE_TEST_EXISTS))
    return LP_EXIT_OK;
  if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
    return lp_usage_error("init", "%s exists and is not a folder", dir);
  GDir *d = g_dir_open(dir, 0, NULL);
  gboolean empty = !d || !g_dir_read_name(d);
  if (d)
    g_dir_close(d);
  if (!empty && !force)
    return lp_usage_error("init", "%s is not empty: init makes a project in a new or empty folder (--force writes into it, "
                       "keeping every file that is there)",
                       dir);
  return LP_EXIT_OK;
}

int lp_cmd_init(int argc, char **argv) {
  Args a = {0};
  /* Values as bytes (FILENAME), checked as UTF-8 later: a clinic's name in
   * the C locale is UTF-8 too. */
  GOptionEntry entries[] = {
      {"name", 0, 0, G_OPTION_ARG_FILENAME, &a.name, "The clinic's name, printed on every leaflet and card", "NAME"},
      {"phone", 0, 0, G_OPTION_ARG_FILENAME, &a.phone, "The phone number patients call", "PHONE"},
      {"color", 0, 0, G_OPTION_ARG_FILENAME, &a.color, "The brand colour: #rrggbb or cmyk(c, m, y, k)", "COLOR"},
      {"logo", 0, 0, G_OPTION_ARG_FILENAME, &a.logo, "A PNG, JPEG or SVG logo, copied into the project (the leaflet's and the card's band)", "FILE"},
      {"force", 0, 0, G_OPTION_ARG_NONE, &a.force, "Write into a folder that is not empty (existing files are kept)",
       NULL},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &a.quiet, "Print errors only", NULL},
      G_OPTION_ENTRY_NULL};
  GOptionContext *octx = g_option_context_new("DIR - make a clinic's project: profile, layouts, an example article");
  g_option_context_add_main_entries(octx, entries, NULL);
  g_option_context_set_description(
      octx, "Without --name, on a terminal, init asks for the name and the phone number;\n"
            "otherwise the profile is left for you to fill in (builds stop until it names the clinic).\n"
            "Exit codes: 0 ok, 1 bad input (the logo), 2 bad usage, 3 I/O error or not installed.\n"
            "Example: leafpress init my-clinic --name \"Riverside Skin Clinic\" --phone \"+44 20 7946 0000\"\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *ctx = lp_ctx_new();
  GPtrArray *files = NULL;
  if (!g_option_context_parse(octx, &argc, &argv, &err)) {
    rc = lp_usage_error("init", "%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (argc != 2) {
    rc = lp_usage_error("init", argc < 2 ? "expected the project's folder, e.g. leafpress init my-clinic%s"
                              : "expected one folder, found more: %s",
                     argc < 2 ? "" : argv[2]);
    goto out;
  }
  const char *dir = argv[1];
  if ((rc = check_dir(dir, a.force)) != LP_EXIT_OK)
    goto out;
  if (!a.name && isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
    a.name = ask("The clinic's name, printed on every leaflet and card");
    if (!a.phone)
      a.phone = ask("The phone number patients call (Enter: none)");
  }
  LpScaffoldClinic clinic = {.name = a.name, .phone = a.phone, .color = a.color, .logo = a.logo};
  if (!(files = lp_scaffold_files(ctx, &clinic, &err))) {
    if (lp_error_code(err) == LP_EXIT_USAGE) {
      rc = lp_usage_error("init", "%s", err->message);
      g_clear_error(&err);
    } else {
      rc = lp_report_error(err);
    }
    goto out;
  }
  if (!a.quiet)
    printf("leafpress init: a project in %s\n", dir);
  for (guint i = 0; i < files->len; i++) {
    const LpScaffoldFile *f = g_ptr_array_index(files, i);
    char *path = g_build_filename(dir, f->path, NULL);
    if (g_file_test(path, G_FILE_TEST_EXISTS)) {
      /* --force: what is there is the clinic's; init never overwrites it. */
      if (!a.quiet)
        fprintf(stderr, "%s: warning: kept as it is (it exists); init writes only the files that are missing\n",
                path);
    } else if (!lp_files_write_one(ctx, path, f->bytes, &err)) {
      g_free(path);
      rc = lp_report_error(err);
      goto out;
    } else if (!a.quiet) {
      printf("  %-28s %s\n", f->path, f->what);
    }
    g_free(path);
  }
  if (!a.quiet) {
    if (!a.name)
      fprintf(stderr, "%s/text/clinic.yaml: warning: the clinic's name is not filled in (--name): builds stop "
                      "with an error until it is\n",
              dir);
    printf("Next: cd %s && leafpress batch     (the leaflets and the card of the example, in out/)\n", dir);
  }
out:
  if (files)
    g_ptr_array_unref(files);
  lp_ctx_free(ctx);
  g_free(a.name);
  g_free(a.phone);
  g_free(a.color);
  g_free(a.logo);
  g_option_context_free(octx);
  return rc;
}
