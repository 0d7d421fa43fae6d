/* The subcommands of the command line. Each returns the process exit code. */
#pragma once
#include <glib.h>

int lp_cmd_build(int argc, char **argv);
int lp_cmd_batch(int argc, char **argv);
int lp_cmd_check(int argc, char **argv);
int lp_cmd_stamp(int argc, char **argv);
int lp_cmd_translate(int argc, char **argv);
int lp_cmd_init(int argc, char **argv);
int lp_cmd_serve(int argc, char **argv);

/* Prints an error as "file:line:col: message" on stderr, frees it and returns
 * its exit code. */
int lp_report_error(GError *err);
/* Prints diagnostics (LpDiag*) on stderr, one line each. */
void lp_print_diags(const GPtrArray *diags);
/* A usage error of `leafpress CMD`: the message, then the way to its --help;
 * returns LP_EXIT_USAGE. The GError form frees the error. */
int lp_usage_error(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
int lp_usage_gerror(const char *cmd, GError *err);
