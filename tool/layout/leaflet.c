/* The leaflet composer: a title band on page 1, the "in short" box, the body in
 * columns, header and footer on every page. */
#include <math.h>
#include <string.h>

#include "layout/card.h"
#include "layout/compose.h"
#include "layout/flow.h"
#include "layout/qr.h"
#include "layout/leaflet.h"

#include "layout/locale.h"
#include "page/canvas.h"

#define MM (72.0 / 25.4)

typedef struct {
  LpCompose c;
  const LpLayoutSpec *spec;
  LpFlow *flow;
  double band_h;
  double prev_after; /* space owed after the previous block */
  int block_id;
  int groups;        /* paragraphs placed so far: each one's lines form a group */
  int figures;
  LpQr *qr;          /* the contact panel's code, owned */
  LpBook *covers;    /* the cover and the back cover (booklet:), a card's two sides, owned */
  gboolean cover, back_cover; /* the book starts with a cover, ends with a back cover */
  LpImage logo;      /* the clinic's, on the title band; owned */
  GPtrArray *surfaces; /* the body pictures' decoded surfaces, owned (pages hold their own references) */
} Leaflet;

/* A line of a paragraph, as a flow item's data. */
typedef struct {
  LpPara *para;
  int line;
  double baseline; /* below the item's top */
  double dx;       /* from the column's left edge: the indent, unless the text
                      runs right to left, where the indent is on the right */
} LineRef;

typedef struct {
  LpPara *marker;
  double baseline;
  double indent; /* width of the marker's slot */
  gboolean rtl;
} MarkerRef;

static void draw_line(gpointer data, LpPage *page, int frame, double x, double y, double w) {
  LineRef *l = data;
  lp_para_emit_line(l->para, l->line, page, x + l->dx, y + l->baseline, frame);
}

static void draw_marker(gpointer data, LpPage *page, int frame, double x, double y, double w) {
  MarkerRef *m = data;
  double mw = lp_para_line_width(m->marker, 0);
  double gap = 1.6 * MM;
  double mx = m->rtl ? x + w - m->indent + gap : x + m->indent - gap - mw;
  lp_para_emit_line(m->marker, 0, page, mx, y + m->baseline, frame);
}

/* Lines of a paragraph into the flow, with the break rules: no orphan (a break
 * after the first line) and no widow (a break before the last line). */
static void add_lines(Leaflet *L, LpPara *p, const LpStyle *st, double indent, LpTagPath tags, gboolean keep_all,
                      int outline_level, const char *outline_title) {
  int n = lp_para_n_lines(p);
  int group = ++L->groups;
  for (int i = 0; i < n; i++) {
    LineRef *ref = lp_compose_keep(&L->c, g_new0(LineRef, 1));
    ref->para = p;
    ref->line = i;
    ref->baseline = lp_style_baseline(st);
    ref->dx = L->c.env.rtl ? 0 : indent;
    LpFlowItem it = {0};
    it.height = st->leading;
    it.space_before = i == 0 ? MAX(L->prev_after, st->space_before) : 0;
    it.keep_with_next = keep_all || (i == 0 && n > 1) || (i == n - 2);
    it.no_page_end = lp_para_line_hyphenated(p, i);
    it.draw = draw_line;
    it.data = ref;
    it.tags = tags;
    it.group = group;
    if (i == 0) {
      it.outline_level = outline_level;
      it.outline_title = outline_title;
    }
    lp_flow_add(L->flow, &it);
  }
  L->prev_after = st->space_after;
}

static gboolean add_block(Leaflet *L, const LpBlock *b, double indent, LpTagPath tags, GError **err);
static gboolean add_figure(Leaflet *L, const LpBlock *b, GError **err);

static char *marker_text(const LpBlock *list, guint item) {
  if (lp_block_list_ordered(list))
    return g_strdup_printf("%d.", lp_block_list_start(list) + (int)item);
  return g_strdup("•");
}

static gboolean add_list(Leaflet *L, const LpBlock *b, double indent, LpTagPath tags, GError **err) {
  const LpStyle *st = &L->spec->styles[LP_STYLE_LIST];
  int list_id = L->block_id++;
  LpTagPath lt = tags;
  lp_tag_path_push(&lt, "L", list_id);
  double item_indent = indent + st->indent;
  for (guint i = 0; i < lp_block_list_n_items(b); i++) {
    const GPtrArray *children = lp_block_list_item(b, i);
    LpTagPath li = lt;
    lp_tag_path_push(&li, "LI", list_id * 1000 + (int)i);
    /* The marker: a zero-height item kept with the item's first line. */
    LpStyle mst = lp_style_clone(st);
    mst.color = L->spec->colors[LP_NAMED_BRAND];
    if (!lp_block_list_ordered(b))
      mst.weight = 700;
    char *mtext = marker_text(b, i);
    LpPara *marker = lp_compose_plain(&L->c, mtext, &mst, 0, lp_block_pos(b), err);
    g_free(mtext);
    lp_style_clear(&mst);
    if (!marker)
      return FALSE;
    MarkerRef *m = lp_compose_keep(&L->c, g_new0(MarkerRef, 1));
    m->marker = marker;
    m->baseline = lp_style_baseline(st);
    m->indent = item_indent;
    m->rtl = L->c.env.rtl;
    LpFlowItem it = {0};
    it.keep_with_next = TRUE;
    it.space_before = MAX(L->prev_after, i == 0 ? st->space_before : 0);
    it.draw = draw_marker;
    it.data = m;
    it.tags = li;
    lp_tag_path_push(&it.tags, "Lbl", list_id * 1000 + (int)i);
    lp_flow_add(L->flow, &it);
    L->prev_after = 0; /* the item's first line shares the marker's top */
    LpTagPath body = li;
    lp_tag_path_push(&body, "LBody", list_id * 1000 + (int)i);
    for (guint k = 0; k < children->len; k++)
      if (!add_block(L, g_ptr_array_index(children, k), item_indent, body, err))
        return FALSE;
  }
  L->prev_after = MAX(L->prev_after, L->spec->styles[LP_STYLE_BODY].space_after);
  return TRUE;
}

/* ---- the timeline as a figure across the columns ---- */

typedef struct {
  Leaflet *L;
  LpPara *caption;
  LpDiagram *diagram;
  const char *alt; /* kept by the compose */
  double pad, h;
} Figure;

static void draw_figure(gpointer data, LpPage *page, int frame, double x, double y, double w) {
  Figure *fg = data;
  const LpLayoutSpec *spec = fg->L->spec;
  const LpStyle *cs = &spec->styles[LP_STYLE_CAPTION];
  lp_page_artifact_begin(page);
  LpCanvas *cv = lp_canvas_new(page);
  cairo_t *cr = lp_canvas_cr(cv);
  double r = 2.5 * MM;
  cairo_set_line_width(cr, 0.75);
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + fg->h - r, r, 0, G_PI / 2);
  cairo_arc(cr, x + r, y + fg->h - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
  lp_canvas_stroke(cv, spec->colors[LP_NAMED_RULE]);
  lp_canvas_free(cv);
  lp_page_artifact_end(page);
  double cy = y + fg->pad;
  lp_page_tag_begin(page, "Caption", -1, NULL);
  for (int i = 0; i < lp_para_n_lines(fg->caption); i++) {
    lp_para_emit_line(fg->caption, i, page, x + fg->pad, cy + lp_style_baseline(cs), frame);
    cy += cs->leading;
  }
  lp_page_tag_end(page);
  /* The drawing and its labels are the Figure, whose alternate text says in
   * words what they show; a reader hears the caption, then that. (cairo 1.16
   * marks content only in structure elements without children, so the
   * Figure holds nothing but the diagram.) */
  lp_page_tag_begin(page, "Figure", -1, fg->alt);
  lp_diagram_draw(fg->diagram, page, x + fg->pad, cy + 2 * MM);
  lp_page_tag_end(page);
}

/* The next figure's label: "Figure 1" by default; a label with {number}
 * places it ("{number}. ábra", "{number} pav."). The timeline and captioned
 * pictures share the count. */
static char *next_figure_label(Leaflet *L) {
  const char *word = lp_compose_label(&L->c, "figure");
  char *number = lp_locale_number(L->c.locale, ++L->figures);
  char *label = NULL;
  if (word && strstr(word, "{number}")) {
    char **parts = g_strsplit(word, "{number}", -1);
    label = g_strjoinv(number, parts);
    g_strfreev(parts);
  } else {
    label = g_strdup_printf("%s %s", word ? word : "", number);
  }
  g_free(number);
  return label;
}

static gboolean add_figure(Leaflet *L, const LpBlock *b, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  const LpTimeline *t = lp_block_timeline(b);
  Figure *fg = lp_compose_keep(&L->c, g_new0(Figure, 1));
  fg->L = L;
  fg->pad = 4.5 * MM;
  double inner = lp_layout_spec_text_width(spec) - 2 * fg->pad;
  char *label = next_figure_label(L);
  char *caption = g_strdup_printf("%s%s%s", label, t->caption ? " · " : "", t->caption ? t->caption : "");
  g_free(label);
  fg->caption = lp_compose_plain(&L->c, g_strstrip(caption), &spec->styles[LP_STYLE_CAPTION], inner, t->pos, err);
  g_free(caption);
  if (!fg->caption || !(fg->diagram = lp_compose_diagram(&L->c, t, inner, err)))
    return FALSE;
  fg->h = 2 * fg->pad + lp_para_height(fg->caption) + 2 * MM + lp_diagram_height(fg->diagram);
  LpFlowItem it = {0};
  it.height = fg->h;
  it.span = TRUE;
  it.draw = draw_figure;
  it.data = fg;
  fg->alt = lp_compose_keep(&L->c, lp_compose_figure_alt(t));
  /* Caption and Figure side by side in one division (see draw_figure). */
  lp_tag_path_push(&it.tags, "Div", L->block_id++);
  lp_flow_add(L->flow, &it);
  L->prev_after = 0;
  return TRUE;
}

/* ---- pictures: in the column or across the columns, with a caption ---- */

#define MIN_DPI 150.0

typedef struct {
  LpImage img;      /* the surface is owned by Leaflet.surfaces */
  LpPara *caption;  /* or NULL */
  double w, h;      /* the picture's printed size */
  double gap;       /* between the picture and its caption */
  gboolean rtl;
  const LpStyle *cs; /* the caption's */
} PictureRef;

static void draw_picture(gpointer data, LpPage *page, int frame, double x, double y, double w) {
  PictureRef *p = data;
  /* A picture narrower than its measure stands at the start side. */
  double px = p->rtl ? x + w - p->w : x;
  lp_page_add_image(page, p->img.surface, px, y, p->w, p->h);
  if (!p->caption)
    return;
  double cy = y + p->h + p->gap;
  lp_page_tag_begin(page, "Caption", -1, NULL);
  for (int i = 0; i < lp_para_n_lines(p->caption); i++) {
    lp_para_emit_line(p->caption, i, page, x, cy + lp_style_baseline(p->cs), frame);
    cy += p->cs->leading;
  }
  lp_page_tag_end(page);
}

static gboolean add_picture(Leaflet *L, const LpBlock *b, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  const LpPicture *pic = lp_block_picture(b);
  LpCtx *ctx = L->c.in->ctx;
  char *what = g_strdup_printf("the picture '%s'", pic->name);
  PictureRef *p = lp_compose_keep(&L->c, g_new0(PictureRef, 1));
  p->rtl = L->c.env.rtl;
  if (!lp_image_load(ctx, pic->bytes, pic->format, what, &pic->pos, &p->img, err)) {
    g_free(what);
    return FALSE;
  }
  g_ptr_array_add(L->surfaces, p->img.surface);
  gboolean across = pic->place == LP_PLACE_ACROSS || (pic->place == LP_PLACE_DEFAULT && spec->picture_across);
  across = across && spec->columns > 1;
  double measure = across ? lp_layout_spec_text_width(spec) : lp_layout_spec_column_width(spec);
  const char *where = across ? "the text's width" : "its column";
  double w = pic->width_pt > 0 ? pic->width_pt : (pic->width_frac > 0 ? pic->width_frac : spec->picture_width) * measure;
  if (w > measure + 0.01) {
    lp_ctx_warn(ctx, &pic->pos, "%s is %.0f mm wide, wider than %s (%.0f mm): printed %.0f mm wide", what, w / MM,
                where, measure / MM, measure / MM);
    w = measure;
  }
  const LpStyle *cs = p->cs = &spec->styles[LP_STYLE_CAPTION];
  if (pic->caption) {
    char *label = next_figure_label(L);
    char *text = g_strdup_printf("%s · %s", label, pic->caption);
    g_free(label);
    p->caption = lp_compose_plain(&L->c, g_strstrip(text), cs, measure, pic->pos, err);
    g_free(text);
    if (!p->caption) {
      g_free(what);
      return FALSE;
    }
    p->gap = 2 * MM;
  }
  double cap_h = p->caption ? p->gap + lp_para_height(p->caption) : 0;
  double h = w * p->img.height / MAX(1e-6, p->img.width);
  /* Never split, so never taller than a page's text area. */
  double room = spec->page_h - spec->margin_top - spec->margin_bottom - lp_compose_draft_height(&L->c) - cap_h;
  if (h > room && room > 0) {
    double w2 = room * p->img.width / MAX(1e-6, p->img.height);
    lp_ctx_warn(ctx, &pic->pos, "%s would be %.0f mm tall at %.0f mm wide, taller than the page's %.0f mm of room: "
                "printed %.0f by %.0f mm",
                what, h / MM, w / MM, room / MM, w2 / MM, room / MM);
    w = w2;
    h = room;
  }
  p->w = w;
  p->h = h;
  double dpi = lp_image_dpi(&p->img, w);
  if (dpi > 0 && dpi < MIN_DPI)
    lp_ctx_warn_hint(ctx, &pic->pos, "give a picture with more pixels, or print it smaller (width=…)",
                     "%s is %.0f by %.0f pixels printed %.0f by %.0f mm: %.0f dpi, under the %.0f dpi print needs "
                     "(at %.0f dpi it prints at most %.0f mm wide)",
                     what, p->img.width, p->img.height, w / MM, h / MM, dpi, MIN_DPI, MIN_DPI,
                     p->img.width / MIN_DPI * 25.4);
  g_free(what);
  LpFlowItem it = {0};
  it.height = h + cap_h;
  it.space_before = MAX(L->prev_after, spec->styles[LP_STYLE_BODY].space_before);
  it.span = across;
  it.draw = draw_picture;
  it.data = p;
  it.alt = pic->alt;
  lp_tag_path_push(&it.tags, "Figure", L->block_id++);
  /* Kept with the paragraph before it, the one that introduces it. */
  lp_flow_keep_last(L->flow);
  lp_flow_add(L->flow, &it);
  L->prev_after = across ? 0 : spec->styles[LP_STYLE_BODY].space_after;
  return TRUE;
}

static gboolean add_block(Leaflet *L, const LpBlock *b, double indent, LpTagPath tags, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  double width = lp_layout_spec_column_width(spec) - indent;
  switch (lp_block_kind(b)) {
  case LP_BLOCK_HEADING: {
    const LpStyle *st = &spec->styles[lp_block_level(b) == 2 ? LP_STYLE_H2 : LP_STYLE_H3];
    LpPara *p = lp_compose_heading(&L->c, lp_block_text(b), st, width, b, lp_block_pos(b), err);
    if (!p)
      return FALSE;
    int id = L->block_id++;
    lp_tag_path_push(&tags, lp_block_level(b) == 2 ? "H2" : "H3", id);
    add_lines(L, p, st, indent, tags, TRUE, lp_block_level(b) - 1, lp_rich_text(lp_block_text(b)));
    return TRUE;
  }
  case LP_BLOCK_PARAGRAPH: {
    gboolean in_list = tags.n > 0;
    const LpStyle *st = &spec->styles[in_list ? LP_STYLE_LIST : LP_STYLE_BODY];
    LpPara *p = lp_compose_para(&L->c, lp_block_text(b), st, width, b, lp_block_pos(b), err);
    if (!p)
      return FALSE;
    lp_tag_path_push(&tags, "P", L->block_id++);
    add_lines(L, p, st, indent, tags, FALSE, 0, NULL);
    return TRUE;
  }
  case LP_BLOCK_LIST:
    return add_list(L, b, indent, tags, err);
  case LP_BLOCK_TIMELINE:
    return add_figure(L, b, err);
  case LP_BLOCK_PICTURE:
    return add_picture(L, b, err);
  }
  return TRUE;
}

/* ---- the "in short" box: the card's key points, across the columns ---- */

typedef struct {
  Leaflet *L;
  LpPara *title;
  LpPara **points;
  guint n_points;
  LpPara *bullet;
  double pad, h;
} SummaryBox;

/* A full-width box after what the flow holds so far, as one structure
 * section: the key points on page 1, the contact panel at the end. */
static void add_box(Leaflet *L, double h, LpFlowDraw draw, gpointer data) {
  LpFlowItem it = {0};
  it.height = h;
  it.span = TRUE;
  it.draw = draw;
  it.data = data;
  lp_tag_path_push(&it.tags, "Sect", L->block_id++);
  lp_flow_add(L->flow, &it);
}

/* The tinted box with rounded corners that the key points and the contact
 * panel sit in. */
static void tint_box(const LpLayoutSpec *spec, LpPage *page, double x, double y, double w, double h) {
  lp_page_artifact_begin(page);
  LpCanvas *cv = lp_canvas_new(page);
  cairo_t *cr = lp_canvas_cr(cv);
  lp_canvas_rounded_path(cr, x, y, w, h, 2.5 * MM);
  LpPaint tint = lp_paint_solid(spec->colors[LP_NAMED_TINT]);
  lp_canvas_fill(cv, &tint);
  lp_canvas_free(cv);
  lp_page_artifact_end(page);
}

static void draw_summary(gpointer data, LpPage *page, int frame, double x, double y, double w) {
  SummaryBox *s = data;
  const LpLayoutSpec *spec = s->L->spec;
  const LpStyle *ts = &spec->styles[LP_STYLE_BOX_TITLE], *bs = &spec->styles[LP_STYLE_BOX];
  gboolean rtl = s->L->c.env.rtl;
  tint_box(spec, page, x, y, w, s->h);

  double cy = y + s->pad;
  double inner_x = x + s->pad, inner_w = w - 2 * s->pad;
  lp_page_tag_begin(page, "H2", -1, NULL);
  for (int i = 0; i < lp_para_n_lines(s->title); i++) {
    lp_para_emit_line(s->title, i, page, inner_x, cy + lp_style_baseline(ts), frame);
    cy += ts->leading;
  }
  lp_page_tag_end(page);
  cy += ts->space_after;
  lp_page_tag_begin(page, "L", -1, NULL);
  for (guint k = 0; k < s->n_points; k++) {
    LpPara *p = s->points[k];
    lp_page_tag_begin(page, "LI", -1, NULL);
    lp_page_tag_begin(page, "Lbl", -1, NULL);
    double bw = lp_para_line_width(s->bullet, 0);
    double bx = rtl ? inner_x + inner_w - bs->indent + 1.6 * MM : inner_x + bs->indent - 1.6 * MM - bw;
    lp_para_emit_line(s->bullet, 0, page, bx, cy + lp_style_baseline(bs), frame);
    lp_page_tag_end(page);
    lp_page_tag_begin(page, "LBody", -1, NULL);
    for (int i = 0; i < lp_para_n_lines(p); i++) {
      lp_para_emit_line(p, i, page, rtl ? inner_x : inner_x + bs->indent, cy + lp_style_baseline(bs), frame);
      cy += bs->leading;
    }
    cy += bs->space_after;
    lp_page_tag_end(page);
    lp_page_tag_end(page);
  }
  lp_page_tag_end(page);
}

static gboolean add_summary(Leaflet *L, GError **err) {
  const LpMeta *m = lp_doc_meta_const(L->c.in->doc);
  const LpLayoutSpec *spec = L->spec;
  if (!spec->summary || m->card_points->len == 0)
    return TRUE;
  SummaryBox *s = lp_compose_keep(&L->c, g_new0(SummaryBox, 1));
  s->L = L;
  s->pad = 4.5 * MM;
  double inner_w = lp_layout_spec_text_width(spec) - 2 * s->pad;
  const LpStyle *ts = &spec->styles[LP_STYLE_BOX_TITLE], *bs = &spec->styles[LP_STYLE_BOX];
  char *title = lp_compose_expand(&L->c, NULL, spec->summary_title, spec->summary_title_pos, err);
  if (!title)
    return FALSE;
  s->title = lp_compose_plain(&L->c, title, ts, inner_w, spec->summary_title_pos, err);
  g_free(title);
  if (!s->title)
    return FALSE;
  LpStyle bullet = lp_style_clone(bs);
  bullet.color = spec->colors[LP_NAMED_BRAND];
  bullet.weight = 700;
  s->bullet = lp_compose_plain(&L->c, "•", &bullet, 0, spec->summary_title_pos, err);
  lp_style_clear(&bullet);
  if (!s->bullet)
    return FALSE;
  s->points = lp_compose_keep(&L->c, g_new0(LpPara *, m->card_points->len));
  double h = s->pad * 2 + lp_para_height(s->title) + ts->space_after;
  for (guint i = 0; i < m->card_points->len; i++) {
    LpPara *p = lp_compose_para(&L->c, g_ptr_array_index(m->card_points, i), bs, inner_w - bs->indent, NULL,
                                m->pos, err);
    if (!p)
      return FALSE;
    s->points[s->n_points++] = p;
    h += lp_para_height(p) + (i + 1 < m->card_points->len ? bs->space_after : 0);
  }
  s->h = h;
  add_box(L, h, draw_summary, s);
  return TRUE;
}

/* ---- the clinic's contact panel, after the text ---- */

typedef struct {
  Leaflet *L;
  LpPara *title, *phone, *details; /* phone and details may be NULL */
  LpQr *qr;                        /* the online version's code, or NULL */
  LpPara *online_label, *online_url;
  double module, text_w, url_w;    /* the code's module; the text's and the address's widths */
  double row;                      /* stacked: the online row's top below the panel's top, else 0 */
  double pad, h;
} ContactPanel;

/* Emits every line of `p` from `y` (the top of its first line box) inside one
 * structure element; returns the y below it. */
static double emit_lines(LpPara *p, const LpStyle *st, LpPage *page, double x, double y, int frame,
                         const char *role) {
  lp_page_tag_begin(page, role, -1, NULL);
  for (int i = 0; i < lp_para_n_lines(p); i++) {
    lp_para_emit_line(p, i, page, x, y + lp_style_baseline(st), frame);
    y += st->leading;
  }
  lp_page_tag_end(page);
  return y;
}

/* The gap between the panel's text, the address and the code. */
#define CONTACT_GAP (5 * MM)
/* The code's side with its quiet zone: 0.54 mm modules for an address of 43
 * to 62 characters (version 4, 33 modules), never under 0.5 mm. */
#define CONTACT_QR_SIDE (22 * MM)

static void draw_contact(gpointer data, LpPage *page, int frame, double x, double y, double w) {
  ContactPanel *c = data;
  const LpLayoutSpec *spec = c->L->spec;
  gboolean rtl = c->L->c.env.rtl;
  tint_box(spec, page, x, y, w, c->h);
  /* The text from the start edge, the code at the end edge, the address in
   * words beside it: beside the text, or in a row of their own below it. */
  double tx = rtl ? x + w - c->pad - c->text_w : x + c->pad;
  double cy = emit_lines(c->title, &spec->styles[LP_STYLE_BOX_TITLE], page, tx, y + c->pad, frame, "H2");
  if (c->phone)
    cy = emit_lines(c->phone, &spec->styles[LP_STYLE_H2], page, tx, cy + 1 * MM, frame, "P");
  if (c->details)
    emit_lines(c->details, &spec->styles[LP_STYLE_BOX], page, tx, cy + 1 * MM, frame, "P");
  if (!c->qr)
    return;
  double side = lp_qr_side(c->qr, c->module);
  double qx = rtl ? x + c->pad : x + w - c->pad - side, qy = y + (c->row ? c->row : c->pad);
  double ux = rtl ? qx + side + CONTACT_GAP : qx - CONTACT_GAP - c->url_w;
  if (c->row)
    ux = rtl ? x + w - c->pad - c->url_w : x + c->pad;
  const char *url = lp_doc_meta_const(c->L->c.in->doc)->online;
  double uy = qy + 0.5 * MM;
  uy = emit_lines(c->online_label, &spec->styles[LP_STYLE_BOX_TITLE], page, ux, uy, frame, "P");
  double end = emit_lines(c->online_url, &spec->styles[LP_STYLE_BOX], page, ux, uy, frame, "P");
  char *alt = g_strdup_printf("QR code: %s", url);
  lp_page_tag_begin(page, "Figure", -1, alt);
  g_free(alt);
  lp_qr_draw(c->qr, page, qx, qy, c->module, spec->colors[LP_NAMED_TEXT], lp_color_rgb_new(1, 1, 1));
  lp_page_tag_end(page);
  lp_page_add_link(page, qx, qy, side, side, url);
  lp_page_add_link(page, ux, qy, c->url_w, end - qy, url);
}

/* The address in words, as written: never hyphenated (a hyphen added to an
 * address is a different address), broken only where it has a break. */
static LpPara *online_url(Leaflet *L, const LpMeta *m, double width, GError **err) {
  LpStyle st = lp_style_clone(&L->spec->styles[LP_STYLE_BOX]);
  st.hyphenate = FALSE;
  LpPara *p = lp_compose_plain(&L->c, m->online, &st, width, m->online_pos, err);
  lp_style_clear(&st);
  return p;
}

/* A patient who reads to the end finds whom to call: the clinic's phone in
 * large type, its name, address, web site and e-mail, in a box across the
 * columns, and with an `online` address a QR code to the online version.
 * Nothing when the profile has neither a phone nor an address. */
static gboolean add_contact(Leaflet *L, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  const LpVars *vars = L->c.in->vars;
  const LpMeta *m = lp_doc_meta_const(L->c.in->doc);
  if (!spec->contact)
    return TRUE;
  const char *phone = lp_vars_get(vars, "clinic.phone"), *address = lp_vars_get(vars, "clinic.address");
  if ((!phone || !*phone) && (!address || !*address)) {
    if (m->online)
      lp_ctx_warn(L->c.in->ctx, &m->online_pos,
                  "the clinic profile has neither a phone nor an address, so the %s has no contact panel and no QR "
                  "code for the online version",
                  spec->name);
    return TRUE;
  }
  ContactPanel *c = lp_compose_keep(&L->c, g_new0(ContactPanel, 1));
  c->L = L;
  c->pad = 4.5 * MM;
  double inner_w = lp_layout_spec_text_width(spec) - 2 * c->pad;
  c->text_w = inner_w;
  if (m->online) {
    if (!(c->qr = lp_qr_new(m->online, m->online_pos, err)))
      return FALSE;
    L->qr = c->qr; /* freed with the leaflet's composer */
    c->module = lp_qr_module_for(c->qr, CONTACT_QR_SIDE);
    double rest = inner_w - lp_qr_side(c->qr, c->module) - CONTACT_GAP;
    /* The address on one line where the text keeps 50 mm: a line break
     * inside an address (at its hyphen, say) reads as part of it. */
    LpPara *one = online_url(L, m, 0, err);
    if (!one)
      return FALSE;
    double cap = rest - CONTACT_GAP - 50 * MM;
    double want = MAX(0.55 * (rest - CONTACT_GAP), lp_para_max_line_width(one) + 1);
    if (want <= cap) {
      c->url_w = want;
      c->text_w = rest - CONTACT_GAP - c->url_w;
      c->online_url = one;
    } else {
      /* No room beside the text (large type, a long address): the address and
       * the code in a row below it, the text keeping the panel's width. */
      c->row = 1;
      c->url_w = rest;
      c->online_url = lp_para_max_line_width(one) < rest ? one : online_url(L, m, rest, err);
    }
    if (c->online_url && lp_para_n_lines(c->online_url) > 1)
      lp_ctx_warn_hint(L->c.in->ctx, &m->online_pos, "a shorter address (a redirect) prints on one line",
                       "the online address is %.0f mm wide at the contact panel's type, wider than its %.0f mm: it is "
                       "broken across %d lines, where a reader may take a break for part of it",
                       lp_para_max_line_width(one) / MM, c->url_w / MM, lp_para_n_lines(c->online_url));
    if (!c->online_url ||
        !(c->online_label = lp_compose_plain(&L->c, lp_compose_label(&L->c, "online"),
                                             &spec->styles[LP_STYLE_BOX_TITLE], c->url_w, m->online_pos, err)))
      return FALSE;
  }
  char *title = lp_compose_expand(&L->c, NULL, spec->contact_title, spec->contact_title_pos, err);
  if (!title)
    return FALSE;
  LpRich *rt = lp_rich_new_plain(title);
  c->title = lp_compose_heading(&L->c, rt, &spec->styles[LP_STYLE_BOX_TITLE], c->text_w, NULL,
                                spec->contact_title_pos, err);
  lp_rich_free(rt);
  g_free(title);
  if (!c->title)
    return FALSE;
  double h = lp_para_height(c->title);
  if (phone && *phone) {
    if (!(c->phone = lp_compose_plain(&L->c, phone, &spec->styles[LP_STYLE_H2], c->text_w, spec->contact_title_pos,
                                      err)))
      return FALSE;
    h += 1 * MM + lp_para_height(c->phone);
  }
  GString *details = g_string_new(NULL);
  const char *keys[] = {"clinic.name", "clinic.address", "clinic.web", "clinic.email"};
  for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
    const char *v = lp_vars_get(vars, keys[i]);
    if (v && *v)
      g_string_append_printf(details, "%s%s", details->len ? " · " : "", v);
  }
  LpRich *rd = lp_rich_new_plain(details->str);
  if (details->len && !(c->details = lp_compose_heading(&L->c, rd, &spec->styles[LP_STYLE_BOX], c->text_w, NULL,
                                                        spec->contact_title_pos, err))) {
    lp_rich_free(rd);
    g_string_free(details, TRUE);
    return FALSE;
  }
  lp_rich_free(rd);
  if (c->details)
    h += 1 * MM + lp_para_height(c->details);
  g_string_free(details, TRUE);
  if (c->qr) {
    double side = lp_qr_side(c->qr, c->module);
    double words = 0.5 * MM + lp_para_height(c->online_label) + lp_para_height(c->online_url);
    if (c->row) {
      c->row = c->pad + h + 4 * MM;
      h += 4 * MM + MAX(side, words);
    } else {
      h = MAX(h, MAX(side, words));
    }
  }
  c->h = h + 2 * c->pad;
  add_box(L, c->h, draw_contact, c);
  return TRUE;
}

/* ---- page 1's title band ---- */

typedef struct {
  LpPara *kicker, *title, *subtitle;
  double h;
  double logo_w, logo_h; /* the clinic's logo at the band's end, 0: none */
} Band;

#define LOGO_H (14 * MM)
#define LOGO_MAX_W (45 * MM)
#define LOGO_GAP (5 * MM)

/* The height `text` needs at least at `width`: each of its lines set unwrapped
 * takes at least its width over the measure in lines. */
static gboolean least_height(Leaflet *L, const LpRich *text, const LpStyle *st, double width, double *h,
                             GError **err) {
  LpPara *one = lp_compose_para(&L->c, text, st, 0, NULL, lp_doc_meta_const(L->c.in->doc)->pos, err);
  if (!one)
    return FALSE;
  double lines = 0;
  for (int i = 0; i < lp_para_n_lines(one); i++)
    lines += MAX(1, ceil(lp_para_line_width(one, i) / width));
  *h = lines * st->leading;
  return TRUE;
}

static gboolean make_band(Leaflet *L, Band *band, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  const LpMeta *m = lp_doc_meta_const(L->c.in->doc);
  double w = lp_layout_spec_text_width(spec);
  /* The logo stands at the band's end (the right, or the left in a
   * right-to-left language); the text keeps the rest of the width. */
  if (!lp_compose_logo(&L->c, &L->logo, err))
    return FALSE;
  if (L->logo.surface) {
    band->logo_h = LOGO_H;
    band->logo_w = LOGO_H * L->logo.width / MAX(1e-6, L->logo.height);
    if (band->logo_w > LOGO_MAX_W) {
      band->logo_w = LOGO_MAX_W;
      band->logo_h = LOGO_MAX_W * L->logo.height / MAX(1e-6, L->logo.width);
    }
    w -= band->logo_w + LOGO_GAP;
  }
  const LpStyle *ks = &spec->styles[LP_STYLE_KICKER], *ts = &spec->styles[LP_STYLE_TITLE],
                *ss = &spec->styles[LP_STYLE_SUBTITLE];
  double h = MAX(spec->band_padding, 5 * MM);
  char *k = lp_compose_join(&L->c, NULL, spec->kicker, spec->kicker_pos, err);
  if (!k)
    return FALSE;
  if (*k) {
    band->kicker = lp_compose_plain(&L->c, k, ks, w, spec->kicker_pos, err);
    if (!band->kicker) {
      g_free(k);
      return FALSE;
    }
    h += lp_para_height(band->kicker) + 2 * MM;
  }
  g_free(k);
  /* One measurement first: balancing sets a title many times over, and
   * breaking a paragraph into lines costs more the longer it is, so a band
   * that cannot fit the page (a title of thousands of characters) is refused
   * from the width of its text set on one line, before any of that. */
  LpRich *title = lp_rich_new_plain(m->title);
  double need = h + MAX(spec->band_padding, 5 * MM) * 0.9;
  double least = 0;
  gboolean ok = least_height(L, title, ts, w, &least, err);
  need += least;
  if (ok && m->subtitle) {
    LpRich *sub = lp_rich_new_plain(m->subtitle);
    ok = least_height(L, sub, ss, w, &least, err);
    lp_rich_free(sub);
    need += 1.5 * MM + least;
  }
  double room = spec->page_h - spec->margin_bottom - lp_compose_draft_height(&L->c) - spec->figure_gap;
  if (ok && need > room) {
    lp_set_error(err, LP_EXIT_INPUT, &m->pos,
                 "the title band is at least %.0f mm tall, taller than the page's %.0f mm of room: shorten the title "
                 "or subtitle",
                 need / MM, (spec->page_h - spec->margin_bottom - spec->margin_top) / MM);
    ok = FALSE;
  }
  if (!ok) {
    lp_rich_free(title);
    return FALSE;
  }
  band->title = lp_compose_heading(&L->c, title, ts, w, NULL, m->pos, err);
  lp_rich_free(title);
  if (!band->title)
    return FALSE;
  h += lp_para_height(band->title);
  if (m->subtitle) {
    LpRich *sub = lp_rich_new_plain(m->subtitle);
    band->subtitle = lp_compose_heading(&L->c, sub, ss, w, NULL, m->pos, err);
    lp_rich_free(sub);
    if (!band->subtitle)
      return FALSE;
    h += 1.5 * MM + lp_para_height(band->subtitle);
  }
  band->h = h + MAX(spec->band_padding, 5 * MM) * 0.9;
  if (band->logo_h > 0)
    band->h = MAX(band->h, MAX(spec->band_padding, 5 * MM) * 1.9 + band->logo_h);
  return TRUE;
}

static void draw_band(Leaflet *L, const Band *band, LpPage *page, double top) {
  const LpLayoutSpec *spec = L->spec;
  double bleed = top > 0 ? 0 : spec->bleed; /* below a draft band, the band starts there */
  lp_page_artifact_begin(page);
  LpCanvas *cv = lp_canvas_new(page);
  /* The band runs into the bleed so that trimming never leaves a white edge. */
  lp_canvas_rect(cv, -spec->bleed, top - bleed, spec->page_w + 2 * spec->bleed, band->h + bleed,
                 spec->colors[LP_NAMED_BRAND]);
  lp_canvas_free(cv);
  lp_page_artifact_end(page);
  double x = spec->margin_left, y = top + MAX(spec->band_padding, 5 * MM);
  if (band->logo_w > 0) {
    gboolean rtl = L->c.env.rtl;
    double lx = rtl ? spec->margin_left : spec->page_w - spec->margin_right - band->logo_w;
    const char *name = lp_vars_get(L->c.in->vars, "clinic.name");
    lp_page_tag_begin(page, "Figure", -1, name && *name ? name : "logo");
    lp_page_add_image(page, L->logo.surface, lx, y, band->logo_w, band->logo_h);
    lp_page_tag_end(page);
    if (rtl)
      x += band->logo_w + LOGO_GAP;
  }
  if (band->kicker)
    y = emit_lines(band->kicker, &spec->styles[LP_STYLE_KICKER], page, x, y, -1, "P") + 2 * MM;
  y = emit_lines(band->title, &spec->styles[LP_STYLE_TITLE], page, x, y, -1, "H1");
  if (band->subtitle)
    emit_lines(band->subtitle, &spec->styles[LP_STYLE_SUBTITLE], page, x, y + 1.5 * MM, -1, "P");
}

/* ---- pages ---- */

typedef struct {
  Leaflet *L;
  Band band;
  GError *error; /* from the draft band or the page limit, reported after the flow */
} PageMaker;

static LpPage *new_page(gpointer data, guint index, LpFlowArea *frames) {
  PageMaker *pm = data;
  const LpLayoutSpec *spec = pm->L->spec;
  /* The flow places at least one item a page, so pages are bounded by the
   * input; past the limit the leaflet is finished (cheaply) and refused. */
  if (index == lp_ctx_limit(pm->L->c.in->ctx, LP_LIMIT_PAGES) && !pm->error) {
    LpPos pos = lp_pos(lp_doc_path(pm->L->c.in->doc), 0, 0);
    lp_set_error(&pm->error, LP_EXIT_INPUT, &pos, "the %s needs more than %" G_GSIZE_FORMAT " page(s) %s", spec->name,
                 lp_ctx_limit(pm->L->c.in->ctx, LP_LIMIT_PAGES), lp_limit_hint(LP_LIMIT_PAGES));
  }
  LpPage *page = lp_page_new(spec->page_w, spec->page_h);
  lp_book_add_page(pm->L->c.book, page);
  double top = lp_compose_draft_band(&pm->L->c, page, pm->error ? NULL : &pm->error);
  top = MAX(top, 0);
  LpRect area;
  area.x = spec->margin_left;
  area.w = lp_layout_spec_text_width(spec);
  area.y = spec->margin_top + top;
  if (index == 0 && !spec->no_band) {
    draw_band(pm->L, &pm->band, page, top);
    area.y = top + pm->band.h + spec->figure_gap;
  }
  area.h = spec->page_h - spec->margin_bottom - area.y;
  if (index == 0 && area.h < 0 && !pm->error) {
    /* Nothing may be drawn past the margins: a band that leaves no room is
     * the title's (or subtitle's) length, not a layout to print. */
    lp_set_error(&pm->error, LP_EXIT_INPUT, &lp_doc_meta_const(pm->L->c.in->doc)->pos,
                 "the title band is %.0f mm tall, taller than the page's %.0f mm of room: shorten the title or "
                 "subtitle",
                 pm->band.h / MM, (spec->page_h - spec->margin_bottom - spec->margin_top) / MM);
    area.h = 1;
  }
  lp_flow_area_columns(frames, &area, spec->columns, spec->gutter, pm->L->c.env.rtl);
  return page;
}

/* A booklet (sheet: {imposition: booklet}) is folded from sheets of four
 * pages, so its page count is a multiple of 4. The pages it lacks come after
 * the text, never inside it, and before the back cover, which stays last:
 * pages for the patient's notes (booklet: {padding: notes}), headed with the
 * label `notes` and ruled in the text area, with the running header and
 * footer of any other page. */
static gboolean pad_booklet(Leaflet *L, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  if (spec->imposition != LP_IMPOSE_BOOKLET)
    return TRUE;
  double pitch = 8 * MM; /* a hand's writing line */
  while ((lp_book_n_pages(L->c.book) + (L->back_cover ? 1 : 0)) % 4) {
    LpPage *page = lp_page_new(spec->page_w, spec->page_h);
    lp_book_add_page(L->c.book, page);
    double top = lp_compose_draft_band(&L->c, page, err);
    if (top < 0)
      return FALSE;
    /* The page's heading, in the article's language (the label `notes`). */
    double y0 = spec->margin_top + top;
    const char *label = lp_compose_label(&L->c, "notes");
    if (label && *label) {
      const LpStyle *h2 = &spec->styles[LP_STYLE_H2];
      LpPara *p = lp_compose_plain(&L->c, label, h2, lp_layout_spec_text_width(spec), lp_doc_meta_const(L->c.in->doc)->pos, err);
      if (!p)
        return FALSE;
      y0 = emit_lines(p, h2, page, spec->margin_left, y0, -1, "H2");
    }
    lp_page_artifact_begin(page);
    LpCanvas *cv = lp_canvas_new(page);
    cairo_t *cr = lp_canvas_cr(cv);
    cairo_set_line_width(cr, 0.5);
    double x0 = spec->margin_left, x1 = spec->page_w - spec->margin_right;
    for (double y = y0 + pitch; y <= spec->page_h - spec->margin_bottom; y += pitch) {
      cairo_move_to(cr, x0, y);
      cairo_line_to(cr, x1, y);
    }
    lp_canvas_stroke(cv, spec->colors[LP_NAMED_RULE]);
    lp_canvas_free(cv);
    lp_page_artifact_end(page);
  }
  return TRUE;
}

static gboolean draw_running(Leaflet *L, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  guint count = lp_book_n_pages(L->c.book);
  for (guint i = 0; i < count; i++) {
    /* The covers carry no running lines; they count as pages all the same
     * (the first text page after a cover is page 2). */
    if ((i == 0 && L->cover) || (i + 1 == count && L->back_cover))
      continue;
    LpPage *page = lp_book_page(L->c.book, i);
    /* Header, footer and the footer's rule repeat on every page: artifacts. */
    lp_page_artifact_begin(page);
    LpCanvas *cv = lp_canvas_new(page);
    cairo_t *cr = lp_canvas_cr(cv);
    cairo_set_line_width(cr, 0.5);
    if (i > 0 || spec->header.first_page) {
      /* The header's descenders stay 4 mm clear of the text area. */
      const LpStyle *hs = &spec->styles[LP_STYLE_HEADER];
      double base = spec->margin_top + lp_compose_draft_height(&L->c) - 4 * MM - 0.3 * hs->size;
      if (!lp_compose_running(&L->c, &spec->header, hs, page, i, count, base, TRUE, err)) {
        lp_canvas_free(cv);
        return FALSE;
      }
    }
    /* A leaflet without a footer (a folded leaflet's text panels) has no rule either. */
    gboolean footer = FALSE;
    for (int k = 0; k < LP_SLOT_COUNT; k++)
      footer |= spec->footer.parts[k] && spec->footer.parts[k]->len > 0;
    if (footer && (i > 0 || spec->footer.first_page)) {
      double rule = spec->page_h - spec->margin_bottom + 4.5 * MM;
      cairo_move_to(cr, spec->margin_left, rule);
      cairo_line_to(cr, spec->page_w - spec->margin_right, rule);
      lp_canvas_stroke(cv, spec->colors[LP_NAMED_RULE]);
      if (!lp_compose_running(&L->c, &spec->footer, &spec->styles[LP_STYLE_FOOTER], page, i, count,
                              rule + 4.5 * MM, FALSE, err)) {
        lp_canvas_free(cv);
        return FALSE;
      }
    }
    lp_canvas_free(cv);
    lp_page_artifact_end(page);
  }
  return TRUE;
}

/* The cover and the back cover (booklet: {cover: [...], back_cover: [...]})
 * are the two sides of a card of the leaflet's page size, set by the card's
 * composer from the blocks the layout lists; the cover's band is the
 * leaflet's (kicker, title, subtitle) and its blocks stand on the foot. */
static gboolean compose_covers(Leaflet *L, GError **err) {
  const LpLayoutSpec *spec = L->spec;
  L->cover = spec->booklet_pages[0] != NULL;
  L->back_cover = spec->booklet_pages[1] != NULL;
  if (!L->cover && !L->back_cover)
    return TRUE;
  /* A shallow copy: it shares the leaflet's strings and styles, owns nothing. */
  LpLayoutSpec sub = *spec;
  sub.kind = LP_KIND_CARD;
  sub.columns = 1;
  sub.cover = TRUE;
  sub.article_title = TRUE;
  GArray *none = g_array_new(FALSE, FALSE, sizeof(LpCardBlock));
  for (int i = 0; i < 2; i++)
    sub.card_sides[i] = spec->booklet_pages[i] ? spec->booklet_pages[i] : none;
  LpLayoutInput in = *L->c.in;
  in.spec = &sub;
  L->covers = lp_card_compose(&in, err);
  g_array_free(none, TRUE);
  if (!L->covers)
    return FALSE;
  if (L->cover)
    lp_book_add_page(L->c.book, lp_page_ref(lp_book_page(L->covers, 0)));
  return TRUE;
}

LpBook *lp_leaflet_compose(const LpLayoutInput *in, GError **err) {
  Leaflet L = {0};
  L.spec = in->spec;
  lp_compose_init(&L.c, in);
  L.flow = lp_flow_new(in->spec->columns, in->spec->figure_gap);
  L.surfaces = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_surface_destroy);
  PageMaker pm = {&L, {0}, NULL};
  gboolean ok = lp_compose_values(&L.c, err) && lp_compose_prepare_draft(&L.c, err) && compose_covers(&L, err) &&
                (L.cover || make_band(&L, &pm.band, err)) && add_summary(&L, err);
  /* Pages are placed after every block is set; a text that cannot fit the
   * page limit stops here, before it is all set (and held) in memory. */
  double per_page = (in->spec->page_h - in->spec->margin_top - in->spec->margin_bottom) * MAX(1, in->spec->columns);
  for (guint i = 0; ok && i < lp_doc_n_blocks(in->doc); i++) {
    LpTagPath root = {0};
    ok = add_block(&L, lp_doc_block(in->doc, i), 0, root, err);
    if (ok && lp_flow_column_height(L.flow) > per_page * (lp_ctx_limit(in->ctx, LP_LIMIT_PAGES) + 1)) {
      LpPos pos = lp_block_pos(lp_doc_block(in->doc, i));
      lp_set_error(err, LP_EXIT_INPUT, &pos, "the %s needs more than %" G_GSIZE_FORMAT " page(s) by here %s",
                   in->spec->name, lp_ctx_limit(in->ctx, LP_LIMIT_PAGES), lp_limit_hint(LP_LIMIT_PAGES));
      ok = FALSE;
    }
  }
  ok = ok && add_contact(&L, err);
  if (ok) {
    lp_flow_run(L.flow, L.c.book, new_page, &pm);
    if (pm.error) {
      g_propagate_error(err, pm.error);
      ok = FALSE;
    }
    ok = ok && pad_booklet(&L, err);
    if (ok && L.back_cover)
      lp_book_add_page(L.c.book, lp_page_ref(lp_book_page(L.covers, 1)));
    ok = ok && draw_running(&L, err);
  }
  lp_flow_free(L.flow);
  lp_qr_free(L.qr);
  lp_book_free(L.covers);
  lp_image_clear(&L.logo);
  g_ptr_array_unref(L.surfaces);
  LpBook *book = NULL;
  if (ok) {
    lp_compose_info(&L.c);
    book = L.c.book;
    L.c.book = NULL;
  }
  lp_compose_clear(&L.c);
  return book;
}

void lp_leaflet_keys(const LpLayoutSpec *spec, GHashTable *keys) {
  const LpRunning *running[] = {&spec->header, &spec->footer};
  for (gsize r = 0; r < G_N_ELEMENTS(running); r++)
    for (int slot = 0; slot < LP_SLOT_COUNT; slot++)
      for (guint i = 0; running[r]->parts[slot] && i < running[r]->parts[slot]->len; i++)
        lp_vars_template_keys(g_ptr_array_index(running[r]->parts[slot], i), keys);
  for (guint i = 0; spec->kicker && i < spec->kicker->len; i++)
    lp_vars_template_keys(g_ptr_array_index(spec->kicker, i), keys);
  if (spec->summary)
    lp_vars_template_keys(spec->summary_title, keys);
  if (spec->contact) {
    lp_vars_template_keys(spec->contact_title, keys);
    static const char *const contact[] = {"clinic.phone", "clinic.name", "clinic.address", "clinic.web",
                                          "clinic.email", "online"};
    for (gsize i = 0; i < G_N_ELEMENTS(contact); i++)
      g_hash_table_add(keys, g_strdup(contact[i]));
  }
  /* The logo on the title band (make_band). */
  if (!spec->no_band)
    g_hash_table_add(keys, g_strdup("clinic.logo"));
  /* The diagram's tick dates (add_figure, lp_compose_diagram). */
  g_hash_table_add(keys, g_strdup("treatment_date"));
  /* The covers' blocks, as a card's. */
  if (spec->booklet_pages[0] || spec->booklet_pages[1]) {
    LpLayoutSpec covers = {0};
    for (int i = 0; i < 2; i++)
      covers.card_sides[i] = spec->booklet_pages[i];
    lp_card_keys(&covers, keys);
  }
}
