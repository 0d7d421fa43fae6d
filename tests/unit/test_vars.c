/* Placeholder values and template expansion (doc/vars.c). Templates come from
 * layout files, so every error is checked to carry the template's position. */
#include <string.h>

#include "doc/vars.h"
#include "testutil.h"

#define FILE_NAME "layout.yaml"

static LpVars *sample(void) {
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "title", "Wound care");
  lp_vars_set(v, "version", "T-1");
  lp_vars_set(v, "clinic.name", "Example Skin Clinic");
  lp_vars_set(v, "label.version", "Version");
  lp_vars_set(v, "label.page_of", "Page {page} of {pages}");
  lp_vars_set(v, "page_count-2", "x");
  return v;
}

static char *expand_ok(const LpVars *v, const char *tmpl) {
  GError *err = NULL;
  LpPos pos = lp_pos(FILE_NAME, 3, 10);
  char *s = lp_vars_expand(v, tmpl, &pos, &err);
  g_assert_no_error(err);
  g_assert_nonnull(s);
  return s;
}

static void expand_fail(const LpVars *v, const char *tmpl, int line, int col, const char *fragment) {
  GError *err = NULL;
  LpPos pos = lp_pos(FILE_NAME, line, col);
  g_assert_null(lp_vars_expand(v, tmpl, &pos, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, line, col, fragment);
  g_error_free(err);
}

static void assert_expands(const LpVars *v, const char *tmpl, const char *want) {
  char *s = expand_ok(v, tmpl);
  g_assert_cmpstr(s, ==, want);
  g_free(s);
}

static void test_set_get(void) {
  LpVars *v = lp_vars_new();
  g_assert_null(lp_vars_get(v, "title"));
  lp_vars_set(v, "title", "One");
  g_assert_cmpstr(lp_vars_get(v, "title"), ==, "One");
  lp_vars_set(v, "title", "Two");
  g_assert_cmpstr(lp_vars_get(v, "title"), ==, "Two");
  /* A key set to nothing exists and expands to nothing. */
  lp_vars_set(v, "subtitle", NULL);
  g_assert_cmpstr(lp_vars_get(v, "subtitle"), ==, "");
  g_assert_null(lp_vars_get(v, "Title"));
  lp_vars_free(v);
  lp_vars_free(NULL);
}

static void test_child_overlay(void) {
  LpVars *parent = sample();
  LpVars *child = lp_vars_new_child(parent);
  lp_vars_set(child, "page", "2");
  lp_vars_set(child, "title", "Overridden");
  g_assert_cmpstr(lp_vars_get(child, "page"), ==, "2");
  g_assert_cmpstr(lp_vars_get(child, "title"), ==, "Overridden");
  g_assert_cmpstr(lp_vars_get(child, "version"), ==, "T-1");
  /* The parent never sees what the child holds. */
  g_assert_cmpstr(lp_vars_get(parent, "title"), ==, "Wound care");
  g_assert_null(lp_vars_get(parent, "page"));
  lp_vars_free(child);
  lp_vars_free(parent);
}

static void test_keys(void) {
  LpVars *parent = lp_vars_new();
  lp_vars_set(parent, "title", "T");
  lp_vars_set(parent, "clinic.name", "C");
  LpVars *child = lp_vars_new_child(parent);
  lp_vars_set(child, "page", "1");
  lp_vars_set(child, "title", "again");
  GPtrArray *keys = lp_vars_keys(child);
  g_assert_cmpuint(keys->len, ==, 3);
  g_assert_cmpstr(g_ptr_array_index(keys, 0), ==, "clinic.name");
  g_assert_cmpstr(g_ptr_array_index(keys, 1), ==, "page");
  g_assert_cmpstr(g_ptr_array_index(keys, 2), ==, "title");
  g_ptr_array_unref(keys);
  keys = lp_vars_keys(parent);
  g_assert_cmpuint(keys->len, ==, 2);
  g_ptr_array_unref(keys);
  lp_vars_free(child);
  lp_vars_free(parent);
}

static void test_expand_plain(void) {
  LpVars *v = sample();
  assert_expands(v, "", "");
  assert_expands(v, "no placeholders at all", "no placeholders at all");
  assert_expands(v, "{title}", "Wound care");
  assert_expands(v, "{label.version} {version} · {clinic.name}", "Version T-1 · Example Skin Clinic");
  assert_expands(v, "{page_count-2}{title}", "xWound care");
  assert_expands(v, "Çay {title}", "Çay Wound care");
  lp_vars_free(v);
}

static void test_expand_nested_values(void) {
  LpVars *parent = sample();
  LpVars *page = lp_vars_new_child(parent);
  lp_vars_set(page, "page", "1");
  lp_vars_set(page, "pages", "2");
  assert_expands(page, "{label.page_of}", "Page 1 of 2");
  assert_expands(page, "{title} – {label.page_of}", "Wound care – Page 1 of 2");
  lp_vars_free(page);
  lp_vars_free(parent);
}

/* Only labels are templates: a title or a clinic's name with braces in it
 * prints as written (it used to be expanded, and failed). */
static void test_expand_values_are_text(void) {
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "title", "Care {after} surgery {{x}}");
  lp_vars_set(v, "clinic.name", "{clinic.name}");
  assert_expands(v, "{title}", "Care {after} surgery {{x}}");
  assert_expands(v, "[{clinic.name}]", "[{clinic.name}]");
  lp_vars_free(v);
}

static void test_expand_depth_limit_ok(void) {
  /* Eight levels of values (v0 … v7) below the template are within the limit. */
  LpVars *v = lp_vars_new();
  for (int i = 0; i < 7; i++) {
    char *key = g_strdup_printf("label.v%d", i);
    char *val = g_strdup_printf("{label.v%d}", i + 1);
    lp_vars_set(v, key, val);
    g_free(key);
    g_free(val);
  }
  lp_vars_set(v, "label.v7", "end");
  assert_expands(v, "{label.v0}", "end");
  lp_vars_free(v);
}

static void test_expand_braces(void) {
  LpVars *v = sample();
  assert_expands(v, "{{title}}", "{title}");
  assert_expands(v, "{{{title}}}", "{Wound care}");
  assert_expands(v, "a }} b {{ c", "a } b { c");
  /* A lone closing brace is plain text. */
  assert_expands(v, "smile :}", "smile :}");
  lp_vars_free(v);
}

static void test_expand_braces_in_values(void) {
  /* A label's "{{" is an escape too, and its result is not expanded again. */
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "label.a", "{{b}}");
  lp_vars_set(v, "b", "never");
  assert_expands(v, "{label.a}", "{b}");
  lp_vars_free(v);
}

static void test_error_unknown_suggestion(void) {
  LpVars *v = sample();
  expand_fail(v, "{titel}", 12, 9, "unknown placeholder {titel}; did you mean {title}?");
  expand_fail(v, "{label.version} {clinic.nmae}", 4, 3,
              "unknown placeholder {clinic.nmae}; did you mean {clinic.name}?");
  lp_vars_free(v);
}

static void test_error_unknown_no_suggestion(void) {
  LpVars *v = sample();
  GError *err = NULL;
  LpPos pos = lp_pos(FILE_NAME, 7, 12);
  g_assert_null(lp_vars_expand(v, "{clinic.opening_hours}", &pos, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 7, 12,
                       "unknown placeholder {clinic.opening_hours}; set it in the clinic profile or with --set "
                       "clinic.opening_hours=VALUE");
  g_assert_null(strstr(err->message, "did you mean"));
  g_error_free(err);
  lp_vars_free(v);
}

static void test_error_unknown_in_empty_table(void) {
  LpVars *v = lp_vars_new();
  expand_fail(v, "{title}", 1, 1, "unknown placeholder {title}; set it in the clinic profile");
  lp_vars_free(v);
}

static void test_error_unknown_inside_value(void) {
  /* The template is what the author can see, so the error stays at its place. */
  LpVars *v = sample();
  lp_vars_set(v, "label.page_of", "Page {pag}");
  lp_vars_set(v, "page", "1");
  expand_fail(v, "{label.page_of}", 42, 11, "unknown placeholder {pag}; did you mean {page}?");
  lp_vars_free(v);
}

static void test_error_broken(void) {
  LpVars *v = sample();
  static const char *const broken[] = {"{title", "Page {", "{}", "{ti tle}", "{title!}", "{a{b}}", "x {é}"};
  for (gsize i = 0; i < G_N_ELEMENTS(broken); i++) {
    GError *err = NULL;
    LpPos pos = lp_pos(FILE_NAME, 5, 8);
    g_assert_null(lp_vars_expand(v, broken[i], &pos, &err));
    lp_test_assert_error(err, LP_EXIT_INPUT, FILE_NAME, 5, 8,
                         "expected {name} with letters, digits, '.', '_' or '-' (write {{ for a literal brace)");
    char *quoted = g_strdup_printf("broken placeholder in \"%s\"", broken[i]);
    g_assert_nonnull(strstr(err->message, quoted));
    g_free(quoted);
    g_error_free(err);
  }
  lp_vars_free(v);
}

static void test_error_self_loop(void) {
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "label.a", "again {label.a}");
  expand_fail(v, "{label.a}", 9, 3, "placeholders nest deeper than 8 levels (a value refers to itself?)");
  lp_vars_free(v);
}

static void test_error_mutual_loop(void) {
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "label.a", "{label.b}");
  lp_vars_set(v, "label.b", "x {label.a}");
  expand_fail(v, "start {label.b}", 2, 14, "placeholders nest deeper than 8 levels");
  lp_vars_free(v);
}

static void test_error_loop_through_child(void) {
  LpVars *parent = lp_vars_new();
  lp_vars_set(parent, "label.a", "{label.b}");
  LpVars *child = lp_vars_new_child(parent);
  lp_vars_set(child, "label.b", "{label.a}");
  expand_fail(child, "{label.a}", 6, 6, "placeholders nest deeper than 8 levels");
  lp_vars_free(child);
  lp_vars_free(parent);
}

static void test_error_too_deep_chain(void) {
  /* Nine levels (v0 … v8): one more than the limit, though no value loops. */
  LpVars *v = lp_vars_new();
  for (int i = 0; i < 8; i++) {
    char *key = g_strdup_printf("label.v%d", i);
    char *val = g_strdup_printf("{label.v%d}", i + 1);
    lp_vars_set(v, key, val);
    g_free(key);
    g_free(val);
  }
  lp_vars_set(v, "label.v8", "end");
  expand_fail(v, "{label.v0}", 3, 4, "placeholders nest deeper than 8 levels");
  lp_vars_free(v);
}

static void test_error_without_position(void) {
  LpVars *v = sample();
  GError *err = NULL;
  g_assert_null(lp_vars_expand(v, "{nope}", NULL, &err));
  g_assert_error(err, LP_ERROR, LP_EXIT_INPUT);
  g_assert_true(g_str_has_prefix(err->message, "unknown placeholder {nope}"));
  g_error_free(err);
  /* and without a place to report to */
  g_assert_null(lp_vars_expand(v, "{nope}", NULL, NULL));
  lp_vars_free(v);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/vars/set-get", test_set_get);
  g_test_add_func("/vars/child-overlay", test_child_overlay);
  g_test_add_func("/vars/keys", test_keys);
  g_test_add_func("/vars/expand/plain", test_expand_plain);
  g_test_add_func("/vars/expand/nested-values", test_expand_nested_values);
  g_test_add_func("/vars/expand/values-are-text", test_expand_values_are_text);
  g_test_add_func("/vars/expand/depth-limit-ok", test_expand_depth_limit_ok);
  g_test_add_func("/vars/expand/braces", test_expand_braces);
  g_test_add_func("/vars/expand/braces-in-values", test_expand_braces_in_values);
  g_test_add_func("/vars/error/unknown-suggestion", test_error_unknown_suggestion);
  g_test_add_func("/vars/error/unknown-no-suggestion", test_error_unknown_no_suggestion);
  g_test_add_func("/vars/error/unknown-in-empty-table", test_error_unknown_in_empty_table);
  g_test_add_func("/vars/error/unknown-inside-value", test_error_unknown_inside_value);
  g_test_add_func("/vars/error/broken", test_error_broken);
  g_test_add_func("/vars/error/self-loop", test_error_self_loop);
  g_test_add_func("/vars/error/mutual-loop", test_error_mutual_loop);
  g_test_add_func("/vars/error/loop-through-child", test_error_loop_through_child);
  g_test_add_func("/vars/error/too-deep-chain", test_error_too_deep_chain);
  g_test_add_func("/vars/error/without-position", test_error_without_position);
  return g_test_run();
}
