/* A CFF font through the cairo writer (tool/write/cairo.c, page/font.c): cairo
 * 1.16's own CFF subsetter empties the subroutine that the outline of U+5982 如
 * calls in Noto Sans CJK SC (poppler draws nothing, MuPDF says "broken file"),
 * so the writer gives cairo a HarfBuzz subset of the glyphs used, ids kept,
 * without subroutines. Proven by reading the PDF back with the verifier; the
 * test fails without the writer's subset face. TrueType fonts are left to
 * cairo. A program of its own: see __asan_default_options. */
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <string.h>

#include "testutil.h"
#include "verify/verify.h"

#ifdef __SANITIZE_ADDRESS__
/* Full allocation stacks: cairo 1.16 leaks while it subsets a CID-keyed CFF
 * font, and tests/lsan.supp can only recognise that leak by a frame the fast
 * unwinder never reaches through libcairo. Slow, hence this test's own program. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0"; }
#endif

/* Noto Sans CJK (Debian's fonts-noto-cjk), face 2: Simplified Chinese. */
#define CJK_FILE "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define CJK_SC 2

/* A page with one run of `text` in the font, set with its cmap and advances. */
static LpBook *one_run(const char *file, int index, const char *text, double size) {
  FcPattern *pat = FcPatternBuild(NULL, FC_FILE, FcTypeString, file, FC_INDEX, FcTypeInteger, index, NULL);
  cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pat);
  FcPatternDestroy(pat);
  LpFont *font = lp_font_new(file, index, face);
  cairo_font_face_destroy(face);
  LpGlyphRun run = {0};
  run.font = font;
  run.size = size;
  run.color = lp_color_rgb_new(0, 0, 0);
  run.text = g_strdup(text);
  run.text_len = (int)strlen(text);
  cairo_glyph_t *glyphs = NULL;
  cairo_text_cluster_t *clusters = NULL;
  int n = 0, nc = 0;
  cairo_text_cluster_flags_t flags;
  g_assert_cmpint(cairo_scaled_font_text_to_glyphs(lp_font_scaled(font, size), 20, 20 + size, text, -1, &glyphs, &n,
                                                   &clusters, &nc, &flags),
                  ==, CAIRO_STATUS_SUCCESS);
  run.glyphs = g_memdup2(glyphs, sizeof *glyphs * (gsize)n);
  run.n_glyphs = n;
  run.clusters = g_memdup2(clusters, sizeof *clusters * (gsize)nc);
  run.n_clusters = nc;
  run.frame = -1;
  cairo_glyph_free(glyphs);
  cairo_text_cluster_free(clusters);
  LpBook *book = lp_book_new();
  lp_book_info(book)->lang = g_strdup("zh");
  LpPage *page = lp_page_new(40 + size * (double)g_utf8_strlen(text, -1), 40 + 1.5 * size);
  lp_page_add_glyphs(page, &run);
  lp_book_add_page(book, page);
  return book;
}

/* cairo 1.16's CFF subsetter empties the subroutine the outline of U+5982 如
 * calls in Noto Sans CJK SC: poppler draws nothing, MuPDF says "broken file".
 * The cairo writer draws CFF fonts with a HarfBuzz subset of the glyphs used,
 * ids kept, without subroutines; then it has ink and the text reads back. */
static void test_cjk_cff(void) {
  if (!g_file_test(CJK_FILE, G_FILE_TEST_IS_REGULAR)) {
    g_test_skip("needs " CJK_FILE " (Debian package fonts-noto-cjk)");
    return;
  }
  LpBook *book = one_run(CJK_FILE, CJK_SC, "如果", 24);
  const LpGlyphRun *run = &lp_page_item(lp_book_page(book, 0), 0)->glyphs;
  g_assert_true(lp_font_is_cff(run->font));
  GBytes *pdf = lp_test_write_pdf(book, &lp_writer_cairo, 0, 0);
  LpVerifyStats st;
  LpVerifyOptions opt = {.writer = "cairo", .stats = &st};
  GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
  GError *err = NULL;
  gboolean ok = lp_verify_pdf(pdf, book, &opt, problems, &err);
  for (guint i = 0; i < problems->len; i++)
    g_printerr("%s\n", (const char *)g_ptr_array_index(problems, i));
  g_assert_no_error(err);
  g_assert_true(ok);
  g_assert_cmpuint(st.glyphs, ==, 2);
  g_assert_cmpuint(st.glyphs_private, ==, 2);
  g_ptr_array_unref(problems);
  g_bytes_unref(pdf);
  lp_book_free(book);
}

/* A TrueType font is left to cairo: no subset face for it. */
static void test_truetype_not_cff(void) {
  const char *file = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  LpBook *book = one_run(file, 0, "Noto", 24);
  g_assert_false(lp_font_is_cff(lp_page_item(lp_book_page(book, 0), 0)->glyphs.font));
  lp_book_free(book);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/verify-cjk/cff", test_cjk_cff);
  g_test_add_func("/verify-cjk/truetype-not-cff", test_truetype_not_cff);
  return g_test_run();
}
