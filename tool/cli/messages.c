/* How every subcommand tells the user what went wrong: an input error at its
 * position, diagnostics one a line, a usage error with the way to --help. */
#include <stdarg.h>
#include <stdio.h>

#include "cli/commands.h"
#include "doc/diag.h"

int lp_report_error(GError *err) {
  int code = lp_error_code(err);
  char *text = lp_error_format(err);
  fprintf(stderr, "%s\n", text);
  g_free(text);
  g_error_free(err);
  return code;
}

void lp_print_diags(const GPtrArray *diags) {
  for (guint i = 0; diags && i < diags->len; i++) {
    char *text = lp_diag_format(g_ptr_array_index((GPtrArray *)diags, i));
    fprintf(stderr, "%s\n", text);
    g_free(text);
  }
}

int lp_usage_error(const char *cmd, const char *fmt, ...) {
  fprintf(stderr, "leafpress %s: ", cmd);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'leafpress %s --help'.\n", cmd);
  return LP_EXIT_USAGE;
}

int lp_usage_gerror(const char *cmd, GError *err) {
  char *text = lp_error_format(err);
  int rc = lp_usage_error(cmd, "%s", text);
  g_free(text);
  g_error_free(err);
  return rc;
}
