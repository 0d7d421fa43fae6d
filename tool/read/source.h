/* Reading an input file whole, with the checks every reader needs first: a
 * regular file, not too big, valid UTF-8 (the error points at the first bad
 * byte), no NUL characters. A UTF-8 byte-order mark is dropped. */
#pragma once
#include "doc/ctx.h"

/* Returns the contents (NUL-terminated, owned by the caller) or NULL with an
 * error. The file may be no bigger than the context's limit input-size.
 * `what` names the file's role for messages ("article", "layout"). */
char *lp_source_read(const LpCtx *ctx, const char *path, const char *what, gsize *length, GError **err);

/* A binary input (a picture) whole, with the same file and size checks. */
GBytes *lp_source_read_bytes(const LpCtx *ctx, const char *path, const char *what, GError **err);

/* Checks that `data` is UTF-8 without NUL and without bidi overrides or
 * unbalanced isolates; on failure points at the first bad character of
 * `path` (lines counted from `first_line`). */
gboolean lp_source_check_text(const char *path, const char *data, gsize length, int first_line, GError **err);

/* The same bidi check for one value from elsewhere (--set, a data row), whose
 * place `pos` the message names along with `what`. */
gboolean lp_source_check_value(const char *value, const char *what, const LpPos *pos, GError **err);
