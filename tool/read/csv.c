#include "read/csv.h"

#include "doc/limits.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define CHUNK 65536

typedef struct {
  GPtrArray *fields;
  int line;
} Row;

struct LpCsv {
  char *path;
  FILE *file;
  struct csv_parser parser;
  GPtrArray *header;
  GQueue rows;        /* Row*, parsed and not yet handed out */
  GPtrArray *current; /* the row being parsed */
  int line;           /* lines fed to the parser so far */
  int row_line;       /* where the row being parsed starts */
  int next_row_line;  /* where the next row will start */
  gsize rows_seen, max_rows, max_field;
  gsize row_bytes;    /* bytes fed since the last complete row */
  gboolean first_chunk, eof;
  GError *error;      /* from a callback */
  char *carry;        /* a line split across chunks */
};

static void on_field(void *s, size_t len, void *data) {
  LpCsv *c = data;
  if (!c->current) {
    c->current = g_ptr_array_new_with_free_func(g_free);
    c->row_line = c->next_row_line;
  }
  if (len > c->max_field && !c->error) {
    LpPos pos = lp_pos(c->path, c->row_line, 1);
    lp_set_error(&c->error, LP_EXIT_INPUT, &pos,
                 "a field of %zu bytes, over the limit of %zu %s", len, c->max_field,
                 lp_limit_hint(LP_LIMIT_CSV_FIELD));
  }
  g_ptr_array_add(c->current, g_strndup(s ? s : "", len));
}

static void on_row(int term, void *data) {
  LpCsv *c = data;
  (void)term;
  c->next_row_line = c->line + 1;
  c->row_bytes = 0;
  if (!c->current)
    return;
  Row *r = g_new(Row, 1);
  r->fields = c->current;
  r->line = c->row_line;
  c->current = NULL;
  c->row_line = 0;
  g_queue_push_tail(&c->rows, r);
}

static void row_free(gpointer p) {
  Row *r = p;
  if (r->fields)
    g_ptr_array_unref(r->fields);
  g_free(r);
}

/* A row can only be so long: its fields at the size limit. Past that it is an
 * unclosed quote swallowing the rest of the file, and libcsv would buffer all
 * of it. */
static gboolean row_too_long(LpCsv *c, GError **err) {
  /* The header's width; while the header itself is being read, the width of
   * the row just parsed (the header) once there is one. */
  const Row *first = g_queue_peek_head(&c->rows);
  gsize columns = c->header ? c->header->len : first ? first->fields->len : 64;
  if (c->row_bytes <= (columns + 1) * (c->max_field + 3))
    return FALSE;
  LpPos pos = lp_pos(c->path, c->next_row_line, 1);
  lp_set_error(err, LP_EXIT_INPUT, &pos,
               "this row runs on for %zu bytes, more than %zu columns of at most %zu bytes: is a quote left open? %s",
               c->row_bytes, columns, c->max_field, lp_limit_hint(LP_LIMIT_CSV_FIELD));
  return TRUE;
}

/* Feeds the parser line by line, so that every row knows its first line. */
static gboolean feed(LpCsv *c, GError **err) {
  char buf[CHUNK];
  size_t n = fread(buf, 1, sizeof buf, c->file);
  if (n == 0) {
    if (ferror(c->file)) {
      LpPos pos = lp_pos(c->path, 0, 0);
      lp_set_error(err, LP_EXIT_IO, &pos, "cannot read the data file: %s", g_strerror(errno));
      return FALSE;
    }
    if (c->carry) {
      c->line++;
      csv_parse(&c->parser, c->carry, strlen(c->carry), on_field, on_row, c);
      g_clear_pointer(&c->carry, g_free);
    }
    c->eof = TRUE;
    if (csv_fini(&c->parser, on_field, on_row, c) != 0) {
      /* CSV_STRICT_FINI: the file ends inside a quoted field. */
      LpPos pos = lp_pos(c->path, c->next_row_line, 1);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "the file ends inside a quoted field: is a closing quote missing?");
      return FALSE;
    }
    return TRUE;
  }
  const char *p = buf, *end = buf + n;
  if (c->first_chunk && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  c->first_chunk = FALSE;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) {
      char *rest = g_strndup(p, (gsize)(end - p));
      char *joined = c->carry ? g_strconcat(c->carry, rest, NULL) : g_strdup(rest);
      g_free(rest);
      g_free(c->carry);
      c->carry = joined;
      c->row_bytes += (gsize)(end - p);
      if (row_too_long(c, err))
        return FALSE;
      break;
    }
    c->line++;
    /* A blank line between rows moves the next row down. */
    gboolean blank = !c->carry && (nl == p || (nl == p + 1 && *p == '\r'));
    if (blank && !c->current && c->next_row_line == c->line)
      c->next_row_line++;
    if (c->carry) {
      char *line = g_strndup(p, (gsize)(nl + 1 - p));
      csv_parse(&c->parser, c->carry, strlen(c->carry), on_field, on_row, c);
      csv_parse(&c->parser, line, strlen(line), on_field, on_row, c);
      g_free(line);
      g_clear_pointer(&c->carry, g_free);
    } else {
      csv_parse(&c->parser, p, (size_t)(nl + 1 - p), on_field, on_row, c);
    }
    c->row_bytes += (gsize)(nl + 1 - p);
    p = nl + 1;
    if (row_too_long(c, err))
      return FALSE;
  }
  if (csv_error(&c->parser) != 0) {
    LpPos pos = lp_pos(c->path, c->line, 1);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "CSV syntax error: %s", csv_strerror(csv_error(&c->parser)));
    return FALSE;
  }
  return TRUE;
}

static gboolean pop(LpCsv *c, Row **out, GError **err) {
  while (g_queue_is_empty(&c->rows) && !c->eof && !c->error)
    if (!feed(c, err))
      return FALSE;
  if (c->error) {
    g_propagate_error(err, c->error);
    c->error = NULL;
    return FALSE;
  }
  *out = g_queue_pop_head(&c->rows);
  return TRUE;
}

static gboolean check_utf8(LpCsv *c, Row *r, GError **err) {
  for (guint i = 0; i < r->fields->len; i++) {
    const char *f = g_ptr_array_index(r->fields, i);
    if (!g_utf8_validate(f, -1, NULL)) {
      LpPos pos = lp_pos(c->path, r->line, 1);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "column %u is not valid UTF-8: save the data file as UTF-8", i + 1);
      return FALSE;
    }
  }
  return TRUE;
}

LpCsv *lp_csv_open(const char *path, gsize max_rows, gsize max_field, GError **err) {
  LpPos pos = lp_pos(path, 0, 0);
  FILE *f = fopen(path, "rb");
  if (!f) {
    lp_set_error(err, errno == ENOENT ? LP_EXIT_INPUT : LP_EXIT_IO, &pos, "cannot read the data file: %s",
                 g_strerror(errno));
    return NULL;
  }
  return lp_csv_open_stream(f, path, max_rows, max_field, err);
}

LpCsv *lp_csv_open_stream(FILE *f, const char *path, gsize max_rows, gsize max_field, GError **err) {
  LpPos pos = lp_pos(path, 0, 0);
  LpCsv *c = g_new0(LpCsv, 1);
  c->path = g_strdup(path);
  c->file = f;
  c->first_chunk = TRUE;
  c->next_row_line = 1;
  c->max_rows = max_rows ? max_rows : lp_limit_default(LP_LIMIT_CSV_ROWS);
  c->max_field = max_field ? max_field : lp_limit_default(LP_LIMIT_CSV_FIELD);
  g_queue_init(&c->rows);
  csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  Row *r = NULL;
  if (!pop(c, &r, err)) {
    lp_csv_close(c);
    return NULL;
  }
  if (!r) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "the data file is empty: expected a header row of column names");
    lp_csv_close(c);
    return NULL;
  }
  if (!check_utf8(c, r, err)) {
    row_free(r);
    lp_csv_close(c);
    return NULL;
  }
  for (guint i = 0; i < r->fields->len; i++) {
    char *name = g_strstrip((char *)g_ptr_array_index(r->fields, i));
    LpPos hp = lp_pos(path, r->line, 1);
    if (!*name) {
      lp_set_error(err, LP_EXIT_INPUT, &hp, "column %u has no name in the header row", i + 1);
      row_free(r);
      lp_csv_close(c);
      return NULL;
    }
    for (guint k = 0; k < i; k++)
      if (strcmp(name, g_ptr_array_index(r->fields, k)) == 0) {
        lp_set_error(err, LP_EXIT_INPUT, &hp, "column '%s' appears twice in the header row", name);
        row_free(r);
        lp_csv_close(c);
        return NULL;
      }
  }
  c->header = r->fields;
  r->fields = NULL;
  row_free(r);
  return c;
}

void lp_csv_close(LpCsv *c) {
  if (!c)
    return;
  csv_free(&c->parser);
  if (c->file)
    fclose(c->file);
  g_queue_clear_full(&c->rows, row_free);
  if (c->current)
    g_ptr_array_unref(c->current);
  if (c->header)
    g_ptr_array_unref(c->header);
  g_clear_error(&c->error);
  g_free(c->carry);
  g_free(c->path);
  g_free(c);
}

const GPtrArray *lp_csv_header(const LpCsv *c) { return c->header; }
const char *lp_csv_path(const LpCsv *c) { return c->path; }

gboolean lp_csv_next(LpCsv *c, GPtrArray **fields, int *line, GError **err) {
  Row *r = NULL;
  for (;;) {
    if (!pop(c, &r, err))
      return FALSE;
    if (!r)
      return FALSE;
    /* A row of one empty field is a blank line. */
    if (r->fields->len == 1 && !*(const char *)g_ptr_array_index(r->fields, 0)) {
      row_free(r);
      continue;
    }
    break;
  }
  if (++c->rows_seen > c->max_rows) {
    LpPos pos = lp_pos(c->path, r->line, 1);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "more than %zu rows %s", c->max_rows, lp_limit_hint(LP_LIMIT_CSV_ROWS));
    row_free(r);
    return FALSE;
  }
  if (!check_utf8(c, r, err)) {
    row_free(r);
    return FALSE;
  }
  *fields = r->fields;
  *line = r->line;
  r->fields = NULL;
  row_free(r);
  return TRUE;
}
