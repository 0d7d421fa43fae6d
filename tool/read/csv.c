#include "read/csv.h"

#include "doc/limits.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define CHUNK 65536

typedef enum { ENC_UNKNOWN, ENC_UTF8, ENC_CP1252 } Encoding;

/* A place in the file. Until the encoding is known the column is counted
 * both ways: in UTF-8 characters and in bytes (Windows-1252 has one byte a
 * character). */
typedef struct {
  int line, col_utf8, col_byte;
} Place;

struct LpCsv {
  LpCtx *ctx;
  char *path;
  FILE *file;
  struct csv_parser parser;
  char sep;
  gsize max_rows, max_field, rows_seen;
  Encoding enc;
  /* Where the bytes fed so far end: the next byte's place. A CR, an LF and
   * a CR LF pair each end one physical line. */
  Place at;
  gboolean after_cr;
  /* The row being read: NULL between rows. */
  LpCsvRow *row;
  GArray *row_places; /* Place, one per field of `row` */
  Place field_start;  /* where the field being read starts */
  gsize dropped;      /* bytes of that field cut from libcsv's buffer */
  gboolean skipping;  /* after a syntax error: the rest of the line is skipped */
  GQueue rows;        /* LpCsvRow*, complete, not yet handed out */
  gboolean eof, parser_ready;
  guchar *chunk;      /* the first chunk, read before the parser starts */
  size_t chunk_len;
  GPtrArray *header;
  GArray *header_places; /* LpPos */
};

void lp_csv_row_free(LpCsvRow *r) {
  if (!r)
    return;
  if (r->fields)
    g_ptr_array_unref(r->fields);
  if (r->places)
    g_array_unref(r->places);
  g_clear_error(&r->error);
  g_free(r);
}

char lp_csv_separator_parse(const char *name) {
  if (!name)
    return 0;
  if (!strcmp(name, ",") || !strcmp(name, "comma"))
    return ',';
  if (!strcmp(name, ";") || !strcmp(name, "semicolon"))
    return ';';
  if (!strcmp(name, "tab") || !strcmp(name, "\t"))
    return '\t';
  return 0;
}

const char *lp_csv_separator_name(char sep) { return sep == '\t' ? "tab" : sep == ';' ? ";" : ","; }

/* ---- places ---- */

static void advance(Place *p, gboolean *after_cr, guchar b) {
  if (b == '\n') {
    if (!*after_cr) {
      p->line++;
      p->col_utf8 = p->col_byte = 1;
    }
    *after_cr = FALSE;
    return;
  }
  *after_cr = b == '\r';
  if (b == '\r') {
    p->line++;
    p->col_utf8 = p->col_byte = 1;
    return;
  }
  p->col_byte++;
  if ((b & 0xC0) != 0x80) /* a UTF-8 continuation byte is no character of its own */
    p->col_utf8++;
}

static LpPos pos_of(const LpCsv *c, const Place *p) {
  return lp_pos(c->path, p->line, c->enc == ENC_CP1252 ? p->col_byte : p->col_utf8);
}

/* ---- rows ---- */

static void start_row(LpCsv *c) {
  c->row = g_new0(LpCsvRow, 1);
  c->row->fields = g_ptr_array_new_with_free_func(g_free);
  c->row->line = c->at.line;
  g_array_set_size(c->row_places, 0);
  /* A row starts at the start of its line (blank lines and a line of spaces
   * before it are no rows). */
  c->field_start = (Place){c->at.line, 1, 1};
  c->dropped = 0;
}

/* The first thing wrong with the row is its error; it reads on, so that the
 * next rows find their start. */
G_GNUC_PRINTF(3, 4) static void row_fail(LpCsv *c, const Place *at, const char *fmt, ...) {
  if (!c->row)
    start_row(c);
  if (c->row->error)
    return;
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  LpPos pos = pos_of(c, at);
  lp_set_error(&c->row->error, LP_EXIT_INPUT, &pos, "%s", msg);
  g_free(msg);
}

static void finish_row(LpCsv *c) {
  LpCsvRow *r = c->row;
  c->row = NULL;
  c->dropped = 0;
  if (!r)
    return;
  r->places = g_array_sized_new(FALSE, FALSE, sizeof(LpPos), c->row_places->len);
  for (guint i = 0; i < c->row_places->len; i++) {
    LpPos pos = pos_of(c, &g_array_index(c->row_places, Place, i));
    g_array_append_val(r->places, pos);
  }
  g_queue_push_tail(&c->rows, r);
}

/* The first field with a byte above 127 decides the encoding: UTF-8 if it
 * is UTF-8, else Windows-1252 (Excel's "CSV" in Western Europe). */
static void decide(LpCsv *c, const char *s, size_t len, const Place *at) {
  if (g_utf8_validate_len(s, len, NULL)) {
    c->enc = ENC_UTF8;
    return;
  }
  c->enc = ENC_CP1252;
  if (c->ctx) {
    LpPos pos = pos_of(c, at);
    lp_ctx_warn_hint(c->ctx, &pos, "save the file as \"CSV UTF-8\" to be sure every name reads as written",
                     "the data file is not UTF-8 (this field is the first that is not): it is read as "
                     "Windows-1252, the encoding Excel writes for \"CSV\" in Western European languages");
  }
}

/* A field's bytes as UTF-8 text, or NULL when they are not text in the
 * file's encoding (the row fails). */
static char *text_of(LpCsv *c, const char *s, size_t len, guint index, const Place *at) {
  const char *nul = memchr(s, '\0', len);
  if (nul) {
    row_fail(c, at, "field %u holds a NUL byte: the file is not text (a spreadsheet file, or UTF-16?); export it as CSV",
             index + 1);
    return NULL;
  }
  gboolean ascii = TRUE;
  for (size_t i = 0; i < len && ascii; i++)
    ascii = (guchar)s[i] < 0x80;
  if (ascii)
    return g_strndup(s, len);
  if (c->enc == ENC_UNKNOWN)
    decide(c, s, len, at);
  const char *end;
  if (c->enc == ENC_UTF8) {
    if (g_utf8_validate_len(s, len, &end))
      return g_strndup(s, len);
    row_fail(c, at,
             "field %u is not valid UTF-8 (byte 0x%02X), though the file is UTF-8 before it: save the whole file "
             "as UTF-8",
             index + 1, (guchar)*end);
    return NULL;
  }
  /* A Windows-1252 file in which a field is UTF-8 ("Ã¼" for "ü" if read as
   * the file is) mixes two encodings: no reading of it is the right one. */
  if (g_utf8_validate_len(s, len, NULL)) {
    row_fail(c, at,
             "field %u is UTF-8, but the file is Windows-1252 before it (see the warning): save the whole file in "
             "one encoding, preferably UTF-8",
             index + 1);
    return NULL;
  }
  GError *e = NULL;
  gsize read = 0;
  char *out = g_convert(s, (gssize)len, "UTF-8", "WINDOWS-1252", &read, NULL, &e);
  if (!out) {
    if (e->code == G_CONVERT_ERROR_ILLEGAL_SEQUENCE && read < len)
      row_fail(c, at, "field %u has the byte 0x%02X, which is no character in Windows-1252: save the file as UTF-8",
               index + 1, (guchar)s[read]);
    else
      row_fail(c, at, "field %u cannot be read as Windows-1252: %s", index + 1, e->message);
    g_error_free(e);
  }
  return out;
}

static void on_field(void *s, size_t len, void *data) {
  LpCsv *c = data;
  if (!c->row)
    start_row(c);
  guint index = c->row->fields->len;
  Place at = c->field_start;
  gsize bytes = len + c->dropped;
  char *value = NULL;
  if (bytes > c->max_field)
    row_fail(c, &at, "field %u is %zu bytes, over the limit of %zu %s", index + 1, bytes, c->max_field,
             lp_limit_hint(LP_LIMIT_CSV_FIELD));
  else
    value = text_of(c, s ? s : "", len, index, &at);
  g_ptr_array_add(c->row->fields, value ? value : g_strdup(""));
  g_array_append_val(c->row_places, at);
  c->dropped = 0;
  /* The next field starts after the separator just read. */
  c->field_start = c->at;
}

static void on_row(int term, void *data) {
  (void)term;
  finish_row(data);
}

/* ---- feeding libcsv ---- */

static void parser_init(LpCsv *c) {
  c->parser_ready = TRUE;
  csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim(&c->parser, (unsigned char)c->sep);
}

/* A field past the limit is cut from libcsv's buffer as it grows, keeping
 * only the tail libcsv still needs (its trailing spaces and a closing
 * quote); the field's size is counted, and its row fails when it ends. */
static void cut_long_field(LpCsv *c) {
  struct csv_parser *p = &c->parser;
  if (p->entry_pos <= c->max_field)
    return;
  size_t keep = MIN(p->entry_pos, p->spaces + 1);
  memmove(p->entry_buf, p->entry_buf + p->entry_pos - keep, keep);
  c->dropped += p->entry_pos - keep;
  p->entry_pos = keep;
}

static void syntax_error(LpCsv *c, const Place *at) {
  if (c->parser.quoted)
    row_fail(c, at,
             "text after the closing quote of a quoted field: a quote inside a field is written twice (\"\"), and "
             "a quoted field ends at a separator or the line's end");
  else
    row_fail(c, at,
             "a quote (\") inside a field that does not start with one: put the whole field in quotes and write "
             "the quote twice (\"\")");
}

/* Feeds `s` (which ends at a separator or line end, or where a chunk ends)
 * to libcsv; its callbacks run at the last byte, so they see `c->at` as the
 * place after it. `at`/`cr` are the place where `s` starts. */
static gboolean parse(LpCsv *c, const guchar *s, size_t len, Place at, gboolean cr, GError **err) {
  size_t n = csv_parse(&c->parser, s, len, on_field, on_row, c);
  int e = csv_error(&c->parser);
  if (e == CSV_ENOMEM || e == CSV_ETOOBIG) {
    LpPos pos = pos_of(c, &c->field_start);
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot read the data file: %s", csv_strerror(e));
    return FALSE;
  }
  if (n < len || e == CSV_EPARSE) {
    for (size_t i = 0; i < n; i++)
      advance(&at, &cr, s[i]);
    syntax_error(c, &at);
    csv_free(&c->parser);
    parser_init(c);
    guchar last = s[len - 1];
    if (last == '\r' || last == '\n')
      finish_row(c);
    else
      c->skipping = TRUE;
    return TRUE;
  }
  cut_long_field(c);
  return TRUE;
}

static gboolean blank(const LpCsv *c, guchar b) {
  return b == '\r' || b == '\n' || b == ' ' || (b == '\t' && c->sep != '\t');
}

/* One chunk of the file through the parser; at the end of the file, the
 * last row. */
static gboolean pump(LpCsv *c, GError **err) {
  guchar *buf = c->chunk;
  size_t n = c->chunk_len;
  c->chunk_len = 0;
  if (!n) {
    n = fread(buf, 1, CHUNK, c->file);
    if (n == 0 && ferror(c->file)) {
      LpPos pos = lp_pos(c->path, 0, 0);
      lp_set_error(err, LP_EXIT_IO, &pos, "cannot read the data file: %s", g_strerror(errno));
      return FALSE;
    }
  }
  if (n == 0) {
    c->eof = TRUE;
    if (c->skipping) {
      c->skipping = FALSE;
      finish_row(c);
    } else if (csv_fini(&c->parser, on_field, on_row, c) != 0) {
      gsize bytes = c->dropped + c->parser.entry_pos;
      /* The lines it spans: a line break that ends the file starts none. */
      int last = c->at.col_byte == 1 && c->at.line > c->field_start.line ? c->at.line - 1 : c->at.line;
      row_fail(c, &c->field_start,
               "the file ends inside the quoted field that starts here (it runs on for %zu bytes and %d line%s): "
               "is its closing quote missing?",
               bytes, last - c->field_start.line + 1, last > c->field_start.line ? "s" : "");
      finish_row(c);
    }
    finish_row(c);
    return TRUE;
  }
  const guchar *span = buf, *end = buf + n;
  Place span_at = c->at;
  gboolean span_cr = c->after_cr;
  for (const guchar *p = buf; p < end; p++) {
    guchar b = *p;
    if (c->skipping) {
      advance(&c->at, &c->after_cr, b);
      if (b == '\r' || b == '\n') {
        c->skipping = FALSE;
        finish_row(c);
      }
      span = p + 1;
      span_at = c->at;
      span_cr = c->after_cr;
      continue;
    }
    if (!c->row && !blank(c, b))
      start_row(c);
    advance(&c->at, &c->after_cr, b);
    if (b == (guchar)c->sep || b == '\r' || b == '\n') {
      if (!parse(c, span, (size_t)(p + 1 - span), span_at, span_cr, err))
        return FALSE;
      span = p + 1;
      span_at = c->at;
      span_cr = c->after_cr;
    }
  }
  if (span < end && !c->skipping && !parse(c, span, (size_t)(end - span), span_at, span_cr, err))
    return FALSE;
  return TRUE;
}

static LpCsvRow *pop(LpCsv *c, GError **err) {
  while (g_queue_is_empty(&c->rows) && !c->eof)
    if (!pump(c, err))
      return NULL;
  return g_queue_pop_head(&c->rows);
}

/* ---- the header ---- */

/* The separator that occurs most on the header line, outside quotes. */
static gboolean detect_separator(LpCsv *c, const guchar *s, size_t n, GError **err) {
  static const char seps[] = {',', ';', '\t'};
  gsize count[G_N_ELEMENTS(seps)] = {0};
  gboolean quoted = FALSE;
  size_t i = 0;
  while (i < n && (s[i] == '\r' || s[i] == '\n'))
    i++; /* blank lines before the header */
  for (; i < n; i++) {
    if (s[i] == '"')
      quoted = !quoted;
    else if (!quoted && (s[i] == '\r' || s[i] == '\n'))
      break;
    else if (!quoted)
      for (gsize k = 0; k < G_N_ELEMENTS(seps); k++)
        count[k] += s[i] == (guchar)seps[k];
  }
  gsize best = 0;
  for (gsize k = 1; k < G_N_ELEMENTS(seps); k++)
    if (count[k] > count[best])
      best = k;
  for (gsize k = 0; k < G_N_ELEMENTS(seps); k++)
    if (k != best && count[k] == count[best] && count[k] > 0) {
      LpPos pos = lp_pos(c->path, 1, 1);
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "the header line has as many '%s' as '%s' (%zu): say which separates the columns with "
                   "--separator (',', ';' or tab), or separator: in leafpress.yaml",
                   lp_csv_separator_name(seps[best]), lp_csv_separator_name(seps[k]), count[k]);
      return FALSE;
    }
  c->sep = seps[best];
  return TRUE;
}

static gboolean read_header(LpCsv *c, GError **err) {
  LpPos file = lp_pos(c->path, 0, 0);
  LpCsvRow *r = pop(c, err);
  if (!r) {
    if (err && !*err)
      lp_set_error(err, LP_EXIT_INPUT, &file, "the data file is empty: expected a header row of column names");
    return FALSE;
  }
  if (r->error) {
    g_propagate_error(err, r->error);
    r->error = NULL;
    lp_csv_row_free(r);
    return FALSE;
  }
  for (guint i = 0; i < r->fields->len; i++) {
    char *name = g_strstrip((char *)g_ptr_array_index(r->fields, i));
    LpPos *hp = &g_array_index(r->places, LpPos, i);
    const char *dup = NULL;
    for (guint k = 0; k < i && !dup; k++)
      if (strcmp(name, g_ptr_array_index(r->fields, k)) == 0)
        dup = name;
    if (!*name || dup) {
      if (!*name)
        lp_set_error(err, LP_EXIT_INPUT, hp, "column %u has no name in the header row", i + 1);
      else
        lp_set_error(err, LP_EXIT_INPUT, hp, "column '%s' appears twice in the header row", name);
      lp_csv_row_free(r);
      return FALSE;
    }
  }
  c->header = g_ptr_array_ref(r->fields);
  c->header_places = g_array_ref(r->places);
  lp_csv_row_free(r);
  return TRUE;
}

LpCsv *lp_csv_open(LpCtx *ctx, const char *path, const LpCsvOptions *opt, GError **err) {
  LpPos pos = lp_pos(path, 0, 0);
  FILE *f = fopen(path, "rb");
  if (!f) {
    lp_set_error(err, errno == ENOENT ? LP_EXIT_INPUT : LP_EXIT_IO, &pos, "cannot read the data file: %s",
                 g_strerror(errno));
    return NULL;
  }
  return lp_csv_open_stream(ctx, f, path, opt, err);
}

LpCsv *lp_csv_open_stream(LpCtx *ctx, FILE *f, const char *path, const LpCsvOptions *opt, GError **err) {
  static const LpCsvOptions none = {0};
  if (!opt)
    opt = &none;
  LpPos pos = lp_pos(path, 0, 0);
  LpCsv *c = g_new0(LpCsv, 1);
  c->ctx = ctx;
  c->path = g_strdup(path);
  c->file = f;
  c->at = (Place){1, 1, 1};
  c->max_rows = opt->max_rows ? opt->max_rows : lp_limit_default(LP_LIMIT_CSV_ROWS);
  c->max_field = opt->max_field ? opt->max_field : lp_limit_default(LP_LIMIT_CSV_FIELD);
  c->row_places = g_array_new(FALSE, FALSE, sizeof(Place));
  g_queue_init(&c->rows);
  c->chunk = g_malloc(CHUNK);
  c->chunk_len = fread(c->chunk, 1, CHUNK, f);
  if (c->chunk_len == 0 && ferror(f)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot read the data file: %s", g_strerror(errno));
    goto fail;
  }
  if (c->chunk_len >= 2 && ((c->chunk[0] == 0xFF && c->chunk[1] == 0xFE) || (c->chunk[0] == 0xFE && c->chunk[1] == 0xFF))) {
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "the data file is UTF-16 (it starts with the byte-order mark %02X %02X), which leafpress does not "
                 "read: save it as \"CSV UTF-8\"",
                 c->chunk[0], c->chunk[1]);
    goto fail;
  }
  if (c->chunk_len >= 3 && memcmp(c->chunk, "\xEF\xBB\xBF", 3) == 0) {
    /* The byte-order mark says UTF-8, and is no part of the first name. */
    c->enc = ENC_UTF8;
    memmove(c->chunk, c->chunk + 3, c->chunk_len - 3);
    c->chunk_len -= 3;
  }
  c->sep = opt->separator;
  if (!c->sep && !detect_separator(c, c->chunk, c->chunk_len, err))
    goto fail;
  parser_init(c);
  if (!read_header(c, err))
    goto fail;
  return c;
fail:
  lp_csv_close(c);
  return NULL;
}

void lp_csv_close(LpCsv *c) {
  if (!c)
    return;
  if (c->parser_ready)
    csv_free(&c->parser);
  if (c->file)
    fclose(c->file);
  g_queue_clear_full(&c->rows, (GDestroyNotify)lp_csv_row_free);
  lp_csv_row_free(c->row);
  g_array_unref(c->row_places);
  if (c->header)
    g_ptr_array_unref(c->header);
  if (c->header_places)
    g_array_unref(c->header_places);
  g_free(c->chunk);
  g_free(c->path);
  g_free(c);
}

const GPtrArray *lp_csv_header(const LpCsv *c) { return c->header; }
LpPos lp_csv_header_place(const LpCsv *c, guint i) {
  return i < c->header_places->len ? g_array_index(c->header_places, LpPos, i) : lp_pos(c->path, 1, 1);
}
const char *lp_csv_path(const LpCsv *c) { return c->path; }
char lp_csv_separator(const LpCsv *c) { return c->sep; }
const char *lp_csv_encoding(const LpCsv *c) { return c->enc == ENC_CP1252 ? "Windows-1252" : "UTF-8"; }

LpCsvRow *lp_csv_next(LpCsv *c, GError **err) {
  LpCsvRow *r;
  for (;;) {
    if (!(r = pop(c, err)))
      return NULL;
    /* A row of one empty field ("" alone on its line) is a blank line. */
    if (!r->error && r->fields->len == 1 && !*(const char *)g_ptr_array_index(r->fields, 0)) {
      lp_csv_row_free(r);
      continue;
    }
    break;
  }
  if (++c->rows_seen > c->max_rows) {
    LpPos pos = lp_pos(c->path, r->line, 1);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "more than %zu rows %s", c->max_rows, lp_limit_hint(LP_LIMIT_CSV_ROWS));
    lp_csv_row_free(r);
    return NULL;
  }
  return r;
}
