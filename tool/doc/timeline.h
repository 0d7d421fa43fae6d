/* The pain timeline: what happens when after a treatment, as data. The article
 * holds it in a fenced ```timeline block; the leaflet shows it as a figure and
 * the card on its back. Times are in hours after the treatment. */
#pragma once
#include "doc/diag.h"

typedef enum {
  LP_STRENGTH_UNSAID, /* the article does not say how strong */
  LP_STRENGTH_MILD,
  LP_STRENGTH_MODERATE,
  LP_STRENGTH_STRONG,
} LpStrength;

typedef enum { LP_SCALE_SQRT, LP_SCALE_LINEAR, LP_SCALE_LOG } LpScaleKind;

typedef struct {
  double at;  /* hours */
  char *label;
  LpPos pos;
} LpTick;

typedef struct {
  char *id;
  char *label;
  char *who;   /* who it concerns, may be NULL */
  double start, peak, end; /* hours; peak < 0 when not given */
  LpStrength strength;
  char *note;  /* one line explaining the phase, may be NULL */
  LpPos pos;
} LpPhase;

typedef struct {
  char *caption;
  double scale_to;   /* hours */
  LpScaleKind scale;
  GArray *ticks;     /* LpTick */
  GArray *phases;    /* LpPhase */
  GArray *markers;   /* LpTick: a point in time with a label */
  LpPos pos;
} LpTimeline;

LpTimeline *lp_timeline_new(void);
void lp_timeline_free(LpTimeline *t);

/* Where time `hours` falls on an axis of length 1 (0 = the treatment). The
 * default square-root scale gives the first day about a fifth of the axis and
 * still spaces the weeks evenly enough to read. */
double lp_timeline_position(const LpTimeline *t, double hours);

/* "6h", "3d", "2w", "0" → hours; NULL on success, else what was expected. */
char *lp_parse_duration(const char *s, double *hours);
