/* Output files: written whole or not at all.
 *
 * Contents go to a temporary file in the target's folder and are renamed over
 * the target only when complete, so a failed or interrupted build leaves the
 * previous file as it was. "-" means standard output. */
#pragma once
#include "doc/diag.h"

gboolean lp_output_write(const char *path, GBytes *data, GError **err);

/* Page files of a multi-page proof: "dir/name.png" → "dir/name-3.png". */
char *lp_output_page_path(const char *path, guint page);
/* Removes page files numbered above `count` left by an earlier, longer build. */
void lp_output_remove_stale_pages(const char *path, guint count);
