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
    [LP_CARD_REVIEW] = "review",     [LP_CARD_BLOCK_COUNT] = NULL};

const char *const *lp_card_block_names(void) { return card_block_names; }

static const char *const padding_names[LP_PAD_COUNT + 1] = {[LP_PAD_NOTES] = "notes", [LP_PAD_COUNT] = NULL};
const char *const *lp_padding_names(void) { return padding_names; }

static const char *const kind_names[] = {[LP_KIND_LEAFLET] = "leaflet", [LP_KIND_CARD] = "card",
                                         [LP_KIND_FOLDED] = "folded", NULL};

static const char *const panel_role_names[] = {[LP_PANEL_COVER] = "cover", [LP_PANEL_BACK] = "back",
                                               [LP_PANEL_FLAP] = "flap", [LP_PANEL_TEXT] = "text", NULL};
G_STATIC_ASSERT(G_N_ELEMENTS(panel_role_names) == LP_PANEL_COUNT + 1);
const char *const *lp_panel_role_names(void) { return panel_role_names; }

static const char *const panel_fill_names[] = {[LP_FILL_BALANCE] = "balance", [LP_FILL_IN_TURN] = "in-turn", NULL};
G_STATIC_ASSERT(G_N_ELEMENTS(panel_fill_names) == LP_FILL_COUNT + 1);
const char *const *lp_panel_fill_names(void) { return panel_fill_names; }
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

LpColor lp_color_tint_of(const LpColor *brand) {
  LpColor t = *brand;
  for (int i = 0; i < 4; i++)
    t.v[i] = brand->space == LP_COLOR_RGB ? (i < 3 ? 1.0 - 0.1 * (1.0 - brand->v[i]) : 0) : 0.1 * brand->v[i];
  return t;
}

static double srgb_linear(double c) { return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4); }

static void to_lab(const LpColor *c, double lab[3]) {
  double rgb[3];
  lp_color_rgb(c, rgb);
  double r = srgb_linear(rgb[0]), g = srgb_linear(rgb[1]), b = srgb_linear(rgb[2]);
  double xyz[3] = {(0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047,
                   0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
                   (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883};
  for (int i = 0; i < 3; i++)
    xyz[i] = xyz[i] > 216.0 / 24389 ? cbrt(xyz[i]) : (24389.0 / 27 * xyz[i] + 16) / 116;
  lab[0] = 116 * xyz[1] - 16;
  lab[1] = 500 * (xyz[0] - xyz[1]);
  lab[2] = 200 * (xyz[1] - xyz[2]);
}

static double deg(double rad) { return rad * 180 / G_PI; }
static double rad(double d) { return d * G_PI / 180; }

/* Sharma, Wu and Dalal's formulation of CIEDE2000 (kL = kC = kH = 1). */
double lp_color_delta_e(const LpColor *ca, const LpColor *cb) {
  double a[3], b[3];
  to_lab(ca, a);
  to_lab(cb, b);
  double c1 = hypot(a[1], a[2]), c2 = hypot(b[1], b[2]), cm = (c1 + c2) / 2;
  double g = 0.5 * (1 - sqrt(pow(cm, 7) / (pow(cm, 7) + pow(25, 7))));
  double a1 = (1 + g) * a[1], a2 = (1 + g) * b[1];
  double c1p = hypot(a1, a[2]), c2p = hypot(a2, b[2]);
  double h1 = c1p == 0 ? 0 : fmod(deg(atan2(a[2], a1)) + 360, 360);
  double h2 = c2p == 0 ? 0 : fmod(deg(atan2(b[2], a2)) + 360, 360);
  double dl = b[0] - a[0], dc = c2p - c1p, dh = 0;
  if (c1p * c2p != 0) {
    dh = h2 - h1;
    if (dh > 180)
      dh -= 360;
    else if (dh < -180)
      dh += 360;
  }
  double dH = 2 * sqrt(c1p * c2p) * sin(rad(dh / 2));
  double lm = (a[0] + b[0]) / 2, cmp = (c1p + c2p) / 2, hm = h1 + h2;
  if (c1p * c2p != 0) {
    if (fabs(h1 - h2) <= 180)
      hm = (h1 + h2) / 2;
    else
      hm = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  double t = 1 - 0.17 * cos(rad(hm - 30)) + 0.24 * cos(rad(2 * hm)) + 0.32 * cos(rad(3 * hm + 6)) -
             0.20 * cos(rad(4 * hm - 63));
  double dtheta = 30 * exp(-pow((hm - 275) / 25, 2));
  double rc = 2 * sqrt(pow(cmp, 7) / (pow(cmp, 7) + pow(25, 7)));
  double sl = 1 + 0.015 * pow(lm - 50, 2) / sqrt(20 + pow(lm - 50, 2));
  double sc = 1 + 0.045 * cmp, sh = 1 + 0.015 * cmp * t;
  double rt = -sin(rad(2 * dtheta)) * rc;
  return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dH / sh, 2) + rt * (dc / sc) * (dH / sh));
}

static double luminance(const LpColor *c) {
  double rgb[3];
  lp_color_rgb(c, rgb);
  return 0.2126 * srgb_linear(rgb[0]) + 0.7152 * srgb_linear(rgb[1]) + 0.0722 * srgb_linear(rgb[2]);
}

double lp_color_contrast(const LpColor *a, const LpColor *b) {
  double la = luminance(a), lb = luminance(b);
  return (MAX(la, lb) + 0.05) / (MIN(la, lb) + 0.05);
}

gboolean lp_color_alert_for(const LpColor *alert, const LpColor *brand, const LpColor *on, LpColor *out) {
  *out = *alert;
  if (lp_color_delta_e(alert, brand) >= LP_ALERT_MIN_DELTA_E)
    return FALSE;
  static const guint8 others[][3] = {{0xb3, 0x47, 0x00}, {0x5b, 0x2a, 0x86}, {0x1c, 0x1c, 0x1c}};
  for (gsize i = 0; i < G_N_ELEMENTS(others); i++) {
    LpColor c = lp_color_rgb_new(others[i][0] / 255.0, others[i][1] / 255.0, others[i][2] / 255.0);
    if (lp_color_delta_e(&c, brand) >= LP_ALERT_MIN_DELTA_E && lp_color_contrast(&c, on) >= 4.5) {
      *out = c;
      return TRUE;
    }
  }
  /* None passes both (the band's text is dark, say): near-black is the
   * farthest in lightness from a mid-tone brand. */
  *out = lp_color_rgb_new(0x1c / 255.0, 0x1c / 255.0, 0x1c / 255.0);
  return TRUE;
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
  l->picture_width = 1.0;
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
  l->footer.parts[LP_SLOT_CENTER] = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(l->footer.parts[LP_SLOT_CENTER], g_strdup("{review_dates}"));
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
  for (int i = 0; i < 2; i++)
    if (spec->booklet_pages[i])
      g_array_free(spec->booklet_pages[i], TRUE);
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
