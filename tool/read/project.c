#include "read/project.h"

#include <string.h>

#include "read/datadir.h"

struct LpProject {
  char *root;
};

static gboolean has_file(const char *dir, const char *rel, GFileTest test) {
  char *path = g_build_filename(dir, rel, NULL);
  gboolean yes = g_file_test(path, test);
  g_free(path);
  return yes;
}

/* A project: leafpress.yaml, or layouts/ with fonts/fonts.conf (a project
 * made before leafpress.yaml existed). The installed data has the second
 * shape but is no project: nothing may be written there. */
static gboolean is_root(const char *dir) {
  if (lp_datadir() && g_str_equal(dir, lp_datadir()))
    return FALSE;
  return has_file(dir, "leafpress.yaml", G_FILE_TEST_IS_REGULAR) ||
         (has_file(dir, "layouts", G_FILE_TEST_IS_DIR) && has_file(dir, "fonts/fonts.conf", G_FILE_TEST_IS_REGULAR));
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

static const char *make_one(void) {
  return "make one with 'leafpress init DIR' (a clinic profile, layouts that extend leafpress's and an example "
         "article), or name one with --project DIR";
}

LpProject *lp_project_open(const char *explicit_root, const char *article_path, GError **err) {
  char *root = NULL;
  if (explicit_root) {
    char *canon = g_canonicalize_filename(explicit_root, NULL);
    LpPos pos = lp_pos(explicit_root, 0, 0);
    if (lp_datadir() && g_str_equal(canon, lp_datadir()))
      lp_set_error_hint(err, LP_EXIT_USAGE, &pos, "make a project with 'leafpress init DIR': its layouts extend these",
                        "this is leafpress's installed data, not a project");
    else if (!is_root(canon))
      lp_set_error_hint(err, LP_EXIT_USAGE, &pos, make_one(),
                        "not a leafpress project: expected leafpress.yaml, or layouts/ and fonts/fonts.conf, in it");
    else
      root = g_steal_pointer(&canon);
    g_free(canon);
    if (!root)
      return NULL;
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
  if (!root) {
    lp_set_error_hint(err, LP_EXIT_INPUT, NULL, make_one(),
                      "no leafpress project found: neither %s nor a folder above it has leafpress.yaml (or "
                      "layouts/ and fonts/fonts.conf)",
                      article_path ? "the article's folder, the working folder" : "the working folder");
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

static int cmp_str_ptr(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The project's layout names, then the installed ones ("leafpress:NAME"). */
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
  g_ptr_array_sort(names, cmp_str_ptr);
  g_ptr_array_extend_and_steal(names, lp_datadir_layout_names());
  return names;
}

static char *installed_layout(const char *arg, GError **err) {
  const char *name = arg + strlen(LP_INSTALLED_PREFIX);
  if (!lp_datadir()) {
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, "run an installed leafpress (cmake --install, or the Debian package)",
                      "layout '%s': this leafpress is not installed (no share/leafpress beside its bin/), so it has "
                      "no layouts of its own",
                      arg);
    return NULL;
  }
  char *path = lp_datadir_layout(name);
  if (!path) {
    GPtrArray *names = lp_datadir_layout_names();
    g_ptr_array_add(names, NULL);
    const char *near = lp_nearest(arg, (const char *const *)names->pdata);
    char *list = g_strjoinv(", ", (char **)names->pdata);
    char *hint = near ? g_strdup_printf("did you mean '%s'? (installed: %s)", near, list)
                      : g_strdup_printf("installed: %s", list);
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, hint, "unknown installed layout '%s'", arg);
    g_free(hint);
    g_free(list);
    g_ptr_array_unref(names);
  }
  return path;
}

char *lp_project_layout(const LpProject *p, const char *arg, GError **err) {
  if (g_str_has_prefix(arg, LP_INSTALLED_PREFIX))
    return installed_layout(arg, err);
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
  g_ptr_array_add(names, NULL);
  const char *near = lp_nearest(arg, (const char *const *)names->pdata);
  char *list = names->len > 1 ? g_strjoinv(", ", (char **)names->pdata) : g_strdup("none");
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

/* The languages that have labels, in the project or installed ("ar, de …"). */
char *lp_project_label_langs(const LpProject *p) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  const char *roots[] = {p->root, lp_datadir()};
  for (gsize r = 0; r < G_N_ELEMENTS(roots); r++) {
    if (!roots[r])
      continue;
    char *dir = g_build_filename(roots[r], "layouts", "labels", NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
      if (g_str_has_suffix(name, ".yaml"))
        g_hash_table_add(seen, g_strndup(name, strlen(name) - 5));
    if (d)
      g_dir_close(d);
    g_free(dir);
  }
  GPtrArray *langs = g_ptr_array_new();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, seen);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(langs, key);
  g_ptr_array_sort(langs, cmp_str_ptr);
  g_ptr_array_add(langs, NULL);
  char *list = g_strjoinv(", ", (char **)langs->pdata);
  g_ptr_array_unref(langs);
  g_hash_table_unref(seen);
  return list;
}

/* layouts/labels/<lang>.yaml under `dir`, falling back from "pt-BR" to "pt". */
static char *find_labels(const char *dir, const char *lang) {
  char *tag = g_strdup(lang);
  for (;;) {
    char *file = g_strdup_printf("%s.yaml", tag);
    char *path = g_build_filename(dir, "layouts", "labels", file, NULL);
    g_free(file);
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
  return NULL;
}

GPtrArray *lp_project_labels(const LpProject *p, const char *lang, const LpPos *pos, GError **err) {
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  char *installed = lp_datadir() ? find_labels(lp_datadir(), lang) : NULL;
  char *own = find_labels(p->root, lang);
  if (installed)
    g_ptr_array_add(files, installed);
  if (own)
    g_ptr_array_add(files, own);
  if (files->len == 0) {
    char *langs = lp_project_label_langs(p);
    char *hint = g_strdup_printf("the languages with labels are: %s", langs);
    lp_set_error_hint(err, LP_EXIT_INPUT, pos, hint,
                      "no labels for language '%s': add layouts/labels/%s.yaml with the strings layouts print%s", lang,
                      lang, lp_datadir() ? "" : " (this leafpress is not installed, so it has no labels of its own)");
    g_free(hint);
    g_free(langs);
    g_ptr_array_unref(files);
    return NULL;
  }
  return files;
}

char *lp_project_clinic(const LpProject *p) {
  char *path = lp_project_path(p, "text/clinic.yaml");
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free(path);
  return NULL;
}

GPtrArray *lp_project_languages(const LpProject *p) {
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  if (lp_datadir()) {
    char *installed = g_build_filename(lp_datadir(), "languages.yaml", NULL);
    if (g_file_test(installed, G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add(files, installed);
    else
      g_free(installed);
  }
  char *own = lp_project_path(p, "languages.yaml");
  if (g_file_test(own, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add(files, own);
  else
    g_free(own);
  return files;
}

char *lp_project_fonts_conf(const LpProject *p) {
  char *own = lp_project_path(p, "fonts/fonts.conf");
  if (g_file_test(own, G_FILE_TEST_IS_REGULAR) || !lp_datadir())
    return own;
  g_free(own);
  return g_build_filename(lp_datadir(), "fonts", "fonts.conf", NULL);
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
