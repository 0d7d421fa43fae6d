/* The mail-merge reader (read/csv.c) on files as offices export them:
 * separators, encodings, line ends, the place of every row and field, rows
 * that fail alone; and the numeric dates of doc/units.c. */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "doc/units.h"
#include "doc/vars.h"
#include "read/csv.h"
#include "testutil.h"

#define NAME "today.csv"

/* A reader on `len` bytes of `data` (-1: a string), with `ctx` for warnings;
 * the stream owns a copy (fmemopen's own buffer, freed when it is closed). */
static LpCsv *open_bytes(LpCtx *ctx, const char *data, gssize len, const LpCsvOptions *opt, GError **err) {
  gsize n = len < 0 ? strlen(data) : (gsize)len;
  FILE *f = fmemopen(NULL, n + 1, "w+b");
  g_assert_nonnull(f);
  g_assert_cmpuint(fwrite(data, 1, n, f), ==, n);
  rewind(f);
  return lp_csv_open_stream(ctx, f, NAME, opt, err);
}

static LpCsv *open_ok(const char *data, gssize len, const LpCsvOptions *opt) {
  GError *err = NULL;
  LpCsv *csv = open_bytes(NULL, data, len, opt, &err);
  g_assert_no_error(err);
  g_assert_nonnull(csv);
  return csv;
}

static LpCsvRow *next_ok(LpCsv *csv) {
  GError *err = NULL;
  LpCsvRow *r = lp_csv_next(csv, &err);
  g_assert_no_error(err);
  g_assert_nonnull(r);
  return r;
}

static const char *field(const LpCsvRow *r, guint i) { return g_ptr_array_index(r->fields, i); }
static LpPos place(const LpCsvRow *r, guint i) { return g_array_index(r->places, LpPos, i); }

static void assert_place(const LpCsvRow *r, guint i, int line, int col) {
  LpPos p = place(r, i);
  g_assert_cmpstr(p.file, ==, NAME);
  g_assert_cmpint(p.line, ==, line);
  g_assert_cmpint(p.col, ==, col);
}

static void assert_end(LpCsv *csv) {
  GError *err = NULL;
  g_assert_null(lp_csv_next(csv, &err));
  g_assert_no_error(err);
}

static void test_separators(void) {
  struct {
    const char *data;
    char sep;
  } cases[] = {
      {"patient.name,treatment_date\nJane;Doe,2026-11-30\n", ','},
      {"patient.name;treatment_date\n\"Doe, Jane\";30.11.2026\n", ';'},
      {"patient.name\ttreatment_date\nJane Doe\t30.11.2026\n", '\t'},
      /* Quoted separators on the header line do not count. */
      {"\"a;b;c\",treatment_date,lang\nx,y,z\n", ','},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    LpCsv *csv = open_ok(cases[i].data, -1, NULL);
    g_assert_cmpint(lp_csv_separator(csv), ==, cases[i].sep);
    g_assert_cmpuint(lp_csv_header(csv)->len, ==, i == 3 ? 3 : 2);
    LpCsvRow *r = next_ok(csv);
    g_assert_null(r->error);
    g_assert_cmpuint(r->fields->len, ==, i == 3 ? 3 : 2);
    if (i == 0)
      g_assert_cmpstr(field(r, 0), ==, "Jane;Doe");
    if (i == 1)
      g_assert_cmpstr(field(r, 0), ==, "Doe, Jane");
    if (i == 2) {
      /* A tab separates; it is not a space libcsv trims. */
      g_assert_cmpstr(field(r, 1), ==, "30.11.2026");
      assert_place(r, 1, 2, 10);
    }
    lp_csv_row_free(r);
    assert_end(csv);
    lp_csv_close(csv);
  }
  /* Said, it wins over the header line. */
  LpCsvOptions semi = {.separator = ';'};
  LpCsv *csv = open_ok("a,b;c\n1,2;3\n", -1, &semi);
  g_assert_cmpuint(lp_csv_header(csv)->len, ==, 2);
  g_assert_cmpstr(g_ptr_array_index((GPtrArray *)lp_csv_header(csv), 0), ==, "a,b");
  lp_csv_close(csv);
  /* As many of two: the reader does not guess. */
  GError *err = NULL;
  g_assert_null(open_bytes(NULL, "a,b;c\n", -1, NULL, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, NAME, 1, 1, "as many ',' as ';' (1): say which");
  g_clear_error(&err);
  g_assert_cmpint(lp_csv_separator_parse("tab"), ==, '\t');
  g_assert_cmpint(lp_csv_separator_parse(";"), ==, ';');
  g_assert_cmpint(lp_csv_separator_parse("|"), ==, 0);
}

/* The line a row starts on and the place of each field, after quoted line
 * breaks, CRLF, CR alone, blank lines and lines of spaces. */
static void test_places(void) {
  const char *data = "\xEF\xBB\xBF"
                     "name,date,lang\r\n"        /* 1 */
                     "Ay\xC5\x9F" "e,2026-11-30,tr\r\n" /* 2: a two-byte letter is one column */
                     "\r\n"                      /* 3 */
                     "   \r\n"                   /* 4 */
                     "\"Anna\r\nSchmidt\",\r\n"  /* 5-6: the row ends after an empty field */
                     "\"x\",\"multi\nline\",de\n" /* 7-8 */
                     "last,1,en\r"               /* 9, CR alone */
                     "cr,2,en";                  /* 10, no line end */
  LpCsv *csv = open_ok(data, -1, NULL);
  g_assert_cmpstr(lp_csv_encoding(csv), ==, "UTF-8");
  g_assert_cmpstr(g_ptr_array_index((GPtrArray *)lp_csv_header(csv), 0), ==, "name"); /* no BOM in it */
  LpPos h = lp_csv_header_place(csv, 2);
  g_assert_cmpint(h.line, ==, 1);
  g_assert_cmpint(h.col, ==, 11);
  LpCsvRow *r = next_ok(csv);
  g_assert_cmpint(r->line, ==, 2);
  assert_place(r, 1, 2, 6);
  assert_place(r, 2, 2, 17);
  lp_csv_row_free(r);
  r = next_ok(csv);
  g_assert_cmpint(r->line, ==, 5);
  g_assert_cmpstr(field(r, 0), ==, "Anna\r\nSchmidt");
  g_assert_cmpuint(r->fields->len, ==, 2);
  assert_place(r, 1, 6, 10);
  lp_csv_row_free(r);
  r = next_ok(csv);
  g_assert_cmpint(r->line, ==, 7);
  assert_place(r, 2, 8, 7);
  lp_csv_row_free(r);
  r = next_ok(csv);
  g_assert_cmpint(r->line, ==, 9);
  lp_csv_row_free(r);
  r = next_ok(csv);
  g_assert_cmpint(r->line, ==, 10);
  g_assert_cmpstr(field(r, 0), ==, "cr");
  assert_place(r, 2, 10, 6);
  lp_csv_row_free(r);
  assert_end(csv);
  lp_csv_close(csv);
}

/* A stray quote on line 24 of 31 is line 24's error; the rows after it read
 * on (the reader once reported the last line of the chunk). */
static void test_syntax_error_line(void) {
  GString *s = g_string_new("patient.name,treatment_date\r\n");
  for (int line = 2; line <= 31; line++)
    if (line == 10)
      g_string_append(s, "\"two\r\nlines\",x\r\n"), line++;
    else if (line == 24)
      g_string_append(s, "\"Bad\"x,2026-11-28\r\n");
    else if (line == 26)
      g_string_append(s, "a\"b,2026-11-28\r\n");
    else
      g_string_append_printf(s, "P%d,2026-11-28\r\n", line);
  LpCsv *csv = open_ok(s->str, -1, NULL);
  int rows = 0, failed = 0;
  LpCsvRow *r;
  GError *err = NULL;
  while ((r = lp_csv_next(csv, &err))) {
    rows++;
    if (r->error) {
      failed++;
      if (r->line == 24)
        lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 24, 6, "text after the closing quote of a quoted field");
      else
        lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 26, 2, "a quote (\") inside a field that does not start");
    } else if (r->line > 10) {
      /* The rows after line 10's two lines still know their lines. */
      char *want = g_strdup_printf("P%d", r->line);
      g_assert_cmpstr(field(r, 0), ==, want);
      g_free(want);
    }
    lp_csv_row_free(r);
  }
  g_assert_no_error(err);
  g_assert_cmpint(rows, ==, 29);
  g_assert_cmpint(failed, ==, 2);
  lp_csv_close(csv);
  g_string_free(s, TRUE);
}

static void test_windows_1252(void) {
  /* "Jörg Müller;30.11.2026" as German Excel saves "CSV": ö, ü, € in 1252. */
  const char *data = "patient.name;treatment_date;note\n"
                     "Plain;30.11.2026;x\n"
                     "J\xF6rg M\xFCller;30.11.2026;\x80" "5\n"
                     "Bad\x81;1.12.2026;x\n"
                     "Gr\xC3\xBC\xC3\x9F" "e;1.12.2026;x\n";
  LpCtx *ctx = lp_ctx_new();
  GError *err = NULL;
  LpCsv *csv = open_bytes(ctx, data, -1, NULL, &err);
  g_assert_no_error(err);
  LpCsvRow *r = next_ok(csv);
  g_assert_cmpstr(field(r, 0), ==, "Plain");
  lp_csv_row_free(r);
  r = next_ok(csv);
  g_assert_null(r->error);
  g_assert_cmpstr(field(r, 0), ==, "Jörg Müller");
  g_assert_cmpstr(field(r, 2), ==, "€5");
  /* One byte a character: the columns count them. */
  assert_place(r, 1, 3, 13);
  g_assert_cmpstr(lp_csv_encoding(csv), ==, "Windows-1252");
  lp_csv_row_free(r);
  /* Said once, at the field that decided it, naming the file. */
  g_assert_cmpuint(lp_ctx_n_diags(ctx), ==, 1);
  GPtrArray *diags = lp_ctx_copy_diags(ctx, 0);
  char *text = lp_diag_format(g_ptr_array_index(diags, 0));
  g_assert_true(g_str_has_prefix(text, NAME ":3:1: warning: the data file is not UTF-8"));
  g_assert_nonnull(strstr(text, "read as Windows-1252"));
  g_free(text);
  g_ptr_array_unref(diags);
  r = next_ok(csv);
  lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 4, 1, "byte 0x81, which is no character in Windows-1252");
  lp_csv_row_free(r);
  r = next_ok(csv);
  lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 5, 1, "field 1 is UTF-8, but the file is Windows-1252");
  lp_csv_row_free(r);
  assert_end(csv);
  g_assert_cmpuint(lp_ctx_n_diags(ctx), ==, 1);
  lp_csv_close(csv);
  lp_ctx_free(ctx);
  /* UTF-16 (Excel's "Unicode text") is refused at once. */
  g_assert_null(open_bytes(NULL, "\xFF\xFEp\0a\0", 6, NULL, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, NAME, 0, 0, "UTF-16");
  g_clear_error(&err);
  /* A NUL byte fails its row. */
  csv = open_ok("a,b\nx\0y,z\nok,1\n", 15, NULL);
  r = next_ok(csv);
  lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 2, 1, "field 1 holds a NUL byte");
  lp_csv_row_free(r);
  r = next_ok(csv);
  g_assert_null(r->error);
  lp_csv_row_free(r);
  lp_csv_close(csv);
}

/* A field over the limit fails its row with its true size; the rows after
 * it read on, quoted or not, and the field is never held whole. */
static void test_long_field(void) {
  const gsize big = 10 * 1024 * 1024;
  for (int quoted = 0; quoted < 2; quoted++) {
    GString *s = g_string_new("patient.name,note\nA,short\nB,");
    if (quoted)
      g_string_append_c(s, '"');
    gsize start = s->len;
    g_string_set_size(s, start + big);
    memset(s->str + start, quoted ? ',' : 'x', big); /* quoted: separators inside */
    g_string_append(s, quoted ? "\"\nC,after\n" : "\nC,after\n");
    LpCsvOptions opt = {.max_field = 4096};
    size_t before = mallinfo2().uordblks;
    LpCsv *csv = open_ok(s->str, (gssize)s->len, &opt);
    LpCsvRow *r = next_ok(csv);
    g_assert_null(r->error);
    lp_csv_row_free(r);
    r = next_ok(csv);
    /* libcsv's buffer never shrinks: had it held the field, the memory in
     * use would still show it (the stream's own copy is the input's size,
     * in the file case no memory at all; here it counts once, below). */
    size_t grown = mallinfo2().uordblks - before;
    g_assert_cmpuint(grown, <, big + 1024 * 1024);
    lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 3, 3,
                         "field 2 is 10485760 bytes, over the limit of 4096 (limit 'csv-field-size'; raise it with "
                         "--limit csv-field-size=N)");
    g_assert_null(strstr(r->error->message, "quote"));
    lp_csv_row_free(r);
    r = next_ok(csv);
    g_assert_null(r->error);
    g_assert_cmpint(r->line, ==, 4);
    g_assert_cmpstr(field(r, 1), ==, "after");
    lp_csv_row_free(r);
    assert_end(csv);
    lp_csv_close(csv);
    g_string_free(s, TRUE);
  }
  /* A quote left open runs to the end: then the message says so. */
  LpCsv *csv = open_ok("a,b\n1,2\n\"open,3\n4,5\n6,7\n", -1, NULL);
  lp_csv_row_free(next_ok(csv));
  LpCsvRow *r = next_ok(csv);
  lp_test_assert_error(r->error, LP_EXIT_INPUT, NAME, 3, 1,
                       "the file ends inside the quoted field that starts here (it runs on for 15 bytes and 3 lines): is "
                       "its closing quote missing?");
  lp_csv_row_free(r);
  assert_end(csv);
  lp_csv_close(csv);
}

static void test_header_and_limits(void) {
  GError *err = NULL;
  g_assert_null(open_bytes(NULL, "", 0, NULL, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, NAME, 0, 0, "the data file is empty");
  g_clear_error(&err);
  g_assert_null(open_bytes(NULL, "a,,c\n", -1, NULL, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, NAME, 1, 3, "column 2 has no name");
  g_clear_error(&err);
  g_assert_null(open_bytes(NULL, "a,b,a\n", -1, NULL, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, NAME, 1, 5, "column 'a' appears twice");
  g_clear_error(&err);
  LpCsvOptions two = {.max_rows = 2};
  LpCsv *csv = open_ok("a\n1\n2\n\n3\n", -1, &two);
  lp_csv_row_free(next_ok(csv));
  lp_csv_row_free(next_ok(csv));
  g_assert_null(lp_csv_next(csv, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, NAME, 5, 1, "more than 2 rows (limit 'csv-rows'");
  g_clear_error(&err);
  lp_csv_close(csv);
}

static void date_ok(const char *s, LpDateForm form, LpDateOrder order, const char *want) {
  int y, m, d;
  char *msg = lp_parse_date_as(s, form, order, "xx", &y, &m, &d);
  g_assert_cmpstr(msg, ==, NULL);
  char *got = g_strdup_printf("%04d-%02d-%02d", y, m, d);
  g_assert_cmpstr(got, ==, want);
  g_free(got);
}

static void date_bad(const char *s, LpDateForm form, LpDateOrder order, const char *fragment) {
  int y = 0, m = 0, d = 0;
  char *msg = lp_parse_date_as(s, form, order, "en", &y, &m, &d);
  g_assert_nonnull(msg);
  if (!strstr(msg, fragment))
    g_error("'%s': expected '%s' in: %s", s, fragment, msg);
  g_free(msg);
}

static void test_dates(void) {
  const LpDateOrder U = LP_DATE_ORDER_UNKNOWN, D = LP_DATE_DAY_FIRST, M = LP_DATE_MONTH_FIRST;
  const LpDateForm ANY = LP_DATE_FORM_ANY;
  date_ok("2026-11-30", ANY, U, "2026-11-30");
  date_ok(" 30.11.2026 ", ANY, U, "2026-11-30");
  date_ok("1.2.2026", ANY, M, "2026-02-01"); /* dots: the day first, always */
  date_ok("30/11/2026", ANY, U, "2026-11-30");
  date_ok("11/30/2026", ANY, U, "2026-11-30");
  date_ok("03/04/2026", ANY, D, "2026-04-03");
  date_ok("03/04/2026", ANY, M, "2026-03-04");
  date_ok("05/05/2026", ANY, U, "2026-05-05");
  date_ok("03/04/2026", LP_DATE_FORM_MDY_SLASH, D, "2026-03-04"); /* said wins over the language */
  date_ok("2026-11-30", LP_DATE_FORM_DMY_DOT, U, "2026-11-30");    /* YYYY-MM-DD always */
  date_bad("03/04/2026", ANY, U, "'03/04/2026' could be 3 April or 4 March 2026");
  date_bad("03/04/2026", ANY, U, "--date-format DD/MM/YYYY or MM/DD/YYYY");
  date_bad("11/30/2026", ANY, D, "not a date written day first, as language 'en' writes dates (30 is no month)");
  date_bad("30/11/2026", LP_DATE_FORM_MDY_SLASH, U, "not a date written month first (--date-format MM/DD/YYYY)");
  date_bad("30/11/2026", LP_DATE_FORM_DMY_DOT, U, "not a date written DD.MM.YYYY (--date-format) or YYYY-MM-DD");
  date_bad("30.11.26", ANY, U, "two-digit year");
  date_bad("31.11.2026", ANY, U, "31.11.2026 is not a day of the calendar");
  date_bad("29/02/2027", ANY, U, "is not a day of the calendar");
  date_bad("30.11.2026 09:30", ANY, U, "has a time after the date");
  date_bad("30-11-2026", ANY, U, "is not a date: write it 2026-11-30, 30.11.2026 or 30/11/2026");
  date_bad("Nov 30", ANY, U, "is not a date");
  LpDateForm f;
  g_assert_true(lp_date_form_parse("dd.mm.yyyy", &f));
  g_assert_cmpint(f, ==, LP_DATE_FORM_DMY_DOT);
  g_assert_false(lp_date_form_parse("D.M.Y", &f));
}

/* ICU's short dates: the order every region of a language agrees on. */
static void test_date_orders(void) {
  g_assert_cmpint(lp_engine_date_order("de"), ==, LP_DATE_DAY_FIRST);
  g_assert_cmpint(lp_engine_date_order("tr"), ==, LP_DATE_DAY_FIRST);
  g_assert_cmpint(lp_engine_date_order("fr"), ==, LP_DATE_DAY_FIRST);
  g_assert_cmpint(lp_engine_date_order("en"), ==, LP_DATE_ORDER_UNKNOWN); /* en-US and en-GB disagree */
  g_assert_cmpint(lp_engine_date_order("en-GB"), ==, LP_DATE_DAY_FIRST);
  g_assert_cmpint(lp_engine_date_order("en-US"), ==, LP_DATE_MONTH_FIRST);
}

static void test_nearest_key(void) {
  const char *const used[] = {"patient.name", "treatment_date", "lang", "clinic.name", NULL};
  g_assert_cmpstr(lp_vars_nearest_key("name", used), ==, "patient.name");
  g_assert_cmpstr(lp_vars_nearest_key("Patient Name", used), ==, "patient.name");
  g_assert_cmpstr(lp_vars_nearest_key("Treatment-Date", used), ==, "treatment_date");
  g_assert_cmpstr(lp_vars_nearest_key("date", used), ==, "treatment_date");
  g_assert_cmpstr(lp_vars_nearest_key("Behandlungsdatum", used), ==, NULL);
  GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  lp_vars_template_keys("{label.page_of} · {{x}} {clinic.name}{broken", keys);
  g_assert_true(g_hash_table_contains(keys, "label.page_of"));
  g_assert_true(g_hash_table_contains(keys, "clinic.name"));
  g_assert_false(g_hash_table_contains(keys, "x"));
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "label.page_of", "Page {page} of {pages} {label.x}");
  lp_vars_set(v, "label.x", "{patient.name}");
  lp_vars_label_keys(v, keys);
  g_assert_true(g_hash_table_contains(keys, "pages"));
  g_assert_true(g_hash_table_contains(keys, "patient.name"));
  lp_vars_free(v);
  g_hash_table_unref(keys);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/csv/separators", test_separators);
  g_test_add_func("/csv/places", test_places);
  g_test_add_func("/csv/syntax-error-line", test_syntax_error_line);
  g_test_add_func("/csv/windows-1252", test_windows_1252);
  g_test_add_func("/csv/long-field", test_long_field);
  g_test_add_func("/csv/header-and-limits", test_header_and_limits);
  g_test_add_func("/csv/dates", test_dates);
  g_test_add_func("/csv/date-orders", test_date_orders);
  g_test_add_func("/csv/nearest-key", test_nearest_key);
  return g_test_run();
}
