#include "read/labels.h"

#include "read/markdown.h"
#include "read/source.h"
#include "read/yaml.h"

gboolean lp_labels_read(LpCtx *ctx, const char *path, LpVars *vars, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, path, "labels", &len, err);
  if (!data)
    return FALSE;
  LpYaml *root = lp_yaml_parse(ctx, data, len, path, 0, err);
  g_free(data);
  if (!root) {
    if (err && !*err) {
      LpPos pos = lp_pos(path, 0, 0);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "the labels file is empty");
    }
    return FALSE;
  }
  gboolean ok = lp_yaml_expect(root, LP_YAML_MAP, "a labels file", err);
  for (guint i = 0; ok && i < lp_yaml_len(root); i++) {
    char *what = g_strdup_printf("label '%s'", lp_yaml_key(root, i));
    char *s = lp_yaml_string(lp_yaml_value(root, i), what, err);
    if (s && !lp_markdown_plain(s, what, lp_yaml_pos(lp_yaml_value(root, i)), err))
      g_clear_pointer(&s, g_free);
    g_free(what);
    if (!s) {
      ok = FALSE;
      break;
    }
    char *key = g_strconcat("label.", lp_yaml_key(root, i), NULL);
    LpPos at = lp_yaml_pos(lp_yaml_value(root, i));
    lp_vars_set_at(vars, key, s, &at);
    g_free(key);
    g_free(s);
  }
  lp_yaml_free(root);
  return ok;
}
