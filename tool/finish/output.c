#include "finish/output.h"

#include "doc/limits.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static gboolean write_stdout(GBytes *data, GError **err) {
  gsize len;
  const char *p = g_bytes_get_data(data, &len);
  while (len > 0) {
    ssize_t n = write(STDOUT_FILENO, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      lp_set_error(err, LP_EXIT_IO, NULL, "cannot write to standard output: %s", g_strerror(errno));
      return FALSE;
    }
    p += n;
    len -= (gsize)n;
  }
  return TRUE;
}

gboolean lp_output_write(const char *path, GBytes *data, GError **err) {
  if (strcmp(path, "-") == 0)
    return write_stdout(data, err);
  LpPos pos = lp_pos(path, 0, 0);
  if (!lp_limit_account_output(path, g_bytes_get_size(data), err))
    return FALSE;
  char *dir = g_path_get_dirname(path);
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot create the folder %s: %s", dir, g_strerror(errno));
    g_free(dir);
    return FALSE;
  }
  g_free(dir);
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot write: it is a folder");
    return FALSE;
  }
  gsize len;
  const char *bytes = g_bytes_get_data(data, &len);
  GError *e = NULL;
  if (!g_file_set_contents_full(path, bytes, (gssize)len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &e)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot write: %s", e->message);
    g_error_free(e);
    return FALSE;
  }
  return TRUE;
}

char *lp_output_page_path(const char *path, guint page) {
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(path, '.');
  if (!dot || (slash && dot < slash))
    return g_strdup_printf("%s-%u", path, page);
  return g_strdup_printf("%.*s-%u%s", (int)(dot - path), path, page, dot);
}

void lp_output_remove_stale_pages(const char *path, guint count) {
  /* Names of the form stem-N.ext with N above count, and nothing else. */
  char *dir = g_path_get_dirname(path);
  char *pattern = lp_output_page_path(path, 0);
  char *base = g_path_get_basename(pattern);
  char *zero = strrchr(base, '0'); /* the page number's place in the name */
  gsize pre = (gsize)(zero - base);
  const char *post = zero + 1;
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    gsize len = strlen(name), post_len = strlen(post);
    if (len <= pre + post_len || strncmp(name, base, pre) != 0 || strcmp(name + len - post_len, post) != 0)
      continue;
    guint64 n;
    char *num = g_strndup(name + pre, len - pre - post_len);
    if (g_ascii_string_to_unsigned(num, 10, count + 1, G_MAXUINT, &n, NULL) && num[0] != '0') {
      char *stale = g_build_filename(dir, name, NULL);
      g_unlink(stale);
      g_free(stale);
    }
    g_free(num);
  }
  if (d)
    g_dir_close(d);
  g_free(base);
  g_free(pattern);
  g_free(dir);
}
