#include "batch/pattern.h"

#include <string.h>

static const char *const builtins[] = {"article", "lang", "layout", "format", "writer", "row", NULL};

typedef struct {
  char *text; /* literal text, or the placeholder's name */
  gboolean placeholder;
} Part;

struct LpPattern {
  GArray *parts; /* Part */
  GPtrArray *columns;
};

static void part_clear(gpointer p) { g_free(((Part *)p)->text); }

void lp_pattern_free(LpPattern *p) {
  if (!p)
    return;
  g_array_free(p->parts, TRUE);
  g_ptr_array_unref(p->columns);
  g_free(p);
}

static gboolean is_column(const GPtrArray *columns, const char *name) {
  for (guint i = 0; columns && i < columns->len; i++)
    if (strcmp(g_ptr_array_index((GPtrArray *)columns, i), name) == 0)
      return TRUE;
  return FALSE;
}

static void add(LpPattern *p, const char *text, gsize len, gboolean placeholder) {
  Part part = {g_strndup(text, len), placeholder};
  g_array_append_val(p->parts, part);
}

LpPattern *lp_pattern_parse(const char *pattern, const GPtrArray *columns, GError **err) {
  LpPattern *p = g_new0(LpPattern, 1);
  p->parts = g_array_new(FALSE, FALSE, sizeof(Part));
  g_array_set_clear_func(p->parts, part_clear);
  p->columns = g_ptr_array_new_with_free_func(g_free);
  GString *lit = g_string_new(NULL);
  const char *s = pattern;
  while (*s) {
    if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
      g_string_append_c(lit, s[0]);
      s += 2;
      continue;
    }
    if (*s == '}') {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "output pattern '%s': a '}' without its '{' (write '}}' for a brace)",
                   pattern);
      goto fail;
    }
    if (*s != '{') {
      g_string_append_c(lit, *s++);
      continue;
    }
    const char *close = strchr(s, '}');
    if (!close) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "output pattern '%s': a '{' without its '}'", pattern);
      goto fail;
    }
    char *name = g_strstrip(g_strndup(s + 1, (gsize)(close - s - 1)));
    if (!g_strv_contains(builtins, name) && !is_column(columns, name)) {
      char *known = g_strjoinv("}, {", (char **)builtins);
      lp_set_error(err, LP_EXIT_USAGE, NULL, "output pattern '%s': unknown placeholder {%s}; expected {%s}%s", pattern,
                   name, known, columns ? " or a column of the data file" : "");
      g_free(known);
      g_free(name);
      goto fail;
    }
    if (lit->len)
      add(p, lit->str, lit->len, FALSE);
    g_string_truncate(lit, 0);
    if (!g_strv_contains(builtins, name) && !is_column(p->columns, name))
      g_ptr_array_add(p->columns, g_strdup(name));
    add(p, name, strlen(name), TRUE);
    g_free(name);
    s = close + 1;
  }
  if (lit->len)
    add(p, lit->str, lit->len, FALSE);
  g_string_free(lit, TRUE);
  return p;
fail:
  g_string_free(lit, TRUE);
  lp_pattern_free(p);
  return NULL;
}

gboolean lp_pattern_uses(const LpPattern *p, const char *name) {
  for (guint i = 0; i < p->parts->len; i++) {
    const Part *part = &g_array_index(p->parts, Part, i);
    if (part->placeholder && strcmp(part->text, name) == 0)
      return TRUE;
  }
  return FALSE;
}

const GPtrArray *lp_pattern_columns(const LpPattern *p) { return p->columns; }

char *lp_pattern_expand(const LpPattern *p, GHashTable *values, const char **failed, GError **err) {
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < p->parts->len; i++) {
    const Part *part = &g_array_index(p->parts, Part, i);
    if (!part->placeholder) {
      g_string_append(out, part->text);
      continue;
    }
    const char *v = g_hash_table_lookup(values, part->text);
    char *safe = v ? lp_safe_name(v) : NULL;
    if (!safe) {
      lp_set_error(err, LP_EXIT_INPUT, NULL,
                   "{%s} is %s, and the output's name is made from it: give it a value with letters or digits",
                   part->text, v && *v ? "only punctuation" : "empty");
      if (failed)
        *failed = part->text;
      g_string_free(out, TRUE);
      return NULL;
    }
    g_string_append(out, safe);
    g_free(safe);
  }
  return g_string_free(out, FALSE);
}

#define SAFE_MAX 80

static gboolean keep(gunichar c) {
  if (c == '-' || c == '_' || c == '.')
    return TRUE;
  switch (g_unichar_type(c)) {
  case G_UNICODE_LOWERCASE_LETTER:
  case G_UNICODE_UPPERCASE_LETTER:
  case G_UNICODE_TITLECASE_LETTER:
  case G_UNICODE_MODIFIER_LETTER:
  case G_UNICODE_OTHER_LETTER:
  case G_UNICODE_DECIMAL_NUMBER:
  case G_UNICODE_SPACING_MARK:
  case G_UNICODE_NON_SPACING_MARK:
  case G_UNICODE_ENCLOSING_MARK:
    return TRUE;
  default:
    return FALSE;
  }
}

char *lp_safe_name(const char *value) {
  if (!value || !g_utf8_validate(value, -1, NULL))
    return NULL;
  char *nfc = g_utf8_normalize(value, -1, G_NORMALIZE_NFC);
  GString *out = g_string_new(NULL);
  gboolean pending_dash = FALSE;
  for (const char *s = nfc; *s; s = g_utf8_next_char(s)) {
    gunichar c = g_utf8_get_char(s);
    if (!keep(c) || c == '-') {
      pending_dash = TRUE;
      continue;
    }
    if (pending_dash && out->len)
      g_string_append_c(out, '-');
    pending_dash = FALSE;
    gsize before = out->len;
    g_string_append_unichar(out, c);
    if (out->len > SAFE_MAX) {
      g_string_truncate(out, before);
      break;
    }
  }
  g_free(nfc);
  /* No hidden files and no "..": dots and dashes do not start or end a name. */
  gsize start = 0;
  while (start < out->len && (out->str[start] == '.' || out->str[start] == '-'))
    start++;
  while (out->len > start && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == '-'))
    g_string_truncate(out, out->len - 1);
  char *result = out->len > start ? g_strdup(out->str + start) : NULL;
  g_string_free(out, TRUE);
  return result;
}
