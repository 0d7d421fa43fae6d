/* leafpress check DIR… — everything that can be wrong with an article folder,
 * one line per problem: unreadable articles, translations whose structure or
 * timeline differs from their source, stale translations, and whatever a build
 * of each article in each layout would meet (characters without a glyph,
 * cards that do not fit at the readability floor, labels that do not fit the
 * diagram), found by building it with the engine and writing nothing. The
 * builds' warnings (copy-fit shrinks) are printed too. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "doc/sections.h"
#include "read/article.h"
#include "read/snapshot.h"
#include "read/project.h"
#include "read/manifest.h"
#include "engine/translate.h"

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

static void add_error(GPtrArray *problems, const GError *err) { g_ptr_array_add(problems, lp_diag_from_error(err)); }

/* A card is made for a patient in a mail merge: it must hold the longest
 * values a data row may bring — a patient name of LP_CARD_NAME_CHARS
 * characters (wide letters, a double-barrelled name) and the longest date
 * (a Wednesday in September in most languages). docs/batch.md says so. */
#define LP_CARD_NAME_CHARS 48
static const char long_name[] = "Wilhelmina-Maximiliane Worthington-Smythe-Brooke";
G_STATIC_ASSERT(sizeof long_name - 1 == LP_CARD_NAME_CHARS);

static gboolean check_merge(LpEngine *engine, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars,
                            GPtrArray *problems, GError **err) {
  LpVars *row = lp_vars_new_child(vars);
  lp_vars_set(row, "patient.name", long_name);
  lp_vars_set(row, "treatment_date", "2026-09-30");
  LpCtx *ctx = lp_ctx_new_child(lp_engine_ctx(engine));
  LpRequest req = {.doc = doc, .spec = spec, .vars = row, .no_verify = TRUE, .ctx = ctx};
  GError *e = NULL;
  LpResult *res = lp_engine_build(engine, &req, &e);
  gboolean built = res != NULL;
  lp_result_free(res);
  lp_vars_free(row);
  GPtrArray *warnings = lp_ctx_take_diags(ctx);
  for (guint k = 0; k < warnings->len; k++) {
    LpDiag *w = g_ptr_array_index(warnings, k);
    w->context = g_strdup_printf("layout %s, with the longest values a mail merge may bring", spec->name);
  }
  g_ptr_array_extend_and_steal(problems, warnings);
  lp_ctx_free(ctx);
  if (built)
    return TRUE;
  lp_set_error(err, lp_error_code(e), lp_error_pos(e),
               "with a patient name of %d characters and the longest date, as a mail merge may bring: %s",
               LP_CARD_NAME_CHARS, e->message);
  g_error_free(e);
  return FALSE;
}

/* Leaflets are reviewed on a cycle: check says so 90 days before the review
 * date (time to have the text reviewed) and once it has passed (--release
 * then refuses the leaflet). */
#define LP_REVIEW_NOTICE_DAYS 90
static void review_date(const LpDoc *doc, GPtrArray *problems) {
  const LpMeta *m = lp_doc_meta_const(doc);
  if (!m->review_due)
    return;
  GError *err = NULL;
  char *today = lp_engine_today(&err);
  if (!today) {
    add_error(problems, err);
    g_error_free(err);
    return;
  }
  int y, mo, d, ty, tm, td;
  if (lp_parse_date(m->review_due, &y, &mo, &d) == NULL && lp_parse_date(today, &ty, &tm, &td) == NULL) {
    GDate *due = g_date_new_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y);
    GDate *now = g_date_new_dmy((GDateDay)td, (GDateMonth)tm, (GDateYear)ty);
    int left = g_date_days_between(now, due);
    char *msg = NULL;
    if (left < 0)
      msg = g_strdup_printf("the review date %s (review_due) has passed (today is %s): --release refuses this "
                            "document until it is reviewed and given a new review_due",
                            m->review_due, today);
    else if (left <= LP_REVIEW_NOTICE_DAYS)
      msg = g_strdup_printf("the review date %s (review_due) is %d day%s away (today is %s): have the text reviewed",
                            m->review_due, left, left == 1 ? "" : "s", today);
    if (msg)
      g_ptr_array_add(problems, lp_diag_new(LP_SEVERITY_WARNING, LP_EXIT_OK, &m->review_due_pos, msg));
    g_free(msg);
    g_date_free(due);
    g_date_free(now);
  }
  g_free(today);
}

/* One document in one layout, built and kept nothing of: what fails here
 * would fail a build. The same text can fail in one layout and not another,
 * so each problem says which. Jobs run on the pool's threads, each with a
 * context of its own, and keep their problems apart until all are done, so
 * that the report comes out in the same order however many run at once. */
typedef struct {
  LpEngine *engine;
  const char *clinic;
  const LpDoc *doc;
  const char *layout;
  GPtrArray *problems; /* LpDiag*: this job's */
} LayoutJob;

static void check_layout(gpointer data, gpointer unused) {
  (void)unused;
  LayoutJob *job = data;
  LpEngine *engine = job->engine;
  LpCtx *ctx = lp_ctx_new_child(lp_engine_ctx(engine));
  GError *err = NULL;
  LpLayoutSpec *spec = NULL;
  LpVars *vars = lp_engine_values(engine, ctx, job->doc, job->clinic, NULL, &err);
  if (vars)
    spec = lp_engine_layout(engine, ctx, job->layout, vars, &err);
  if (spec) {
    LpRequest req = {.doc = job->doc, .spec = spec, .vars = vars, .ctx = ctx};
    LpResult *res = lp_engine_build(engine, &req, &err);
    gboolean built = res != NULL;
    lp_result_free(res);
    if (built && spec->kind == LP_KIND_CARD)
      check_merge(engine, job->doc, spec, vars, job->problems, &err);
  }
  /* Warnings first (the layout's own, the build's), as a build prints them. */
  GPtrArray *warnings = lp_ctx_take_diags(ctx);
  for (guint k = 0; spec && k < warnings->len; k++) {
    LpDiag *w = g_ptr_array_index(warnings, k);
    if (!w->context)
      w->context = g_strdup_printf("layout %s", spec->name);
  }
  g_ptr_array_extend_and_steal(job->problems, warnings);
  if (err) {
    if (spec) {
      char *where = g_strdup_printf("layout %s", spec->name);
      lp_error_set_context(err, where);
      g_free(where);
    }
    add_error(job->problems, err);
    g_error_free(err);
  }
  lp_layout_spec_free(spec);
  lp_vars_free(vars);
  lp_ctx_free(ctx);
}

/* Runs the jobs on `workers` threads (inline with one), in any order. */
static void run_jobs(GArray *jobs, guint workers) {
  if (workers <= 1 || jobs->len <= 1) {
    for (guint i = 0; i < jobs->len; i++)
      check_layout(&g_array_index(jobs, LayoutJob, i), NULL);
    return;
  }
  /* Exclusive threads: each keeps its fonts for the pool's life. */
  GThreadPool *pool = g_thread_pool_new(check_layout, NULL, (gint)MIN(workers, jobs->len), TRUE, NULL);
  for (guint i = 0; i < jobs->len; i++)
    g_thread_pool_push(pool, &g_array_index(jobs, LayoutJob, i), NULL);
  g_thread_pool_free(pool, FALSE, TRUE);
  /* Idle pool threads exit now, so that their fonts are freed. */
  g_thread_pool_set_max_unused_threads(0);
  g_thread_pool_stop_unused_threads();
}

/* The layouts to check: those given with -l; else the ones the project's
 * leafpress.yaml builds (what `batch` would make); else every layout in the
 * project's layouts/. *from says which, for the summary. */
static gboolean pick_layouts(LpCtx *ctx, const LpProject *project, char **args, GPtrArray *layouts,
                             const char **from, GPtrArray *languages, GError **err) {
  *from = NULL;
  char *manifest_path = lp_project_path(project, "leafpress.yaml");
  LpManifest *manifest = NULL;
  if (!args && g_file_test(manifest_path, G_FILE_TEST_IS_REGULAR)) {
    if (!(manifest = lp_manifest_read(ctx, manifest_path, err))) {
      g_free(manifest_path);
      return FALSE;
    }
    for (guint i = 0; manifest->languages && i < manifest->languages->len; i++)
      g_ptr_array_add(languages, g_strdup(g_ptr_array_index(manifest->languages, i)));
    if (manifest->layouts && manifest->layouts->len) {
      g_ptr_array_add(manifest->layouts, NULL);
      args = (char **)manifest->layouts->pdata;
      *from = "leafpress.yaml's";
    }
  }
  g_free(manifest_path);
  gboolean ok = TRUE;
  if (args) {
    for (char **l = args; *l && ok; l++) {
      char *path = lp_project_layout(project, *l, err);
      if (!path)
        ok = FALSE;
      else
        g_ptr_array_add(layouts, path);
    }
    if (manifest) {
      g_ptr_array_remove_index(manifest->layouts, manifest->layouts->len - 1);
      lp_manifest_free(manifest);
    }
    return ok;
  }
  if (manifest)
    lp_manifest_free(manifest);
  *from = "the project's";
  char *dir = lp_project_path(project, "layouts");
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d)))
    if (g_str_has_suffix(name, ".yaml"))
      g_ptr_array_add(layouts, g_build_filename(dir, name, NULL));
  if (d)
    g_dir_close(d);
  g_ptr_array_sort(layouts, cmp_str);
  g_free(dir);
  return TRUE;
}

/* Reads every article the arguments name; unreadable ones are problems. */
static gboolean read_articles(LpCtx *ctx, int argc, char **argv, GArray *entries, GPtrArray *problems,
                              GError **err) {
  for (int a = 1; a < argc; a++) {
    GPtrArray *files = lp_article_files(argv[a], err);
    if (!files)
      return FALSE;
    for (guint i = 0; i < files->len; i++) {
      Entry e = {g_strdup(g_ptr_array_index(files, i)), NULL};
      GError *bad = NULL;
      if (!(e.doc = lp_article_read(ctx, e.path, &bad))) {
        add_error(problems, bad);
        g_error_free(bad);
      }
      g_array_append_val(entries, e);
    }
    g_ptr_array_unref(files);
  }
  return TRUE;
}

/* An article folder holds one original and its translations: a second file
 * without `translates:` beside an original others translate is most likely a
 * translation that lost (or never had) it — and is not structure-checked. */
static void unlinked_originals(GArray *entries, GPtrArray *problems) {
  for (guint i = 0; i < entries->len; i++) {
    Entry *e = &g_array_index(entries, Entry, i);
    if (!e->doc || lp_doc_meta_const(e->doc)->source)
      continue;
    char *dir = g_path_get_dirname(e->path), *name = g_path_get_basename(e->path);
    const char *source = NULL;
    for (guint k = 0; k < entries->len && !source; k++) {
      Entry *t = &g_array_index(entries, Entry, k);
      const char *src = t->doc ? lp_doc_meta_const(t->doc)->source : NULL;
      char *tdir = g_path_get_dirname(t->path);
      if (src && strcmp(tdir, dir) == 0 && strcmp(src, name) != 0)
        source = src;
      g_free(tdir);
    }
    gboolean translated = FALSE; /* is this one what others translate? */
    for (guint k = 0; k < entries->len; k++) {
      Entry *t = &g_array_index(entries, Entry, k);
      const char *src = t->doc ? lp_doc_meta_const(t->doc)->source : NULL;
      translated |= src && strcmp(src, name) == 0;
    }
    if (source && !translated) {
      char *msg = g_strdup_printf("this article has no 'translates:' while this folder's translations translate %s: "
                                  "it is not checked against %s",
                                  source, source);
      char *hint = g_strdup_printf("if it translates %s, add 'translates: {source: %s}' to its front matter and run "
                                   "'leafpress stamp %s'",
                                   source, source, e->path);
      LpDiag *d = lp_diag_new(LP_SEVERITY_WARNING, LP_EXIT_OK, &lp_doc_meta_const(e->doc)->pos, msg);
      d->hint = hint;
      g_ptr_array_add(problems, d);
      g_free(msg);
    }
    g_free(dir);
    g_free(name);
  }
}

/* Texts `leafpress translate` marked and nobody has replaced yet: in the
 * article and in its language's labels. */
static void untranslated(LpCtx *ctx, LpEngine *engine, const Entry *e, GPtrArray *problems) {
  const LpMeta *m = lp_doc_meta_const(e->doc);
  GPtrArray *paths = lp_project_labels(lp_engine_project(engine), m->lang, NULL, NULL);
  if (!paths)
    paths = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_insert(paths, 0, g_strdup(e->path));
  lp_translate_find_untranslated(ctx, paths, problems);
  g_ptr_array_unref(paths);
}

static void compare_translations(LpCtx *ctx, GArray *entries, Entry *e, GPtrArray *problems) {
  const LpMeta *m = lp_doc_meta_const(e->doc);
  if (!m->source)
    return;
  char *dir = g_path_get_dirname(e->path);
  Entry *src = find(entries, dir, m->source);
  LpDoc *read_here = NULL;
  Entry alone = {0};
  if (!src) {
    /* A translation checked on its own: its source is read, not checked. */
    char *path = g_build_filename(dir, m->source, NULL);
    GError *e2 = NULL;
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && (read_here = lp_article_read(ctx, path, &e2))) {
      alone.path = path;
      alone.doc = read_here;
      src = &alone;
    } else {
      g_clear_error(&e2);
      g_free(path);
    }
  }
  if (!src) {
    char *msg = g_strdup_printf("translates %s, which is not in this folder", m->source);
    g_ptr_array_add(problems, lp_diag_new(LP_SEVERITY_ERROR, LP_EXIT_INPUT, &m->source_pos, msg));
    g_free(msg);
  } else if (src->doc) {
    GPtrArray *earlier = lp_snapshot_docs(ctx, src->path);
    g_ptr_array_extend_and_steal(problems, lp_ctx_take_diags(ctx));
    lp_translation_compare(e->doc, src->doc, m->source, earlier, LP_COMPARE_STRUCTURE | LP_COMPARE_STALE, problems);
    g_ptr_array_unref(earlier);
  }
  if (read_here)
    entry_clear(&alone);
  g_free(dir);
}

/* One line per problem, each once (a missing glyph fails every layout in
 * the same place); returns the number of errors and of warnings. */
static void print_problems(const GPtrArray *problems, guint *errors, guint *warnings) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  *errors = *warnings = 0;
  for (guint i = 0; i < problems->len; i++) {
    const LpDiag *d = g_ptr_array_index((GPtrArray *)problems, i);
    char *text = lp_diag_format(d);
    if (!g_hash_table_add(seen, text))
      continue;
    fprintf(stdout, "%s\n", text);
    if (d->severity == LP_SEVERITY_WARNING)
      (*warnings)++;
    else
      (*errors)++;
  }
  g_hash_table_unref(seen);
}

int lp_cmd_check(int argc, char **argv) {
  char *project_arg = NULL, *clinic = NULL;
  char **layout_args = NULL, **allow_paths = NULL;
  gint jobs_arg = -1; /* unset: the number of cores */
  GOptionEntry entries[] = {
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs_arg, "Layouts built at once (default: the number of cores)", "N"},
      {"allow-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &allow_paths,
       "Let inputs name files in this folder too (logos, layouts); repeatable", "DIR"},
      {"layout", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &layout_args,
       "Check with this layout: NAME, leafpress:NAME or a file (default: every layout of the project)", "NAME|FILE"},
      {"clinic", 'c', 0, G_OPTION_ARG_FILENAME, &clinic, "Clinic profile (default text/clinic.yaml)", "FILE"},
      {"project", 0, 0, G_OPTION_ARG_FILENAME, &project_arg, "Project folder (default: found from the articles)",
       "DIR"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *octx = g_option_context_new("DIR|FILE... - check article folders: translations, glyphs, cards");
  g_option_context_add_main_entries(octx, entries, NULL);
  g_option_context_set_description(octx, "Prints one line per problem (file:line:col: message), then warnings.\n"
                                         "Exit codes: 0 no problems (warnings allowed), 1 problems found, 2 bad usage.\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *ctx = lp_ctx_new();
  LpProject *project = NULL;
  LpEngine *engine = NULL;
  GArray *entries_list = g_array_new(FALSE, TRUE, sizeof(Entry));
  g_array_set_clear_func(entries_list, entry_clear);
  GPtrArray *problems = g_ptr_array_new_with_free_func(lp_diag_free);
  GPtrArray *layouts = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *built_langs = g_ptr_array_new_with_free_func(g_free); /* leafpress.yaml's languages; empty: all */
  char **args = lp_split_jobs_arg(argc, argv, &argc);
  char **args_owned = g_memdup2(args, sizeof(char *) * (gsize)(argc + 1)); /* parsing reorders args */
  argv = args;
  if (!g_option_context_parse(octx, &argc, &argv, &err)) {
    rc = lp_usage_error("check", "%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (argc < 2) {
    rc = lp_usage_error("check", "expected an article folder, e.g. text/botox-headache/");
    goto out;
  }
  if (jobs_arg == 0 || jobs_arg < -1 || jobs_arg > 256) {
    rc = lp_usage_error("check", "--jobs: expected a number from 1 to 256");
    goto out;
  }
  if (!(project = lp_project_open(project_arg, argv[1], &err)))
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
    gboolean ok = lp_build_options_grant(&grant, ctx, project, (const char *const *)named->pdata, &err);
    g_ptr_array_unref(named);
    if (!ok)
      goto fail;
  }
  const char *layouts_from = NULL;
  if (!pick_layouts(ctx, project, layout_args, layouts, &layouts_from, built_langs, &err) ||
      !read_articles(ctx, argc, argv, entries_list, problems, &err))
    goto fail;
  engine = lp_engine_new(project, ctx);
  project = NULL;
  unlinked_originals(entries_list, problems);
  lp_engine_check_clinic(engine, ctx, clinic, NULL);
  g_ptr_array_extend_and_steal(problems, lp_ctx_take_diags(ctx));
  /* What reads the texts first, on this thread; then every layout of every
   * document at once; then the report in the documents' order. */
  GPtrArray *before = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  GArray *jobs = g_array_new(FALSE, TRUE, sizeof(LayoutJob));
  GArray *first_job = g_array_new(FALSE, TRUE, sizeof(guint));
  for (guint i = 0; i < entries_list->len; i++) {
    Entry *e = &g_array_index(entries_list, Entry, i);
    GPtrArray *mine = g_ptr_array_new_with_free_func(lp_diag_free);
    g_ptr_array_add(before, mine);
    guint at = jobs->len;
    g_array_append_val(first_job, at);
    if (!e->doc)
      continue;
    untranslated(ctx, engine, e, mine);
    compare_translations(ctx, entries_list, e, mine);
    const LpMeta *m = lp_doc_meta_const(e->doc);
    gboolean built = built_langs->len == 0;
    for (guint k = 0; k < built_langs->len && !built; k++)
      built = g_strcmp0(g_ptr_array_index(built_langs, k), m->lang) == 0;
    if (built || layout_args) {
      for (guint l = 0; l < layouts->len; l++) {
        LayoutJob job = {engine, clinic, e->doc, g_ptr_array_index(layouts, l),
                         g_ptr_array_new_with_free_func(lp_diag_free)};
        g_array_append_val(jobs, job);
      }
    } else {
      /* What batch does not build is not laid out here either; it is said. */
      char *msg = g_strdup_printf("not laid out: leafpress.yaml's languages leave out '%s' (check -l LAYOUT lays it out)",
                                  m->lang);
      g_ptr_array_add(mine, lp_diag_new(LP_SEVERITY_WARNING, LP_EXIT_OK, &m->lang_pos, msg));
      g_free(msg);
    }
  }
  g_ptr_array_extend_and_steal(problems, lp_ctx_take_diags(ctx));
  run_jobs(jobs, jobs_arg > 0 ? (guint)jobs_arg : g_get_num_processors());
  for (guint i = 0; i < entries_list->len; i++) {
    Entry *e = &g_array_index(entries_list, Entry, i);
    g_ptr_array_extend_and_steal(problems, g_ptr_array_ref(g_ptr_array_index(before, i)));
    guint end = i + 1 < entries_list->len ? g_array_index(first_job, guint, i + 1) : jobs->len;
    for (guint j = g_array_index(first_job, guint, i); j < end; j++) {
      LayoutJob *job = &g_array_index(jobs, LayoutJob, j);
      g_ptr_array_extend_and_steal(problems, job->problems);
      job->problems = NULL;
    }
    if (e->doc)
      review_date(e->doc, problems);
  }
  g_array_free(first_job, TRUE);
  g_array_free(jobs, TRUE);
  g_ptr_array_unref(before);
  guint errors, warnings;
  print_problems(problems, &errors, &warnings);
  if (errors) {
    fprintf(stderr, "leafpress check: %u problem%s in %u file%s\n", errors, errors == 1 ? "" : "s",
            entries_list->len, entries_list->len == 1 ? "" : "s");
    rc = LP_EXIT_INPUT;
  } else {
    fprintf(stderr, "leafpress check: %u file%s, %u layout%s%s%s%s: no problems", entries_list->len,
            entries_list->len == 1 ? "" : "s", layouts->len, layouts->len == 1 ? "" : "s",
            layouts_from ? " (" : "", layouts_from ? layouts_from : "", layouts_from ? ")" : "");
    if (warnings)
      fprintf(stderr, ", %u warning%s", warnings, warnings == 1 ? "" : "s");
    fputc('\n', stderr);
  }
  goto out;
fail:
  rc = lp_report_error(err);
out:
  g_ptr_array_unref(built_langs);
  g_ptr_array_unref(problems);
  g_ptr_array_unref(layouts);
  g_array_free(entries_list, TRUE);
  lp_engine_free(engine);
  lp_project_free(project);
  lp_ctx_free(ctx);
  g_free(project_arg);
  g_free(clinic);
  g_strfreev(allow_paths);
  g_strfreev(layout_args);
  g_option_context_free(octx);
  g_strfreev(args_owned);
  g_free(args);
  return rc;
}
