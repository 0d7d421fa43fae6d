/* The pain-timeline diagram, drawn with cairo from the article's data.
 *
 * A label column (each phase's name and who it concerns) beside a plot: one row
 * per phase, a band from its start to its end whose colour fades as it ends, a
 * time axis whose first day gets room (lp_timeline_position), tick labels with
 * calendar dates when a treatment date is known, and dashed markers. Colours
 * come from a colour-blind-safe palette (Okabe-Ito) and phases whose colours
 * are close in lightness also differ in pattern, so the diagram reads in black
 * and white. In right-to-left languages the whole diagram is mirrored: labels
 * on the right, time running to the left.
 *
 * Labels are real text set by pango: the diagram asks its caller for each label
 * (so the caller can check glyphs and own the paragraphs) and places it. */
#pragma once
#include "doc/style.h"
#include "doc/timeline.h"
#include "layout/para.h"

/* Makes a label: an unwrapped line (width 0) or a paragraph wrapped to `width`.
 * Returns NULL with an error (a missing glyph). */
typedef LpPara *(*LpLabelFn)(gpointer data, const char *text, const LpStyle *style, double width, LpPos pos,
                            GError **err);

typedef struct {
  const LpTimeline *timeline;
  const LpStyle *phase_style; /* phase labels */
  const LpStyle *axis_style;  /* tick labels, "who" lines, marker labels */
  LpColor text, muted, rule;
  char **tick_dates;          /* one per tick, or NULL: calendar dates under the ticks */
  gboolean rtl;
  LpLabelFn label;
  gpointer label_data;
} LpDiagramSpec;

typedef struct LpDiagram LpDiagram;

/* Lays the diagram out at `width`; its height follows from its text. */
LpDiagram *lp_diagram_new(const LpDiagramSpec *spec, double width, GError **err);
void lp_diagram_free(LpDiagram *d);
double lp_diagram_height(const LpDiagram *d);
void lp_diagram_draw(const LpDiagram *d, LpPage *page, double x, double y);

/* The palette: phase i's colour, and whether it carries a pattern. */
LpColor lp_diagram_phase_color(guint i);
