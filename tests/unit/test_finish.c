/* The finish stage (finish/finish.c) on PDFs made here with cairo: print boxes
 * on pages of different sizes, the CMYK output intent (reachable from the
 * command line only with the haru writer), every --allow permission, the date
 * form, and its errors. The end-to-end side is tests/e2e/test_print.sh. */
#include <cairo-pdf.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#include "finish/finish.h"
#include "testutil.h"

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of n pages of the given sizes (pt), each with a filled square. */
static GBytes *make_pdf(const double sizes[][2], int n, const char *title) {
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, buf, sizes[0][0], sizes[0][1]);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-01T00:00:00Z");
  cairo_t *cr = cairo_create(s);
  for (int i = 0; i < n; i++) {
    cairo_pdf_surface_set_size(s, sizes[i][0], sizes[i][1]);
    cairo_rectangle(cr, 50, 50, 20, 20);
    cairo_fill(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  return g_byte_array_free_to_bytes(buf);
}

static GBytes *finish_ok(GBytes *pdf, const LpFinishOptions *opt) {
  GError *err = NULL;
  GBytes *out = lp_finish_pdf(pdf, opt, &err);
  g_assert_no_error(err);
  g_assert_nonnull(out);
  return out;
}

static qpdf_data open_pdf(GBytes *pdf) {
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  gsize len;
  const char *data = g_bytes_get_data(pdf, &len);
  qpdf_read_memory(q, "test", data, len, "");
  g_assert_false(qpdf_has_error(q));
  return q;
}

static void assert_box(qpdf_data q, qpdf_oh page, const char *key, double x0, double y0, double x1, double y1) {
  qpdf_oh box = qpdf_oh_get_key(q, page, key);
  g_assert_true(qpdf_oh_is_array(q, box));
  g_assert_cmpint(qpdf_oh_get_array_n_items(q, box), ==, 4);
  double want[4] = {x0, y0, x1, y1};
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon(qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, box, i)), want[i], 1e-3);
}

static void test_boxes_per_page(void) {
  /* Trimmed pages 300 x 400 and 500 x 200, grown by bleed 5 and slug 20. */
  const double sizes[][2] = {{350, 450}, {550, 250}};
  GBytes *pdf = make_pdf(sizes, 2, "Boxes");
  LpFinishOptions opt = {.bleed = 5, .slug = 20};
  GBytes *out = finish_ok(pdf, &opt);
  qpdf_data q = open_pdf(out);
  g_assert_cmpint(qpdf_get_num_pages(q), ==, 2);
  qpdf_oh p1 = qpdf_get_page_n(q, 0), p2 = qpdf_get_page_n(q, 1);
  assert_box(q, p1, "/MediaBox", 0, 0, 350, 450);
  assert_box(q, p1, "/TrimBox", 25, 25, 325, 425);
  assert_box(q, p1, "/BleedBox", 20, 20, 330, 430);
  assert_box(q, p2, "/MediaBox", 0, 0, 550, 250);
  assert_box(q, p2, "/TrimBox", 25, 25, 525, 225);
  assert_box(q, p2, "/BleedBox", 20, 20, 530, 230);
  qpdf_cleanup(&q);
  g_bytes_unref(out);
  /* Without bleed or slug, no print boxes. */
  LpFinishOptions none = {0};
  out = finish_ok(pdf, &none);
  q = open_pdf(out);
  g_assert_false(qpdf_oh_has_key(q, qpdf_get_page_n(q, 0), "/TrimBox"));
  g_assert_false(qpdf_oh_has_key(q, qpdf_get_page_n(q, 0), "/BleedBox"));
  qpdf_cleanup(&q);
  g_bytes_unref(out);
  g_bytes_unref(pdf);
}

/* The info dates in the form ISO 32000-1 wants, from the book's date. */
static void test_dates(void) {
  const double sizes[][2] = {{200, 200}};
  GBytes *pdf = make_pdf(sizes, 1, "Dates");
  LpBookInfo info = {.date = "2023-11-14T22:13:20Z"};
  LpFinishOptions opt = {.info = &info};
  GBytes *out = finish_ok(pdf, &opt);
  qpdf_data q = open_pdf(out);
  qpdf_oh dict = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
  g_assert_cmpstr(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, dict, "/CreationDate")), ==, "D:20231114221320Z");
  g_assert_cmpstr(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, dict, "/ModDate")), ==, "D:20231114221320Z");
  qpdf_cleanup(&q);
  g_bytes_unref(out);
  g_bytes_unref(pdf);
}

static char *stream_text(qpdf_data q, qpdf_oh stream, enum qpdf_stream_decode_level_e level, gsize *len) {
  unsigned char *buf = NULL;
  size_t n = 0;
  g_assert_cmpint(qpdf_oh_get_stream_data(q, stream, level, NULL, &buf, &n) & QPDF_ERRORS, ==, 0);
  /* Binary data (a profile) or text: keep every byte, and end with a NUL. */
  char *copy = g_malloc(n + 1);
  memcpy(copy, buf, n);
  copy[n] = 0;
  free(buf);
  if (len)
    *len = n;
  return copy;
}

/* --pdfa --cmyk: a CMYK output profile (/N 4), the one from libgs-common, and
 * an XMP packet that parses as XML with the title's special characters
 * escaped. */
static void test_pdfa_cmyk(void) {
  const char *profile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";
  const double sizes[][2] = {{200, 200}};
  GBytes *pdf = make_pdf(sizes, 1, "Botox & headache <x>");
  LpBookInfo info = {.title = "Botox & headache <x>", .lang = "de", .date = "2026-11-01T00:00:00Z"};
  LpFinishOptions opt = {.info = &info, .pdfa = TRUE, .cmyk = TRUE};
  GBytes *out = finish_ok(pdf, &opt);
  qpdf_data q = open_pdf(out);
  g_assert_cmpstr(qpdf_get_pdf_version(q), ==, "1.7");
  qpdf_oh root = qpdf_get_root(q);
  qpdf_oh intents = qpdf_oh_get_key(q, root, "/OutputIntents");
  g_assert_cmpint(qpdf_oh_get_array_n_items(q, intents), ==, 1);
  qpdf_oh intent = qpdf_oh_get_array_item(q, intents, 0);
  g_assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, intent, "/S"), "/GTS_PDFA1"));
  qpdf_oh icc = qpdf_oh_get_key(q, intent, "/DestOutputProfile");
  g_assert_true(qpdf_oh_is_stream(q, icc));
  g_assert_cmpint(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, icc), "/N")), ==, 4);
  gsize len;
  char *data = stream_text(q, icc, qpdf_dl_generalized, &len);
  char *want;
  gsize want_len;
  g_assert_true(g_file_get_contents(profile, &want, &want_len, NULL));
  g_assert_cmpmem(data, len, want, want_len);
  g_free(want);
  g_free(data);
  qpdf_oh meta = qpdf_oh_get_key(q, root, "/Metadata");
  g_assert_false(qpdf_oh_has_key(q, qpdf_oh_get_dict(q, meta), "/Filter"));
  char *xmp = stream_text(q, meta, qpdf_dl_none, NULL);
  GMarkupParser parser = {0};
  GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, NULL, NULL);
  GError *err = NULL;
  g_assert_true(g_markup_parse_context_parse(ctx, xmp, -1, &err) && g_markup_parse_context_end_parse(ctx, &err));
  g_assert_no_error(err);
  g_markup_parse_context_free(ctx);
  g_assert_nonnull(strstr(xmp, "<rdf:li xml:lang=\"de\">Botox &amp; headache &lt;x&gt;</rdf:li>"));
  g_assert_nonnull(strstr(xmp, "<xmp:CreateDate>2026-11-01T00:00:00Z</xmp:CreateDate>"));
  g_free(xmp);
  qpdf_cleanup(&q);
  g_bytes_unref(out);
  g_bytes_unref(pdf);
}

/* Each --allow word turns on its permission and no other; extraction for
 * accessibility is always allowed. */
static void test_permissions(void) {
  const double sizes[][2] = {{200, 200}};
  GBytes *pdf = make_pdf(sizes, 1, "Locked");
  const guint cases[] = {0,
                         LP_ALLOW_PRINT,
                         LP_ALLOW_COPY,
                         LP_ALLOW_MODIFY,
                         LP_ALLOW_ANNOTATE,
                         LP_ALLOW_FORMS,
                         LP_ALLOW_ASSEMBLE,
                         LP_ALLOW_ACCESSIBILITY,
                         LP_ALLOW_PRINT | LP_ALLOW_COPY | LP_ALLOW_MODIFY | LP_ALLOW_ANNOTATE | LP_ALLOW_FORMS |
                             LP_ALLOW_ASSEMBLE};
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    guint a = cases[i];
    LpFinishOptions opt = {.owner_password = "owner", .allow = a};
    GBytes *out = finish_ok(pdf, &opt);
    qpdf_data q = open_pdf(out);
    g_assert_true(qpdf_is_encrypted(q));
    qpdf_oh encrypt = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Encrypt");
    g_assert_cmpint(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, encrypt, "/R")), ==, 6); /* AES-256 */
    g_assert_cmpint(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, encrypt, "/V")), ==, 5);
    g_assert_true(qpdf_allow_accessibility(q));
    g_assert_cmpint(qpdf_allow_print_high_res(q), ==, (a & LP_ALLOW_PRINT) != 0);
    g_assert_cmpint(qpdf_allow_print_low_res(q), ==, (a & LP_ALLOW_PRINT) != 0);
    g_assert_cmpint(qpdf_allow_extract_all(q), ==, (a & LP_ALLOW_COPY) != 0);
    g_assert_cmpint(qpdf_allow_modify_other(q), ==, (a & LP_ALLOW_MODIFY) != 0);
    g_assert_cmpint(qpdf_allow_modify_annotation(q), ==, (a & LP_ALLOW_ANNOTATE) != 0);
    g_assert_cmpint(qpdf_allow_modify_form(q), ==, (a & LP_ALLOW_FORMS) != 0); /* bit 9 */
    g_assert_cmpint(qpdf_allow_modify_assembly(q), ==, (a & LP_ALLOW_ASSEMBLE) != 0);
    qpdf_cleanup(&q);
    g_bytes_unref(out);
  }
  g_bytes_unref(pdf);
}

static void test_errors(void) {
  GError *err = NULL;
  GBytes *junk = g_bytes_new_static("not a PDF", 9);
  LpFinishOptions opt = {0};
  g_assert_null(lp_finish_pdf(junk, &opt, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_IO);
  g_assert_nonnull(strstr(err->message, "internal error finishing the PDF (read)"));
  g_clear_error(&err);
  g_bytes_unref(junk);
  /* The command line refuses the combination; the finish stage refuses it too. */
  const double sizes[][2] = {{200, 200}};
  GBytes *pdf = make_pdf(sizes, 1, "Both");
  LpFinishOptions both = {.pdfa = TRUE, .owner_password = "owner"};
  g_assert_null(lp_finish_pdf(pdf, &both, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_IO);
  g_clear_error(&err);
  g_bytes_unref(pdf);
}

/* Artifacts (finish/artifact.h): a tagged page whose content is replaced by
 * one made here, with "/Private << /MCID 1 >> BDC" also where it is no
 * operator (a string, a comment, inline image data): only the real one
 * becomes /Artifact BMC, and the Private element leaves the structure tree
 * and the parent tree. */
static void test_artifacts(void) {
  GByteArray *buf = g_byte_array_new();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, buf, 200, 200);
  cairo_t *cr = cairo_create(s);
  cairo_tag_begin(cr, "P", NULL);
  cairo_rectangle(cr, 10, 10, 20, 20);
  cairo_fill(cr);
  cairo_tag_end(cr, "P");
  cairo_tag_begin(cr, LP_WRITE_ARTIFACT_ROLE, NULL);
  cairo_rectangle(cr, 50, 50, 20, 20);
  cairo_fill(cr);
  cairo_tag_end(cr, LP_WRITE_ARTIFACT_ROLE);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  GBytes *pdf = g_byte_array_free_to_bytes(buf);

  qpdf_data q = open_pdf(pdf);
  static const char content[] =
      "/P << /MCID 0 >> BDC 10 10 20 20 re f EMC\n"
      "% /Private << /MCID 1 >> BDC in a comment\n"
      "BT (/Private << /MCID 1 >> BDC \\) in a string) Tj ET\n"
      "BI /W 1 /H 1 /BPC 8 /CS /G ID \x01/Private << /MCID 1 >> BDC EI\n"
      "/Private<</MCID 1>>BDC 50 50 20 20 re f EMC\n";
  qpdf_oh page = qpdf_get_page_n(q, 0);
  qpdf_oh_replace_stream_data(q, qpdf_oh_get_key(q, page, "/Contents"), (const unsigned char *)content,
                              sizeof content - 1, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
  qpdf_init_write_memory(q);
  qpdf_write(q);
  g_assert_false(qpdf_has_error(q));
  GBytes *edited = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
  qpdf_cleanup(&q);

  LpFinishOptions opt = {.tagged = TRUE, .repairs = LP_REPAIR_STRUCTURE | LP_REPAIR_ARTIFACTS};
  GBytes *out = finish_ok(edited, &opt);
  q = open_pdf(out);
  page = qpdf_get_page_n(q, 0);
  char *text = stream_text(q, qpdf_oh_get_key(q, page, "/Contents"), qpdf_dl_generalized, NULL);
  g_assert_nonnull(strstr(text, "/P << /MCID 0 >> BDC 10 10 20 20 re f EMC"));
  g_assert_nonnull(strstr(text, "% /Private << /MCID 1 >> BDC in a comment"));
  g_assert_nonnull(strstr(text, "(/Private << /MCID 1 >> BDC \\) in a string)"));
  g_assert_nonnull(strstr(text, "ID \x01/Private << /MCID 1 >> BDC EI"));
  g_assert_nonnull(strstr(text, "/Artifact BMC 50 50 20 20 re f EMC"));
  g_assert_null(strstr(text, "/Private<<"));
  g_free(text);
  /* The tree: Document › P, no Private; the parent tree's MCID 1 is null. */
  qpdf_oh tree = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
  qpdf_oh doc = qpdf_oh_get_key(q, tree, "/K");
  g_assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, doc, "/S"), "/Document"));
  qpdf_oh kids = qpdf_oh_get_key(q, doc, "/K");
  g_assert_cmpint(qpdf_oh_get_array_n_items(q, kids), ==, 1);
  g_assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, kids, 0), "/S"), "/P"));
  qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, tree, "/ParentTree"), "/Nums");
  qpdf_oh mcids = qpdf_oh_get_array_item(q, nums, 1);
  g_assert_true(qpdf_oh_is_dictionary(q, qpdf_oh_get_array_item(q, mcids, 0)));
  g_assert_true(qpdf_oh_is_null(q, qpdf_oh_get_array_item(q, mcids, 1)));
  /* PDF/UA's page and document entries. */
  g_assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, page, "/Tabs"), "/S"));
  char *xmp = stream_text(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/Metadata"), qpdf_dl_none, NULL);
  g_assert_nonnull(strstr(xmp, "<pdfuaid:part>1</pdfuaid:part>"));
  g_assert_null(strstr(xmp, "pdfaid:part"));
  g_free(xmp);
  qpdf_cleanup(&q);
  g_bytes_unref(out);
  g_bytes_unref(edited);
  g_bytes_unref(pdf);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/finish/boxes-per-page", test_boxes_per_page);
  g_test_add_func("/finish/dates", test_dates);
  g_test_add_func("/finish/pdfa-cmyk", test_pdfa_cmyk);
  g_test_add_func("/finish/permissions", test_permissions);
  g_test_add_func("/finish/errors", test_errors);
  g_test_add_func("/finish/artifacts", test_artifacts);
  return g_test_run();
}
