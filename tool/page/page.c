#include "page/page.h"

struct LpPage {
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
    break;
  case LP_ITEM_TAG_END:
    break;
  }
}

LpPage *lp_page_new(double width, double height) {
  LpPage *p = g_new0(LpPage, 1);
  p->width = width;
  p->height = height;
  p->items = g_array_new(FALSE, TRUE, sizeof(LpItem));
  g_array_set_clear_func(p->items, item_clear);
  p->frames = g_array_new(FALSE, TRUE, sizeof(LpRect));
  return p;
}

void lp_page_free(LpPage *p) {
  if (!p)
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
               .tag = {g_intern_string(role), g_strdup(alt), block}};
  g_array_append_val(p->items, it);
}

void lp_page_tag_end(LpPage *p) {
  LpItem it = {.kind = LP_ITEM_TAG_END};
  g_array_append_val(p->items, it);
}

int lp_page_add_frame(LpPage *p, double x, double y, double w, double h) {
  LpRect r = {x, y, w, h};
  g_array_append_val(p->frames, r);
  return (int)p->frames->len - 1;
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

void lp_page_replay(const LpPage *p, const LpDevice *d, void *dev) {
  for (guint i = 0; i < p->items->len; i++) {
    const LpItem *it = &g_array_index(p->items, LpItem, i);
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
    }
  }
}
