/* A language's fixed strings: layouts/labels/<lang>.yaml → {label.*} values.
 * Everything a layout prints that is not in the article ("Page 1 of 2",
 * "In short") comes from here, so a translated leaflet has no English left. */
#pragma once
#include "doc/ctx.h"
#include "doc/vars.h"

gboolean lp_labels_read(LpCtx *ctx, const char *path, LpVars *vars, GError **err);
