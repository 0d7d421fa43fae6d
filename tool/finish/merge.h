/* One PDF of many: the cards of a day's patients as a single print job. */
#pragma once
#include "doc/diag.h"

/* Pages of `files` (PDFs, in order) into one PDF. */
GBytes *lp_merge_pdfs(const GPtrArray *files, GError **err);
