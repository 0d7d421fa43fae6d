#include "read/yaml.h"


#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Limits against hostile input; documented in docs/reliability.md ("Limits"). */
#define LP_YAML_MAX_NODES 100000

struct LpYaml {
  LpYamlKind kind;
  LpPos pos;
  char *scalar;
  gboolean plain;
  GPtrArray *keys;   /* LpYaml* scalars, for mappings */
  GPtrArray *values; /* LpYaml*, for mappings and sequences */
  LpYaml *pending;   /* while a mapping is parsed: the key waiting for its value */
};

static LpYaml *node_new(LpYamlKind kind, LpPos pos) {
  LpYaml *n = g_new0(LpYaml, 1);
  n->kind = kind;
  n->pos = pos;
  if (kind != LP_YAML_SCALAR)
    n->values = g_ptr_array_new_with_free_func((GDestroyNotify)lp_yaml_free);
  if (kind == LP_YAML_MAP)
    n->keys = g_ptr_array_new_with_free_func((GDestroyNotify)lp_yaml_free);
  return n;
}

void lp_yaml_free(LpYaml *n) {
  if (!n)
    return;
  g_free(n->scalar);
  lp_yaml_free(n->pending);
  if (n->keys)
    g_ptr_array_unref(n->keys);
  if (n->values)
    g_ptr_array_unref(n->values);
  g_free(n);
}

static LpPos mark_pos(const char *file, int line_offset, yaml_mark_t m) {
  return lp_pos(file, (int)m.line + 1 + line_offset, (int)m.column + 1);
}

typedef struct {
  const char *file;
  int line_offset;
  GPtrArray *stack; /* open collections */
  LpYaml *root;
  guint nodes;
} Builder;

/* Adds a finished node to the collection being built (or makes it the root). */
static gboolean attach(Builder *b, LpYaml *n, GError **err) {
  if (b->stack->len == 0) {
    b->root = n;
    return TRUE;
  }
  LpYaml *top = g_ptr_array_index(b->stack, b->stack->len - 1);
  if (top->kind == LP_YAML_SEQ) {
    g_ptr_array_add(top->values, n);
    return TRUE;
  }
  if (!top->pending) {
    if (n->kind != LP_YAML_SCALAR) {
      lp_set_error(err, LP_EXIT_INPUT, &n->pos, "expected a plain key here, found a %s", lp_yaml_kind_name(n->kind));
      lp_yaml_free(n);
      return FALSE;
    }
    for (guint i = 0; i < top->keys->len; i++) {
      LpYaml *k = g_ptr_array_index(top->keys, i);
      if (strcmp(k->scalar, n->scalar) == 0) {
        lp_set_error(err, LP_EXIT_INPUT, &n->pos, "duplicate key '%s' (first given at line %d)", n->scalar,
                     k->pos.line);
        lp_yaml_free(n);
        return FALSE;
      }
    }
    top->pending = n;
    return TRUE;
  }
  g_ptr_array_add(top->keys, top->pending);
  g_ptr_array_add(top->values, n);
  top->pending = NULL;
  return TRUE;
}

static void set_parser_error(yaml_parser_t *p, const char *file, int line_offset, GError **err) {
  LpPos pos = mark_pos(file, line_offset, p->problem_mark);
  if (p->context)
    lp_set_error(err, LP_EXIT_INPUT, &pos, "YAML syntax error: %s %s", p->problem ? p->problem : "error",
                 p->context);
  else
    lp_set_error(err, LP_EXIT_INPUT, &pos, "YAML syntax error: %s", p->problem ? p->problem : "error");
}

LpYaml *lp_yaml_parse(const LpCtx *ctx, const char *data, gsize len, const char *file, int line_offset, GError **err) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    lp_set_error(err, LP_EXIT_IO, NULL, "out of memory starting the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

  Builder b = {file, line_offset, g_ptr_array_new(), NULL, 0};
  gboolean ok = TRUE, done = FALSE;
  int documents = 0;
  while (ok && !done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      set_parser_error(&parser, file, line_offset, err);
      ok = FALSE;
      break;
    }
    LpPos pos = mark_pos(file, line_offset, ev.start_mark);
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      done = TRUE;
      break;
    case YAML_DOCUMENT_START_EVENT:
      if (++documents > 1) {
        lp_set_error(err, LP_EXIT_INPUT, &pos, "expected a single YAML document, found a second one");
        ok = FALSE;
      }
      break;
    case YAML_ALIAS_EVENT:
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "YAML aliases (*%s) are not supported: write the value out where it is needed",
                   (const char *)ev.data.alias.anchor);
      ok = FALSE;
      break;
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      const unsigned char *anchor = ev.type == YAML_SCALAR_EVENT           ? ev.data.scalar.anchor
                                    : ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                                           : ev.data.mapping_start.anchor;
      if (anchor) {
        lp_set_error(err, LP_EXIT_INPUT, &pos, "YAML anchors (&%s) are not supported", (const char *)anchor);
        ok = FALSE;
        break;
      }
      if (++b.nodes > LP_YAML_MAX_NODES) {
        lp_set_error(err, LP_EXIT_INPUT, &pos, "more than %d YAML values in one file", LP_YAML_MAX_NODES);
        ok = FALSE;
        break;
      }
      if (ev.type == YAML_SCALAR_EVENT) {
        LpYaml *n = node_new(LP_YAML_SCALAR, pos);
        n->scalar = g_strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
        n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (strlen(n->scalar) != ev.data.scalar.length) {
          lp_set_error(err, LP_EXIT_INPUT, &pos, "a NUL character is not allowed in a YAML value");
          lp_yaml_free(n);
          ok = FALSE;
          break;
        }
        ok = attach(&b, n, err);
      } else {
        if (b.stack->len >= lp_ctx_limit(ctx, LP_LIMIT_YAML_DEPTH)) {
          lp_set_error(err, LP_EXIT_INPUT, &pos, "YAML nested deeper than %" G_GSIZE_FORMAT " levels %s",
                       lp_ctx_limit(ctx, LP_LIMIT_YAML_DEPTH), lp_limit_hint(LP_LIMIT_YAML_DEPTH));
          ok = FALSE;
          break;
        }
        LpYaml *n = node_new(ev.type == YAML_SEQUENCE_START_EVENT ? LP_YAML_SEQ : LP_YAML_MAP, pos);
        if (b.stack->len > 0) {
          LpYaml *top = g_ptr_array_index(b.stack, b.stack->len - 1);
          if (top->kind == LP_YAML_MAP && !top->pending) {
            lp_set_error(err, LP_EXIT_INPUT, &pos, "expected a plain key here, found a %s",
                         lp_yaml_kind_name(n->kind));
            lp_yaml_free(n);
            ok = FALSE;
            break;
          }
        }
        g_ptr_array_add(b.stack, n);
      }
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      LpYaml *n = g_ptr_array_steal_index(b.stack, b.stack->len - 1);
      ok = attach(&b, n, err);
      break;
    }
    default:
      break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  /* On failure the open collections are still on the stack; none is attached
   * to its parent yet, so each is freed on its own. */
  for (guint i = 0; i < b.stack->len; i++)
    lp_yaml_free(g_ptr_array_index(b.stack, i));
  g_ptr_array_unref(b.stack);
  if (!ok) {
    lp_yaml_free(b.root);
    return NULL;
  }
  return b.root;
}

const char *lp_yaml_kind_name(LpYamlKind k) {
  switch (k) {
  case LP_YAML_SCALAR:
    return "single value";
  case LP_YAML_MAP:
    return "mapping (key: value lines)";
  case LP_YAML_SEQ:
    return "list";
  }
  return "?";
}

LpYamlKind lp_yaml_kind(const LpYaml *n) { return n->kind; }
LpPos lp_yaml_pos(const LpYaml *n) { return n->pos; }
const char *lp_yaml_scalar(const LpYaml *n) { return n && n->kind == LP_YAML_SCALAR ? n->scalar : NULL; }
gboolean lp_yaml_plain(const LpYaml *n) { return n->plain; }
guint lp_yaml_len(const LpYaml *n) { return n->values ? n->values->len : 0; }
const LpYaml *lp_yaml_item(const LpYaml *n, guint i) { return g_ptr_array_index(n->values, i); }
const char *lp_yaml_key(const LpYaml *n, guint i) { return ((LpYaml *)g_ptr_array_index(n->keys, i))->scalar; }
LpPos lp_yaml_key_pos(const LpYaml *n, guint i) { return ((LpYaml *)g_ptr_array_index(n->keys, i))->pos; }
const LpYaml *lp_yaml_value(const LpYaml *n, guint i) { return g_ptr_array_index(n->values, i); }

const LpYaml *lp_yaml_get(const LpYaml *n, const char *key) {
  if (!n || n->kind != LP_YAML_MAP)
    return NULL;
  for (guint i = 0; i < n->keys->len; i++)
    if (strcmp(lp_yaml_key(n, i), key) == 0)
      return g_ptr_array_index(n->values, i);
  return NULL;
}

/* ---- schema helpers ---- */

gboolean lp_yaml_check_keys(const LpYaml *map, const char *what, const char *const *valid, GError **err) {
  for (guint i = 0; i < lp_yaml_len(map); i++) {
    const char *key = lp_yaml_key(map, i);
    gboolean known = FALSE;
    for (const char *const *v = valid; *v && !known; v++)
      known = strcmp(*v, key) == 0;
    if (known)
      continue;
    LpPos pos = lp_yaml_key_pos(map, i);
    char *list = g_strjoinv(", ", (char **)valid);
    const char *near = lp_nearest(key, valid);
    if (near) {
      char *hint = g_strdup_printf("did you mean '%s'? (valid keys: %s)", near, list);
      lp_set_error_hint(err, LP_EXIT_INPUT, &pos, hint, "unknown key '%s' in %s", key, what);
      g_free(hint);
    } else
      lp_set_error(err, LP_EXIT_INPUT, &pos, "unknown key '%s' in %s (valid keys: %s)", key, what, list);
    g_free(list);
    return FALSE;
  }
  return TRUE;
}

gboolean lp_yaml_expect(const LpYaml *n, LpYamlKind kind, const char *what, GError **err) {
  if (n->kind == kind)
    return TRUE;
  lp_set_error(err, LP_EXIT_INPUT, &n->pos, "expected a %s for %s, found a %s", lp_yaml_kind_name(kind), what,
               lp_yaml_kind_name(n->kind));
  return FALSE;
}

char *lp_yaml_string(const LpYaml *n, const char *what, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return NULL;
  const char *s = n->scalar;
  while (g_ascii_isspace(*s))
    s++;
  if (!*s || (n->plain && (strcmp(s, "~") == 0 || strcmp(s, "null") == 0))) {
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "expected text for %s, found nothing", what);
    return NULL;
  }
  return g_strdup(n->scalar);
}

gboolean lp_yaml_bool(const LpYaml *n, const char *what, gboolean *out, GError **err) {
  static const char *const yes[] = {"true", "yes", "on", NULL};
  static const char *const no[] = {"false", "no", "off", NULL};
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return FALSE;
  for (int i = 0; yes[i]; i++) {
    if (g_ascii_strcasecmp(n->scalar, yes[i]) == 0) {
      *out = TRUE;
      return TRUE;
    }
    if (g_ascii_strcasecmp(n->scalar, no[i]) == 0) {
      *out = FALSE;
      return TRUE;
    }
  }
  lp_set_error(err, LP_EXIT_INPUT, &n->pos, "expected true or false for %s, found '%s'", what, n->scalar);
  return FALSE;
}

gboolean lp_yaml_number(const LpYaml *n, const char *what, double min, double max, double *out, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return FALSE;
  char *end = NULL;
  double v = g_ascii_strtod(n->scalar, &end);
  if (end == n->scalar || *end || !isfinite(v)) {
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "expected a number for %s, found '%s'", what, n->scalar);
    return FALSE;
  }
  if (v < min || v > max) {
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "%s must be between %g and %g, found %g", what, min, max, v);
    return FALSE;
  }
  *out = v;
  return TRUE;
}

gboolean lp_yaml_int(const LpYaml *n, const char *what, int min, int max, int *out, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return FALSE;
  gint64 v;
  if (!g_ascii_string_to_signed(n->scalar, 10, min, max, &v, NULL)) {
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "expected a whole number from %d to %d for %s, found '%s'", min, max,
                 what, n->scalar);
    return FALSE;
  }
  *out = (int)v;
  return TRUE;
}

gboolean lp_yaml_enum(const LpYaml *n, const char *what, const char *const *names, int *out, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return FALSE;
  for (int i = 0; names[i]; i++)
    if (strcmp(names[i], n->scalar) == 0) {
      *out = i;
      return TRUE;
    }
  char *list = g_strjoinv(", ", (char **)names);
  const char *near = lp_nearest(n->scalar, names);
  if (near) {
    char *hint = g_strdup_printf("did you mean '%s'? (one of: %s)", near, list);
    lp_set_error_hint(err, LP_EXIT_INPUT, &n->pos, hint, "unknown value '%s' for %s", n->scalar, what);
    g_free(hint);
  } else
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "unknown value '%s' for %s (one of: %s)", n->scalar, what, list);
  g_free(list);
  return FALSE;
}

gboolean lp_yaml_length(const LpYaml *n, const char *what, double *pt, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return FALSE;
  char *msg = lp_parse_length(n->scalar, pt);
  if (msg) {
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "%s: %s", what, msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

gboolean lp_yaml_color(const LpYaml *n, const char *what, LpColor *out, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SCALAR, what, err))
    return FALSE;
  char *msg = lp_parse_color(n->scalar, out);
  if (msg) {
    lp_set_error(err, LP_EXIT_INPUT, &n->pos, "%s: %s", what, msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

GPtrArray *lp_yaml_strings(const LpYaml *n, const char *what, GError **err) {
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  if (n->kind == LP_YAML_SCALAR) {
    g_ptr_array_add(out, g_strdup(n->scalar));
    return out;
  }
  if (!lp_yaml_expect(n, LP_YAML_SEQ, what, err)) {
    g_ptr_array_unref(out);
    return NULL;
  }
  for (guint i = 0; i < lp_yaml_len(n); i++) {
    const LpYaml *it = lp_yaml_item(n, i);
    if (!lp_yaml_expect(it, LP_YAML_SCALAR, what, err)) {
      g_ptr_array_unref(out);
      return NULL;
    }
    g_ptr_array_add(out, g_strdup(it->scalar));
  }
  return out;
}
