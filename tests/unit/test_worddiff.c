/* Word diffs for stale translations (doc/worddiff.c): what a translator is
 * shown of a source section that changed. Expected strings are written by
 * hand from the two texts. */
#include <string.h>

#include "doc/worddiff.h"
#include "testutil.h"

static void expect(const char *before, const char *after, guint context, guint max, const char *want) {
  char *got = lp_worddiff(before, after, context, max);
  g_assert_cmpstr(got, ==, want);
  g_free(got);
}

static void test_same(void) {
  expect("the habit disappears", "the habit disappears", 3, 3, "");
  /* Spacing is not a change a translator must follow. */
  expect("the  habit\ndisappears", "the habit disappears", 3, 3, "");
}

static void test_replace(void) {
  expect("it goes away after a few weeks on average", "it goes away after two or three weeks on average", 2, 3,
         "… away after [-a few-] {+two or three+} weeks on …");
  expect("a b c", "a c", 1, 3, "a [-b-] c");
  expect("a c", "a b c", 1, 3, "a {+b+} c");
  expect("", "new text", 2, 3, "{+new text+}");
  expect("old text", "", 2, 3, "[-old text-]");
}

static void test_hunks(void) {
  /* Changes close together are one hunk; far apart, two; past the maximum,
   * the rest are counted. */
  expect("one two three four", "one 2 three 4", 1, 3, "one [-two-] {+2+} three [-four-] {+4+}");
  expect("a b c d e f g h i j", "A b c d e f g h i J", 1, 3, "[-a-] {+A+} b …; … i [-j-] {+J+}");
  expect("a b c d e f g h i j", "A b c d e f g h i J", 1, 1, "[-a-] {+A+} b … and 1 more change");
}

static void test_cjk(void) {
  /* Han characters are words of their own. */
  expect("头痛会消失", "头痛会减轻", 2, 3, "… 痛 会 [-消 失-] {+减 轻+}");
}

static void test_large(void) {
  /* Past the table's size (about 3,000 words each side) the middle between
   * the common ends is one change, and it still ends. */
  GString *a = g_string_new(NULL), *b = g_string_new(NULL);
  for (int i = 0; i < 3000; i++) {
    g_string_append_printf(a, "w%d ", i);
    g_string_append_printf(b, "w%d ", i % 7 == 0 ? -i : i);
  }
  char *got = lp_worddiff(a->str, b->str, 2, 3);
  g_assert_nonnull(strstr(got, "[-w7 w8"));
  g_assert_nonnull(strstr(got, "{+w-7 w8"));
  g_assert_null(strstr(got, "more change"));
  g_free(got);
  g_string_free(a, TRUE);
  g_string_free(b, TRUE);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/worddiff/same", test_same);
  g_test_add_func("/worddiff/replace", test_replace);
  g_test_add_func("/worddiff/hunks", test_hunks);
  g_test_add_func("/worddiff/cjk", test_cjk);
  g_test_add_func("/worddiff/large", test_large);
  return g_test_run();
}
