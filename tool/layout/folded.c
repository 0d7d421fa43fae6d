#include "layout/folded.h"

#include <math.h>
#include <string.h>

#include "layout/card.h"
#include "layout/leaflet.h"
#include "page/canvas.h"
#include "page/marks.h"

#define MM (72.0 / 25.4)

/* Each panel is composed as a page of its own, by the composers that already
 * know how to set its content (the card's blocks for the cover, back and flap,
 * the leaflet's flow for the text), and placed on the side as a page group
 * clipped to the panel: nothing of one panel, no band, box, figure or line of
 * text, can cross a fold. Where a panel meets the sheet's edge it keeps the
 * layout's bleed.
 *
 * A sub-layout is the folded layout copied field by field with the page, the
 * kind and the blocks changed; it shares the strings, styles and arrays of the
 * folded layout and is never freed, only the arrays made here are. */

typedef struct {
  LpLayoutSpec spec;
  GArray *sides[2];
} Sub;

static void sub_card(Sub *s, const LpLayoutSpec *base, double w, LpCardBlock front, LpCardBlock back,
                     int extra) {
  s->spec = *base;
  s->spec.kind = LP_KIND_CARD;
  s->spec.page_w = w;
  s->spec.columns = 1;
  for (int i = 0; i < 2; i++) {
    s->sides[i] = g_array_new(FALSE, FALSE, sizeof(LpCardBlock));
    LpCardBlock b = i ? back : front;
    g_array_append_val(s->sides[i], b);
    if (i && extra >= 0) {
      LpCardBlock e = (LpCardBlock)extra;
      g_array_prepend_val(s->sides[i], e);
    }
    s->spec.card_sides[i] = s->sides[i];
  }
}

static void sub_clear(Sub *s) {
  for (int i = 0; i < 2; i++)
    if (s->sides[i])
      g_array_free(s->sides[i], TRUE);
}

static LpBook *run(const LpLayoutInput *in, const LpLayoutSpec *spec, GError **err) {
  LpLayoutInput sub = *in;
  sub.spec = spec;
  return spec->kind == LP_KIND_CARD ? lp_card_compose(&sub, err) : lp_leaflet_compose(&sub, err);
}

/* Places `panel` (a page of width `w`, or narrower, centred) at x on `side`,
 * clipped to the panel, with the bleed only where the panel meets the sheet's
 * edge. */
static void place(LpPage *side, LpPage *panel, double x, double w, double bleed, int reading) {
  double W = lp_page_width(side), H = lp_page_height(side);
  LpWindow win = {.x = x, .w = w, .h = H, .top = bleed, .bottom = bleed,
                  .left = x < 0.01 ? bleed : 0, .right = x + w > W - 0.01 ? bleed : 0,
                  .dx = (w - lp_page_width(panel)) / 2};
  lp_page_tag_begin(side, LP_ROLE_PLACED, reading, NULL);
  lp_page_add_window(side, panel, &win);
  lp_page_tag_end(side);
}

/* Where a panel comes when the leaflet is read: the cover, the flap that
 * opening it shows, the inside panels in turn, the back last. */
static int reading_place(LpPanelRole role, int text_index) {
  switch (role) {
  case LP_PANEL_COVER:
    return 0;
  case LP_PANEL_FLAP:
    return 1;
  case LP_PANEL_TEXT:
    return 2 + text_index;
  default:
    return 2 + LP_MAX_PANELS * 2;
  }
}

/* Fold marks: the fold's line in the slug above and below the sheet, where
 * crop marks go; outside the page they print only on a sheet with a slug
 * (--crop-marks), and never on the leaflet. */
static void fold_marks(LpPage *side, const double *folds, int n, double bleed) {
  lp_page_artifact_begin(side);
  LpCanvas *cv = lp_canvas_new(side);
  cairo_t *cr = lp_canvas_cr(cv);
  cairo_set_line_width(cr, 0.25);
  double dash = 2;
  cairo_set_dash(cr, &dash, 1, 0);
  double H = lp_page_height(side), from = bleed + 2, to = bleed + LP_CROP_SLUG - 2;
  for (int i = 0; i < n; i++) {
    cairo_move_to(cr, folds[i], -from);
    cairo_line_to(cr, folds[i], -to);
    cairo_move_to(cr, folds[i], H + from);
    cairo_line_to(cr, folds[i], H + to);
  }
  LpColor registration = {LP_COLOR_CMYK, {1, 1, 1, 1}};
  if (n)
    lp_canvas_stroke(cv, registration);
  lp_canvas_free(cv);
  lp_page_artifact_end(side);
}

/* panels: {fill: balance}: a text shorter than its panels would fill the
 * first ones and leave the last short or empty (a blank panel in a folded
 * leaflet looks like a printing fault). So the text is set again with its
 * panels' depth cut from the foot, by halves, to the least depth at which it
 * still fits them: every panel is then full to about the same line, within
 * BALANCE_PT, the rest of the last panel being what the breaks (a figure, a
 * heading kept with its text) leave over. Each try is a whole composition,
 * deterministic, so the same input gives the same panels. */
#define BALANCE_PT 3.0

static LpBook *balance(const LpLayoutInput *in, LpLayoutSpec *text, LpBook *texts, int n_text) {
  double base = text->margin_bottom;
  double lo = 0, hi = text->page_h - text->margin_top - text->margin_bottom; /* lo fits, hi does not */
  while (hi - lo > BALANCE_PT) {
    double mid = (lo + hi) / 2;
    text->margin_bottom = base + mid;
    GError *e = NULL;
    LpBook *b = run(in, text, &e);
    /* It fitted at full depth: what fails at less is the depth (a figure
     * taller than the panel), so a failure is a "no" here, not an error. */
    g_clear_error(&e);
    if (b && (int)lp_book_n_pages(b) <= n_text) {
      lo = mid;
      lp_book_free(texts);
      texts = b;
    } else {
      hi = mid;
      lp_book_free(b);
    }
  }
  text->margin_bottom = base;
  return texts;
}

/* copyfit: {min_size, step}: a text longer than its panels is set again,
 * smaller, as a print designer copy-fits it: the body's size steps down by
 * `step` and the body and list styles' sizes and leadings all shrink in that
 * proportion, each size stopping at min_size (never below the running text's
 * floor, checked by the layout reader) and each leading at the floor's 1.3 x
 * its size. Once the sizes stand at min_size the leading alone goes on
 * tightening, which is the designer's first resort anyway. Headings, boxes,
 * captions and the cover keep their sizes. The first size that fits is kept
 * (the text is as large as it can be); the fit is a whole composition per
 * try, so it is deterministic. Returns the book that fitted, or the last try
 * (too long) with *fitted FALSE; `text`'s styles are left as set. */
static const LpStyleId fitted_styles[] = {LP_STYLE_BODY, LP_STYLE_LIST};

static gboolean copyfit_apply(const LpLayoutSpec *spec, LpLayoutSpec *text, double shrink) {
  gboolean moved = FALSE;
  const LpStyle *body = &spec->styles[LP_STYLE_BODY];
  double f = (body->size - shrink) / body->size;
  for (gsize i = 0; i < G_N_ELEMENTS(fitted_styles); i++) {
    const LpStyle *base = &spec->styles[fitted_styles[i]];
    LpStyle *st = &text->styles[fitted_styles[i]];
    double size = MAX(MIN(spec->copyfit_min_size, base->size), base->size * f);
    double leading = MAX(LP_FLOOR_LEADING_RATIO * size, base->leading * f);
    leading = MIN(leading, base->leading);
    moved |= size < st->size - 1e-9 || leading < st->leading - 1e-9;
    st->size = size;
    st->leading = leading;
  }
  return moved;
}

static LpBook *copyfit(const LpLayoutInput *in, LpLayoutSpec *text, LpBook *texts, int n_text, gboolean *fitted,
                       GError **err) {
  const LpLayoutSpec *spec = in->spec;
  *fitted = FALSE;
  for (int k = 1; copyfit_apply(spec, text, k * spec->copyfit_step); k++) {
    LpBook *b = run(in, text, err);
    if (!b)
      break;
    lp_book_free(texts);
    texts = b;
    if ((int)lp_book_n_pages(b) <= n_text) {
      *fitted = TRUE;
      break;
    }
  }
  return texts;
}

LpBook *lp_folded_compose(const LpLayoutInput *in, GError **err) {
  const LpLayoutSpec *spec = in->spec;
  int n = spec->n_panels;
  /* The inside's widths run left to right; the outside is the inside turned
   * over left to right, so its panel i is the inside's panel n-1-i. */
  double widths[2][LP_MAX_PANELS], narrowest = G_MAXDOUBLE;
  for (int i = 0; i < n; i++) {
    widths[1][i] = spec->panel_w[i];
    widths[0][i] = spec->panel_w[n - 1 - i];
    narrowest = MIN(narrowest, spec->panel_w[i]);
  }
  /* The text: the leaflet's flow through pages the width of the narrowest
   * panel, one column, no band, box or running lines (a folded leaflet has no
   * "page X of Y"); each page fills the next text panel. */
  LpLayoutSpec text = *spec;
  text.kind = LP_KIND_LEAFLET;
  text.page_w = narrowest;
  text.columns = 1;
  text.summary = FALSE;
  text.contact = FALSE;
  text.no_band = TRUE;
  text.imposition = LP_IMPOSE_CARDS;
  memset(&text.header, 0, sizeof text.header);
  memset(&text.footer, 0, sizeof text.footer);
  Sub cover = {0}, back = {0}, flap = {0};
  LpBook *texts = NULL, *covers = NULL, *flaps = NULL, *book = NULL;
  double cover_w = 0, flap_w = 0, back_w = 0;
  int n_text = 0;
  for (int s = 0; s < 2; s++)
    for (int i = 0; i < n; i++) {
      LpPanelRole r = spec->panel_role[s][i];
      n_text += r == LP_PANEL_TEXT;
      if (r == LP_PANEL_COVER)
        cover_w = widths[s][i];
      if (r == LP_PANEL_FLAP)
        flap_w = widths[s][i];
      if (r == LP_PANEL_BACK)
        back_w = widths[s][i];
    }
  /* The cover and the back are the two sides of one card, the flap the front
   * of another: each its own width (the card sets its blocks to the page). */
  sub_card(&cover, spec, cover_w > 0 ? cover_w : narrowest, LP_CARD_BAND, LP_CARD_CONTACT, -1);
  cover.spec.article_title = TRUE; /* the leaflet's cover: its title, not the card's */
  sub_card(&flap, spec, flap_w > 0 ? flap_w : narrowest, LP_CARD_POINTS, LP_CARD_CONTACT, -1);
  /* The back panel: the version at its head, the contact at its foot. */
  sub_card(&back, spec, back_w > 0 ? back_w : narrowest, LP_CARD_BAND, LP_CARD_CONTACT, LP_CARD_VERSION);
  LpBook *backs = NULL;
  gboolean ok = (texts = run(in, &text, err)) && (covers = run(in, &cover.spec, err)) &&
                (!flap_w || (flaps = run(in, &flap.spec, err))) && (!back_w || (backs = run(in, &back.spec, err)));
  const LpStyle *body0 = &spec->styles[LP_STYLE_BODY], *body = &text.styles[LP_STYLE_BODY];
  gboolean fitted = FALSE;
  if (ok && (int)lp_book_n_pages(texts) > n_text && spec->copyfit_min_size > 0) {
    texts = copyfit(in, &text, texts, n_text, &fitted, err);
    ok = texts && !(err && *err);
  }
  if (ok && fitted && in->ctx)
    lp_ctx_warn(in->ctx, &lp_doc_meta_const(in->doc)->pos,
                "the %s's text was set at %.4g/%.4g pt instead of %.4g/%.4g pt to fit its %d text panels "
                "(copyfit: min_size %.4gpt, step %.4gpt)",
                spec->name, body->size, body->leading, body0->size, body0->leading, n_text, spec->copyfit_min_size,
                spec->copyfit_step);
  if (ok && (int)lp_book_n_pages(texts) <= n_text && spec->panel_fill == LP_FILL_BALANCE)
    texts = balance(in, &text, texts, n_text);
  if (ok && (int)lp_book_n_pages(texts) > n_text) {
    if (spec->copyfit_min_size > 0)
      lp_set_error_hint(err, LP_EXIT_INPUT, &lp_doc_meta_const(in->doc)->pos,
                        "shorten the text, or print it as a leaflet or booklet",
                        "the %s's text needs %u panels even at %.4g/%.4g pt, the smallest its copyfit allows "
                        "(min_size %.4gpt, leading %.1f x the size), and it has %d text panels",
                        spec->name, lp_book_n_pages(texts), body->size, body->leading, spec->copyfit_min_size,
                        LP_FLOOR_LEADING_RATIO, n_text);
    else
      lp_set_error_hint(err, LP_EXIT_INPUT, &lp_doc_meta_const(in->doc)->pos,
                        "shorten the text, or print it as a leaflet or booklet",
                        "the %s's text needs %u panels, and it has %d text panels", spec->name,
                        lp_book_n_pages(texts), n_text);
    ok = FALSE;
  }
  if (ok) {
    gboolean rtl = lp_book_info_const(texts)->rtl;
    book = lp_book_new();
    int next_text = 0;
    double folds[LP_MAX_PANELS];
    for (int s = 0; s < 2; s++) {
      LpPage *side = lp_page_new(spec->page_w, spec->page_h);
      double x = 0;
      double xs[LP_MAX_PANELS];
      for (int i = 0; i < n; i++) {
        xs[i] = x;
        x += widths[s][i];
        if (i + 1 < n)
          folds[i] = x;
      }
      /* Text panels take the text in the layout's order, left to right; a
       * right-to-left leaflet is the mirror image, its panels, widths and
       * roles running the other way, so it reads right to left. */
      LpPage *panels[LP_MAX_PANELS] = {NULL};
      int places[LP_MAX_PANELS] = {0};
      for (int i = 0; i < n; i++) {
        LpPage *panel = NULL;
        places[i] = reading_place(spec->panel_role[s][i], next_text);
        switch (spec->panel_role[s][i]) {
        case LP_PANEL_COVER:
          panel = lp_book_page(covers, 0);
          break;
        case LP_PANEL_BACK:
          panel = lp_book_page(backs, 1);
          break;
        case LP_PANEL_FLAP:
          panel = lp_book_page(flaps, 0);
          break;
        case LP_PANEL_TEXT:
          if (next_text < (int)lp_book_n_pages(texts))
            panel = lp_book_page(texts, (guint)next_text);
          next_text++;
          break;
        case LP_PANEL_COUNT:
          break;
        }
        panels[i] = panel;
      }
      /* Drawn cover, text, flap, back (panels do not overlap, so the order
       * draws the same side); each is wrapped with its place in reading order,
       * which the finish stage gives the structure tree (cover, flap, inside,
       * back: finish/order.h). */
      static const LpPanelRole reading[] = {LP_PANEL_COVER, LP_PANEL_TEXT, LP_PANEL_FLAP, LP_PANEL_BACK};
      for (gsize r = 0; r < G_N_ELEMENTS(reading); r++)
        for (int i = 0; i < n; i++)
          if (panels[i] && spec->panel_role[s][i] == reading[r])
            place(side, panels[i], rtl ? spec->page_w - xs[i] - widths[s][i] : xs[i], widths[s][i], spec->bleed,
                  places[i]);
      double mirrored[LP_MAX_PANELS];
      for (int i = 0; i + 1 < n; i++)
        mirrored[i] = rtl ? spec->page_w - folds[i] : folds[i];
      fold_marks(side, mirrored, n - 1, spec->bleed);
      lp_book_add_page(book, side);
    }
    /* The document's metadata and the text's bookmarks (on the inside). */
    lp_book_copy_info(book, texts);
    for (guint i = 0; i < lp_book_n_outline(texts); i++) {
      const LpOutlineEntry *e = lp_book_outline(texts, i);
      lp_book_add_outline(book, e->level, e->title, 1, e->y);
    }
  }
  lp_book_free(texts);
  lp_book_free(covers);
  lp_book_free(flaps);
  lp_book_free(backs);
  sub_clear(&cover);
  sub_clear(&flap);
  sub_clear(&back);
  return book;
}

void lp_folded_keys(const LpLayoutSpec *spec, GHashTable *keys) {
  lp_leaflet_keys(spec, keys);
  lp_card_keys(spec, keys);
}
