/* The pain timeline: the ```timeline reader and its errors, the time scale,
 * calendar dates under the ticks, and the diagram as drawn: ink where the
 * diagram is, none where the page is empty, phases told apart in greyscale. */
#include <math.h>
#include <string.h>

#include "doc/timeline.h"
#include "layout/locale.h"
#include "read/article.h"
#include "read/timeline.h"
#include "testutil.h"
#include "write/writer.h"

#define PATH "t.md"

/* The timeline's YAML starts on line 10 of the article built by wrap(). */
#define FM "---\nlang: en\ntitle: T\nversion: \"1\"\ndate: 2026-01-01\nreview: draft\n---\n\n```timeline\n"

static const char *const good =
    "caption: When it hurts\n"
    "scale: {to: 3w, kind: sqrt}\n"
    "ticks:\n"
    "  - {at: 0, label: Treatment}\n"
    "  - {at: 1d, label: Day 1}\n"
    "  - {at: 1w, label: Week 1}\n"
    "  - {at: 3w, label: Week 3}\n"
    "phases:\n"
    "  - id: a\n"
    "    label: First\n"
    "    who: anyone\n"
    "    start: 0\n"
    "    peak: 6h\n"
    "    end: 3d\n"
    "    strength: mild\n"
    "    note: goes away.\n"
    "  - id: b\n"
    "    label: Second\n"
    "    start: 1d\n"
    "    end: 2w\n"
    "markers:\n"
    "  - {at: 2w, label: relieved}\n";

static char *wrap(const char *yaml) { return g_strconcat(FM, yaml, "```\n\nText.\n", NULL); }

static LpDoc *parse(const char *yaml, GError **err) {
  char *text = wrap(yaml);
  LpDoc *doc = lp_article_parse(lp_test_ctx(), PATH, text, strlen(text), err);
  g_free(text);
  return doc;
}

static void test_reads(void) {
  GError *err = NULL;
  LpDoc *doc = parse(good, &err);
  g_assert_no_error(err);
  const LpTimeline *t = lp_doc_timeline(doc);
  g_assert_nonnull(t);
  g_assert_cmpstr(t->caption, ==, "When it hurts");
  g_assert_cmpfloat(t->scale_to, ==, 504);
  g_assert_cmpint(t->scale, ==, LP_SCALE_SQRT);
  g_assert_cmpuint(t->ticks->len, ==, 4);
  g_assert_cmpfloat(g_array_index(t->ticks, LpTick, 2).at, ==, 168);
  g_assert_cmpuint(t->phases->len, ==, 2);
  const LpPhase *a = &g_array_index(t->phases, LpPhase, 0), *b = &g_array_index(t->phases, LpPhase, 1);
  g_assert_cmpstr(a->id, ==, "a");
  g_assert_cmpstr(a->who, ==, "anyone");
  g_assert_cmpfloat(a->peak, ==, 6);
  g_assert_cmpfloat(a->end, ==, 72);
  g_assert_cmpint(a->strength, ==, LP_STRENGTH_MILD);
  g_assert_cmpstr(a->note, ==, "goes away.");
  g_assert_cmpfloat(b->peak, <, 0);
  g_assert_cmpint(b->strength, ==, LP_STRENGTH_UNSAID);
  g_assert_cmpint(a->pos.line, ==, 18);
  g_assert_cmpuint(t->markers->len, ==, 1);
  g_assert_cmpstr(g_array_index(t->markers, LpTick, 0).label, ==, "relieved");
  /* The block sits in the body where it was written. */
  g_assert_cmpint(lp_block_kind(lp_doc_block(doc, 0)), ==, LP_BLOCK_TIMELINE);
  g_assert_cmpint(lp_block_pos(lp_doc_block(doc, 0)).line, ==, 9);
  lp_doc_free(doc);
}

/* Replaces the first occurrence of `from` in the good timeline. */
static void fails_with(const char *from, const char *to, int line, int col, const char *fragment) {
  const char *at = strstr(good, from);
  g_assert_nonnull(at);
  char *yaml = g_strdup_printf("%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
  GError *err = NULL;
  LpDoc *doc = parse(yaml, &err);
  g_assert_null(doc);
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, line, col, fragment);
  g_error_free(err);
  g_free(yaml);
}

static void test_errors(void) {
  fails_with("    end: 3d\n", "    end: 0\n", 23, 10, "phase 'a' ends (0) before it starts (0)");
  fails_with("    start: 1d\n    end: 2w\n", "    start: 2w\n    end: 1d\n", 29, 10,
             "phase 'b' ends (1d) before it starts (2w)");
  fails_with("    end: 3d\n", "    end: 3x\n", 23, 10, "unknown unit 'x' in '3x': use h (hours), d (days) or w (weeks)");
  fails_with("    end: 3d\n", "    end: 3\n", 23, 10, "'3' has no unit");
  fails_with("    end: 2w\n", "    end: 4w\n", 29, 10, "the phase's end (672h) is outside the time scale, which ends at 504h");
  fails_with("  - id: b\n", "  - id: a\n", 26, 9, "duplicate phase id 'a' (first used at line 18)");
  fails_with("    peak: 6h\n", "    peak: 5d\n", 22, 11, "phase 'a' peaks (5d) outside its own time, 0 to 3d");
  fails_with("    strength: mild\n", "    strength: awful\n", 24, 15, "unknown value 'awful' for a phase's strength");
  fails_with("  - {at: 1w, label: Week 1}\n", "  - {at: 1h, label: Week 1}\n", 15, 10,
             "ticks must come in time order");
  fails_with("  - {at: 2w, label: relieved}\n", "  - {at: 5w, label: relieved}\n", 31, 10,
             "outside the time scale");
  fails_with("    label: Second\n", "", 26, 5, "a phase has no 'label'");
  fails_with("    who: anyone\n", "    whom: anyone\n", 20, 5, "unknown key 'whom' in a phase; did you mean 'who'?");
  fails_with("scale: {to: 3w, kind: sqrt}\n", "scale: {to: 3w, kind: cubic}\n", 11, 23,
             "unknown value 'cubic' for timeline scale kind");
  fails_with("  - id: a\n", "  - id: Phase A\n", 18, 9, "phase id 'Phase A'");
}

static void test_second_block(void) {
  char *text = g_strconcat(FM, good, "```\n\n```timeline\n", good, "```\n", NULL);
  GError *err = NULL;
  LpDoc *doc = lp_article_parse(lp_test_ctx(), PATH, text, strlen(text), &err);
  g_assert_null(doc);
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 34, 1, "a second timeline block");
  g_error_free(err);
  g_free(text);
}

static void test_durations(void) {
  double h;
  g_assert_null(lp_parse_duration("6h", &h));
  g_assert_cmpfloat(h, ==, 6);
  g_assert_null(lp_parse_duration("3d", &h));
  g_assert_cmpfloat(h, ==, 72);
  g_assert_null(lp_parse_duration("2w", &h));
  g_assert_cmpfloat(h, ==, 336);
  g_assert_null(lp_parse_duration("1.5d", &h));
  g_assert_cmpfloat(h, ==, 36);
  g_assert_null(lp_parse_duration("0", &h));
  g_assert_cmpfloat(h, ==, 0);
  char *msg = lp_parse_duration("-1d", &h);
  g_assert_nonnull(strstr(msg, "is not a duration"));
  g_free(msg);
}

/* The square-root scale gives the first day room: about a fifth of a three-week
 * axis, and keeps the weeks apart. */
static void test_scale(void) {
  LpTimeline *t = lp_timeline_new();
  t->scale_to = 504;
  g_assert_cmpfloat(lp_timeline_position(t, 0), ==, 0);
  g_assert_cmpfloat(lp_timeline_position(t, 504), ==, 1);
  g_assert_cmpfloat_with_epsilon(lp_timeline_position(t, 24), sqrt(24.0 / 504), 1e-9);
  g_assert_cmpfloat(lp_timeline_position(t, 24), >, 0.2);
  g_assert_cmpfloat(lp_timeline_position(t, 6), >, 0.1); /* hours are legible */
  double w1 = lp_timeline_position(t, 168), w2 = lp_timeline_position(t, 336);
  g_assert_cmpfloat(w2 - w1, >, 0.2);
  g_assert_cmpfloat(1 - w2, >, 0.15);
  g_assert_cmpfloat(lp_timeline_position(t, 900), ==, 1); /* clamped */
  t->scale = LP_SCALE_LINEAR;
  g_assert_cmpfloat(lp_timeline_position(t, 252), ==, 0.5);
  t->scale = LP_SCALE_LOG;
  g_assert_cmpfloat(lp_timeline_position(t, 6), >, lp_timeline_position(t, 3));
  g_assert_cmpfloat_with_epsilon(lp_timeline_position(t, 504), 1, 1e-9);
  lp_timeline_free(t);
}

static void test_dates(void) {
  int y = 2026, m = 11, d = 28;
  lp_date_add_days(&y, &m, &d, 7);
  g_assert_cmpint(y * 10000 + m * 100 + d, ==, 20261205);
  y = 2026, m = 12, d = 28;
  lp_date_add_days(&y, &m, &d, 14);
  g_assert_cmpint(y * 10000 + m * 100 + d, ==, 20270111);
  y = 2028, m = 2, d = 28;
  lp_date_add_days(&y, &m, &d, 1);
  g_assert_cmpint(y * 10000 + m * 100 + d, ==, 20280229);
  struct {
    const char *lang, *skeleton, *want;
  } cases[] = {{"en", "dMMM", "Nov 28"},
               {"de", "dMMM", "28. Nov."},
               {"fr", "dMMM", "28 nov."},
               {"tr", "dMMM", "28 Kas"},
               {"en", "yMMMMEEEEd", "Saturday, November 28, 2026"},
               {"de", "yMMMMEEEEd", "Samstag, 28. November 2026"}};
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    GError *err = NULL;
    char *s = lp_locale_date(cases[i].lang, 2026, 11, 28, cases[i].skeleton, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(s, ==, cases[i].want);
    g_free(s);
  }
}

/* ---- the diagram on rendered pixels ---- */

typedef struct {
  double x0, y0, x1, y1;
} Box;

/* The bands are the paths with a gradient fill; returns their boxes. */
static GArray *band_boxes(const LpPage *page) {
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(Box));
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind != LP_ITEM_PATH || !it->path.fill || it->path.fill_paint.kind != LP_PAINT_LINEAR)
      continue;
    Box b = {1e9, 1e9, -1e9, -1e9};
    cairo_path_t *p = it->path.path;
    for (int k = 0; k < p->num_data; k += p->data[k].header.length)
      for (int j = 1; j < p->data[k].header.length; j++) {
        b.x0 = MIN(b.x0, p->data[k + j].point.x);
        b.x1 = MAX(b.x1, p->data[k + j].point.x);
        b.y0 = MIN(b.y0, p->data[k + j].point.y);
        b.y1 = MAX(b.y1, p->data[k + j].point.y);
      }
    g_array_append_val(boxes, b);
  }
  return boxes;
}

typedef struct {
  const guchar *data;
  gsize len, pos;
} Reader;

static cairo_status_t read_bytes(void *closure, unsigned char *data, unsigned int length) {
  Reader *r = closure;
  if (r->pos + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy(data, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *render(const LpBook *book, guint page, double dpi) {
  LpWriteOptions opt = {.format = LP_FORMAT_PNG, .dpi = dpi};
  GError *err = NULL;
  GPtrArray *files = lp_write(&lp_writer_cairo, book, &opt, &err);
  g_assert_no_error(err);
  Reader r = {NULL, 0, 0};
  r.data = g_bytes_get_data(g_ptr_array_index(files, page), &r.len);
  cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
  g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
  g_ptr_array_unref(files);
  return s;
}

/* Mean and standard deviation of grey levels (0-255) in a box, in points. */
static void grey_stats(cairo_surface_t *s, double scale, Box b, double *mean, double *sd, double *ink) {
  cairo_surface_flush(s);
  int stride = cairo_image_surface_get_stride(s);
  const unsigned char *data = cairo_image_surface_get_data(s);
  double sum = 0, sq = 0;
  long n = 0, inked = 0;
  for (int y = (int)ceil(b.y0 * scale); y < (int)floor(b.y1 * scale); y++)
    for (int x = (int)ceil(b.x0 * scale); x < (int)floor(b.x1 * scale); x++) {
      guint32 px = *(const guint32 *)(data + y * stride + x * 4);
      double g = 0.299 * ((px >> 16) & 0xff) + 0.587 * ((px >> 8) & 0xff) + 0.114 * (px & 0xff);
      sum += g;
      sq += g * g;
      n++;
      inked += g < 245;
    }
  g_assert_cmpint(n, >, 0);
  *mean = sum / n;
  *sd = sqrt(MAX(0, sq / n - *mean * *mean));
  *ink = (double)inked / n;
}

static void test_diagram_pixels(void) {
  LpBook *book = lp_test_layout("text/botox-headache/en.md", "layouts/a5-card.yaml");
  g_assert_cmpuint(lp_book_n_pages(book), ==, 2);
  const LpPage *back = lp_book_page(book, 1);
  GArray *bands = band_boxes(back);
  g_assert_cmpuint(bands->len, ==, 4);
  double dpi = 150, scale = dpi / 72;
  cairo_surface_t *png = render(book, 1, dpi);
  Box all = g_array_index(bands, Box, 0);
  for (guint i = 0; i < bands->len; i++) {
    Box b = g_array_index(bands, Box, i);
    all.x0 = MIN(all.x0, b.x0), all.y0 = MIN(all.y0, b.y0);
    all.x1 = MAX(all.x1, b.x1), all.y1 = MAX(all.y1, b.y1);
  }
  /* Ink in the diagram's area (bands and the white between their rows), and in
   * every band's own box; none in the empty margin under the advice box. */
  double mean, sd, ink;
  grey_stats(png, scale, all, &mean, &sd, &ink);
  g_assert_cmpfloat(ink, >, 0.2);
  for (guint i = 0; i < bands->len; i++) {
    grey_stats(png, scale, g_array_index(bands, Box, i), &mean, &sd, &ink);
    g_assert_cmpfloat(ink, >, 0.8);
  }
  Box empty = {40, lp_page_height(back) - 20, lp_page_width(back) - 40, lp_page_height(back) - 8};
  grey_stats(png, scale, empty, &mean, &sd, &ink);
  g_assert_cmpfloat(ink, ==, 0);
  /* Phases told apart in greyscale: in the first, strongest third of each band
   * the mean grey level or its texture (a pattern) differs from every other. */
  double means[8], sds[8];
  for (guint i = 0; i < bands->len; i++) {
    Box b = g_array_index(bands, Box, i);
    double h = b.y1 - b.y0, w = b.x1 - b.x0;
    Box core = {b.x0 + h / 2, b.y0 + h * 0.2, b.x0 + h / 2 + MAX(w / 3, 8), b.y1 - h * 0.2};
    grey_stats(png, scale, core, &means[i], &sds[i], &ink);
    g_test_message("phase %u: grey mean %.1f, sd %.1f", i, means[i], sds[i]);
  }
  for (guint i = 0; i < bands->len; i++)
    for (guint j = i + 1; j < bands->len; j++) {
      gboolean lightness = fabs(means[i] - means[j]) >= 20;
      gboolean texture = fabs(sds[i] - sds[j]) >= 12;
      if (!lightness && !texture)
        g_error("phases %u and %u look alike in greyscale: mean %.0f/%.0f, sd %.0f/%.0f", i, j, means[i], means[j],
                sds[i], sds[j]);
    }
  cairo_surface_destroy(png);
  g_array_free(bands, TRUE);
  lp_book_free(book);
}

/* No stroked line (an axis, a tick, a tick's stroke down to a stepped-down
 * label, a marker) runs through a label: checked on the straight segments of
 * every stroked path against the ink box of every glyph run, on every page of
 * every language's leaflet, large-print leaflet and card. */
static guint lines_clear(const LpPage *page, const char *what, guint n) {
  GArray *inks = g_array_new(FALSE, FALSE, sizeof(LpRect));
  GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind == LP_ITEM_GLYPHS) {
      LpRect r;
      lp_glyph_run_extents(&it->glyphs, &r);
      g_array_append_val(inks, r);
      g_ptr_array_add(texts, g_strndup(it->glyphs.text, it->glyphs.text_len));
    }
  }
  /* No text runs into other text on its line (tick labels in their rows,
   * above all). Lines above one another may share a sliver of their ink
   * boxes (an Arabic mark over a letter, a descender above it): what counts
   * is runs that share most of their height. */
  for (guint a = 0; a < inks->len; a++)
    for (guint b = a + 1; b < inks->len; b++) {
      const LpRect *r = &g_array_index(inks, LpRect, a), *q = &g_array_index(inks, LpRect, b);
      double across = MIN(r->x + r->w, q->x + q->w) - MAX(r->x, q->x);
      double down = MIN(r->y + r->h, q->y + q->h) - MAX(r->y, q->y);
      if (across > 0.6 && down > 0.4 * MIN(r->h, q->h))
        g_error("%s, page %u: '%s' at (%.1f, %.1f, %.1f x %.1f) runs into '%s' at (%.1f, %.1f, %.1f x %.1f)", what,
                n + 1, (char *)g_ptr_array_index(texts, a), r->x, r->y, r->w, r->h,
                (char *)g_ptr_array_index(texts, b), q->x, q->y, q->w, q->h);
    }
  guint segments = 0;
  for (guint i = 0; i < lp_page_n_items(page); i++) {
    const LpItem *it = lp_page_item(page, i);
    if (it->kind != LP_ITEM_PATH || !it->path.stroke)
      continue;
    cairo_path_t *p = it->path.path;
    double cx = 0, cy = 0;
    for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
      const cairo_path_data_t *d = &p->data[k];
      if (d->header.type == CAIRO_PATH_MOVE_TO || d->header.type == CAIRO_PATH_CURVE_TO) {
        int last = d->header.type == CAIRO_PATH_MOVE_TO ? 1 : 3;
        cx = d[last].point.x, cy = d[last].point.y;
        continue;
      }
      if (d->header.type != CAIRO_PATH_LINE_TO)
        continue;
      double x1 = d[1].point.x, y1 = d[1].point.y, len = hypot(x1 - cx, y1 - cy);
      segments++;
      for (double t = 0; t <= len; t += 0.25) {
        double x = cx + (x1 - cx) * t / MAX(len, 1e-9), y = cy + (y1 - cy) * t / MAX(len, 1e-9);
        for (guint g = 0; g < inks->len; g++) {
          const LpRect *r = &g_array_index(inks, LpRect, g);
          if (x > r->x + 0.3 && x < r->x + r->w - 0.3 && y > r->y + 0.3 && y < r->y + r->h - 0.3)
            g_error("%s, page %u: a line from (%.1f, %.1f) to (%.1f, %.1f) runs through text at (%.1f, %.1f)", what,
                    n + 1, cx, cy, x1, y1, r->x, r->y);
        }
      }
      cx = x1, cy = y1;
    }
  }
  g_array_free(inks, TRUE);
  g_ptr_array_free(texts, TRUE);
  return segments;
}

static void test_lines_clear_labels(void) {
  static const char *const langs[] = {"en", "tr", "de", "ar", "ru", "fr", "es", NULL};
  static const char *const layouts[] = {"layouts/a4-leaflet.yaml", "layouts/a4-large-print.yaml",
                                        "layouts/a5-card.yaml", NULL};
  guint segments = 0;
  for (const char *const *l = langs; *l; l++)
    for (const char *const *lay = layouts; *lay; lay++) {
      char *article = g_strdup_printf("text/botox-headache/%s.md", *l);
      char *what = g_strdup_printf("%s with %s", article, *lay);
      LpBook *book = lp_test_layout(article, *lay);
      for (guint p = 0; p < lp_book_n_pages(book); p++)
        segments += lines_clear(lp_book_page(book, p), what, p);
      lp_book_free(book);
      g_free(what);
      g_free(article);
    }
  /* Axes, ticks and markers of 21 diagrams at least. */
  g_assert_cmpuint(segments, >, 21 * 6);
}

/* The article's timeline with ticks at 0, 12 h, 1 d, 3 d, 1 w, 2 w and 3 w (or
 * `extra` more): their labels crowd the start of the axis. */
static char *crowded_article(const char *name, const char *extra) {
  char *src = lp_test_source("text/botox-headache/en.md"), *text;
  g_assert_true(g_file_get_contents(src, &text, NULL, NULL));
  GString *s = g_string_new(text);
  const char *at = strstr(s->str, "  - {at: 1d, label: Day 1}\n");
  g_assert_nonnull(at);
  char *ticks = g_strconcat("  - {at: 12h, label: 12 hours}\n", extra, NULL);
  g_string_insert(s, at - s->str, ticks);
  at = strstr(s->str, "  - {at: 1w, label: Week 1}\n");
  g_string_insert(s, at - s->str, "  - {at: 3d, label: Day 3}\n");
  char *path = lp_test_write(name, s->str);
  g_string_free(s, TRUE);
  g_free(ticks);
  g_free(text);
  g_free(src);
  return path;
}

/* lines_clear on every page of `article` in every layout that draws the diagram. */
static void every_page_clear(const char *article) {
  static const char *const layouts[] = {"layouts/a4-leaflet.yaml", "layouts/a4-large-print.yaml",
                                        "layouts/a5-card.yaml", NULL};
  for (const char *const *lay = layouts; *lay; lay++) {
    LpBook *book = lp_test_layout(article, *lay);
    for (guint p = 0; p < lp_book_n_pages(book); p++)
      lines_clear(lp_book_page(book, p), *lay, p);
    lp_book_free(book);
  }
}

/* The card of `article` fails with `fragment` at column 5 of the line where
 * `at` stands in it. */
static void card_fails_at(const char *article, const char *at, const char *fragment) {
  GError *err = NULL;
  g_assert_null(lp_test_layout_or_error(article, "layouts/a5-card.yaml", &err));
  char *text;
  g_assert_true(g_file_get_contents(article, &text, NULL, NULL));
  int line = 1;
  for (const char *c = text; c < strstr(text, at); c++)
    line += *c == '\n';
  lp_test_assert_error(err, LP_EXIT_INPUT, article, line, 5, fragment);
  g_clear_error(&err);
  g_free(text);
}

/* The article with its markers replaced by `markers` (YAML list items). */
static char *markers_article(const char *name, const char *markers) {
  char *src = lp_test_source("text/botox-headache/en.md"), *text;
  g_assert_true(g_file_get_contents(src, &text, NULL, NULL));
  GString *s = g_string_new(text);
  const char *old = "  - {at: 2w, label: relieved}\n";
  const char *at = strstr(s->str, old);
  g_assert_nonnull(at);
  gssize pos = at - s->str;
  g_string_erase(s, pos, (gssize)strlen(old));
  g_string_insert(s, pos, markers);
  char *path = lp_test_write(name, s->str);
  g_string_free(s, TRUE);
  g_free(text);
  g_free(src);
  return path;
}

/* Marker labels close together stack in rows above the plot, never over one
 * another, and their lines run through no label; too many for three rows is
 * an error at the marker that finds no room. */
static void test_crowded_markers(void) {
  char *path = markers_article("markers/botox-headache/en.md",
                               "  - {at: 3d, label: soreness gone}\n  - {at: 2w, label: relieved}\n"
                               "  - {at: 15d, label: usually gone}\n");
  every_page_clear(path);
  char *many = markers_article("many-markers/botox-headache/en.md",
                               "  - {at: 1w, label: first marker}\n  - {at: 8d, label: second marker}\n"
                               "  - {at: 9d, label: third marker}\n  - {at: 10d, label: fourth marker}\n");
  card_fails_at(many, "{at: 10d", "the label 'fourth marker' runs into the others");
  g_free(many);
  g_free(path);
}

/* Crowded tick labels step down into as many rows as they need (up to three)
 * and never run into each other; with a treatment date, each carries its date
 * too. Where three rows are not enough, the build fails at the tick. */
static void test_crowded_ticks(void) {
  char *path = crowded_article("crowded/botox-headache/en.md", "");
  every_page_clear(path);
  char *too_many = crowded_article("too-many/botox-headache/en.md",
                                   "  - {at: 14h, label: 14 hours}\n  - {at: 16h, label: 16 hours}\n"
                                   "  - {at: 18h, label: 18 hours}\n");
  /* The first tick that finds no room, at its line in the article. */
  card_fails_at(too_many, "{at: 16h", "the label '16 hours' runs into its neighbours");
  g_free(too_many);
  g_free(path);
}

/* Mirrored for right-to-left languages: time runs from right to left. */
static void test_rtl_mirrors(void) {
  char *src = lp_test_source("text/botox-headache/en.md");
  char *text;
  g_assert_true(g_file_get_contents(src, &text, NULL, NULL));
  GRegex *re = g_regex_new("^lang: en$", G_REGEX_MULTILINE, 0, NULL);
  /* Arabic metadata over English words: enough to flip the direction. */
  char *ar = g_regex_replace_literal(re, text, -1, 0, "lang: ar", 0, NULL);
  char *path = lp_test_write("rtl/botox-headache/ar.md", ar);
  LpBook *ltr = lp_test_layout("text/botox-headache/en.md", "layouts/a5-card.yaml");
  LpBook *rtl = lp_test_layout(path, "layouts/a5-card.yaml");
  GArray *a = band_boxes(lp_book_page(ltr, 1)), *b = band_boxes(lp_book_page(rtl, 1));
  double w = lp_page_width(lp_book_page(ltr, 1));
  g_assert_cmpuint(a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++) {
    Box l = g_array_index(a, Box, i), r = g_array_index(b, Box, i);
    g_assert_cmpfloat_with_epsilon(l.x0, w - r.x1, 0.5);
    g_assert_cmpfloat_with_epsilon(l.x1, w - r.x0, 0.5);
  }
  g_array_free(a, TRUE);
  g_array_free(b, TRUE);
  lp_book_free(ltr);
  lp_book_free(rtl);
  g_regex_unref(re);
  g_free(ar);
  g_free(text);
  g_free(path);
  g_free(src);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/timeline/reads", test_reads);
  g_test_add_func("/timeline/errors", test_errors);
  g_test_add_func("/timeline/second-block", test_second_block);
  g_test_add_func("/timeline/durations", test_durations);
  g_test_add_func("/timeline/scale", test_scale);
  g_test_add_func("/timeline/dates", test_dates);
  g_test_add_func("/timeline/diagram-pixels", test_diagram_pixels);
  g_test_add_func("/timeline/rtl-mirrors", test_rtl_mirrors);
  g_test_add_func("/timeline/lines-clear-labels", test_lines_clear_labels);
  g_test_add_func("/timeline/crowded-ticks", test_crowded_ticks);
  g_test_add_func("/timeline/crowded-markers", test_crowded_markers);
  return g_test_run();
}
