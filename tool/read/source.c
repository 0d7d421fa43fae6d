#include "read/source.h"

#include "doc/ctx.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static LpPos pos_of_offset(const char *path, const char *data, gsize offset, int first_line) {
  int line = first_line;
  gsize line_start = 0;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n') {
      line++;
      line_start = i + 1;
    }
  /* Count characters up to the bad byte; the part before it is valid UTF-8. */
  int col = (int)g_utf8_strlen(data + line_start, (gssize)(offset - line_start)) + 1;
  return lp_pos(path, line, col);
}

static const char *bidi_name(gunichar c) {
  switch (c) {
  case 0x202A: return "LEFT-TO-RIGHT EMBEDDING";
  case 0x202B: return "RIGHT-TO-LEFT EMBEDDING";
  case 0x202C: return "POP DIRECTIONAL FORMATTING";
  case 0x202D: return "LEFT-TO-RIGHT OVERRIDE";
  case 0x202E: return "RIGHT-TO-LEFT OVERRIDE";
  default: return NULL;
  }
}

/* Bidi controls that make text display differently from the order it is
 * stored in ("Trojan Source"): overrides and embeddings are refused, isolates
 * must close on the line they open. A dose or a phone number must read as it
 * is written; the letters' own direction and isolates (U+2066 to U+2069) are
 * how mixed-direction text is written. Returns the problem (owned by the
 * caller) and its line (from 0) and column, or NULL. */
static char *bidi_problem(const char *data, gsize length, int *line_out, int *col_out) {
  int line = 0, col = 1, open = 0, open_col = 0;
  for (const char *p = data; p < data + length; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    const char *name = bidi_name(c);
    *line_out = line;
    *col_out = col;
    if (name)
      return g_strdup_printf("a bidi control character (U+%04X %s) that can make text read differently from what "
                             "is stored: remove it (use U+2066 to U+2069 isolates for mixed-direction text)",
                             c, name);
    if (c >= 0x2066 && c <= 0x2068) {
      if (open++ == 0)
        open_col = col;
    } else if (c == 0x2069 && open-- == 0) {
      return g_strdup("U+2069 POP DIRECTIONAL ISOLATE closes no isolate on this line");
    }
    gboolean last = g_utf8_next_char(p) >= data + length;
    if (c == '\n' || last) {
      if (open > 0) {
        *col_out = open_col;
        return g_strdup("a directional isolate (U+2066 to U+2068) opened here is not closed with U+2069 on its line");
      }
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return NULL;
}

gboolean lp_source_check_value(const char *value, const char *what, const LpPos *pos, GError **err) {
  int line, col;
  char *msg = bidi_problem(value, strlen(value), &line, &col);
  if (!msg)
    return TRUE;
  lp_set_error(err, LP_EXIT_INPUT, pos, "%s: %s", what, msg);
  g_free(msg);
  return FALSE;
}

gboolean lp_source_check_text(const char *path, const char *data, gsize length, int first_line, GError **err) {
  const char *end = NULL;
  if (!g_utf8_validate_len(data, length, &end)) {
    gsize off = (gsize)(end - data);
    LpPos pos = pos_of_offset(path, data, off, first_line);
    if (data[off] == '\0')
      lp_set_error(err, LP_EXIT_INPUT, &pos, "NUL character in text: expected UTF-8 text without NUL bytes");
    else
      lp_set_error(err, LP_EXIT_INPUT, &pos, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
                   (unsigned char)data[off]);
    return FALSE;
  }
  int line, col;
  char *msg = bidi_problem(data, length, &line, &col);
  if (!msg)
    return TRUE;
  LpPos pos = lp_pos(path, first_line + line, col);
  lp_set_error(err, LP_EXIT_INPUT, &pos, "%s", msg);
  g_free(msg);
  return FALSE;
}

/* The file's bytes (NUL-terminated, *got long), checked to be a regular file
 * inside the size limit. */
static char *read_whole(const LpCtx *ctx, const char *path, const char *what, gsize *out_len, GError **err) {
  LpPos file_pos = lp_pos(path, 0, 0);
  /* Open first, then check what was opened: no window for a swap in between,
   * and a FIFO or device never blocks the read. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    lp_set_error(err, e == ENOENT ? LP_EXIT_INPUT : LP_EXIT_IO, &file_pos, "cannot read %s: %s", what,
                 g_strerror(e));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    lp_set_error(err, LP_EXIT_INPUT, &file_pos, "cannot read %s: not a regular file", what);
    close(fd);
    return NULL;
  }
  if ((guint64)st.st_size > lp_ctx_limit(ctx, LP_LIMIT_INPUT_SIZE)) {
    lp_set_error(err, LP_EXIT_INPUT, &file_pos,
                 "%s is %" G_GUINT64_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT " bytes %s", what,
                 (guint64)st.st_size, lp_ctx_limit(ctx, LP_LIMIT_INPUT_SIZE), lp_limit_hint(LP_LIMIT_INPUT_SIZE));
    close(fd);
    return NULL;
  }
  gsize cap = (gsize)st.st_size;
  char *buf = g_malloc(cap + 1);
  gsize got = 0;
  while (got < cap) {
    ssize_t n = read(fd, buf + got, cap - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      lp_set_error(err, LP_EXIT_IO, &file_pos, "cannot read %s: %s", what, g_strerror(errno));
      close(fd);
      g_free(buf);
      return NULL;
    }
    if (n == 0)
      break;
    got += (gsize)n;
  }
  close(fd);
  buf[got] = '\0';
  *out_len = got;
  return buf;
}

GBytes *lp_source_read_bytes(const LpCtx *ctx, const char *path, const char *what, GError **err) {
  gsize got = 0;
  char *buf = read_whole(ctx, path, what, &got, err);
  if (!buf)
    return NULL;
  if (got == 0) {
    LpPos file_pos = lp_pos(path, 0, 0);
    lp_set_error(err, LP_EXIT_INPUT, &file_pos, "%s is empty", what);
    g_free(buf);
    return NULL;
  }
  return g_bytes_new_take(buf, got);
}

char *lp_source_read(const LpCtx *ctx, const char *path, const char *what, gsize *length, GError **err) {
  LpPos file_pos = lp_pos(path, 0, 0);
  gsize got = 0;
  char *buf = read_whole(ctx, path, what, &got, err);
  if (!buf)
    return NULL;
  if (got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
    memmove(buf, buf + 3, got - 3 + 1);
    got -= 3;
  }
  if (got == 0 || strspn(buf, " \t\r\n") == got) {
    lp_set_error(err, LP_EXIT_INPUT, &file_pos, "%s is empty", what);
    g_free(buf);
    return NULL;
  }
  if (!lp_source_check_text(path, buf, got, 1, err)) {
    g_free(buf);
    return NULL;
  }
  *length = got;
  return buf;
}
