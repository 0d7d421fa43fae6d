/* Layout invariants, checked on the pages themselves (the display list): no
 * line wider than its column, no ink outside the margins or within 5 mm of the
 * trimmed edge, no heading last in a column, no widow or orphan, lines never
 * overlapping, exact page size. Each check runs on the bundled leaflet, its
 * large-print version, the test article and a long generated article, and the
 * checker itself is shown to catch a broken page. */
#include <math.h>
#include <string.h>

#include "testutil.h"

#define MM (72.0 / 25.4)
#define A4_W (210 * MM)
#define A4_H (297 * MM)

typedef struct {
  int frame;
  const char *role; /* innermost structure element */
  int block;        /* its block id */
  double baseline;
  LpRect ink;
  double size;
} Run;

/* A run's baseline: the y most of its glyphs sit on (marks are raised or
 * lowered, and may come first). */
static double run_baseline(const LpGlyphRun *run) {
  double best = run->glyphs[0].y;
  int best_n = 0;
  for (int i = 0; i < run->n_glyphs; i++) {
    int n = 0;
    for (int j = 0; j < run->n_glyphs; j++)
      n += fabs(run->glyphs[j].y - run->glyphs[i].y) < 0.05;
    if (n > best_n) {
      best_n = n;
      best = run->glyphs[i].y;
    }
  }
  return best;
}

static GArray *collect_runs(const LpPage *page) {
  GArray *runs = g_array_new(FALSE, TRUE, sizeof(Run));
  const LpTagItem *stack[32];
  int depth = 0;
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind == LP_ITEM_TAG_BEGIN && depth < 32)
      stack[depth++] = &it->tag;
    else if (it->kind == LP_ITEM_TAG_END && depth > 0)
      depth--;
    else if (it->kind == LP_ITEM_GLYPHS) {
      Run r = {it->glyphs.frame, depth ? stack[depth - 1]->role : NULL, depth ? stack[depth - 1]->block : -1,
               run_baseline(&it->glyphs), {0, 0, 0, 0}, it->glyphs.size};
      lp_glyph_run_extents(&it->glyphs, &r.ink);
      g_array_append_val(runs, r);
    }
  }
  return runs;
}

static int cmp_double(gconstpointer a, gconstpointer b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Returns a description of every violation on the book's pages ("" if none). */
static char *check_book(const LpBook *book, double margin_l, double margin_r, double margin_t, double margin_b,
                        double text_w) {
  GString *bad = g_string_new(NULL);
  const double edge = 5 * MM;
  /* block id → (frame → set of baselines), for widows and orphans */
  GHashTable *blocks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_hash_table_unref);
  for (guint p = 0; p < lp_book_n_pages(book); p++) {
    const LpPage *page = lp_book_page(book, p);
    if (fabs(lp_page_width(page) - A4_W) > 0.01 || fabs(lp_page_height(page) - A4_H) > 0.01)
      g_string_append_printf(bad, "page %u is %.2f x %.2f, not A4\n", p + 1, lp_page_width(page),
                             lp_page_height(page));
    GArray *runs = collect_runs(page);
    for (guint i = 0; i < runs->len; i++) {
      const Run *r = &g_array_index(runs, Run, i);
      const LpRect *k = &r->ink;
      if (k->w <= 0)
        continue; /* a space: no ink */
      if (k->x < edge || k->y < edge || k->x + k->w > A4_W - edge || k->y + k->h > A4_H - edge)
        g_string_append_printf(bad, "page %u: ink at (%.1f, %.1f)-(%.1f, %.1f) is within 5 mm of the edge\n", p + 1,
                               k->x, k->y, k->x + k->w, k->y + k->h);
      if (r->frame < 0)
        continue;
      const LpRect *f = lp_page_frame(page, (guint)r->frame);
      if (k->x < f->x - 0.5 || k->x + k->w > f->x + f->w + 0.5)
        g_string_append_printf(bad, "page %u: a line spans x %.1f..%.1f, wider than its frame %.1f..%.1f\n", p + 1,
                               k->x, k->x + k->w, f->x, f->x + f->w);
      if (r->baseline < f->y || r->baseline > f->y + f->h + 0.5)
        g_string_append_printf(bad, "page %u: a baseline at y %.1f is outside its frame %.1f..%.1f\n", p + 1,
                               r->baseline, f->y, f->y + f->h);
      if (k->x < margin_l - 0.5 || k->x + k->w > A4_W - margin_r + 0.5 || r->baseline < margin_t ||
          r->baseline > A4_H - margin_b)
        g_string_append_printf(bad, "page %u: text at (%.1f, %.1f) is outside the margins\n", p + 1, k->x,
                               r->baseline);
      if (r->role && (strcmp(r->role, "P") == 0) && r->block >= 0) {
        GHashTable *frames = g_hash_table_lookup(blocks, GINT_TO_POINTER(r->block));
        if (!frames) {
          frames = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_hash_table_unref);
          g_hash_table_insert(blocks, GINT_TO_POINTER(r->block), frames);
        }
        int key = (int)(p * 1000 + (guint)r->frame);
        GHashTable *lines = g_hash_table_lookup(frames, GINT_TO_POINTER(key));
        if (!lines) {
          lines = g_hash_table_new(g_direct_hash, g_direct_equal);
          g_hash_table_insert(frames, GINT_TO_POINTER(key), lines);
        }
        g_hash_table_add(lines, GINT_TO_POINTER((int)lround(r->baseline * 10)));
      }
    }
    /* Per column frame: the last line is no heading; lines never overlap. */
    for (guint fi = 0; fi < lp_page_n_frames(page); fi++) {
      const LpRect *f = lp_page_frame(page, fi);
      if (f->w >= text_w - 0.5 && lp_page_n_frames(page) > 1)
        continue; /* a full-width block, not a column */
      const Run *last = NULL;
      GArray *bases = g_array_new(FALSE, FALSE, sizeof(double));
      double min_size = 100;
      for (guint i = 0; i < runs->len; i++) {
        const Run *r = &g_array_index(runs, Run, i);
        if (r->frame != (int)fi)
          continue;
        if (!last || r->baseline >= last->baseline)
          last = r;
        g_array_append_val(bases, r->baseline);
        min_size = MIN(min_size, r->size);
      }
      if (last && last->role && last->role[0] == 'H')
        g_string_append_printf(bad, "page %u: a heading (%s) is the last line of a column\n", p + 1, last->role);
      g_array_sort(bases, cmp_double);
      for (guint i = 1; i < bases->len; i++) {
        double gap = g_array_index(bases, double, i) - g_array_index(bases, double, i - 1);
        if (gap > 0.01 && gap < min_size)
          g_string_append_printf(bad, "page %u: lines %.1f pt apart overlap\n", p + 1, gap);
      }
      g_array_free(bases, TRUE);
    }
    g_array_free(runs, TRUE);
  }
  /* A paragraph split over frames keeps at least two lines in each. */
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, blocks);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    GHashTable *frames = value;
    if (g_hash_table_size(frames) < 2)
      continue;
    GHashTableIter fit;
    gpointer lines, where;
    g_hash_table_iter_init(&fit, frames);
    while (g_hash_table_iter_next(&fit, &where, &lines))
      if (g_hash_table_size(lines) < 2)
        g_string_append_printf(bad, "paragraph %d leaves a single line (a widow or an orphan) on page %d, frame %d\n",
                               GPOINTER_TO_INT(key), GPOINTER_TO_INT(where) / 1000 + 1,
                               GPOINTER_TO_INT(where) % 1000);
  }
  g_hash_table_unref(blocks);
  return g_string_free(bad, FALSE);
}

static void assert_clean(const char *article, const char *layout, double ml, double mr, double mt, double mb,
                         double text_w, guint min_pages) {
  LpBook *book = lp_test_layout(article, layout);
  g_assert_cmpuint(lp_book_n_pages(book), >=, min_pages);
  char *bad = check_book(book, ml, mr, mt, mb, text_w);
  if (*bad)
    g_error("%s with %s:\n%s", article, layout, bad);
  g_free(bad);
  lp_book_free(book);
}

static void test_leaflet(void) {
  assert_clean("text/botox-headache/en.md", "layouts/a4-leaflet.yaml", 16 * MM, 16 * MM, 0, 20 * MM, 178 * MM, 1);
}

static void test_large_print(void) {
  assert_clean("text/botox-headache/en.md", "layouts/a4-large-print.yaml", 20 * MM, 20 * MM, 0, 30 * MM, 170 * MM, 2);
}

static void test_second_article(void) {
  assert_clean("tests/data/articles/wound-care/en.md", "layouts/a4-leaflet.yaml", 16 * MM, 16 * MM, 0, 20 * MM,
               178 * MM, 1);
  assert_clean("tests/data/articles/wound-care/en.md", "layouts/a4-large-print.yaml", 20 * MM, 20 * MM, 0, 30 * MM,
               170 * MM, 1);
}

/* A long article of random paragraphs, headings and lists: many page and column
 * breaks, so the break rules meet every case. */
static char *long_article(guint32 seed, int sections) {
  static const char *const words[] = {"the",      "patient", "treatment", "muscle",  "headache", "weeks",
                                      "frowning", "may",     "relieved",  "painful", "specialist",
                                      "observe",  "injection", "soreness", "days",   "migraine"};
  GRand *rand = g_rand_new_with_seed(seed);
  GString *s = g_string_new("---\nlang: en\ntitle: Long generated article\nversion: \"1\"\ndate: 2026-01-01\n"
                            "review: draft\n---\n\n");
  for (int sec = 0; sec < sections; sec++) {
    g_string_append_printf(s, "## Section %d about %s\n\n", sec + 1, words[g_rand_int_range(rand, 0, 16)]);
    int paras = g_rand_int_range(rand, 1, 5);
    for (int p = 0; p < paras; p++) {
      gboolean list = g_rand_int_range(rand, 0, 5) == 0;
      int items = list ? g_rand_int_range(rand, 2, 5) : 1;
      for (int it = 0; it < items; it++) {
        if (list)
          g_string_append(s, g_rand_boolean(rand) ? "- " : "1. ");
        int n = g_rand_int_range(rand, 3, list ? 25 : 120);
        for (int w = 0; w < n; w++)
          g_string_append_printf(s, "%s%s", w ? " " : "", words[g_rand_int_range(rand, 0, 16)]);
        g_string_append(s, list ? ".\n" : ".\n\n");
      }
      if (list)
        g_string_append(s, "\n");
    }
  }
  g_rand_free(rand);
  return g_string_free(s, FALSE);
}

static void test_long_articles(void) {
  for (guint32 seed = 1; seed <= 12; seed++) {
    char *text = long_article(seed, 6 + (int)seed);
    char *name = g_strdup_printf("long/article-%u/en.md", seed);
    char *path = lp_test_write(name, text);
    assert_clean(path, "layouts/a4-leaflet.yaml", 16 * MM, 16 * MM, 0, 20 * MM, 178 * MM, 2);
    assert_clean(path, "layouts/a4-large-print.yaml", 20 * MM, 20 * MM, 0, 30 * MM, 170 * MM, 3);
    g_free(path);
    g_free(name);
    g_free(text);
  }
}

/* The checker must see what it is looking for: a line pushed out of its column,
 * a lone line in a frame, a heading at a column's foot. */
static void test_checker_catches(void) {
  LpBook *book = lp_test_layout("text/botox-headache/en.md", "layouts/a4-leaflet.yaml");
  LpPage *page = lp_book_page(book, 0);
  /* Shift one body line 40 pt to the right by editing its glyph positions. */
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    LpItem *it = (LpItem *)lp_page_item(page, i);
    if (it->kind == LP_ITEM_GLYPHS && it->glyphs.frame >= 0 && it->glyphs.n_glyphs > 20 &&
        lp_page_frame(page, (guint)it->glyphs.frame)->w < 100 * MM) {
      for (int g = 0; g < it->glyphs.n_glyphs; g++)
        it->glyphs.glyphs[g].x += 40;
      break;
    }
  }
  char *bad = check_book(book, 16 * MM, 16 * MM, 0, 20 * MM, 178 * MM);
  g_assert_nonnull(strstr(bad, "wider than its frame"));
  g_free(bad);
  /* A frame whose last run is a heading, and a paragraph line alone in a frame. */
  int f = lp_page_add_frame(page, 100, 500, 100, 100);
  lp_page_tag_begin(page, "P", 9999, NULL);
  LpGlyphRun run = {0};
  const LpItem *any = NULL;
  for (guint i = 0; i < lp_page_n_items(page) && !any; i++)
    if (lp_page_item(page, i)->kind == LP_ITEM_GLYPHS)
      any = lp_page_item(page, i);
  run.font = lp_font_ref(any->glyphs.font);
  run.size = 10;
  run.n_glyphs = 1;
  run.glyphs = g_new0(cairo_glyph_t, 1);
  run.glyphs[0] = (cairo_glyph_t){any->glyphs.glyphs[0].index, 110, 520};
  run.frame = f;
  lp_page_add_glyphs(page, &run);
  lp_page_tag_end(page);
  LpGlyphRun run2 = run;
  run2.font = lp_font_ref(any->glyphs.font);
  run2.glyphs = g_new0(cairo_glyph_t, 1);
  run2.glyphs[0] = (cairo_glyph_t){any->glyphs.glyphs[0].index, 110, 560};
  lp_page_tag_begin(page, "H2", 9998, NULL);
  lp_page_add_glyphs(page, &run2);
  lp_page_tag_end(page);
  LpGlyphRun run3 = run;
  run3.font = lp_font_ref(any->glyphs.font);
  run3.glyphs = g_new0(cairo_glyph_t, 1);
  run3.glyphs[0] = (cairo_glyph_t){any->glyphs.glyphs[0].index, 110, 540};
  run3.frame = lp_page_add_frame(page, 300, 500, 100, 100);
  lp_page_tag_begin(page, "P", 9999, NULL);
  lp_page_add_glyphs(page, &run3);
  lp_page_tag_end(page);
  bad = check_book(book, 16 * MM, 16 * MM, 0, 20 * MM, 178 * MM);
  g_assert_nonnull(strstr(bad, "is the last line of a column"));
  g_assert_nonnull(strstr(bad, "widow or an orphan"));
  g_free(bad);
  lp_book_free(book);
}

/* Arabic reads right to left: every line of a column ends at the column's
 * right edge (ragged left), the columns run right to left, and the checks
 * above hold too. English, the control, starts every line at the left edge. */
static void edges(const char *article, gboolean rtl) {
  LpBook *book = lp_test_layout(article, "layouts/a4-leaflet.yaml");
  guint lines = 0;
  for (guint p = 0; p < lp_book_n_pages(book); p++) {
    const LpPage *page = lp_book_page(book, p);
    GArray *runs = collect_runs(page);
    GHashTable *left = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    GHashTable *right = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    for (guint i = 0; i < runs->len; i++) {
      const Run *r = &g_array_index(runs, Run, i);
      if (r->frame < 0 || r->ink.w <= 0 || lp_page_frame(page, (guint)r->frame)->w > 100 * MM)
        continue;
      gint64 *key = g_new(gint64, 1);
      *key = r->frame * 100000 + lround(r->baseline * 10);
      double *l = g_hash_table_lookup(left, key), *rr = g_hash_table_lookup(right, key);
      if (!l) {
        l = g_new(double, 1), rr = g_new(double, 1);
        *l = r->ink.x, *rr = r->ink.x + r->ink.w;
        gint64 *key2 = g_memdup2(key, sizeof *key);
        g_hash_table_insert(left, key, l);
        g_hash_table_insert(right, key2, rr);
      } else {
        *l = MIN(*l, r->ink.x), *rr = MAX(*rr, r->ink.x + r->ink.w);
        g_free(key);
      }
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, rtl ? right : left);
    while (g_hash_table_iter_next(&it, &k, &v)) {
      const LpRect *f = lp_page_frame(page, (guint)(*(gint64 *)k / 100000));
      double edge = rtl ? f->x + f->w : f->x, at = *(double *)v;
      if (fabs(at - edge) > 1.5)
        g_error("%s page %u: a line ends at x %.1f, not at the column's %s edge %.1f", article, p + 1, at,
                rtl ? "right" : "left", edge);
      lines++;
    }
    g_hash_table_unref(left);
    g_hash_table_unref(right);
    g_array_free(runs, TRUE);
  }
  g_assert_cmpuint(lines, >, 40);
  char *bad = check_book(book, 16 * MM, 16 * MM, 0, 20 * MM, 178 * MM);
  if (*bad)
    g_error("%s:\n%s", article, bad);
  g_free(bad);
  /* The first column of page 1 is the right one in Arabic. */
  const LpPage *first = lp_book_page(book, 0);
  double first_col = -1;
  for (guint i = 0; i < lp_page_n_frames(first) && first_col < 0; i++)
    if (lp_page_frame(first, i)->w < 100 * MM)
      first_col = lp_page_frame(first, i)->x;
  g_assert_cmpfloat(first_col, >=, 0);
  if (rtl)
    g_assert_cmpfloat(first_col, >, A4_W / 2);
  else
    g_assert_cmpfloat(first_col, <, A4_W / 2);
  lp_book_free(book);
}

static void test_arabic_right_aligned(void) { edges("text/botox-headache/ar.md", TRUE); }
static void test_english_left_aligned(void) { edges("text/botox-headache/en.md", FALSE); }

/* Titles, subtitles and headings are balanced: set as narrow as they go
 * without gaining a line, so none ends with a word or two alone. Checked on
 * the pages: in every element of the band (kicker, title, subtitle) and every
 * heading of two lines or more (leaflets and cards), the shortest line is at least half the
 * longest. (Unbalanced, the German subtitle's second line is a quarter.) */
static void balanced(const char *article, const char *layout, guint *checked) {
  LpBook *book = lp_test_layout(article, layout);
  for (guint p = 0; p < lp_book_n_pages(book); p++) {
    const LpPage *page = lp_book_page(book, p);
    /* Each structure element's lines, in item order: baseline → ink extent. */
    GArray *base = g_array_new(FALSE, FALSE, sizeof(double)), *x0 = g_array_new(FALSE, FALSE, sizeof(double)),
           *x1 = g_array_new(FALSE, FALSE, sizeof(double));
    const char *role = NULL;
    gboolean in_band = p == 0;
    for (guint i = 0; i <= lp_page_n_items(page); i++) {
      const LpItem *it = i < lp_page_n_items(page) ? lp_page_item(page, i) : NULL;
      if (!it || it->kind == LP_ITEM_TAG_BEGIN || it->kind == LP_ITEM_TAG_END) {
        gboolean heading = role && (strcmp(role, "H1") == 0 || strcmp(role, "H2") == 0 || strcmp(role, "H3") == 0);
        if ((heading || in_band) && base->len >= 2) {
          double lo = G_MAXDOUBLE, hi = 0;
          for (guint l = 0; l < base->len; l++) {
            double w = g_array_index(x1, double, l) - g_array_index(x0, double, l);
            lo = MIN(lo, w), hi = MAX(hi, w);
          }
          if (lo < 0.5 * hi)
            g_error("%s with %s, page %u: a %s of %u lines is not balanced: its shortest line is %.0f pt, the "
                    "longest %.0f pt",
                    article, layout, p + 1, role, base->len, lo, hi);
          (*checked)++;
        }
        g_array_set_size(base, 0), g_array_set_size(x0, 0), g_array_set_size(x1, 0);
        if (it && it->kind == LP_ITEM_TAG_BEGIN) {
          /* The band's elements have no source block; the body starts with the first that has one. */
          in_band &= it->tag.block < 0;
          role = it->tag.role;
        }
        continue;
      }
      if (it->kind != LP_ITEM_GLYPHS)
        continue;
      LpRect ink;
      lp_glyph_run_extents(&it->glyphs, &ink);
      double b = run_baseline(&it->glyphs);
      guint l = 0;
      while (l < base->len && fabs(g_array_index(base, double, l) - b) > 0.5)
        l++;
      if (l == base->len) {
        double r = ink.x + ink.w;
        g_array_append_val(base, b), g_array_append_val(x0, ink.x), g_array_append_val(x1, r);
      } else {
        g_array_index(x0, double, l) = MIN(g_array_index(x0, double, l), ink.x);
        g_array_index(x1, double, l) = MAX(g_array_index(x1, double, l), ink.x + ink.w);
      }
    }
    g_array_free(base, TRUE), g_array_free(x0, TRUE), g_array_free(x1, TRUE);
  }
  lp_book_free(book);
}

/* No page of a leaflet ends in a broken word: the reader would turn the page
 * mid-word (and text readers join the word's halves across the footer). The
 * last line of the last frame that holds text on each page but the last must
 * not end in a hyphen. Portuguese ended its first page in "esponta-". */
static gboolean page_ends_hyphenated(const LpPage *page, char **last_line) {
  int frame = -1;
  double base = -1, right = -1;
  const LpGlyphRun *end = NULL;
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind != LP_ITEM_GLYPHS || it->glyphs.frame < 0 || it->glyphs.text_len <= 0)
      continue;
    double b = run_baseline(&it->glyphs);
    LpRect ink;
    lp_glyph_run_extents(&it->glyphs, &ink);
    gboolean later = it->glyphs.frame > frame || (it->glyphs.frame == frame && b > base + 0.5);
    gboolean same_line = it->glyphs.frame == frame && fabs(b - base) <= 0.5;
    if (later || (same_line && ink.x + ink.w > right)) {
      frame = it->glyphs.frame;
      base = b;
      right = ink.x + ink.w;
      end = &it->glyphs;
    }
  }
  if (!end)
    return FALSE;
  *last_line = g_strndup(end->text, (gsize)end->text_len);
  const char *e = end->text + end->text_len;
  gunichar c = g_utf8_get_char(g_utf8_prev_char(e));
  return c == '-' || c == 0x2010 || c == 0x00AD;
}

static void test_no_page_ends_mid_word(void) {
  static const char *const langs[] = {"pt", "de", "en", "fr", "nl", "pl", "hu", "ru", "it", "cs", "el", NULL};
  static const char *const layouts[] = {"layouts/a4-leaflet.yaml", "layouts/a4-large-print.yaml", NULL};
  guint pages = 0;
  for (const char *const *l = langs; *l; l++)
    for (const char *const *y = layouts; *y; y++) {
      char *article = g_strdup_printf("text/botox-headache/%s.md", *l);
      LpBook *book = lp_test_layout(article, *y);
      for (guint p = 0; p + 1 < lp_book_n_pages(book); p++) {
        char *line = NULL;
        if (page_ends_hyphenated(lp_book_page(book, p), &line))
          g_error("%s, %s: page %u ends in a broken word: \"%s\"", article, *y, p + 1, line);
        g_free(line);
        pages++;
      }
      lp_book_free(book);
      g_free(article);
    }
  g_assert_cmpuint(pages, >=, 30);
}

static void test_balanced(void) {
  static const char *const langs[] = {"en", "tr", "de", "ar", "ru", "fr", "es", NULL};
  guint checked = 0;
  for (const char *const *l = langs; *l; l++) {
    char *article = g_strdup_printf("text/botox-headache/%s.md", *l);
    balanced(article, "layouts/a4-leaflet.yaml", &checked);
    balanced(article, "layouts/a4-large-print.yaml", &checked);
    balanced(article, "layouts/a5-card.yaml", &checked);
    g_free(article);
  }
  balanced("tests/data/articles/wound-care/en.md", "layouts/a4-leaflet.yaml", &checked);
  /* Enough multi-line headings and subtitles that the check means something. */
  g_assert_cmpuint(checked, >=, 20);
}

/* The figure's labels stay inside its frame with a clear gap (FIGURE_GAP):
 * every run inside a Figure element lies in the full-width frame the flow
 * placed the figure in, inset by that much on every side. */
#define FIGURE_GAP (2.0 * MM)

static guint figure_labels_inside(const char *article, const char *layout) {
  LpBook *book = lp_test_layout(article, layout);
  guint checked = 0;
  for (guint p = 0; p < lp_book_n_pages(book); p++) {
    const LpPage *page = lp_book_page(book, p);
    GArray *runs = collect_runs(page);
    for (guint i = 0; i < runs->len; i++) {
      const Run *r = &g_array_index(runs, Run, i);
      if (!r->role || (strcmp(r->role, "Figure") != 0 && strcmp(r->role, "Caption") != 0))
        continue;
      gboolean inside = FALSE;
      for (guint f = 0; f < lp_page_n_frames(page) && !inside; f++) {
        const LpRect *fr = lp_page_frame(page, f);
        inside = r->ink.x >= fr->x + FIGURE_GAP && r->ink.x + r->ink.w <= fr->x + fr->w - FIGURE_GAP &&
                 r->ink.y >= fr->y + FIGURE_GAP && r->ink.y + r->ink.h <= fr->y + fr->h - FIGURE_GAP;
      }
      if (!inside)
        g_error("%s, %s, page %u: a figure label at x %.1f–%.1f, y %.1f–%.1f pt comes closer than %.0f mm to "
                "its frame",
                article, layout, p + 1, r->ink.x, r->ink.x + r->ink.w, r->ink.y, r->ink.y + r->ink.h,
                FIGURE_GAP / MM);
      checked++;
    }
    g_array_free(runs, TRUE);
  }
  lp_book_free(book);
  return checked;
}

static void test_figure_labels_inside(void) {
  static const char *const langs[] = {"en", "tr", "de", "ar", "ru", "fr", "es", NULL};
  guint checked = 0;
  for (const char *const *l = langs; *l; l++) {
    char *article = g_strdup_printf("text/botox-headache/%s.md", *l);
    checked += figure_labels_inside(article, "layouts/a4-leaflet.yaml");
    checked += figure_labels_inside(article, "layouts/a4-large-print.yaml");
    g_free(article);
  }
  g_assert_cmpuint(checked, >=, 7 * 2 * 10);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/pages/leaflet", test_leaflet);
  g_test_add_func("/pages/large-print", test_large_print);
  g_test_add_func("/pages/second-article", test_second_article);
  g_test_add_func("/pages/long-articles", test_long_articles);
  g_test_add_func("/pages/checker-catches", test_checker_catches);
  g_test_add_func("/pages/arabic-right-aligned", test_arabic_right_aligned);
  g_test_add_func("/pages/english-left-aligned", test_english_left_aligned);
  g_test_add_func("/pages/balanced", test_balanced);
  g_test_add_func("/pages/no-page-ends-mid-word", test_no_page_ends_mid_word);
  g_test_add_func("/pages/figure-labels-inside", test_figure_labels_inside);
  return g_test_run();
}
