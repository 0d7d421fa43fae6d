/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include "read/paths.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Granted folders, canonical (symbolic links resolved), and which of them
 * --allow-path granted. Set by the command line before any thread starts. */
static GPtrArray *roots;
static GPtrArray *explicit_roots;

void lp_paths_reset(void) {
  if (roots)
    g_ptr_array_set_size(roots, 0);
  if (explicit_roots)
    g_ptr_array_set_size(explicit_roots, 0);
}

/* realpath(3): the path with every symbolic link resolved, or NULL. */
static char *real(const char *path) {
  char *r = realpath(path, NULL);
  if (!r)
    return NULL;
  char *g = g_strdup(r);
  free(r);
  return g;
}

static void add_root(GPtrArray **list, const char *r) {
  if (!*list)
    *list = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < (*list)->len; i++)
    if (strcmp(g_ptr_array_index(*list, i), r) == 0)
      return;
  g_ptr_array_add(*list, g_strdup(r));
}

gboolean lp_paths_allow(const char *dir, gboolean explicit_grant, GError **err) {
  char *r = real(dir);
  if (!r || !g_file_test(r, G_FILE_TEST_IS_DIR)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--allow-path %s: not a folder", dir);
    g_free(r);
    return FALSE;
  }
  add_root(&roots, r);
  if (explicit_grant)
    add_root(&explicit_roots, r);
  g_free(r);
  return TRUE;
}

static gboolean inside(const char *path, const char *root) {
  gsize n = strlen(root);
  return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0' || (n == 1 && root[0] == '/'));
}

/* Whether the canonical `path` lies in a granted folder; with none granted,
 * in `fallback` (the naming file's folder). */
static gboolean in_list(const char *path, const GPtrArray *list) {
  for (guint i = 0; list && i < list->len; i++)
    if (inside(path, g_ptr_array_index((GPtrArray *)list, i)))
      return TRUE;
  return FALSE;
}

static gboolean granted(const char *path, const char *fallback) {
  if (!roots || roots->len == 0)
    return fallback && inside(path, fallback);
  return in_list(path, roots);
}

static const char *hint(void) {
  return "name files relative to the file that names them, inside the project or the article's folder, or grant a "
         "folder with --allow-path DIR";
}

char *lp_paths_resolve(const char *naming, const char *value, const char *what, const LpPos *pos, LpPathKind kind,
                       GError **err) {
  if (!*value) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "%s: expected a file name, found nothing", what);
    return NULL;
  }
  char *dir = g_path_get_dirname(naming);
  char *real_dir = real(dir);
  char *full = g_path_is_absolute(value) ? g_strdup(value) : g_build_filename(dir, value, NULL);
  g_free(dir);
  char *canon = real(full);
  char *result = NULL;
  if (!canon && kind != LP_PATH_OUTPUT) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "%s '%s': %s", what, value, g_strerror(errno));
    goto out;
  }
  if (!canon) {
    /* An output not made yet: its nearest existing folder must be granted. */
    char *probe = g_canonicalize_filename(full, NULL);
    while (!canon && strcmp(probe, "/") != 0) {
      char *up = g_path_get_dirname(probe);
      g_free(probe);
      probe = up;
      canon = real(probe);
    }
    g_free(probe);
  }
  /* An absolute name only inside a folder granted with --allow-path: the
   * same name means another file on every other machine. */
  gboolean absolute_ok = !g_path_is_absolute(value) || (canon && in_list(canon, explicit_roots));
  if (!canon || !granted(canon, real_dir) || !absolute_ok) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "%s '%s' %s: %s", what, value,
                 g_path_is_absolute(value)   ? "is an absolute path"
                 : strstr(value, "..") != NULL ? "climbs out of the project and the article's folder"
                                               : "leads out of the project and the article's folder (a symbolic link?)",
                 hint());
    goto out;
  }
  if (kind != LP_PATH_OUTPUT) {
    GStatBuf st;
    gboolean stat_ok = g_stat(canon, &st) == 0;
    gboolean ok = stat_ok && (S_ISREG(st.st_mode) || (kind == LP_PATH_FILE_OR_DIR && S_ISDIR(st.st_mode)));
    if (!ok) {
      lp_set_error(err, LP_EXIT_INPUT, pos, "%s '%s' is %s, not a file", what, value,
                   stat_ok && S_ISDIR(st.st_mode) ? "a folder" : "a device or special file");
      goto out;
    }
    result = g_strdup(canon);
  } else {
    result = g_canonicalize_filename(full, NULL);
  }
out:
  g_free(canon);
  g_free(full);
  g_free(real_dir);
  return result;
}
