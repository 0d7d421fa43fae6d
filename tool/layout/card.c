#include "layout/card.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/compose.h"
#include "layout/locale.h"
#include "layout/qr.h"
#include "page/canvas.h"

#define MM (72.0 / 25.4)
#define GAP (5 * MM)

/* The styles copy-fit may shrink: the running text of points, phases and
 * advice, the back's heading and the diagram's labels; each no further than
 * its min_size (a style
 * without one keeps its size: min_size defaults to size). */
static const LpStyleId flexible[] = {LP_STYLE_LIST, LP_STYLE_BODY, LP_STYLE_BOX, LP_STYLE_H2, LP_STYLE_PHASE, LP_STYLE_AXIS};

typedef struct {
  LpCompose c;
  const LpLayoutSpec *spec;
  LpStyle st[LP_STYLE_COUNT]; /* the spec's styles with the current shrink applied */
  LpImage logo; /* the clinic's, or no surface */
  LpQr *qr; /* the online version's code (front matter `online`), or NULL */
  int tag; /* ids for structure elements */
} Card;

/* One block of a side, measured at the current shrink. */
typedef struct {
  LpCardBlock kind;
  double h;
  LpPara *head, *main, *extra;
  GPtrArray *items; /* LpPara* (points, phases) */
  LpDiagram *diagram;
  char *alt;
} Block;

static void block_clear(gpointer p) {
  Block *b = p;
  if (b->items)
    g_ptr_array_unref(b->items);
  g_free(b->alt);
}

static const char *label(Card *k, const char *key) { return lp_compose_label(&k->c, key); }

static double width_of(const Card *k) { return lp_layout_spec_text_width(k->spec); }

static LpPara *plain(Card *k, const char *text, LpStyleId s, double width, LpPos pos, GError **err) {
  LpStyle st = lp_style_clone(&k->st[s]);
  st.hyphenate = st.hyphenate && width > 0;
  LpPara *p = lp_compose_plain(&k->c, text, &st, width, pos, err);
  lp_style_clear(&st);
  return p;
}

/* A title or heading: balanced lines (lp_para_new_balanced). */
static LpPara *heading(Card *k, const char *text, LpStyleId s, double width, LpPos pos, GError **err) {
  LpRich *r = lp_rich_new_plain(text);
  LpPara *p = lp_compose_heading(&k->c, r, &k->st[s], width, NULL, pos, err);
  lp_rich_free(r);
  return p;
}

static double para_h(const LpPara *p) { return p ? lp_para_height(p) : 0; }

/* Emits every line of `p` from `y` (the top of its first line box); returns
 * the y after it. `x` is the start edge (the right edge in RTL). */
static double emit(Card *k, const LpPara *p, LpStyleId s, LpPage *page, double x, double y, double width) {
  const LpStyle *st = &k->st[s];
  for (int i = 0; p && i < lp_para_n_lines(p); i++) {
    lp_para_emit_line(p, i, page, x, y + lp_style_baseline(st), -1);
    y += st->leading;
  }
  (void)width;
  return y;
}

static double emit_tagged(Card *k, const LpPara *p, LpStyleId s, LpPage *page, double x, double y, const char *role) {
  lp_page_tag_begin(page, role, k->tag++, NULL);
  y = emit(k, p, s, page, x, y, 0);
  lp_page_tag_end(page);
  return y;
}

/* ---- the blocks: each measures itself at the current shrink, then draws ---- */

/* Where a block is drawn: its top, the text column, a canvas for its shapes. */
typedef struct {
  LpPage *page;
  LpCanvas *cv;
  cairo_t *cr;
  double x, w, y;
  gboolean rtl;
} At;

static const LpTimeline *need_timeline(Card *k, GError **err) {
  const LpTimeline *t = lp_doc_timeline(k->c.in->doc);
  if (!t) {
    LpPos pos = lp_pos(lp_doc_path(k->c.in->doc), 0, 0);
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "the card's layout shows the pain timeline, but the article has no ```timeline block");
  }
  return t;
}

/* The clinic's band with its name, logo and the card's title. */
static double logo_width(const Card *k) {
  double lh = 12 * MM;
  return lh * k->logo.width / MAX(1e-6, k->logo.height);
}

/* A leaflet's cover (spec->cover): the band reaches down over most of the
 * page, the layout's kicker and the logo at its head, the title and the
 * subtitle standing on its foot. */
#define COVER_BAND_SHARE 0.62

static gboolean plan_band(Card *k, Block *b, GError **err) {
  const LpLayoutSpec *spec = k->spec;
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  double w = width_of(k);
  const char *name = lp_vars_get(k->c.in->vars, "clinic.name");
  double logo_w = k->logo.surface ? logo_width(k) + 3 * MM : 0;
  char *kicker = spec->cover ? lp_compose_join(&k->c, NULL, spec->kicker, spec->kicker_pos, err) : g_strdup(name);
  if (spec->cover && !kicker)
    return FALSE;
  if (kicker && *kicker && !(b->head = plain(k, kicker, LP_STYLE_KICKER, w - logo_w, spec->kicker_pos, err))) {
    g_free(kicker);
    return FALSE;
  }
  g_free(kicker);
  const char *title = m->card_title && !k->c.in->spec->article_title ? m->card_title : m->title;
  if (!(b->main = heading(k, title, LP_STYLE_TITLE, w - (b->head ? 0 : logo_w), m->pos, err)))
    return FALSE;
  if (spec->cover && m->subtitle && !(b->extra = heading(k, m->subtitle, LP_STYLE_SUBTITLE, w, m->pos, err)))
    return FALSE;
  double head = MAX(para_h(b->head), k->logo.surface ? 12 * MM : 0);
  b->h = spec->band_padding + head + (head > 0 ? 2 * MM : 0) + para_h(b->main) +
         (b->extra ? 2 * MM + para_h(b->extra) : 0) + spec->band_padding * 0.9;
  if (spec->cover)
    b->h = MAX(b->h, COVER_BAND_SHARE * spec->page_h - lp_compose_draft_height(&k->c));
  return TRUE;
}

static void draw_band(Card *k, const Block *b, const At *at) {
  const LpLayoutSpec *spec = k->spec;
  double bleed = spec->bleed, y = at->y;
  double edge = y > 0 ? 0 : bleed; /* below a draft band, the band starts there */
  lp_page_artifact_begin(at->page);
  lp_canvas_rect(at->cv, -bleed, y - edge, spec->page_w + 2 * bleed, b->h + edge, spec->colors[LP_NAMED_BRAND]);
  lp_page_artifact_end(at->page);
  double cy = y + spec->band_padding;
  if (k->logo.surface) {
    double lh = 12 * MM, lw = logo_width(k);
    lp_page_tag_begin(at->page, "Figure", k->tag++, lp_vars_get(k->c.in->vars, "clinic.name"));
    lp_page_add_image(at->page, k->logo.surface, at->rtl ? at->x : at->x + at->w - lw, cy, lw, lh);
    lp_page_tag_end(at->page);
  }
  double head = MAX(para_h(b->head), k->logo.surface ? 12 * MM : 0);
  if (b->head)
    emit_tagged(k, b->head, LP_STYLE_KICKER, at->page, at->x, cy + (head - para_h(b->head)) / 2, "P");
  cy += head + (head > 0 ? 2 * MM : 0);
  if (spec->cover) /* the title block on the band's foot */
    cy = MAX(cy, y + b->h - spec->band_padding * 0.9 - para_h(b->main) - (b->extra ? 2 * MM + para_h(b->extra) : 0));
  cy = emit_tagged(k, b->main, LP_STYLE_TITLE, at->page, at->x, cy, "H1");
  if (b->extra)
    emit_tagged(k, b->extra, LP_STYLE_SUBTITLE, at->page, at->x, cy + 2 * MM, "P");
}

/* The key points, with drawn markers. */
static gboolean plan_points(Card *k, Block *b, GError **err) {
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  double w = width_of(k);
  if (m->card_points->len == 0) {
    lp_set_error(err, LP_EXIT_INPUT, &m->pos, "the card shows key points, but the front matter has no card points");
    return FALSE;
  }
  if (!(b->head = heading(k, label(k, "what_to_expect"), LP_STYLE_BOX_TITLE, w, m->pos, err)))
    return FALSE;
  b->items = g_ptr_array_new();
  const LpStyle *ls = &k->st[LP_STYLE_LIST];
  b->h = para_h(b->head) + 1.5 * MM;
  for (guint i = 0; i < m->card_points->len; i++) {
    LpStyle st = lp_style_clone(ls);
    LpPara *p = lp_compose_para(&k->c, g_ptr_array_index(m->card_points, i), &st, w - ls->indent, NULL, m->pos, err);
    lp_style_clear(&st);
    if (!p)
      return FALSE;
    g_ptr_array_add(b->items, p);
    b->h += para_h(p) + (i + 1 < m->card_points->len ? ls->space_after : 0);
  }
  return TRUE;
}

static void draw_points(Card *k, const Block *b, const At *at) {
  double x = at->x, w = at->w;
  double cy = emit_tagged(k, b->head, LP_STYLE_BOX_TITLE, at->page, x, at->y, "H2") + 1.5 * MM;
  const LpStyle *ls = &k->st[LP_STYLE_LIST];
  lp_page_tag_begin(at->page, "L", k->tag++, NULL);
  for (guint i = 0; i < b->items->len; i++) {
    LpPara *p = g_ptr_array_index(b->items, i);
    lp_page_tag_begin(at->page, "LI", k->tag++, NULL);
    /* A drawn marker, centred on the first line's x-height. */
    double r = MAX(1.5, ls->size * 0.17);
    double mx = at->rtl ? x + w - ls->indent / 2.5 : x + ls->indent / 2.5;
    cairo_arc(at->cr, mx, cy + lp_style_baseline(ls) - ls->size * 0.27, r, 0, 2 * G_PI);
    LpPaint dot = lp_paint_solid(k->spec->colors[LP_NAMED_BRAND]);
    /* The marker is the item's label, as a bullet character is elsewhere. */
    lp_page_tag_begin(at->page, "Lbl", k->tag++, NULL);
    lp_canvas_fill(at->cv, &dot);
    lp_page_tag_end(at->page);
    lp_page_tag_begin(at->page, "LBody", k->tag++, NULL);
    cy = emit(k, p, LP_STYLE_LIST, at->page, at->rtl ? x : x + ls->indent, cy, 0) + ls->space_after;
    lp_page_tag_end(at->page);
    lp_page_tag_end(at->page);
  }
  lp_page_tag_end(at->page);
}

/* The treatment date, or a line to write it on. */
static double date_h(const Card *k, const Block *b) {
  return b->main ? MAX(para_h(b->main), k->st[LP_STYLE_DATE].leading) : k->st[LP_STYLE_DATE].leading;
}

static gboolean plan_date(Card *k, Block *b, GError **err) {
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  double w = width_of(k);
  if (!(b->head = plain(k, label(k, "treatment_date"), LP_STYLE_LABEL, w, m->pos, err)))
    return FALSE;
  gboolean has;
  int y, mo, d;
  if (!lp_compose_treatment_date(&k->c, &has, &y, &mo, &d, err))
    return FALSE;
  if (has) {
    char *text = lp_compose_date(&k->c, y, mo, d, "yMMMMEEEEd", TRUE, err);
    if (!text)
      return FALSE;
    b->main = plain(k, text, LP_STYLE_DATE, w, m->pos, err);
    g_free(text);
    if (!b->main)
      return FALSE;
  }
  /* Without a date, the same room stays empty above the line, to write on; a
   * date in two calendars may take two lines, and the line goes below them. */
  b->h = para_h(b->head) + 1.5 * MM + date_h(k, b) + 2 * MM;
  return TRUE;
}

static void draw_date(Card *k, const Block *b, const At *at) {
  double cy = emit_tagged(k, b->head, LP_STYLE_LABEL, at->page, at->x, at->y, "P") + 1.5 * MM;
  if (b->main)
    emit_tagged(k, b->main, LP_STYLE_DATE, at->page, at->x, cy, "P");
  cy += date_h(k, b) + 2 * MM;
  cairo_set_line_width(at->cr, 0.75);
  cairo_move_to(at->cr, at->x, cy);
  cairo_line_to(at->cr, at->x + at->w, cy);
  lp_page_artifact_begin(at->page);
  lp_canvas_stroke(at->cv, k->spec->colors[LP_NAMED_RULE]);
  lp_page_artifact_end(at->page);
}

/* The patient's name: a card made for one patient (a mail merge) says whose
 * it is; a blank card leaves the block out. */
static gboolean plan_patient(Card *k, Block *b, GError **err) {
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  double w = width_of(k);
  const char *name = lp_vars_get(k->c.in->vars, "patient.name");
  if (!name || !*name) {
    b->h = -1;
    return TRUE;
  }
  if (!(b->head = plain(k, label(k, "patient"), LP_STYLE_LABEL, w, m->pos, err)) ||
      !(b->main = plain(k, name, LP_STYLE_DATE, w, m->pos, err)))
    return FALSE;
  b->h = para_h(b->head) + 1.5 * MM + para_h(b->main);
  return TRUE;
}

static void draw_patient(Card *k, const Block *b, const At *at) {
  double cy = emit_tagged(k, b->head, LP_STYLE_LABEL, at->page, at->x, at->y, "P") + 1.5 * MM;
  emit_tagged(k, b->main, LP_STYLE_DATE, at->page, at->x, cy, "P");
}

/* The article's version, as the leaflet's footer says it. */
static gboolean plan_version(Card *k, Block *b, GError **err) {
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  if (!m->version || !*m->version) {
    b->h = -1;
    return TRUE;
  }
  char *text = g_strdup_printf("%s %s", label(k, "version"), m->version);
  b->main = plain(k, g_strstrip(text), LP_STYLE_LABEL, width_of(k), m->pos, err);
  g_free(text);
  if (!b->main)
    return FALSE;
  b->h = para_h(b->main);
  return TRUE;
}

static void draw_version(Card *k, const Block *b, const At *at) {
  emit_tagged(k, b->main, LP_STYLE_LABEL, at->page, at->x, at->y, "P");
}

/* The version with the review cycle, as the leaflet's footer says them
 * ({review_dates}), and who reviewed the text ({reviewed}); left out when
 * the article has none of them. */
static gboolean plan_review(Card *k, Block *b, GError **err) {
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
  if (m->version && *m->version)
    g_ptr_array_add(parts, g_strdup_printf("%s %s", label(k, "version"), m->version));
  g_ptr_array_add(parts, g_strdup("{review_dates}"));
  char *line = lp_compose_join(&k->c, NULL, parts, m->pos, err);
  g_ptr_array_unref(parts);
  char *who = line ? lp_compose_expand(&k->c, NULL, "{reviewed}", m->pos, err) : NULL;
  gboolean ok = who != NULL;
  if (ok && *g_strstrip(line) && !(b->main = plain(k, line, LP_STYLE_LABEL, width_of(k), m->pos, err)))
    ok = FALSE;
  if (ok && *who && !(b->extra = plain(k, who, LP_STYLE_LABEL, width_of(k), m->pos, err)))
    ok = FALSE;
  g_free(line);
  g_free(who);
  if (!ok)
    return FALSE;
  b->h = b->main || b->extra ? para_h(b->main) + para_h(b->extra) : -1;
  return TRUE;
}

static void draw_review(Card *k, const Block *b, const At *at) {
  double y = at->y;
  if (b->main)
    y = emit_tagged(k, b->main, LP_STYLE_LABEL, at->page, at->x, y, "P");
  if (b->extra)
    emit_tagged(k, b->extra, LP_STYLE_LABEL, at->page, at->x, y, "P");
}

/* The code's side with its quiet zone on the card (0.5 mm modules, the
 * floor, for an address of 43 to 62 characters: version 4, 33 modules; a
 * longer one grows), and the gap between it and the text. */
#define CARD_QR_SIDE (20 * MM)
#define CARD_QR_GAP (5 * MM)

static double card_qr_side(const Card *k) {
  return k->qr ? lp_qr_side(k->qr, lp_qr_module_for(k->qr, CARD_QR_SIDE)) : 0;
}

/* Phone, name, address, web and e-mail, standing on the foot of the side; with
 * an `online` address, the QR code at the end edge and the address in words
 * beside it. */
static gboolean plan_contact(Card *k, Block *b, GError **err) {
  const LpLayoutSpec *spec = k->spec;
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  if (m->online && !k->qr && !(k->qr = lp_qr_new(m->online, m->online_pos, err)))
    return FALSE;
  double w = width_of(k) - (k->qr ? card_qr_side(k) + CARD_QR_GAP : 0);
  const char *phone = lp_vars_get(k->c.in->vars, "clinic.phone");
  if (!(b->head = plain(k, label(k, "questions"), LP_STYLE_LABEL, w, spec->kicker_pos, err)))
    return FALSE;
  if (phone && *phone && !(b->main = plain(k, phone, LP_STYLE_PHONE, w, spec->kicker_pos, err)))
    return FALSE;
  GPtrArray *parts = g_ptr_array_new();
  const char *keys[] = {"clinic.name", "clinic.address", "clinic.web", "clinic.email"};
  for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
    const char *v = lp_vars_get(k->c.in->vars, keys[i]);
    if (v && *v)
      g_ptr_array_add(parts, (gpointer)v);
  }
  g_ptr_array_add(parts, NULL);
  char *line = g_strjoinv(" · ", (char **)parts->pdata);
  g_ptr_array_unref(parts);
  if (*line && !(b->extra = plain(k, line, LP_STYLE_FOOTER, w, spec->kicker_pos, err))) {
    g_free(line);
    return FALSE;
  }
  g_free(line);
  double text_h = para_h(b->head) + para_h(b->main) + 1 * MM + para_h(b->extra);
  if (k->qr) {
    /* The label, then the address as written: never hyphenated. */
    b->items = g_ptr_array_new();
    LpPara *lab = plain(k, label(k, "online"), LP_STYLE_LABEL, w, m->online_pos, err);
    LpStyle st = lp_style_clone(&k->st[LP_STYLE_FOOTER]);
    st.hyphenate = FALSE;
    st.weight = 700;
    LpPara *url = lab ? lp_compose_plain(&k->c, m->online, &st, w, m->online_pos, err) : NULL;
    lp_style_clear(&st);
    if (!url)
      return FALSE;
    if (lp_para_n_lines(url) > 1 && g_hash_table_add(k->c.warned, g_strdup("\001online")))
      lp_ctx_warn_hint(k->c.in->ctx, &m->online_pos, "a shorter address (a redirect) prints on one line",
                       "the online address does not fit the card's %.0f mm on one line: it is broken across %d "
                       "lines, where a reader may take a break for part of it",
                       w / MM, lp_para_n_lines(url));
    g_ptr_array_add(b->items, lab);
    g_ptr_array_add(b->items, url);
    text_h += 1.5 * MM + para_h(lab) + para_h(url);
    text_h = MAX(text_h, card_qr_side(k));
  }
  b->h = 5 * MM + text_h + spec->margin_bottom;
  return TRUE;
}

static void draw_contact(Card *k, const Block *b, const At *at) {
  const LpLayoutSpec *spec = k->spec;
  lp_page_artifact_begin(at->page);
  lp_canvas_rect(at->cv, -spec->bleed, at->y, spec->page_w + 2 * spec->bleed, spec->page_h + spec->bleed - at->y,
                 spec->colors[LP_NAMED_TINT]);
  lp_page_artifact_end(at->page);
  double side = card_qr_side(k);
  double x = at->x + (k->qr && at->rtl ? side + CARD_QR_GAP : 0);
  double cy = emit_tagged(k, b->head, LP_STYLE_LABEL, at->page, x, at->y + 5 * MM, "P");
  if (b->main)
    cy = emit_tagged(k, b->main, LP_STYLE_PHONE, at->page, x, cy, "P");
  if (b->extra)
    cy = emit_tagged(k, b->extra, LP_STYLE_FOOTER, at->page, x, cy + 1 * MM, "P");
  if (!k->qr)
    return;
  const char *url = lp_doc_meta_const(k->c.in->doc)->online;
  double uy = cy + 1.5 * MM;
  cy = emit_tagged(k, g_ptr_array_index(b->items, 0), LP_STYLE_LABEL, at->page, x, uy, "P");
  cy = emit_tagged(k, g_ptr_array_index(b->items, 1), LP_STYLE_FOOTER, at->page, x, cy, "P");
  lp_page_add_link(at->page, x, uy, lp_para_max_line_width(g_ptr_array_index(b->items, 1)), cy - uy, url);
  double qx = at->rtl ? at->x : at->x + at->w - side, qy = at->y + 5 * MM;
  char *alt = g_strdup_printf("QR code: %s", url);
  lp_page_tag_begin(at->page, "Figure", k->tag++, alt);
  g_free(alt);
  lp_qr_draw(k->qr, at->page, qx, qy, lp_qr_module_for(k->qr, CARD_QR_SIDE), spec->colors[LP_NAMED_TEXT],
             lp_color_rgb_new(1, 1, 1));
  lp_page_tag_end(at->page);
  lp_page_add_link(at->page, qx, qy, side, side, url);
}

/* The timeline's caption as the side's heading. */
static gboolean plan_heading(Card *k, Block *b, GError **err) {
  const LpTimeline *t = need_timeline(k, err);
  if (!t || !(b->main = heading(k, t->caption ? t->caption : lp_doc_meta_const(k->c.in->doc)->title, LP_STYLE_H2,
                                width_of(k), t->pos, err)))
    return FALSE;
  b->h = para_h(b->main);
  return TRUE;
}

static void draw_heading(Card *k, const Block *b, const At *at) {
  emit_tagged(k, b->main, LP_STYLE_H2, at->page, at->x, at->y, "H2");
}

/* The diagram. */
static gboolean plan_timeline(Card *k, Block *b, GError **err) {
  const LpTimeline *t = need_timeline(k, err);
  if (!t || !(b->diagram = lp_compose_diagram_styled(&k->c, t, width_of(k), k->st, err)))
    return FALSE;
  b->alt = lp_compose_figure_alt(t);
  b->h = lp_diagram_height(b->diagram);
  return TRUE;
}

static void draw_timeline(Card *k, const Block *b, const At *at) {
  lp_page_tag_begin(at->page, "Figure", k->tag++, b->alt);
  lp_diagram_draw(b->diagram, at->page, at->x, at->y);
  lp_page_tag_end(at->page);
}

/* One line per phase: its label in bold, then its note. */
static gboolean plan_phases(Card *k, Block *b, GError **err) {
  const LpTimeline *t = need_timeline(k, err);
  if (!t)
    return FALSE;
  b->items = g_ptr_array_new();
  const LpStyle *bs = &k->st[LP_STYLE_BODY];
  for (guint i = 0; i < t->phases->len; i++) {
    const LpPhase *ph = &g_array_index(t->phases, LpPhase, i);
    LpRich *r = lp_rich_new();
    lp_rich_append(r, ph->label, -1, LP_SPAN_STRONG, NULL);
    if (ph->note) {
      lp_rich_append(r, " — ", -1, 0, NULL);
      lp_rich_append(r, ph->note, -1, 0, NULL);
    }
    LpStyle st = lp_style_clone(bs);
    LpPara *p = lp_compose_para(&k->c, r, &st, width_of(k), NULL, ph->pos, err);
    lp_style_clear(&st);
    lp_rich_free(r);
    if (!p)
      return FALSE;
    g_ptr_array_add(b->items, p);
    b->h += para_h(p) + (i + 1 < t->phases->len ? bs->space_after : 0);
  }
  return TRUE;
}

static void draw_phases(Card *k, const Block *b, const At *at) {
  double cy = at->y;
  for (guint i = 0; i < b->items->len; i++)
    cy = emit_tagged(k, g_ptr_array_index(b->items, i), LP_STYLE_BODY, at->page, at->x, cy, "P") +
         k->st[LP_STYLE_BODY].space_after;
}

/* The advice box; left out when the front matter has none. */
#define ADVICE_PAD (4.5 * MM)

static gboolean plan_advice(Card *k, Block *b, GError **err) {
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  double w = width_of(k);
  if (!m->advice) {
    b->h = -1;
    return TRUE;
  }
  if (m->advice_title &&
      !(b->head = heading(k, m->advice_title, LP_STYLE_BOX_TITLE, w - 2 * ADVICE_PAD, m->advice_pos, err)))
    return FALSE;
  LpStyle st = lp_style_clone(&k->st[LP_STYLE_BOX]);
  b->main = lp_compose_para(&k->c, m->advice, &st, w - 2 * ADVICE_PAD, NULL, m->advice_pos, err);
  lp_style_clear(&st);
  if (!b->main)
    return FALSE;
  b->h = 2 * ADVICE_PAD + para_h(b->head) + (b->head ? 1 * MM : 0) + para_h(b->main);
  return TRUE;
}

static void draw_advice(Card *k, const Block *b, const At *at) {
  lp_canvas_rounded_path(at->cr, at->x, at->y, at->w, b->h, 2.5 * MM);
  LpPaint tint = lp_paint_solid(k->spec->colors[LP_NAMED_TINT]);
  lp_page_artifact_begin(at->page);
  lp_canvas_fill(at->cv, &tint);
  lp_page_artifact_end(at->page);
  lp_page_tag_begin(at->page, "Sect", k->tag++, NULL);
  double cy = at->y + ADVICE_PAD;
  if (b->head)
    cy = emit_tagged(k, b->head, LP_STYLE_BOX_TITLE, at->page, at->x + ADVICE_PAD, cy, "H2") + 1 * MM;
  emit_tagged(k, b->main, LP_STYLE_BOX, at->page, at->x + ADVICE_PAD, cy, "P");
  lp_page_tag_end(at->page);
}

/* Every block a card side may hold: a new block is one entry here (and its
 * name in doc/style.c, where layouts name it). `flexible`: its text is what
 * copy-fit shrinks. A block that plans a negative height is left out. */
typedef struct {
  gboolean (*plan)(Card *k, Block *b, GError **err);
  void (*draw)(Card *k, const Block *b, const At *at);
  gboolean flexible;
} BlockClass;

static const BlockClass block_classes[] = {
    [LP_CARD_BAND] = {plan_band, draw_band, FALSE},
    [LP_CARD_POINTS] = {plan_points, draw_points, TRUE},
    [LP_CARD_DATE] = {plan_date, draw_date, FALSE},
    [LP_CARD_PATIENT] = {plan_patient, draw_patient, FALSE},
    [LP_CARD_CONTACT] = {plan_contact, draw_contact, FALSE},
    [LP_CARD_HEADING] = {plan_heading, draw_heading, FALSE},
    [LP_CARD_TIMELINE] = {plan_timeline, draw_timeline, FALSE},
    [LP_CARD_PHASES] = {plan_phases, draw_phases, TRUE},
    [LP_CARD_ADVICE] = {plan_advice, draw_advice, TRUE},
    [LP_CARD_VERSION] = {plan_version, draw_version, FALSE},
    [LP_CARD_REVIEW] = {plan_review, draw_review, FALSE},
};
G_STATIC_ASSERT(G_N_ELEMENTS(block_classes) == LP_CARD_BLOCK_COUNT);

static gboolean plan(Card *k, Block *b, GError **err) { return block_classes[b->kind].plan(k, b, err); }

static void draw(Card *k, const Block *b, LpPage *page, double y) {
  LpCanvas *cv = lp_canvas_new(page);
  At at = {page, cv, lp_canvas_cr(cv), k->spec->margin_left, width_of(k), y, k->c.env.rtl};
  block_classes[b->kind].draw(k, b, &at);
  lp_canvas_free(cv);
}

/* ---- sides and copy-fit ---- */

static void apply_shrink(Card *k, double shrink, gboolean *at_floor) {
  *at_floor = TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS(flexible); i++) {
    const LpStyle *base = &k->spec->styles[flexible[i]];
    LpStyle *s = &k->st[flexible[i]];
    double size = MAX(base->min_size, base->size - shrink);
    if (base->size - shrink > base->min_size)
      *at_floor = FALSE;
    double ratio = size / base->size;
    s->size = size;
    s->leading = base->leading * ratio;
    s->space_after = base->space_after * ratio;
    s->indent = base->indent;
  }
}

/* Which blocks of a side hold copy-fit text, for messages. */
static char *flexible_names(const GArray *kinds) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < kinds->len; i++) {
    LpCardBlock b = g_array_index(kinds, LpCardBlock, i);
    if (block_classes[b].flexible)
      g_string_append_printf(s, "%s%s", s->len ? ", " : "", lp_card_block_names()[b]);
  }
  return g_string_free(s, FALSE);
}

/* The room a side's stacked blocks have, and what they need. The band (when
 * first) hangs from the top edge, the contact block stands on the bottom edge;
 * every other block stacks between them, with a gap between neighbours. */
typedef struct {
  double top, bottom; /* the free band of the page between band and contact */
  double used;        /* the stacked blocks' heights */
  int gaps;
} Stack;

static Stack measure(const Card *k, const GArray *blocks) {
  const LpLayoutSpec *spec = k->spec;
  double draft = lp_compose_draft_height(&k->c);
  Stack st = {spec->margin_top + draft, spec->page_h - spec->margin_bottom, 0, -1};
  for (guint i = 0; i < blocks->len; i++) {
    const Block *b = &g_array_index(blocks, Block, i);
    if (b->h < 0)
      continue;
    if (b->kind == LP_CARD_BAND && i == 0) {
      st.top = draft + b->h;
      st.gaps++;
    } else if (b->kind == LP_CARD_CONTACT) {
      st.bottom = spec->page_h - b->h;
      st.gaps++;
    } else {
      st.used += b->h;
      st.gaps++;
    }
  }
  st.gaps = MAX(st.gaps, 0);
  return st;
}

/* Gaps between blocks: 5 mm, squeezed to 2.5 mm before text is shrunk below
 * its floor, spread to 11 mm at most when there is room to spare. */
#define GAP_MIN (2.5 * MM)
#define GAP_MAX (11 * MM)

static gboolean compose_side(Card *k, int side, GError **err) {
  const LpLayoutSpec *spec = k->spec;
  const GArray *kinds = spec->card_sides[side];
  const LpMeta *m = lp_doc_meta_const(k->c.in->doc);
  const LpTimeline *t = lp_doc_timeline(k->c.in->doc);
  static const char *const card_sides[] = {"the card's front", "the card's back"};
  static const char *const covers[] = {"the cover", "the back cover"};
  const char *const *side_names = spec->cover ? covers : card_sides;
  GArray *blocks = g_array_new(FALSE, TRUE, sizeof(Block));
  g_array_set_clear_func(blocks, block_clear);
  double shrink = 0;
  gboolean at_floor = FALSE, ok = TRUE;
  Stack st = {0};
  for (;;) {
    apply_shrink(k, shrink, &at_floor);
    g_array_set_size(blocks, 0);
    for (guint i = 0; ok && i < kinds->len; i++) {
      Block b = {0};
      b.kind = g_array_index(kinds, LpCardBlock, i);
      ok = plan(k, &b, err);
      g_array_append_val(blocks, b);
    }
    if (!ok)
      break;
    st = measure(k, blocks);
    if (st.used + st.gaps * GAP <= st.bottom - st.top + 0.01 || at_floor)
      break;
    shrink += LP_COPYFIT_STEP;
  }
  double overflow = st.used + st.gaps * GAP_MIN - (st.bottom - st.top);
  if (ok && overflow > 0.01) {
    char *names = flexible_names(kinds);
    LpPos pos = side == 1 && t && !spec->cover ? t->pos : m->pos;
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "%s (%s) overflows by %.1f mm even at the smallest allowed text size (%.4g pt); "
                 "shorten the text (language %s)",
                 side_names[side], *names ? names : "its blocks", overflow / MM, k->st[LP_STYLE_BODY].size,
                 k->c.env.lang);
    g_free(names);
    ok = FALSE;
  }
  if (ok) {
    double gap = st.gaps ? CLAMP((st.bottom - st.top - st.used) / st.gaps, GAP_MIN, GAP_MAX) : 0;
    if (shrink > 0)
      lp_ctx_warn(k->c.in->ctx, side == 1 && t ? &t->pos : &m->pos, "%s: text shrunk by %.2g pt to fit (language %s)",
              side_names[side], shrink, k->c.env.lang);
    LpPage *page = lp_page_new(spec->page_w, spec->page_h);
    lp_book_add_page(k->c.book, page);
    double top = lp_compose_draft_band(&k->c, page, err);
    if (top < 0) {
      g_array_free(blocks, TRUE);
      return FALSE;
    }
    double y = spec->margin_top + top;
    if (spec->cover) {
      /* A cover's blocks stand on its foot (above the contact), a gap apart. */
      int stacked = 0;
      gboolean contact = FALSE;
      for (guint i = 0; i < blocks->len; i++) {
        const Block *b = &g_array_index(blocks, Block, i);
        contact |= b->h >= 0 && b->kind == LP_CARD_CONTACT;
        stacked += b->h >= 0 && b->kind != LP_CARD_CONTACT && !(b->kind == LP_CARD_BAND && i == 0);
      }
      gap = GAP;
      y = MAX(st.top + GAP_MIN, st.bottom - st.used - MAX(stacked - 1, 0) * gap - (contact ? gap : 0));
    }
    gboolean first_stacked = TRUE;
    for (guint i = 0; i < blocks->len; i++) {
      Block *b = &g_array_index(blocks, Block, i);
      if (b->h < 0)
        continue;
      if (b->kind == LP_CARD_BAND && i == 0) {
        draw(k, b, page, top);
        if (!spec->cover)
          y = top + b->h + gap;
        first_stacked = FALSE;
      } else if (b->kind == LP_CARD_CONTACT) {
        draw(k, b, page, spec->page_h - b->h);
      } else {
        if (first_stacked && i > 0 && !spec->cover)
          y += gap;
        first_stacked = FALSE;
        draw(k, b, page, y);
        y += b->h + gap;
      }
    }
  }
  g_array_free(blocks, TRUE);
  return ok;
}

LpBook *lp_card_compose(const LpLayoutInput *in, GError **err) {
  Card k = {0};
  k.spec = in->spec;
  lp_compose_init(&k.c, in);
  for (int i = 0; i < LP_STYLE_COUNT; i++)
    k.st[i] = lp_style_clone(&in->spec->styles[i]);
  gboolean ok = lp_compose_values(&k.c, err) && lp_compose_prepare_draft(&k.c, err) && lp_compose_logo(&k.c, &k.logo, err) && compose_side(&k, 0, err) && compose_side(&k, 1, err);
  LpBook *book = NULL;
  if (ok) {
    lp_compose_info(&k.c);
    book = k.c.book;
    k.c.book = NULL;
  }
  for (int i = 0; i < LP_STYLE_COUNT; i++)
    lp_style_clear(&k.st[i]);
  lp_image_clear(&k.logo);
  lp_qr_free(k.qr);
  lp_compose_clear(&k.c);
  return book;
}

void lp_card_keys(const LpLayoutSpec *spec, GHashTable *keys) {
  /* Per block, the values its plan_* function reads. */
  static const char *const block_keys[LP_CARD_BLOCK_COUNT][7] = {
      [LP_CARD_BAND] = {"clinic.name", "clinic.logo"},
      [LP_CARD_PATIENT] = {"patient.name"},
      [LP_CARD_DATE] = {"treatment_date"},
      [LP_CARD_CONTACT] = {"clinic.phone", "clinic.name", "clinic.address", "clinic.web", "clinic.email", "online"},
      [LP_CARD_TIMELINE] = {"treatment_date"},
      [LP_CARD_REVIEW] = {"review_dates", "reviewed", "published", "review_due"},
  };
  for (int side = 0; side < 2; side++)
    for (guint i = 0; spec->card_sides[side] && i < spec->card_sides[side]->len; i++) {
      LpCardBlock block = g_array_index(spec->card_sides[side], LpCardBlock, i);
      for (gsize k = 0; block < LP_CARD_BLOCK_COUNT && k < G_N_ELEMENTS(block_keys[block]) && block_keys[block][k]; k++)
        g_hash_table_add(keys, g_strdup(block_keys[block][k]));
    }
}
