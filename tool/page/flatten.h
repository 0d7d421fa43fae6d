/* Flattening: a page with its groups' items copied into it, in page space,
 * for readers that compare the display list with what a file prints. Only
 * groups that move and scale evenly flatten (a glyph run cannot be turned);
 * items a group's clip hides entirely are left out; each placed page's frames
 * are appended and its runs renumbered to them. */
#pragma once
#include "doc/diag.h"
#include "page/page.h"

/* Whether the page places other pages. */
gboolean lp_page_has_groups(const LpPage *page);
/* The flat copy (a new page), or NULL with an error for a turned or skewed
 * group. */
LpPage *lp_page_flatten(const LpPage *page, GError **err);
