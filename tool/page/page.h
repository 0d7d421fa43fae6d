/* Pages: the display list, the seam of the program.
 *
 * A finished page is a list of items at fixed positions, in points, origin at the
 * top-left of the trimmed page, y down. Layout appends items; writers only read
 * them (through lp_page_replay), so a writer never lays out and the layout never
 * knows which writer runs. The item records are public and read-only for writers.
 *
 * Pages nest: a group item places another page (a panel, or a whole page on
 * a sheet) with a transform and an optional clip to its box, as Typst's
 * GroupItem does; the placed page is shared by reference, so it is composed
 * once and may be placed, moved, scaled or rotated as a unit, any number of
 * times. Readers that want every item where it lands walk the page
 * (lp_page_walk), which flattens groups. */
#pragma once
#include <cairo.h>

#include "doc/style.h"
#include "page/font.h"

typedef enum {
  LP_ITEM_GLYPHS,
  LP_ITEM_PATH,
  LP_ITEM_IMAGE,
  LP_ITEM_LINK,
  LP_ITEM_TAG_BEGIN,
  LP_ITEM_TAG_END,
  LP_ITEM_GROUP,
} LpItemKind;

/* Shaped text: glyph ids at absolute positions, plus the text they show and the
 * cluster map between them, so that copy, search and screen readers get the
 * words even where a shaper substituted glyphs (ligatures, Arabic forms). */
typedef struct {
  LpFont *font;
  double size;
  LpColor color;
  cairo_glyph_t *glyphs;
  int n_glyphs;
  char *text;
  int text_len;
  cairo_text_cluster_t *clusters;
  int n_clusters;
  gboolean backward; /* clusters run from the last glyph (right-to-left text) */
  int frame;         /* index of the page frame the run was set in, or -1 */
} LpGlyphRun;

typedef enum { LP_PAINT_SOLID, LP_PAINT_LINEAR } LpPaintKind;

#define LP_MAX_STOPS 4
typedef struct {
  double offset;
  LpColor color;
  double alpha;
} LpStop;

typedef struct {
  LpPaintKind kind;
  LpColor color; /* LP_PAINT_SOLID */
  double alpha;
  double x0, y0, x1, y1; /* LP_PAINT_LINEAR: the gradient's axis, page space */
  int n_stops;
  LpStop stops[LP_MAX_STOPS];
} LpPaint;

LpPaint lp_paint_solid(LpColor color);

/* A path in page space, filled and/or stroked. */
typedef struct {
  cairo_path_t *path;
  gboolean fill;
  LpPaint fill_paint;
  cairo_fill_rule_t fill_rule;
  gboolean stroke;
  LpColor stroke_color;
  double line_width;
  double dash[4];
  int n_dash;
  cairo_line_cap_t cap;
  cairo_line_join_t join;
} LpPathItem;

typedef struct {
  cairo_surface_t *surface; /* image surface */
  double x, y, w, h;
} LpImageItem;

typedef struct {
  double x, y, w, h;
  char *uri;
} LpLinkItem;

/* Structure for tagged PDF. `role` is a standard structure type (H1, H2, P, L,
 * LI, Lbl, LBody, Figure, Caption, Div, Sect), or LP_ROLE_ARTIFACT. `block`
 * numbers the source block the content came from, so checks can follow a
 * paragraph across columns. */
typedef struct {
  const char *role; /* interned */
  char *alt;        /* alternate text (figures), may be NULL */
  int block;
  char *lang;       /* BCP 47: a Span of text in another language (/Lang), else NULL */
} LpTagItem;

typedef struct LpPage LpPage;

/* Another page placed on this one: its items are drawn through `matrix`
 * (from the group's space to this page's), and, with `clip`, nothing of them
 * outside the group page's box (0, 0, width, height) in the group's space. */
typedef struct {
  LpPage *content; /* a reference */
  cairo_matrix_t matrix;
  gboolean clip;
  /* A copy of content that is in the document once already (a card repeated
   * to fill a sheet): a reader of the document meets it once, so the copy is
   * decoration. Replaying and walking a copy give one artifact around it
   * and none of its own tags or links. */
  gboolean copy;
} LpGroupItem;

typedef struct {
  LpItemKind kind;
  union {
    LpGlyphRun glyphs;
    LpPathItem path;
    LpImageItem image;
    LpLinkItem link;
    LpTagItem tag;
    LpGroupItem group;
  };
} LpItem;

/* A rectangle the layout set text into (a column, a box), kept on the page so
 * that tests and checks can verify the text stayed inside it. */
typedef struct {
  double x, y, w, h;
} LpRect;

LpPage *lp_page_new(double width, double height);
/* Pages are reference counted: a book and the groups that place a page share it. */
LpPage *lp_page_ref(LpPage *page);
void lp_page_unref(LpPage *page);

double lp_page_width(const LpPage *page);
double lp_page_height(const LpPage *page);

/* Appending. Each takes ownership of the arrays and strings in the record. */
void lp_page_add_glyphs(LpPage *page, LpGlyphRun *run);
void lp_page_add_path(LpPage *page, LpPathItem *path);
void lp_page_add_image(LpPage *page, cairo_surface_t *surface, double x, double y, double w, double h);
void lp_page_add_link(LpPage *page, double x, double y, double w, double h, const char *uri);
void lp_page_tag_begin(LpPage *page, const char *role, int block, const char *alt);
void lp_page_tag_end(LpPage *page);
/* A Span of text in the language `lang` (not the document's); ended by
 * lp_page_tag_end. Holds glyphs only. */
void lp_page_span_begin(LpPage *page, const char *lang);
/* What is drawn between these is decoration, not content: the running header
 * and footer, the draft band, rules, tints, frames, print marks. A tagged PDF
 * marks it as an artifact, which a screen reader skips; everything else on a
 * page belongs to a structure element. Artifacts do not nest in each other
 * and hold no structure elements; they may sit inside a structure element
 * that has others (a box's tint inside its section). A pair of tag items of
 * the role LP_ROLE_ARTIFACT. */
#define LP_ROLE_ARTIFACT "Artifact"
/* Around each page placed on a sheet and each panel of a folded leaflet,
 * `block` its place in reading order (from 0): sheets and sides hold pages
 * and panels out of order (a booklet's 8|1, a DL's cover beside its back),
 * and the finish stage puts their structure back in reading order and
 * removes these elements (finish/order.h). Used for nothing else. */
#define LP_ROLE_PLACED "Part"
void lp_page_artifact_begin(LpPage *page);
void lp_page_artifact_end(LpPage *page);
int lp_page_add_frame(LpPage *page, double x, double y, double w, double h);
/* Places `content` (a new reference is taken) through `matrix`, clipped to
 * its box when `clip`. */
void lp_page_add_group(LpPage *page, LpPage *content, const cairo_matrix_t *matrix, gboolean clip);

/* A window onto a page placed on another (a page on a sheet, a panel on a
 * side): the trim box (x, y, w, h) on the outer page, the bleed it keeps
 * beyond each edge, and where the content's origin sits relative to the trim
 * box's corner (dx, dy: creep, or a narrower panel centred). */
typedef struct {
  double x, y, w, h;
  double left, top, right, bottom;
  double dx, dy;
  gboolean copy; /* see LpGroupItem */
} LpWindow;
/* Places `content` through `win`: clipped to the trim box and the bleed kept,
 * never beyond, so that the bleed the composer drew beyond the trim shows
 * exactly as far as it may and nothing of one page inks into its neighbour. */
void lp_page_add_window(LpPage *page, LpPage *content, const LpWindow *win);

guint lp_page_n_items(const LpPage *page);
const LpItem *lp_page_item(const LpPage *page, guint i);
guint lp_page_n_frames(const LpPage *page);
const LpRect *lp_page_frame(const LpPage *page, guint i);

/* The ink box of a glyph run (from the font's glyph extents). */
void lp_glyph_run_extents(const LpGlyphRun *run, LpRect *ink);

/* A writer: one callback per item kind, MuPDF-device style. A group comes
 * as group_begin, the placed page's items, group_end. */
typedef struct {
  void (*glyphs)(void *dev, const LpGlyphRun *run);
  void (*path)(void *dev, const LpPathItem *path);
  void (*image)(void *dev, const LpImageItem *image);
  void (*link)(void *dev, const LpLinkItem *link);
  void (*tag_begin)(void *dev, const LpTagItem *tag);
  void (*tag_end)(void *dev);
  void (*group_begin)(void *dev, const LpGroupItem *group);
  void (*group_end)(void *dev);
} LpDevice;

void lp_page_replay(const LpPage *page, const LpDevice *device, void *dev);

/* Every item but groups, with the matrix from its space to `page`'s (groups
 * flattened, outermost first); `clip` is the box the item is clipped to in
 * page space, or NULL. */
typedef void (*LpWalkFn)(const LpItem *item, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data);
void lp_page_walk(const LpPage *page, LpWalkFn fn, gpointer data);
/* The same for the frames of the page and of the pages it places. */
typedef void (*LpFrameFn)(const LpRect *frame, const cairo_matrix_t *ctm, gpointer data);
void lp_page_walk_frames(const LpPage *page, LpFrameFn fn, gpointer data);
/* The box of `r` through `m` (the smallest upright rectangle holding it). */
LpRect lp_rect_transform(const LpRect *r, const cairo_matrix_t *m);
