/* Up to date or not: an output is skipped when nothing it was made from has
 * changed, judged by content, not by clock.
 *
 * After a build, a small stamp file next to the first output (".NAME.lpstamp")
 * records a hash of the inputs (files, options, values) and the font files the
 * pages used, with a hash over all of it. The next run rehashes the inputs and
 * those fonts; if every output exists and the hashes agree, the output is up
 * to date. File hashes are cached per process (a batch reads each font once). */
#pragma once
#include "doc/ctx.h"

/* What a build made, as its stamp records it. */
typedef struct {
  guint pages;
  guint64 bytes;      /* all files together */
  GPtrArray *files;   /* char*: the files written */
  GPtrArray *fonts;   /* char*: the font files the pages use */
} LpStampInfo;

void lp_stamp_info_clear(LpStampInfo *info);

/* What made the outputs besides their inputs, as a line for the stamp:
 * leafpress's version and build (the GNU build ID the linker derives from the
 * executable's contents, so that a rebuilt leafpress rebuilds what it makes)
 * and the versions of the libraries that set and write the pages. */
const char *lp_fresh_engine(void);

/* A hash of `files`' contents and `extra` (options, values). NULL if a file
 * cannot be read (then nothing is up to date). */
char *lp_fresh_inputs(const GPtrArray *files, const char *extra);

/* Whether the output whose first file is `primary` was made from `inputs` (as
 * hashed above) and fonts that have not changed since, and all its files are
 * still there. If so, `result` gets what that build recorded (pages, files,
 * fonts) and the files' sizes now. */
gboolean lp_fresh_check(const char *primary, const char *inputs, LpStampInfo *result);

/* Records the build `result` (stamped next to `primary`) from `inputs`. */
void lp_fresh_record(LpCtx *ctx, const char *primary, const char *inputs, const LpStampInfo *result);

/* The stamp file of an output ("dir/.name.lpstamp"). */
char *lp_fresh_stamp_path(const char *output);
