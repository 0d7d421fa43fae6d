/* The options every command that builds shares (build, batch): values,
 * clinic, project, writer and print settings, limits. Parsed by GOption into
 * this struct, then checked and turned into a session. */
#pragma once
#include "cli/pipeline.h"

typedef struct {
  char *clinic, *project, *writer, *owner_password, *allow;
  char **sets, **limits, **allow_paths;
  double dpi;
  gint64 max_input;
  gboolean quiet, release, cmyk, bleed, crop_marks, pdfa;
} LpBuildOptions;

/* Adds the shared options to the command's main group. `writers` says whether
 * --writer takes a list (batch) or one name (build). */
void lp_build_options_add(GOptionContext *ctx, LpBuildOptions *o, gboolean writers);

/* Checks the options (usage errors, LP_EXIT_USAGE) and fills the session's
 * settings; the writer is set only when --writer names one writer. */
gboolean lp_build_options_session(const LpBuildOptions *o, LpSession *s, GError **err);

void lp_build_options_clear(LpBuildOptions *o);

/* Grants the folders files may be read from (read/paths.h): the project's
 * root, the folder of each of `files` (NULL-terminated; a folder itself is
 * granted whole), and --allow-path's. */
gboolean lp_build_options_grant(const LpBuildOptions *o, const LpSession *s, const char *const *files, GError **err);

/* --release: the document is reviewed, and a translation still says what its
 * source says. */
gboolean lp_release_ready(const LpDoc *doc, GError **err);

/* Whether two paths name the same file (an output must not overwrite an input). */
gboolean lp_same_file(const char *a, const char *b);

/* --format arguments ("pdf,png", repeated) into `formats` (LpFormat), each once. */
gboolean lp_formats_parse(char **args, GArray *formats, GError **err);
