#include "read/languages.h"

#include <string.h>

#include "read/source.h"
#include "read/yaml.h"

static const char *const entry_keys[] = {"name",    "dir",      "fonts", "hyphenation", "package", "one_letter_words",
                                         "line_breaks", "leading", "writers", "numbers", "calendar", "dates", NULL};
static const char *const dirs[] = {"ltr", "rtl", NULL};
static const char *const bindings[] = {"free", "bind", NULL};
static const char *const line_breaks[] = {"unicode", "words", NULL};
static const char *const dates[] = {"gregorian", "native", "both", NULL};

static gboolean opt_string(const LpYaml *map, const char *key, const char *what, char **out, GError **err) {
  const LpYaml *v = lp_yaml_get(map, key);
  if (!v)
    return TRUE;
  return (*out = lp_yaml_string(v, what, err)) != NULL;
}

static gboolean read_entry(const char *tag, const LpYaml *n, LpLang *l, GError **err) {
  char *what = g_strdup_printf("language '%s'", tag);
  gboolean ok = lp_yaml_expect(n, LP_YAML_MAP, what, err) && lp_yaml_check_keys(n, what, entry_keys, err);
  g_free(what);
  if (!ok)
    return FALSE;
  l->tag = g_strdup(tag);
  l->pos = lp_yaml_pos(n);
  const LpYaml *v;
  int i;
  if (!opt_string(n, "name", "a language's name", &l->name, err) ||
      !opt_string(n, "hyphenation", "a hyphenation dictionary", &l->hyphenation, err) ||
      !opt_string(n, "package", "a Debian package", &l->hyph_package, err) ||
      !opt_string(n, "numbers", "a numbering system", &l->numbers, err) ||
      !opt_string(n, "calendar", "a calendar", &l->calendar, err))
    return FALSE;
  if (l->hyphenation && strcmp(l->hyphenation, "none") == 0)
    g_clear_pointer(&l->hyphenation, g_free);
  if (l->calendar && strcmp(l->calendar, "gregorian") == 0)
    g_clear_pointer(&l->calendar, g_free);
  if ((v = lp_yaml_get(n, "dir"))) {
    if (!lp_yaml_enum(v, "a language's direction", dirs, &i, err))
      return FALSE;
    l->rtl = i == 1;
  }
  if ((v = lp_yaml_get(n, "one_letter_words"))) {
    if (!lp_yaml_enum(v, "one_letter_words", bindings, &i, err))
      return FALSE;
    l->binds_one_letter_words = i == 1;
  }
  if ((v = lp_yaml_get(n, "line_breaks"))) {
    if (!lp_yaml_enum(v, "line_breaks", line_breaks, &i, err))
      return FALSE;
    l->breaks_words = i == 1;
  }
  l->leading = 1.0;
  if ((v = lp_yaml_get(n, "leading")) && !lp_yaml_number(v, "a language's leading (a factor)", 1.0, 3.0, &l->leading, err))
    return FALSE;
  l->dates = l->calendar ? LP_CALENDAR_BOTH : LP_CALENDAR_GREGORIAN;
  if ((v = lp_yaml_get(n, "dates"))) {
    if (!lp_yaml_enum(v, "a language's dates", dates, &i, err))
      return FALSE;
    l->dates = (LpCalendarUse)i;
  }
  if ((v = lp_yaml_get(n, "writers"))) {
    GPtrArray *list = lp_yaml_strings(v, "a language's writers", err);
    if (!list)
      return FALSE;
    g_ptr_array_add(list, NULL);
    l->writers = (char **)g_ptr_array_free(list, FALSE);
  }
  if ((v = lp_yaml_get(n, "fonts"))) {
    GPtrArray *list = lp_yaml_strings(v, "a language's fonts", err);
    if (!list)
      return FALSE;
    g_ptr_array_add(list, NULL);
    l->fonts = (char **)g_ptr_array_free(list, FALSE);
  }
  return TRUE;
}

gboolean lp_languages_read(LpCtx *ctx, const char *path, LpLangs *langs, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, path, "language data", &len, err);
  if (!data)
    return FALSE;
  LpYaml *root = lp_yaml_parse(ctx, data, len, path, 0, err);
  g_free(data);
  if (!root)
    return err == NULL || *err == NULL; /* an empty file adds nothing */
  gboolean ok = lp_yaml_expect(root, LP_YAML_MAP, "the language data", err);
  for (guint i = 0; ok && i < lp_yaml_len(root); i++) {
    const char *tag = lp_yaml_key(root, i);
    if (!g_regex_match_simple("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", tag, 0, 0)) {
      LpPos pos = lp_yaml_key_pos(root, i);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "'%s' is not a language tag: expected one like en, pt-BR or zh-Hans",
                   tag);
      ok = FALSE;
      break;
    }
    LpLang l = {0};
    ok = read_entry(tag, lp_yaml_value(root, i), &l, err);
    if (ok)
      lp_langs_put(langs, &l);
    else
      lp_lang_clear(&l);
  }
  lp_yaml_free(root);
  return ok;
}
