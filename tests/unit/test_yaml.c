/* The positioned YAML tree of read/yaml.c and its schema helpers. Every error
 * is checked for its place, because a message without the right line and
 * column sends the author looking in the wrong spot. */
#include <math.h>
#include <string.h>

#include "read/yaml.h"
#include "testutil.h"

#define FILE_NAME "t.yaml"

static LpYaml *parse_ok(const char *text) {
  GError *err = NULL;
  LpYaml *root = lp_yaml_parse(lp_test_ctx(), text, strlen(text), FILE_NAME, 0, &err);
  g_assert_no_error(err);
  g_assert_nonnull(root);
  return root;
}

static void parse_fail(const char *text, int line, int col, const char *fragment) {
  GError *err = NULL;
  LpYaml *root = lp_yaml_parse(lp_test_ctx(), text, strlen(text), FILE_NAME, 0, &err);
  g_assert_null(root);
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, line, col, fragment);
  g_error_free(err);
}

static void assert_pos(LpPos pos, int line, int col) {
  g_assert_cmpstr(pos.file, ==, FILE_NAME);
  g_assert_cmpint(pos.line, ==, line);
  g_assert_cmpint(pos.col, ==, col);
}

/* ---- the tree ---- */

static void test_tree_shape_and_positions(void) {
  LpYaml *root = parse_ok("name: Example\n"
                          "quoted: \"yes\"\n"
                          "nested:\n"
                          "  inner: 12pt\n"
                          "list:\n"
                          "  - one\n"
                          "  - 'two'\n"
                          "flow: [a, b, c]\n");
  g_assert_cmpint(lp_yaml_kind(root), ==, LP_YAML_MAP);
  g_assert_cmpuint(lp_yaml_len(root), ==, 5);
  assert_pos(lp_yaml_pos(root), 1, 1);

  g_assert_cmpstr(lp_yaml_key(root, 0), ==, "name");
  assert_pos(lp_yaml_key_pos(root, 0), 1, 1);
  assert_pos(lp_yaml_pos(lp_yaml_value(root, 0)), 1, 7);
  g_assert_cmpstr(lp_yaml_scalar(lp_yaml_value(root, 0)), ==, "Example");
  g_assert_true(lp_yaml_plain(lp_yaml_value(root, 0)));

  const LpYaml *quoted = lp_yaml_get(root, "quoted");
  g_assert_cmpstr(lp_yaml_scalar(quoted), ==, "yes");
  g_assert_false(lp_yaml_plain(quoted));
  assert_pos(lp_yaml_pos(quoted), 2, 9);

  const LpYaml *nested = lp_yaml_get(root, "nested");
  g_assert_cmpint(lp_yaml_kind(nested), ==, LP_YAML_MAP);
  g_assert_null(lp_yaml_scalar(nested));
  assert_pos(lp_yaml_key_pos(nested, 0), 4, 3);
  g_assert_cmpstr(lp_yaml_scalar(lp_yaml_get(nested, "inner")), ==, "12pt");
  assert_pos(lp_yaml_pos(lp_yaml_get(nested, "inner")), 4, 10);

  const LpYaml *list = lp_yaml_get(root, "list");
  g_assert_cmpint(lp_yaml_kind(list), ==, LP_YAML_SEQ);
  g_assert_cmpuint(lp_yaml_len(list), ==, 2);
  g_assert_cmpstr(lp_yaml_scalar(lp_yaml_item(list, 0)), ==, "one");
  g_assert_cmpstr(lp_yaml_scalar(lp_yaml_item(list, 1)), ==, "two");
  assert_pos(lp_yaml_pos(lp_yaml_item(list, 1)), 7, 5);

  const LpYaml *flow = lp_yaml_get(root, "flow");
  g_assert_cmpuint(lp_yaml_len(flow), ==, 3);
  assert_pos(lp_yaml_pos(flow), 8, 7);
  assert_pos(lp_yaml_pos(lp_yaml_item(flow, 2)), 8, 14);

  g_assert_null(lp_yaml_get(root, "missing"));
  g_assert_null(lp_yaml_get(flow, "a"));
  g_assert_null(lp_yaml_get(NULL, "a"));
  g_assert_cmpuint(lp_yaml_len(lp_yaml_value(root, 0)), ==, 0);
  lp_yaml_free(root);
}

static void test_tree_columns_count_characters(void) {
  /* "ç" and "ş" take two bytes each; the column of the value must not. */
  LpYaml *root = parse_ok("çş: [x, y]\n");
  assert_pos(lp_yaml_pos(lp_yaml_value(root, 0)), 1, 5);
  assert_pos(lp_yaml_pos(lp_yaml_item(lp_yaml_value(root, 0), 1)), 1, 9);
  lp_yaml_free(root);
}

static void test_tree_line_offset(void) {
  GError *err = NULL;
  const char *text = "a: 1\nb: 2\n";
  LpYaml *root = lp_yaml_parse(lp_test_ctx(), text, strlen(text), FILE_NAME, 10, &err);
  g_assert_no_error(err);
  assert_pos(lp_yaml_key_pos(root, 1), 12, 1);
  assert_pos(lp_yaml_pos(lp_yaml_value(root, 1)), 12, 4);
  lp_yaml_free(root);

  const char *bad = "a: 1\nb: 'open\n";
  g_assert_null(lp_yaml_parse(lp_test_ctx(), bad, strlen(bad), FILE_NAME, 10, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 13, 1, "quoted scalar");
  g_error_free(err);
}

static void test_tree_empty_document(void) {
  GError *err = NULL;
  g_assert_null(lp_yaml_parse(lp_test_ctx(), "", 0, FILE_NAME, 0, &err));
  g_assert_no_error(err);
  const char *comment = "# nothing but a comment\n\n";
  g_assert_null(lp_yaml_parse(lp_test_ctx(), comment, strlen(comment), FILE_NAME, 0, &err));
  g_assert_no_error(err);
}

static void test_tree_empty_value_position(void) {
  /* An empty value has no text of its own; it is placed right after its colon,
   * on the key's line, not on the next key's. */
  LpYaml *root = parse_ok("title:\nnext: x\n");
  const LpYaml *v = lp_yaml_get(root, "title");
  g_assert_cmpstr(lp_yaml_scalar(v), ==, "");
  assert_pos(lp_yaml_pos(v), 1, 7);
  lp_yaml_free(root);
}

static void test_tree_kind_names(void) {
  g_assert_cmpstr(lp_yaml_kind_name(LP_YAML_SCALAR), ==, "single value");
  g_assert_cmpstr(lp_yaml_kind_name(LP_YAML_MAP), ==, "mapping (key: value lines)");
  g_assert_cmpstr(lp_yaml_kind_name(LP_YAML_SEQ), ==, "list");
}

/* ---- parse errors ---- */

static void test_error_syntax_quoted(void) {
  /* An open quote runs to the end of the file, which is where libyaml notices. */
  parse_fail("a: 1\nb: 'open", 2, 9, "YAML syntax error: found unexpected end of stream");
}

static void test_error_syntax_flow(void) {
  parse_fail("colors: [a, b\nnext: 1\n", 2, 5, "while parsing a flow sequence");
}

static void test_error_syntax_indent(void) {
  parse_fail("a:\n  - b\n  c: d\n", 3, 3, "did not find expected '-' indicator");
}

static void test_error_tab(void) {
  parse_fail("a: 1\n\tb: 2\n", 2, 1, "found a tab character that violates indentation");
}

static void test_error_anchor(void) {
  parse_fail("base: &b 1\nother: 2\n", 1, 7, "YAML anchors (&b) are not supported");
}

static void test_error_anchor_on_mapping(void) {
  parse_fail("a: 1\nstyle: &s\n  size: 1pt\n", 2, 8, "YAML anchors (&s) are not supported");
}

static void test_error_alias(void) {
  /* libyaml's parser does not resolve aliases, so one without an anchor still
   * arrives as an alias event and must be refused on its own. */
  parse_fail("a: 1\nb: *missing\n", 2, 4, "YAML aliases (*missing) are not supported");
}

static void test_error_second_document(void) {
  parse_fail("a: 1\n---\nb: 2\n", 2, 1, "expected a single YAML document, found a second one");
}

static void test_error_duplicate_key(void) {
  parse_fail("size: 1\nother: 2\n  \nsize: 3\n", 4, 1, "duplicate key 'size' (first given at line 1)");
}

static void test_error_duplicate_key_nested(void) {
  parse_fail("page:\n  size: A4\n  size: A5\n", 3, 3, "duplicate key 'size' (first given at line 2)");
}

static void test_error_nul_in_value(void) {
  parse_fail("a: 1\nb: \"x\\0y\"\n", 2, 4, "a NUL character is not allowed in a YAML value");
}

static void test_error_collection_key(void) {
  parse_fail("a: 1\n? [x, y]\n: 2\n", 2, 3, "expected a plain key here, found a list");
  parse_fail("? {x: 1}\n: 2\n", 1, 3, "expected a plain key here, found a mapping");
}

static void test_error_too_deep(void) {
  GString *s = g_string_new("a: ");
  for (int i = 0; i < 40; i++)
    g_string_append_c(s, '[');
  for (int i = 0; i < 40; i++)
    g_string_append_c(s, ']');
  /* The 33rd open collection is the first over the limit of 32; the map is one. */
  parse_fail(s->str, 1, 4 + 31, "YAML nested deeper than 32 levels");
  g_string_free(s, TRUE);
}

static void test_error_too_many_values(void) {
  GString *s = g_string_new("[");
  for (int i = 0; i < 100000; i++)
    g_string_append(s, "0,");
  g_string_append(s, "0]");
  /* The list is value 1, so the last "0" is value 100001, at column 2 + 2 * 99999. */
  parse_fail(s->str, 1, 2 + 2 * 99999, "more than 100000 YAML values in one file");
  g_string_free(s, TRUE);
}

/* ---- schema helpers ---- */

static const char *const fruit[] = {"apple", "banana", "cherry", NULL};

static void test_check_keys_ok(void) {
  LpYaml *root = parse_ok("apple: 1\ncherry: 2\n");
  GError *err = NULL;
  g_assert_true(lp_yaml_check_keys(root, "the basket", fruit, &err));
  g_assert_no_error(err);
  lp_yaml_free(root);
}

static void test_check_keys_suggestion(void) {
  LpYaml *root = parse_ok("apple: 1\n  # a comment\nbananna: 2\n");
  GError *err = NULL;
  g_assert_false(lp_yaml_check_keys(root, "the basket", fruit, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 3, 1,
                       "unknown key 'bananna' in the basket; did you mean 'banana'? "
                       "(valid keys: apple, banana, cherry)");
  g_error_free(err);
  lp_yaml_free(root);
}

static void test_check_keys_no_suggestion(void) {
  LpYaml *root = parse_ok("outer:\n    mango: 1\n");
  GError *err = NULL;
  g_assert_false(lp_yaml_check_keys(lp_yaml_get(root, "outer"), "the basket", fruit, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 2, 5,
                       "unknown key 'mango' in the basket (valid keys: apple, banana, cherry)");
  g_assert_null(strstr(err->message, "did you mean"));
  g_error_free(err);
  lp_yaml_free(root);
}

static void test_expect_kind(void) {
  LpYaml *root = parse_ok("a: [1, 2]\n");
  GError *err = NULL;
  const LpYaml *a = lp_yaml_get(root, "a");
  g_assert_true(lp_yaml_expect(a, LP_YAML_SEQ, "the list", &err));
  g_assert_false(lp_yaml_expect(a, LP_YAML_MAP, "key 'a'", &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 1, 4,
                       "expected a mapping (key: value lines) for key 'a', found a list");
  g_error_free(err);
  lp_yaml_free(root);
}

static void test_string(void) {
  LpYaml *root = parse_ok("plain: Hello world\n"
                          "quoted_tilde: '~'\n"
                          "quoted_null: \"null\"\n"
                          "tilde: ~\n"
                          "null: null\n"
                          "blank: '   '\n"
                          "empty:\n"
                          "list: [a]\n");
  GError *err = NULL;
  char *s = lp_yaml_string(lp_yaml_get(root, "plain"), "x", &err);
  g_assert_cmpstr(s, ==, "Hello world");
  g_free(s);
  /* Quoted, "~" and "null" are text that someone meant. */
  s = lp_yaml_string(lp_yaml_get(root, "quoted_tilde"), "x", &err);
  g_assert_cmpstr(s, ==, "~");
  g_free(s);
  s = lp_yaml_string(lp_yaml_get(root, "quoted_null"), "x", &err);
  g_assert_cmpstr(s, ==, "null");
  g_free(s);
  g_assert_no_error(err);

  static const struct {
    const char *key;
    int line, col;
  } nothing[] = {{"tilde", 4, 8}, {"null", 5, 7}, {"blank", 6, 8}, {"empty", 7, 7}};
  for (gsize i = 0; i < G_N_ELEMENTS(nothing); i++) {
    g_assert_null(lp_yaml_string(lp_yaml_get(root, nothing[i].key), "key 'k'", &err));
    lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, nothing[i].line, nothing[i].col,
                         "expected text for key 'k', found nothing");
    g_clear_error(&err);
  }
  g_assert_null(lp_yaml_string(lp_yaml_get(root, "list"), "key 'list'", &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 8, 7, "expected a single value for key 'list', found a list");
  g_error_free(err);
  lp_yaml_free(root);
}

static void test_bool(void) {
  LpYaml *root = parse_ok("[true, Yes, ON, false, no, Off, maybe, 1, [x]]");
  const gboolean want[] = {TRUE, TRUE, TRUE, FALSE, FALSE, FALSE};
  GError *err = NULL;
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    gboolean out = !want[i];
    g_assert_true(lp_yaml_bool(lp_yaml_item(root, i), "flag", &out, &err));
    g_assert_no_error(err);
    g_assert_cmpint(out, ==, want[i]);
  }
  gboolean out = TRUE;
  g_assert_false(lp_yaml_bool(lp_yaml_item(root, 6), "the flag", &out, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 1, 33, "expected true or false for the flag, found 'maybe'");
  g_clear_error(&err);
  g_assert_false(lp_yaml_bool(lp_yaml_item(root, 7), "the flag", &out, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 1, 40, "found '1'");
  g_clear_error(&err);
  g_assert_false(lp_yaml_bool(lp_yaml_item(root, 8), "the flag", &out, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 1, 43, "expected a single value for the flag, found a list");
  g_error_free(err);
  g_assert_true(out);
  lp_yaml_free(root);
}

static void test_number(void) {
  LpYaml *root = parse_ok("[1.5, -2, 7, abc, 3x, nan, 1e999]");
  GError *err = NULL;
  double v = 0;
  g_assert_true(lp_yaml_number(lp_yaml_item(root, 0), "n", 0, 10, &v, &err));
  g_assert_cmpfloat(v, ==, 1.5);
  g_assert_true(lp_yaml_number(lp_yaml_item(root, 1), "n", -2, 10, &v, &err));
  g_assert_cmpfloat(v, ==, -2);
  g_assert_no_error(err);

  v = 42;
  g_assert_false(lp_yaml_number(lp_yaml_item(root, 2), "the ratio", 0, 5, &v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 1, 11, "the ratio must be between 0 and 5, found 7");
  g_clear_error(&err);
  static const struct {
    guint item;
    int col;
    const char *text;
  } bad[] = {{3, 14, "'abc'"}, {4, 19, "'3x'"}, {5, 23, "'nan'"}, {6, 28, "'1e999'"}};
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    g_assert_false(lp_yaml_number(lp_yaml_item(root, bad[i].item), "the ratio", -1e9, 1e9, &v, &err));
    lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 1, bad[i].col, "expected a number for the ratio, found");
    g_assert_nonnull(strstr(err->message, bad[i].text));
    g_clear_error(&err);
  }
  g_assert_cmpfloat(v, ==, 42);
  lp_yaml_free(root);
}

static void test_int(void) {
  LpYaml *root = parse_ok("a: 3\nb: 5\nc: 2.5\nd: two\n");
  GError *err = NULL;
  int v = 0;
  g_assert_true(lp_yaml_int(lp_yaml_get(root, "a"), "columns", 1, 4, &v, &err));
  g_assert_no_error(err);
  g_assert_cmpint(v, ==, 3);
  g_assert_false(lp_yaml_int(lp_yaml_get(root, "b"), "columns", 1, 4, &v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 2, 4,
                       "expected a whole number from 1 to 4 for columns, found '5'");
  g_clear_error(&err);
  g_assert_false(lp_yaml_int(lp_yaml_get(root, "c"), "columns", 1, 4, &v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 3, 4, "found '2.5'");
  g_clear_error(&err);
  g_assert_false(lp_yaml_int(lp_yaml_get(root, "d"), "columns", 1, 4, &v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 4, 4, "found 'two'");
  g_error_free(err);
  g_assert_cmpint(v, ==, 3);
  lp_yaml_free(root);
}

static void test_enum(void) {
  static const char *const align[] = {"start", "center", "end", "justify", NULL};
  LpYaml *root = parse_ok("a: justify\nb: centre\nc: middle\nd: Center\n");
  GError *err = NULL;
  int v = -1;
  g_assert_true(lp_yaml_enum(lp_yaml_get(root, "a"), "align", align, &v, &err));
  g_assert_no_error(err);
  g_assert_cmpint(v, ==, 3);

  g_assert_false(lp_yaml_enum(lp_yaml_get(root, "b"), "align", align, &v, &err));
  lp_test_assert_error(
      err, LP_EXIT_INPUT, FILE_NAME, 2, 4,
      "unknown value 'centre' for align; did you mean 'center'? (one of: start, center, end, justify)");
  g_clear_error(&err);
  g_assert_false(lp_yaml_enum(lp_yaml_get(root, "c"), "align", align, &v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 3, 4,
                       "unknown value 'middle' for align (one of: start, center, end, justify)");
  g_clear_error(&err);
  /* Values are matched exactly; the hint shows the spelling that works. */
  g_assert_false(lp_yaml_enum(lp_yaml_get(root, "d"), "align", align, &v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 4, 4, "unknown value 'Center' for align; did you mean 'center'?");
  g_error_free(err);
  g_assert_cmpint(v, ==, 3);
  lp_yaml_free(root);
}

static void test_strings(void) {
  LpYaml *root = parse_ok("one: alone\nmany: [a, b, c]\nmap: {x: 1}\nmixed:\n  - a\n  - [b]\n");
  GError *err = NULL;
  GPtrArray *one = lp_yaml_strings(lp_yaml_get(root, "one"), "k", &err);
  g_assert_no_error(err);
  g_assert_cmpuint(one->len, ==, 1);
  g_assert_cmpstr(g_ptr_array_index(one, 0), ==, "alone");
  g_ptr_array_unref(one);

  GPtrArray *many = lp_yaml_strings(lp_yaml_get(root, "many"), "k", &err);
  g_assert_no_error(err);
  g_assert_cmpuint(many->len, ==, 3);
  g_assert_cmpstr(g_ptr_array_index(many, 2), ==, "c");
  g_ptr_array_unref(many);

  g_assert_null(lp_yaml_strings(lp_yaml_get(root, "map"), "the kicker", &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 3, 6, "expected a list for the kicker, found a mapping");
  g_clear_error(&err);
  g_assert_null(lp_yaml_strings(lp_yaml_get(root, "mixed"), "the kicker", &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 6, 5, "expected a single value for the kicker, found a list");
  g_error_free(err);
  lp_yaml_free(root);
}

/* ---- lengths ---- */

static void assert_length(const char *s, double want) {
  double pt = -1;
  char *msg = lp_parse_length(s, &pt);
  if (msg)
    g_error("'%s': %s", s, msg);
  g_assert_cmpfloat_with_epsilon(pt, want, 1e-9);
}

static void assert_length_error(const char *s, const char *fragment) {
  double pt = -1;
  char *msg = lp_parse_length(s, &pt);
  g_assert_nonnull(msg);
  if (!strstr(msg, fragment))
    g_error("'%s': expected '%s' in: %s", s, fragment, msg);
  g_assert_cmpfloat(pt, ==, -1);
  g_free(msg);
}

static void test_length_units(void) {
  assert_length("12pt", 12);
  assert_length("10.5pt", 10.5);
  assert_length("25.4mm", 72);
  assert_length("1cm", 720.0 / 25.4);
  assert_length("0.5in", 36);
  assert_length(" 3 mm", 3 * 72.0 / 25.4);
  assert_length("0", 0);
  assert_length("0.0", 0);
  assert_length("0mm", 0);
  assert_length("10000pt", 10000);
}

static void test_length_trailing_space(void) {
  /* A quoted YAML value or a --set value may end in blanks, as it may start. */
  assert_length("12pt ", 12);
  assert_length("4mm\t", 4 * 72.0 / 25.4);
}

static void test_length_errors(void) {
  assert_length_error("12", "the length 12 has no unit: write 12pt, 12mm, 12cm or 12in");
  assert_length_error("12px", "unknown unit 'px' in length: use pt, mm, cm or in");
  assert_length_error("12 PT", "unknown unit 'PT'");
  assert_length_error("wide", "expected a length such as 12pt, 4.5mm, 1cm or 0.5in");
  assert_length_error("", "expected a length such as");
  assert_length_error("nan", "expected a length such as");
  assert_length_error("infpt", "expected a length such as");
  assert_length_error("-3mm", "the length -3mm is out of range (0 to 10000)");
  assert_length_error("10001pt", "the length 10001pt is out of range");
}

static void test_yaml_length(void) {
  LpYaml *root = parse_ok("ok: 7mm\nnounit: 7\nunit: 7px\nlist: [7pt]\n");
  GError *err = NULL;
  double pt = 0;
  g_assert_true(lp_yaml_length(lp_yaml_get(root, "ok"), "gutter", &pt, &err));
  g_assert_no_error(err);
  g_assert_cmpfloat_with_epsilon(pt, 7 * 72.0 / 25.4, 1e-9);
  g_assert_false(lp_yaml_length(lp_yaml_get(root, "nounit"), "column gutter", &pt, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 2, 9, "column gutter: the length 7 has no unit");
  g_clear_error(&err);
  g_assert_false(lp_yaml_length(lp_yaml_get(root, "unit"), "column gutter", &pt, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 3, 7, "column gutter: unknown unit 'px'");
  g_clear_error(&err);
  g_assert_false(lp_yaml_length(lp_yaml_get(root, "list"), "column gutter", &pt, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 4, 7, "expected a single value for column gutter, found a list");
  g_error_free(err);
  lp_yaml_free(root);
}

/* ---- colours ---- */

static void assert_rgb(const char *s, double r, double g, double b) {
  LpColor c;
  char *msg = lp_parse_color(s, &c);
  if (msg)
    g_error("'%s': %s", s, msg);
  g_assert_cmpint(c.space, ==, LP_COLOR_RGB);
  g_assert_cmpfloat_with_epsilon(c.v[0], r, 1e-9);
  g_assert_cmpfloat_with_epsilon(c.v[1], g, 1e-9);
  g_assert_cmpfloat_with_epsilon(c.v[2], b, 1e-9);
}

static void assert_color_error(const char *s, const char *fragment) {
  LpColor c = lp_color_rgb_new(0.25, 0.25, 0.25), before = c;
  char *msg = lp_parse_color(s, &c);
  g_assert_nonnull(msg);
  if (!strstr(msg, fragment))
    g_error("'%s': expected '%s' in: %s", s, fragment, msg);
  g_assert_true(lp_color_equal(&c, &before));
  g_free(msg);
}

static void test_color_rgb(void) {
  assert_rgb("#1f6e8c", 0x1f / 255.0, 0x6e / 255.0, 0x8c / 255.0);
  assert_rgb("#FFFFFF", 1, 1, 1);
  assert_rgb("#000000", 0, 0, 0);
  assert_rgb("#f80", 1, 0x88 / 255.0, 0);
  assert_rgb("  #abc  ", 0xaa / 255.0, 0xbb / 255.0, 0xcc / 255.0);
}

static void test_color_cmyk(void) {
  LpColor c;
  char *msg = lp_parse_color("cmyk(0.1, 50%, 1, 0)", &c);
  g_assert_null(msg);
  g_assert_cmpint(c.space, ==, LP_COLOR_CMYK);
  g_assert_cmpfloat_with_epsilon(c.v[0], 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon(c.v[1], 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon(c.v[2], 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon(c.v[3], 0.0, 1e-9);
  msg = lp_parse_color("CMYK(0,0,0,100%)", &c);
  g_assert_null(msg);
  g_assert_cmpfloat_with_epsilon(c.v[3], 1.0, 1e-9);
  double rgb[3];
  lp_color_rgb(&c, rgb);
  g_assert_cmpfloat_with_epsilon(rgb[0], 0, 1e-9);
}

static void test_color_errors(void) {
  assert_color_error("#12345g", "'#12345g' is not a colour: #rrggbb takes hexadecimal digits 0-9, a-f");
  assert_color_error("#xyz", "'#xyz' is not a colour: #rrggbb takes hexadecimal digits");
  assert_color_error("#12345", "'#12345' is not a colour: write #rrggbb or cmyk(c, m, y, k)");
  assert_color_error("blue", "'blue' is not a colour: write #rrggbb or cmyk(c, m, y, k)");
  assert_color_error("", "'' is not a colour");
  assert_color_error("cmyk(0, 0, 0)", "cmyk() takes four components: cmyk(c, m, y, k)");
  assert_color_error("cmyk(0, 0, 0, 0, 0)", "cmyk() takes four components");
  assert_color_error("cmyk(0, x, 0, 0)", "'x' is not a number in cmyk()");
  assert_color_error("cmyk(0, , 0, 0)", "'' is not a number in cmyk()");
  assert_color_error("cmyk(0, 0, 1.5, 0)", "cmyk() components go from 0 to 1 (or 0% to 100%), found 1.5");
  assert_color_error("cmyk(0, 0, 0, 120%)", "found 120%");
  assert_color_error("cmyk(0, 0, 0, -1)", "found -1");
  assert_color_error("cmyk(0, 0, 0, 0", "is not a colour");
}

static void test_yaml_color(void) {
  LpYaml *root = parse_ok("ok: '#ffffff'\nbad: cmyk(2, 0, 0, 0)\n");
  GError *err = NULL;
  LpColor c;
  g_assert_true(lp_yaml_color(lp_yaml_get(root, "ok"), "colour 'tint'", &c, &err));
  g_assert_no_error(err);
  g_assert_cmpfloat(c.v[0], ==, 1.0);
  g_assert_false(lp_yaml_color(lp_yaml_get(root, "bad"), "colour 'tint'", &c, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 2, 6, "colour 'tint': cmyk() components go from 0 to 1");
  g_error_free(err);
  lp_yaml_free(root);
}

/* ---- dates ---- */

static void test_date_ok(void) {
  int y = 0, m = 0, d = 0;
  char *msg = lp_parse_date("2026-11-28", &y, &m, &d);
  g_assert_null(msg);
  g_assert_cmpint(y, ==, 2026);
  g_assert_cmpint(m, ==, 11);
  g_assert_cmpint(d, ==, 28);
  msg = lp_parse_date("2024-02-29", &y, &m, &d);
  g_assert_null(msg);
  g_assert_cmpint(d, ==, 29);
}

static void assert_date_error(const char *s, const char *fragment) {
  int y = -1, m = -1, d = -1;
  char *msg = lp_parse_date(s, &y, &m, &d);
  if (!msg)
    g_error("'%s' was taken as a date", s);
  if (!strstr(msg, fragment))
    g_error("'%s': expected '%s' in: %s", s, fragment, msg);
  g_assert_cmpint(y, ==, -1);
  g_free(msg);
}

static void test_date_errors(void) {
  assert_date_error("2026-1-01", "'2026-1-01' is not a date: write YYYY-MM-DD, e.g. 2026-11-28");
  assert_date_error("2026/11/01", "'2026/11/01' is not a date");
  assert_date_error("01-11-2026", "is not a date");
  assert_date_error("2026-11-01T10:00", "is not a date");
  assert_date_error("2026-11-1x", "is not a date");
  assert_date_error("", "is not a date");
  assert_date_error("2026-02-30", "2026-02-30 is not a day of the calendar");
  assert_date_error("2025-02-29", "is not a day of the calendar");
  assert_date_error("2026-13-01", "is not a day of the calendar");
  assert_date_error("2026-00-10", "is not a day of the calendar");
  assert_date_error("1899-12-31", "is not a day of the calendar");
}

static void test_date_only_digits(void) {
  /* The date ends up verbatim in the PDF's dates, so blanks and signs that
   * sscanf would skip over must not pass as digits. */
  assert_date_error("2026- 1-01", "is not a date");
  assert_date_error("2026-+1-01", "is not a date");
  assert_date_error("2026-11- 1", "is not a date");
  assert_date_error(" 2026-1-01", "is not a date");
  assert_date_error("+202-11-01", "is not a date");
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/yaml/tree/shape-and-positions", test_tree_shape_and_positions);
  g_test_add_func("/yaml/tree/columns-count-characters", test_tree_columns_count_characters);
  g_test_add_func("/yaml/tree/line-offset", test_tree_line_offset);
  g_test_add_func("/yaml/tree/empty-document", test_tree_empty_document);
  g_test_add_func("/yaml/tree/empty-value-position", test_tree_empty_value_position);
  g_test_add_func("/yaml/tree/kind-names", test_tree_kind_names);
  g_test_add_func("/yaml/error/syntax-quoted", test_error_syntax_quoted);
  g_test_add_func("/yaml/error/syntax-flow", test_error_syntax_flow);
  g_test_add_func("/yaml/error/syntax-indent", test_error_syntax_indent);
  g_test_add_func("/yaml/error/tab", test_error_tab);
  g_test_add_func("/yaml/error/anchor", test_error_anchor);
  g_test_add_func("/yaml/error/anchor-on-mapping", test_error_anchor_on_mapping);
  g_test_add_func("/yaml/error/alias", test_error_alias);
  g_test_add_func("/yaml/error/second-document", test_error_second_document);
  g_test_add_func("/yaml/error/duplicate-key", test_error_duplicate_key);
  g_test_add_func("/yaml/error/duplicate-key-nested", test_error_duplicate_key_nested);
  g_test_add_func("/yaml/error/nul-in-value", test_error_nul_in_value);
  g_test_add_func("/yaml/error/collection-key", test_error_collection_key);
  g_test_add_func("/yaml/error/too-deep", test_error_too_deep);
  g_test_add_func("/yaml/error/too-many-values", test_error_too_many_values);
  g_test_add_func("/yaml/schema/check-keys-ok", test_check_keys_ok);
  g_test_add_func("/yaml/schema/check-keys-suggestion", test_check_keys_suggestion);
  g_test_add_func("/yaml/schema/check-keys-no-suggestion", test_check_keys_no_suggestion);
  g_test_add_func("/yaml/schema/expect-kind", test_expect_kind);
  g_test_add_func("/yaml/schema/string", test_string);
  g_test_add_func("/yaml/schema/bool", test_bool);
  g_test_add_func("/yaml/schema/number", test_number);
  g_test_add_func("/yaml/schema/int", test_int);
  g_test_add_func("/yaml/schema/enum", test_enum);
  g_test_add_func("/yaml/schema/strings", test_strings);
  g_test_add_func("/yaml/length/units", test_length_units);
  g_test_add_func("/yaml/length/trailing-space", test_length_trailing_space);
  g_test_add_func("/yaml/length/errors", test_length_errors);
  g_test_add_func("/yaml/length/yaml", test_yaml_length);
  g_test_add_func("/yaml/color/rgb", test_color_rgb);
  g_test_add_func("/yaml/color/cmyk", test_color_cmyk);
  g_test_add_func("/yaml/color/errors", test_color_errors);
  g_test_add_func("/yaml/color/yaml", test_yaml_color);
  g_test_add_func("/yaml/date/ok", test_date_ok);
  g_test_add_func("/yaml/date/errors", test_date_errors);
  g_test_add_func("/yaml/date/only-digits", test_date_only_digits);
  return g_test_run();
}
