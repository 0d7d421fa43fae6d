/* The relocation rule (read/datadir.h): an executable at PREFIX/bin finds its
 * data at PREFIX/share/leafpress, whatever PREFIX is; a folder is installed
 * data only with layouts/ and fonts/fonts.conf; the test program itself,
 * run from the build tree, has none. */
#include <glib/gstdio.h>

#include "read/datadir.h"
#include "testutil.h"

static void test_for_exe(void) {
  static const struct {
    const char *exe, *dir;
  } cases[] = {
      {"/usr/bin/leafpress", "/usr/share/leafpress"},
      {"/usr/local/bin/leafpress", "/usr/local/share/leafpress"},
      {"/opt/leafpress-0.1/bin/leafpress", "/opt/leafpress-0.1/share/leafpress"},
      {"/tmp/unpacked root/usr/bin/leafpress", "/tmp/unpacked root/usr/share/leafpress"},
      {"/bin/leafpress", "/share/leafpress"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *dir = lp_datadir_for_exe(cases[i].exe);
    g_assert_cmpstr(dir, ==, cases[i].dir);
    g_free(dir);
  }
}

/* Removes `path` and everything under it: a scratch folder from an earlier run. */
static void remove_tree(const char *path) {
  GDir *d = g_dir_open(path, 0, NULL);
  const char *e;
  while (d && (e = g_dir_read_name(d))) {
    char *child = g_build_filename(path, e, NULL);
    if (g_file_test(child, G_FILE_TEST_IS_DIR) && !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
      remove_tree(child);
    else
      g_unlink(child);
    g_free(child);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(path);
}

static void test_valid(void) {
  const char *tmp = lp_test_tmp();
  char *prefix = g_build_filename(tmp, "prefix", NULL);
  remove_tree(prefix);
  g_free(prefix);
  char *root = g_build_filename(tmp, "prefix", "share", "leafpress", NULL);
  g_mkdir_with_parents(root, 0777);
  g_assert_false(lp_datadir_valid(root));
  char *layouts = g_build_filename(root, "layouts", NULL);
  g_mkdir_with_parents(layouts, 0777);
  g_assert_false(lp_datadir_valid(root)); /* no fonts.conf yet */
  char *conf = lp_test_write("prefix/share/leafpress/fonts/fonts.conf", "<fontconfig/>\n");
  g_assert_true(lp_datadir_valid(root));
  char *exe = g_build_filename(tmp, "prefix", "bin", "leafpress", NULL);
  char *found = lp_datadir_for_exe(exe);
  g_assert_true(lp_datadir_valid(found));
  g_free(found);
  g_free(exe);
  g_free(conf);
  g_free(layouts);
  g_free(root);
}

static void test_not_installed(void) {
  /* This program lives in the build tree, which has no share/leafpress. */
  g_assert_null(lp_datadir());
  g_assert_false(lp_datadir_contains("/usr/share/leafpress/layouts/a4-leaflet.yaml"));
  g_assert_null(lp_datadir_layout("a4-leaflet"));
  GPtrArray *names = lp_datadir_layout_names();
  g_assert_cmpuint(names->len, ==, 0);
  g_ptr_array_unref(names);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/datadir/for-exe", test_for_exe);
  g_test_add_func("/datadir/valid", test_valid);
  g_test_add_func("/datadir/not-installed", test_not_installed);
  return g_test_run();
}
