#include "doc/timeline.h"

#include <math.h>
#include <string.h>

static void tick_clear(gpointer p) { g_free(((LpTick *)p)->label); }

static void phase_clear(gpointer p) {
  LpPhase *ph = p;
  g_free(ph->id);
  g_free(ph->label);
  g_free(ph->who);
  g_free(ph->note);
}

LpTimeline *lp_timeline_new(void) {
  LpTimeline *t = g_new0(LpTimeline, 1);
  t->ticks = g_array_new(FALSE, TRUE, sizeof(LpTick));
  g_array_set_clear_func(t->ticks, tick_clear);
  t->markers = g_array_new(FALSE, TRUE, sizeof(LpTick));
  g_array_set_clear_func(t->markers, tick_clear);
  t->phases = g_array_new(FALSE, TRUE, sizeof(LpPhase));
  g_array_set_clear_func(t->phases, phase_clear);
  return t;
}

void lp_timeline_free(LpTimeline *t) {
  if (!t)
    return;
  g_free(t->caption);
  g_array_free(t->ticks, TRUE);
  g_array_free(t->markers, TRUE);
  g_array_free(t->phases, TRUE);
  g_free(t);
}

double lp_timeline_position(const LpTimeline *t, double hours) {
  if (t->scale_to <= 0)
    return 0;
  double u = CLAMP(hours / t->scale_to, 0.0, 1.0);
  switch (t->scale) {
  case LP_SCALE_LINEAR:
    return u;
  case LP_SCALE_LOG:
    /* log(1 + h/6h): hours legible, weeks compressed. */
    return log1p(hours / 6.0) / log1p(t->scale_to / 6.0);
  case LP_SCALE_SQRT:
  default:
    return sqrt(u);
  }
}

char *lp_parse_duration(const char *s, double *hours) {
  while (g_ascii_isspace(*s))
    s++;
  char *end = NULL;
  double v = g_ascii_strtod(s, &end);
  if (end == s || !isfinite(v) || v < 0)
    return g_strdup_printf("'%s' is not a duration: write a number and a unit, e.g. 6h, 3d or 2w", s);
  while (g_ascii_isspace(*end))
    end++;
  static const struct {
    const char *unit;
    double hours;
  } units[] = {{"h", 1}, {"d", 24}, {"w", 168}};
  if (!*end) {
    if (v == 0) {
      *hours = 0;
      return NULL;
    }
    return g_strdup_printf("'%s' has no unit: write %gh (hours), %gd (days) or %gw (weeks)", s, v, v, v);
  }
  for (gsize i = 0; i < G_N_ELEMENTS(units); i++)
    if (strcmp(end, units[i].unit) == 0) {
      if (v > 5200)
        return g_strdup_printf("'%s' is longer than leafpress draws (100 years)", s);
      *hours = v * units[i].hours;
      return NULL;
    }
  return g_strdup_printf("unknown unit '%s' in '%s': use h (hours), d (days) or w (weeks)", end, s);
}
