/* What `leafpress init DIR` writes: a new clinic's project, made as bytes.
 *
 *   leafpress.yaml              what `leafpress batch` builds (every installed layout)
 *   text/clinic.yaml            the clinic profile, filled from the options,
 *                               every key explained in a comment
 *   text/logo.png (.jpg, .svg)  a copy of --logo
 *   layouts/NAME.yaml           for each installed layout: `extends: leafpress:NAME`
 *                               and commented keys to change
 *   text/example/en.md          the installed example article, marked
 *                               `example: true` and `review: draft`
 *
 * The layouts extend the installed ones instead of copying them, so a clinic
 * changes a colour or a margin in a few lines and gets leafpress's fixes to
 * the rest on every upgrade. Nothing here touches the file system but reading
 * the installed data and the logo; the front end writes the files. */
#pragma once
#include "doc/ctx.h"

typedef struct {
  const char *name;  /* the clinic's name; NULL: left for the user to fill in */
  const char *phone; /* NULL: left out */
  const char *color; /* the brand colour, checked; NULL: the layouts' own */
  const char *logo;  /* a PNG, JPEG or SVG file to copy into the project; NULL: none */
} LpScaffoldClinic;

typedef struct {
  char *path;   /* relative to the project's folder */
  GBytes *bytes;
  const char *what; /* what it is, for the front end's summary */
} LpScaffoldFile;

/* The files, in the order above (LpScaffoldFile*, the caller owns the array).
 * Errors: a value that cannot go into the profile (usage, exit 2), a logo
 * that is not a PNG (exit 1), leafpress not installed (exit 3). */
GPtrArray *lp_scaffold_files(LpCtx *ctx, const LpScaffoldClinic *clinic, GError **err);

/* An empty list of files (the array frees its LpScaffoldFile elements), and
 * one more file for it (`what` is a static string; takes `bytes`): for the
 * other commands that write a set of new files (engine/translate.h). */
GPtrArray *lp_scaffold_list_new(void);
void lp_scaffold_list_add(GPtrArray *files, const char *path, const char *what, GBytes *bytes);
