/* The layout reader: layouts/<name>.yaml → LpLayoutSpec.
 *
 * A layout may start from another with `extends: NAME` (resolved next to it)
 * or `extends: leafpress:NAME` (a layout installed with leafpress, so a
 * clinic's layout changes a colour or a margin without copying the rest);
 * every key it sets overrides the base. Values are checked against the
 * readability floor (docs/layout.md, "The readability floor") as they are
 * read. */
#pragma once
#include "doc/ctx.h"
#include "doc/style.h"

LpLayoutSpec *lp_layoutfile_read(const LpCtx *ctx, const char *path, GError **err);
LpLayoutSpec *lp_layoutfile_parse(const LpCtx *ctx, const char *path, const char *data, gsize length, GError **err);
