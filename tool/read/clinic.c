#include "read/clinic.h"

#include <stdio.h>
#include <string.h>

#include "doc/doc.h"
#include "read/paths.h"
#include "read/source.h"
#include "read/yaml.h"

static const char *const clinic_keys[] = {"name", "address", "phone", "web", "email", "color", "tint", "logo", NULL};

const char *const *lp_clinic_keys(void) { return clinic_keys; }

LpPictureFormat lp_clinic_logo_format(const char *file) {
  guint8 head[4096];
  FILE *f = fopen(file, "rb");
  gsize n = f ? fread(head, 1, sizeof head, f) : 0;
  if (f)
    fclose(f);
  return lp_picture_sniff(head, n);
}

gboolean lp_clinic_read(LpCtx *ctx, const char *path, LpVars *vars, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, path, "clinic profile", &len, err);
  if (!data)
    return FALSE;
  gboolean ok = lp_clinic_parse(ctx, path, data, len, vars, err);
  g_free(data);
  return ok;
}

gboolean lp_clinic_parse(LpCtx *ctx, const char *path, const char *data, gsize len, LpVars *vars, GError **err) {
  LpYaml *root = lp_yaml_parse(ctx, data, len, path, 0, err);
  if (!root) {
    if (err && !*err) {
      LpPos pos = lp_pos(path, 0, 0);
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "the clinic profile is empty: it needs at least the clinic's name (name: ...)");
    }
    return FALSE;
  }
  gboolean ok = lp_yaml_expect(root, LP_YAML_MAP, "a clinic profile", err) &&
                lp_yaml_check_keys(root, "the clinic profile", clinic_keys, err);
  if (ok && !lp_yaml_get(root, "name")) {
    LpPos pos = lp_yaml_pos(root);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "the clinic profile has no 'name'");
    ok = FALSE;
  }
  for (guint i = 0; ok && i < lp_yaml_len(root); i++) {
    const char *key = lp_yaml_key(root, i);
    const LpYaml *v = lp_yaml_value(root, i);
    char *what = g_strdup_printf("clinic '%s'", key);
    char *s = lp_yaml_string(v, what, err);
    if (s && (g_str_equal(key, "color") || g_str_equal(key, "tint"))) {
      LpColor c;
      char *msg = lp_parse_color(s, &c);
      if (msg) {
        LpPos pos = lp_yaml_pos(v);
        lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: %s", what, msg);
        g_free(msg);
        g_clear_pointer(&s, g_free);
      }
    }
    if (s && g_str_equal(key, "logo") && *g_strstrip(s)) {
      /* A logo is named relative to the profile that names it, and stays in
       * the granted folders (read/paths.h). */
      LpPos pos = lp_yaml_pos(v);
      char *full = lp_paths_resolve(ctx, path, s, "the clinic's logo", &pos, LP_PATH_FILE, err);
      if (full && lp_clinic_logo_format(full) == LP_PICTURE_UNKNOWN) {
        lp_set_error(err, LP_EXIT_INPUT, &pos,
                     "the clinic's logo '%s' is not a PNG, JPEG or SVG file (told by its first bytes): the formats "
                     "accepted are PNG, JPEG and SVG",
                     s);
        g_clear_pointer(&full, g_free);
      }
      g_free(s);
      s = full;
    }
    if (s) {
      char *var = g_strconcat("clinic.", key, NULL);
      LpPos at = lp_yaml_pos(v);
      lp_vars_set_at(vars, var, g_strstrip(s), &at);
      g_free(var);
      g_free(s);
    } else {
      ok = FALSE;
    }
    g_free(what);
  }
  lp_yaml_free(root);
  return ok;
}
