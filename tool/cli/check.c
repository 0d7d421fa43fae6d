/* leafpress check DIR… — everything that can be wrong with an article folder,
 * one line per problem: unreadable articles, translations whose structure or
 * timeline differs from their source, stale translations, characters without a
 * glyph, cards that do not fit at the readability floor. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "doc/sections.h"
#include "layout/layout.h"
#include "read/article.h"
#include "read/layoutfile.h"

typedef struct {
  char *path;
  LpDoc *doc;
} Entry;

static void entry_clear(gpointer p) {
  Entry *e = p;
  g_free(e->path);
  lp_doc_free(e->doc);
}

static int cmp_str(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static Entry *find(GArray *entries, const char *dir, const char *name) {
  for (guint i = 0; i < entries->len; i++) {
    Entry *e = &g_array_index(entries, Entry, i);
    char *edir = g_path_get_dirname(e->path), *ename = g_path_get_basename(e->path);
    gboolean hit = strcmp(edir, dir) == 0 && strcmp(ename, name) == 0;
    g_free(edir);
    g_free(ename);
    if (hit)
      return e;
  }
  return NULL;
}

/* Lays the document out with every layout, keeping nothing: what fails here
 * (a missing glyph, a card that does not fit) would fail a build. */
static void check_layouts(LpSession *s, const LpDoc *doc, GPtrArray *layouts, GPtrArray *problems) {
  GError *err = NULL;
  LpVars *vars = lp_session_vars(s, doc, &err);
  LpFonts *fonts = vars ? lp_session_fonts(s, &err) : NULL;
  char *date = fonts ? lp_session_date(doc, &err) : NULL;
  if (!date) {
    g_ptr_array_add(problems, g_strdup(err->message));
    g_clear_error(&err);
    lp_vars_free(vars);
    return;
  }
  for (guint i = 0; i < layouts->len; i++) {
    LpLayoutSpec *spec = lp_layoutfile_read(g_ptr_array_index(layouts, i), &err);
    if (spec && lp_session_apply(s, vars, spec, &err)) {
      LpLayoutInput in = {doc, spec, vars, fonts, date, "leafpress check", NULL};
      LpBook *book = lp_layout_run(&in, &err);
      lp_book_free(book);
    }
    if (err) {
      /* The same text can fail in one layout and not another: say which. */
      if (spec && spec->name && !strstr(err->message, spec->name))
        g_ptr_array_add(problems, g_strdup_printf("%s (layout %s)", err->message, spec->name));
      else
        g_ptr_array_add(problems, g_strdup(err->message));
      g_clear_error(&err);
    }
    lp_layout_spec_free(spec);
  }
  g_free(date);
  lp_vars_free(vars);
}

int lp_cmd_check(int argc, char **argv) {
  char *project = NULL, *clinic = NULL;
  char **layout_args = NULL, **allow_paths = NULL;
  GOptionEntry entries[] = {
      {"allow-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &allow_paths,
       "Let inputs name files in this folder too (logos, layouts); repeatable", "DIR"},
      {"layout", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &layout_args, "Check with this layout (default: every layout)",
       "NAME|FILE"},
      {"clinic", 'c', 0, G_OPTION_ARG_FILENAME, &clinic, "Clinic profile (default text/clinic.yaml)", "FILE"},
      {"project", 0, 0, G_OPTION_ARG_FILENAME, &project, "Project folder (default: found from the articles)", "DIR"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("DIR|FILE... - check article folders: translations, glyphs, cards");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(ctx, "Prints one line per problem (file:line:col: message).\n"
                                        "Exit codes: 0 no problems, 1 problems found, 2 bad usage.\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpSession s = {0};
  GArray *entries_list = g_array_new(FALSE, TRUE, sizeof(Entry));
  g_array_set_clear_func(entries_list, entry_clear);
  GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *layouts = g_ptr_array_new_with_free_func(g_free);
  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    fprintf(stderr, "leafpress check: %s\n", err->message);
    g_clear_error(&err);
    rc = LP_EXIT_USAGE;
    goto out;
  }
  if (argc < 2) {
    fprintf(stderr, "leafpress check: expected an article folder, e.g. text/botox-headache/\n");
    rc = LP_EXIT_USAGE;
    goto out;
  }
  s.clinic = g_strdup(clinic);
  if (!(s.project = lp_project_open(project, argv[1], &err)))
    goto fail;
  {
    /* The folders files may be read from, as build grants them. */
    LpBuildOptions grant = {.allow_paths = allow_paths, .clinic = clinic};
    GPtrArray *named = g_ptr_array_new();
    for (int i = 1; i < argc; i++)
      g_ptr_array_add(named, argv[i]);
    for (char **l = layout_args; l && *l; l++)
      g_ptr_array_add(named, *l);
    if (clinic)
      g_ptr_array_add(named, clinic);
    g_ptr_array_add(named, NULL);
    gboolean ok = lp_build_options_grant(&grant, &s, (const char *const *)named->pdata, &err);
    g_ptr_array_unref(named);
    if (!ok)
      goto fail;
  }
  if (layout_args) {
    for (char **l = layout_args; *l; l++) {
      char *path = lp_project_layout(s.project, *l, &err);
      if (!path)
        goto fail;
      g_ptr_array_add(layouts, path);
    }
  } else {
    char *dir = lp_project_path(s.project, "layouts");
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
      if (g_str_has_suffix(name, ".yaml"))
        g_ptr_array_add(layouts, g_build_filename(dir, name, NULL));
    if (d)
      g_dir_close(d);
    g_ptr_array_sort(layouts, cmp_str);
    g_free(dir);
  }
  for (int a = 1; a < argc; a++) {
    GPtrArray *files = lp_article_files(argv[a], &err);
    if (!files)
      goto fail;
    for (guint i = 0; i < files->len; i++) {
      Entry e = {g_strdup(g_ptr_array_index(files, i)), NULL};
      e.doc = lp_article_read(e.path, &err);
      if (!e.doc) {
        g_ptr_array_add(problems, g_strdup(err->message));
        g_clear_error(&err);
      }
      g_array_append_val(entries_list, e);
    }
    g_ptr_array_unref(files);
  }
  lp_warn_set_quiet(TRUE);
  for (guint i = 0; i < entries_list->len; i++) {
    Entry *e = &g_array_index(entries_list, Entry, i);
    if (!e->doc)
      continue;
    const LpMeta *m = lp_doc_meta_const(e->doc);
    if (m->source) {
      char *dir = g_path_get_dirname(e->path);
      Entry *src = find(entries_list, dir, m->source);
      if (!src) {
        char *msg = g_strdup_printf("%s:%d:%d: translates %s, which is not in this folder", m->source_pos.file,
                                    m->source_pos.line, m->source_pos.col, m->source);
        g_ptr_array_add(problems, msg);
      } else if (src->doc) {
        lp_translation_compare(e->doc, src->doc, m->source, LP_COMPARE_STRUCTURE | LP_COMPARE_STALE, problems);
      }
      g_free(dir);
    }
    check_layouts(&s, e->doc, layouts, problems);
  }
  /* One line per problem, each once (a missing glyph fails every layout). */
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < problems->len; i++)
    if (g_hash_table_add(seen, g_ptr_array_index(problems, i)))
      fprintf(stdout, "%s\n", (const char *)g_ptr_array_index(problems, i));
  guint n = g_hash_table_size(seen);
  g_hash_table_unref(seen);
  if (n) {
    fprintf(stderr, "leafpress check: %u problem%s in %u file%s\n", n, n == 1 ? "" : "s", entries_list->len,
            entries_list->len == 1 ? "" : "s");
    rc = LP_EXIT_INPUT;
  } else {
    fprintf(stderr, "leafpress check: %u file%s, %u layout%s: no problems\n", entries_list->len,
            entries_list->len == 1 ? "" : "s", layouts->len, layouts->len == 1 ? "" : "s");
  }
  goto out;
fail:
  rc = lp_report_error(err);
out:
  g_ptr_array_unref(problems);
  g_ptr_array_unref(layouts);
  g_array_free(entries_list, TRUE);
  lp_session_clear(&s);
  g_free(project);
  g_free(clinic);
  g_strfreev(allow_paths);
  g_strfreev(layout_args);
  g_option_context_free(ctx);
  return rc;
}
