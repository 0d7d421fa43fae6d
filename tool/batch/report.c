#include "batch/report.h"

#include "engine/files.h"

LpJobRecord *lp_job_record_new(void) {
  LpJobRecord *r = g_new0(LpJobRecord, 1);
  r->outputs = g_ptr_array_new_with_free_func(g_free);
  r->warnings = g_ptr_array_new_with_free_func(lp_diag_free);
  r->errors = g_ptr_array_new_with_free_func(lp_diag_free);
  r->inputs = g_ptr_array_new_with_free_func(g_free);
  r->fonts = g_ptr_array_new_with_free_func(g_free);
  r->status = "not-built";
  return r;
}

void lp_job_record_free(gpointer p) {
  LpJobRecord *r = p;
  if (!r)
    return;
  GPtrArray *lists[] = {r->outputs, r->warnings, r->errors, r->inputs, r->fonts};
  for (gsize i = 0; i < G_N_ELEMENTS(lists); i++)
    g_ptr_array_unref(lists[i]);
  g_free(r->article);
  g_free(r->lang);
  g_free(r->published);
  g_free(r->review_due);
  g_free(r->layout);
  g_free(r);
}

/* JSON strings: quote, backslash and control characters escaped; the rest is
 * UTF-8 as it is. (A JSON library would pull GIO into every run for this.) */
static void json_string(GString *out, const char *s) {
  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    switch (*p) {
    case '"':
      g_string_append(out, "\\\"");
      break;
    case '\\':
      g_string_append(out, "\\\\");
      break;
    case '\n':
      g_string_append(out, "\\n");
      break;
    case '\t':
      g_string_append(out, "\\t");
      break;
    case '\r':
      g_string_append(out, "\\r");
      break;
    default:
      if (*p < 0x20)
        g_string_append_printf(out, "\\u%04x", *p);
      else
        g_string_append_c(out, (char)*p);
    }
  }
  g_string_append_c(out, '"');
}

/* Diagnostics as the command line prints them: the report is an edge too. */
static void json_diags(GString *out, const GPtrArray *list) {
  g_string_append_c(out, '[');
  for (guint i = 0; list && i < list->len; i++) {
    if (i)
      g_string_append(out, ", ");
    char *text = lp_diag_format(g_ptr_array_index((GPtrArray *)list, i));
    json_string(out, text);
    g_free(text);
  }
  g_string_append_c(out, ']');
}

static void json_strings(GString *out, const GPtrArray *list) {
  g_string_append_c(out, '[');
  for (guint i = 0; list && i < list->len; i++) {
    if (i)
      g_string_append(out, ", ");
    json_string(out, g_ptr_array_index((GPtrArray *)list, i));
  }
  g_string_append_c(out, ']');
}

/* One output's entry in the report. */
static void json_record(GString *j, const LpJobRecord *r) {
  g_string_append(j, "{\"files\": ");
  json_strings(j, r->outputs);
  g_string_append(j, ", \"article\": ");
  json_string(j, r->article);
  g_string_append(j, ", \"lang\": ");
  json_string(j, r->lang);
  g_string_append(j, ", \"layout\": ");
  json_string(j, r->layout);
  /* The review cycle, so that a clinic's tooling can list what falls due. */
  g_string_append(j, ", \"published\": ");
  if (r->published)
    json_string(j, r->published);
  else
    g_string_append(j, "null");
  g_string_append(j, ", \"review_due\": ");
  if (r->review_due)
    json_string(j, r->review_due);
  else
    g_string_append(j, "null");
  if (r->row > 0)
    g_string_append_printf(j, ", \"row\": %d, \"line\": %d", r->row, r->line);
  else
    g_string_append(j, ", \"row\": null, \"line\": null");
  g_string_append(j, ", \"status\": ");
  json_string(j, r->status);
  char ms[32];
  g_ascii_formatd(ms, sizeof ms, "%.1f", r->ms);
  g_string_append_printf(j, ", \"pages\": %u, \"bytes\": %" G_GUINT64_FORMAT ", \"duration_ms\": %s", r->pages,
                         r->bytes, ms);
  g_string_append(j, ", \"warnings\": ");
  json_diags(j, r->warnings);
  g_string_append(j, ", \"errors\": ");
  json_diags(j, r->errors);
  g_string_append(j, "}");
}

/* make's quoting: backslash before spaces, '#' and backslashes; "$$" for "$". */
static void make_path(GString *out, const char *p) {
  for (; *p; p++) {
    if (*p == ' ' || *p == '#' || *p == '\\')
      g_string_append_c(out, '\\');
    if (*p == '$')
      g_string_append_c(out, '$');
    g_string_append_c(out, *p);
  }
}

static gboolean made(const LpJobRecord *r) {
  return g_str_equal(r->status, "built") || g_str_equal(r->status, "up-to-date");
}

/* One output's make rule. */
static void depfile_rule(GString *d, const LpJobRecord *r) {
  for (guint k = 0; k < r->outputs->len; k++) {
    if (k)
      g_string_append_c(d, ' ');
    make_path(d, g_ptr_array_index(r->outputs, k));
  }
  g_string_append_c(d, ':');
  const GPtrArray *lists[] = {r->inputs, r->fonts};
  for (gsize l = 0; l < G_N_ELEMENTS(lists); l++)
    for (guint k = 0; lists[l] && k < lists[l]->len; k++) {
      g_string_append(d, " \\\n  ");
      make_path(d, g_ptr_array_index((GPtrArray *)lists[l], k));
    }
  g_string_append(d, "\n");
}

gboolean lp_depfile_write(LpCtx *ctx, const char *path, const GPtrArray *records, GError **err) {
  GString *d = g_string_new(NULL);
  for (guint i = 0; i < records->len; i++) {
    const LpJobRecord *r = g_ptr_array_index((GPtrArray *)records, i);
    if (made(r))
      depfile_rule(d, r);
  }
  gsize len = d->len;
  GBytes *bytes = g_bytes_new_take(g_string_free(d, FALSE), len);
  gboolean ok = lp_files_write_one(ctx, path, bytes, err);
  g_bytes_unref(bytes);
  return ok;
}

/* ---- the sink ---- */

struct LpSink {
  LpFileStream *report, *depfile;
  gboolean merge;
  GQueue planned;     /* LpJobRecord*, in plan order, not yet written */
  GPtrArray *pdfs;    /* char*, for --merge */
  GPtrArray *warnings; /* LpDiag* */
  guint written, counts[4];
  GString *buf;
};

static const char *const states[] = {"built", "up-to-date", "failed", "not-built"};

LpSink *lp_sink_new(LpCtx *ctx, const char *report, const char *depfile, gboolean merge, GError **err) {
  LpSink *s = g_new0(LpSink, 1);
  g_queue_init(&s->planned);
  s->merge = merge;
  s->pdfs = g_ptr_array_new_with_free_func(g_free);
  s->warnings = g_ptr_array_new_with_free_func(lp_diag_free);
  s->buf = g_string_new(NULL);
  if ((report && !(s->report = lp_file_stream_open(ctx, report, err))) ||
      (depfile && !(s->depfile = lp_file_stream_open(ctx, depfile, err)))) {
    lp_sink_free(s);
    return NULL;
  }
  if (s->report) {
    g_string_assign(s->buf, "{\n  \"leafpress\": ");
    json_string(s->buf, LP_VERSION);
    g_string_append(s->buf, ",\n  \"outputs\": [");
    lp_file_stream_write(s->report, s->buf->str, s->buf->len);
  }
  return s;
}

static void write_record(LpSink *s, LpJobRecord *r) {
  for (int k = 0; k < 4; k++)
    s->counts[k] += g_str_equal(r->status, states[k]);
  if (s->report) {
    g_string_assign(s->buf, s->written ? ",\n    " : "\n    ");
    json_record(s->buf, r);
    lp_file_stream_write(s->report, s->buf->str, s->buf->len);
  }
  if (s->depfile && made(r)) {
    g_string_truncate(s->buf, 0);
    depfile_rule(s->buf, r);
    lp_file_stream_write(s->depfile, s->buf->str, s->buf->len);
  }
  for (guint k = 0; s->merge && made(r) && k < r->outputs->len; k++)
    if (g_str_has_suffix(g_ptr_array_index(r->outputs, k), ".pdf"))
      g_ptr_array_add(s->pdfs, g_strdup(g_ptr_array_index(r->outputs, k)));
  s->written++;
  lp_job_record_free(r);
}

void lp_sink_plan(LpSink *s, LpJobRecord *r) { g_queue_push_tail(&s->planned, r); }

void lp_sink_done(LpSink *s, LpJobRecord *r) {
  r->finished = TRUE;
  LpJobRecord *head;
  while ((head = g_queue_peek_head(&s->planned)) && head->finished)
    write_record(s, g_queue_pop_head(&s->planned));
}

void lp_sink_warn(LpSink *s, const LpDiag *d) { g_ptr_array_add(s->warnings, lp_diag_copy(d)); }

gboolean lp_sink_finish(LpSink *s, GError **err) {
  LpJobRecord *r;
  while ((r = g_queue_pop_head(&s->planned)))
    write_record(s, r);
  if (s->report) {
    g_string_assign(s->buf, s->written ? "\n  ],\n  \"warnings\": " : "],\n  \"warnings\": ");
    json_diags(s->buf, s->warnings);
    g_string_append_printf(s->buf,
                           ",\n  \"built\": %u,\n  \"up_to_date\": %u,\n  \"failed\": %u,\n  \"not_built\": %u\n}\n",
                           s->counts[0], s->counts[1], s->counts[2], s->counts[3]);
    lp_file_stream_write(s->report, s->buf->str, s->buf->len);
  }
  gboolean ok = TRUE;
  if (s->report) {
    ok = lp_file_stream_commit(s->report, err);
    s->report = NULL;
  }
  if (s->depfile) {
    ok = lp_file_stream_commit(s->depfile, ok ? err : NULL) && ok;
    s->depfile = NULL;
  }
  return ok;
}

const GPtrArray *lp_sink_pdfs(const LpSink *s) { return s->pdfs; }

void lp_sink_free(LpSink *s) {
  if (!s)
    return;
  lp_file_stream_abort(s->report);
  lp_file_stream_abort(s->depfile);
  g_queue_clear_full(&s->planned, lp_job_record_free);
  g_ptr_array_unref(s->pdfs);
  g_ptr_array_unref(s->warnings);
  g_string_free(s->buf, TRUE);
  g_free(s);
}
