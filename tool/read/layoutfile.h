/* The layout reader: layouts/<name>.yaml → LpLayoutSpec.
 *
 * A layout may start from another with `extends: NAME` (resolved next to it);
 * every key it sets overrides the base. Values are checked against the
 * readability floor of DESIGN.md as they are read. */
#pragma once
#include "doc/ctx.h"
#include "doc/style.h"

LpLayoutSpec *lp_layoutfile_read(const LpCtx *ctx, const char *path, GError **err);
LpLayoutSpec *lp_layoutfile_parse(const LpCtx *ctx, const char *path, const char *data, gsize length, GError **err);
