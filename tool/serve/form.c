#include "serve/form.h"

#include <string.h>

struct LpServeForm {
  GHashTable *fields; /* name → char* */
  GHashTable *files;  /* name → GBytes* */
  GHashTable *names;  /* name → char*: the file's own name */
};

static LpServeForm *form_new(void) {
  LpServeForm *f = g_new0(LpServeForm, 1);
  f->fields = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  f->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
  f->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  return f;
}

void lp_serve_form_free(LpServeForm *f) {
  if (!f)
    return;
  g_hash_table_unref(f->fields);
  g_hash_table_unref(f->files);
  g_hash_table_unref(f->names);
  g_free(f);
}

static gboolean put(LpServeForm *f, const char *name, const char *value, gsize len, GError **err) {
  if (!g_utf8_validate(name, -1, NULL) || !g_utf8_validate_len(value, len, NULL) || memchr(value, 0, len)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "a form field is not text (UTF-8)");
    return FALSE;
  }
  g_hash_table_replace(f->fields, g_strdup(name), g_strndup(value, len));
  return TRUE;
}

char *lp_serve_safe_name(const char *name) {
  const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
  const char *base = slash && slash > (back ? back : name) ? slash + 1 : back ? back + 1 : name;
  GString *s = g_string_new(NULL);
  if (g_utf8_validate(base, -1, NULL))
    for (const char *p = base; *p && g_utf8_strlen(s->str, -1) < 80; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (g_unichar_isprint(c) && c != ':')
        g_string_append_unichar(s, c);
    }
  if (s->len == 0 || strcmp(s->str, ".") == 0 || strcmp(s->str, "..") == 0)
    g_string_assign(s, "list.csv");
  return g_string_free(s, FALSE);
}

static gboolean parse_multipart(LpServeForm *f, SoupMessageHeaders *headers, GBytes *body, GError **err) {
  /* libsoup 3.2 searches the body for its boundary with strstr: it must end
   * in a NUL, which a request's bytes need not (the NUL is not counted). */
  gsize n = 0;
  const char *bytes = g_bytes_get_data(body, &n);
  char *copy = g_malloc(n + 1);
  if (n)
    memcpy(copy, bytes, n);
  copy[n] = '\0';
  GBytes *terminated = g_bytes_new_take(copy, n);
  SoupMultipart *m = soup_multipart_new_from_message(headers, terminated);
  g_bytes_unref(terminated);
  if (!m) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "the form's data cannot be read (multipart)");
    return FALSE;
  }
  gboolean ok = TRUE;
  for (int i = 0; ok && i < soup_multipart_get_length(m); i++) {
    SoupMessageHeaders *ph;
    GBytes *pb;
    char *disposition = NULL;
    GHashTable *params = NULL;
    if (!soup_multipart_get_part(m, i, &ph, &pb) ||
        !soup_message_headers_get_content_disposition(ph, &disposition, &params)) {
      continue;
    }
    const char *name = g_hash_table_lookup(params, "name");
    const char *filename = g_hash_table_lookup(params, "filename");
    if (name && filename) {
      if (g_bytes_get_size(pb) > 0) {
        g_hash_table_replace(f->files, g_strdup(name), g_bytes_ref(pb));
        g_hash_table_replace(f->names, g_strdup(name), lp_serve_safe_name(filename));
      }
    } else if (name) {
      gsize len;
      const char *data = g_bytes_get_data(pb, &len);
      ok = put(f, name, data ? data : "", data ? len : 0, err);
    }
    g_free(disposition);
    g_hash_table_unref(params);
  }
  soup_multipart_free(m);
  return ok;
}

static gboolean parse_urlencoded(LpServeForm *f, GBytes *body, GError **err) {
  gsize len;
  const char *data = g_bytes_get_data(body, &len);
  char *text = g_strndup(data ? data : "", data ? len : 0);
  GHashTable *t = soup_form_decode(text);
  g_free(text);
  GHashTableIter it;
  gpointer k, v;
  gboolean ok = TRUE;
  g_hash_table_iter_init(&it, t);
  while (ok && g_hash_table_iter_next(&it, &k, &v))
    ok = put(f, k, v, strlen(v), err);
  g_hash_table_unref(t);
  return ok;
}

LpServeForm *lp_serve_form_parse(SoupMessageHeaders *headers, GBytes *body, GError **err) {
  const char *type = soup_message_headers_get_content_type(headers, NULL);
  LpServeForm *f = form_new();
  gboolean ok;
  if (type && g_ascii_strcasecmp(type, "multipart/form-data") == 0)
    ok = parse_multipart(f, headers, body, err);
  else if (!type || g_ascii_strcasecmp(type, "application/x-www-form-urlencoded") == 0)
    ok = parse_urlencoded(f, body, err);
  else {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "expected a form (application/x-www-form-urlencoded or multipart/form-data)");
    ok = FALSE;
  }
  if (!ok) {
    lp_serve_form_free(f);
    return NULL;
  }
  return f;
}

const char *lp_serve_form_get(const LpServeForm *f, const char *name) { return g_hash_table_lookup(f->fields, name); }

GBytes *lp_serve_form_file(const LpServeForm *f, const char *name, const char **filename) {
  if (filename)
    *filename = g_hash_table_lookup(f->names, name);
  return g_hash_table_lookup(f->files, name);
}
