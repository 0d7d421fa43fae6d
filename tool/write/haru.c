/* The haru writer: the same pages through libharu, the press writer.
 *
 * What it adds: exact DeviceCMYK colour (--cmyk), which cairo 1.16 cannot write.
 * What it must work around: libharu 2.3 addresses TrueType glyphs by Unicode
 * code point through the font's cmap, with no shaping. A glyph the shaper
 * chose is shown as text when the cmap reaches it: from its cluster's own
 * character, or from a presentation form that stands for the cluster's text
 * (an Arabic joining form, the lam-alef or "ffl" ligature: the finish stage's
 * ToUnicode map gives those back as the letters they are). Any other glyph (a
 * mark over a letter, a ligature the cmap does not reach) is drawn as its
 * outline from the font (through cairo), and the cluster's text is laid over it
 * as invisible text, letter by letter across the cluster's width, so search,
 * copy and screen readers still get the words; a right-to-left ligature shows
 * its first letter and lays the others invisibly beside it. How poppler, MuPDF
 * and pdf.js read each arrangement: docs/translations.md, "Readers". libharu has no shadings, so a gradient
 * fill is drawn as thin strips inside its path. */
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <glib/gstdio.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_pages.h>
#include <unistd.h>
#include <math.h>
#include <string.h>

#include "doc/diag.h"
#include "write/writer.h"

/* Gradients: strips per point of the axis (and no fewer than this many). */
#define STRIPS_MIN 48
#define STRIP_PT 2.0

typedef struct {
  HPDF_Doc pdf;
  HPDF_Page page;
  double h;           /* media height: PDF space runs bottom-up */
  double off;         /* where the trimmed page starts on the media */
  gboolean cmyk;
  GHashTable *fonts;  /* font file#index → Font */
  FT_Library ft;
  cairo_surface_t *rec;
  cairo_t *cr;        /* glyph outlines come from cairo */
  HPDF_STATUS error;  /* first libharu error */
  HPDF_STATUS detail;
  cairo_matrix_t ctm; /* the groups' matrices so far, page space (links need it) */
  GArray *saved;      /* cairo_matrix_t: the ctm outside each open group */
} Haru;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data) {
  Haru *w = data;
  if (g_getenv("LP_HARU_DEBUG"))
    g_printerr("libharu error 0x%04X detail %u\n", (unsigned)error, (unsigned)detail);
  if (!w->error) {
    w->error = error;
    w->detail = detail;
  }
}

/* ---- coordinates and colour ---- */

static double X(const Haru *w, double x) { return x + w->off; }
static double Y(const Haru *w, double y) { return w->h - (y + w->off); }

/* RGB to CMYK for the press (--cmyk), the rule docs/printing.md documents: a near-
 * neutral colour is printed with black ink alone (grey text never mis-
 * registers), and dark text is 100 % K; any other colour by the naive
 * conversion K = 1 − max(R, G, B), C = (1 − R − K) / (1 − K) and so on. */
static void to_cmyk(const LpColor *c, gboolean text, double out[4]) {
  if (c->space == LP_COLOR_CMYK) {
    memcpy(out, c->v, sizeof c->v);
    return;
  }
  double r = c->v[0], g = c->v[1], b = c->v[2];
  double mx = MAX(r, MAX(g, b)), mn = MIN(r, MIN(g, b));
  if (mx - mn < 0.08) {
    double l = 0.299 * r + 0.587 * g + 0.114 * b;
    out[0] = out[1] = out[2] = 0;
    out[3] = text && l < 0.2 ? 1.0 : 1.0 - l;
    return;
  }
  double k = 1.0 - mx;
  out[0] = (1.0 - r - k) / (1.0 - k);
  out[1] = (1.0 - g - k) / (1.0 - k);
  out[2] = (1.0 - b - k) / (1.0 - k);
  out[3] = k;
}

static void set_fill(Haru *w, const LpColor *c, gboolean text) {
  if (w->cmyk) {
    double v[4];
    to_cmyk(c, text, v);
    HPDF_Page_SetCMYKFill(w->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1], (HPDF_REAL)v[2], (HPDF_REAL)v[3]);
  } else {
    double rgb[3];
    lp_color_rgb(c, rgb);
    HPDF_Page_SetRGBFill(w->page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
  }
}

static void set_stroke(Haru *w, const LpColor *c) {
  if (w->cmyk) {
    double v[4];
    to_cmyk(c, FALSE, v);
    HPDF_Page_SetCMYKStroke(w->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1], (HPDF_REAL)v[2], (HPDF_REAL)v[3]);
  } else {
    double rgb[3];
    lp_color_rgb(c, rgb);
    HPDF_Page_SetRGBStroke(w->page, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1], (HPDF_REAL)rgb[2]);
  }
}

/* libharu 2.3 takes dash lengths as whole numbers; the diagram's are not.
 * Its page stream is reachable through the installed internal header. */
static void raw(Haru *w, const char *ops) {
  HPDF_PageAttr attr = (HPDF_PageAttr)w->page->attr;
  HPDF_Stream_WriteStr(attr->stream, ops);
}

/* ---- paths ---- */

static void append_path(Haru *w, const cairo_path_t *path) {
  for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
    const cairo_path_data_t *d = &path->data[i];
    switch (d->header.type) {
    case CAIRO_PATH_MOVE_TO:
      HPDF_Page_MoveTo(w->page, (HPDF_REAL)X(w, d[1].point.x), (HPDF_REAL)Y(w, d[1].point.y));
      break;
    case CAIRO_PATH_LINE_TO:
      HPDF_Page_LineTo(w->page, (HPDF_REAL)X(w, d[1].point.x), (HPDF_REAL)Y(w, d[1].point.y));
      break;
    case CAIRO_PATH_CURVE_TO:
      HPDF_Page_CurveTo(w->page, (HPDF_REAL)X(w, d[1].point.x), (HPDF_REAL)Y(w, d[1].point.y),
                        (HPDF_REAL)X(w, d[2].point.x), (HPDF_REAL)Y(w, d[2].point.y),
                        (HPDF_REAL)X(w, d[3].point.x), (HPDF_REAL)Y(w, d[3].point.y));
      break;
    case CAIRO_PATH_CLOSE_PATH:
      HPDF_Page_ClosePath(w->page);
      break;
    }
  }
}

static LpColor mix(const LpColor *a, const LpColor *b, double t) {
  LpColor c = *a;
  if (a->space != b->space) {
    double ra[3], rb[3];
    lp_color_rgb(a, ra);
    lp_color_rgb(b, rb);
    return lp_color_rgb_new(ra[0] + (rb[0] - ra[0]) * t, ra[1] + (rb[1] - ra[1]) * t, ra[2] + (rb[2] - ra[2]) * t);
  }
  for (int i = 0; i < 4; i++)
    c.v[i] = a->v[i] + (b->v[i] - a->v[i]) * t;
  return c;
}

/* The gradient's colour at t along its axis (padded beyond the ends). */
static LpColor gradient_at(const LpPaint *p, double t) {
  if (t <= p->stops[0].offset)
    return p->stops[0].color;
  for (int i = 1; i < p->n_stops; i++)
    if (t <= p->stops[i].offset) {
      double span = p->stops[i].offset - p->stops[i - 1].offset;
      return mix(&p->stops[i - 1].color, &p->stops[i].color, span > 0 ? (t - p->stops[i - 1].offset) / span : 0);
    }
  return p->stops[p->n_stops - 1].color;
}

static void path_extents(const cairo_path_t *path, double *x0, double *y0, double *x1, double *y1) {
  *x0 = *y0 = 1e9;
  *x1 = *y1 = -1e9;
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    for (int j = 1; j < path->data[i].header.length; j++) {
      *x0 = MIN(*x0, path->data[i + j].point.x);
      *x1 = MAX(*x1, path->data[i + j].point.x);
      *y0 = MIN(*y0, path->data[i + j].point.y);
      *y1 = MAX(*y1, path->data[i + j].point.y);
    }
}

/* A linear gradient as strips across its axis, clipped to the path. */
static void fill_gradient(Haru *w, const LpPathItem *p) {
  const LpPaint *g = &p->fill_paint;
  double ex0, ey0, ex1, ey1;
  path_extents(p->path, &ex0, &ey0, &ex1, &ey1);
  double dx = g->x1 - g->x0, dy = g->y1 - g->y0, len = hypot(dx, dy);
  if (len < 1e-6 || g->n_stops == 0)
    return;
  double ux = dx / len, uy = dy / len; /* along the axis */
  double reach = hypot(ex1 - ex0, ey1 - ey0) + 1;
  /* The part of the axis the path covers. */
  double t0 = 1e9, t1 = -1e9;
  double cx[4] = {ex0, ex1, ex0, ex1}, cy[4] = {ey0, ey0, ey1, ey1};
  for (int i = 0; i < 4; i++) {
    double t = ((cx[i] - g->x0) * ux + (cy[i] - g->y0) * uy) / len;
    t0 = MIN(t0, t);
    t1 = MAX(t1, t);
  }
  int n = MAX(STRIPS_MIN, (int)ceil((t1 - t0) * len / STRIP_PT));
  HPDF_Page_GSave(w->page);
  append_path(w, p->path);
  if (p->fill_rule == CAIRO_FILL_RULE_EVEN_ODD)
    HPDF_Page_Eoclip(w->page);
  else
    HPDF_Page_Clip(w->page);
  HPDF_Page_EndPath(w->page);
  for (int i = 0; i < n; i++) {
    double a = t0 + (t1 - t0) * i / n, b = t0 + (t1 - t0) * (i + 1) / n;
    /* Each strip overlaps the next a little: no hairline seams. */
    double b2 = b + (t1 - t0) * 0.25 / n;
    LpColor c = gradient_at(g, (a + b) / 2);
    set_fill(w, &c, FALSE);
    double ax = g->x0 + ux * a * len, ay = g->y0 + uy * a * len;
    double bx = g->x0 + ux * b2 * len, by = g->y0 + uy * b2 * len;
    double px = -uy * reach, py = ux * reach; /* across the axis */
    HPDF_Page_MoveTo(w->page, (HPDF_REAL)X(w, ax - px), (HPDF_REAL)Y(w, ay - py));
    HPDF_Page_LineTo(w->page, (HPDF_REAL)X(w, bx - px), (HPDF_REAL)Y(w, by - py));
    HPDF_Page_LineTo(w->page, (HPDF_REAL)X(w, bx + px), (HPDF_REAL)Y(w, by + py));
    HPDF_Page_LineTo(w->page, (HPDF_REAL)X(w, ax + px), (HPDF_REAL)Y(w, ay + py));
    HPDF_Page_ClosePath(w->page);
    HPDF_Page_Fill(w->page);
  }
  HPDF_Page_GRestore(w->page);
}

static void dev_path(void *d, const LpPathItem *p) {
  Haru *w = d;
  if (p->fill && p->fill_paint.kind == LP_PAINT_LINEAR)
    fill_gradient(w, p);
  gboolean fill = p->fill && p->fill_paint.kind == LP_PAINT_SOLID;
  /* A path of no segments draws nothing, and libharu refuses to paint one
   * (HPDF_PAGE_INVALID_GMODE): the whole page would fail. */
  if ((!fill && !p->stroke) || p->path->num_data == 0)
    return;
  if (fill)
    set_fill(w, &p->fill_paint.color, FALSE);
  if (p->stroke) {
    set_stroke(w, &p->stroke_color);
    HPDF_Page_SetLineWidth(w->page, (HPDF_REAL)p->line_width);
    HPDF_Page_SetLineCap(w->page, p->cap == CAIRO_LINE_CAP_ROUND    ? HPDF_ROUND_END
                                  : p->cap == CAIRO_LINE_CAP_SQUARE ? HPDF_PROJECTING_SCUARE_END
                                                                    : HPDF_BUTT_END);
    HPDF_Page_SetLineJoin(w->page, p->join == CAIRO_LINE_JOIN_ROUND   ? HPDF_ROUND_JOIN
                                   : p->join == CAIRO_LINE_JOIN_BEVEL ? HPDF_BEVEL_JOIN
                                                                      : HPDF_MITER_JOIN);
    GString *dash = g_string_new("[");
    for (int i = 0; i < p->n_dash; i++)
      g_string_append_printf(dash, "%s%.2f", i ? " " : "", p->dash[i]);
    g_string_append(dash, "] 0 d\n");
    raw(w, dash->str);
    g_string_free(dash, TRUE);
  }
  append_path(w, p->path);
  gboolean eo = p->fill_rule == CAIRO_FILL_RULE_EVEN_ODD;
  if (fill && p->stroke)
    eo ? HPDF_Page_EofillStroke(w->page) : HPDF_Page_FillStroke(w->page);
  else if (fill)
    eo ? HPDF_Page_Eofill(w->page) : HPDF_Page_Fill(w->page);
  else
    HPDF_Page_Stroke(w->page);
}

/* ---- fonts and text ---- */

/* A font as libharu has it: its cmap read by FreeType, the code points the
 * document shows with it, and the subset libharu embeds. */
typedef struct {
  char *file;
  int index;
  FT_Face face;
  GHashTable *forms; /* glyph id → a presentation form the cmap maps to it */
  hb_set_t *used;    /* code points shown, as text or under outlines */
  char *subset;      /* the subset's temporary file, removed when done */
  HPDF_Font font;
} Font;

static void font_free(gpointer p) {
  Font *f = p;
  if (f->face)
    FT_Done_Face(f->face);
  if (f->forms)
    g_hash_table_unref(f->forms);
  hb_set_destroy(f->used);
  if (f->subset) {
    g_unlink(f->subset);
    g_free(f->subset);
  }
  g_free(f->file);
  g_free(f);
}

/* Presentation forms: code points that stand for letters in a given shape or
 * for a ligature of several (U+FB00–FDFF, U+FE70–FEFF). */
static gboolean presentation_form(gunichar c) { return (c >= 0xFB00 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF); }

static Font *font_info(Haru *w, const LpFont *lf) {
  char *key = g_strdup_printf("%s#%d", lp_font_file(lf), lp_font_index(lf));
  Font *f = g_hash_table_lookup(w->fonts, key);
  if (f) {
    g_free(key);
    return f;
  }
  f = g_new0(Font, 1);
  f->file = g_strdup(lp_font_file(lf));
  f->index = lp_font_index(lf);
  f->used = hb_set_create();
  g_hash_table_insert(w->fonts, key, f);
  if (FT_New_Face(w->ft, f->file, f->index, &f->face) != 0)
    f->face = NULL;
  f->forms = g_hash_table_new(g_direct_hash, g_direct_equal);
  if (f->face) {
    FT_UInt gid;
    FT_ULong cp = FT_Get_First_Char(f->face, &gid);
    while (gid != 0) {
      if (presentation_form((gunichar)cp) && !g_hash_table_contains(f->forms, GUINT_TO_POINTER(gid)))
        g_hash_table_insert(f->forms, GUINT_TO_POINTER(gid), GUINT_TO_POINTER(cp));
      cp = FT_Get_Next_Char(f->face, cp, &gid);
    }
  }
  return f;
}

/* libharu embeds most of a TrueType font whatever it shows; HarfBuzz's
 * subsetter cuts it to the characters used (no layout tables, no hinting:
 * the PDF is positioned glyph by glyph). libharu reads fonts from files only,
 * and again when it saves: the subset lives in a temporary file until then. */
static void load_font(Haru *w, Font *f) {
  const char *path = f->file;
  int index = f->index;
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->file);
  hb_face_t *face = blob ? hb_face_create(blob, (unsigned)f->index) : NULL;
  hb_subset_input_t *in = face ? hb_subset_input_create_or_fail() : NULL;
  if (in) {
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    const char *tables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "kern"};
    for (gsize i = 0; i < G_N_ELEMENTS(tables); i++)
      hb_set_add(drop, hb_tag_from_string(tables[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    if (sub) {
      hb_blob_t *out = hb_face_reference_blob(sub);
      unsigned len = 0;
      const char *data = hb_blob_get_data(out, &len);
      GError *e = NULL;
      int fd = g_file_open_tmp("leafpress-font-XXXXXX.ttf", &f->subset, &e);
      if (fd >= 0) {
        gboolean ok = write(fd, data, len) == (ssize_t)len;
        close(fd);
        if (ok) {
          path = f->subset;
          index = 0;
        }
      }
      g_clear_error(&e);
      hb_blob_destroy(out);
      hb_face_destroy(sub);
    }
    hb_subset_input_destroy(in);
  }
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  const char *name = index > 0 ? HPDF_LoadTTFontFromFile2(w->pdf, path, (HPDF_UINT)index, HPDF_TRUE)
                               : HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
  f->font = name ? HPDF_GetFont(w->pdf, name, "UTF-8") : NULL;
}

/* The code point to show `glyph` with for a cluster of text `text`, or 0 when
 * the cmap cannot reach it for that text: the cluster's own character, or a
 * presentation form whose compatibility decomposition is the cluster's text. */
static gunichar addressable(const Font *f, unsigned long glyph, const char *text, int nb) {
  if (!f->face || nb <= 0)
    return 0;
  if (g_utf8_strlen(text, nb) == 1) {
    gunichar cp = g_utf8_get_char(text);
    if (cp < 0x10000 && FT_Get_Char_Index(f->face, cp) == glyph)
      return cp;
  }
  gunichar form = GPOINTER_TO_UINT(g_hash_table_lookup(f->forms, GUINT_TO_POINTER((guint)glyph)));
  if (!form)
    return 0;
  char buf[8] = {0};
  g_unichar_to_utf8(form, buf);
  char *nfkc = g_utf8_normalize(buf, -1, G_NORMALIZE_NFKC);
  /* Right-to-left clusters of several characters arrive in visual order
   * (para.c); compare them the other way round too. */
  char *rev = g_utf8_strreverse(text, nb);
  gboolean same = nfkc && ((gsize)nb == strlen(nfkc) && (memcmp(nfkc, text, (gsize)nb) == 0 || strcmp(nfkc, rev) == 0));
  g_free(rev);
  g_free(nfkc);
  return same ? form : 0;
}

static void show_at(Haru *w, double x, double y, const char *utf8) {
  HPDF_Page_SetTextMatrix(w->page, 1, 0, 0, 1, (HPDF_REAL)X(w, x), (HPDF_REAL)Y(w, y));
  HPDF_Page_ShowText(w->page, utf8);
}

/* A glyph's outline, filled, in the run's colour. */
static void outline(Haru *w, const LpGlyphRun *run, const cairo_glyph_t *g) {
  cairo_new_path(w->cr);
  cairo_set_scaled_font(w->cr, lp_font_scaled(run->font, run->size));
  cairo_glyph_path(w->cr, g, 1);
  cairo_path_t *path = cairo_copy_path(w->cr);
  cairo_new_path(w->cr);
  if (path->num_data > 0) {
    append_path(w, path);
    HPDF_Page_Fill(w->page);
  }
  cairo_path_destroy(path);
}

/* Shown text, batched: glyphs on one baseline go out as one TJ array whose
 * numbers move each glyph to where pango put it. libharu's fonts take the code
 * point as the character code (2 bytes), and libharu has no TJ of its own, so
 * the operators are written straight into its open text object.
 *
 * Written positions are quantised (Tm to 0.001 pt, TJ numbers to 0.1/1000 of
 * the font size), and a reader puts each glyph where those numbers say. Two
 * letters pango set touching must touch in the file too: poppler reads every
 * letter of a right-to-left line as a word of its own, and in a line where
 * every gap is above zero it takes a gap clearly wider than the narrowest for
 * a space, so a rounding gap of 0.001 pt reads as one ("اون ۍ"). So the batch
 * follows the pen where the reader will have it (not where pango had it: the
 * rounding of each TJ number would add up along the array), and the run keeps
 * the edge its last written glyph ends at in reading order (the right edge
 * left to right, the left edge right to left): a glyph or invisible text that
 * pango put within TOUCH_PT of that edge is written against it exactly.
 * Left to right, poppler joins letters into words by itself (a gap must be a
 * tenth of the font size to break one), so those runs are written from
 * pango's positions alone, as before. */
#define TOUCH_PT 0.005

typedef struct {
  Haru *w;
  HPDF_Font font;
  double size;
  GString *tj;      /* the array being built */
  double pen_x, y;  /* where the reader's pen stands after the last glyph */
  gboolean open;
  gboolean rtl;      /* the run's glyphs come right to left */
  gboolean has_edge; /* something was written on this run's baseline */
  double edge;       /* where it ends in reading order, as the reader puts it */
} Batch;

/* A coordinate for Tm: three decimals as a rule; one that must meet a written
 * edge exactly gets as many as the edge has (widths and TJ numbers give up to
 * five at fractional font sizes). */
static void coord(char *buf, gsize len, double v, gboolean exact) {
  g_ascii_formatd(buf, (int)len, "%.3f", v);
  if (exact && fabs(g_ascii_strtod(buf, NULL) - v) > 1e-7)
    g_ascii_formatd(buf, (int)len, "%.6f", v);
}

/* Where an item of `width` that pango put at x is written: against the edge
 * when pango set it (within TOUCH_PT) touching the item before. */
static double snap(const Batch *b, double x, double width, gboolean *snapped) {
  double near = b->rtl ? x + width : x;
  *snapped = b->has_edge && fabs(near - b->edge) < TOUCH_PT;
  if (!*snapped)
    return x;
  return b->rtl ? b->edge - width : b->edge;
}

/* The item from x to x + width was written: the edge moves past it. */
static void advance_edge(Batch *b, double x, double width) {
  b->edge = b->rtl ? x : x + width;
  b->has_edge = TRUE;
}

static void batch_flush(Batch *b) {
  if (!b->open)
    return;
  g_string_append(b->tj, "] TJ\n");
  raw(b->w, b->tj->str);
  g_string_truncate(b->tj, 0);
  b->open = FALSE;
}

static void batch_add(Batch *b, gunichar cp, double x, double y) {
  double adv = HPDF_Font_GetUnicodeWidth(b->font, (HPDF_UNICODE)cp) * b->size / 1000.0;
  if (b->open && fabs(y - b->y) > 0.001)
    batch_flush(b);
  gboolean snapped = FALSE;
  if (b->rtl && adv > 0)
    x = snap(b, x, adv, &snapped);
  if (!b->open) {
    char tm[128];
    coord(tm, sizeof tm, X(b->w, x), snapped);
    GString *ops = g_string_new("1 0 0 1 ");
    g_string_append(ops, tm);
    g_ascii_formatd(tm, sizeof tm, "%.3f", Y(b->w, y));
    g_string_append_printf(ops, " %s Tm\n", tm);
    raw(b->w, ops->str);
    g_string_free(ops, TRUE);
    g_string_assign(b->tj, "[");
    b->open = TRUE;
    b->y = y;
    /* The reader starts where the written number says. */
    coord(tm, sizeof tm, X(b->w, x), snapped);
    b->pen_x = b->rtl ? g_ascii_strtod(tm, NULL) - b->w->off : x;
  }
  /* TJ numbers are thousandths of the font size, positive moving left; the
   * pen moves by the number as written. */
  double gap = x - b->pen_x;
  if (fabs(gap) > 0.0005) {
    char num[32];
    g_ascii_formatd(num, sizeof num, "%.1f", -gap * 1000.0 / b->size);
    g_string_append_printf(b->tj, " %s ", num);
    if (b->rtl)
      b->pen_x -= g_ascii_strtod(num, NULL) * b->size / 1000.0;
  }
  g_string_append_printf(b->tj, "<%04X>", (unsigned)cp);
  if (!b->rtl) {
    b->pen_x = x + adv;
    return;
  }
  if (adv > 0)
    advance_edge(b, b->pen_x, adv);
  b->pen_x += adv;
}

/* Calls `fn` for each cluster of a run in logical order, with its glyphs (in
 * the array's order) and its text; glyphs run backwards in RTL runs. */
typedef void (*ClusterFn)(gpointer data, const cairo_glyph_t *glyphs, int n_glyphs, const char *text, int n_bytes);

static void each_cluster(const LpGlyphRun *run, ClusterFn fn, gpointer data) {
  int gi = run->backward ? run->n_glyphs : 0;
  const char *t = run->text;
  for (int c = 0; c < run->n_clusters; c++) {
    int ng = run->clusters[c].num_glyphs, nb = run->clusters[c].num_bytes;
    int g0 = run->backward ? gi - ng : gi;
    gi = run->backward ? g0 : gi + ng;
    fn(data, run->glyphs + g0, ng, t, nb);
    t += nb;
  }
}

static void note_used(gpointer data, const cairo_glyph_t *gl, int ng, const char *text, int nb) {
  Font *f = data;
  gunichar cp = ng == 1 ? addressable(f, gl[0].index, text, nb) : 0;
  if (cp)
    hb_set_add(f->used, cp);
  /* The invisible text over outlines uses the font too. */
  for (const char *p = text; p < text + nb; p = g_utf8_next_char(p))
    if (g_utf8_get_char(p) < 0x10000)
      hb_set_add(f->used, g_utf8_get_char(p));
}

/* The first pass: which code points each font shows. */
static void dev_note(void *d, const LpGlyphRun *run) {
  Font *f = font_info(d, run->font);
  each_cluster(run, note_used, f);
}

/* A cluster the cmap cannot reach is drawn as its glyphs' outlines, and its
 * text is laid invisibly over them where it stands in the run: readers that
 * build lines in content order (MuPDF, pdf.js) then find it inside its word,
 * not after the line. */
typedef struct {
  Haru *w;
  Font *f;
  const LpGlyphRun *run;
  Batch *batch;
  GPtrArray *outlined; /* const cairo_glyph_t*, drawn after the text object */
  double baseline;     /* the y most of the run's glyphs stand on */
} Shown;

/* The run's baseline: the y most of its glyphs share (marks and Nastaliq's
 * cascading letters stand above or below it). */
static double run_baseline(const LpGlyphRun *run) {
  double best = run->n_glyphs ? run->glyphs[0].y : 0;
  int best_n = 0;
  for (int i = 0; i < run->n_glyphs; i++) {
    int n = 0;
    for (int j = 0; j < run->n_glyphs; j++)
      n += fabs(run->glyphs[j].y - run->glyphs[i].y) < 0.01;
    if (n > best_n) {
      best_n = n;
      best = run->glyphs[i].y;
    }
  }
  return best;
}

/* One character at (x, y) in the open text object. libharu's own ShowText
 * writes nothing for a lone combining mark; its fonts take the code point as
 * the character code. */
static void show_code(Haru *w, double x, double y, gunichar cp, gboolean exact) {
  if (cp >= 0x10000)
    return; /* outside libharu's two-byte codes; the subset has no such code */
  char tx[G_ASCII_DTOSTR_BUF_SIZE], ty[G_ASCII_DTOSTR_BUF_SIZE];
  coord(tx, sizeof tx, X(w, x), exact);
  g_ascii_formatd(ty, sizeof ty, "%.3f", Y(w, y));
  char *op = g_strdup_printf("1 0 0 1 %s %s Tm\n<%04X> Tj\n", tx, ty, (unsigned)cp);
  raw(w, op);
  g_free(op);
}

/* A mark that takes no room of its own (Mn, Me): a spacing vowel sign (Mc,
 * Devanagari ि) is drawn as a letter. */
static gboolean zero_width_mark(gunichar c) {
  GUnicodeType t = g_unichar_type(c);
  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK;
}

/* Opens a marked-content span whose ActualText is `utf8` (UTF-16BE). */
static void actual_text_begin(Haru *w, const char *utf8) {
  glong n = 0;
  gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
  GString *op = g_string_new("/Span << /ActualText <FEFF");
  for (glong i = 0; u && i < n; i++)
    g_string_append_printf(op, "%04X", u[i]);
  g_string_append(op, "> >> BDC\n");
  raw(w, op->str);
  g_string_free(op, TRUE);
  g_free(u);
}

/* How far past its letter's share a mark's invisible text stands (to the
 * left in a right-to-left word, to the right in a left-to-right one): just
 * outside it, so that readers that sort a word's characters by position put
 * the mark after its letter. */
#define MARK_NUDGE_PT 0.05

/* Horizontal scaling for invisible text, written as is: libharu refuses
 * less than 10 %, and the text must fit the glyphs it stands for. Callers
 * write "100 Tz" after. */
static double narrow(Haru *w, double percent) {
  char tz[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(tz, sizeof tz, "%.3f", percent);
  char *op = g_strdup_printf("%s Tz\n", tz);
  raw(w, op);
  g_free(op);
  return g_ascii_strtod(tz, NULL); /* as the reader will scale */
}

/* The cluster's text, invisible, stretched over its glyphs' width, on the
 * run's baseline (not a raised mark's or a cascading Nastaliq letter's: a
 * character off the line is read in the line above or below). Inside the
 * run's text object. */
static void hidden_text(Shown *s, const cairo_glyph_t *gl, int ng, const char *text, int nb) {
  Haru *w = s->w;
  cairo_scaled_font_t *sf = lp_font_scaled(s->run->font, s->run->size);
  /* From the leftmost glyph's origin to where the furthest one's advance
   * ends: the cluster's whole width, or readers see a gap (a space) after
   * it ("सि रदर्द"). */
  double left = gl[0].x, right = gl[0].x, base_y = s->baseline;
  for (int i = 0; i < ng; i++) {
    cairo_text_extents_t e;
    cairo_scaled_font_glyph_extents(sf, &gl[i], 1, &e);
    left = MIN(left, gl[i].x);
    right = MAX(right, gl[i].x + e.x_advance);
  }
  gboolean rtl = s->run->backward;
  /* Right to left, against the glyph written before it (TOUCH_PT). */
  gboolean snapped = FALSE;
  if (rtl) {
    double r = snap(s->batch, right, 0, &snapped);
    if (snapped) {
      left += r - right;
      right = r;
    }
  }
  double advance = MAX(right - left, 0.5);
  HPDF_Page_SetTextRenderingMode(w->page, HPDF_INVISIBLE);
  /* The characters one by one in logical order, each letter its share of
   * the width in the run's direction; a mark after its letter, just past the
   * share's far edge, with its own (zero) width, as a string of the letter
   * and the mark would put it: readers join it to its letter there, while a
   * share of its own reads as a space. The run's text of a right-to-left
   * cluster is in visual order (para.c): readers do not agree to reverse it,
   * so it is reversed here. Right to left, each letter stands exactly
   * against the one before it as the reader scales it, the first against
   * `right`, so that no rounding opens a gap inside the word. */
  char *logical = rtl ? g_utf8_strreverse(text, nb) : g_strndup(text, nb);
  /* Left to right, poppler reads the cluster from ActualText (it joins no
   * Devanagari sign to its letter from positions alone: "इंजेकश न"); MuPDF
   * and pdf.js, which do not read ActualText, the characters inside. */
  if (!rtl)
    actual_text_begin(w, logical);
  glong n = 0;
  for (const char *p = logical; *p; p = g_utf8_next_char(p))
    n += !zero_width_mark(g_utf8_get_char(p)) || p == logical;
  double share = advance / (double)n;
  double edge = rtl ? (snapped ? right : left + advance) : left; /* where the next letter's share starts */
  double x = edge;
  int marks = 0; /* after the current letter: each a nudge further on */
  for (const char *p = logical; *p; p = g_utf8_next_char(p)) {
    char one[8] = {0};
    g_unichar_to_utf8(g_utf8_get_char(p), one);
    gboolean mark = zero_width_mark(g_utf8_get_char(p)) && p != logical;
    marks = mark ? marks + 1 : 0;
    double natural = HPDF_Page_TextWidth(w->page, one);
    double tz = narrow(w, !mark && natural > 0.01 ? 100.0 * share / natural : 100.0);
    if (!mark && rtl) {
      x = edge - natural * tz / 100.0;
      edge = x;
    } else if (!mark) {
      x = edge;
      edge = edge + share;
    }
    double at = !mark ? x : rtl ? x - marks * MARK_NUDGE_PT : x + share + marks * MARK_NUDGE_PT;
    show_code(w, at, base_y, g_utf8_get_char(p), rtl);
  }
  if (rtl) {
    s->batch->edge = edge;
    s->batch->has_edge = TRUE;
  }
  raw(w, "100 Tz\n");
  if (!rtl)
    raw(w, "EMC\n");
  g_free(logical);
  HPDF_Page_SetTextRenderingMode(w->page, HPDF_FILL);
}

/* A right-to-left ligature (lam-alef) shown by its presentation form. Readers
 * disagree on the order of several characters behind one glyph in a right-
 * to-left line: poppler and pdf.js spread them left to right, MuPDF keeps
 * them as written. So the form stands for its first letter alone (the finish
 * stage's ToUnicode map), and the letters after it are laid invisibly just
 * left of the glyph, where the next letter of the line begins: every reader
 * orders single letters by position alike. The run's text of the cluster is
 * in visual order (para.c). */
#define LIGATURE_REST_PT 0.3

static void ligature_rtl(Shown *s, gunichar form, const cairo_glyph_t *g, const char *text, int nb) {
  Haru *w = s->w;
  batch_add(s->batch, form, g->x, g->y);
  batch_flush(s->batch);
  char *logical = g_utf8_strreverse(text, nb);
  const char *rest = g_utf8_next_char(logical);
  if (*rest) {
    HPDF_Page_SetTextRenderingMode(w->page, HPDF_INVISIBLE);
    double natural = HPDF_Page_TextWidth(w->page, rest);
    narrow(w, natural > 0.01 ? 100.0 * LIGATURE_REST_PT / natural : 100.0);
    show_at(w, g->x - LIGATURE_REST_PT, g->y, rest);
    raw(w, "100 Tz\n");
    HPDF_Page_SetTextRenderingMode(w->page, HPDF_FILL);
  }
  g_free(logical);
}

static void show_cluster(gpointer data, const cairo_glyph_t *gl, int ng, const char *text, int nb) {
  Shown *s = data;
  /* One glyph the cmap reaches for this text: real text. */
  gunichar cp = ng == 1 ? addressable(s->f, gl[0].index, text, nb) : 0;
  if (cp && s->run->backward && cp >= 0xFB50 && g_utf8_strlen(text, nb) > 1) {
    ligature_rtl(s, cp, &gl[0], text, nb);
    return;
  }
  if (cp) {
    batch_add(s->batch, cp, gl[0].x, gl[0].y);
    return;
  }
  batch_flush(s->batch);
  for (int i = 0; i < ng; i++)
    g_ptr_array_add(s->outlined, (gpointer)&gl[i]);
  if (nb > 0 && ng > 0)
    hidden_text(s, gl, ng, text, nb);
}

static void dev_glyphs(void *d, const LpGlyphRun *run) {
  Haru *w = d;
  Font *f = font_info(w, run->font);
  if (!f->font)
    return;
  HPDF_Font font = f->font;
  set_fill(w, &run->color, TRUE);
  HPDF_Page_BeginText(w->page);
  HPDF_Page_SetFontAndSize(w->page, font, (HPDF_REAL)run->size);
  Batch b = {w, font, run->size, g_string_new(NULL), 0, 0, FALSE, run->backward, FALSE, 0};
  Shown shown = {w, f, run, &b, g_ptr_array_new(), run_baseline(run)};
  each_cluster(run, show_cluster, &shown);
  batch_flush(&b);
  HPDF_Page_EndText(w->page);
  g_string_free(b.tj, TRUE);
  /* The outlines of what the text above did not show. */
  for (guint k = 0; k < shown.outlined->len; k++)
    outline(w, run, g_ptr_array_index(shown.outlined, k));
  g_ptr_array_unref(shown.outlined);
}

/* ---- images and links ---- */

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void dev_image(void *d, const LpImageItem *im) {
  Haru *w = d;
  /* A JPEG's own bytes, as the cairo writer embeds them (DCTDecode). */
  const unsigned char *jpeg = NULL;
  unsigned long jlen = 0;
  cairo_surface_get_mime_data(im->surface, CAIRO_MIME_TYPE_JPEG, &jpeg, &jlen);
  if (jpeg && jlen) {
    HPDF_Image img = HPDF_LoadJpegImageFromMem(w->pdf, jpeg, (HPDF_UINT)jlen);
    if (img)
      HPDF_Page_DrawImage(w->page, img, (HPDF_REAL)X(w, im->x), (HPDF_REAL)Y(w, im->y + im->h), (HPDF_REAL)im->w,
                          (HPDF_REAL)im->h);
    return;
  }
  GByteArray *png = g_byte_array_new();
  if (cairo_surface_write_to_png_stream(im->surface, append_bytes, png) == CAIRO_STATUS_SUCCESS) {
    HPDF_Image img = HPDF_LoadPngImageFromMem(w->pdf, png->data, png->len);
    if (img)
      HPDF_Page_DrawImage(w->page, img, (HPDF_REAL)X(w, im->x), (HPDF_REAL)Y(w, im->y + im->h), (HPDF_REAL)im->w,
                          (HPDF_REAL)im->h);
  }
  g_byte_array_unref(png);
}

static void dev_link(void *d, const LpLinkItem *l) {
  Haru *w = d;
  /* Annotations live in page space whatever the content stream's matrix. */
  LpRect box = {l->x, l->y, l->w, l->h};
  box = lp_rect_transform(&box, &w->ctm);
  HPDF_Rect r = {(HPDF_REAL)X(w, box.x), (HPDF_REAL)Y(w, box.y + box.h), (HPDF_REAL)X(w, box.x + box.w),
                 (HPDF_REAL)Y(w, box.y)};
  HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(w->page, r, l->uri);
  if (a)
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* ---- groups ---- */

/* Every drawing call maps page space to PDF space (flip y, add the bleed):
 * F. A group's matrix M (page space) becomes F·M·F⁻¹ in the content stream,
 * so what is drawn inside through F lands where M puts it. */
static void dev_group_begin(void *d, const LpGroupItem *g) {
  Haru *w = d;
  g_array_append_val(w->saved, w->ctm);
  cairo_matrix_t m = g->matrix, inner;
  cairo_matrix_multiply(&inner, &m, &w->ctm);
  w->ctm = inner;
  cairo_matrix_t f, finv, tmp, c;
  cairo_matrix_init(&f, 1, 0, 0, -1, w->off, w->h - w->off);
  finv = f;
  cairo_matrix_invert(&finv);
  cairo_matrix_multiply(&tmp, &finv, &m);
  cairo_matrix_multiply(&c, &tmp, &f);
  /* libharu's own save and concat keep its graphics state in step. */
  HPDF_Page_GSave(w->page);
  HPDF_Page_Concat(w->page, (HPDF_REAL)c.xx, (HPDF_REAL)c.yx, (HPDF_REAL)c.xy, (HPDF_REAL)c.yy, (HPDF_REAL)c.x0,
                   (HPDF_REAL)c.y0);
  if (g->clip) {
    double cw = lp_page_width(g->content), ch = lp_page_height(g->content);
    HPDF_Page_Rectangle(w->page, (HPDF_REAL)X(w, 0), (HPDF_REAL)Y(w, ch), (HPDF_REAL)cw, (HPDF_REAL)ch);
    HPDF_Page_Clip(w->page);
    HPDF_Page_EndPath(w->page);
  }
}

static void dev_group_end(void *d) {
  Haru *w = d;
  w->ctm = g_array_index(w->saved, cairo_matrix_t, w->saved->len - 1);
  g_array_set_size(w->saved, w->saved->len - 1);
  HPDF_Page_GRestore(w->page);
}

/* libharu writes no structure tree: tags have nowhere to go. */
static const LpDevice device = {dev_glyphs, dev_path, dev_image, dev_link, NULL, NULL, dev_group_begin, dev_group_end};
static const LpDevice noting = {dev_note, NULL, NULL, NULL, NULL, NULL, NULL, NULL};

/* ---- the document ---- */

static gboolean parse_date(const char *iso, HPDF_Date *d) {
  int y, mo, da, h = 0, mi = 0, s = 0;
  if (!iso || sscanf(iso, "%d-%d-%dT%d:%d:%d", &y, &mo, &da, &h, &mi, &s) < 3)
    return FALSE;
  memset(d, 0, sizeof *d);
  d->year = y;
  d->month = mo;
  d->day = da;
  d->hour = h;
  d->minutes = mi;
  d->seconds = s;
  d->ind = 'Z';
  return TRUE;
}

static void set_info(Haru *w, const LpBookInfo *info) {
  struct {
    HPDF_InfoType key;
    const char *value;
  } items[] = {{HPDF_INFO_TITLE, info->title},
               {HPDF_INFO_AUTHOR, info->author},
               {HPDF_INFO_SUBJECT, info->subject},
               {HPDF_INFO_KEYWORDS, info->keywords},
               {HPDF_INFO_CREATOR, info->creator}};
  for (gsize i = 0; i < G_N_ELEMENTS(items); i++)
    if (items[i].value && *items[i].value)
      HPDF_SetInfoAttr(w->pdf, items[i].key, items[i].value);
  HPDF_Date date;
  if (parse_date(info->date, &date)) {
    HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
  }
}

static void add_outline(Haru *w, const LpBook *book, HPDF_Page *pages) {
  HPDF_Outline parents[8] = {NULL};
  HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
  for (guint i = 0; i < lp_book_n_outline(book); i++) {
    const LpOutlineEntry *e = lp_book_outline(book, i);
    int level = CLAMP(e->level, 1, 7);
    HPDF_Outline o = HPDF_CreateOutline(w->pdf, parents[level - 1], e->title, utf8);
    if (!o || e->page >= lp_book_n_pages(book))
      continue;
    HPDF_Destination dst = HPDF_Page_CreateDestination(pages[e->page]);
    double page_h = HPDF_Page_GetHeight(pages[e->page]);
    /* libharu takes no "keep the zoom": 1 is the nearest. */
    HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(page_h - (e->y + w->off)), 1);
    HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    parents[level] = o;
    for (int l = level + 1; l < 8; l++)
      parents[l] = o;
  }
}

/* libharu embeds each font as a subset of the characters it shows, made
 * before the first page is drawn; so the writer keeps the pages as they come
 * and writes the whole document when it is closed. */
struct LpWriter {
  const LpBook *book;
  LpWriteOptions opt;
  GPtrArray *pages; /* const LpPage*, not owned */
};

/* The first run set in a font whose outlines are CFF: libharu 2.3 loads
 * TrueType outlines only (HPDF_LoadTTFontFromFile fails on Noto Sans CJK with
 * error 0x1060), so such a book is refused before anything is drawn. */
typedef struct {
  const LpGlyphRun *run;
} CffRun;

static void find_cff(void *d, const LpGlyphRun *run) {
  CffRun *c = d;
  if (!c->run && lp_font_is_cff(run->font))
    c->run = run;
}

/* The script of a run's text: its first character of a script of its own. */
static const char *run_script(const LpGlyphRun *run) {
  for (const char *p = run->text; p && p < run->text + run->text_len; p = g_utf8_next_char(p)) {
    GUnicodeScript sc = g_unichar_get_script(g_utf8_get_char(p));
    if (sc != G_UNICODE_SCRIPT_COMMON && sc != G_UNICODE_SCRIPT_INHERITED && sc != G_UNICODE_SCRIPT_UNKNOWN) {
      guint32 t = g_unicode_script_to_iso15924(sc);
      char buf[5] = {(char)(t >> 24), (char)(t >> 16), (char)(t >> 8), (char)t, 0};
      return g_intern_string(buf); /* ISO 15924: "Hani", "Hira" */
    }
  }
  return "Zyyy";
}

static gboolean refuse_cff(const LpBook *book, GError **err) {
  CffRun c = {NULL};
  const LpDevice finding = {.glyphs = find_cff};
  for (guint i = 0; i < lp_book_n_pages(book) && !c.run; i++)
    lp_page_replay(lp_book_page(book, i), &finding, &c);
  if (!c.run)
    return TRUE;
  char *base = g_path_get_basename(lp_font_file(c.run->font));
  char *name = g_strdup_printf("%s (%s", base, base);
  FT_Library ft;
  FT_Face face;
  if (FT_Init_FreeType(&ft) == 0) {
    if (FT_New_Face(ft, lp_font_file(c.run->font), lp_font_index(c.run->font), &face) == 0) {
      if (face->family_name) {
        g_free(name);
        name = g_strdup_printf("%s %s (%s", face->family_name, face->style_name ? face->style_name : "", base);
      }
      FT_Done_Face(face);
    }
    FT_Done_FreeType(ft);
  }
  char *sample = g_utf8_substring(c.run->text, 0, MIN(g_utf8_strlen(c.run->text, c.run->text_len), 12));
  lp_set_error(err, LP_EXIT_USAGE, NULL,
               "the haru writer cannot embed %s: CFF outlines, and libharu 2.3 embeds TrueType outlines only), "
               "the font of this document's %s text (\"%s\"); use the cairo writer (--writer cairo)",
               name, run_script(c.run), sample);
  g_free(sample);
  g_free(name);
  g_free(base);
  return FALSE;
}

/* An SVG picture reaches the page as a cairo recording surface: libharu has
 * no way to take cairo's drawing as vectors, and a raster in its place would
 * be a silent substitute. The engine refuses such a build when it is planned
 * (naming the picture); this is the writer's own check of the pages. */
static void find_vector(void *d, const LpImageItem *im) {
  if (cairo_surface_get_type(im->surface) == CAIRO_SURFACE_TYPE_RECORDING)
    *(gboolean *)d = TRUE;
}

static gboolean refuse_vectors(const LpBook *book, GError **err) {
  gboolean found = FALSE;
  const LpDevice finding = {.image = find_vector};
  for (guint i = 0; i < lp_book_n_pages(book) && !found; i++)
    lp_page_replay(lp_book_page(book, i), &finding, &found);
  if (found)
    lp_set_error(err, LP_EXIT_USAGE, NULL,
                 "the haru writer cannot draw an SVG picture as vectors (libharu takes PNG and JPEG only); use the "
                 "cairo writer (--writer cairo), or give the picture as a PNG or JPEG");
  return !found;
}

static LpWriter *haru_open(const LpBook *book, const LpWriteOptions *opt, GError **err) {
  if (!refuse_cff(book, err) || !refuse_vectors(book, err))
    return NULL;
  LpWriter *w = g_new0(LpWriter, 1);
  w->book = book;
  w->opt = *opt;
  w->pages = g_ptr_array_new();
  return w;
}

static gboolean haru_page(LpWriter *w, const LpPage *page, GError **err) {
  g_ptr_array_add(w->pages, (gpointer)page);
  return TRUE;
}

static GPtrArray *write_document(const LpBook *book, const GPtrArray *page_list, const LpWriteOptions *opt,
                                 GError **err) {
  guint n = page_list->len;
  Haru w = {0};
  w.off = lp_write_offset(opt);
  w.cmyk = opt->cmyk;
  w.pdf = HPDF_New(on_error, &w);
  GPtrArray *out = NULL;
  if (!w.pdf) {
    lp_set_error(err, LP_EXIT_IO, NULL, "libharu could not start a document");
    return NULL;
  }
  FT_Init_FreeType(&w.ft);
  w.fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, font_free);
  w.saved = g_array_new(FALSE, FALSE, sizeof(cairo_matrix_t));
  w.rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
  w.cr = cairo_create(w.rec);
  HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(w.pdf);
  HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
  set_info(&w, lp_book_info_const(book));
  for (guint i = 0; i < n; i++)
    lp_page_replay(g_ptr_array_index((GPtrArray *)page_list, i), &noting, &w);
  GHashTableIter it;
  gpointer fv;
  g_hash_table_iter_init(&it, w.fonts);
  while (g_hash_table_iter_next(&it, NULL, &fv))
    load_font(&w, fv);
  HPDF_Page *pages = g_new0(HPDF_Page, n);
  for (guint i = 0; i < n && !w.error; i++) {
    const LpPage *page = g_ptr_array_index((GPtrArray *)page_list, i);
    w.page = pages[i] = HPDF_AddPage(w.pdf);
    if (!w.page)
      break;
    w.h = lp_page_height(page) + 2 * w.off;
    cairo_matrix_init_identity(&w.ctm);
    HPDF_Page_SetWidth(w.page, (HPDF_REAL)(lp_page_width(page) + 2 * w.off));
    HPDF_Page_SetHeight(w.page, (HPDF_REAL)w.h);
    lp_page_replay(page, &device, &w);
  }
  if (!w.error) {
    HPDF_AddPageLabel(w.pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    add_outline(&w, book, pages);
  }
  if (!w.error && HPDF_SaveToStream(w.pdf) == HPDF_OK) {
    HPDF_UINT32 size = HPDF_GetStreamSize(w.pdf);
    guint8 *buf = g_malloc(size ? size : 1);
    HPDF_UINT32 got = size;
    if (HPDF_ReadFromStream(w.pdf, buf, &got) == HPDF_OK || got == size) {
      out = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
      g_ptr_array_add(out, g_bytes_new_take(buf, got));
    } else {
      g_free(buf);
    }
  }
  if (!out)
    lp_set_error(err, LP_EXIT_IO, NULL, "libharu could not write the PDF (error 0x%04X, detail %u)",
                 (unsigned)w.error, (unsigned)w.detail);
  g_free(pages);
  g_array_free(w.saved, TRUE);
  cairo_destroy(w.cr);
  cairo_surface_destroy(w.rec);
  g_hash_table_unref(w.fonts);
  FT_Done_FreeType(w.ft);
  HPDF_Free(w.pdf);
  return out;
}

static void haru_abort(LpWriter *w) {
  g_ptr_array_unref(w->pages);
  g_free(w);
}

static GPtrArray *haru_close(LpWriter *w, GError **err) {
  GPtrArray *out = write_document(w->book, w->pages, &w->opt, err);
  haru_abort(w);
  return out;
}

const LpWriterClass lp_writer_haru = {
    .name = "haru",
    .about = "the press writer (libharu): PDF only, exact DeviceCMYK with --cmyk",
    .formats = 1u << LP_FORMAT_PDF,
    .cmyk = TRUE,
    .tagged = FALSE, /* libharu 2.3 writes no structure tree */
    .cff = FALSE,    /* libharu 2.3 loads TrueType outlines only */
    .vectors = FALSE, /* nothing in libharu takes cairo's drawing */
    .repairs = LP_REPAIR_TOUNICODE,
    .open = haru_open,
    .page = haru_page,
    .close = haru_close,
    .abort = haru_abort,
};
