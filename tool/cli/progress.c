#include "cli/progress.h"

#include <stdio.h>
#include <unistd.h>

#define WIDTH 24

struct LpProgress {
  gboolean on, shown;
  guint total;
  gint64 last_draw;
};

LpProgress *lp_progress_new(gboolean quiet, guint total) {
  LpProgress *p = g_new0(LpProgress, 1);
  const char *term = g_getenv("TERM");
  p->on = !quiet && isatty(STDERR_FILENO) && !(term && g_str_equal(term, "dumb"));
  p->total = total;
  return p;
}

void lp_progress_free(LpProgress *p) {
  if (!p)
    return;
  lp_progress_clear(p);
  g_free(p);
}

void lp_progress_set_total(LpProgress *p, guint total) {
  if (p)
    p->total = total;
}

void lp_progress_clear(LpProgress *p) {
  if (p && p->on && p->shown) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = FALSE;
  }
}

void lp_progress_update(LpProgress *p, guint done, guint failed, const char *last) {
  if (!p || !p->on)
    return;
  gint64 now = g_get_monotonic_time();
  gboolean finished = p->total && done >= p->total;
  if (p->shown && !finished && now - p->last_draw < G_USEC_PER_SEC / 10)
    return;
  p->last_draw = now;
  GString *line = g_string_new("\r");
  if (p->total) {
    guint fill = (guint)((guint64)WIDTH * MIN(done, p->total) / p->total);
    g_string_append_c(line, '[');
    for (guint i = 0; i < WIDTH; i++)
      g_string_append(line, i < fill ? "#" : "-");
    g_string_append_printf(line, "] %u/%u", done, p->total);
  } else {
    g_string_append_printf(line, "%u done", done);
  }
  if (failed)
    g_string_append_printf(line, ", %u failed", failed);
  if (last) {
    /* The last output's name, cut from the left to fit a narrow terminal. */
    glong n = g_utf8_strlen(last, -1);
    const char *tail = n > 40 ? g_utf8_offset_to_pointer(last, n - 39) : last;
    g_string_append_printf(line, "  %s%s", n > 40 ? "…" : "", tail);
  }
  g_string_append(line, "\033[K");
  fputs(line->str, stderr);
  fflush(stderr);
  g_string_free(line, TRUE);
  p->shown = TRUE;
}
