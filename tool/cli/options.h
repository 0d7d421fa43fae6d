/* The options every command that builds shares (build, batch): values,
 * clinic, project, writer and print settings, limits. Parsed by GOption into
 * this struct, then checked into the command's context and print settings. */
#pragma once
#include "doc/ctx.h"
#include "engine/engine.h"
#include "read/paths.h"

typedef struct {
  char *clinic, *project, *writer, *owner_password, *allow, *sheet, *duplex;
  char **sets, **limits, **allow_paths;
  double dpi;
  gint64 max_input;
  gboolean quiet, release, cmyk, bleed, crop_marks, pdfa, no_verify;
} LpBuildOptions;

/* Adds the shared options to the command's main group. `writers` says whether
 * --writer takes a list (batch) or one name (build). */
void lp_build_options_add(GOptionContext *ctx, LpBuildOptions *o, gboolean writers);

/* Checks the options (usage errors, LP_EXIT_USAGE): the limits go into `ctx`,
 * the print settings into `print` (its strings stay the options'); the writer
 * is set only when --writer names one writer. */
gboolean lp_build_options_apply(const LpBuildOptions *o, LpCtx *ctx, LpPrint *print, GError **err);

void lp_build_options_clear(LpBuildOptions *o);

/* Grants the folders files may be read from (read/paths.h): the project's
 * root, the folder of each of `files` (NULL-terminated; a folder itself is
 * granted whole), and --allow-path's. */
gboolean lp_build_options_grant(const LpBuildOptions *o, LpCtx *ctx, const LpProject *project,
                                const char *const *files, GError **err);

/* --format arguments ("pdf,png", repeated) into `formats` (LpFormat), each once. */
gboolean lp_formats_parse(char **args, GArray *formats, GError **err);
/* --writer's name; a usage error naming the writers there are. */
const LpWriterClass *lp_writer_parse_arg(const char *name, GError **err);
/* The arguments with "-j4", as make writes it, split into "-j" "4": GOption
 * would read it as the flags -j and -4. A new vector (g_strfreev it; parsing
 * reorders it, so keep a copy of the pointers to free). */
char **lp_split_jobs_arg(int argc, char **argv, int *out_argc);
