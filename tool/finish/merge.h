/* One PDF of many: the cards of a day's patients as a single print job. */
#pragma once
#include "doc/diag.h"

/* Pages of `files` (PDFs, in order) into one PDF. */
GBytes *lp_merge_pdfs(const GPtrArray *files, GError **err);
/* The same from memory: `pdfs` are GBytes*, in order (a server's cards,
 * which never touch the disk). */
GBytes *lp_merge_pdf_bytes(const GPtrArray *pdfs, GError **err);
