#include "page/page.h"

struct LpPage {
  gint refs;
  double width, height;
  GArray *items;  /* LpItem */
  GArray *frames; /* LpRect */
};

LpPaint lp_paint_solid(LpColor color) {
  LpPaint p = {0};
  p.kind = LP_PAINT_SOLID;
  p.color = color;
  p.alpha = 1.0;
  return p;
}

static void item_clear(gpointer data) {
  LpItem *it = data;
  switch (it->kind) {
  case LP_ITEM_GLYPHS:
    lp_font_unref(it->glyphs.font);
    g_free(it->glyphs.glyphs);
    g_free(it->glyphs.text);
    g_free(it->glyphs.clusters);
    break;
  case LP_ITEM_PATH:
    cairo_path_destroy(it->path.path);
    break;
  case LP_ITEM_IMAGE:
    cairo_surface_destroy(it->image.surface);
    break;
  case LP_ITEM_LINK:
    g_free(it->link.uri);
    break;
  case LP_ITEM_TAG_BEGIN:
    g_free(it->tag.alt);
    g_free(it->tag.lang);
    break;
  case LP_ITEM_TAG_END:
    break;
  case LP_ITEM_GROUP:
    lp_page_unref(it->group.content);
    break;
  }
}

LpPage *lp_page_new(double width, double height) {
  LpPage *p = g_new0(LpPage, 1);
  p->refs = 1;
  p->width = width;
  p->height = height;
  p->items = g_array_new(FALSE, TRUE, sizeof(LpItem));
  g_array_set_clear_func(p->items, item_clear);
  p->frames = g_array_new(FALSE, TRUE, sizeof(LpRect));
  return p;
}

LpPage *lp_page_ref(LpPage *p) {
  g_atomic_int_inc(&p->refs);
  return p;
}

void lp_page_unref(LpPage *p) {
  if (!p || !g_atomic_int_dec_and_test(&p->refs))
    return;
  g_array_free(p->items, TRUE);
  g_array_free(p->frames, TRUE);
  g_free(p);
}

double lp_page_width(const LpPage *p) { return p->width; }
double lp_page_height(const LpPage *p) { return p->height; }

void lp_page_add_glyphs(LpPage *p, LpGlyphRun *run) {
  LpItem it = {.kind = LP_ITEM_GLYPHS, .glyphs = *run};
  g_array_append_val(p->items, it);
}

void lp_page_add_path(LpPage *p, LpPathItem *path) {
  LpItem it = {.kind = LP_ITEM_PATH, .path = *path};
  g_array_append_val(p->items, it);
}

void lp_page_add_image(LpPage *p, cairo_surface_t *surface, double x, double y, double w, double h) {
  LpItem it = {.kind = LP_ITEM_IMAGE,
               .image = {cairo_surface_reference(surface), x, y, w, h}};
  g_array_append_val(p->items, it);
}

void lp_page_add_link(LpPage *p, double x, double y, double w, double h, const char *uri) {
  LpItem it = {.kind = LP_ITEM_LINK, .link = {x, y, w, h, g_strdup(uri)}};
  g_array_append_val(p->items, it);
}

void lp_page_tag_begin(LpPage *p, const char *role, int block, const char *alt) {
  LpItem it = {.kind = LP_ITEM_TAG_BEGIN,
               .tag = {g_intern_string(role), g_strdup(alt), block, NULL}};
  g_array_append_val(p->items, it);
}

void lp_page_span_begin(LpPage *p, const char *lang) {
  LpItem it = {.kind = LP_ITEM_TAG_BEGIN, .tag = {g_intern_string("Span"), NULL, -1, g_strdup(lang)}};
  g_array_append_val(p->items, it);
}

void lp_page_tag_end(LpPage *p) {
  LpItem it = {.kind = LP_ITEM_TAG_END};
  g_array_append_val(p->items, it);
}

void lp_page_artifact_begin(LpPage *p) { lp_page_tag_begin(p, LP_ROLE_ARTIFACT, -1, NULL); }
void lp_page_artifact_end(LpPage *p) { lp_page_tag_end(p); }

int lp_page_add_frame(LpPage *p, double x, double y, double w, double h) {
  LpRect r = {x, y, w, h};
  g_array_append_val(p->frames, r);
  return (int)p->frames->len - 1;
}

static void add_group(LpPage *p, LpPage *content, const cairo_matrix_t *matrix, gboolean clip, gboolean copy) {
  LpItem it = {.kind = LP_ITEM_GROUP, .group = {lp_page_ref(content), *matrix, clip, copy}};
  g_array_append_val(p->items, it);
}

void lp_page_add_group(LpPage *p, LpPage *content, const cairo_matrix_t *matrix, gboolean clip) {
  add_group(p, content, matrix, clip, FALSE);
}

void lp_page_add_window(LpPage *p, LpPage *content, const LpWindow *win) {
  /* The clip is a page of its own holding the content unclipped: a group
   * clips to its own box, and the content's box is only its trim. */
  LpPage *box = lp_page_new(win->w + win->left + win->right, win->h + win->top + win->bottom);
  cairo_matrix_t m;
  cairo_matrix_init_translate(&m, win->left + win->dx, win->top + win->dy);
  lp_page_add_group(box, content, &m, FALSE);
  cairo_matrix_init_translate(&m, win->x - win->left, win->y - win->top);
  add_group(p, box, &m, TRUE, win->copy);
  lp_page_unref(box);
}

guint lp_page_n_items(const LpPage *p) { return p->items->len; }
const LpItem *lp_page_item(const LpPage *p, guint i) { return &g_array_index(p->items, LpItem, i); }
guint lp_page_n_frames(const LpPage *p) { return p->frames->len; }
const LpRect *lp_page_frame(const LpPage *p, guint i) { return &g_array_index(p->frames, LpRect, i); }

void lp_glyph_run_extents(const LpGlyphRun *run, LpRect *ink) {
  cairo_text_extents_t ext;
  cairo_scaled_font_glyph_extents(lp_font_scaled(run->font, run->size), run->glyphs, run->n_glyphs, &ext);
  /* cairo measures from the first glyph's origin. */
  ink->x = run->glyphs[0].x + ext.x_bearing;
  ink->y = run->glyphs[0].y + ext.y_bearing;
  ink->w = ext.width;
  ink->h = ext.height;
}

/* The artifact a copy is replayed and walked in. */
static const LpItem *copy_artifact(void) {
  static LpItem it = {.kind = LP_ITEM_TAG_BEGIN, .tag = {NULL, NULL, -1, NULL}};
  if (!it.tag.role)
    it.tag.role = g_intern_static_string(LP_ROLE_ARTIFACT);
  return &it;
}

static const LpItem tag_end_item = {.kind = LP_ITEM_TAG_END};

/* Whether an item inside a copy is left out: its tags and links. */
static gboolean muted_kind(LpItemKind k) {
  return k == LP_ITEM_TAG_BEGIN || k == LP_ITEM_TAG_END || k == LP_ITEM_LINK;
}

static void replay(const LpPage *p, const LpDevice *d, void *dev, gboolean muted) {
  for (guint i = 0; i < p->items->len; i++) {
    const LpItem *it = &g_array_index(p->items, LpItem, i);
    if (muted && muted_kind(it->kind))
      continue;
    switch (it->kind) {
    case LP_ITEM_GLYPHS:
      if (d->glyphs)
        d->glyphs(dev, &it->glyphs);
      break;
    case LP_ITEM_PATH:
      if (d->path)
        d->path(dev, &it->path);
      break;
    case LP_ITEM_IMAGE:
      if (d->image)
        d->image(dev, &it->image);
      break;
    case LP_ITEM_LINK:
      if (d->link)
        d->link(dev, &it->link);
      break;
    case LP_ITEM_TAG_BEGIN:
      if (d->tag_begin)
        d->tag_begin(dev, &it->tag);
      break;
    case LP_ITEM_TAG_END:
      if (d->tag_end)
        d->tag_end(dev);
      break;
    case LP_ITEM_GROUP: {
      gboolean artifact = it->group.copy && !muted;
      if (artifact && d->tag_begin)
        d->tag_begin(dev, &copy_artifact()->tag);
      if (d->group_begin)
        d->group_begin(dev, &it->group);
      replay(it->group.content, d, dev, muted || it->group.copy);
      if (d->group_end)
        d->group_end(dev);
      if (artifact && d->tag_end)
        d->tag_end(dev);
      break;
    }
    }
  }
}

void lp_page_replay(const LpPage *p, const LpDevice *d, void *dev) { replay(p, d, dev, FALSE); }

LpRect lp_rect_transform(const LpRect *r, const cairo_matrix_t *m) {
  double xs[4] = {r->x, r->x + r->w, r->x, r->x + r->w}, ys[4] = {r->y, r->y, r->y + r->h, r->y + r->h};
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  for (int i = 0; i < 4; i++) {
    cairo_matrix_transform_point(m, &xs[i], &ys[i]);
    x0 = MIN(x0, xs[i]);
    y0 = MIN(y0, ys[i]);
    x1 = MAX(x1, xs[i]);
    y1 = MAX(y1, ys[i]);
  }
  return (LpRect){x0, y0, x1 - x0, y1 - y0};
}

static LpRect intersect(const LpRect *a, const LpRect *b) {
  double x0 = MAX(a->x, b->x), y0 = MAX(a->y, b->y);
  double x1 = MIN(a->x + a->w, b->x + b->w), y1 = MIN(a->y + a->h, b->y + b->h);
  return (LpRect){x0, y0, MAX(0, x1 - x0), MAX(0, y1 - y0)};
}

static void walk(const LpPage *p, const cairo_matrix_t *ctm, const LpRect *clip, LpWalkFn fn, LpFrameFn frames,
                 gpointer data, gboolean muted) {
  for (guint i = 0; frames && i < p->frames->len; i++)
    frames(&g_array_index(p->frames, LpRect, i), ctm, data);
  for (guint i = 0; i < p->items->len; i++) {
    const LpItem *it = &g_array_index(p->items, LpItem, i);
    if (muted && muted_kind(it->kind))
      continue;
    if (it->kind != LP_ITEM_GROUP) {
      if (fn)
        fn(it, ctm, clip, data);
      continue;
    }
    gboolean artifact = it->group.copy && !muted;
    if (artifact && fn)
      fn(copy_artifact(), ctm, clip, data);
    cairo_matrix_t inner;
    cairo_matrix_multiply(&inner, &it->group.matrix, ctm);
    LpRect box = {0, 0, it->group.content->width, it->group.content->height}, placed = box;
    const LpRect *inner_clip = clip;
    if (it->group.clip) {
      placed = lp_rect_transform(&box, &inner);
      if (clip)
        placed = intersect(&placed, clip);
      inner_clip = &placed;
    }
    walk(it->group.content, &inner, inner_clip, fn, frames, data, muted || it->group.copy);
    if (artifact && fn)
      fn(&tag_end_item, ctm, clip, data);
  }
}

void lp_page_walk(const LpPage *p, LpWalkFn fn, gpointer data) {
  cairo_matrix_t id;
  cairo_matrix_init_identity(&id);
  walk(p, &id, NULL, fn, NULL, data, FALSE);
}

void lp_page_walk_frames(const LpPage *p, LpFrameFn fn, gpointer data) {
  cairo_matrix_t id;
  cairo_matrix_init_identity(&id);
  walk(p, &id, NULL, NULL, fn, data, FALSE);
}
