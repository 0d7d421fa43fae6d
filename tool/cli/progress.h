/* The batch's progress bar on stderr: only when stderr is a terminal and not
 * quiet, redrawn at most ten times a second, erased before any other line is
 * printed so that warnings and errors stay readable. */
#pragma once
#include <glib.h>

typedef struct LpProgress LpProgress;

/* `total` 0: not known in advance (a data file being streamed). */
LpProgress *lp_progress_new(gboolean quiet, guint total);
void lp_progress_free(LpProgress *p);

void lp_progress_set_total(LpProgress *p, guint total);
void lp_progress_update(LpProgress *p, guint done, guint failed, const char *last);
/* Erases the bar so that a message can be printed; the next update redraws. */
void lp_progress_clear(LpProgress *p);
