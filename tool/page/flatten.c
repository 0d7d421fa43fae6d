/* Flattening: a page with its groups' items drawn into it, in page space.
 *
 * For readers of the display list that compare it with what a file prints
 * (the verifier): glyph runs can say where each glyph stands and how large,
 * not that it is turned, so only groups that move and scale evenly flatten;
 * a turned or skewed group is refused with a message. Items a group's clip
 * hides entirely are left out; frames are renumbered so that each placed page
 * keeps its own. */
#include "page/flatten.h"

#include <math.h>
#include <string.h>

/* Whether `m` only moves and scales evenly; its scale in *s. */
static gboolean even(const cairo_matrix_t *m, double *s) {
  *s = m->xx;
  return fabs(m->yx) < 1e-9 && fabs(m->xy) < 1e-9 && m->xx > 0 && fabs(m->xx - m->yy) < 1e-9;
}

static cairo_path_t *copy_path(const cairo_path_t *src, const cairo_matrix_t *m) {
  cairo_path_t *p = g_new0(cairo_path_t, 1);
  p->status = src->status;
  p->num_data = src->num_data;
  p->data = g_memdup2(src->data, sizeof(cairo_path_data_t) * (gsize)src->num_data);
  for (int i = 0; i < p->num_data; i += p->data[i].header.length)
    for (int j = 1; j < p->data[i].header.length; j++)
      cairo_matrix_transform_point(m, &p->data[i + j].point.x, &p->data[i + j].point.y);
  return p;
}

/* A path made here is freed the way cairo frees its own. */
static cairo_path_t *own_path(cairo_path_t *p) {
  cairo_t *cr = cairo_create(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL));
  cairo_append_path(cr, p);
  cairo_path_t *out = cairo_copy_path(cr);
  cairo_surface_destroy(cairo_get_target(cr));
  cairo_destroy(cr);
  g_free(p->data);
  g_free(p);
  return out;
}

/* Whether `p` is one upright rectangle (a band, a tint, a box), and which. */
static gboolean is_rect(const cairo_path_t *p, LpRect *r) {
  double xs[5], ys[5];
  int n = 0;
  for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
    cairo_path_data_type_t t = p->data[i].header.type;
    if (t == CAIRO_PATH_CLOSE_PATH)
      continue;
    /* cairo follows a close with a move back to the start */
    if (t == CAIRO_PATH_MOVE_TO && n > 0 && i + p->data[i].header.length >= p->num_data)
      break;
    if (t == CAIRO_PATH_CURVE_TO || (t == CAIRO_PATH_MOVE_TO && n > 0) || n >= 5)
      return FALSE;
    xs[n] = p->data[i + 1].point.x;
    ys[n] = p->data[i + 1].point.y;
    n++;
  }
  if (n == 5 && fabs(xs[4] - xs[0]) < 1e-6 && fabs(ys[4] - ys[0]) < 1e-6)
    n = 4;
  if (n != 4)
    return FALSE;
  for (int i = 0; i < 4; i++) {
    int j = (i + 1) % 4;
    if (fabs(xs[i] - xs[j]) > 1e-6 && fabs(ys[i] - ys[j]) > 1e-6)
      return FALSE;
  }
  double x0 = MIN(MIN(xs[0], xs[1]), MIN(xs[2], xs[3])), x1 = MAX(MAX(xs[0], xs[1]), MAX(xs[2], xs[3]));
  double y0 = MIN(MIN(ys[0], ys[1]), MIN(ys[2], ys[3])), y1 = MAX(MAX(ys[0], ys[1]), MAX(ys[2], ys[3]));
  *r = (LpRect){x0, y0, x1 - x0, y1 - y0};
  return TRUE;
}

/* A rectangle's path. */
static cairo_path_t *rect_path(const LpRect *r) {
  cairo_t *cr = cairo_create(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL));
  cairo_rectangle(cr, r->x, r->y, r->w, r->h);
  cairo_path_t *out = cairo_copy_path(cr);
  cairo_surface_destroy(cairo_get_target(cr));
  cairo_destroy(cr);
  return out;
}

static gboolean outside(const LpRect *box, const LpRect *clip) {
  return clip && (box->x >= clip->x + clip->w || box->x + box->w <= clip->x || box->y >= clip->y + clip->h ||
                  box->y + box->h <= clip->y);
}

typedef struct {
  LpPage *out;
  int frame_base; /* the frames of the page being copied start here in `out` */
  GError **err;
  gboolean failed;
} Flat;

static void add_item(Flat *f, const LpItem *it, const cairo_matrix_t *m, const LpRect *clip) {
  double s;
  if (!even(m, &s)) {
    g_set_error_literal(f->err, LP_ERROR, LP_EXIT_IO,
                        "a placed page is turned or skewed: its text cannot be proven where it lands");
    f->failed = TRUE;
    return;
  }
  switch (it->kind) {
  case LP_ITEM_GLYPHS: {
    LpRect ink;
    lp_glyph_run_extents(&it->glyphs, &ink);
    LpRect placed = lp_rect_transform(&ink, m);
    if (outside(&placed, clip))
      return;
    LpGlyphRun r = it->glyphs;
    r.font = lp_font_ref(r.font);
    r.size *= s;
    r.glyphs = g_memdup2(r.glyphs, sizeof(cairo_glyph_t) * (gsize)r.n_glyphs);
    for (int i = 0; i < r.n_glyphs; i++)
      cairo_matrix_transform_point(m, &r.glyphs[i].x, &r.glyphs[i].y);
    r.text = g_strndup(r.text, (gsize)r.text_len);
    r.clusters = g_memdup2(r.clusters, sizeof(cairo_text_cluster_t) * (gsize)r.n_clusters);
    if (r.frame >= 0)
      r.frame += f->frame_base;
    lp_page_add_glyphs(f->out, &r);
    break;
  }
  case LP_ITEM_PATH: {
    LpPathItem p = it->path;
    p.path = own_path(copy_path(it->path.path, m));
    /* A filled rectangle a clip cuts (a card's band in its bleed, cut where
     * its neighbour's starts) is flattened to what of it shows; other shapes
     * keep their own extent, and a check on them sees all of it. */
    LpRect r;
    if (clip && p.fill && !p.stroke && is_rect(p.path, &r)) {
      if (outside(&r, clip)) {
        cairo_path_destroy(p.path);
        break;
      }
      double x0 = MAX(r.x, clip->x), y0 = MAX(r.y, clip->y);
      double x1 = MIN(r.x + r.w, clip->x + clip->w), y1 = MIN(r.y + r.h, clip->y + clip->h);
      LpRect cut = {x0, y0, x1 - x0, y1 - y0};
      cairo_path_destroy(p.path);
      p.path = rect_path(&cut);
    }
    p.line_width *= s;
    for (int i = 0; i < p.n_dash; i++)
      p.dash[i] *= s;
    if (p.fill_paint.kind == LP_PAINT_LINEAR) {
      cairo_matrix_transform_point(m, &p.fill_paint.x0, &p.fill_paint.y0);
      cairo_matrix_transform_point(m, &p.fill_paint.x1, &p.fill_paint.y1);
    }
    lp_page_add_path(f->out, &p);
    break;
  }
  case LP_ITEM_IMAGE: {
    LpRect r = {it->image.x, it->image.y, it->image.w, it->image.h};
    r = lp_rect_transform(&r, m);
    if (!outside(&r, clip))
      lp_page_add_image(f->out, it->image.surface, r.x, r.y, r.w, r.h);
    break;
  }
  case LP_ITEM_LINK: {
    LpRect r = {it->link.x, it->link.y, it->link.w, it->link.h};
    r = lp_rect_transform(&r, m);
    lp_page_add_link(f->out, r.x, r.y, r.w, r.h, it->link.uri);
    break;
  }
  case LP_ITEM_TAG_BEGIN:
    if (it->tag.lang)
      lp_page_span_begin(f->out, it->tag.lang);
    else
      lp_page_tag_begin(f->out, it->tag.role, it->tag.block, it->tag.alt);
    break;
  case LP_ITEM_TAG_END:
    lp_page_tag_end(f->out);
    break;
  case LP_ITEM_GROUP:
    break;
  }
}

/* A copy (LpGroupItem) comes out as one artifact, without its own tags and
 * links, as the writers replay it. */
static void flatten(Flat *f, const LpPage *page, const cairo_matrix_t *ctm, const LpRect *clip, gboolean muted) {
  int base = (int)lp_page_n_frames(f->out);
  for (guint i = 0; i < lp_page_n_frames(page); i++) {
    LpRect r = lp_rect_transform(lp_page_frame(page, i), ctm);
    lp_page_add_frame(f->out, r.x, r.y, r.w, r.h);
  }
  for (guint i = 0; i < lp_page_n_items(page) && !f->failed; i++) {
    const LpItem *it = lp_page_item(page, i);
    if (muted && (it->kind == LP_ITEM_TAG_BEGIN || it->kind == LP_ITEM_TAG_END || it->kind == LP_ITEM_LINK))
      continue;
    if (it->kind != LP_ITEM_GROUP) {
      f->frame_base = base;
      add_item(f, it, ctm, clip);
      continue;
    }
    cairo_matrix_t inner;
    cairo_matrix_multiply(&inner, &it->group.matrix, ctm);
    LpRect box = {0, 0, lp_page_width(it->group.content), lp_page_height(it->group.content)}, placed;
    const LpRect *inner_clip = clip;
    if (it->group.clip) {
      placed = lp_rect_transform(&box, &inner);
      if (clip) {
        double x0 = MAX(placed.x, clip->x), y0 = MAX(placed.y, clip->y);
        double x1 = MIN(placed.x + placed.w, clip->x + clip->w), y1 = MIN(placed.y + placed.h, clip->y + clip->h);
        placed = (LpRect){x0, y0, MAX(0, x1 - x0), MAX(0, y1 - y0)};
      }
      inner_clip = &placed;
    }
    gboolean artifact = it->group.copy && !muted;
    if (artifact)
      lp_page_artifact_begin(f->out);
    flatten(f, it->group.content, &inner, inner_clip, muted || it->group.copy);
    if (artifact)
      lp_page_artifact_end(f->out);
  }
}

gboolean lp_page_has_groups(const LpPage *page) {
  for (guint i = 0; i < lp_page_n_items(page); i++)
    if (lp_page_item(page, i)->kind == LP_ITEM_GROUP)
      return TRUE;
  return FALSE;
}

LpPage *lp_page_flatten(const LpPage *page, GError **err) {
  Flat f = {lp_page_new(lp_page_width(page), lp_page_height(page)), 0, err, FALSE};
  cairo_matrix_t id;
  cairo_matrix_init_identity(&id);
  flatten(&f, page, &id, NULL, FALSE);
  if (f.failed) {
    lp_page_unref(f.out);
    return NULL;
  }
  return f.out;
}
