#include "read/project.h"

#include <string.h>

struct LpProject {
  char *root;
};

static gboolean is_root(const char *dir) {
  char *conf = g_build_filename(dir, "fonts", "fonts.conf", NULL);
  char *layouts = g_build_filename(dir, "layouts", NULL);
  gboolean yes = g_file_test(conf, G_FILE_TEST_IS_REGULAR) && g_file_test(layouts, G_FILE_TEST_IS_DIR);
  g_free(conf);
  g_free(layouts);
  return yes;
}

static char *find_up(const char *start) {
  char *dir = g_canonicalize_filename(start, NULL);
  for (int i = 0; i < 64; i++) {
    if (is_root(dir))
      return dir;
    char *parent = g_path_get_dirname(dir);
    if (strcmp(parent, dir) == 0) {
      g_free(parent);
      break;
    }
    g_free(dir);
    dir = parent;
  }
  g_free(dir);
  return NULL;
}

LpProject *lp_project_open(const char *explicit_root, const char *article_path, GError **err) {
  char *root = NULL;
  if (explicit_root) {
    if (!is_root(explicit_root)) {
      LpPos pos = lp_pos(explicit_root, 0, 0);
      lp_set_error(err, LP_EXIT_USAGE, &pos, "not a leafpress project: expected layouts/ and fonts/fonts.conf in it");
      return NULL;
    }
    root = g_canonicalize_filename(explicit_root, NULL);
  }
  if (!root && article_path) {
    char *dir = g_path_get_dirname(article_path);
    root = find_up(dir);
    g_free(dir);
  }
  if (!root) {
    char *cwd = g_get_current_dir();
    root = find_up(cwd);
    g_free(cwd);
  }
  if (!root && is_root(LP_DEFAULT_ROOT))
    root = g_strdup(LP_DEFAULT_ROOT);
  if (!root) {
    lp_set_error(err, LP_EXIT_USAGE, NULL,
                 "no leafpress project found (a folder with layouts/ and fonts/fonts.conf): use --project DIR");
    return NULL;
  }
  LpProject *p = g_new0(LpProject, 1);
  p->root = root;
  return p;
}

void lp_project_free(LpProject *p) {
  if (!p)
    return;
  g_free(p->root);
  g_free(p);
}

const char *lp_project_root(const LpProject *p) { return p->root; }

char *lp_project_path(const LpProject *p, const char *relative) {
  return g_build_filename(p->root, relative, NULL);
}

static GPtrArray *layout_names(const LpProject *p) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  char *dir = lp_project_path(p, "layouts");
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *e;
  while (d && (e = g_dir_read_name(d)))
    if (g_str_has_suffix(e, ".yaml"))
      g_ptr_array_add(names, g_strndup(e, strlen(e) - 5));
  if (d)
    g_dir_close(d);
  g_free(dir);
  return names;
}

static int cmp_str_ptr(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *lp_project_layout(const LpProject *p, const char *arg, GError **err) {
  if (strchr(arg, '/') || g_str_has_suffix(arg, ".yaml")) {
    if (!g_file_test(arg, G_FILE_TEST_EXISTS)) {
      LpPos pos = lp_pos(arg, 0, 0);
      lp_set_error(err, LP_EXIT_USAGE, &pos, "no such layout file");
      return NULL;
    }
    return g_strdup(arg);
  }
  char *rel = g_strdup_printf("layouts/%s.yaml", arg);
  char *path = lp_project_path(p, rel);
  g_free(rel);
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free(path);
  GPtrArray *names = layout_names(p);
  g_ptr_array_sort(names, cmp_str_ptr);
  g_ptr_array_add(names, NULL);
  const char *near = lp_nearest(arg, (const char *const *)names->pdata);
  char *list = g_strjoinv(", ", (char **)names->pdata);
  if (near) {
    char *hint = g_strdup_printf("did you mean '%s'? (layouts: %s)", near, list);
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, hint, "unknown layout '%s'", arg);
    g_free(hint);
  } else
    lp_set_error(err, LP_EXIT_USAGE, NULL, "unknown layout '%s' (layouts: %s)", arg, list);
  g_free(list);
  g_ptr_array_unref(names);
  return NULL;
}

char *lp_project_label_langs(const LpProject *p) {
  char *dir = lp_project_path(p, "layouts/labels");
  GDir *d = g_dir_open(dir, 0, NULL);
  GPtrArray *langs = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while (d && (name = g_dir_read_name(d)))
    if (g_str_has_suffix(name, ".yaml"))
      g_ptr_array_add(langs, g_strndup(name, strlen(name) - 5));
  if (d)
    g_dir_close(d);
  g_free(dir);
  g_ptr_array_sort(langs, cmp_str_ptr);
  g_ptr_array_add(langs, NULL);
  char *list = g_strjoinv(", ", (char **)langs->pdata);
  g_ptr_array_unref(langs);
  return list;
}

char *lp_project_labels(const LpProject *p, const char *lang, const LpPos *pos, GError **err) {
  char *tag = g_strdup(lang);
  for (;;) {
    char *rel = g_strdup_printf("layouts/labels/%s.yaml", tag);
    char *path = lp_project_path(p, rel);
    g_free(rel);
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
      g_free(tag);
      return path;
    }
    g_free(path);
    char *dash = strrchr(tag, '-');
    if (!dash)
      break;
    *dash = '\0';
  }
  g_free(tag);
  char *langs = lp_project_label_langs(p);
  char *hint = g_strdup_printf("the languages with labels are: %s", langs);
  lp_set_error_hint(err, LP_EXIT_INPUT, pos, hint,
                    "no labels for language '%s': add layouts/labels/%s.yaml with the strings layouts print", lang,
                    lang);
  g_free(hint);
  g_free(langs);
  return NULL;
}

char *lp_project_clinic(const LpProject *p) {
  char *path = lp_project_path(p, "text/clinic.yaml");
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free(path);
  return NULL;
}

char *lp_path_shorten(const char *path) {
  if (!g_path_is_absolute(path))
    return g_strdup(path);
  char *cwd = g_get_current_dir();
  gsize n = strlen(cwd);
  char *out = strncmp(path, cwd, n) == 0 && path[n] == '/' && path[n + 1] ? g_strdup(path + n + 1) : g_strdup(path);
  g_free(cwd);
  return out;
}
