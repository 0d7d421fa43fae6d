/* What a batch has already proven: which (article, layout, writer) outputs
 * and which glyphs of which fonts have been read back from a PDF and found
 * right. A batch verifies every output that shows something not proven yet —
 * the first output of each combination, and any output with a glyph no
 * earlier output showed (a merge row's name in another script) — and skips
 * the read-back for the rest, which print only what was proven. Shared by
 * the batch's threads. */
#pragma once
#include "page/book.h"

typedef struct LpSeen LpSeen;

LpSeen *lp_seen_new(void);
void lp_seen_free(LpSeen *seen);

/* Whether `book` (made as `key`) shows anything not proven yet. */
gboolean lp_seen_needs(LpSeen *seen, const char *key, const LpBook *book);
/* Records `book` as proven. */
void lp_seen_mark(LpSeen *seen, const char *key, const LpBook *book);
