#include "doc/style.h"

#include <math.h>

static const char *const style_names[LP_STYLE_COUNT + 1] = {
    [LP_STYLE_BODY] = "body",
    [LP_STYLE_H2] = "h2",
    [LP_STYLE_H3] = "h3",
    [LP_STYLE_LIST] = "list",
    [LP_STYLE_TITLE] = "title",
    [LP_STYLE_SUBTITLE] = "subtitle",
    [LP_STYLE_KICKER] = "kicker",
    [LP_STYLE_BOX_TITLE] = "box-title",
    [LP_STYLE_BOX] = "box",
    [LP_STYLE_CAPTION] = "caption",
    [LP_STYLE_HEADER] = "header",
    [LP_STYLE_FOOTER] = "footer",
    [LP_STYLE_LABEL] = "label",
    [LP_STYLE_DATE] = "date",
    [LP_STYLE_PHONE] = "phone",
    [LP_STYLE_AXIS] = "axis",
    [LP_STYLE_PHASE] = "phase",
    [LP_STYLE_COUNT] = NULL,
};

const char *lp_style_name(LpStyleId id) { return style_names[id]; }

static const char *const card_block_names[LP_CARD_BLOCK_COUNT + 1] = {
    [LP_CARD_BAND] = "band",         [LP_CARD_POINTS] = "points", [LP_CARD_DATE] = "date", [LP_CARD_PATIENT] = "patient",
    [LP_CARD_CONTACT] = "contact",   [LP_CARD_HEADING] = "heading", [LP_CARD_TIMELINE] = "timeline",
    [LP_CARD_PHASES] = "phases",     [LP_CARD_ADVICE] = "advice", [LP_CARD_VERSION] = "version",
    [LP_CARD_BLOCK_COUNT] = NULL};

const char *const *lp_card_block_names(void) { return card_block_names; }

static const char *const kind_names[] = {[LP_KIND_LEAFLET] = "leaflet", [LP_KIND_CARD] = "card",
                                         [LP_KIND_FOLDED] = "folded", NULL};

static const char *const panel_role_names[] = {[LP_PANEL_COVER] = "cover", [LP_PANEL_BACK] = "back",
                                               [LP_PANEL_FLAP] = "flap", [LP_PANEL_TEXT] = "text", NULL};
G_STATIC_ASSERT(G_N_ELEMENTS(panel_role_names) == LP_PANEL_COUNT + 1);
const char *const *lp_panel_role_names(void) { return panel_role_names; }
G_STATIC_ASSERT(G_N_ELEMENTS(kind_names) == LP_KIND_COUNT + 1);

const char *const *lp_layout_kind_names(void) { return kind_names; }

static const char *const imposition_names[] = {[LP_IMPOSE_CARDS] = "cards", [LP_IMPOSE_BOOKLET] = "booklet", NULL};
G_STATIC_ASSERT(G_N_ELEMENTS(imposition_names) == LP_IMPOSE_COUNT + 1);
const char *const *lp_imposition_names(void) { return imposition_names; }
const char *const *lp_style_names(void) { return style_names; }

LpColor lp_color_rgb_new(double r, double g, double b) {
  LpColor c = {LP_COLOR_RGB, {r, g, b, 0}};
  return c;
}

void lp_color_rgb(const LpColor *c, double rgb[3]) {
  if (c->space == LP_COLOR_RGB) {
    rgb[0] = c->v[0];
    rgb[1] = c->v[1];
    rgb[2] = c->v[2];
    return;
  }
  double k = c->v[3];
  for (int i = 0; i < 3; i++)
    rgb[i] = (1.0 - c->v[i]) * (1.0 - k);
}

gboolean lp_color_equal(const LpColor *a, const LpColor *b) {
  if (a->space != b->space)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (fabs(a->v[i] - b->v[i]) > 1e-9)
      return FALSE;
  return TRUE;
}

void lp_style_copy(LpStyle *dst, const LpStyle *src) {
  char *font = g_strdup(src->font);
  g_free(dst->font);
  *dst = *src;
  dst->font = font;
}

LpStyle lp_style_clone(const LpStyle *src) {
  LpStyle s = *src;
  s.font = g_strdup(src->font);
  return s;
}

void lp_style_clear(LpStyle *s) {
  g_free(s->font);
  s->font = NULL;
}

static const char *const named_color_names[LP_NAMED_COUNT + 1] = {
    [LP_NAMED_BRAND] = "brand", [LP_NAMED_TINT] = "tint",         [LP_NAMED_TEXT] = "text",
    [LP_NAMED_MUTED] = "muted", [LP_NAMED_RULE] = "rule",         [LP_NAMED_ON_BRAND] = "on_brand",
    [LP_NAMED_ALERT] = "alert",
    [LP_NAMED_COUNT] = NULL};

const char *const *lp_named_color_names(void) { return named_color_names; }

#define MM (72.0 / 25.4)

static void set_style(LpStyle *s, double size, double leading, int weight, LpNamedColor color) {
  g_free(s->font);
  s->font = g_strdup("Noto Sans");
  s->size = size;
  s->leading = leading;
  s->weight = weight;
  s->color_ref = color;
}

/* The built-in defaults follow the readability floor (docs/layout.md): body
 * 10.5/14.5 pt, ragged right, little hyphenation, dark text on light. */
LpLayoutSpec *lp_layout_spec_new(void) {
  LpLayoutSpec *l = g_new0(LpLayoutSpec, 1);
  l->kind = LP_KIND_LEAFLET;
  l->page_w = 210 * MM;
  l->page_h = 297 * MM;
  l->margin_top = l->margin_left = l->margin_right = 16 * MM;
  l->margin_bottom = 20 * MM;
  l->columns = 2;
  l->gutter = 7 * MM;
  l->bleed = 3 * MM;
  l->colors[LP_NAMED_BRAND] = lp_color_rgb_new(0x1f / 255.0, 0x6e / 255.0, 0x8c / 255.0);
  l->colors[LP_NAMED_TINT] = lp_color_rgb_new(0xe7 / 255.0, 0xf0 / 255.0, 0xf3 / 255.0);
  l->colors[LP_NAMED_TEXT] = lp_color_rgb_new(0x1c / 255.0, 0x24 / 255.0, 0x2b / 255.0);
  l->colors[LP_NAMED_MUTED] = lp_color_rgb_new(0x55 / 255.0, 0x61 / 255.0, 0x6b / 255.0);
  l->colors[LP_NAMED_RULE] = lp_color_rgb_new(0xc5 / 255.0, 0xd0 / 255.0, 0xd6 / 255.0);
  l->colors[LP_NAMED_ON_BRAND] = lp_color_rgb_new(1, 1, 1);
  l->colors[LP_NAMED_ALERT] = lp_color_rgb_new(0xa4 / 255.0, 0x26 / 255.0, 0x2c / 255.0);
  for (int i = 0; i < LP_STYLE_COUNT; i++) {
    set_style(&l->styles[i], 10.5, 14.5, 400, LP_NAMED_TEXT);
    l->styles[i].align = LP_ALIGN_START;
  }
  LpStyle *s = l->styles;
  s[LP_STYLE_BODY].space_after = 5;
  s[LP_STYLE_BODY].hyphenate = TRUE;
  set_style(&s[LP_STYLE_H2], 13.5, 17, 700, LP_NAMED_BRAND);
  s[LP_STYLE_H2].space_before = 9;
  s[LP_STYLE_H2].space_after = 3;
  s[LP_STYLE_H2].keep_with_next = TRUE;
  set_style(&s[LP_STYLE_H3], 11.5, 15, 700, LP_NAMED_TEXT);
  s[LP_STYLE_H3].space_before = 6;
  s[LP_STYLE_H3].space_after = 2;
  s[LP_STYLE_H3].keep_with_next = TRUE;
  lp_style_copy(&s[LP_STYLE_LIST], &s[LP_STYLE_BODY]);
  s[LP_STYLE_LIST].space_after = 2.5;
  s[LP_STYLE_LIST].indent = 5 * MM;
  set_style(&s[LP_STYLE_TITLE], 27, 33, 700, LP_NAMED_ON_BRAND);
  set_style(&s[LP_STYLE_SUBTITLE], 12.5, 17, 400, LP_NAMED_ON_BRAND);
  set_style(&s[LP_STYLE_KICKER], 9.5, 13, 700, LP_NAMED_ON_BRAND);
  set_style(&s[LP_STYLE_BOX_TITLE], 11, 15, 700, LP_NAMED_BRAND);
  set_style(&s[LP_STYLE_BOX], 10, 14, 400, LP_NAMED_TEXT);
  s[LP_STYLE_BOX].indent = 4.5 * MM;
  s[LP_STYLE_BOX].space_after = 2;
  set_style(&s[LP_STYLE_CAPTION], 9.5, 13, 700, LP_NAMED_BRAND);
  set_style(&s[LP_STYLE_HEADER], 8, 11, 400, LP_NAMED_MUTED);
  set_style(&s[LP_STYLE_FOOTER], 8, 11, 400, LP_NAMED_MUTED);
  set_style(&s[LP_STYLE_LABEL], 8.5, 12, 400, LP_NAMED_MUTED);
  set_style(&s[LP_STYLE_DATE], 14, 19, 700, LP_NAMED_TEXT);
  set_style(&s[LP_STYLE_PHONE], 20, 26, 700, LP_NAMED_BRAND);
  set_style(&s[LP_STYLE_AXIS], 8, 10.5, 400, LP_NAMED_TEXT);
  set_style(&s[LP_STYLE_PHASE], 8.5, 11, 700, LP_NAMED_TEXT);
  for (int i = 0; i < LP_STYLE_COUNT; i++)
    s[i].min_size = s[i].size;
  l->band_padding = 10 * MM;
  l->figure_gap = 6 * MM;
  l->summary = TRUE;
  l->kicker = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(l->kicker, g_strdup("{clinic.name}"));
  g_ptr_array_add(l->kicker, g_strdup("{label.patient_information}"));
  l->header.parts[LP_SLOT_START] = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(l->header.parts[LP_SLOT_START], g_strdup("{title}"));
  l->header.parts[LP_SLOT_END] = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(l->header.parts[LP_SLOT_END], g_strdup("{clinic.name}"));
  l->summary_title = g_strdup("{label.in_short}");
  l->contact_title = g_strdup("{label.questions}");
  l->footer.parts[LP_SLOT_START] = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(l->footer.parts[LP_SLOT_START], g_strdup("{clinic.name}"));
  g_ptr_array_add(l->footer.parts[LP_SLOT_START], g_strdup("{clinic.phone}"));
  l->footer.parts[LP_SLOT_END] = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(l->footer.parts[LP_SLOT_END], g_strdup("{label.version} {version}"));
  g_ptr_array_add(l->footer.parts[LP_SLOT_END], g_strdup("{label.page_of}"));
  l->footer.first_page = TRUE;
  lp_layout_spec_resolve_colors(l);
  return l;
}

void lp_layout_spec_resolve_colors(LpLayoutSpec *l) {
  for (int i = 0; i < LP_STYLE_COUNT; i++)
    if (l->styles[i].color_ref != LP_NAMED_NONE)
      l->styles[i].color = l->colors[l->styles[i].color_ref];
}

static void running_clear(LpRunning *r) {
  for (int i = 0; i < LP_SLOT_COUNT; i++)
    if (r->parts[i])
      g_ptr_array_unref(r->parts[i]);
}

void lp_layout_spec_free(LpLayoutSpec *spec) {
  if (!spec)
    return;
  for (int i = 0; i < LP_STYLE_COUNT; i++)
    lp_style_clear(&spec->styles[i]);
  for (int i = 0; i < 2; i++)
    if (spec->card_sides[i])
      g_array_free(spec->card_sides[i], TRUE);
  running_clear(&spec->header);
  running_clear(&spec->footer);
  g_free(spec->name);
  g_free(spec->file);
  if (spec->sources)
    g_ptr_array_unref(spec->sources);
  if (spec->kicker)
    g_ptr_array_unref(spec->kicker);
  g_free(spec->summary_title);
  g_free(spec->contact_title);
  g_free(spec);
}

double lp_layout_spec_text_width(const LpLayoutSpec *s) {
  return s->page_w - s->margin_left - s->margin_right;
}

double lp_layout_spec_column_width(const LpLayoutSpec *s) {
  int n = MAX(s->columns, 1);
  return (lp_layout_spec_text_width(s) - (n - 1) * s->gutter) / n;
}
