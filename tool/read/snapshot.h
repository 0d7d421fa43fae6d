/* Snapshots of a source article: the text a translation was stamped against.
 *
 * `leafpress stamp` keeps a copy of the source as it was, in the source's
 * folder as .sources/<name>.<hash>.md (hash: 12 hex digits of SHA-256 of the
 * file), so that when the source moves on `check` can show each translator
 * what changed in a section, word by word, not only that it changed. A
 * translation finds its snapshot by the section hashes it records; nothing
 * names the file. */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"

/* Where the snapshot of `source_path` with these contents goes. */
char *lp_snapshot_path(const char *source_path, const char *data, gsize length);

/* Every snapshot of `source_path` that reads as an article, oldest name
 * first (sorted by name: the same order on every machine); a snapshot that
 * does not read is a warning in `ctx` and is left out. LpDoc* elements. */
GPtrArray *lp_snapshot_docs(LpCtx *ctx, const char *source_path);
