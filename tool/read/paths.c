/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include "read/paths.h"

#include "read/datadir.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* realpath(3): the path with every symbolic link resolved, or NULL. */
static char *real(const char *path) {
  char *r = realpath(path, NULL);
  if (!r)
    return NULL;
  char *g = g_strdup(r);
  free(r);
  return g;
}

/* Whether the canonical `path` lies in a granted folder; with none granted,
 * in `fallback` (the naming file's folder). */
static gboolean granted(const LpCtx *ctx, const char *path, const char *fallback) {
  if (!lp_ctx_has_grants(ctx)) {
    gsize n = fallback ? strlen(fallback) : 0;
    return fallback && strncmp(path, fallback, n) == 0 &&
           (path[n] == '/' || path[n] == '\0' || (n == 1 && fallback[0] == '/'));
  }
  return lp_ctx_granted(ctx, path, FALSE);
}

static const char *hint(void) {
  return "name files relative to the file that names them, inside the project or the article's folder, or grant a "
         "folder with --allow-path DIR";
}

char *lp_paths_resolve(const LpCtx *ctx, const char *naming, const char *value, const char *what, const LpPos *pos, LpPathKind kind,
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
  gboolean absolute_ok = !g_path_is_absolute(value) || (canon && lp_ctx_granted(ctx, canon, TRUE));
  /* leafpress's installed data may be read (an installed layout extends
   * another next to it) but never written, whatever is granted. */
  gboolean installed = canon && lp_datadir_contains(canon);
  if (installed && kind == LP_PATH_OUTPUT) {
    lp_set_error(err, LP_EXIT_INPUT, pos,
                 "%s '%s' is in leafpress's installed data (%s), which is read-only: write into the project", what,
                 value, lp_datadir());
    goto out;
  }
  if (!canon || !(granted(ctx, canon, real_dir) || installed) || !absolute_ok) {
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

gboolean lp_same_file(const char *a, const char *b) {
  if (!a || !b || strcmp(a, "-") == 0)
    return FALSE;
  char *ca = g_canonicalize_filename(a, NULL), *cb = g_canonicalize_filename(b, NULL);
  gboolean same = strcmp(ca, cb) == 0;
  g_free(ca);
  g_free(cb);
  return same;
}
