/* The subcommands of the command line. Each returns the process exit code. */
#pragma once
#include <glib.h>

int lp_cmd_build(int argc, char **argv);
int lp_cmd_batch(int argc, char **argv);
int lp_cmd_check(int argc, char **argv);
int lp_cmd_stamp(int argc, char **argv);

/* Prints a GError in the LP_ERROR domain (or any other) and returns its exit code. */
int lp_report_error(GError *err);
