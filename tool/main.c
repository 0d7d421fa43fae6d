/* leafpress: patient-information leaflets and aftercare cards as print-ready PDFs.
 * The command line: picks the subcommand; each lives in cli/. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "doc/diag.h"

static void usage(FILE *to) {
  fputs("Usage: leafpress COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  build ARTICLE   lay out one article (a PDF, PNG or SVG)\n"
        "  batch [DIR...]  many outputs in one process: folders x languages x layouts,\n"
        "                  or one card per row of a CSV file\n"
        "  check DIR...    check article folders: translations, glyphs, cards\n"
        "  translate SOURCE LANG  start a translation: the source's text marked to replace\n"
        "  stamp FILE...   record that a translation matches its source now\n"
        "  init DIR        make a clinic's project: profile, layouts, an example article\n"
        "  serve           the front desk: a local web page that prints a patient's card\n"
        "\n"
        "Run 'leafpress COMMAND --help' for a command's options.\n"
        "Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 I/O or internal error.\n",
        to);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return LP_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("leafpress %s\n", LP_VERSION);
    return LP_EXIT_OK;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    usage(stdout);
    return LP_EXIT_OK;
  }
  /* "Usage: leafpress build …" in each command's --help. */
  char *prgname = g_strconcat("leafpress ", cmd, NULL);
  g_set_prgname(prgname);
  g_free(prgname);
  if (strcmp(cmd, "build") == 0)
    return lp_cmd_build(argc - 1, argv + 1);
  if (strcmp(cmd, "batch") == 0)
    return lp_cmd_batch(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0)
    return lp_cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "translate") == 0)
    return lp_cmd_translate(argc - 1, argv + 1);
  if (strcmp(cmd, "stamp") == 0)
    return lp_cmd_stamp(argc - 1, argv + 1);
  if (strcmp(cmd, "init") == 0)
    return lp_cmd_init(argc - 1, argv + 1);
  if (strcmp(cmd, "serve") == 0)
    return lp_cmd_serve(argc - 1, argv + 1);
  fprintf(stderr, "leafpress: unknown command '%s'\n", cmd);
  usage(stderr);
  return LP_EXIT_USAGE;
}
