#include "impose/impose.h"

#include <math.h>
#include <string.h>

#include "doc/diag.h"
#include "page/canvas.h"

#define MM (72.0 / 25.4)
/* A mark keeps this far from any card's bleed and from the sheet's edge: a
 * sheet shifts a little in the printer, and a mark touching a card would
 * print on it. (The same gap as the crop marks of a single page.) */
#define GAP 2.0
/* Cut marks: hairlines, at most this long, and none shorter than MARK_MIN
 * (a stub nobody can line a guillotine up with). */
#define HAIRLINE 0.25
#define MARK_LEN (5 * MM)
#define MARK_MIN (2 * MM)
/* Sizes are compared to a hundredth of a millimetre: 2 × 148 mm on 297 mm. */
#define EPS 0.03

static const struct {
  const char *name;
  double w, h; /* mm, portrait */
} sheets[] = {{"a3", 297, 420},         {"a4", 210, 297},          {"a5", 148, 210},   {"sra3", 320, 450},
              {"sra4", 225, 320},       {"letter", 215.9, 279.4}, {"legal", 215.9, 355.6},
              {"tabloid", 279.4, 431.8}};

const char *lp_impose_sheet_names(void) { return "a3, a4, a5, sra3, sra4, letter, legal, tabloid"; }

gboolean lp_impose_sheet_find(const char *name, double *w, double *h, GError **err) {
  const char *names[G_N_ELEMENTS(sheets) + 1];
  for (gsize i = 0; i < G_N_ELEMENTS(sheets); i++) {
    names[i] = sheets[i].name;
    if (g_ascii_strcasecmp(name, sheets[i].name) == 0) {
      *w = sheets[i].w * MM;
      *h = sheets[i].h * MM;
      return TRUE;
    }
  }
  names[G_N_ELEMENTS(sheets)] = NULL;
  char *lower = g_ascii_strdown(name, -1);
  const char *near = lp_nearest(lower, names);
  g_free(lower);
  if (near)
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--sheet %s: unknown sheet size; did you mean '%s'? (expected %s)", name,
                 near, lp_impose_sheet_names());
  else
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--sheet %s: unknown sheet size: expected %s", name,
                 lp_impose_sheet_names());
  return FALSE;
}

gboolean lp_impose_duplex_parse(const char *name, LpDuplex *out, GError **err) {
  if (g_ascii_strcasecmp(name, "long") == 0)
    *out = LP_DUPLEX_LONG;
  else if (g_ascii_strcasecmp(name, "short") == 0)
    *out = LP_DUPLEX_SHORT;
  else {
    const char *names[] = {"long", "short", NULL};
    const char *near = lp_nearest(name, names);
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--duplex %s: expected long or short%s%s%s", name,
                 near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    return FALSE;
  }
  return TRUE;
}

const char *lp_impose_duplex_name(LpDuplex d) {
  return d == LP_DUPLEX_LONG ? "long" : d == LP_DUPLEX_SHORT ? "short" : "auto";
}

static int fits(double room, double size) { return (int)floor((room + EPS) / size); }

/* Shares `spare` between n cells' gaps (up to `want` each) and the two margins. */
static double share_gap(double spare, int n, double want) {
  if (n < 2)
    return 0;
  return MAX(0, MIN(want, spare / (n + 1)));
}

gboolean lp_impose_grid(double sw, double sh, double pw, double ph, double gap, LpGrid *g) {
  memset(g, 0, sizeof *g);
  double shorter = MIN(sw, sh), longer = MAX(sw, sh);
  int portrait = fits(shorter, pw) * fits(longer, ph), landscape = fits(longer, pw) * fits(shorter, ph);
  if (portrait <= 0 && landscape <= 0)
    return FALSE;
  g->landscape = landscape > portrait;
  g->sheet_w = g->landscape ? longer : shorter;
  g->sheet_h = g->landscape ? shorter : longer;
  g->cols = fits(g->sheet_w, pw);
  g->rows = fits(g->sheet_h, ph);
  g->cell_w = pw;
  g->cell_h = ph;
  g->gap_x = share_gap(g->sheet_w - g->cols * pw, g->cols, gap);
  g->gap_y = share_gap(g->sheet_h - g->rows * ph, g->rows, gap);
  g->x0 = (g->sheet_w - g->cols * pw - (g->cols - 1) * g->gap_x) / 2;
  g->y0 = (g->sheet_h - g->rows * ph - (g->rows - 1) * g->gap_y) / 2;
  return TRUE;
}

LpDuplex lp_impose_default_duplex(gboolean landscape) { return landscape ? LP_DUPLEX_SHORT : LP_DUPLEX_LONG; }

/* Turned over its long edge, a portrait sheet's back is its front mirrored
 * left to right; a landscape sheet's long edge is its top, so its back is
 * mirrored top to bottom. The short edge is the other way round. */
gboolean lp_impose_mirror_x(gboolean landscape, LpDuplex duplex) {
  if (duplex == LP_DUPLEX_AUTO)
    duplex = lp_impose_default_duplex(landscape);
  return (duplex == LP_DUPLEX_LONG) != landscape;
}

void lp_impose_cell(const LpGrid *g, int slot, gboolean back, gboolean mirror_x, double *x, double *y) {
  int col = slot % g->cols, row = slot / g->cols;
  *x = g->x0 + col * (g->cell_w + g->gap_x);
  *y = g->y0 + row * (g->cell_h + g->gap_y);
  /* The grid is centred, so mirroring a cell's box about the sheet's middle
   * lands on another cell of the grid. */
  if (back && mirror_x)
    *x = g->sheet_w - *x - g->cell_w;
  else if (back)
    *y = g->sheet_h - *y - g->cell_h;
}

void lp_impose_booklet_side(guint n, guint sheet, gboolean back, gboolean rtl, guint *left, guint *right) {
  /* Sheet s, outermost first: the front holds the last page but 2s and the
   * first page but 2s; the back the pages next to those, inwards. */
  guint outer_last = n - 1 - 2 * sheet, outer_first = 2 * sheet;
  if (!back) {
    *left = outer_last;
    *right = outer_first;
  } else {
    *left = outer_first + 1;
    *right = outer_last - 1;
  }
  if (rtl) {
    guint t = *left;
    *left = *right;
    *right = t;
  }
}

/* ---- placing ---- */

typedef struct {
  double x, y, w, h; /* the trim on the sheet */
  double b;          /* bleed kept on every side */
} Placed;

typedef struct {
  const LpImposeOptions *opt;
  LpBook *out;
  GArray *side_of; /* guint per page of the input, the sheet side it went on (first copy) */
  GArray *y_of;    /* double, where its top is on that side */
} Imposer;

/* Page `index` of the input on `sheet` with its trim at (x, y), keeping `bl`,
 * `bt`, `br`, `bb` of its bleed (left, top, right, bottom); its content moved
 * by `dx` inside that box (creep). A page placed once more to fill the sheet
 * is a `copy`. Each page's own structure is wrapped with its place in
 * reading order, which the finish stage restores (LP_ROLE_PLACED). */
static void place(LpPage *sheet, GPtrArray *pages, guint index, double x, double y, double bl, double bt,
                  double br, double bb, double dx, gboolean copy) {
  LpPage *page = g_ptr_array_index(pages, index);
  LpWindow win = {x, y, lp_page_width(page), lp_page_height(page), bl, bt, br, bb, dx, 0, copy};
  if (!copy)
    lp_page_tag_begin(sheet, LP_ROLE_PLACED, (int)index, NULL);
  lp_page_add_window(sheet, page, &win);
  if (!copy)
    lp_page_tag_end(sheet);
}

/* A cut mark from (x, y) running `len` in direction (dx, dy), cut short where
 * it would come within GAP of any card's bleed or of the sheet's edge; kept
 * if MARK_MIN of it is left. */
static int mark(cairo_t *cr, const GArray *cards, double sw, double sh, double x, double y, double dx, double dy) {
  double len = MARK_LEN;
  len = MIN(len, dx > 0 ? sw - GAP - x : dx < 0 ? x - GAP : dy > 0 ? sh - GAP - y : y - GAP);
  for (guint i = 0; i < cards->len; i++) {
    const Placed *c = &g_array_index(cards, Placed, i);
    double x0 = c->x - c->b - GAP, x1 = c->x + c->w + c->b + GAP;
    double y0 = c->y - c->b - GAP, y1 = c->y + c->h + c->b + GAP;
    if (dx != 0) {
      if (!(y > y0 && y < y1))
        continue;
      double near = dx > 0 ? x0 - x : x - x1; /* how far ahead the box starts */
      double far = dx > 0 ? x1 - x : x - x0;
      if (far > 1e-6 && near < len)
        len = MAX(0, MIN(len, near));
      if (near < -1e-6 && far > 1e-6)
        len = 0; /* starts inside a card's bleed */
    } else {
      if (!(x > x0 && x < x1))
        continue;
      double near = dy > 0 ? y0 - y : y - y1;
      double far = dy > 0 ? y1 - y : y - y0;
      if (far > 1e-6 && near < len)
        len = MAX(0, MIN(len, near));
      if (near < -1e-6 && far > 1e-6)
        len = 0;
    }
  }
  if (len < MARK_MIN)
    return 0;
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + dx * len, y + dy * len);
  return 1;
}

/* Cut marks at every corner of every card on one side of a sheet, pointing
 * away from the card along its trim lines, starting beyond its bleed. */
static int add_marks(LpPage *sheet, const GArray *cards, const Placed *folds, guint n_folds) {
  if (!cards->len)
    return 0;
  LpCanvas *cv = lp_canvas_new(sheet);
  cairo_t *cr = lp_canvas_cr(cv);
  cairo_set_line_width(cr, HAIRLINE);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  double sw = lp_page_width(sheet), sh = lp_page_height(sheet);
  int n = 0;
  for (guint i = 0; i < cards->len; i++) {
    const Placed *c = &g_array_index(cards, Placed, i);
    double off = c->b + GAP;
    double xs[2] = {c->x, c->x + c->w}, ys[2] = {c->y, c->y + c->h};
    for (int a = 0; a < 2; a++)
      for (int b = 0; b < 2; b++) {
        double sx = a ? 1 : -1, sy = b ? 1 : -1;
        n += mark(cr, cards, sw, sh, xs[a] + sx * off, ys[b], sx, 0);
        n += mark(cr, cards, sw, sh, xs[a], ys[b] + sy * off, 0, sy);
      }
  }
  /* Fold marks: the fold's line, above and below the spread. */
  for (guint i = 0; i < n_folds; i++) {
    const Placed *f = &folds[i];
    n += mark(cr, cards, sw, sh, f->x, f->y - f->b - GAP, 0, -1);
    n += mark(cr, cards, sw, sh, f->x, f->y + f->h + f->b + GAP, 0, 1);
  }
  /* A sheet the pages fill to its edges has no room for a mark (A5 on A4):
   * then there is nothing to stroke (libharu refuses an empty path). */
  LpColor registration = {LP_COLOR_CMYK, {1, 1, 1, 1}};
  /* Printer's marks are decoration to a reader of the document. */
  if (n) {
    lp_page_artifact_begin(sheet);
    lp_canvas_stroke(cv, registration);
    lp_page_artifact_end(sheet);
  }
  lp_canvas_free(cv);
  return n;
}

static void note(Imposer *im, guint page, guint side, double y) {
  if (g_array_index(im->side_of, guint, page) != G_MAXUINT)
    return;
  g_array_index(im->side_of, guint, page) = side;
  g_array_index(im->y_of, double, page) = y;
}

static gboolean same_size(GPtrArray *pages, GError **err) {
  LpPage *first = g_ptr_array_index(pages, 0);
  for (guint i = 1; i < pages->len; i++) {
    LpPage *p = g_ptr_array_index(pages, i);
    if (fabs(lp_page_width(p) - lp_page_width(first)) > EPS || fabs(lp_page_height(p) - lp_page_height(first)) > EPS) {
      lp_set_error(err, LP_EXIT_USAGE, NULL,
                   "--sheet: page %u is %.0f x %.0f mm, page 1 %.0f x %.0f mm: pages on sheets must be one size", i + 1,
                   lp_page_width(p) / MM, lp_page_height(p) / MM, lp_page_width(first) / MM,
                   lp_page_height(first) / MM);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean impose_cards(Imposer *im, GPtrArray *pages, GError **err) {
  const LpImposeOptions *o = im->opt;
  LpPage *first = g_ptr_array_index(pages, 0);
  double pw = lp_page_width(first), ph = lp_page_height(first);
  /* Room between cards for both bleeds and, with marks, a mark's length
   * beyond each. */
  double want = 2 * o->bleed + (o->marks ? 2 * (GAP + MARK_LEN) : 0);
  LpGrid g;
  if (!lp_impose_grid(o->sheet_w, o->sheet_h, pw, ph, want, &g)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--sheet: a %.0f x %.0f mm page does not fit a %.0f x %.0f mm sheet",
                 pw / MM, ph / MM, o->sheet_w / MM, o->sheet_h / MM);
    return FALSE;
  }
  gboolean mirror_x = lp_impose_mirror_x(g.landscape, o->duplex);
  /* Each card keeps as much of its bleed as reaches halfway to its
   * neighbour, and no further than the sheet's edge. */
  double margin = MIN(g.x0, g.y0);
  double b = MIN(o->bleed, margin);
  if (g.cols > 1)
    b = MIN(b, g.gap_x / 2);
  if (g.rows > 1)
    b = MIN(b, g.gap_y / 2);
  b = MAX(0, b);
  if (o->kept)
    o->kept->bleed = b;
  guint leaves = (pages->len + 1) / 2, cells = (guint)(g.cols * g.rows);
  gboolean fill = o->fill && leaves == 1;
  guint n_sheets = fill ? 1 : (leaves + cells - 1) / cells;
  for (guint s = 0; s < n_sheets; s++)
    for (int side = 0; side < 2; side++) {
      LpPage *sheet = lp_page_new(g.sheet_w, g.sheet_h);
      GArray *cards = g_array_new(FALSE, FALSE, sizeof(Placed));
      guint side_index = lp_book_n_pages(im->out);
      for (guint c = 0; c < cells; c++) {
        guint leaf = fill ? 0 : s * cells + c;
        guint pi = 2 * leaf + (guint)side;
        if (leaf >= leaves)
          break;
        Placed p = {0, 0, pw, ph, b};
        lp_impose_cell(&g, (int)c, side == 1, mirror_x, &p.x, &p.y);
        g_array_append_val(cards, p); /* a leaf without a back still keeps its place clear */
        if (pi >= pages->len || !g_ptr_array_index(pages, pi))
          continue;
        place(sheet, pages, pi, p.x, p.y, b, b, b, b, 0, fill && c > 0);
        note(im, pi, side_index, p.y);
      }
      if (o->marks && o->kept)
        o->kept->marks += (guint)add_marks(sheet, cards, NULL, 0);
      else if (o->marks)
        add_marks(sheet, cards, NULL, 0);
      g_array_free(cards, TRUE);
      lp_book_add_page(im->out, sheet);
    }
  return TRUE;
}

static gboolean impose_booklet(Imposer *im, GPtrArray *pages, GError **err) {
  const LpImposeOptions *o = im->opt;
  guint n = pages->len;
  if (n % 4) {
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, "a booklet layout (sheet: {imposition: booklet}) pads its pages",
                      "--sheet: a saddle-stitched booklet needs a multiple of 4 pages, this one has %u", n);
    return FALSE;
  }
  LpPage *first = g_ptr_array_index(pages, 0);
  double pw = lp_page_width(first), ph = lp_page_height(first);
  double shorter = MIN(o->sheet_w, o->sheet_h), longer = MAX(o->sheet_w, o->sheet_h);
  if (2 * pw > longer + EPS || ph > shorter + EPS) {
    lp_set_error(err, LP_EXIT_USAGE, NULL,
                 "--sheet: two %.0f x %.0f mm pages side by side do not fit a %.0f x %.0f mm sheet", pw / MM, ph / MM,
                 shorter / MM, longer / MM);
    return FALSE;
  }
  /* The spread lies across a landscape sheet and the sheet is turned over
   * left to right, so that each back page lies behind the page it follows. */
  if (lp_impose_mirror_x(TRUE, o->duplex) == FALSE) {
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, "leave --duplex out, or give --duplex short",
                      "--duplex %s: a booklet's sheet is landscape, and turned over its long edge its backs would "
                      "print upside down",
                      lp_impose_duplex_name(o->duplex));
    return FALSE;
  }
  double sw = longer, sh = shorter;
  double x0 = (sw - 2 * pw) / 2, y0 = (sh - ph) / 2, spine = sw / 2;
  double bo = MAX(0, MIN(o->bleed, x0)), bv = MAX(0, MIN(o->bleed, y0));
  if (o->kept)
    o->kept->bleed = MIN(bo, bv); /* and none at the fold, where no bleed belongs */
  guint n_sheets = n / 4;
  for (guint s = 0; s < n_sheets; s++) {
    /* Inner sheets stick out at the fore-edge once folded: their pages move
     * towards the fold by the creep for each sheet outside them. */
    double shift = s * o->creep;
    for (int side = 0; side < 2; side++) {
      LpPage *sheet = lp_page_new(sw, sh);
      guint side_index = lp_book_n_pages(im->out), left, right;
      lp_impose_booklet_side(n, s, side == 1, o->rtl, &left, &right);
      /* The left page: bleed on the left, top and bottom, cut at the fold. */
      place(sheet, pages, left, x0, y0, bo, bv, 0, bv, shift, FALSE);
      place(sheet, pages, right, spine, y0, 0, bv, bo, bv, -shift, FALSE);
      note(im, left, side_index, y0);
      note(im, right, side_index, y0);
      if (o->marks) {
        GArray *cards = g_array_new(FALSE, FALSE, sizeof(Placed));
        Placed spread = {x0, y0, 2 * pw, ph, MAX(bo, bv)};
        g_array_append_val(cards, spread);
        Placed fold = {spine, y0, 0, ph, MAX(bo, bv)};
        int drawn = add_marks(sheet, cards, &fold, 1);
        if (o->kept)
          o->kept->marks += (guint)drawn;
        g_array_free(cards, TRUE);
      }
      lp_book_add_page(im->out, sheet);
    }
  }
  return TRUE;
}

LpBook *lp_impose(LpBook *const *books, guint n, const LpImposeOptions *opt, GError **err) {
  GPtrArray *pages = g_ptr_array_new();
  for (guint k = 0; k < n; k++) {
    /* A merge's outputs: every leaf starts on a card of its own. */
    for (guint i = 0; i < lp_book_n_pages(books[k]); i++)
      g_ptr_array_add(pages, lp_book_page(books[k], i));
    if (opt->mode == LP_IMPOSE_CARDS && n > 1 && pages->len % 2)
      g_ptr_array_add(pages, NULL);
  }
  /* Blank backs of a merge stand for nothing: drop the holes again below. */
  if (!pages->len) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--sheet: there are no pages to place");
    g_ptr_array_unref(pages);
    return NULL;
  }
  GPtrArray *real = g_ptr_array_new();
  for (guint i = 0; i < pages->len; i++)
    if (g_ptr_array_index(pages, i))
      g_ptr_array_add(real, g_ptr_array_index(pages, i));
  gboolean ok = same_size(real, err);
  g_ptr_array_unref(real);
  Imposer im = {opt, lp_book_new(), g_array_new(FALSE, FALSE, sizeof(guint)), g_array_new(FALSE, FALSE, sizeof(double))};
  g_array_set_size(im.side_of, pages->len);
  g_array_set_size(im.y_of, pages->len);
  for (guint i = 0; i < pages->len; i++)
    g_array_index(im.side_of, guint, i) = G_MAXUINT;
  if (ok)
    ok = opt->mode == LP_IMPOSE_BOOKLET ? impose_booklet(&im, pages, err) : impose_cards(&im, pages, err);
  if (ok) {
    lp_book_copy_info(im.out, books[0]);
    /* Bookmarks of the first book only (a merge's are all alike), each to the
     * side its page went on. */
    for (guint i = 0; i < lp_book_n_outline(books[0]); i++) {
      const LpOutlineEntry *e = lp_book_outline(books[0], i);
      if (e->page >= pages->len || g_array_index(im.side_of, guint, e->page) == G_MAXUINT)
        continue;
      lp_book_add_outline(im.out, e->level, e->title, g_array_index(im.side_of, guint, e->page),
                          e->y + g_array_index(im.y_of, double, e->page));
    }
  }
  g_array_free(im.side_of, TRUE);
  g_array_free(im.y_of, TRUE);
  g_ptr_array_unref(pages);
  if (!ok) {
    lp_book_free(im.out);
    return NULL;
  }
  return im.out;
}
