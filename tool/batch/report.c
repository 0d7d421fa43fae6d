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

gboolean lp_report_write(LpCtx *ctx, const char *path, const GPtrArray *records, GError **err) {
  GString *j = g_string_new("{\n  \"leafpress\": ");
  json_string(j, LP_VERSION);
  guint counts[4] = {0};
  static const char *const states[] = {"built", "up-to-date", "failed", "not-built"};
  g_string_append(j, ",\n  \"outputs\": [");
  for (guint i = 0; i < records->len; i++) {
    const LpJobRecord *r = g_ptr_array_index((GPtrArray *)records, i);
    for (int k = 0; k < 4; k++)
      counts[k] += g_str_equal(r->status, states[k]);
    g_string_append(j, i ? ",\n    {" : "\n    {");
    g_string_append(j, "\"files\": ");
    json_strings(j, r->outputs);
    g_string_append(j, ", \"article\": ");
    json_string(j, r->article);
    g_string_append(j, ", \"lang\": ");
    json_string(j, r->lang);
    g_string_append(j, ", \"layout\": ");
    json_string(j, r->layout);
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
  g_string_append_printf(j, "\n  ],\n  \"built\": %u,\n  \"up_to_date\": %u,\n  \"failed\": %u,\n  \"not_built\": %u\n}\n",
                         counts[0], counts[1], counts[2], counts[3]);
  gsize len = j->len;
  GBytes *bytes = g_bytes_new_take(g_string_free(j, FALSE), len);
  gboolean ok = lp_files_write_one(ctx, path, bytes, err);
  g_bytes_unref(bytes);
  return ok;
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

gboolean lp_depfile_write(LpCtx *ctx, const char *path, const GPtrArray *records, GError **err) {
  GString *d = g_string_new(NULL);
  for (guint i = 0; i < records->len; i++) {
    const LpJobRecord *r = g_ptr_array_index((GPtrArray *)records, i);
    if (!g_str_equal(r->status, "built") && !g_str_equal(r->status, "up-to-date"))
      continue;
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
  gsize len = d->len;
  GBytes *bytes = g_bytes_new_take(g_string_free(d, FALSE), len);
  gboolean ok = lp_files_write_one(ctx, path, bytes, err);
  g_bytes_unref(bytes);
  return ok;
}
