/* lp_verify: proves PDFs against the pages they were written from, outside the
 * build pipeline (which does not run the verifier yet).
 *
 *   lp_verify [options] ARTICLE LAYOUT [PDF]
 *
 * lays ARTICLE out with LAYOUT (paths in the source tree, $LP_SOURCE_DIR, as
 * the unit tests do: the example clinic, the article's date) and verifies PDF, a
 * file `leafpress build` wrote with the same options; without PDF it writes and
 * finishes the book itself, as `leafpress build` does. Options:
 *   --writer cairo|haru   the writer (default cairo)
 *   --bleed               the page grown by the layout's bleed
 *   --crop-marks          --bleed plus the slug and its crop marks
 *   --dpi N               the ink comparison's resolution (default 48)
 *   -n N                  verify N times and print the time each took (a benchmark)
 * Prints every problem, then one summary line; exits 1 if there was a problem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page/marks.h"
#include "read/layoutfile.h"
#include "testutil.h"
#include "verify/verify.h"
#include "write/writer.h"

static LpBook *layout(const char *article, const char *layoutfile, double *bleed) {
  GError *err = NULL;
  char *lpath = lp_test_source(layoutfile);
  LpLayoutSpec *spec = lp_layoutfile_read(lp_test_ctx(), lpath, &err);
  if (!spec) {
    fprintf(stderr, "lp_verify: %s\n", err->message);
    exit(2);
  }
  *bleed = spec->bleed;
  lp_layout_spec_free(spec);
  g_free(lpath);
  LpBook *book = lp_test_layout_or_error(article, layoutfile, &err);
  if (!book) {
    fprintf(stderr, "lp_verify: %s\n", err ? err->message : "layout failed");
    exit(2);
  }
  return book;
}

int main(int argc, char **argv) {
  const LpWriterClass *writer = &lp_writer_cairo;
  gboolean bleed = FALSE, marks = FALSE;
  double dpi = 48;
  int runs = 1;
  const char *pos[3] = {NULL, NULL, NULL};
  int npos = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--writer") == 0 && i + 1 < argc) {
      if (!(writer = lp_writer_find(argv[++i])))
        return 2;
    } else if (strcmp(argv[i], "--bleed") == 0) {
      bleed = TRUE;
    } else if (strcmp(argv[i], "--crop-marks") == 0) {
      bleed = marks = TRUE;
    } else if (strcmp(argv[i], "--dpi") == 0 && i + 1 < argc) {
      dpi = atof(argv[++i]);
    } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
      runs = atoi(argv[++i]);
    } else if (npos < 3) {
      pos[npos++] = argv[i];
    } else {
      return 2;
    }
  }
  if (npos < 2) {
    fprintf(stderr, "usage: lp_verify [--writer W] [--bleed|--crop-marks] [--dpi N] [-n N] ARTICLE LAYOUT [PDF]\n");
    return 2;
  }
  double layout_bleed = 0;
  LpBook *book = layout(pos[0], pos[1], &layout_bleed);
  double b = bleed ? layout_bleed : 0, slug = marks ? LP_CROP_SLUG : 0;
  if (marks)
    lp_marks_add_crop(book, layout_bleed, LP_CROP_SLUG);
  GBytes *pdf;
  if (pos[2]) {
    GError *err = NULL;
    char *data;
    gsize len;
    if (!g_file_get_contents(pos[2], &data, &len, &err)) {
      fprintf(stderr, "lp_verify: %s\n", err->message);
      return 2;
    }
    pdf = g_bytes_new_take(data, len);
  } else {
    pdf = lp_test_write_pdf(book, writer, b, slug);
  }
  LpVerifyStats st;
  LpVerifyOptions opt = {.dpi = dpi, .offset = b + slug, .bleed = layout_bleed, .writer = writer->name, .stats = &st};
  GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
  gboolean ok = TRUE;
  for (int r = 0; r < runs; r++) {
    g_ptr_array_set_size(problems, 0);
    gint64 t0 = g_get_monotonic_time();
    GError *err = NULL;
    ok = lp_verify_pdf(pdf, book, &opt, problems, &err);
    gint64 t1 = g_get_monotonic_time();
    g_clear_error(&err);
    if (runs > 1)
      printf("run %d: %.1f ms\n", r + 1, (t1 - t0) / 1000.0);
  }
  for (guint i = 0; i < problems->len; i++)
    printf("%s\n", (const char *)g_ptr_array_index(problems, i));
  printf("%s %s %s: %s, %u pages, %u lines, %u characters, %u glyphs (%u on private pixels, %u on shared, %u too "
         "faint at %.0f dpi), %u problems\n",
         pos[0], pos[1], writer->name, ok ? "verified" : "FAILED", st.pages, st.lines, st.chars, st.glyphs,
         st.glyphs_private, st.glyphs_shared, st.glyphs_faint, dpi, problems->len);
  g_ptr_array_unref(problems);
  g_bytes_unref(pdf);
  lp_book_free(book);
  return ok ? 0 : 1;
}
