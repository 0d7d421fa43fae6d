#include "doc/vars.h"

#include <string.h>

struct LpVars {
  GHashTable *table;
  GHashTable *where; /* key → LpPos*: where a value was written, for messages */
  const LpVars *parent;
};

/* Labels may refer to other values; a loop must end in an error, not a hang. */
#define MAX_DEPTH 8

LpVars *lp_vars_new(void) { return lp_vars_new_child(NULL); }

LpVars *lp_vars_new_child(const LpVars *parent) {
  LpVars *v = g_new0(LpVars, 1);
  v->table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  v->where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  v->parent = parent;
  return v;
}

void lp_vars_free(LpVars *v) {
  if (!v)
    return;
  g_hash_table_unref(v->table);
  g_hash_table_unref(v->where);
  g_free(v);
}

void lp_vars_set(LpVars *v, const char *key, const char *value) { lp_vars_set_at(v, key, value, NULL); }

void lp_vars_set_at(LpVars *v, const char *key, const char *value, const LpPos *pos) {
  g_hash_table_replace(v->table, g_strdup(key), g_strdup(value ? value : ""));
  if (pos && pos->file)
    g_hash_table_replace(v->where, g_strdup(key), g_memdup2(pos, sizeof *pos));
  else
    g_hash_table_remove(v->where, key);
}

LpPos lp_vars_pos(const LpVars *v, const char *key) {
  for (const LpVars *t = v; t; t = t->parent)
    if (g_hash_table_contains(t->table, key)) {
      const LpPos *at = g_hash_table_lookup(t->where, key);
      return at ? *at : (LpPos){0};
    }
  return (LpPos){0};
}

gboolean lp_vars_find_char(const LpVars *v, gunichar ch, const char **key, LpPos *pos) {
  char utf8[8] = {0};
  g_unichar_to_utf8(ch, utf8);
  /* Sorted keys, so that the same inputs always name the same value; a
   * child's value hides its parent's, as lp_vars_get does. */
  GPtrArray *keys = lp_vars_keys(v);
  gboolean found = FALSE;
  for (guint i = 0; i < keys->len && !found; i++) {
    const char *k = g_ptr_array_index(keys, i);
    for (const LpVars *t = v; t; t = t->parent) {
      const char *val = g_hash_table_lookup(t->table, k);
      if (!val)
        continue;
      const char *hit = strstr(val, utf8);
      if (hit) {
        found = TRUE;
        *key = k;
        *pos = (LpPos){0};
        const LpPos *at = g_hash_table_lookup(t->where, k);
        if (at) {
          *pos = *at;
          /* A value on one line: point at the character itself. */
          if (pos->line > 0 && pos->col > 0 && !strchr(val, '\n'))
            pos->col += (int)g_utf8_strlen(val, hit - val);
        }
      }
      break;
    }
  }
  g_ptr_array_unref(keys);
  return found;
}

const char *lp_vars_get(const LpVars *v, const char *key) {
  for (; v; v = v->parent) {
    const char *s = g_hash_table_lookup(v->table, key);
    if (s)
      return s;
  }
  return NULL;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int cmp_str_ptr(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *lp_vars_keys(const LpVars *v) {
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *keys = g_ptr_array_new();
  for (; v; v = v->parent) {
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, v->table);
    while (g_hash_table_iter_next(&it, &k, NULL))
      if (g_hash_table_add(seen, k))
        g_ptr_array_add(keys, k);
  }
  g_hash_table_unref(seen);
  g_ptr_array_sort(keys, cmp_str_ptr);
  return keys;
}

static gboolean is_key_char(char c) {
  return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '-';
}

static gboolean expand(const LpVars *v, const char *tmpl, const LpPos *pos, int depth, gboolean isolate,
                       GString *out, GError **err) {
  if (depth > MAX_DEPTH) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "placeholders nest deeper than %d levels (a value refers to itself?)",
                 MAX_DEPTH);
    return FALSE;
  }
  for (const char *p = tmpl; *p;) {
    if (p[0] == '{' && p[1] == '{') {
      g_string_append_c(out, '{');
      p += 2;
    } else if (p[0] == '}' && p[1] == '}') {
      g_string_append_c(out, '}');
      p += 2;
    } else if (p[0] == '{') {
      const char *q = p + 1;
      while (is_key_char(*q))
        q++;
      if (*q != '}' || q == p + 1) {
        lp_set_error(err, LP_EXIT_INPUT, pos,
                     "broken placeholder in \"%s\": expected {name} with letters, digits, '.', '_' or '-' "
                     "(write {{ for a literal brace)",
                     tmpl);
        return FALSE;
      }
      char *key = g_strndup(p + 1, (gsize)(q - p - 1));
      const char *val = lp_vars_get(v, key);
      if (!val) {
        GPtrArray *keys = lp_vars_keys(v);
        g_ptr_array_add(keys, NULL);
        const char *near = lp_nearest(key, (const char *const *)keys->pdata);
        if (near) {
          char *hint = g_strdup_printf("did you mean {%s}?", near);
          lp_set_error_hint(err, LP_EXIT_INPUT, pos, hint, "unknown placeholder {%s}", key);
          g_free(hint);
        } else
          lp_set_error(err, LP_EXIT_INPUT, pos, "unknown placeholder {%s}; set it in the clinic profile or with --set %s=VALUE",
                       key, key);
        g_ptr_array_unref(keys);
        g_free(key);
        return FALSE;
      }
      /* Labels are templates themselves ("Page {page} of {pages}"); every other
       * value (a title, a clinic's name) is text and prints as written, braces
       * and all. */
      gboolean is_label = g_str_has_prefix(key, "label.");
      g_free(key);
      if (is_label) {
        if (!expand(v, val, pos, depth + 1, isolate, out, err))
          return FALSE;
      } else if (isolate && *val) {
        g_string_append(out, "\xE2\x81\xA8"); /* FSI */
        g_string_append(out, val);
        g_string_append(out, "\xE2\x81\xA9"); /* PDI */
      } else {
        g_string_append(out, val);
      }
      p = q + 1;
    } else {
      g_string_append_c(out, *p);
      p++;
    }
  }
  return TRUE;
}

static char *expand_all(const LpVars *v, const char *tmpl, const LpPos *pos, gboolean isolate, GError **err) {
  GString *out = g_string_new(NULL);
  if (!expand(v, tmpl, pos, 0, isolate, out, err)) {
    g_string_free(out, TRUE);
    return NULL;
  }
  return g_string_free(out, FALSE);
}

char *lp_vars_expand(const LpVars *v, const char *tmpl, const LpPos *pos, GError **err) {
  return expand_all(v, tmpl, pos, FALSE, err);
}

char *lp_vars_expand_isolated(const LpVars *v, const char *tmpl, const LpPos *pos, GError **err) {
  return expand_all(v, tmpl, pos, TRUE, err);
}

void lp_vars_template_keys(const char *tmpl, GHashTable *keys) {
  for (const char *p = tmpl; p && *p;) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      p += 2;
      continue;
    }
    if (*p != '{') {
      p++;
      continue;
    }
    const char *q = p + 1;
    while (is_key_char(*q))
      q++;
    if (*q == '}' && q > p + 1)
      g_hash_table_add(keys, g_strndup(p + 1, (gsize)(q - p - 1)));
    p = q;
  }
}

void lp_vars_label_keys(const LpVars *v, GHashTable *keys) {
  /* Each round reads the labels found in the round before; a loop of labels
   * ends because a name is added once. */
  GPtrArray *todo = g_ptr_array_new_with_free_func(g_free);
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, keys);
  while (g_hash_table_iter_next(&it, &k, NULL))
    if (g_str_has_prefix(k, "label."))
      g_ptr_array_add(todo, g_strdup(k));
  for (int depth = 0; todo->len && depth <= MAX_DEPTH; depth++) {
    GHashTable *found = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < todo->len; i++)
      lp_vars_template_keys(lp_vars_get(v, g_ptr_array_index(todo, i)), found);
    g_ptr_array_set_size(todo, 0);
    g_hash_table_iter_init(&it, found);
    while (g_hash_table_iter_next(&it, &k, NULL))
      if (!g_hash_table_contains(keys, k)) {
        g_hash_table_add(keys, g_strdup(k));
        if (g_str_has_prefix(k, "label."))
          g_ptr_array_add(todo, g_strdup(k));
      }
    g_hash_table_unref(found);
  }
  g_ptr_array_unref(todo);
}

/* Lower case, and the separators a spreadsheet's headings use (space, '-',
 * '_') as '.', so that "Patient Name", "patient_name" and "patient.name"
 * compare alike. */
static char *even_out(const char *s) {
  char *out = g_ascii_strdown(s, -1);
  for (char *p = out; *p; p++)
    if (*p == ' ' || *p == '-' || *p == '_')
      *p = '.';
  return out;
}

const char *lp_vars_nearest_key(const char *word, const char *const *candidates) {
  char *w = even_out(word);
  GPtrArray *even = g_ptr_array_new_with_free_func(g_free);
  for (const char *const *c = candidates; *c; c++)
    g_ptr_array_add(even, even_out(*c));
  g_ptr_array_add(even, NULL);
  const char *near = lp_nearest(w, (const char *const *)even->pdata);
  const char *best = NULL;
  for (guint i = 0; near && !best && candidates[i]; i++)
    if (g_ptr_array_index(even, i) == near)
      best = candidates[i];
  /* "name" for patient.name: the word is the candidate's last part. */
  for (guint i = 0; !best && *w && candidates[i]; i++) {
    const char *c = g_ptr_array_index(even, i);
    gsize cl = strlen(c), wl = strlen(w);
    if (cl > wl && c[cl - wl - 1] == '.' && strcmp(c + cl - wl, w) == 0)
      best = candidates[i];
  }
  g_ptr_array_unref(even);
  g_free(w);
  return best;
}
