/* Files that inputs name: a clinic's logo, a layout's base, a translation's
 * source, the manifest's articles, layouts, clinic, data and outputs.
 *
 * An input may come from outside the clinic (a translation, a repository a
 * pipeline builds), so what it names must stay where the user meant: the
 * project, the folders of the articles being built, and folders granted with
 * --allow-path. A name is resolved against the folder of the file that names
 * it; absolute names, ".." that climbs out, symbolic links that lead out,
 * devices, folders and missing files are refused with the reason. The
 * folders granted are the context's (doc/ctx.h): the commands grant the
 * project's root, each article's folder and the folders of files named on the
 * command line; --allow-path grants more, and only there may inputs use
 * absolute names. leafpress's installed data (read/datadir.h) may always be
 * read, and never written. */
#pragma once
#include "doc/ctx.h"

typedef enum {
  LP_PATH_FILE,        /* an existing regular file */
  LP_PATH_FILE_OR_DIR, /* an existing file or folder (the manifest's articles) */
  LP_PATH_OUTPUT,      /* a file to write: it may not exist; its folder must be granted */
} LpPathKind;

/* The file `value` named at `pos` in `naming` (`what` it is for: "logo"),
 * resolved against naming's folder and checked as above; the caller owns the
 * result (canonical for inputs). */
char *lp_paths_resolve(const LpCtx *ctx, const char *naming, const char *value, const char *what, const LpPos *pos, LpPathKind kind,
                       GError **err);

/* Whether two paths name the same file (an output must not overwrite an input). */
gboolean lp_same_file(const char *a, const char *b);
