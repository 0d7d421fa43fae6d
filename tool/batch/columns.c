#include "batch/columns.h"

#include <string.h>

#include "doc/vars.h"
#include "engine/engine.h"
#include "read/source.h"

struct LpColumns {
  const LpCsv *csv;
  GPtrArray *targets; /* char* or NULL, one per column */
  GPtrArray *filled;  /* char*: the values filled, in column order */
  GArray *mapped;     /* gboolean per column: a rule says its value */
};

/* Values leafpress fills itself: a column must not replace them. */
static const char *const reserved[] = {"title",  "subtitle", "version", "date",   "article", "page",
                                       "pages",  "row",      "format",  "writer", "layout",  NULL};

static gboolean is_name(const char *s) {
  if (!*s)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isalnum(*p) && *p != '_' && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean is_reserved(const char *name) { return g_strv_contains(reserved, name) || g_str_has_prefix(name, "label."); }

void lp_column_rule_clear(LpColumnRule *r) {
  g_free(r->column);
  g_free(r->target);
  r->column = r->target = NULL;
}

gboolean lp_column_rule_parse(const char *arg, const LpPos *pos, LpColumnRule *rule, GError **err) {
  const char *eq = strrchr(arg, '=');
  LpExit code = pos ? LP_EXIT_INPUT : LP_EXIT_USAGE;
  char *target = eq ? g_strstrip(g_strdup(eq + 1)) : NULL;
  if (!eq || eq == arg || (*target && !is_name(target))) {
    if (!eq || eq == arg)
      lp_set_error(err, code, pos,
                   "--column %s: expected COLUMN=PLACEHOLDER, e.g. --column name=patient.name (COLUMN= leaves the "
                   "column out)",
                   arg);
    else
      lp_set_error(err, code, pos, "--column %s: '%s' is no placeholder name (letters, digits, '.', '_' and '-')",
                   arg, target);
    g_free(target);
    return FALSE;
  }
  if (is_reserved(target)) {
    lp_set_error(err, code, pos, "--column %s: {%s} is a value leafpress fills in itself; a column cannot replace it",
                 arg, target);
    g_free(target);
    return FALSE;
  }
  rule->column = g_strstrip(g_strndup(arg, (gsize)(eq - arg)));
  rule->target = target;
  rule->pos = pos ? *pos : (LpPos){0};
  return TRUE;
}

void lp_columns_free(LpColumns *c) {
  if (!c)
    return;
  g_ptr_array_unref(c->targets);
  g_ptr_array_unref(c->filled);
  g_array_unref(c->mapped);
  g_free(c);
}

static const char *heading(const LpColumns *c, guint i) {
  return g_ptr_array_index((GPtrArray *)lp_csv_header(c->csv), i);
}

/* A rule's error: at its place in the manifest, else the command line's. */
G_GNUC_PRINTF(4, 5) static void rule_error(GError **err, const LpColumnRule *r, const char *hint, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  if (r->pos.file)
    lp_set_error_hint(err, LP_EXIT_INPUT, &r->pos, hint, "%s", msg);
  else
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, hint, "%s", msg);
  g_free(msg);
}

static char *headings_list(const GPtrArray *header, const char *quote) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < header->len; i++)
    g_string_append_printf(s, "%s%s%s%s", i ? ", " : "", quote, (const char *)g_ptr_array_index((GPtrArray *)header, i),
                           quote);
  return g_string_free(s, FALSE);
}

LpColumns *lp_columns_new(const LpCsv *csv, const LpColumnRule *rules, guint n_rules, GError **err) {
  const GPtrArray *header = lp_csv_header(csv);
  LpColumns *c = g_new0(LpColumns, 1);
  c->csv = csv;
  c->targets = g_ptr_array_new_with_free_func(g_free);
  c->filled = g_ptr_array_new();
  c->mapped = g_array_new(FALSE, TRUE, sizeof(gboolean));
  g_ptr_array_set_size(c->targets, header->len);
  g_array_set_size(c->mapped, header->len);
  for (guint r = 0; r < n_rules; r++) {
    const LpColumnRule *rule = &rules[r];
    int found = -1;
    for (guint i = 0; i < header->len && found < 0; i++)
      if (strcmp(heading(c, i), rule->column) == 0)
        found = (int)i;
    if (found < 0) {
      char *list = headings_list(header, "'");
      GPtrArray *names = g_ptr_array_new();
      for (guint i = 0; i < header->len; i++)
        g_ptr_array_add(names, g_ptr_array_index((GPtrArray *)header, i));
      g_ptr_array_add(names, NULL);
      const char *near = lp_vars_nearest_key(rule->column, (const char *const *)names->pdata);
      g_ptr_array_unref(names);
      char *hint = near ? g_strdup_printf("did you mean '%s'?", near) : NULL;
      rule_error(err, rule, hint, "--column %s=%s: %s has no column '%s' (its columns: %s)", rule->column,
                 rule->target, lp_csv_path(csv), rule->column, list);
      g_free(hint);
      g_free(list);
      goto fail;
    }
    if (g_array_index(c->mapped, gboolean, found)) {
      rule_error(err, rule, NULL, "--column %s=%s: column '%s' is mapped twice", rule->column, rule->target,
                 rule->column);
      goto fail;
    }
    g_array_index(c->mapped, gboolean, found) = TRUE;
    g_ptr_array_index(c->targets, found) = *rule->target ? g_strdup(rule->target) : NULL;
  }
  /* Unmapped, a column fills the value of its own name (checked with the
   * rest in lp_columns_check_used, where the names in use are known). */
  for (guint i = 0; i < header->len; i++)
    if (!g_array_index(c->mapped, gboolean, i))
      g_ptr_array_index(c->targets, i) = g_strdup(heading(c, i));
  for (guint i = 0; i < header->len; i++)
    if (g_ptr_array_index(c->targets, i))
      g_ptr_array_add(c->filled, g_ptr_array_index(c->targets, i));
  return c;
fail:
  lp_columns_free(c);
  return NULL;
}

const char *lp_columns_target(const LpColumns *c, guint i) {
  return i < c->targets->len ? g_ptr_array_index(c->targets, i) : NULL;
}

int lp_columns_find(const LpColumns *c, const char *target) {
  for (guint i = 0; i < c->targets->len; i++) {
    const char *t = g_ptr_array_index(c->targets, i);
    if (t && strcmp(t, target) == 0)
      return (int)i;
  }
  return -1;
}

const GPtrArray *lp_columns_targets(const LpColumns *c) { return c->filled; }

/* The values a row most likely fills first (a patient's, a date), the
 * clinic's after: the nearest name is the first of equals. */
static int cmp_names(gconstpointer a, gconstpointer b) {
  const char *x = *(char *const *)a, *y = *(char *const *)b;
  gboolean cx = g_str_has_prefix(x, "clinic."), cy = g_str_has_prefix(y, "clinic.");
  return cx != cy ? cx - cy : strcmp(x, y);
}

/* What to do about column `i`: the placeholder it most likely means, and
 * how to map it or leave it out. */
static char *advice(const LpColumns *c, guint i, const GPtrArray *fillable) {
  const char *name = heading(c, i), *t = lp_columns_target(c, i);
  const char *near = lp_vars_nearest_key(name, (const char *const *)fillable->pdata);
  if (!near && strcmp(name, t) != 0)
    near = lp_vars_nearest_key(t, (const char *const *)fillable->pdata);
  GString *hint = g_string_new(NULL);
  if (near)
    g_string_append_printf(hint, "did you mean {%s}? map it with --column \"%s=%s\" (columns: {%s: %s} in "
                                 "leafpress.yaml)",
                           near, name, near, name, near);
  else {
    g_string_append(hint, "the values a row can fill here are");
    for (guint f = 0; f + 1 < fillable->len; f++)
      g_string_append_printf(hint, "%s {%s}", f ? "," : "", (const char *)g_ptr_array_index((GPtrArray *)fillable, f));
    g_string_append_printf(hint, "; map it to one with --column \"%s=PLACEHOLDER\"", name);
  }
  g_string_append_printf(hint, ", or leave it out with --column \"%s=\"", name);
  return g_string_free(hint, FALSE);
}

static gboolean usable(const char *target, GHashTable *used) {
  return is_name(target) && !is_reserved(target) && g_hash_table_contains(used, target);
}

GPtrArray *lp_columns_fillable(GHashTable *used) {
  GPtrArray *fillable = g_ptr_array_new();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, used);
  while (g_hash_table_iter_next(&it, &k, NULL))
    if (usable(k, used))
      g_ptr_array_add(fillable, k);
  g_ptr_array_sort(fillable, cmp_names);
  return fillable;
}

gboolean lp_columns_check_used(const LpColumns *c, GHashTable *used, const char *users, GError **err) {
  /* What a row could fill instead: the names used that are no one else's. */
  GPtrArray *fillable = lp_columns_fillable(used);
  g_ptr_array_add(fillable, NULL);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < c->targets->len; i++) {
    const char *t = g_ptr_array_index(c->targets, i);
    if (!t)
      continue;
    const char *name = heading(c, i);
    LpPos at = lp_csv_header_place(c->csv, i);
    gboolean own = strcmp(name, t) == 0;
    const char *twice = NULL;
    for (guint j = 0; j < i && !twice; j++) {
      const char *u = g_ptr_array_index(c->targets, j);
      if (u && strcmp(t, u) == 0)
        twice = heading(c, j);
    }
    if (twice) {
      char *hint = g_strdup_printf("leave one out, e.g. --column \"%s=\"", name);
      lp_set_error_hint(err, LP_EXIT_INPUT, &at, hint, "columns '%s' and '%s' both fill {%s}", twice, name, t);
      g_free(hint);
      ok = FALSE;
      break;
    }
    if (usable(t, used))
      continue;
    char *one = advice(c, i, fillable);
    /* The others a spreadsheet's export has: all of them in one message. */
    GString *more = g_string_new(NULL);
    for (guint j = i + 1; j < c->targets->len; j++) {
      const char *u = g_ptr_array_index(c->targets, j);
      if (u && !usable(u, used))
        g_string_append_printf(more, "%s'%s'", more->len ? ", " : "", heading(c, j));
    }
    char *hint = more->len ? g_strdup_printf("%s (and the same for the columns %s)", one, more->str) : g_strdup(one);
    g_string_free(more, TRUE);
    g_free(one);
    if (!is_name(t))
      lp_set_error_hint(err, LP_EXIT_INPUT, &at, hint,
                        "column %u is named '%s', which is no placeholder name (letters, digits, '.', '_' and '-', "
                        "e.g. patient.name)",
                        i + 1, name);
    else if (is_reserved(t))
      lp_set_error_hint(err, LP_EXIT_INPUT, &at, hint, "column %u is named '%s', a value leafpress fills in itself",
                        i + 1, name);
    else if (own)
      lp_set_error_hint(err, LP_EXIT_INPUT, &at, hint, "column %u '%s' fills {%s}, which nothing prints: not %s", i + 1,
                        name, t, users);
    else
      lp_set_error_hint(err, LP_EXIT_INPUT, &at, hint, "column %u '%s' is mapped to {%s}, which nothing prints: not %s",
                        i + 1, name, t, users);
    g_free(hint);
    ok = FALSE;
  }
  g_ptr_array_unref(fillable);
  return ok;
}

/* "column 2 (treatment_date)", or "column 2 (Datum, as treatment_date)". */
static char *describe(const LpColumns *c, guint i) {
  const char *name = heading(c, i), *t = lp_columns_target(c, i);
  if (!t || strcmp(name, t) == 0)
    return g_strdup_printf("column %u (%s)", i + 1, name);
  return g_strdup_printf("column %u (%s, as %s)", i + 1, name, t);
}

static LpPos place(const LpCsvRow *row, guint i) {
  return i < row->places->len ? g_array_index(row->places, LpPos, i) : lp_pos(NULL, row->line, 1);
}

gboolean lp_columns_check_row(const LpColumns *c, const LpCsvRow *row, GError **err) {
  const GPtrArray *header = lp_csv_header(c->csv);
  if (row->fields->len != header->len) {
    LpPos pos = lp_pos(lp_csv_path(c->csv), row->line, 1);
    char *names = headings_list(header, "");
    lp_set_error(err, LP_EXIT_INPUT, &pos, "expected %u fields (%s), found %u: a column is %s", header->len, names,
                 row->fields->len,
                 row->fields->len < header->len ? "missing"
                                                : "too many (a separator not quoted, or the wrong --separator?)");
    g_free(names);
    return FALSE;
  }
  for (guint i = 0; i < header->len; i++) {
    if (!lp_columns_target(c, i))
      continue;
    LpPos pos = place(row, i);
    char *what = describe(c, i);
    gboolean clean = lp_source_check_value(g_ptr_array_index(row->fields, i), what, &pos, err);
    g_free(what);
    if (!clean)
      return FALSE;
  }
  return TRUE;
}

gboolean lp_columns_is_date(const char *target) {
  return g_str_equal(target, "treatment_date") || g_str_has_suffix(target, "_date");
}

GHashTable *lp_columns_values(const LpColumns *c, const LpCsvRow *row, const LpDateRules *dates, GError **err) {
  GHashTable *v = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < c->targets->len && i < row->fields->len; i++) {
    const char *t = g_ptr_array_index(c->targets, i);
    const char *value = g_ptr_array_index(row->fields, i);
    if (!t)
      continue;
    if (lp_columns_is_date(t) && *value) {
      int y, m, d;
      /* The language's order matters only to slashes; finding it reads every
       * locale of the language (50 ms for English), so only then. */
      LpDateOrder order = dates->form == LP_DATE_FORM_ANY && strchr(value, '/') ? lp_engine_date_order(dates->lang)
                                                                                : LP_DATE_ORDER_UNKNOWN;
      char *msg = lp_parse_date_as(value, dates->form, order, dates->lang, &y, &m, &d);
      if (msg) {
        LpPos pos = place(row, i);
        char *what = describe(c, i);
        lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: %s", what, msg);
        g_free(what);
        g_free(msg);
        g_hash_table_unref(v);
        return NULL;
      }
      g_hash_table_insert(v, (gpointer)t, g_strdup_printf("%04d-%02d-%02d", y, m, d));
    } else {
      g_hash_table_insert(v, (gpointer)t, g_strdup(value));
    }
  }
  return v;
}
