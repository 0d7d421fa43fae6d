/* Output files: written whole or not at all.
 *
 * Contents go to a temporary file in the target's folder and are renamed over
 * the target only when complete, so a failed or interrupted build leaves the
 * previous file as it was. "-" means standard output. Every byte written is
 * counted against the context's output-size limit. Front ends that write
 * their results to disk (the command line, the batch) use these; the engine
 * itself never touches the file system for output. */
#pragma once
#include "doc/ctx.h"
#include "engine/engine.h"

gboolean lp_files_write_one(LpCtx *ctx, const char *path, GBytes *data, GError **err);

/* A file written piece by piece (a batch's report, as its outputs finish):
 * into a temporary file beside `path`, renamed over it only by
 * lp_file_stream_commit, so it is never seen half-written. "-" is standard
 * output. A write that fails is told by the commit. */
typedef struct LpFileStream LpFileStream;

LpFileStream *lp_file_stream_open(LpCtx *ctx, const char *path, GError **err);
void lp_file_stream_write(LpFileStream *stream, const char *data, gsize len);
/* Moves the file into place and frees the stream; FALSE with an error if
 * any write failed (the temporary file is removed). */
gboolean lp_file_stream_commit(LpFileStream *stream, GError **err);
/* Removes the temporary file and frees the stream. */
void lp_file_stream_abort(LpFileStream *stream);

/* Writes the files of `result`: format formats[i] to outs[i] (proofs one file
 * per page, "name-N.ext"), and removes page files a longer earlier build left.
 * `written` (may be NULL) gets the paths. */
gboolean lp_files_write(LpCtx *ctx, const LpResult *result, const LpFormat *formats, guint n_formats,
                        const char *const *outs, GPtrArray *written, GError **err);

/* The file format `f` goes to when -o says `out`: `out` itself when it ends
 * in the format's extension (or in none of ours, with one format); else the
 * same name with the format's extension (leaflet.pdf → leaflet.png). */
char *lp_files_format_path(const char *out, LpFormat f, guint n_formats);

/* Page files of a multi-page proof: "dir/name.png" → "dir/name-3.png". */
char *lp_files_page_path(const char *path, guint page);
/* Removes page files numbered above `count` left by an earlier, longer build. */
void lp_files_remove_stale_pages(const char *path, guint count);
