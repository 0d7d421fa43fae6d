/* The front desk's parts without HTTP: form bodies (URL-encoded, multipart,
 * text only), upload names without folders, and a card and a list built by
 * serve/desk.h on the source tree, with notes on the right fields. */
#include <string.h>

#include "serve/desk.h"
#include "serve/form.h"
#include "testutil.h"

static void test_safe_name(void) {
  const char *cases[][2] = {
      {"today.csv", "today.csv"},
      {"/etc/passwd", "passwd"},
      {"C:\\Users\\desk\\heute.csv", "heute.csv"},
      {"../../x.csv", "x.csv"},
      {"..", "list.csv"},
      {"", "list.csv"},
      {"a\nb\tc.csv", "abc.csv"},
      {"d:e.csv", "de.csv"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *got = lp_serve_safe_name(cases[i][0]);
    g_assert_cmpstr(got, ==, cases[i][1]);
    g_free(got);
  }
  char *bad = lp_serve_safe_name("\xff\xfe.csv");
  g_assert_cmpstr(bad, ==, "list.csv");
  g_free(bad);
}

static LpServeForm *parse(const char *type, const char *body, gsize len, GError **err) {
  SoupMessageHeaders *h = soup_message_headers_new(SOUP_MESSAGE_HEADERS_REQUEST);
  if (type)
    soup_message_headers_replace(h, "Content-Type", type);
  GBytes *b = g_bytes_new(body, len);
  LpServeForm *f = lp_serve_form_parse(h, b, err);
  g_bytes_unref(b);
  soup_message_headers_unref(h);
  return f;
}

static void test_urlencoded(void) {
  const char *body = "name=J%C3%B6rg+M%C3%BCller&date=2026-11-30&lang=de";
  GError *err = NULL;
  LpServeForm *f = parse("application/x-www-form-urlencoded", body, strlen(body), &err);
  g_assert_no_error(err);
  g_assert_cmpstr(lp_serve_form_get(f, "name"), ==, "Jörg Müller");
  g_assert_cmpstr(lp_serve_form_get(f, "date"), ==, "2026-11-30");
  g_assert_null(lp_serve_form_get(f, "kind"));
  lp_serve_form_free(f);
  /* Bytes that are not UTF-8 are refused, whole. */
  const char *latin = "name=J%F6rg";
  g_assert_null(parse("application/x-www-form-urlencoded", latin, strlen(latin), &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_USAGE);
  g_clear_error(&err);
  g_assert_null(parse("application/json", "{}", 2, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_USAGE);
  g_clear_error(&err);
}

static void test_multipart(void) {
  const char *body = "--XX\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nde\r\n"
                     "--XX\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"../dir/heute.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\nName;Datum\r\nJ\xf6rg;30.11.2026\r\n\r\n--XX--\r\n";
  GError *err = NULL;
  LpServeForm *f = parse("multipart/form-data; boundary=XX", body, strlen(body), &err);
  g_assert_no_error(err);
  g_assert_cmpstr(lp_serve_form_get(f, "lang"), ==, "de");
  const char *name = NULL;
  GBytes *csv = lp_serve_form_file(f, "csv", &name);
  g_assert_nonnull(csv);
  g_assert_cmpstr(name, ==, "heute.csv");
  /* The file is bytes as sent (Windows-1252 here): the CSV reader decides. */
  g_assert_cmpuint(g_bytes_get_size(csv), ==, strlen("Name;Datum\r\nJ\xf6rg;30.11.2026\r\n"));
  lp_serve_form_free(f);
  g_assert_null(parse("multipart/form-data; boundary=XX", "garbage", 7, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_USAGE);
  g_clear_error(&err);
}

static LpServeCatalog *cat;
static LpCtx *cat_ctx;

static LpServeCatalog *catalog(void) {
  if (!cat) {
    GError *err = NULL;
    cat_ctx = lp_ctx_new_child(lp_engine_ctx(lp_test_engine()));
    cat = lp_serve_catalog_new(lp_test_engine(), cat_ctx, &err);
    g_assert_no_error(err);
  }
  return cat;
}

static void test_card(void) {
  LpServeCatalog *c = catalog();
  const LpServeArticle *a = lp_serve_catalog_find(c, "botox-headache");
  g_assert_nonnull(a);
  g_assert_cmpstr(lp_serve_article_lang(a, "ar")->name, ==, "العربية");
  g_assert_true(lp_serve_article_lang(a, "ar")->rtl);
  g_assert_cmpstr(((LpServeTranslation *)g_ptr_array_index(a->translations, 0))->lang, ==, "en");
  LpServeCardForm form = {NULL, "card", "tr", "Ayşe Yılmaz", "2026-11-30"};
  LpServeOut out;
  g_assert_true(lp_serve_card(lp_test_engine(), c, &form, TRUE, &out));
  g_assert_nonnull(out.pdf);
  g_assert_cmpuint(out.pngs->len, ==, 2);
  g_assert_cmpstr(out.filename, ==, "card-tr-2026-11-30.pdf");
  lp_serve_out_clear(&out);
  /* Each problem on its field, several at once. */
  LpServeCardForm bad = {NULL, "card", "tr", "A\xe2\x80\xae", "2026-13-01"};
  g_assert_false(lp_serve_card(lp_test_engine(), c, &bad, FALSE, &out));
  g_assert_nonnull(lp_serve_notes_find(out.notes, "name"));
  g_assert_cmpstr(lp_serve_notes_find(out.notes, "date"), ==, "2026-13-01 is not a day of the calendar");
  g_assert_null(out.pdf);
  lp_serve_out_clear(&out);
  LpServeCardForm kind = {NULL, "poster", "tr", "", ""};
  g_assert_false(lp_serve_card(lp_test_engine(), c, &kind, FALSE, &out));
  g_assert_nonnull(lp_serve_notes_find(out.notes, "kind"));
  lp_serve_out_clear(&out);
}

/* What the project's layouts make, each with how to print it; the duplex
 * edge is the engine's default for the sheet as the grid turns it. */
static void test_kinds(void) {
  LpServeCatalog *c = catalog();
  for (int k = 0; k < LP_SERVE_N_KINDS; k++) {
    LpServeKind back;
    g_assert_true(lp_serve_kind_parse(lp_serve_kind_id((LpServeKind)k), &back));
    g_assert_cmpint(back, ==, k);
    g_assert_true(lp_serve_catalog_offers(c, (LpServeKind)k));
  }
  g_assert_true(lp_serve_catalog_patient(c, LP_SERVE_A6_A4));
  g_assert_false(lp_serve_catalog_patient(c, LP_SERVE_TRIFOLD));
  g_assert_true(g_str_has_prefix(lp_serve_catalog_how(c, LP_SERVE_CARD_A4), "Print on A4 paper on both sides"));
  g_assert_nonnull(strstr(lp_serve_catalog_how(c, LP_SERVE_CARD_A4), "flip on the short edge"));
  g_assert_nonnull(strstr(lp_serve_catalog_how(c, LP_SERVE_A6_A4), "flip on the long edge"));
  g_assert_nonnull(strstr(lp_serve_catalog_how(c, LP_SERVE_CARD), "A5 paper"));
  g_assert_null(strstr(lp_serve_catalog_how(c, LP_SERVE_BOOKLET), "flip"));
  /* Two cards on one A4 sheet: one sheet, front and back, landscape. */
  LpServeCardForm form = {NULL, "card-a4", "de", "Anna", "2026-11-30"};
  LpServeOut out;
  g_assert_true(lp_serve_card(lp_test_engine(), c, &form, TRUE, &out));
  g_assert_cmpuint(out.pngs->len, ==, 2);
  g_assert_cmpint(out.kind, ==, LP_SERVE_CARD_A4);
  g_assert_cmpstr(out.filename, ==, "card-a4-de-2026-11-30.pdf");
  lp_serve_out_clear(&out);
}

static void test_list(void) {
  const char *csv = "Patient;Termin\r\nJ\xf6rg;30.11.2026\r\nZoe;31.11.2026\r\nEva;01.12.2026\r\n";
  GBytes *b = g_bytes_new_static(csv, strlen(csv));
  LpServeListForm form = {.lang = "de", .csv = b, .csv_name = "heute.csv", .all = TRUE};
  LpServeList list;
  g_assert_true(lp_serve_list(lp_test_engine(), catalog(), &form, &list));
  g_assert_cmpuint(list.rows, ==, 3);
  g_assert_cmpuint(list.good, ==, 2);
  g_assert_cmpstr(g_ptr_array_index(list.targets, 0), ==, "patient.name");
  g_assert_cmpstr(g_ptr_array_index(list.targets, 1), ==, "treatment_date");
  g_assert_cmpint(list.separator, ==, ';');
  g_assert_cmpuint(list.row_errors->len, ==, 1);
  g_assert_true(g_str_has_prefix(g_ptr_array_index(list.row_errors, 0), "heute.csv:3:5: column 2 (Termin"));
  g_assert_nonnull(list.out.pdf);
  /* The map offers what --column takes, but not a file of the server. */
  gboolean phone = FALSE, logo = FALSE;
  for (guint i = 0; i < list.choices->len; i++) {
    phone |= strcmp(g_ptr_array_index(list.choices, i), "clinic.phone") == 0;
    logo |= strcmp(g_ptr_array_index(list.choices, i), "clinic.logo") == 0;
  }
  g_assert_true(phone);
  g_assert_false(logo);
  g_assert_cmpstr(g_ptr_array_index(list.choices, 0), ==, "patient.name");
  lp_serve_list_clear(&list);
  /* The same two cards on one A4 sheet. */
  LpServeListForm sheets = {.lang = "de", .csv = b, .csv_name = "heute.csv", .all = TRUE, .sheets = TRUE};
  g_assert_true(lp_serve_list(lp_test_engine(), catalog(), &sheets, &list));
  g_assert_nonnull(list.out.pdf);
  g_assert_cmpstr(list.out.filename, ==, "cards-2-a4.pdf");
  lp_serve_list_clear(&list);
  /* A map that fills one value twice: the command line's error, at the column. */
  const char *const map[] = {"patient.name", "patient.name"};
  LpServeListForm twice = {.lang = "de", .csv = b, .csv_name = "heute.csv", .map = map, .n_map = 2};
  g_assert_false(lp_serve_list(lp_test_engine(), catalog(), &twice, &list));
  g_assert_nonnull(lp_serve_notes_find(list.out.notes, "map.1"));
  lp_serve_list_clear(&list);
  g_bytes_unref(b);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/serve/safe-name", test_safe_name);
  g_test_add_func("/serve/urlencoded", test_urlencoded);
  g_test_add_func("/serve/multipart", test_multipart);
  g_test_add_func("/serve/card", test_card);
  g_test_add_func("/serve/kinds", test_kinds);
  g_test_add_func("/serve/list", test_list);
  int rc = g_test_run();
  lp_serve_catalog_free(cat);
  if (cat_ctx)
    lp_ctx_free(cat_ctx);
  return rc;
}
