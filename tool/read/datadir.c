/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include "read/datadir.h"

#include <stdlib.h>
#include <string.h>

char *lp_datadir_for_exe(const char *exe) {
  char *bin = g_path_get_dirname(exe);
  char *prefix = g_path_get_dirname(bin);
  char *dir = g_build_filename(prefix, "share", "leafpress", NULL);
  g_free(prefix);
  g_free(bin);
  return dir;
}

gboolean lp_datadir_valid(const char *dir) {
  char *layouts = g_build_filename(dir, "layouts", NULL);
  char *conf = g_build_filename(dir, "fonts", "fonts.conf", NULL);
  gboolean ok = g_file_test(layouts, G_FILE_TEST_IS_DIR) && g_file_test(conf, G_FILE_TEST_IS_REGULAR);
  g_free(conf);
  g_free(layouts);
  return ok;
}

const char *lp_datadir(void) {
  static gsize once;
  static char *dir;
  if (g_once_init_enter(&once)) {
    /* The kernel's name for the running executable, links resolved: a
     * symbolic link /usr/local/bin/leafpress → /opt/leafpress/bin/leafpress
     * finds /opt/leafpress/share/leafpress. */
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *guess = exe ? lp_datadir_for_exe(exe) : NULL;
    char *real = guess && lp_datadir_valid(guess) ? realpath(guess, NULL) : NULL;
    dir = real ? g_strdup(real) : NULL;
    free(real);
    g_free(guess);
    g_free(exe);
    g_once_init_leave(&once, 1);
  }
  return dir;
}

gboolean lp_datadir_contains(const char *path) {
  const char *dir = lp_datadir();
  if (!dir || !path)
    return FALSE;
  gsize n = strlen(dir);
  return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

char *lp_datadir_layout(const char *name) {
  const char *dir = lp_datadir();
  if (!dir || !*name || strchr(name, '/') || name[0] == '.')
    return NULL;
  char *file = g_strdup_printf("%s.yaml", name);
  char *path = g_build_filename(dir, "layouts", file, NULL);
  g_free(file);
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free(path);
  return NULL;
}

static int cmp_str_ptr(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *lp_datadir_layout_names(void) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *dir = lp_datadir();
  char *layouts = dir ? g_build_filename(dir, "layouts", NULL) : NULL;
  GDir *d = layouts ? g_dir_open(layouts, 0, NULL) : NULL;
  const char *e;
  while (d && (e = g_dir_read_name(d)))
    if (g_str_has_suffix(e, ".yaml"))
      g_ptr_array_add(names, g_strdup_printf(LP_INSTALLED_PREFIX "%.*s", (int)(strlen(e) - 5), e));
  if (d)
    g_dir_close(d);
  g_free(layouts);
  g_ptr_array_sort(names, cmp_str_ptr);
  return names;
}
