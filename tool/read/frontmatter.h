/* Front matter keys → LpMeta. */
#pragma once
#include "doc/doc.h"
#include "read/yaml.h"

gboolean lp_frontmatter_read(const LpCtx *ctx, const LpYaml *root, LpPos start, LpMeta *meta, GError **err);
