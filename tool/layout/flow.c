#include "layout/flow.h"

#include <math.h>
#include <string.h>

#define EPS 0.01

struct LpFlow {
  int columns;      /* frames expected a page, for the height estimate */
  double span_gap;
  GArray *items;     /* LpFlowItem */
  GArray *deferred;  /* gboolean per item: a span moved to a later page */
  double total;      /* lp_flow_column_height */
  /* placement state */
  LpBook *book;
  LpFlowNewPage new_page;
  gpointer data;
  LpPage *page;
  guint page_index;
  LpFlowArea frames; /* the page's */
  LpRect area;       /* the frames' bounding box */
  double y;          /* next free y on the page */
  gboolean page_used;
  GQueue pending;    /* spans waiting for the next page (GINT_TO_POINTER(index)) */
  LpTagPath open;    /* tags open on the page */
};

void lp_tag_path_push(LpTagPath *path, const char *role, int block) {
  g_return_if_fail(path->n < LP_TAG_DEPTH);
  path->tags[path->n].role = role;
  path->tags[path->n].block = block;
  path->n++;
}

void lp_flow_area_columns(LpFlowArea *a, const LpRect *r, int columns, double gutter, gboolean rtl) {
  columns = CLAMP(columns, 1, LP_FLOW_MAX_FRAMES);
  double col_w = (r->w - (columns - 1) * gutter) / columns;
  a->n = columns;
  a->spans = TRUE;
  for (int col = 0; col < columns; col++) {
    double x = rtl ? r->x + r->w - (col + 1) * col_w - col * gutter : r->x + col * (col_w + gutter);
    a->frames[col] = (LpRect){x, r->y, col_w, r->h};
  }
}

LpFlow *lp_flow_new(int columns, double span_gap) {
  LpFlow *f = g_new0(LpFlow, 1);
  f->columns = MAX(columns, 1);
  f->span_gap = span_gap;
  f->items = g_array_new(FALSE, TRUE, sizeof(LpFlowItem));
  f->deferred = g_array_new(FALSE, TRUE, sizeof(gboolean));
  g_queue_init(&f->pending);
  return f;
}

void lp_flow_free(LpFlow *f) {
  if (!f)
    return;
  g_array_free(f->items, TRUE);
  g_array_free(f->deferred, TRUE);
  g_queue_clear(&f->pending);
  g_free(f);
}

void lp_flow_add(LpFlow *f, const LpFlowItem *item) {
  gboolean no = FALSE;
  g_array_append_val(f->items, *item);
  g_array_append_val(f->deferred, no);
  f->total += item->span ? (item->height + f->span_gap) * f->columns : item->height + item->space_before;
}

void lp_flow_keep_last(LpFlow *f) {
  if (f->items->len)
    g_array_index(f->items, LpFlowItem, f->items->len - 1).keep_with_next = TRUE;
}

double lp_flow_column_height(const LpFlow *f) { return f->total; }

static LpFlowItem *item_at(LpFlow *f, guint i) { return &g_array_index(f->items, LpFlowItem, i); }
static gboolean is_deferred(LpFlow *f, guint i) { return g_array_index(f->deferred, gboolean, i); }

/* ---- structure tags: keep open what consecutive items share ---- */

static void close_tags(LpFlow *f, int keep) {
  while (f->open.n > keep) {
    lp_page_tag_end(f->page);
    f->open.n--;
  }
}

static void sync_tags(LpFlow *f, const LpTagPath *want, const char *alt) {
  int same = 0;
  while (same < f->open.n && same < want->n && f->open.tags[same].role == want->tags[same].role &&
         f->open.tags[same].block == want->tags[same].block)
    same++;
  close_tags(f, same);
  for (int i = same; i < want->n; i++) {
    lp_page_tag_begin(f->page, want->tags[i].role, want->tags[i].block, i == want->n - 1 ? alt : NULL);
    f->open.tags[i] = want->tags[i];
    f->open.n = i + 1;
  }
}

static void draw_item(LpFlow *f, LpFlowItem *it, int frame, double x, double y, double w) {
  sync_tags(f, &it->tags, it->alt);
  if (it->draw)
    it->draw(it->data, f->page, frame, x, y, w);
  if (it->outline_level > 0 && it->outline_title)
    lp_book_add_outline(f->book, it->outline_level, it->outline_title, f->page_index, y);
}

/* ---- pages ---- */

static void place_span(LpFlow *f, guint i) {
  LpFlowItem *it = item_at(f, i);
  int frame = lp_page_add_frame(f->page, f->area.x, f->y, f->area.w, it->height);
  draw_item(f, it, frame, f->area.x, f->y, f->area.w);
  close_tags(f, 0);
  f->y += it->height + f->span_gap;
  f->page_used = TRUE;
}

/* Whether full-width blocks go across the frames, or into one like others. */
static gboolean spanning(const LpFlow *f, const LpFlowItem *it) { return it->span && f->frames.spans; }

static void start_page(LpFlow *f) {
  if (f->page)
    close_tags(f, 0);
  /* The flow's pages follow those the book holds already (a cover): their
   * indices, and the outline's, are the book's. */
  f->page_index = f->page ? f->page_index + 1 : lp_book_n_pages(f->book);
  memset(&f->frames, 0, sizeof f->frames);
  f->page = f->new_page(f->data, f->page_index, &f->frames);
  if (f->frames.n < 1) /* a page maker that offers nothing still gets one place */
    f->frames.n = 1;
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
  for (int i = 0; i < f->frames.n; i++) {
    x0 = MIN(x0, f->frames.frames[i].x);
    x1 = MAX(x1, f->frames.frames[i].x + f->frames.frames[i].w);
  }
  f->area = (LpRect){x0, f->frames.frames[0].y, x1 - x0, f->frames.frames[0].h};
  f->y = f->area.y;
  f->page_used = FALSE;
  /* Full-width blocks that did not fit before go first, as many as fit; one
   * taller than a whole page is placed anyway rather than lost. */
  while (!g_queue_is_empty(&f->pending)) {
    guint i = GPOINTER_TO_UINT(g_queue_peek_head(&f->pending));
    if (f->page_used && f->y + item_at(f, i)->height > f->area.y + f->area.h + EPS)
      break;
    g_queue_pop_head(&f->pending);
    place_span(f, i);
  }
}

/* ---- columns ---- */

/* Fills up to `columns` columns of height `h` with items [from, to) starting at
 * the flow's y; returns the index of the first item left over. With `commit`
 * the items are drawn; *used gets the tallest column's height. A break inside
 * a keep-together chain (only ever taken when the chain is taller than the
 * column) sets *forced. */
static guint fill_ex(LpFlow *f, guint from, guint to, double h, gboolean commit, double *used, gboolean *forced) {
  guint idx = from;
  double tallest = 0;
  for (int col = 0; col < f->frames.n && idx < to; col++) {
    guint first = idx;
    double cy = 0;
    while (idx < to) {
      LpFlowItem *it = item_at(f, idx);
      if (spanning(f, it) && is_deferred(f, idx)) {
        idx++;
        continue;
      }
      double sb = cy == 0 ? 0 : it->space_before;
      if (cy + sb + it->height > h + EPS)
        break;
      cy += sb + it->height;
      idx++;
    }
    if (idx < to) {
      /* Back up to the last place a break is allowed. */
      guint b = idx;
      while (b > first && item_at(f, b - 1)->keep_with_next)
        b--;
      if (b > first)
        idx = b;
      else {
        if (forced)
          *forced = TRUE;
        if (idx == first)
          idx = first + 1; /* one item taller than the column: place it, never loop */
      }
      /* A word broken across a page (the reader turns the page mid-word) is
       * moved over whole, a line earlier, where a break is allowed there; a
       * word broken across columns of one page stays. */
      if (col == f->frames.n - 1 && idx > first + 1 && item_at(f, idx - 1)->no_page_end) {
        guint e = idx - 1;
        while (e > first && item_at(f, e - 1)->keep_with_next)
          e--;
        if (e > first)
          idx = e;
      }
    }
    /* A column holding one lone line from the middle of a paragraph (it goes on
     * in the columns before and after) is as bad as a widow: when balancing,
     * treat it like a forced break so a taller height is tried. */
    if (forced && idx > first && idx < to && first > 0) {
      int g = item_at(f, first)->group;
      if (g > 0 && item_at(f, first - 1)->group == g && item_at(f, idx)->group == g) {
        guint lines = 0;
        for (guint i = first; i < idx; i++)
          lines += item_at(f, i)->group == g;
        if (lines < 2)
          *forced = TRUE;
      }
    }
    /* Heights of what actually went in this column. */
    double x = f->frames.frames[col].x, col_w = f->frames.frames[col].w;
    int frame = commit ? lp_page_add_frame(f->page, x, f->y, col_w, h) : -1;
    cy = 0;
    for (guint i = first; i < idx; i++) {
      LpFlowItem *it = item_at(f, i);
      if (spanning(f, it) && is_deferred(f, i))
        continue;
      double sb = cy == 0 ? 0 : it->space_before;
      if (commit)
        draw_item(f, it, frame, x, f->y + cy + sb, col_w);
      cy += sb + it->height;
    }
    if (commit)
      close_tags(f, 0);
    tallest = MAX(tallest, cy);
  }
  if (used)
    *used = tallest;
  return idx;
}

static guint fill(LpFlow *f, guint from, guint to, double h, gboolean commit, double *used) {
  return fill_ex(f, from, to, h, commit, used, NULL);
}

/* Whether [from, to) fits in the columns at height h without a forced break. */
static gboolean fits(LpFlow *f, guint from, guint to, double h) {
  gboolean forced = FALSE;
  return fill_ex(f, from, to, h, FALSE, NULL, &forced) >= to && !forced;
}

/* The smallest column height at which [from, to) fits in the columns. */
static double balance(LpFlow *f, guint from, guint to, double avail) {
  if (f->frames.n == 1 || !f->frames.spans)
    return avail;
  double lo = 0, hi = avail;
  for (guint i = from; i < to; i++)
    if (!(spanning(f, item_at(f, i)) && is_deferred(f, i)))
      lo = MAX(lo, item_at(f, i)->height);
  if (fits(f, from, to, lo))
    return lo;
  if (!fits(f, from, to, hi))
    return hi;
  for (int iter = 0; iter < 24 && hi - lo > 0.25; iter++) {
    double mid = (lo + hi) / 2;
    if (fits(f, from, to, mid))
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

static guint next_span(LpFlow *f, guint from) {
  guint n = f->items->len;
  for (guint i = from; i < n; i++)
    if (spanning(f, item_at(f, i)) && !is_deferred(f, i))
      return i;
  return n;
}

guint lp_flow_run(LpFlow *f, LpBook *book, LpFlowNewPage new_page, gpointer data) {
  f->book = book;
  f->new_page = new_page;
  f->data = data;
  f->page = NULL;
  start_page(f);
  guint n = f->items->len, pos = 0;
  while (pos < n) {
    double bottom = f->area.y + f->area.h;
    guint j = next_span(f, pos);
    if (j == pos) {
      /* A full-width block next: here if it fits, else at the top of a later page. */
      LpFlowItem *it = item_at(f, j);
      if (!f->page_used || f->y + it->height <= bottom + EPS) {
        place_span(f, j);
      } else {
        g_array_index(f->deferred, gboolean, j) = TRUE;
        g_queue_push_tail(&f->pending, GUINT_TO_POINTER(j));
      }
      pos = j + 1;
      continue;
    }
    double avail = bottom - f->y;
    if (!f->page_used && avail < 1)
      avail = 1; /* a page with no room at all still takes one item: never loop */
    guint k = avail > 0 ? fill(f, pos, j, avail, FALSE, NULL) : pos;
    if (k < j) {
      /* The region runs past this page: fill the page and go on. */
      if (k > pos) {
        fill(f, pos, k, avail, TRUE, NULL);
        f->page_used = TRUE;
      }
      pos = k;
      start_page(f);
      continue;
    }
    /* The rest of the region fits: balance its columns. */
    double h = balance(f, pos, j, avail);
    if (j < n && f->frames.n > 1) {
      LpFlowItem *span = item_at(f, j);
      if (f->y + h + f->span_gap + span->height > bottom + EPS) {
        /* The block after it cannot follow on this page: let the text run on. */
        g_array_index(f->deferred, gboolean, j) = TRUE;
        g_queue_push_tail(&f->pending, GUINT_TO_POINTER(j));
        continue;
      }
    }
    double used = 0;
    fill(f, pos, j, h, TRUE, &used);
    f->y += used + (j < n ? f->span_gap : 0);
    f->page_used = TRUE;
    pos = j;
  }
  while (!g_queue_is_empty(&f->pending))
    start_page(f);
  close_tags(f, 0);
  return f->page_index + 1;
}
