/* The layout reader (read/layoutfile.c): every setting a layout file may hold,
 * the readability floors it enforces, `extends`, and the bundled layouts. */
#include <math.h>
#include <string.h>

#include "read/layoutfile.h"
#include "testutil.h"

#define PATH "l.yaml"
#define MM (72.0 / 25.4)
#define EPS 1e-6

static LpLayoutSpec *parse_ok(const char *text) {
  GError *err = NULL;
  LpLayoutSpec *l = lp_layoutfile_parse(lp_test_ctx(), PATH, text, strlen(text), &err);
  g_assert_no_error(err);
  g_assert_nonnull(l);
  return l;
}

static void parse_fail(const char *text, int line, int col, const char *fragment) {
  GError *err = NULL;
  LpLayoutSpec *l = lp_layoutfile_parse(lp_test_ctx(), PATH, text, strlen(text), &err);
  g_assert_null(l);
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, line, col, fragment);
  g_error_free(err);
}

static LpLayoutSpec *read_ok(const char *path) {
  GError *err = NULL;
  LpLayoutSpec *l = lp_layoutfile_read(lp_test_ctx(), path, &err);
  g_assert_no_error(err);
  g_assert_nonnull(l);
  return l;
}

static void read_fail(const char *path, const char *err_file, int line, int col, const char *fragment) {
  GError *err = NULL;
  g_assert_null(lp_layoutfile_read(lp_test_ctx(), path, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, err_file, line, col, fragment);
  g_error_free(err);
}

static void assert_rgb(const LpColor *c, int r, int g, int b) {
  g_assert_cmpint(c->space, ==, LP_COLOR_RGB);
  g_assert_cmpfloat_with_epsilon(c->v[0], r / 255.0, EPS);
  g_assert_cmpfloat_with_epsilon(c->v[1], g / 255.0, EPS);
  g_assert_cmpfloat_with_epsilon(c->v[2], b / 255.0, EPS);
}

static void assert_strv(const GPtrArray *parts, const char *first, const char *second) {
  g_assert_nonnull(parts);
  g_assert_cmpuint(parts->len, ==, second ? 2 : 1);
  g_assert_cmpstr(g_ptr_array_index((GPtrArray *)parts, 0), ==, first);
  if (second)
    g_assert_cmpstr(g_ptr_array_index((GPtrArray *)parts, 1), ==, second);
}

/* ---- good input ---- */

static void test_defaults(void) {
  LpLayoutSpec *l = parse_ok("kind: leaflet\n");
  g_assert_cmpint(l->kind, ==, LP_KIND_LEAFLET);
  g_assert_cmpfloat_with_epsilon(l->page_w, 210 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->page_h, 297 * MM, EPS);
  g_assert_cmpint(l->columns, ==, 2);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_BODY].size, 10.5, EPS);
  g_assert_cmpstr(l->name, ==, "l");
  g_assert_cmpstr(l->file, ==, PATH);
  lp_layout_spec_free(l);
}

static void test_bundled_leaflet(void) {
  char *path = lp_test_source("layouts/a4-leaflet.yaml");
  LpLayoutSpec *l = read_ok(path);
  g_assert_cmpstr(l->name, ==, "a4-leaflet");
  g_assert_cmpstr(l->file, ==, path);
  g_assert_cmpfloat_with_epsilon(l->page_w, 210 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->page_h, 297 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_top, 16 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_bottom, 20 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_left, 16 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_right, 16 * MM, EPS);
  g_assert_cmpint(l->columns, ==, 2);
  g_assert_cmpfloat_with_epsilon(l->gutter, 7 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->bleed, 3 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(lp_layout_spec_column_width(l), (210 - 32 - 7) / 2.0 * MM, EPS);
  assert_rgb(&l->colors[LP_NAMED_BRAND], 0x1f, 0x6e, 0x8c);
  assert_rgb(&l->colors[LP_NAMED_ON_BRAND], 0xff, 0xff, 0xff);

  const LpStyle *body = &l->styles[LP_STYLE_BODY];
  g_assert_cmpstr(body->font, ==, "Noto Sans");
  g_assert_cmpfloat_with_epsilon(body->size, 10.5, EPS);
  g_assert_cmpfloat_with_epsilon(body->leading, 14.5, EPS);
  g_assert_cmpfloat_with_epsilon(body->space_after, 5, EPS);
  g_assert_cmpint(body->color_ref, ==, LP_NAMED_TEXT);
  assert_rgb(&body->color, 0x1c, 0x24, 0x2b);
  g_assert_true(body->hyphenate);
  g_assert_cmpint(body->weight, ==, 400);
  g_assert_cmpstr(body->pos.file, ==, path);
  g_assert_cmpint(body->pos.line, ==, 18);
  g_assert_cmpint(body->pos.col, ==, 14);

  const LpStyle *h2 = &l->styles[LP_STYLE_H2];
  g_assert_cmpint(h2->weight, ==, 700);
  g_assert_true(h2->keep_with_next);
  g_assert_cmpint(h2->color_ref, ==, LP_NAMED_BRAND);
  assert_rgb(&h2->color, 0x1f, 0x6e, 0x8c);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_LIST].indent, 5 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_BOX].indent, 4.5 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_HEADER].size, 8, EPS);

  g_assert_cmpfloat_with_epsilon(l->band_padding, 10 * MM, EPS);
  assert_strv(l->kicker, "{clinic.name}", "{label.patient_information}");
  g_assert_true(l->summary);
  g_assert_cmpstr(l->summary_title, ==, "{label.in_short}");
  g_assert_cmpint(l->summary_title_pos.line, ==, 35);
  g_assert_true(l->contact);
  g_assert_cmpstr(l->contact_title, ==, "{label.questions}");
  g_assert_cmpint(l->contact_title_pos.line, ==, 38);
  assert_strv(l->header.parts[LP_SLOT_START], "{title}", NULL);
  g_assert_null(l->header.parts[LP_SLOT_CENTER]);
  assert_strv(l->header.parts[LP_SLOT_END], "{clinic.name}", NULL);
  g_assert_false(l->header.first_page);
  assert_strv(l->footer.parts[LP_SLOT_START], "{clinic.name}", "{clinic.phone}");
  assert_strv(l->footer.parts[LP_SLOT_CENTER], "{review_dates}", NULL);
  assert_strv(l->footer.parts[LP_SLOT_END], "{label.version} {version}", "{label.page_of}");
  g_assert_cmpint(l->footer.pos[LP_SLOT_END].line, ==, 46);
  g_assert_true(l->footer.first_page);
  lp_layout_spec_free(l);
  g_free(path);
}

static void test_bundled_large_print(void) {
  char *path = lp_test_source("layouts/a4-large-print.yaml");
  LpLayoutSpec *l = read_ok(path);
  g_assert_cmpstr(l->name, ==, "a4-large-print");
  g_assert_cmpstr(l->file, ==, path);
  g_assert_cmpint(l->columns, ==, 1);
  g_assert_cmpfloat_with_epsilon(l->margin_top, 24 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_bottom, 32 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_left, 20 * MM, EPS);
  /* inherited from a4-leaflet */
  g_assert_cmpfloat_with_epsilon(l->page_w, 210 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->gutter, 7 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->bleed, 3 * MM, EPS);
  assert_rgb(&l->colors[LP_NAMED_BRAND], 0x1f, 0x6e, 0x8c);
  g_assert_false(l->header.first_page);
  assert_strv(l->kicker, "{clinic.name}", "{label.patient_information}");

  const LpStyle *body = &l->styles[LP_STYLE_BODY];
  g_assert_cmpfloat_with_epsilon(body->size, 16, EPS);
  g_assert_cmpfloat_with_epsilon(body->leading, 23, EPS);
  g_assert_cmpfloat_with_epsilon(body->space_after, 8, EPS);
  g_assert_false(body->hyphenate);
  g_assert_cmpstr(body->font, ==, "Noto Sans");
  g_assert_cmpint(body->color_ref, ==, LP_NAMED_TEXT);
  g_assert_cmpstr(body->pos.file, ==, path);
  g_assert_cmpint(body->pos.line, ==, 8);
  const LpStyle *h2 = &l->styles[LP_STYLE_H2];
  g_assert_cmpfloat_with_epsilon(h2->size, 21, EPS);
  g_assert_cmpint(h2->weight, ==, 700);
  g_assert_true(h2->keep_with_next);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_LIST].indent, 8 * MM, EPS);
  /* Large print keeps every size it sets for the leaflet at 16pt or more. */
  static const LpStyleId leaflet_styles[] = {LP_STYLE_BODY,  LP_STYLE_H2,       LP_STYLE_H3,     LP_STYLE_LIST,
                                             LP_STYLE_TITLE, LP_STYLE_SUBTITLE, LP_STYLE_KICKER, LP_STYLE_BOX_TITLE,
                                             LP_STYLE_BOX,   LP_STYLE_CAPTION,  LP_STYLE_HEADER, LP_STYLE_FOOTER};
  for (gsize i = 0; i < G_N_ELEMENTS(leaflet_styles); i++)
    g_assert_cmpfloat(l->styles[leaflet_styles[i]].size, >=, 16);
  lp_layout_spec_free(l);
  g_free(path);
}

static void test_custom_page(void) {
  LpLayoutSpec *l = parse_ok("page:\n"
                             "  size: [148mm, 210mm]\n"
                             "  margins: 12mm\n"
                             "  columns: 1\n"
                             "  gutter: 0\n"
                             "  bleed: 0.125in\n");
  g_assert_cmpfloat_with_epsilon(l->page_w, 148 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->page_h, 210 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_top, 12 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_right, 12 * MM, EPS);
  g_assert_cmpint(l->columns, ==, 1);
  g_assert_cmpfloat(l->gutter, ==, 0);
  g_assert_cmpfloat_with_epsilon(l->bleed, 9, EPS);
  lp_layout_spec_free(l);

  l = parse_ok("page:\n  size: letter\n");
  g_assert_cmpfloat_with_epsilon(l->page_w, 612, 1e-3);
  g_assert_cmpfloat_with_epsilon(l->page_h, 792, 1e-3);
  lp_layout_spec_free(l);
  l = parse_ok("page:\n  size: a5\n");
  g_assert_cmpfloat_with_epsilon(l->page_w, 148 * MM, EPS);
  lp_layout_spec_free(l);
}

static void test_margin_sides(void) {
  LpLayoutSpec *l = parse_ok("page:\n  margins:\n    top: 10mm\n    right: 2cm\n");
  g_assert_cmpfloat_with_epsilon(l->margin_top, 10 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_right, 20 * MM, EPS);
  /* Sides not given keep the value they had. */
  g_assert_cmpfloat_with_epsilon(l->margin_bottom, 20 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_left, 16 * MM, EPS);
  lp_layout_spec_free(l);
}

static void test_floors_exactly(void) {
  /* Values right at each floor are legal. */
  LpLayoutSpec *l = parse_ok("page:\n  margins: 5mm\n"
                             "styles:\n"
                             "  caption: {size: 7.5pt, leading: 7.5pt}\n"
                             "  body: {size: 9pt, leading: 11.7pt}\n"
                             "  list: {size: 10pt, leading: 13pt}\n");
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_CAPTION].size, 7.5, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_left, 5 * MM, EPS);
  lp_layout_spec_free(l);
}

static void test_style_settings(void) {
  LpLayoutSpec *l = parse_ok("styles:\n"
                             "  h3:\n"
                             "    font: Noto Serif\n"
                             "    size: 12pt\n"
                             "    leading: 16pt\n"
                             "    weight: normal\n"
                             "    italic: yes\n"
                             "    space_before: 2mm\n"
                             "    space_after: 1pt\n"
                             "    align: justify\n"
                             "    hyphenate: true\n"
                             "    keep_with_next: false\n"
                             "    indent: 3mm\n"
                             "    uppercase: on\n");
  const LpStyle *s = &l->styles[LP_STYLE_H3];
  g_assert_cmpstr(s->font, ==, "Noto Serif");
  g_assert_cmpfloat_with_epsilon(s->size, 12, EPS);
  g_assert_cmpfloat_with_epsilon(s->leading, 16, EPS);
  g_assert_cmpint(s->weight, ==, 400);
  g_assert_true(s->italic);
  g_assert_cmpfloat_with_epsilon(s->space_before, 2 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(s->space_after, 1, EPS);
  g_assert_cmpint(s->align, ==, LP_ALIGN_JUSTIFY);
  g_assert_true(s->hyphenate);
  g_assert_false(s->keep_with_next);
  g_assert_cmpfloat_with_epsilon(s->indent, 3 * MM, EPS);
  g_assert_true(s->uppercase);
  g_assert_cmpint(s->pos.line, ==, 3);
  g_assert_cmpint(s->pos.col, ==, 5);
  lp_layout_spec_free(l);
}

static void test_style_colors(void) {
  LpLayoutSpec *l = parse_ok("colors:\n"
                             "  brand: '#ff0000'\n"
                             "styles:\n"
                             "  body: {color: brand}\n"
                             "  h3: {color: 'cmyk(0, 0, 0, 100%)'}\n"
                             "  caption: {color: '#00ff00'}\n");
  /* A named colour follows the layout's value of it, in every style using it. */
  g_assert_cmpint(l->styles[LP_STYLE_BODY].color_ref, ==, LP_NAMED_BRAND);
  assert_rgb(&l->styles[LP_STYLE_BODY].color, 0xff, 0, 0);
  assert_rgb(&l->styles[LP_STYLE_H2].color, 0xff, 0, 0);
  g_assert_cmpint(l->styles[LP_STYLE_H3].color_ref, ==, LP_NAMED_NONE);
  g_assert_cmpint(l->styles[LP_STYLE_H3].color.space, ==, LP_COLOR_CMYK);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_H3].color.v[3], 1, EPS);
  g_assert_cmpint(l->styles[LP_STYLE_CAPTION].color_ref, ==, LP_NAMED_NONE);
  assert_rgb(&l->styles[LP_STYLE_CAPTION].color, 0, 0xff, 0);
  lp_layout_spec_free(l);
}

static void test_cmyk_named_color(void) {
  LpLayoutSpec *l = parse_ok("colors:\n  brand: cmyk(100%, 20%, 0, 10%)\n");
  g_assert_cmpint(l->colors[LP_NAMED_BRAND].space, ==, LP_COLOR_CMYK);
  g_assert_cmpfloat_with_epsilon(l->colors[LP_NAMED_BRAND].v[1], 0.2, EPS);
  g_assert_true(lp_color_equal(&l->styles[LP_STYLE_H2].color, &l->colors[LP_NAMED_BRAND]));
  lp_layout_spec_free(l);
}

static void test_running_band_summary(void) {
  LpLayoutSpec *l = parse_ok("band:\n"
                             "  padding: 8mm\n"
                             "  kicker: '{clinic.name}'\n"
                             "summary:\n"
                             "  show: no\n"
                             "  title: Key points\n"
                             "header:\n"
                             "  center: '{title}'\n"
                             "  first_page: true\n"
                             "footer:\n"
                             "  start: [a, b]\n");
  g_assert_cmpfloat_with_epsilon(l->band_padding, 8 * MM, EPS);
  assert_strv(l->kicker, "{clinic.name}", NULL);
  g_assert_cmpint(l->kicker_pos.line, ==, 3);
  g_assert_cmpint(l->kicker_pos.col, ==, 11);
  g_assert_false(l->summary);
  g_assert_cmpstr(l->summary_title, ==, "Key points");
  g_assert_cmpint(l->summary_title_pos.line, ==, 6);
  g_assert_cmpint(l->summary_title_pos.col, ==, 10);
  assert_strv(l->header.parts[LP_SLOT_CENTER], "{title}", NULL);
  g_assert_cmpint(l->header.pos[LP_SLOT_CENTER].line, ==, 8);
  /* the defaults of the slots not given stay */
  assert_strv(l->header.parts[LP_SLOT_START], "{title}", NULL);
  g_assert_true(l->header.first_page);
  assert_strv(l->footer.parts[LP_SLOT_START], "a", "b");
  g_assert_true(l->footer.first_page);
  lp_layout_spec_free(l);
}

static void test_contact(void) {
  LpLayoutSpec *l = parse_ok("contact:\n"
                             "  show: false\n"
                             "  title: 'Any questions? {clinic.phone}'\n");
  g_assert_false(l->contact);
  g_assert_cmpstr(l->contact_title, ==, "Any questions? {clinic.phone}");
  g_assert_cmpint(l->contact_title_pos.line, ==, 3);
  g_assert_cmpint(l->contact_title_pos.col, ==, 10);
  lp_layout_spec_free(l);
  /* Without a contact key, a layout ends with no panel. */
  l = parse_ok("kind: leaflet\n");
  g_assert_false(l->contact);
  lp_layout_spec_free(l);
  parse_fail("contact:\n  shows: true\n", 2, 3, "unknown key 'shows' in 'contact'; did you mean 'show'?");
  parse_fail("contact: yes\n", 1, 10, "expected a mapping");
  parse_fail("contact:\n  show: maybe\n", 2, 9, "contact show");
}

/* ---- errors: structure ---- */

/* sheet: and panels: (impose/impose.h, layout/folded.c). */
static void test_sheet_and_panels(void) {
  LpLayoutSpec *l = parse_ok("sheet: {imposition: booklet, creep: 0.2mm}\n");
  g_assert_cmpint(l->imposition, ==, LP_IMPOSE_BOOKLET);
  g_assert_cmpfloat(fabs(l->creep - 0.2 * MM), <, EPS);
  lp_layout_spec_free(l);
  l = parse_ok("kind: folded\npage: {size: [297mm, 210mm]}\n"
               "panels: {widths: [100mm, 100mm, 97mm], outside: [flap, back, cover], inside: [text, text, text]}\n");
  g_assert_cmpint(l->kind, ==, LP_KIND_FOLDED);
  g_assert_cmpint(l->n_panels, ==, 3);
  g_assert_cmpfloat(fabs(l->panel_w[2] - 97 * MM), <, EPS);
  g_assert_cmpint(l->panel_role[0][2], ==, LP_PANEL_COVER);
  g_assert_cmpint(l->panel_role[1][0], ==, LP_PANEL_TEXT);
  lp_layout_spec_free(l);
  char *path = lp_test_source("layouts/dl-trifold.yaml");
  l = read_ok(path);
  g_free(path);
  g_assert_cmpint(l->kind, ==, LP_KIND_FOLDED);
  g_assert_cmpfloat(fabs(l->panel_w[0] + l->panel_w[1] + l->panel_w[2] - l->page_w), <, 0.01);
  /* the bundled DL copy-fits, never under the running text's floor */
  g_assert_cmpfloat(fabs(l->copyfit_min_size - LP_FLOOR_BODY_PT), <, EPS);
  g_assert_cmpfloat(fabs(l->copyfit_step - 0.25), <, EPS);
  lp_layout_spec_free(l);
  /* copyfit: off unless written; the step's default */
  l = parse_ok("kind: folded\npage: {size: [297mm, 210mm]}\n"
               "panels: {widths: [100mm, 100mm, 97mm], outside: [flap, back, cover], inside: [text, text, text]}\n");
  g_assert_cmpfloat(l->copyfit_min_size, ==, 0);
  lp_layout_spec_free(l);
  l = parse_ok("kind: folded\npage: {size: [297mm, 210mm]}\n"
               "panels: {widths: [100mm, 100mm, 97mm], outside: [flap, back, cover], inside: [text, text, text]}\n"
               "copyfit: {min_size: 9.5pt}\n");
  g_assert_cmpfloat(fabs(l->copyfit_min_size - 9.5), <, EPS);
  g_assert_cmpfloat(fabs(l->copyfit_step - 0.25), <, EPS);
  lp_layout_spec_free(l);
  parse_fail("sheet: {imposition: bookletz}\n", 1, 21, "did you mean 'booklet'");
  parse_fail("sheet: {creep: 5mm}\n", 1, 16, "expected 0 to 2mm");
  parse_fail("kind: folded\n", 1, 1, "a folded layout needs 'panels:");
  parse_fail("copyfit: {step: 0.25pt}\n", 1, 10, "copyfit: expected min_size");
  parse_fail("copyfit: {min_size: 8.5pt}\n", 1, 21, "under the running text's readability floor");
  parse_fail("copyfit: {min_size: 9pt, minsize: 9pt}\n", 1, 26, "minsize");
  parse_fail("copyfit: {min_size: 9pt}\n", 1, 10, "only a folded layout's text panels are copy-fitted");
  parse_fail("kind: folded\npage: {size: [297mm, 210mm]}\n"
             "panels: {widths: [100mm, 100mm], outside: [back, cover], inside: [text]}\n",
             3, 66, "expected 2 roles, one per width, found 1");
  parse_fail("kind: folded\npanels: {widths: [100mm, 100mm], outside: [back, cover], inside: [text, txt]}\n", 2, 73,
             "did you mean 'text'");
}

/* booklet: a leaflet's cover and back cover, the card's blocks (layout/leaflet.c). */
static void test_booklet(void) {
  LpLayoutSpec *l = parse_ok("booklet: {cover: [band, version], back_cover: [review, contact], padding: notes}\n"
                             "sheet: {imposition: booklet}\n");
  g_assert_nonnull(l->booklet_pages[0]);
  g_assert_cmpuint(l->booklet_pages[0]->len, ==, 2);
  g_assert_cmpint(g_array_index(l->booklet_pages[0], LpCardBlock, 0), ==, LP_CARD_BAND);
  g_assert_cmpint(g_array_index(l->booklet_pages[1], LpCardBlock, 0), ==, LP_CARD_REVIEW);
  g_assert_cmpint(g_array_index(l->booklet_pages[1], LpCardBlock, 1), ==, LP_CARD_CONTACT);
  g_assert_cmpint(l->padding, ==, LP_PAD_NOTES);
  lp_layout_spec_free(l);
  /* an empty list: no such page */
  l = parse_ok("booklet: {cover: [], back_cover: [contact]}\n");
  g_assert_null(l->booklet_pages[0]);
  g_assert_nonnull(l->booklet_pages[1]);
  lp_layout_spec_free(l);
  char *path = lp_test_source("layouts/a5-booklet.yaml");
  l = read_ok(path);
  g_free(path);
  g_assert_nonnull(l->booklet_pages[0]);
  g_assert_nonnull(l->booklet_pages[1]);
  g_assert_false(l->contact);
  lp_layout_spec_free(l);
  parse_fail("booklet: {cover: [band], front: [band]}\n", 1, 26, "unknown key 'front' in 'booklet'");
  parse_fail("booklet: {cover: [bandd]}\n", 1, 19, "did you mean 'band'");
  parse_fail("booklet: {padding: blank}\n", 1, 20, "one of: notes");
  parse_fail("booklet: {padding: notes}\n", 1, 20, "sheet: {imposition: booklet}");
  parse_fail("kind: card\ncard: {front: [band], back: [contact]}\nbooklet: {cover: [band]}\n", 3, 10,
             "expected kind: leaflet");
}

static void test_error_empty(void) {
  GError *err = NULL;
  g_assert_null(lp_layoutfile_parse(lp_test_ctx(), PATH, "", 0, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 0, 0, "the layout is empty");
  g_clear_error(&err);
  const char *comment = "# nothing yet\n";
  g_assert_null(lp_layoutfile_parse(lp_test_ctx(), PATH, comment, strlen(comment), &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 0, 0, "the layout is empty");
  g_error_free(err);
}

static void test_error_read_empty(void) {
  char *path = lp_test_write("empty.yaml", "\n\n");
  read_fail(path, path, 0, 0, "layout is empty");
  g_free(path);
}

static void test_error_read_missing(void) {
  char *path = g_build_filename(lp_test_tmp(), "no-such-layout.yaml", NULL);
  read_fail(path, path, 0, 0, "cannot read layout: No such file or directory");
  g_free(path);
}

static void test_error_not_mapping(void) {
  parse_fail("- page\n", 1, 1, "expected a mapping (key: value lines) for a layout, found a list");
}

static void test_error_invalid_utf8(void) {
  parse_fail("kind: leaflet\nstyles:\n  body: {font: Noto\xFF}\n", 3, 20, "invalid UTF-8 (byte 0xFF)");
}

static void test_error_yaml_syntax(void) { parse_fail("page:\n  size: [A4\n", 3, 1, "YAML syntax error"); }

static void test_error_unknown_key_suggestion(void) {
  parse_fail("colours:\n  brand: '#000000'\n", 1, 1,
             "unknown key 'colours' in a layout; did you mean 'colors'? (valid keys: extends, kind, page, colors, "
             "styles, band, summary, contact, header, footer");
}

static void test_error_unknown_key_no_suggestion(void) {
  GError *err = NULL;
  const char *text = "kind: leaflet\ntypography: none\n";
  g_assert_null(lp_layoutfile_parse(lp_test_ctx(), PATH, text, strlen(text), &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 2, 1, "unknown key 'typography' in a layout (valid keys:");
  g_assert_null(strstr(err->message, "did you mean"));
  g_error_free(err);
}

static void test_error_unknown_nested_keys(void) {
  parse_fail("page:\n  sizes: A4\n", 2, 3, "unknown key 'sizes' in 'page'; did you mean 'size'?");
  parse_fail("page:\n  margins:\n    lef: 10mm\n", 3, 5, "unknown key 'lef' in page margins; did you mean 'left'?");
  parse_fail("colors:\n  brnd: '#123456'\n", 2, 3, "unknown key 'brnd' in 'colors'; did you mean 'brand'?");
  parse_fail("styles:\n  bdy: {size: 10pt}\n", 2, 3, "unknown key 'bdy' in 'styles'; did you mean 'body'?");
  parse_fail("styles:\n  body: {sise: 10pt}\n", 2, 10, "unknown key 'sise' in style 'body'; did you mean 'size'?");
  parse_fail("band:\n  kickers: x\n", 2, 3, "unknown key 'kickers' in 'band'; did you mean 'kicker'?");
  parse_fail("summary:\n  shows: true\n", 2, 3, "unknown key 'shows' in 'summary'; did you mean 'show'?");
  parse_fail("header:\n  centre: '{title}'\n", 2, 3, "unknown key 'centre' in 'header'; did you mean 'center'?");
  parse_fail("footer:\n  firstpage: true\n", 2, 3, "unknown key 'firstpage' in 'footer'; did you mean 'first_page'?");
}

static void test_error_section_kinds(void) {
  parse_fail("page: A4\n", 1, 7, "expected a mapping (key: value lines) for 'page', found a single value");
  parse_fail("colors: [red]\n", 1, 9, "expected a mapping (key: value lines) for 'colors', found a list");
  parse_fail("styles:\n  - body\n", 2, 3, "expected a mapping (key: value lines) for 'styles', found a list");
  parse_fail("styles:\n  body: 10pt\n", 2, 9, "expected a mapping (key: value lines) for style 'body', found a single");
  parse_fail("band: wide\n", 1, 7, "for 'band', found a single value");
  parse_fail("summary: yes\n", 1, 10, "for 'summary', found a single value");
  parse_fail("header: '{title}'\n", 1, 9, "for 'header', found a single value");
  parse_fail("footer: []\n", 1, 9, "for 'footer', found a list");
}

static void test_error_kind(void) {
  parse_fail("kind: booklet\n", 1, 7, "unknown value 'booklet' for layout kind (one of: leaflet");
  parse_fail("kind: leaflets\n", 1, 7, "unknown value 'leaflets' for layout kind; did you mean 'leaflet'?");
}

/* ---- errors: lengths and page ---- */

static void test_error_length_no_unit(void) {
  parse_fail("page:\n  size: A4\n  gutter: 7\n", 3, 11, "column gutter: the length 7 has no unit: write 7pt, 7mm");
}

static void test_error_length_bad_unit(void) {
  parse_fail("page:\n  gutter: 7px\n", 2, 11, "column gutter: unknown unit 'px' in length: use pt, mm, cm or in");
  parse_fail("page:\n  bleed: 3 millimetres\n", 2, 10, "bleed: unknown unit 'millimetres'");
}

static void test_error_length_not_a_length(void) {
  parse_fail("page:\n  margins: wide\n", 2, 12, "page margins: expected a length such as 12pt, 4.5mm, 1cm or 0.5in");
  parse_fail("page:\n  margins: [10mm]\n", 2, 12,
             "expected a mapping (key: value lines) for page margins, found a list");
  parse_fail("page:\n  margins: {top: 10, bottom: 20mm}\n", 2, 18, "top margin: the length 10 has no unit");
  parse_fail("band:\n  padding: -2mm\n", 2, 12, "band padding: the length -2mm is out of range (0 to 10000)");
}

static void test_error_margin_floor(void) {
  parse_fail("page:\n  size: A4\n  margins: 4mm\n", 3, 12,
             "the top margin is 4.0mm: text must stay at least 5mm from the trimmed edge");
}

static void test_error_margin_floor_side(void) {
  parse_fail("page:\n  size: A4\n  margins:\n    top: 10mm\n    left: 3mm\n", 5, 11, "the left margin is 3.0mm");
  parse_fail("page:\n  margins: {top: 0, bottom: 10mm}\n", 2, 18, "the top margin is 0.0mm");
}

static void test_error_unknown_paper(void) {
  parse_fail("page:\n  size: B5\n", 2, 9,
             "page size: unknown paper 'B5': expected A3, A4, A5, A6, letter, legal or [width, height]");
  parse_fail("page:\n  size: {w: 1mm}\n", 2, 9, "page size: unknown paper '(not a name)'");
}

static void test_error_page_size_list(void) {
  parse_fail("page:\n  size: [100mm]\n", 2, 9, "page size: expected [width, height], e.g. [148mm, 210mm]");
  parse_fail("page:\n  size: [10mm, 100mm]\n", 2, 9, "page size: a page must be at least 50pt on each side");
  parse_fail("page:\n  size: [148mm, 20]\n", 2, 17, "page height: the length 20 has no unit");
  parse_fail("page:\n  size: [wide, 20mm]\n", 2, 10, "page width: expected a length");
}

static void test_error_columns(void) {
  parse_fail("page:\n  columns: 5\n", 2, 12, "expected a whole number from 1 to 4 for page columns, found '5'");
  parse_fail("page:\n  columns: two\n", 2, 12, "found 'two'");
}

static void test_error_columns_too_narrow(void) {
  parse_fail("page:\n  size: A6\n  columns: 4\n", 2, 3,
             "columns are 13.0mm wide: the page, margins, columns and gutter leave under 1 inch a column");
}

static void test_error_margins_leave_no_page(void) {
  parse_fail("page:\n  size: A6\n  columns: 1\n  margins: {top: 50mm, bottom: 50mm}\n", 2, 3,
             "the top and bottom margins leave under 2 inches of page");
}

/* ---- errors: colours ---- */

static void test_error_bad_colour(void) {
  parse_fail("colors:\n  brand: '#12345'\n", 2, 10, "colour 'brand': '#12345' is not a colour: write #rrggbb");
  parse_fail("colors:\n  tint: cmyk(0, 0, 0)\n", 2, 9, "colour 'tint': cmyk() takes four components");
  parse_fail("colors:\n  text: [0, 0, 0]\n", 2, 9, "expected a single value for colour 'text', found a list");
}

static void test_error_style_colour_name(void) {
  parse_fail("styles:\n  body:\n    color: blue\n", 3, 12,
             "color of style 'body': 'blue' is not a colour: expected #rrggbb, cmyk(c, m, y, k) or one of brand, "
             "tint, text, muted, rule, on_brand");
}

static void test_error_style_colour_value(void) {
  parse_fail("styles:\n  body: {color: '#xyz'}\n", 2, 17,
             "color of style 'body': '#xyz' is not a colour: #rrggbb takes hexadecimal digits");
  parse_fail("styles:\n  body: {color: 'cmyk(1, 1, 1, 2)'}\n", 2, 17, "color of style 'body': cmyk() components go");
  parse_fail("styles:\n  body: {color: [brand]}\n", 2, 17, "expected a single value for color of style 'body'");
}

/* ---- errors: styles and floors ---- */

static void test_error_size_floor(void) {
  parse_fail("styles:\n  caption: {size: 7pt, leading: 9pt}\n", 2, 19,
             "size of style 'caption': 7pt is under the readability floor of 7.5pt");
  parse_fail("styles:\n  footer:\n    size: 2.5mm\n", 3, 11,
             "size of style 'footer': 7.087pt is under the readability");
}

static void test_error_body_floor(void) {
  parse_fail("styles:\n  body:\n    size: 8.5pt\n    leading: 12pt\n", 3, 5,
             "style 'body' is 8.5pt: running text must be at least 9pt");
  parse_fail("styles:\n  list: {size: 8pt, leading: 11pt}\n", 2, 9,
             "style 'list' is 8pt: running text must be at least 9pt");
  parse_fail("styles:\n  box: {size: 8.9pt, leading: 12pt}\n", 2, 8, "style 'box' is 8.9pt");
}

static void test_error_leading_ratio(void) {
  parse_fail("styles:\n  body: {size: 10pt, leading: 12pt}\n", 2, 9,
             "style 'body' has leading 12pt for 10pt type: running text needs at least 1.3 × its size (13pt)");
  parse_fail("styles:\n  kicker: {size: 9pt}\n  box: {leading: 12.9pt}\n", 3, 8,
             "style 'box' has leading 12.9pt for 10pt type");
}

static void test_error_leading_under_size(void) {
  parse_fail("styles:\n  h2: {size: 14pt, leading: 12pt}\n", 2, 7,
             "style 'h2' has leading 12pt, less than its size 14pt");
}

static void test_error_style_values(void) {
  parse_fail("styles:\n  h2: {weight: heavy}\n", 2, 16,
             "unknown value 'heavy' for weight of style 'h2' (one of: normal, bold)");
  parse_fail("styles:\n  h2: {weight: Bold}\n", 2, 16,
             "unknown value 'Bold' for weight of style 'h2'; did you mean 'bold'?");
  parse_fail("styles:\n  body: {italic: maybe}\n", 2, 18,
             "expected true or false for italic of style 'body', found 'maybe'");
  parse_fail("styles:\n  body: {align: centre}\n", 2, 17,
             "unknown value 'centre' for align of style 'body'; did you mean 'center'? (one of: start, center, end, "
             "justify)");
  parse_fail("styles:\n  body: {font: ''}\n", 2, 16, "expected text for font of style 'body', found nothing");
  parse_fail("styles:\n  body: {indent: 5}\n", 2, 18, "indent of style 'body': the length 5 has no unit");
  parse_fail("styles:\n  body: {hyphenate: sometimes}\n", 2, 21,
             "expected true or false for hyphenate of style 'body'");
}

static void test_error_running(void) {
  parse_fail("header:\n  start:\n    - '{title}'\n    - {a: b}\n", 4, 7,
             "expected a single value for 'header', found a mapping");
  parse_fail("footer:\n  first_page: sometimes\n", 2, 15, "expected true or false for first_page, found 'sometimes'");
  parse_fail("band:\n  padding: 10\n", 2, 12, "band padding: the length 10 has no unit");
  parse_fail("band:\n  kicker: {a: b}\n", 2, 11, "expected a list for band kicker, found a mapping");
  parse_fail("summary:\n  title: ''\n", 2, 10, "expected text for summary title, found nothing");
  parse_fail("summary:\n  show: sometimes\n", 2, 9, "expected true or false for summary show");
}

/* ---- extends ---- */

static void test_extends(void) {
  char *base = lp_test_write("ext/base.yaml", "page:\n"
                                              "  columns: 1\n"
                                              "  gutter: 5mm\n"
                                              "colors:\n"
                                              "  brand: '#102030'\n"
                                              "styles:\n"
                                              "  body: {size: 11pt, leading: 15pt, font: Noto Serif}\n");
  char *child = lp_test_write("ext/child.yaml", "extends: base\n"
                                                "page:\n"
                                                "  margins: 20mm\n"
                                                "styles:\n"
                                                "  h2: {size: 15pt, leading: 19pt}\n"
                                                "  body: {leading: 16pt}\n");
  LpLayoutSpec *l = read_ok(child);
  g_assert_cmpstr(l->name, ==, "child");
  g_assert_cmpstr(l->file, ==, child);
  g_assert_cmpint(l->columns, ==, 1);
  g_assert_cmpfloat_with_epsilon(l->gutter, 5 * MM, EPS);
  g_assert_cmpfloat_with_epsilon(l->margin_left, 20 * MM, EPS);
  assert_rgb(&l->colors[LP_NAMED_BRAND], 0x10, 0x20, 0x30);
  assert_rgb(&l->styles[LP_STYLE_H2].color, 0x10, 0x20, 0x30);
  const LpStyle *body = &l->styles[LP_STYLE_BODY];
  g_assert_cmpfloat_with_epsilon(body->size, 11, EPS);
  g_assert_cmpfloat_with_epsilon(body->leading, 16, EPS);
  g_assert_cmpstr(body->font, ==, "Noto Serif");
  g_assert_cmpstr(body->pos.file, ==, child);
  g_assert_cmpfloat_with_epsilon(l->styles[LP_STYLE_H2].size, 15, EPS);
  lp_layout_spec_free(l);
  g_free(base);
  g_free(child);
}

static void test_extends_checks_merged_values(void) {
  /* The base alone is fine; the child's larger type without more leading is not. */
  char *base = lp_test_write("merged/base.yaml", "styles:\n  body: {size: 11pt, leading: 15pt}\n");
  char *child = lp_test_write("merged/child.yaml", "extends: base\nstyles:\n  body: {size: 12pt}\n");
  read_fail(child, child, 3, 9, "style 'body' has leading 15pt for 12pt type");
  g_free(base);
  g_free(child);
}

static void test_extends_chain(void) {
  char *paths[5];
  for (int i = 0; i < 5; i++) {
    char *name = g_strdup_printf("chain/c%d.yaml", i);
    char *text = i < 4 ? g_strdup_printf("extends: c%d\n", i + 1) : g_strdup("page:\n  columns: 3\n");
    paths[i] = lp_test_write(name, text);
    g_free(name);
    g_free(text);
  }
  LpLayoutSpec *l = read_ok(paths[0]);
  g_assert_cmpint(l->columns, ==, 3);
  g_assert_cmpstr(l->name, ==, "c0");
  lp_layout_spec_free(l);
  for (int i = 0; i < 5; i++)
    g_free(paths[i]);
}

static void test_extends_missing(void) {
  char *child = lp_test_write("missing/child.yaml", "# a comment\nextends: nope\n");
  read_fail(child, child, 2, 10, "extends: no layout 'nope' next to this one");
  g_free(child);
}

static void test_extends_not_a_name(void) {
  char *child = lp_test_write("notname/child.yaml", "extends: ../a4-leaflet\n");
  read_fail(child, child, 1, 10,
            "extends: expected the name of a layout in the same folder or 'leafpress:NAME' (installed), found "
            "'../a4-leaflet'");
  g_free(child);
  child = lp_test_write("notname/hidden.yaml", "extends: .base\n");
  read_fail(child, child, 1, 10, "found '.base'");
  g_free(child);
  child = lp_test_write("notname/list.yaml", "extends: [a4-leaflet]\n");
  read_fail(child, child, 1, 10, "expected a single value for extends, found a list");
  g_free(child);
}

/* The test programs are not installed: an installed layout is an error that
 * says so (tests/e2e/test_install.sh extends installed layouts for real). */
static void test_extends_installed_not_installed(void) {
  char *child = lp_test_write("installed/child.yaml", "extends: leafpress:a4-leaflet\n");
  read_fail(child, child, 1, 10,
            "extends: 'leafpress:a4-leaflet' is a layout installed with leafpress, and this leafpress is not "
            "installed");
  g_free(child);
}

static void test_extends_loop(void) {
  char *a = lp_test_write("loop/loop-a.yaml", "extends: loop-b\n");
  char *b = lp_test_write("loop/loop-b.yaml", "extends: loop-a\n");
  read_fail(a, a, 1, 10, "layouts extend each other more than 4 deep (a loop?)");
  read_fail(b, b, 1, 10, "layouts extend each other more than 4 deep (a loop?)");
  g_free(a);
  g_free(b);
}

static void test_extends_self(void) {
  char *self = lp_test_write("self/self.yaml", "kind: leaflet\nextends: self\n");
  read_fail(self, self, 2, 10, "layouts extend each other more than 4 deep");
  g_free(self);
}

static void test_extends_base_error(void) {
  /* A mistake in the base is reported in the base, where it can be fixed. */
  char *base = lp_test_write("baseerr/base.yaml", "page:\n  size: B5\n");
  char *child = lp_test_write("baseerr/child.yaml", "extends: base\n");
  read_fail(child, base, 2, 9, "page size: unknown paper 'B5'");
  g_free(base);
  g_free(child);

  base = lp_test_write("baseempty/base.yaml", "");
  child = lp_test_write("baseempty/child.yaml", "extends: base\n");
  read_fail(child, base, 0, 0, "layout is empty");
  g_free(base);
  g_free(child);
}

static void test_extends_from_parse(void) {
  /* Parsed from memory, the base is looked up next to the given path. */
  char *dir = g_build_filename(lp_test_tmp(), "mem", NULL);
  char *base = lp_test_write("mem/base.yaml", "page:\n  columns: 1\n");
  char *path = g_build_filename(dir, "virtual.yaml", NULL);
  const char *text = "extends: base\n";
  GError *err = NULL;
  LpLayoutSpec *l = lp_layoutfile_parse(lp_test_ctx(), path, text, strlen(text), &err);
  g_assert_no_error(err);
  g_assert_cmpint(l->columns, ==, 1);
  g_assert_cmpstr(l->name, ==, "virtual");
  lp_layout_spec_free(l);
  g_free(path);
  g_free(base);
  g_free(dir);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/layoutfile/good/defaults", test_defaults);
  g_test_add_func("/layoutfile/good/bundled-leaflet", test_bundled_leaflet);
  g_test_add_func("/layoutfile/good/bundled-large-print", test_bundled_large_print);
  g_test_add_func("/layoutfile/good/custom-page", test_custom_page);
  g_test_add_func("/layoutfile/good/margin-sides", test_margin_sides);
  g_test_add_func("/layoutfile/good/floors-exactly", test_floors_exactly);
  g_test_add_func("/layoutfile/good/style-settings", test_style_settings);
  g_test_add_func("/layoutfile/good/style-colors", test_style_colors);
  g_test_add_func("/layoutfile/good/cmyk-named-color", test_cmyk_named_color);
  g_test_add_func("/layoutfile/good/running-band-summary", test_running_band_summary);
  g_test_add_func("/layoutfile/good/contact", test_contact);
  g_test_add_func("/layoutfile/error/empty", test_error_empty);
  g_test_add_func("/layoutfile/error/read-empty", test_error_read_empty);
  g_test_add_func("/layoutfile/error/read-missing", test_error_read_missing);
  g_test_add_func("/layoutfile/error/not-mapping", test_error_not_mapping);
  g_test_add_func("/layoutfile/error/invalid-utf8", test_error_invalid_utf8);
  g_test_add_func("/layoutfile/error/yaml-syntax", test_error_yaml_syntax);
  g_test_add_func("/layoutfile/error/unknown-key-suggestion", test_error_unknown_key_suggestion);
  g_test_add_func("/layoutfile/error/unknown-key-no-suggestion", test_error_unknown_key_no_suggestion);
  g_test_add_func("/layoutfile/error/unknown-nested-keys", test_error_unknown_nested_keys);
  g_test_add_func("/layoutfile/error/section-kinds", test_error_section_kinds);
  g_test_add_func("/layoutfile/error/kind", test_error_kind);
  g_test_add_func("/layoutfile/error/length-no-unit", test_error_length_no_unit);
  g_test_add_func("/layoutfile/error/length-bad-unit", test_error_length_bad_unit);
  g_test_add_func("/layoutfile/error/length-not-a-length", test_error_length_not_a_length);
  g_test_add_func("/layoutfile/error/margin-floor", test_error_margin_floor);
  g_test_add_func("/layoutfile/error/margin-floor-side", test_error_margin_floor_side);
  g_test_add_func("/layoutfile/error/unknown-paper", test_error_unknown_paper);
  g_test_add_func("/layoutfile/error/page-size-list", test_error_page_size_list);
  g_test_add_func("/layoutfile/error/columns", test_error_columns);
  g_test_add_func("/layoutfile/error/columns-too-narrow", test_error_columns_too_narrow);
  g_test_add_func("/layoutfile/error/margins-leave-no-page", test_error_margins_leave_no_page);
  g_test_add_func("/layoutfile/error/bad-colour", test_error_bad_colour);
  g_test_add_func("/layoutfile/error/style-colour-name", test_error_style_colour_name);
  g_test_add_func("/layoutfile/error/style-colour-value", test_error_style_colour_value);
  g_test_add_func("/layoutfile/error/size-floor", test_error_size_floor);
  g_test_add_func("/layoutfile/error/body-floor", test_error_body_floor);
  g_test_add_func("/layoutfile/error/leading-ratio", test_error_leading_ratio);
  g_test_add_func("/layoutfile/error/leading-under-size", test_error_leading_under_size);
  g_test_add_func("/layoutfile/error/style-values", test_error_style_values);
  g_test_add_func("/layoutfile/error/running", test_error_running);
  g_test_add_func("/layoutfile/extends/values", test_extends);
  g_test_add_func("/layoutfile/extends/checks-merged-values", test_extends_checks_merged_values);
  g_test_add_func("/layoutfile/extends/chain", test_extends_chain);
  g_test_add_func("/layoutfile/extends/installed-not-installed", test_extends_installed_not_installed);
  g_test_add_func("/layoutfile/extends/missing", test_extends_missing);
  g_test_add_func("/layoutfile/extends/not-a-name", test_extends_not_a_name);
  g_test_add_func("/layoutfile/extends/loop", test_extends_loop);
  g_test_add_func("/layoutfile/extends/self", test_extends_self);
  g_test_add_func("/layoutfile/extends/base-error", test_extends_base_error);
  g_test_add_func("/layoutfile/extends/from-parse", test_extends_from_parse);
  g_test_add_func("/layoutfile/sheet-and-panels", test_sheet_and_panels);
  g_test_add_func("/layoutfile/booklet", test_booklet);
  return g_test_run();
}
