/* leafpress batch [ARTICLE|DIR]… — many outputs in one process.
 *
 * The plan: article folders (every language in them) or files × layouts ×
 * writers, or, with --data, one output per data row. Articles, layouts and
 * values are read once on the main thread and shared read-only; the outputs
 * are built by the runner's workers. Every output has an index in the plan's
 * fixed order, which --shard splits on and the report keeps. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/fresh.h"
#include "cli/interrupt.h"
#include "cli/options.h"
#include "cli/pattern.h"
#include "cli/runner.h"
#include "doc/limits.h"
#include "finish/merge.h"
#include "layout/hyph.h"
#include "read/article.h"
#include "read/csv.h"
#include "read/layoutfile.h"
#include "read/manifest.h"
#include "read/source.h"
#include "read/yaml.h"

#define DEFAULT_PATTERN "out/{article}/{lang}/{layout}.{format}"
#define DEFAULT_ROW_PATTERN "out/{article}/{lang}/{layout}-{row}.{format}"

typedef struct {
  char *file;
  LpDoc *doc;     /* NULL when it could not be read */
  LpVars *vars;   /* the article's values (labels, clinic, --set) */
  char *labels;   /* the labels file those values came from */
  GError *error;  /* why it cannot be built */
} Article;

/* Articles given as one argument: a folder's languages, or one file. */
typedef struct {
  char *arg;
  GPtrArray *articles; /* Article*, sorted by file name */
} Group;

typedef struct {
  char *file;
  LpLayoutSpec *spec;
  GError *error;
} Layout;

typedef struct {
  LpBuildOptions o;
  char **layouts_arg, **formats_arg, **langs_arg;
  char *output, *data, *merge, *depfile, *report, *shard, *manifest;
  gint jobs;
  gint64 max_rows, max_field;
  gboolean keep_going, force, list;
} Args;

typedef struct {
  Args *a;
  LpSession session; /* the base: project, values, print settings */
  GPtrArray *sessions; /* LpSession*, one per writer: copies of the base */
  GPtrArray *writers;  /* char* */
  GArray *formats;     /* LpFormat */
  GPtrArray *langs;    /* char*, or NULL for all */
  GPtrArray *groups;   /* Group* */
  GPtrArray *layouts;  /* Layout* */
  LpPattern *pattern;
  char *clinic;        /* the profile in use, or NULL */
  char *fonts_conf;
  LpCsv *csv;
  int lang_column;     /* the data file's "lang" column, or -1 */
  guint shard_k, shard_n;
  guint index;         /* the next output's place in the plan */
  GHashTable *seen;    /* output path → what makes it (duplicates) */
  GPtrArray *records;  /* LpJobRecord*, kept for --report, --depfile, --merge */
  GPtrArray *pending;  /* LpJob*: planned, not yet handed to the runner */
  gboolean keep;
  LpRunner *runner;
  LpProgress *progress;
  guint planned, done, failed, built, fresh;
  int worst;           /* the exit code failures add up to */
} Batch;

/* ---- the inputs ---- */

static void article_free(gpointer p) {
  Article *a = p;
  g_free(a->file);
  lp_doc_free(a->doc);
  lp_vars_free(a->vars);
  g_free(a->labels);
  g_clear_error(&a->error);
  g_free(a);
}

static void group_free(gpointer p) {
  Group *g = p;
  g_free(g->arg);
  g_ptr_array_unref(g->articles);
  g_free(g);
}

static void layout_free(gpointer p) {
  Layout *l = p;
  g_free(l->file);
  lp_layout_spec_free(l->spec);
  g_clear_error(&l->error);
  g_free(l);
}

static int worse(int a, int b) { return a == LP_EXIT_IO || b == LP_EXIT_IO ? LP_EXIT_IO : MAX(a, b); }

/* Prints a message between progress redraws. */
static void say(Batch *b, const char *msg) {
  lp_progress_clear(b->progress);
  fprintf(stderr, "%s\n", msg);
}

static void load_error(Batch *b, GError *e) {
  say(b, e->message);
  b->worst = worse(b->worst, e->domain == LP_ERROR ? e->code : LP_EXIT_IO);
}

static gboolean load_group(Batch *b, const char *arg, GError **err) {
  GPtrArray *files = lp_article_files(arg, err);
  if (!files)
    return FALSE;
  Group *g = g_new0(Group, 1);
  g->arg = g_strdup(arg);
  g->articles = g_ptr_array_new_with_free_func(article_free);
  g_ptr_array_add(b->groups, g);
  for (guint i = 0; i < files->len; i++) {
    Article *a = g_new0(Article, 1);
    a->file = g_strdup(g_ptr_array_index(files, i));
    g_ptr_array_add(g->articles, a);
    if ((a->doc = lp_article_read(a->file, &a->error)) &&
        (!b->a->o.release || lp_release_ready(a->doc, &a->error)) &&
        (a->vars = lp_session_vars(&b->session, a->doc, &a->error)))
      a->labels = lp_project_labels(b->session.project, lp_doc_meta_const(a->doc)->lang, NULL);
    if (a->error) {
      if (!b->a->keep_going) {
        g_propagate_error(err, g_error_copy(a->error));
        g_ptr_array_unref(files);
        return FALSE;
      }
      load_error(b, a->error);
    }
  }
  g_ptr_array_unref(files);
  return TRUE;
}

/* Layouts are read once; the clinic's colour (the same for every article) is
 * applied once, before any worker reads them. */
static gboolean load_layouts(Batch *b, GPtrArray *names, GError **err) {
  const LpVars *vars = NULL;
  for (guint g = 0; g < b->groups->len && !vars; g++) {
    GPtrArray *arts = ((Group *)g_ptr_array_index(b->groups, g))->articles;
    for (guint i = 0; i < arts->len && !vars; i++)
      vars = ((Article *)g_ptr_array_index(arts, i))->vars;
  }
  for (guint i = 0; i < names->len; i++) {
    Layout *l = g_new0(Layout, 1);
    g_ptr_array_add(b->layouts, l);
    if ((l->file = lp_project_layout(b->session.project, g_ptr_array_index(names, i), &l->error)) &&
        (l->spec = lp_layoutfile_read(l->file, &l->error)) && vars)
      lp_session_apply(&b->session, vars, l->spec, &l->error);
    if (l->error) {
      if (!b->a->keep_going || l->error->code == LP_EXIT_USAGE) {
        g_propagate_error(err, g_error_copy(l->error));
        return FALSE;
      }
      load_error(b, l->error);
    }
  }
  return TRUE;
}

/* ---- the plan ---- */

typedef struct {
  int row, line;       /* 0 outside a mail merge */
  GPtrArray *fields;   /* the row's values, or NULL */
} Row;

static const char *layout_name(const Layout *l) {
  if (l->spec)
    return l->spec->name;
  return l->file ? l->file : "?";
}

/* The files one output is made from: what the depfile lists and the stamp
 * hashes (the data file is listed; the row's own values are hashed). */
static void add_inputs(Batch *b, const Article *a, const Layout *l, GPtrArray *inputs) {
  g_ptr_array_add(inputs, g_strdup(a->file));
  for (guint i = 0; l->spec && i < l->spec->sources->len; i++)
    g_ptr_array_add(inputs, g_strdup(g_ptr_array_index(l->spec->sources, i)));
  if (a->labels)
    g_ptr_array_add(inputs, g_strdup(a->labels));
  if (b->clinic)
    g_ptr_array_add(inputs, g_strdup(b->clinic));
  const char *logo = a->vars ? lp_vars_get(a->vars, "clinic.logo") : NULL;
  if (logo && *logo)
    g_ptr_array_add(inputs, g_strdup(logo));
  g_ptr_array_add(inputs, g_strdup(b->fonts_conf));
  char *dict = a->doc ? lp_hyph_dict_file(lp_doc_meta_const(a->doc)->lang) : NULL;
  if (dict)
    g_ptr_array_add(inputs, dict);
}

/* Everything besides files that decides an output's bytes. */
static char *settings(Batch *b, const LpSession *s, const Row *row, const GPtrArray *outs) {
  GString *x = g_string_new(lp_fresh_engine());
  g_string_append_printf(x, "writer %d cmyk %d bleed %d marks %d pdfa %d allow %u dpi %g\n", s->writer, s->cmyk,
                         s->bleed, s->crop_marks, s->pdfa, s->allow, s->dpi);
  if (s->owner_password)
    g_string_append_printf(x, "password %s\n", s->owner_password);
  const char *sde = g_getenv("SOURCE_DATE_EPOCH");
  g_string_append_printf(x, "epoch %s\n", sde ? sde : "");
  for (guint i = 0; s->sets && i < s->sets->len; i++)
    g_string_append_printf(x, "set %s\n", (const char *)g_ptr_array_index(s->sets, i));
  for (guint i = 0; row->fields && i < row->fields->len; i++)
    g_string_append_printf(x, "column %s=%s\n", (const char *)g_ptr_array_index((GPtrArray *)lp_csv_header(b->csv), i),
                           (const char *)g_ptr_array_index(row->fields, i));
  for (guint i = 0; i < outs->len; i++)
    g_string_append_printf(x, "output %s\n", (const char *)g_ptr_array_index((GPtrArray *)outs, i));
  return g_string_free(x, FALSE);
}

static LpJobRecord *new_record(const Article *a, const Layout *l, const Row *row) {
  LpJobRecord *rec = lp_job_record_new();
  rec->article = g_strdup(a->file);
  rec->lang = g_strdup(a->doc ? lp_doc_meta_const(a->doc)->lang : "");
  rec->layout = g_strdup(layout_name(l));
  rec->row = row->row;
  rec->line = row->line;
  return rec;
}

/* A record that never reaches the runner: an input that could not be read,
 * or a row that is wrong. */
static void fail_record(Batch *b, LpJobRecord *rec, const char *message) {
  rec->status = "failed";
  g_ptr_array_add(rec->errors, g_strdup(message));
  b->failed++;
  b->done++;
  if (b->keep)
    g_ptr_array_add(b->records, rec);
  else
    lp_job_record_free(rec);
}

static GHashTable *values(const Article *a, const Layout *l, const char *writer, const Row *row, Batch *b) {
  GHashTable *v = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert(v, "article", g_strdup(lp_doc_id(a->doc)));
  g_hash_table_insert(v, "lang", g_strdup(lp_doc_meta_const(a->doc)->lang));
  g_hash_table_insert(v, "layout", g_strdup(layout_name(l)));
  g_hash_table_insert(v, "writer", g_strdup(writer));
  g_hash_table_insert(v, "row", row->row ? g_strdup_printf("%d", row->row) : g_strdup(""));
  for (guint i = 0; row->fields && i < row->fields->len; i++)
    g_hash_table_insert(v, g_ptr_array_index((GPtrArray *)lp_csv_header(b->csv), i),
                        g_strdup(g_ptr_array_index(row->fields, i)));
  return v;
}

static gboolean is_input(Batch *b, const char *path, const Article *a, const Layout *l) {
  return lp_same_file(path, a->file) || lp_same_file(path, l->file) || lp_same_file(path, b->clinic) ||
         lp_same_file(path, b->a->data) || lp_same_file(path, b->fonts_conf);
}

/* One output: its paths from the pattern, checked against every other output
 * and every input; then up to the runner (or printed, for --list). A problem
 * with the row is the row's failure; a pattern that makes two outputs one
 * file is the command line's. */
/* Takes the next place in the plan; whether it is this shard's. */
static gboolean mine(Batch *b) {
  guint index = b->index++;
  if (b->shard_n && index % b->shard_n != b->shard_k - 1)
    return FALSE;
  b->planned++;
  return TRUE;
}

static gboolean plan_output(Batch *b, Article *a, Layout *l, guint w, const Row *row, GError **err) {
  if (!mine(b))
    return TRUE;
  LpJobRecord *rec = new_record(a, l, row);
  if (a->error || l->error) {
    fail_record(b, rec, (a->error ? a->error : l->error)->message);
    return TRUE;
  }
  const char *writer = g_ptr_array_index(b->writers, w);
  GHashTable *v = values(a, l, writer, row, b);
  GPtrArray *outs = g_ptr_array_new_with_free_func(g_free);
  GError *e = NULL;
  for (guint f = 0; f < b->formats->len && !e; f++) {
    LpFormat fmt = g_array_index(b->formats, LpFormat, f);
    g_hash_table_insert(v, "format", g_strdup(lp_format_name(fmt)));
    char *path = lp_pattern_expand(b->pattern, v, &e);
    if (!path)
      break;
    const char *other = g_hash_table_lookup(b->seen, path);
    char *what = row->row ? g_strdup_printf("%s:%d", b->a->data, row->line)
                          : g_strdup_printf("%s, %s, %s", a->file, layout_name(l), writer);
    if (other)
      lp_set_error(&e, row->row ? LP_EXIT_INPUT : LP_EXIT_USAGE, NULL,
                   "%s would be made twice (by %s and by %s): put a placeholder that tells them apart in the output "
                   "pattern (-o), e.g. {lang}, {layout}%s",
                   path, other, what, row->row ? " or {row}" : ", {writer}");
    else if (is_input(b, path, a, l))
      lp_set_error(&e, LP_EXIT_USAGE, NULL, "the output %s would overwrite an input file", path);
    if (e) {
      g_free(what);
      g_free(path);
      break;
    }
    g_hash_table_insert(b->seen, g_strdup(path), what);
    g_ptr_array_add(outs, path);
  }
  g_hash_table_unref(v);
  if (e) {
    if (row->row && e->code == LP_EXIT_INPUT) {
      /* The row's place in the data file says which patient it is. */
      LpPos pos = lp_pos(b->a->data, row->line, 1);
      GError *placed = NULL;
      lp_set_error(&placed, LP_EXIT_INPUT, &pos, "%s", e->message);
      g_error_free(e);
      e = placed;
    }
    gboolean fatal = e->code == LP_EXIT_USAGE || !b->a->keep_going;
    if (fatal) {
      g_propagate_error(err, e);
      lp_job_record_free(rec);
    } else {
      load_error(b, e);
      fail_record(b, rec, e->message);
      g_error_free(e);
    }
    g_ptr_array_unref(outs);
    return !fatal;
  }
  for (guint i = 0; i < outs->len; i++)
    g_ptr_array_add(rec->outputs, g_strdup(g_ptr_array_index(outs, i)));
  if (b->a->list) {
    for (guint i = 0; i < outs->len; i++)
      printf("%s\n", (const char *)g_ptr_array_index(outs, i));
    lp_job_record_free(rec);
    g_ptr_array_unref(outs);
    return TRUE;
  }
  add_inputs(b, a, l, rec->inputs);
  LpJob *job = g_new0(LpJob, 1);
  job->session = g_ptr_array_index(b->sessions, w);
  job->doc = a->doc;
  job->spec = l->spec;
  job->vars = a->vars;
  if (row->fields) {
    job->own_vars = lp_vars_new_child(a->vars);
    for (guint i = 0; i < row->fields->len; i++)
      if ((int)i != b->lang_column)
        lp_vars_set(job->own_vars, g_ptr_array_index((GPtrArray *)lp_csv_header(b->csv), i),
                    g_ptr_array_index(row->fields, i));
    job->vars = job->own_vars;
  }
  job->formats = (const LpFormat *)b->formats->data;
  job->n_formats = b->formats->len;
  job->outs = outs;
  char *extra = settings(b, job->session, row, outs);
  job->inputs_hash = lp_fresh_inputs(rec->inputs, extra);
  g_free(extra);
  if (row->row && b->a->data)
    g_ptr_array_add(rec->inputs, g_strdup(b->a->data));
  job->record = rec;
  if (b->keep)
    g_ptr_array_add(b->records, rec); /* in the plan's order; the worker fills it in */
  /* Rows stream into the runner; a plan of folders is checked whole first,
   * so that a pattern that makes one file twice writes nothing. */
  if (b->csv)
    lp_runner_submit(b->runner, job);
  else
    g_ptr_array_add(b->pending, job);
  return TRUE;
}

/* The articles of a group an output is made from: all of them, or those in
 * the chosen languages; in a mail merge, the row's language, else the
 * original (the article that is no one's translation). */
static GPtrArray *pick(Batch *b, Group *g, const char *row_lang) {
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < g->articles->len; i++) {
    Article *a = g_ptr_array_index(g->articles, i);
    const char *lang = a->doc ? lp_doc_meta_const(a->doc)->lang : NULL;
    if (row_lang) {
      if (lang && g_str_equal(lang, row_lang))
        g_ptr_array_add(out, a);
    } else if (b->langs) {
      if (lang && g_ptr_array_find_with_equal_func(b->langs, lang, g_str_equal, NULL))
        g_ptr_array_add(out, a);
      else if (!lang && g->articles->len == 1)
        g_ptr_array_add(out, a); /* unreadable: its failure is reported */
    } else if (!b->csv || !a->doc || !lp_doc_meta_const(a->doc)->source) {
      g_ptr_array_add(out, a);
    }
  }
  return out;
}

/* A failure found while planning (a row that is wrong, a language a folder
 * lacks): it takes its place in the plan, and stops the batch unless it
 * keeps going. Takes `e`. */
static gboolean plan_failure(Batch *b, GError *e, const char *article, const char *lang, const Row *row,
                             GError **err) {
  if (!mine(b)) {
    g_error_free(e);
    return TRUE;
  }
  if (!b->a->keep_going) {
    g_propagate_error(err, e);
    return FALSE;
  }
  load_error(b, e);
  LpJobRecord *rec = lp_job_record_new();
  rec->article = g_strdup(article);
  rec->lang = g_strdup(lang);
  rec->layout = g_strdup("");
  rec->row = row->row;
  rec->line = row->line;
  fail_record(b, rec, e->message);
  g_error_free(e);
  return TRUE;
}

static gboolean has_lang(const Group *g, const char *lang) {
  for (guint i = 0; i < g->articles->len; i++) {
    const Article *a = g_ptr_array_index(g->articles, i);
    if (a->doc && g_str_equal(lp_doc_meta_const(a->doc)->lang, lang))
      return TRUE;
  }
  return FALSE;
}

/* A language asked for (by -L or a row) that the folder does not have. */
static gboolean missing_lang(Batch *b, const Group *g, const char *lang, const Row *row, GError **err) {
  GString *have = g_string_new(NULL);
  for (guint i = 0; i < g->articles->len; i++) {
    const Article *a = g_ptr_array_index(g->articles, i);
    if (a->doc)
      g_string_append_printf(have, "%s%s", have->len ? ", " : "", lp_doc_meta_const(a->doc)->lang);
  }
  GError *e = NULL;
  LpPos pos = row->line ? lp_pos(b->a->data, row->line, 1) : lp_pos(g->arg, 0, 0);
  lp_set_error(&e, LP_EXIT_INPUT, &pos, "%s has no article in '%s' (it has: %s)", g->arg, lang, have->str);
  g_string_free(have, TRUE);
  return plan_failure(b, e, g->arg, lang, row, err);
}

static gboolean plan_group(Batch *b, Group *g, const Row *row, const char *row_lang, GError **err) {
  gboolean ok = TRUE;
  if (row_lang && !has_lang(g, row_lang))
    ok = missing_lang(b, g, row_lang, row, err);
  for (guint i = 0; ok && !row_lang && b->langs && i < b->langs->len; i++) {
    const char *lang = g_ptr_array_index(b->langs, i);
    /* A folder with an unreadable article may have it: that one's failure says so. */
    gboolean unreadable = FALSE;
    for (guint k = 0; k < g->articles->len; k++)
      unreadable |= ((Article *)g_ptr_array_index(g->articles, k))->doc == NULL;
    if (!has_lang(g, lang) && !unreadable)
      ok = missing_lang(b, g, lang, row, err);
  }
  GPtrArray *arts = pick(b, g, row_lang);
  for (guint i = 0; ok && i < arts->len && !lp_runner_stopped(b->runner); i++)
    for (guint l = 0; ok && l < b->layouts->len && !lp_runner_stopped(b->runner); l++)
      for (guint w = 0; ok && w < b->writers->len && !lp_runner_stopped(b->runner); w++)
        ok = plan_output(b, g_ptr_array_index(arts, i), g_ptr_array_index(b->layouts, l), w, row, err);
  g_ptr_array_unref(arts);
  return ok;
}

/* A row is checked before anything is built from it: the number of fields,
 * dates that must be dates. */
static gboolean check_row(Batch *b, const Row *row, GError **err) {
  const GPtrArray *header = lp_csv_header(b->csv);
  LpPos pos = lp_pos(b->a->data, row->line, 1);
  if (row->fields->len != header->len) {
    GString *names = g_string_new(NULL);
    for (guint i = 0; i < header->len; i++)
      g_string_append_printf(names, "%s%s", i ? ", " : "", (const char *)g_ptr_array_index((GPtrArray *)header, i));
    lp_set_error(err, LP_EXIT_INPUT, &pos, "expected %u fields (%s), found %u: a column is %s", header->len,
                 names->str, row->fields->len,
                 row->fields->len < header->len ? "missing" : "too many (a comma not quoted?)");
    g_string_free(names, TRUE);
    return FALSE;
  }
  for (guint i = 0; i < header->len; i++) {
    const char *name = g_ptr_array_index((GPtrArray *)header, i), *v = g_ptr_array_index(row->fields, i);
    char *what = g_strdup_printf("column %u (%s)", i + 1, name);
    gboolean clean = lp_source_check_value(v, what, &pos, err);
    g_free(what);
    if (!clean)
      return FALSE;
    int y, m, d;
    char *msg = (g_str_equal(name, "treatment_date") || g_str_has_suffix(name, "_date")) && *v
                    ? lp_parse_date(v, &y, &m, &d)
                    : NULL;
    if (msg) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "column %u (%s): %s", i + 1, name, msg);
      g_free(msg);
      return FALSE;
    }
  }
  return TRUE;
}

/* Column names become placeholders: they must look like keys, and must not
 * replace the article's own values. */
static gboolean check_header(Batch *b, GError **err) {
  static const char *const reserved[] = {"title", "subtitle", "version", "date", "article",
                                         "page",  "pages",    "row",     "format", "writer",
                                         "layout", NULL};
  const GPtrArray *header = lp_csv_header(b->csv);
  LpPos pos = lp_pos(b->a->data, 1, 1);
  b->lang_column = -1;
  for (guint i = 0; i < header->len; i++) {
    const char *name = g_ptr_array_index((GPtrArray *)header, i);
    char *arg = g_strdup_printf("%s=", name);
    gboolean key = lp_session_check_set(arg, NULL);
    g_free(arg);
    if (!key || g_str_has_prefix(name, "label.") || g_strv_contains(reserved, name)) {
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   key ? "column %u is named '%s', a value leafpress fills in itself: rename the column"
                       : "column %u is named '%s': a column's name has letters, digits, '.', '_' and '-' only, "
                         "e.g. patient.name",
                   i + 1, name);
      return FALSE;
    }
    if (g_str_equal(name, "lang"))
      b->lang_column = (int)i;
  }
  return TRUE;
}

static gboolean plan_rows(Batch *b, GError **err) {
  Row row = {0};
  GError *e = NULL;
  gboolean ok = TRUE;
  while (ok && !lp_runner_stopped(b->runner) && lp_csv_next(b->csv, &row.fields, &row.line, &e)) {
    row.row++;
    GError *bad = NULL;
    if (!check_row(b, &row, &bad)) {
      ok = plan_failure(b, bad, "", "", &row, err);
    } else {
      const char *lang = b->lang_column >= 0 ? g_ptr_array_index(row.fields, b->lang_column) : NULL;
      for (guint g = 0; ok && g < b->groups->len; g++)
        ok = plan_group(b, g_ptr_array_index(b->groups, g), &row, lang && *lang ? lang : NULL, err);
    }
    g_ptr_array_unref(row.fields);
    row.fields = NULL;
  }
  if (e) {
    /* The data file itself is broken here: nothing after it can be trusted,
     * with or without --keep-going. */
    b->planned++;
    if (err && !*err) {
      g_propagate_error(err, e);
    } else {
      load_error(b, e);
      g_error_free(e);
      b->failed++;
    }
    return FALSE;
  }
  return ok;
}

/* ---- results ---- */

static void job_done(LpJob *job, gpointer data) {
  Batch *b = data;
  LpJobRecord *rec = job->record;
  b->done++;
  if (g_str_equal(rec->status, "built"))
    b->built++;
  else if (g_str_equal(rec->status, "up-to-date"))
    b->fresh++;
  else if (g_str_equal(rec->status, "failed")) {
    b->failed++;
    b->worst = worse(b->worst, job->error && job->error->domain == LP_ERROR ? job->error->code : LP_EXIT_IO);
  }
  if (!b->a->o.quiet)
    for (guint i = 0; i < rec->warnings->len; i++)
      say(b, g_ptr_array_index(rec->warnings, i));
  for (guint i = 0; i < rec->errors->len; i++)
    say(b, g_ptr_array_index(rec->errors, i));
  lp_progress_update(b->progress, b->done, b->failed,
                     rec->outputs->len ? (const char *)g_ptr_array_index(rec->outputs, 0) : NULL);
  job->record = NULL;
  if (!b->keep)
    lp_job_record_free(rec);
}

/* One PDF of every PDF made (or already up to date), in the plan's order. */
static gboolean merge(Batch *b, GError **err) {
  GPtrArray *pdfs = g_ptr_array_new();
  for (guint i = 0; i < b->records->len; i++) {
    LpJobRecord *r = g_ptr_array_index(b->records, i);
    if (!g_str_equal(r->status, "built") && !g_str_equal(r->status, "up-to-date"))
      continue;
    for (guint k = 0; k < r->outputs->len; k++)
      if (g_str_has_suffix(g_ptr_array_index(r->outputs, k), ".pdf"))
        g_ptr_array_add(pdfs, g_ptr_array_index(r->outputs, k));
  }
  gboolean ok = TRUE;
  if (pdfs->len == 0)
    lp_set_error(err, LP_EXIT_INPUT, NULL, "--merge %s: no PDF was made to merge", b->a->merge);
  else
    ok = lp_merge_pdfs(pdfs, b->a->merge, err);
  ok = ok && pdfs->len > 0;
  g_ptr_array_unref(pdfs);
  return ok;
}

/* ---- the command ---- */

static gboolean parse_shard(Batch *b, const char *arg, GError **err) {
  guint64 k, n;
  char **parts = g_strsplit(arg, "/", 2);
  gboolean ok = g_strv_length(parts) == 2 && g_ascii_string_to_unsigned(parts[1], 10, 1, 10000, &n, NULL) &&
                g_ascii_string_to_unsigned(parts[0], 10, 1, n, &k, NULL);
  g_strfreev(parts);
  if (!ok) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--shard %s: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/4", arg);
    return FALSE;
  }
  b->shard_k = (guint)k;
  b->shard_n = (guint)n;
  return TRUE;
}

static GPtrArray *list_arg(char **args, const GPtrArray *fallback) {
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  for (char **p = args; p && *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++)
      if (*g_strstrip(*q))
        g_ptr_array_add(out, g_strdup(*q));
    g_strfreev(parts);
  }
  gboolean given = out->len > 0;
  for (guint i = 0; !given && fallback && i < fallback->len; i++)
    g_ptr_array_add(out, g_strdup(g_ptr_array_index((GPtrArray *)fallback, i)));
  return out;
}

/* The manifest's settings under the command line's. */
static void apply_manifest(Args *a, LpManifest *m) {
  if (!a->o.writer && m->writer)
    a->o.writer = g_strdup(m->writer);
  if (!a->output && m->output)
    a->output = g_strdup(m->output);
  if (!a->o.clinic && m->clinic)
    a->o.clinic = g_strdup(m->clinic);
  if (!a->data && m->data)
    a->data = g_strdup(m->data);
  if (a->jobs == 0 && m->jobs)
    a->jobs = m->jobs;
  if (isnan(a->o.dpi) && m->dpi > 0)
    a->o.dpi = m->dpi;
  if (m->sets && m->sets->len) {
    /* The command line's values come last, so they win. */
    GStrvBuilder *sb = g_strv_builder_new();
    for (guint i = 0; i < m->sets->len; i++)
      g_strv_builder_add(sb, g_ptr_array_index(m->sets, i));
    for (char **p = a->o.sets; p && *p; p++)
      g_strv_builder_add(sb, *p);
    g_strfreev(a->o.sets);
    a->o.sets = g_strv_builder_end(sb);
    g_strv_builder_unref(sb);
  }
}

/* "-j4" as make writes it: GOption would read it as the flags -j and -4. */
static char **split_jobs(int argc, char **argv, int *out_argc) {
  GPtrArray *v = g_ptr_array_new();
  for (int i = 0; i < argc; i++) {
    if (g_str_has_prefix(argv[i], "-j") && g_ascii_isdigit(argv[i][2])) {
      g_ptr_array_add(v, g_strdup("-j"));
      g_ptr_array_add(v, g_strdup(argv[i] + 2));
    } else {
      g_ptr_array_add(v, g_strdup(argv[i]));
    }
  }
  *out_argc = (int)v->len;
  g_ptr_array_add(v, NULL);
  return (char **)g_ptr_array_free(v, FALSE);
}

static int usage(const char *msg) {
  fprintf(stderr, "leafpress batch: %s\nTry 'leafpress batch --help'.\n", msg);
  return LP_EXIT_USAGE;
}

int lp_cmd_batch(int argc, char **argv) {
  Args a = {0};
  GOptionEntry entries[] = {
      {"layout", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &a.layouts_arg,
       "Layouts, names or files; repeat or separate with commas (default: the manifest's, else a4-leaflet)", "LIST"},
      {"lang", 'L', 0, G_OPTION_ARG_STRING_ARRAY, &a.langs_arg, "Only these languages of each article folder",
       "LIST"},
      {"format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &a.formats_arg, "pdf, png, svg; several with commas (default pdf)",
       "LIST"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
       "Output path pattern (default " DEFAULT_PATTERN " in the project; with --data, {layout}-{row})", "PATTERN"},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &a.jobs, "Outputs built at once (default: the number of cores)", "N"},
      {"keep-going", 'k', 0, G_OPTION_ARG_NONE, &a.keep_going, "Build what can be built; report the rest", NULL},
      {"force", 0, 0, G_OPTION_ARG_NONE, &a.force, "Build outputs that are up to date too", NULL},
      {"shard", 0, 0, G_OPTION_ARG_STRING, &a.shard, "Build every N-th output, starting from the K-th", "K/N"},
      {"data", 'd', 0, G_OPTION_ARG_FILENAME, &a.data, "A CSV file: one output per row, its columns as values", "CSV"},
      {"merge", 0, 0, G_OPTION_ARG_FILENAME, &a.merge, "Also one PDF of all the PDFs made, in order", "FILE"},
      {"depfile", 0, 0, G_OPTION_ARG_FILENAME, &a.depfile, "Write make/ninja dependency rules", "FILE"},
      {"report", 0, 0, G_OPTION_ARG_FILENAME, &a.report, "Write a JSON report of every output", "FILE"},
      {"manifest", 'm', 0, G_OPTION_ARG_FILENAME, &a.manifest, "The manifest (default leafpress.yaml in the project)",
       "FILE"},
      {"list", 0, 0, G_OPTION_ARG_NONE, &a.list, "Print the output paths the batch would make, build nothing", NULL},
      {"max-csv-rows", 0, 0, G_OPTION_ARG_INT64, &a.max_rows,
       "Most rows a data file may have (default 100000; --limit csv-rows=N)", "N"},
      {"max-field-size", 0, 0, G_OPTION_ARG_INT64, &a.max_field,
       "Largest data field, in bytes (default 4096; --limit csv-field-size=N)", "BYTES"},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("[ARTICLE|FOLDER]... - build many outputs in one process");
  g_option_context_add_main_entries(ctx, entries, NULL);
  lp_build_options_add(ctx, &a.o, TRUE);
  a.o.dpi = NAN; /* unset: the manifest's or 96 */
  g_option_context_set_description(
      ctx, "Without articles, builds what leafpress.yaml in the project says (README: Batch builds and mail merge).\n"
           "Exit codes: 0 every output built or up to date; 1 an input is wrong; 2 bad usage;\n"
           "3 I/O or internal error (the worst failure wins); 130/143 interrupted.\n"
           "Examples:\n"
           "  leafpress batch text/botox-headache -l a4-leaflet,a5-card -f pdf,png\n"
           "  leafpress batch text/botox-headache -l a5-card --data patients.csv --merge today.pdf\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  Batch b = {0};
  b.a = &a;
  LpManifest *m = NULL;
  GPtrArray *articles = NULL, *layout_names = NULL;
  gint64 t0 = g_get_monotonic_time();

  lp_interrupt_install();
  char **args = split_jobs(argc, argv, &argc);
  char **args_owned = g_memdup2(args, sizeof(char *) * (gsize)(argc + 1)); /* parsing reorders args */
  argv = args;
  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    rc = usage(err->message);
    g_clear_error(&err);
    goto out;
  }
  if (a.jobs < 0 || a.jobs > 256) {
    rc = usage("--jobs: expected a number from 1 to 256");
    goto out;
  }
  if (a.shard && !parse_shard(&b, a.shard, &err))
    goto usage_fail;
  /* The project: from --project, the first article, or the working folder. */
  if (!(b.session.project = lp_project_open(a.o.project, argc > 1 ? argv[1] : NULL, &err)))
    goto fail;
  {
    /* What files may be read from: the project, --allow-path, the folder of
     * a manifest given by name (read/paths.h). */
    const char *named[] = {a.manifest, NULL};
    if (!lp_build_options_grant(&a.o, &b.session, named, &err))
      goto usage_fail;
  }
  char *manifest = a.manifest ? g_strdup(a.manifest) : lp_project_path(b.session.project, "leafpress.yaml");
  if (a.manifest || (argc < 2 && g_file_test(manifest, G_FILE_TEST_EXISTS))) {
    if (!(m = lp_manifest_read(manifest, &err))) {
      g_free(manifest);
      goto fail;
    }
    apply_manifest(&a, m);
  }
  g_free(manifest);
  if (isnan(a.o.dpi))
    a.o.dpi = 96;
  articles = g_ptr_array_new_with_free_func(g_free);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(articles, g_strdup(argv[i]));
  for (guint i = 0; articles->len == 0 && m && m->articles && i < m->articles->len; i++)
    g_ptr_array_add(articles, g_strdup(g_ptr_array_index(m->articles, i)));
  if (articles->len == 0) {
    rc = usage("nothing to build: give article folders or files, or list them in leafpress.yaml");
    goto out;
  }
  if (!lp_build_options_session(&a.o, &b.session, &err))
    goto usage_fail;
  /* Writers: one session each, sharing the base's project and values. */
  b.writers = list_arg(NULL, NULL);
  {
    char *wl[] = {a.o.writer ? a.o.writer : "cairo", NULL};
    GPtrArray *names = list_arg(wl, NULL);
    g_ptr_array_extend_and_steal(b.writers, names);
  }
  b.sessions = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < b.writers->len; i++) {
    LpSession *s = g_memdup2(&b.session, sizeof b.session);
    const char *w = g_ptr_array_index(b.writers, i);
    if (!lp_writer_parse(w, &s->writer)) {
      g_free(s);
      lp_set_error(&err, LP_EXIT_USAGE, NULL, "unknown writer '%s': expected cairo or haru", w);
      goto usage_fail;
    }
    g_ptr_array_add(b.sessions, s);
    if (!lp_session_check_options(s, &err))
      goto usage_fail;
  }
  b.formats = g_array_new(FALSE, FALSE, sizeof(LpFormat));
  {
    GPtrArray *fl = list_arg(a.formats_arg, m ? m->formats : NULL);
    g_ptr_array_add(fl, NULL);
    gboolean ok = lp_formats_parse((char **)fl->pdata, b.formats, &err);
    g_ptr_array_unref(fl);
    if (!ok)
      goto usage_fail;
  }
  if (b.formats->len == 0) {
    LpFormat pdf = LP_FORMAT_PDF;
    g_array_append_val(b.formats, pdf);
  }
  for (guint i = 0; i < b.writers->len; i++)
    for (guint f = 0; f < b.formats->len; f++)
      if (((LpSession *)g_ptr_array_index(b.sessions, i))->writer == LP_WRITER_HARU &&
          g_array_index(b.formats, LpFormat, f) != LP_FORMAT_PDF) {
        rc = usage("the haru writer writes PDF only: build proofs (png, svg) with the cairo writer");
        goto out;
      }
  b.langs = a.langs_arg ? list_arg(a.langs_arg, NULL) : (m && m->languages ? list_arg(NULL, m->languages) : NULL);
  layout_names = list_arg(a.layouts_arg, m ? m->layouts : NULL);
  if (layout_names->len == 0)
    g_ptr_array_add(layout_names, g_strdup("a4-leaflet"));
  {
    /* ... and the folders of the files named on the command line. */
    GPtrArray *named = g_ptr_array_new();
    for (guint i = 0; i < articles->len; i++)
      g_ptr_array_add(named, g_ptr_array_index(articles, i));
    for (guint i = 0; i < layout_names->len; i++) {
      const char *l = g_ptr_array_index(layout_names, i);
      if (strchr(l, '/') || g_str_has_suffix(l, ".yaml"))
        g_ptr_array_add(named, (gpointer)l);
    }
    if (a.o.clinic)
      g_ptr_array_add(named, a.o.clinic);
    if (a.data)
      g_ptr_array_add(named, a.data);
    g_ptr_array_add(named, NULL);
    gboolean ok = lp_build_options_grant(&a.o, &b.session, (const char *const *)named->pdata, &err);
    g_ptr_array_unref(named);
    if (!ok)
      goto usage_fail;
  }
  b.clinic = b.session.clinic ? g_strdup(b.session.clinic) : lp_project_clinic(b.session.project);
  b.fonts_conf = lp_project_path(b.session.project, "fonts/fonts.conf");
  if (a.data) {
    if (a.max_rows > 0)
      lp_limit_set(LP_LIMIT_CSV_ROWS, (gsize)a.max_rows);
    if (a.max_field > 0)
      lp_limit_set(LP_LIMIT_CSV_FIELD, (gsize)a.max_field);
    if (!(b.csv = lp_csv_open(a.data, 0, 0, &err)) ||
        !check_header(&b, &err))
      goto fail;
  }
  {
    char *in_project = lp_project_path(b.session.project, a.data ? DEFAULT_ROW_PATTERN : DEFAULT_PATTERN);
    char *pattern = a.output ? g_strdup(a.output) : lp_path_shorten(in_project);
    g_free(in_project);
    b.pattern = lp_pattern_parse(pattern, b.csv ? lp_csv_header(b.csv) : NULL, &err);
    g_free(pattern);
    if (!b.pattern)
      goto usage_fail;
  }
  b.groups = g_ptr_array_new_with_free_func(group_free);
  b.layouts = g_ptr_array_new_with_free_func(layout_free);
  for (guint i = 0; i < articles->len; i++)
    if (!load_group(&b, g_ptr_array_index(articles, i), &err))
      goto fail;
  if (!load_layouts(&b, layout_names, &err))
    goto fail;

  b.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  b.keep = a.report || a.depfile || a.merge;
  b.records = g_ptr_array_new_with_free_func(lp_job_record_free);
  b.pending = g_ptr_array_new();
  b.progress = lp_progress_new(a.o.quiet || a.list, 0);
  lp_warn_set_quiet(TRUE); /* warnings come back with each output and are printed here */
  guint workers = a.jobs > 0 ? (guint)a.jobs : MAX(1, g_get_num_processors());
  b.runner = lp_runner_new(a.list ? 1 : workers, a.force, a.keep_going, job_done, &b);
  gboolean planned = TRUE;
  if (b.csv) {
    planned = plan_rows(&b, &err);
  } else {
    for (guint g = 0; planned && g < b.groups->len; g++)
      planned = plan_group(&b, g_ptr_array_index(b.groups, g), &(Row){0}, NULL, &err);
    lp_progress_set_total(b.progress, b.planned);
    for (guint i = 0; i < b.pending->len; i++) {
      LpJob *job = g_ptr_array_index(b.pending, i);
      if (planned) {
        lp_runner_submit(b.runner, job);
        continue;
      }
      if (!b.keep)
        lp_job_record_free(job->record);
      lp_job_free(job);
    }
    g_ptr_array_set_size(b.pending, 0);
  }
  lp_progress_set_total(b.progress, b.planned);
  lp_runner_finish(b.runner);
  lp_progress_clear(b.progress);
  if (err) {
    /* What stopped the plan counts as a failed output. */
    fprintf(stderr, "%s\n", err->message);
    b.worst = worse(b.worst, err->domain == LP_ERROR ? err->code : LP_EXIT_IO);
    b.failed++;
    g_clear_error(&err);
  }
  (void)planned;
  if (a.list)
    goto done;
  /* What the build system gets, even after failures: they say what failed. */
  if (a.report && !lp_report_write(a.report, b.records, &err))
    goto fail;
  if (a.depfile && !lp_depfile_write(a.depfile, b.records, &err))
    goto fail;
  /* Under --keep-going the merged file holds what was made; the failures
   * are reported above and in the exit code. */
  if (a.merge && !lp_interrupted() && (b.failed == 0 || a.keep_going) && !merge(&b, &err))
    goto fail;
  if (!a.o.quiet) {
    guint accounted = b.built + b.fresh + b.failed;
    guint skipped = b.planned > accounted ? b.planned - accounted : 0;
    fprintf(stderr, "leafpress batch: %u output%s: %u built, %u up to date, %u failed", b.planned,
            b.planned == 1 ? "" : "s", b.built, b.fresh, b.failed);
    if (skipped)
      fprintf(stderr, ", %u not built", skipped);
    fprintf(stderr, " (%.2f s)\n", (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC);
  }
done:
  rc = lp_interrupted() ? lp_interrupt_exit_code() : b.worst;
  goto out;
usage_fail:
  rc = usage(err->message);
  g_clear_error(&err);
  goto out;
fail:
  rc = lp_interrupted() ? (g_clear_error(&err), lp_interrupt_exit_code()) : lp_report_error(err);
out:
  lp_runner_free(b.runner);
  lp_progress_free(b.progress);
  if (b.records)
    g_ptr_array_unref(b.records);
  if (b.pending)
    g_ptr_array_unref(b.pending);
  if (b.seen)
    g_hash_table_unref(b.seen);
  lp_pattern_free(b.pattern);
  lp_csv_close(b.csv);
  if (b.groups)
    g_ptr_array_unref(b.groups);
  if (b.layouts)
    g_ptr_array_unref(b.layouts);
  if (b.sessions)
    g_ptr_array_unref(b.sessions);
  if (b.writers)
    g_ptr_array_unref(b.writers);
  if (b.formats)
    g_array_free(b.formats, TRUE);
  if (b.langs)
    g_ptr_array_unref(b.langs);
  if (articles)
    g_ptr_array_unref(articles);
  if (layout_names)
    g_ptr_array_unref(layout_names);
  g_free(b.clinic);
  g_free(b.fonts_conf);
  lp_session_clear(&b.session);
  lp_manifest_free(m);
  lp_build_options_clear(&a.o);
  g_strfreev(a.layouts_arg);
  g_strfreev(a.formats_arg);
  g_strfreev(a.langs_arg);
  g_free(a.output);
  g_free(a.data);
  g_free(a.merge);
  g_free(a.depfile);
  g_free(a.report);
  g_free(a.shard);
  g_free(a.manifest);
  g_option_context_free(ctx);
  g_strfreev(args_owned);
  g_free(args);
  return rc;
}
