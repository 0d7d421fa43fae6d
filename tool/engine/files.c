#include "engine/files.h"

#include <errno.h>
#include <fcntl.h>
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

G_GNUC_PRINTF(3, 4) static void io_error(GError **err, const char *path, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  LpPos pos = lp_pos(path, 0, 0);
  lp_set_error(err, LP_EXIT_IO, &pos, "%s", msg);
  g_free(msg);
}

gboolean lp_files_write_one(LpCtx *ctx, const char *path, GBytes *data, GError **err) {
  if (strcmp(path, "-") == 0)
    return write_stdout(data, err);
  /* Errors name the file through io_error: lp_pos interns the name, and a
   * batch writes every output and its stamp here (a place made up front kept
   * 100 000 names for 50 000 cards). */
  if (!lp_ctx_account_output(ctx, path, g_bytes_get_size(data), err))
    return FALSE;
  char *dir = g_path_get_dirname(path);
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    io_error(err, path, "cannot create the folder %s: %s", dir, g_strerror(errno));
    g_free(dir);
    return FALSE;
  }
  g_free(dir);
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    io_error(err, path, "cannot write: it is a folder");
    return FALSE;
  }
  gsize len;
  const char *bytes = g_bytes_get_data(data, &len);
  GError *e = NULL;
  if (!g_file_set_contents_full(path, bytes, (gssize)len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &e)) {
    io_error(err, path, "cannot write: %s", e->message);
    g_error_free(e);
    return FALSE;
  }
  return TRUE;
}

struct LpFileStream {
  LpCtx *ctx;
  char *path, *tmp; /* tmp NULL: standard output */
  FILE *f;
  GError *error;    /* the first write that failed */
};

LpFileStream *lp_file_stream_open(LpCtx *ctx, const char *path, GError **err) {
  LpFileStream *s = g_new0(LpFileStream, 1);
  s->ctx = ctx;
  s->path = g_strdup(path);
  if (strcmp(path, "-") == 0) {
    s->f = stdout;
    return s;
  }
  LpPos pos = lp_pos(path, 0, 0);
  char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot create the folder %s: %s", dir, g_strerror(errno));
  } else if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot write: it is a folder");
  } else {
    char *name = g_strdup_printf(".%s.XXXXXX", base);
    s->tmp = g_build_filename(dir, name, NULL);
    g_free(name);
    int fd = g_mkstemp_full(s->tmp, O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0 || !(s->f = fdopen(fd, "wb"))) {
      lp_set_error(err, LP_EXIT_IO, &pos, "cannot write: %s", g_strerror(errno));
      if (fd >= 0)
        close(fd);
      if (fd >= 0)
        g_unlink(s->tmp);
    }
  }
  g_free(dir);
  g_free(base);
  if (!s->f) {
    g_free(s->tmp);
    g_free(s->path);
    g_free(s);
    return NULL;
  }
  return s;
}

void lp_file_stream_write(LpFileStream *s, const char *data, gsize len) {
  if (s->error || !len)
    return;
  if (!lp_ctx_account_output(s->ctx, s->path, len, &s->error))
    return;
  if (fwrite(data, 1, len, s->f) != len) {
    LpPos pos = lp_pos(s->path, 0, 0);
    lp_set_error(&s->error, LP_EXIT_IO, &pos, "cannot write: %s", g_strerror(errno));
  }
}

static void stream_free(LpFileStream *s) {
  g_clear_error(&s->error);
  g_free(s->tmp);
  g_free(s->path);
  g_free(s);
}

gboolean lp_file_stream_commit(LpFileStream *s, GError **err) {
  LpPos pos = lp_pos(s->path, 0, 0);
  if (!s->tmp) {
    if (!s->error && fflush(s->f) != 0)
      lp_set_error(&s->error, LP_EXIT_IO, NULL, "cannot write to standard output: %s", g_strerror(errno));
  } else {
    /* Flushed to the disk before the rename, as g_file_set_contents does:
     * after a crash the file is the old one or the new one. */
    if (!s->error && (fflush(s->f) != 0 || fsync(fileno(s->f)) != 0))
      lp_set_error(&s->error, LP_EXIT_IO, &pos, "cannot write: %s", g_strerror(errno));
    if (fclose(s->f) != 0 && !s->error)
      lp_set_error(&s->error, LP_EXIT_IO, &pos, "cannot write: %s", g_strerror(errno));
    if (!s->error && g_rename(s->tmp, s->path) != 0)
      lp_set_error(&s->error, LP_EXIT_IO, &pos, "cannot write: %s", g_strerror(errno));
    if (s->error)
      g_unlink(s->tmp);
  }
  gboolean ok = !s->error;
  if (!ok)
    g_propagate_error(err, g_steal_pointer(&s->error));
  stream_free(s);
  return ok;
}

void lp_file_stream_abort(LpFileStream *s) {
  if (!s)
    return;
  if (s->tmp) {
    fclose(s->f);
    g_unlink(s->tmp);
  }
  stream_free(s);
}

char *lp_files_page_path(const char *path, guint page) {
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(path, '.');
  if (!dot || (slash && dot < slash))
    return g_strdup_printf("%s-%u", path, page);
  return g_strdup_printf("%.*s-%u%s", (int)(dot - path), path, page, dot);
}

void lp_files_remove_stale_pages(const char *path, guint count) {
  /* Names of the form stem-N.ext with N above count, and nothing else. */
  char *dir = g_path_get_dirname(path);
  char *pattern = lp_files_page_path(path, 0);
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

char *lp_files_format_path(const char *out, LpFormat f, guint n_formats) {
  if (strcmp(out, "-") == 0)
    return g_strdup(out);
  const char *slash = strrchr(out, '/');
  const char *dot = strrchr(out, '.');
  gboolean has_ext = dot && (!slash || dot > slash);
  LpFormat known;
  gboolean ours = has_ext && lp_format_parse(dot + 1, &known);
  if ((ours && known == f) || (!ours && n_formats == 1))
    return g_strdup(out);
  if (!ours)
    return g_strdup_printf("%s.%s", out, lp_format_name(f));
  return g_strdup_printf("%.*s.%s", (int)(dot - out), out, lp_format_name(f));
}

/* One file to write: a path and its bytes. */
typedef struct {
  char *path;
  GBytes *bytes;
} Pending;

static void pending_clear(gpointer p) {
  Pending *f = p;
  g_free(f->path);
  g_bytes_unref(f->bytes);
}

gboolean lp_files_write(LpCtx *ctx, const LpResult *r, const LpFormat *formats, guint n_formats,
                        const char *const *outs, GPtrArray *written, GError **err) {
  /* Every path first, then the files: a result that cannot go where it was
   * asked to writes nothing. */
  GArray *pending = g_array_new(FALSE, TRUE, sizeof(Pending));
  g_array_set_clear_func(pending, pending_clear);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n_formats; i++) {
    const char *out = outs[i];
    guint pages = 0;
    for (guint k = 0; k < r->files->len; k++)
      pages += ((const LpOutFile *)g_ptr_array_index(r->files, k))->format == formats[i];
    if (strcmp(out, "-") == 0 && pages > 1) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "-o - writes one file, but this %s proof has %u pages: give a file name instead",
                   lp_format_name(formats[i]), pages);
      ok = FALSE;
      break;
    }
    for (guint k = 0; k < r->files->len; k++) {
      const LpOutFile *f = g_ptr_array_index(r->files, k);
      if (f->format != formats[i])
        continue;
      Pending one = {f->page && strcmp(out, "-") != 0 ? lp_files_page_path(out, f->page) : g_strdup(out),
                     g_bytes_ref(f->bytes)};
      g_array_append_val(pending, one);
    }
  }
  if (ok && lp_ctx_cancelled(ctx)) {
    lp_set_error(err, LP_EXIT_IO, NULL, "interrupted");
    ok = FALSE;
  }
  for (guint i = 0; ok && i < pending->len; i++) {
    Pending *f = &g_array_index(pending, Pending, i);
    ok = lp_files_write_one(ctx, f->path, f->bytes, err);
    if (ok && written)
      g_ptr_array_add(written, g_strdup(f->path));
  }
  /* Proofs of a longer earlier build leave page files behind. */
  for (guint i = 0; ok && i < n_formats; i++)
    if (formats[i] != LP_FORMAT_PDF && strcmp(outs[i], "-") != 0)
      lp_files_remove_stale_pages(outs[i], r->pages);
  g_array_free(pending, TRUE);
  return ok;
}
