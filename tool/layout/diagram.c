#include "layout/diagram.h"

#include <math.h>

#include "page/canvas.h"

#define MM (72.0 / 25.4)

/* Okabe & Ito's colour-blind-safe palette, in an order that keeps neighbours
 * apart in hue; lightness ties are broken by patterns (see pattern_for). */
static const guint32 palette[] = {0x0072B2, 0xE69F00, 0xCC79A7, 0x009E73, 0xD55E00, 0x56B4E9, 0xF0E442, 0x000000};

typedef enum { PATTERN_NONE, PATTERN_DIAGONAL, PATTERN_VERTICAL, PATTERN_COUNT } Pattern;

typedef struct {
  LpPara *label, *who;
  double label_h;
  double top, h; /* the row's place below the diagram's top, and its height */
  Pattern pattern;
  LpColor color;
} Row;

/* Where a tick's label went: its row under the axis and its extent (LTR space). */
typedef struct {
  int row;
  double left, right;
} TickPlace;

struct LpDiagram {
  LpDiagramSpec spec;
  double width, height;
  double label_w;   /* the label column */
  double plot_x0, plot_x1; /* the plot, from the diagram's start edge (LTR space) */
  double top;       /* marker labels above the rows */
  double band_h;    /* a band of moderate strength: the same in every row */
  double axis_y;    /* from the diagram's top */
  GArray *rows;     /* Row */
  GPtrArray *ticks, *dates, *markers; /* LpPara* (dates may hold NULLs) */
  GArray *tick_place; /* TickPlace per tick */
  GArray *mark_place; /* TickPlace per marker: its label's row above the plot and extent */
  double tick_block; /* height of one row of tick label (and date) */
};

LpColor lp_diagram_phase_color(guint i) {
  guint32 c = palette[i % G_N_ELEMENTS(palette)];
  return lp_color_rgb_new(((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

static double luminance(const LpColor *c) {
  double rgb[3];
  lp_color_rgb(c, rgb);
  return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

/* A phase gets a pattern when an earlier phase is close to it in lightness and
 * already uses the plain fill (or the same pattern). */
static Pattern pattern_for(GArray *rows, guint i) {
  Row *me = &g_array_index(rows, Row, i);
  gboolean taken[PATTERN_COUNT] = {FALSE};
  for (guint j = 0; j < i; j++) {
    Row *o = &g_array_index(rows, Row, j);
    if (fabs(luminance(&o->color) - luminance(&me->color)) < 0.12)
      taken[o->pattern] = TRUE;
  }
  for (int p = 0; p < PATTERN_COUNT; p++)
    if (!taken[p])
      return (Pattern)p;
  return (Pattern)(i % PATTERN_COUNT);
}

void lp_diagram_free(LpDiagram *d) {
  if (!d)
    return;
  g_array_free(d->rows, TRUE);
  g_ptr_array_unref(d->ticks);
  g_ptr_array_unref(d->dates);
  g_ptr_array_unref(d->markers);
  if (d->tick_place)
    g_array_free(d->tick_place, TRUE);
  if (d->mark_place)
    g_array_free(d->mark_place, TRUE);
  g_free(d);
}

double lp_diagram_height(const LpDiagram *d) { return d->height; }

static double time_x(const LpDiagram *d, double hours);

/* Where a tick's label starts, in left-to-right space, for a label `w` wide:
 * centred on its tick, except at the axis's ends, where labels run inwards
 * from their ticks so that neighbours keep more room. */
static double tick_label_x(const LpDiagram *d, guint i, double w) {
  double tx = time_x(d, g_array_index(d->spec.timeline->ticks, LpTick, i).at);
  if (i == 0)
    return tx;
  if (i + 1 == d->spec.timeline->ticks->len)
    return tx - w;
  return tx - w / 2;
}

/* Whether tick i's stroke down to a stepped-down label would cross a label
 * of a row above it (a long "Treatment" reaching past the next tick). */
static gboolean stroke_crosses_label(const LpDiagram *d, guint i) {
  double tx = time_x(d, g_array_index(d->spec.timeline->ticks, LpTick, i).at);
  int row = g_array_index(d->tick_place, TickPlace, i).row;
  for (guint j = 0; j < d->tick_place->len; j++) {
    const TickPlace *p = &g_array_index(d->tick_place, TickPlace, j);
    if (j != i && p->row < row && tx > p->left - 1.5 && tx < p->right + 1.5)
      return TRUE;
  }
  return FALSE;
}

/* Rows of tick labels under the axis, at most: more would read as a table. */
#define MAX_TICK_ROWS 3

/* Each tick label goes into the first row where it clears the label before
 * it by a third of the axis text's size; the number of rows used, or 0 (and
 * an error at the tick) when a label fits in none. */
static int stagger_ticks(LpDiagram *d, GError **err) {
  const LpTimeline *t = d->spec.timeline;
  d->tick_place = g_array_new(FALSE, TRUE, sizeof(TickPlace));
  double right[MAX_TICK_ROWS], gap = MAX(3, d->spec.axis_style->size / 3);
  for (int r = 0; r < MAX_TICK_ROWS; r++)
    right[r] = -1e9;
  int rows = 1;
  for (guint i = 0; i < t->ticks->len; i++) {
    double w = lp_para_max_line_width(g_ptr_array_index(d->ticks, i));
    LpPara *date = g_ptr_array_index(d->dates, i);
    if (date)
      w = MAX(w, lp_para_max_line_width(date));
    double left = tick_label_x(d, i, w);
    int row = 0;
    while (row < MAX_TICK_ROWS && left < right[row] + gap)
      row++;
    if (row == MAX_TICK_ROWS) {
      const LpTick *tk = &g_array_index(t->ticks, LpTick, i);
      lp_set_error(err, LP_EXIT_INPUT, &tk->pos,
                   "the timeline's tick labels do not fit under its axis, %.0f mm wide, even in %d rows: the label "
                   "'%s' runs into its neighbours; leave out a tick or shorten the labels",
                   d->width * 25.4 / 72, MAX_TICK_ROWS, tk->label);
      return 0;
    }
    right[row] = left + w;
    rows = MAX(rows, row + 1);
    TickPlace tp = {row, left, left + w};
    g_array_append_val(d->tick_place, tp);
  }
  return rows;
}

/* Marker labels above the plot: each starts at its line and runs towards
 * later times (back from the line where that would leave the diagram), in the
 * first row from the top where it clears every label there. The number of
 * rows, or -1 (and an error at the marker) when three are not enough. */
static int place_markers(LpDiagram *d, GError **err) {
  const LpTimeline *t = d->spec.timeline;
  d->mark_place = g_array_new(FALSE, TRUE, sizeof(TickPlace));
  double gap = MAX(3, d->spec.axis_style->size / 3);
  int rows = 0;
  for (guint i = 0; i < t->markers->len; i++) {
    const LpTick *mk = &g_array_index(t->markers, LpTick, i);
    double mx = time_x(d, mk->at), w = lp_para_max_line_width(g_ptr_array_index(d->markers, i));
    double left = mx + 2;
    if (left + w > d->width)
      left = mx - w - 2;
    if (left < 0)
      left = mx + 2;
    int row = 0;
    for (; row < MAX_TICK_ROWS; row++) {
      gboolean clear = TRUE;
      for (guint j = 0; j < d->mark_place->len && clear; j++) {
        const TickPlace *o = &g_array_index(d->mark_place, TickPlace, j);
        clear = o->row != row || left >= o->right + gap || left + w + gap <= o->left;
      }
      if (clear)
        break;
    }
    if (row == MAX_TICK_ROWS) {
      lp_set_error(err, LP_EXIT_INPUT, &mk->pos,
                   "the timeline's marker labels do not fit above its plot, %.0f mm wide, even in %d rows: the label "
                   "'%s' runs into the others; leave out a marker or shorten the labels",
                   d->width * 25.4 / 72, MAX_TICK_ROWS, mk->label);
      return -1;
    }
    rows = MAX(rows, row + 1);
    TickPlace mp = {row, left, left + w};
    g_array_append_val(d->mark_place, mp);
  }
  return rows;
}

static LpPara *make(LpDiagram *d, const char *text, const LpStyle *st, double width, LpPos pos, GError **err) {
  return d->spec.label(d->spec.label_data, text, st, width, pos, err);
}

/* `widest`: the largest share of the width the label column may take when
 * its labels wrap. */
static LpDiagram *diagram_new(const LpDiagramSpec *spec, double width, double widest, GError **err) {
  const LpTimeline *t = spec->timeline;
  LpDiagram *d = g_new0(LpDiagram, 1);
  d->spec = *spec;
  d->width = width;
  d->rows = g_array_new(FALSE, TRUE, sizeof(Row));
  d->ticks = g_ptr_array_new();
  d->dates = g_ptr_array_new();
  d->markers = g_ptr_array_new();
  const LpStyle *ps = spec->phase_style, *as = spec->axis_style;
  LpStyle muted = lp_style_clone(as);
  muted.color = spec->muted;

  /* The label column takes what its longest label or "who" line needs, up to
   * about a third of the width; longer ones wrap. */
  double max_label = width * 0.36;
  double want = 0;
  for (guint i = 0; i < t->phases->len; i++) {
    const LpPhase *ph = &g_array_index(t->phases, LpPhase, i);
    LpPara *probe = make(d, ph->label, ps, 0, ph->pos, err);
    LpPara *who = probe && ph->who ? make(d, ph->who, &muted, 0, ph->pos, err) : NULL;
    if (!probe || (ph->who && !who))
      goto fail;
    want = MAX(want, lp_para_max_line_width(probe));
    if (who)
      want = MAX(want, lp_para_max_line_width(who));
  }
  d->label_w = MIN(want, max_label);
  double gap = 3 * MM;
  double row_min = MAX(8 * MM, ps->leading * 1.7);
  /* Labels that wrap at a third of the width (a language whose words are
   * long: Tamil, Urdu) may take up to `widest` of it when that makes the rows
   * shorter: a card's back then holds its text at a readable size. */
  if (want > max_label) {
    double best_h = -1, best_w = d->label_w;
    for (double share = 0.36; share <= widest + 0.001; share += 0.06) {
      double w = MIN(want, width * share), h = 0;
      for (guint i = 0; i < t->phases->len; i++) {
        const LpPhase *ph = &g_array_index(t->phases, LpPhase, i);
        LpPara *l = make(d, ph->label, ps, w, ph->pos, err);
        LpPara *who = l && ph->who ? make(d, ph->who, &muted, w, ph->pos, err) : NULL;
        if (!l || (ph->who && !who))
          goto fail;
        h += MAX(row_min, lp_para_height(l) + (who ? lp_para_height(who) : 0) + 2 * MM);
      }
      if (best_h < 0 || h < best_h - 0.5) {
        best_h = h;
        best_w = w;
      }
    }
    d->label_w = best_w;
  }
  double rows_h = 0;
  for (guint i = 0; i < t->phases->len; i++) {
    const LpPhase *ph = &g_array_index(t->phases, LpPhase, i);
    Row row = {0};
    row.color = lp_diagram_phase_color(i);
    if (!(row.label = make(d, ph->label, ps, d->label_w, ph->pos, err)))
      goto fail;
    row.label_h = lp_para_height(row.label);
    if (ph->who) {
      if (!(row.who = make(d, ph->who, &muted, d->label_w, ph->pos, err)))
        goto fail;
      row.label_h += lp_para_height(row.who);
    }
    /* Each row is as tall as its labels need, and never too thin for a band. */
    row.h = MAX(row_min, row.label_h + 2 * MM);
    g_array_append_val(d->rows, row);
    g_array_index(d->rows, Row, i).pattern = pattern_for(d->rows, i);
  }
  d->band_h = row_min * 0.65;
  gboolean any_date = FALSE;
  for (guint i = 0; i < t->ticks->len; i++) {
    const LpTick *tk = &g_array_index(t->ticks, LpTick, i);
    LpPara *p = make(d, tk->label, as, 0, tk->pos, err);
    if (!p)
      goto fail;
    g_ptr_array_add(d->ticks, p);
    LpPara *date = NULL;
    if (spec->tick_dates && spec->tick_dates[i]) {
      if (!(date = make(d, spec->tick_dates[i], &muted, 0, tk->pos, err)))
        goto fail;
      any_date = TRUE;
    }
    g_ptr_array_add(d->dates, date);
  }
  d->top = 0;
  for (guint i = 0; i < t->markers->len; i++) {
    const LpTick *mk = &g_array_index(t->markers, LpTick, i);
    LpStyle bold = lp_style_clone(as);
    bold.weight = 700;
    LpPara *p = make(d, mk->label, &bold, 0, mk->pos, err);
    lp_style_clear(&bold);
    if (!p)
      goto fail;
    g_ptr_array_add(d->markers, p);
  }
  d->plot_x0 = d->label_w + gap;
  d->plot_x1 = width; /* the last tick's label runs inwards from it */
  if (d->plot_x1 - d->plot_x0 < width / 3) {
    lp_set_error(err, LP_EXIT_INPUT, &t->pos, "the timeline's labels leave too little room for the plot");
    goto fail;
  }
  int marker_rows = place_markers(d, err);
  if (marker_rows < 0)
    goto fail;
  d->top = marker_rows ? marker_rows * as->leading + 1 * MM : 0;
  for (guint i = 0; i < d->rows->len; i++) {
    Row *row = &g_array_index(d->rows, Row, i);
    row->top = d->top + rows_h;
    rows_h += row->h;
  }
  d->axis_y = d->top + rows_h + 1 * MM;
  d->tick_block = as->leading * (any_date ? 2 : 1);
  int tick_rows = stagger_ticks(d, err);
  if (!tick_rows)
    goto fail;
  d->height = d->axis_y + 3 + d->tick_block * tick_rows + 1 * MM;
  d->spec.tick_dates = NULL; /* the caller's: used above, not kept */
  lp_style_clear(&muted);
  return d;
fail:
  lp_style_clear(&muted);
  lp_diagram_free(d);
  return NULL;
}

LpDiagram *lp_diagram_new(const LpDiagramSpec *spec, double width, GError **err) {
  /* A wider label column leaves a narrower plot, whose tick or marker labels
   * may then collide: the plain column is tried before giving up. */
  GError *wide_err = NULL;
  LpDiagram *d = diagram_new(spec, width, 0.54, &wide_err);
  if (d || lp_error_code(wide_err) != LP_EXIT_INPUT) {
    if (wide_err)
      g_propagate_error(err, wide_err);
    return d;
  }
  g_error_free(wide_err);
  return diagram_new(spec, width, 0.36, err);
}

/* ---- drawing: geometry in left-to-right space, mirrored at the end ---- */

typedef struct {
  const LpDiagram *d;
  double x; /* the diagram's left edge on the page */
} Frame;

/* A left-to-right x (from the diagram's start edge) on the page. */
static double px(const Frame *f, double x) {
  return f->d->spec.rtl ? f->x + f->d->width - x : f->x + x;
}

static double time_x(const LpDiagram *d, double hours) {
  return d->plot_x0 + lp_timeline_position(d->spec.timeline, hours) * (d->plot_x1 - d->plot_x0);
}

/* Places tick i's one-line label (or date) under its tick. */
static void tick_label(const Frame *f, LpPara *p, guint i, LpPage *page, double baseline) {
  double w = lp_para_max_line_width(p);
  double left = tick_label_x(f->d, i, w); /* left-to-right space */
  double x = f->d->spec.rtl ? px(f, left + w) : px(f, left);
  lp_para_emit_line(p, 0, page, x, baseline, -1);
}

/* Mixes a colour with white paper: intensity 1 is the colour, 0 is white. A
 * fade drawn this way needs no transparency, which print shops and PDF/A like. */
static LpColor tint(LpColor c, double intensity) {
  double rgb[3];
  lp_color_rgb(&c, rgb);
  return lp_color_rgb_new(1 - (1 - rgb[0]) * intensity, 1 - (1 - rgb[1]) * intensity, 1 - (1 - rgb[2]) * intensity);
}

static void draw_band(const Frame *f, LpCanvas *cv, const LpPhase *ph, const Row *row, double y_mid) {
  const LpDiagram *d = f->d;
  cairo_t *cr = lp_canvas_cr(cv);
  double strength = ph->strength == LP_STRENGTH_MILD ? 0.77 : ph->strength == LP_STRENGTH_STRONG ? 1.23 : 1.0;
  double h = d->band_h * strength;
  double a = time_x(d, ph->start), b = MAX(time_x(d, ph->end), a + h);
  double x0 = MIN(px(f, a), px(f, b)), x1 = MAX(px(f, a), px(f, b));
  double y0 = y_mid - h / 2, r = MIN(h / 2, 2.5 * MM);
  cairo_new_sub_path(cr);
  cairo_arc(cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x1 - r, y0 + h - r, r, 0, G_PI / 2);
  cairo_arc(cr, x0 + r, y0 + h - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
  /* Full strength from the start (or the peak) and fading towards the end. */
  LpPaint paint = {0};
  paint.kind = LP_PAINT_LINEAR;
  paint.alpha = 1;
  paint.x0 = px(f, a);
  paint.x1 = px(f, b);
  paint.y0 = paint.y1 = y_mid;
  double peak = ph->peak >= 0 ? (time_x(d, ph->peak) - a) / (b - a) : 0;
  paint.stops[paint.n_stops++] = (LpStop){0, tint(row->color, peak > 0.01 ? 0.55 : 1.0), 1};
  if (peak > 0.01)
    paint.stops[paint.n_stops++] = (LpStop){CLAMP(peak, 0, 0.95), tint(row->color, 1.0), 1};
  paint.stops[paint.n_stops++] = (LpStop){1, tint(row->color, 0.18), 1};
  lp_canvas_fill(cv, &paint);
  if (row->pattern == PATTERN_NONE)
    return;
  /* White strokes over the band's straight middle part (clear of the rounded
   * ends): a texture that survives greyscale printing. */
  cairo_save(cr);
  cairo_set_line_width(cr, 0.9);
  double step = 3.2;
  for (double x = x0 + r; x + (row->pattern == PATTERN_DIAGONAL ? h * 0.6 : 0) < x1 - r; x += step) {
    if (row->pattern == PATTERN_DIAGONAL) {
      cairo_move_to(cr, x, y0 + h);
      cairo_line_to(cr, x + h * 0.6, y0);
    } else {
      cairo_move_to(cr, x, y0 + 0.5);
      cairo_line_to(cr, x, y0 + h - 0.5);
    }
  }
  lp_canvas_stroke(cv, lp_color_rgb_new(1, 1, 1));
  cairo_restore(cr);
}

void lp_diagram_draw(const LpDiagram *d, LpPage *page, double x, double y) {
  const LpTimeline *t = d->spec.timeline;
  const LpStyle *as = d->spec.axis_style;
  Frame f = {d, x};
  LpCanvas *cv = lp_canvas_new(page);
  cairo_t *cr = lp_canvas_cr(cv);

  /* Rows: label column and band. */
  for (guint i = 0; i < t->phases->len; i++) {
    const LpPhase *ph = &g_array_index(t->phases, LpPhase, i);
    const Row *row = &g_array_index(d->rows, Row, i);
    double y_mid = y + row->top + row->h / 2;
    double ly = y_mid - row->label_h / 2;
    const LpStyle *ps = d->spec.phase_style;
    /* The labels are set at the label column's width and aligned to its start
     * edge by pango; the column's left edge is at its far side in RTL. */
    double lx = d->spec.rtl ? px(&f, 0) - d->label_w : px(&f, 0);
    for (int l = 0; l < lp_para_n_lines(row->label); l++) {
      lp_para_emit_line(row->label, l, page, lx, ly + lp_style_baseline(ps), -1);
      ly += ps->leading;
    }
    for (int l = 0; row->who && l < lp_para_n_lines(row->who); l++) {
      lp_para_emit_line(row->who, l, page, lx, ly + lp_style_baseline(as), -1);
      ly += as->leading;
    }
    draw_band(&f, cv, ph, row, y_mid);
  }

  /* The axis, its ticks, labels and dates. */
  double ay = y + d->axis_y;
  cairo_set_line_width(cr, 0.75);
  cairo_move_to(cr, px(&f, d->plot_x0), ay);
  cairo_line_to(cr, px(&f, d->plot_x1), ay);
  lp_canvas_stroke(cv, d->spec.muted);
  for (guint i = 0; i < t->ticks->len; i++) {
    const LpTick *tk = &g_array_index(t->ticks, LpTick, i);
    double tx = px(&f, time_x(d, tk->at));
    cairo_move_to(cr, tx, ay - 2.5);
    cairo_line_to(cr, tx, ay + 2.5);
    lp_canvas_stroke(cv, d->spec.muted);
    int row = g_array_index(d->tick_place, TickPlace, i).row;
    if (row > 0 && !stroke_crosses_label(d, i)) {
      /* A stepped-down label hangs from its tick on a longer stroke (unless
       * that would run through a label of the first row). */
      cairo_move_to(cr, tx, ay + 2.5);
      cairo_line_to(cr, tx, ay + 2 + row * d->tick_block);
      lp_canvas_stroke(cv, d->spec.rule);
    }
    double base = ay + 3 + row * d->tick_block + lp_style_baseline(as);
    tick_label(&f, g_ptr_array_index(d->ticks, i), i, page, base);
    LpPara *date = g_ptr_array_index(d->dates, i);
    if (date)
      tick_label(&f, date, i, page, base + as->leading);
  }

  /* Markers: a dashed line through the rows, the label above them. The
   * line reaches up beside its label unless it would cross a label of a lower
   * row on the way. */
  for (guint i = 0; i < t->markers->len; i++) {
    const LpTick *mk = &g_array_index(t->markers, LpTick, i);
    double tx = time_x(d, mk->at), mx = px(&f, tx);
    const TickPlace *mp = &g_array_index(d->mark_place, TickPlace, i);
    gboolean reach = TRUE;
    for (guint j = 0; j < d->mark_place->len && reach; j++) {
      const TickPlace *o = &g_array_index(d->mark_place, TickPlace, j);
      reach = o->row <= mp->row || tx <= o->left - 1.5 || tx >= o->right + 1.5;
    }
    double top = reach ? y + mp->row * as->leading + 0.5 * MM : y + d->top - 0.5 * MM;
    double dash[] = {2.5, 2};
    cairo_save(cr);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.9);
    cairo_move_to(cr, mx, top);
    cairo_line_to(cr, mx, ay);
    lp_canvas_stroke(cv, d->spec.text);
    cairo_restore(cr);
    /* Placed in left-to-right space; on the page, mirrored for RTL. */
    double lx = d->spec.rtl ? px(&f, mp->right) : px(&f, mp->left);
    lp_para_emit_line(g_ptr_array_index(d->markers, i), 0, page, lx, y + mp->row * as->leading + lp_style_baseline(as),
                      -1);
  }
  lp_canvas_free(cv);
}
