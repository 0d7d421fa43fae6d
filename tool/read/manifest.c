#include "read/manifest.h"

#include <string.h>

#include "read/csv.h"
#include "read/paths.h"
#include "read/project.h"
#include "read/source.h"
#include "read/yaml.h"

static const char *const keys[] = {"articles", "languages", "layouts",   "formats",     "writer",  "output",
                                   "clinic",   "set",       "data",      "separator",   "columns", "date_format",
                                   "jobs",     "dpi",       "sheet",     "duplex",      NULL};

void lp_manifest_free(LpManifest *m) {
  if (!m)
    return;
  GPtrArray *arrays[] = {m->articles, m->languages, m->layouts, m->formats, m->sets, m->columns};
  for (gsize i = 0; i < G_N_ELEMENTS(arrays); i++)
    if (arrays[i])
      g_ptr_array_unref(arrays[i]);
  g_free(m->file);
  g_free(m->writer);
  g_free(m->sheet);
  g_free(m->duplex);
  g_free(m->output);
  g_free(m->clinic);
  g_free(m->data);
  if (m->column_places)
    g_array_unref(m->column_places);
  g_free(m);
}

/* A file the manifest names: relative to the manifest, inside the granted
 * folders (read/paths.h), shown relative to the working folder. */
static char *resolve(const LpCtx *ctx, const char *manifest, const char *value, const char *what, const LpYaml *at, LpPathKind kind,
                     GError **err) {
  LpPos pos = lp_yaml_pos(at);
  char *full = lp_paths_resolve(ctx, manifest, value, what, &pos, kind, err);
  if (!full)
    return NULL;
  char *shorter = lp_path_shorten(full);
  g_free(full);
  return shorter;
}

/* The output pattern: no ".." anywhere (values cannot add one, the literal
 * text must not either), and the folder before the first placeholder
 * granted. */
static char *resolve_output(const LpCtx *ctx, const char *manifest, const char *pattern, const LpYaml *at, GError **err) {
  LpPos pos = lp_yaml_pos(at);
  char **parts = g_strsplit(pattern, "/", -1);
  gboolean climbs = FALSE;
  for (char **p = parts; *p; p++)
    climbs |= strcmp(*p, "..") == 0;
  g_strfreev(parts);
  if (climbs) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "output '%s': a manifest's outputs must not climb out with '..'", pattern);
    return NULL;
  }
  const char *brace = strchr(pattern, '{');
  char *literal = brace ? g_strndup(pattern, (gsize)(brace - pattern)) : g_strdup(pattern);
  char *slash = strrchr(literal, '/');
  if (slash)
    slash[1] = '\0';
  else
    literal[0] = '\0';
  char *probe = g_strconcat(literal, "x", NULL);
  char *checked = lp_paths_resolve(ctx, manifest, probe, "the output pattern", &pos, LP_PATH_OUTPUT, err);
  g_free(probe);
  g_free(literal);
  if (!checked)
    return NULL;
  g_free(checked);
  char *dir = g_path_get_dirname(manifest);
  char *full = g_path_is_absolute(pattern) ? g_strdup(pattern) : g_build_filename(dir, pattern, NULL);
  char *shorter = lp_path_shorten(full);
  g_free(full);
  g_free(dir);
  return shorter;
}

static GPtrArray *strings(const LpYaml *root, const char *key, GError **err) {
  const LpYaml *v = lp_yaml_get(root, key);
  if (!v)
    return NULL;
  char *what = g_strdup_printf("manifest key '%s'", key);
  GPtrArray *list = lp_yaml_strings(v, what, err);
  g_free(what);
  return list;
}

LpManifest *lp_manifest_read(const LpCtx *ctx, const char *path, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, path, "manifest", &len, err);
  if (!data)
    return NULL;
  LpYaml *root = lp_yaml_parse(ctx, data, len, path, 0, err);
  g_free(data);
  if (!root) {
    if (err && !*err) {
      LpPos pos = lp_pos(path, 0, 0);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "the manifest is empty");
    }
    return NULL;
  }
  LpManifest *m = g_new0(LpManifest, 1);
  m->file = g_strdup(path);
  gboolean ok = lp_yaml_expect(root, LP_YAML_MAP, "the manifest", err) &&
                lp_yaml_check_keys(root, "the manifest", keys, err);
  GError *e = NULL;
  if (ok) {
    m->articles = strings(root, "articles", &e);
    m->languages = e ? NULL : strings(root, "languages", &e);
    m->layouts = e ? NULL : strings(root, "layouts", &e);
    m->formats = e ? NULL : strings(root, "formats", &e);
    if (e) {
      g_propagate_error(err, e);
      ok = FALSE;
    }
  }
  const LpYaml *list = lp_yaml_get(root, "articles");
  for (guint i = 0; ok && m->articles && i < m->articles->len; i++) {
    const LpYaml *at = lp_yaml_kind(list) == LP_YAML_SEQ ? lp_yaml_item(list, i) : list;
    char *r = resolve(ctx, path, g_ptr_array_index(m->articles, i), "an article", at, LP_PATH_FILE_OR_DIR, err);
    ok = r != NULL;
    g_free(g_ptr_array_index(m->articles, i));
    g_ptr_array_index(m->articles, i) = r;
  }
  list = lp_yaml_get(root, "layouts");
  for (guint i = 0; ok && m->layouts && i < m->layouts->len; i++) {
    const char *l = g_ptr_array_index(m->layouts, i);
    if (strchr(l, '/') || g_str_has_suffix(l, ".yaml")) {
      const LpYaml *at = lp_yaml_kind(list) == LP_YAML_SEQ ? lp_yaml_item(list, i) : list;
      char *r = resolve(ctx, path, l, "a layout", at, LP_PATH_FILE, err);
      ok = r != NULL;
      g_free(g_ptr_array_index(m->layouts, i));
      g_ptr_array_index(m->layouts, i) = r;
    }
  }
  const LpYaml *v;
  if (ok && (v = lp_yaml_get(root, "writer")))
    ok = (m->writer = lp_yaml_string(v, "manifest key 'writer'", err)) != NULL;
  /* Checked where --sheet and --duplex are, with this place for messages. */
  if (ok && (v = lp_yaml_get(root, "sheet")) && (ok = (m->sheet = lp_yaml_string(v, "manifest key 'sheet'", err)) != NULL))
    m->sheet_pos = lp_yaml_pos(v);
  if (ok && (v = lp_yaml_get(root, "duplex")) &&
      (ok = (m->duplex = lp_yaml_string(v, "manifest key 'duplex'", err)) != NULL))
    m->duplex_pos = lp_yaml_pos(v);
  if (ok && (v = lp_yaml_get(root, "output"))) {
    char *o = lp_yaml_string(v, "manifest key 'output'", err);
    ok = o != NULL && (m->output = resolve_output(ctx, path, o, v, err)) != NULL;
    g_free(o);
  }
  if (ok && (v = lp_yaml_get(root, "clinic"))) {
    char *c = lp_yaml_string(v, "manifest key 'clinic'", err);
    ok = c != NULL && (m->clinic = resolve(ctx, path, c, "the clinic profile", v, LP_PATH_FILE, err)) != NULL;
    g_free(c);
  }
  if (ok && (v = lp_yaml_get(root, "data"))) {
    char *c = lp_yaml_string(v, "manifest key 'data'", err);
    ok = c != NULL && (m->data = resolve(ctx, path, c, "the data file", v, LP_PATH_FILE, err)) != NULL;
    g_free(c);
  }
  if (ok && (v = lp_yaml_get(root, "set"))) {
    ok = lp_yaml_expect(v, LP_YAML_MAP, "manifest key 'set'", err);
    m->sets = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; ok && i < lp_yaml_len(v); i++) {
      char *val = lp_yaml_string(lp_yaml_value(v, i), "a value to set", err);
      ok = val != NULL;
      if (ok)
        g_ptr_array_add(m->sets, g_strdup_printf("%s=%s", lp_yaml_key(v, i), val));
      g_free(val);
    }
  }
  if (ok && (v = lp_yaml_get(root, "separator"))) {
    char *sep = lp_yaml_string(v, "manifest key 'separator'", err);
    ok = sep != NULL;
    if (ok && !(m->separator = lp_csv_separator_parse(sep))) {
      LpPos pos = lp_yaml_pos(v);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "separator '%s': expected \",\", \";\" or tab (also comma, semicolon)", sep);
      ok = FALSE;
    }
    g_free(sep);
  }
  if (ok && (v = lp_yaml_get(root, "date_format"))) {
    char *form = lp_yaml_string(v, "manifest key 'date_format'", err);
    ok = form != NULL;
    if (ok && !lp_date_form_parse(form, &m->date_form)) {
      LpPos pos = lp_yaml_pos(v);
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "date_format '%s': expected DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD", form);
      ok = FALSE;
    }
    g_free(form);
  }
  if (ok && (v = lp_yaml_get(root, "columns"))) {
    /* The column map: a data file's heading → the placeholder it fills. */
    ok = lp_yaml_expect(v, LP_YAML_MAP, "manifest key 'columns'", err);
    m->columns = g_ptr_array_new_with_free_func(g_free);
    m->column_places = g_array_new(FALSE, FALSE, sizeof(LpPos));
    for (guint i = 0; ok && i < lp_yaml_len(v); i++) {
      const LpYaml *val = lp_yaml_value(v, i);
      const char *target = lp_yaml_scalar(val);
      LpPos pos = lp_yaml_pos(val);
      if (!target) {
        lp_set_error(err, LP_EXIT_INPUT, &pos, "columns: '%s' maps to a placeholder name (or \"\" to leave it out), "
                     "found a %s", lp_yaml_key(v, i), lp_yaml_kind_name(lp_yaml_kind(val)));
        ok = FALSE;
        break;
      }
      gboolean none = lp_yaml_plain(val) && (!strcmp(target, "~") || !strcmp(target, "null"));
      g_ptr_array_add(m->columns, g_strdup_printf("%s=%s", lp_yaml_key(v, i), none ? "" : target));
      g_array_append_val(m->column_places, pos);
    }
  }
  if (ok && (v = lp_yaml_get(root, "jobs")))
    ok = lp_yaml_int(v, "manifest key 'jobs'", 0, 256, &m->jobs, err);
  if (ok && (v = lp_yaml_get(root, "dpi")))
    ok = lp_yaml_number(v, "manifest key 'dpi'", 10, 1200, &m->dpi, err);
  lp_yaml_free(root);
  if (!ok) {
    lp_manifest_free(m);
    return NULL;
  }
  return m;
}
