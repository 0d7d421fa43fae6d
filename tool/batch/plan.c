#include "batch/plan.h"

#include <string.h>

#include "batch/fresh.h"
#include "doc/units.h"
#include "read/article.h"
#include "read/layoutfile.h"
#include "read/paths.h"
#include "read/source.h"

/* ---- the inputs ---- */

static void article_free(gpointer p) {
  LpBatchArticle *a = p;
  g_free(a->file);
  lp_doc_free(a->doc);
  lp_vars_free(a->vars);
  g_clear_error(&a->error);
  g_free(a);
}

void lp_plan_group_free(gpointer p) {
  LpBatchGroup *g = p;
  g_free(g->arg);
  g_ptr_array_unref(g->articles);
  g_free(g);
}

void lp_plan_layout_free(gpointer p) {
  LpBatchLayout *l = p;
  g_free(l->file);
  lp_layout_spec_free(l->spec);
  g_clear_error(&l->error);
  g_free(l);
}

int lp_batch_worse(int a, int b) { return a == LP_EXIT_IO || b == LP_EXIT_IO ? LP_EXIT_IO : MAX(a, b); }

void lp_plan_load_error(LpBatch *b, const GError *e) {
  LpDiag *d = lp_diag_from_error(e);
  if (b->ev->message)
    b->ev->message(d, b->ev->data);
  lp_diag_free(d);
  b->worst = lp_batch_worse(b->worst, lp_error_code(e));
}

gboolean lp_plan_load_group(LpBatch *b, const char *arg, GError **err) {
  GPtrArray *files = lp_article_files(arg, err);
  if (!files)
    return FALSE;
  LpBatchGroup *g = g_new0(LpBatchGroup, 1);
  g->arg = g_strdup(arg);
  g->articles = g_ptr_array_new_with_free_func(article_free);
  g_ptr_array_add(b->groups, g);
  for (guint i = 0; i < files->len; i++) {
    LpBatchArticle *a = g_new0(LpBatchArticle, 1);
    a->file = g_strdup(g_ptr_array_index(files, i));
    g_ptr_array_add(g->articles, a);
    if ((a->doc = lp_article_read(b->ctx, a->file, &a->error)) &&
        (!b->spec->release || lp_engine_release_ready(b->ctx, a->doc, &a->error)))
      a->vars = lp_engine_values(b->engine, b->ctx, a->doc, b->spec->clinic, b->spec->sets, &a->error);
    if (a->error) {
      if (!b->spec->keep_going) {
        g_propagate_error(err, g_error_copy(a->error));
        g_ptr_array_unref(files);
        return FALSE;
      }
      lp_plan_load_error(b, a->error);
    }
  }
  g_ptr_array_unref(files);
  return TRUE;
}

/* Layouts are read once; the clinic's colour (the same for every article) is
 * applied once, before any worker reads them. */
gboolean lp_plan_load_layouts(LpBatch *b, GError **err) {
  const LpVars *vars = NULL;
  for (guint g = 0; g < b->groups->len && !vars; g++) {
    GPtrArray *arts = ((LpBatchGroup *)g_ptr_array_index(b->groups, g))->articles;
    for (guint i = 0; i < arts->len && !vars; i++)
      vars = ((LpBatchArticle *)g_ptr_array_index(arts, i))->vars;
  }
  for (const char *const *name = b->spec->layouts; *name; name++) {
    LpBatchLayout *l = g_new0(LpBatchLayout, 1);
    g_ptr_array_add(b->layouts, l);
    if ((l->file = lp_project_layout(lp_engine_project(b->engine), *name, &l->error)) &&
        (l->spec = lp_layoutfile_read(b->ctx, l->file, &l->error)) && vars)
      lp_engine_apply(vars, l->spec, &l->error);
    if (l->error) {
      if (!b->spec->keep_going || l->error->code == LP_EXIT_USAGE) {
        g_propagate_error(err, g_error_copy(l->error));
        return FALSE;
      }
      lp_plan_load_error(b, l->error);
    }
  }
  return TRUE;
}

/* ---- the plan ---- */


static const char *layout_name(const LpBatchLayout *l) {
  if (l->spec)
    return l->spec->name;
  return l->file ? l->file : "?";
}

/* The files one output is made from: what the depfile lists and the stamp
 * hashes (the data file is listed; the row's own values are hashed). */
static void add_inputs(LpBatch *b, const LpBatchArticle *a, const LpBatchLayout *l, GPtrArray *inputs) {
  g_ptr_array_extend_and_steal(inputs, lp_engine_inputs(b->engine, a->doc, l->spec, a->vars, b->spec->clinic));
}

/* Everything besides files that decides an output's bytes. */
static char *settings(LpBatch *b, const LpPrint *s, const LpBatchRow *row, const GPtrArray *outs) {
  GString *x = g_string_new(lp_fresh_engine());
  g_string_append_printf(x, "writer %s cmyk %d bleed %d marks %d pdfa %d allow %u dpi %g\n", s->writer->name, s->cmyk,
                         s->bleed, s->crop_marks, s->pdfa, s->allow, s->dpi);
  if (s->owner_password)
    g_string_append_printf(x, "password %s\n", s->owner_password);
  const char *sde = g_getenv("SOURCE_DATE_EPOCH");
  g_string_append_printf(x, "epoch %s\n", sde ? sde : "");
  for (const char *const *set = b->spec->sets; set && *set; set++)
    g_string_append_printf(x, "set %s\n", *set);
  /* The values as the output gets them (dates as YYYY-MM-DD), in column order. */
  for (guint i = 0; row->values && i < lp_csv_header(b->csv)->len; i++) {
    const char *t = lp_columns_target(b->columns, i);
    if (t)
      g_string_append_printf(x, "column %s=%s\n", t, (const char *)g_hash_table_lookup(row->values, t));
  }
  for (guint i = 0; i < outs->len; i++)
    g_string_append_printf(x, "output %s\n", (const char *)g_ptr_array_index((GPtrArray *)outs, i));
  return g_string_free(x, FALSE);
}

static LpJobRecord *new_record(const LpBatchArticle *a, const LpBatchLayout *l, const LpBatchRow *row) {
  LpJobRecord *rec = lp_job_record_new();
  rec->article = g_strdup(a->file);
  rec->lang = g_strdup(a->doc ? lp_doc_meta_const(a->doc)->lang : "");
  rec->published = a->doc ? g_strdup(lp_doc_meta_const(a->doc)->published) : NULL;
  rec->review_due = a->doc ? g_strdup(lp_doc_meta_const(a->doc)->review_due) : NULL;
  rec->layout = g_strdup(layout_name(l));
  rec->row = row->row;
  rec->line = row->csv ? row->csv->line : 0;
  return rec;
}

/* A record that never reaches the runner: an input that could not be read,
 * or a row that is wrong. It takes its place in the plan, finished. */
static void fail_record(LpBatch *b, LpJobRecord *rec, const GError *e) {
  rec->status = "failed";
  g_ptr_array_add(rec->errors, lp_diag_from_error(e));
  b->failed++;
  b->done++;
  lp_sink_plan(b->sink, rec);
  lp_sink_done(b->sink, rec);
}

static GHashTable *values(const LpBatchArticle *a, const LpBatchLayout *l, const char *writer, const LpBatchRow *row) {
  GHashTable *v = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter it;
  gpointer k, val;
  if (row->values) {
    g_hash_table_iter_init(&it, row->values);
    while (g_hash_table_iter_next(&it, &k, &val))
      g_hash_table_insert(v, k, g_strdup(val));
  }
  g_hash_table_insert(v, "article", g_strdup(lp_doc_id(a->doc)));
  g_hash_table_insert(v, "lang", g_strdup(lp_doc_meta_const(a->doc)->lang));
  g_hash_table_insert(v, "layout", g_strdup(layout_name(l)));
  g_hash_table_insert(v, "writer", g_strdup(writer));
  g_hash_table_insert(v, "row", row->row ? g_strdup_printf("%d", row->row) : g_strdup(""));
  return v;
}

static gboolean is_input(LpBatch *b, const char *path, const LpBatchArticle *a, const LpBatchLayout *l) {
  return lp_same_file(path, a->file) || lp_same_file(path, l->file) || lp_same_file(path, b->clinic) ||
         lp_same_file(path, b->spec->data) || lp_same_file(path, b->fonts_conf);
}

/* Takes the next place in the plan; whether it is this shard's. */
static gboolean mine(LpBatch *b) {
  guint index = b->index++;
  if (b->spec->shard_n && index % b->spec->shard_n != b->spec->shard_k - 1)
    return FALSE;
  b->planned++;
  return TRUE;
}

/* Where a data row's error belongs: the field that fills `value`, or the
 * row's line. */
static LpPos row_place(const LpBatch *b, const LpBatchRow *row, const char *value) {
  int col = value ? lp_columns_find(b->columns, value) : -1;
  if (col >= 0 && (guint)col < row->csv->places->len)
    return g_array_index(row->csv->places, LpPos, col);
  return lp_pos(b->spec->data, row->csv->line, 1);
}

/* One output: its paths from the pattern, checked against every other output
 * and every input; then up to the runner (or printed, for --list). A problem
 * with the row is the row's failure; a pattern that makes two outputs one
 * file is the command line's. */
static gboolean plan_output(LpBatch *b, LpBatchArticle *a, LpBatchLayout *l, guint w, const LpBatchRow *row, GError **err) {
  if (!mine(b))
    return TRUE;
  LpJobRecord *rec = new_record(a, l, row);
  if (a->error || l->error) {
    fail_record(b, rec, a->error ? a->error : l->error);
    return TRUE;
  }
  const LpPrint *print = g_ptr_array_index(b->prints, w);
  const char *writer = print->writer->name;
  GHashTable *v = values(a, l, writer, row);
  GPtrArray *outs = g_ptr_array_new_with_free_func(g_free);
  GError *e = NULL;
  const char *failed = NULL;
  for (guint f = 0; f < b->spec->n_formats && !e; f++) {
    LpFormat fmt = b->spec->formats[f];
    g_hash_table_insert(v, "format", g_strdup(lp_format_name(fmt)));
    char *path = lp_pattern_expand(b->pattern, v, &failed, &e);
    if (!path)
      break;
    gpointer other = NULL;
    if (g_hash_table_lookup_extended(b->seen, path, NULL, &other)) {
      char *them = row->row ? g_strdup_printf("%s:%d", b->spec->data, GPOINTER_TO_INT(other)) : g_strdup(other);
      char *us = row->row ? g_strdup_printf("%s:%d", b->spec->data, row->csv->line)
                          : g_strdup_printf("%s, %s, %s", a->file, layout_name(l), writer);
      lp_set_error(&e, row->row ? LP_EXIT_INPUT : LP_EXIT_USAGE, NULL,
                   "%s would be made twice (by %s and by %s): put a placeholder that tells them apart in the output "
                   "pattern (-o), e.g. {lang}, {layout}%s",
                   path, them, us, row->row ? " or {row}" : ", {writer}");
      g_free(them);
      g_free(us);
    } else if (is_input(b, path, a, l)) {
      lp_set_error(&e, LP_EXIT_USAGE, NULL, "the output %s would overwrite an input file", path);
    }
    if (e) {
      g_free(path);
      break;
    }
    g_hash_table_insert(b->seen, g_strdup(path),
                        row->row ? GINT_TO_POINTER(row->csv->line)
                                 : g_strdup_printf("%s, %s, %s", a->file, layout_name(l), writer));
    g_ptr_array_add(outs, path);
  }
  g_hash_table_unref(v);
  if (e) {
    if (row->row && e->code == LP_EXIT_INPUT) {
      /* The row's place in the data file says which patient it is. */
      LpPos pos = row_place(b, row, failed);
      lp_error_set_pos(e, &pos);
    }
    gboolean fatal = e->code == LP_EXIT_USAGE || !b->spec->keep_going;
    if (fatal) {
      g_propagate_error(err, e);
      lp_job_record_free(rec);
    } else {
      lp_plan_load_error(b, e);
      fail_record(b, rec, e);
      g_error_free(e);
    }
    g_ptr_array_unref(outs);
    return !fatal;
  }
  for (guint i = 0; i < outs->len; i++)
    g_ptr_array_add(rec->outputs, g_strdup(g_ptr_array_index(outs, i)));
  if (b->spec->list) {
    for (guint i = 0; i < outs->len && b->ev->listed; i++)
      b->ev->listed(g_ptr_array_index(outs, i), b->ev->data);
    lp_job_record_free(rec);
    g_ptr_array_unref(outs);
    return TRUE;
  }
  add_inputs(b, a, l, rec->inputs);
  LpJob *job = g_new0(LpJob, 1);
  job->engine = b->engine;
  job->print = print;
  job->no_verify = b->spec->no_verify;
  if (b->sheet_print && w == 0) {
    job->keep_pages = TRUE;
    job->seq = b->n_kept++;
  }
  job->seen = b->proven;
  job->doc = a->doc;
  job->spec = l->spec;
  job->vars = a->vars;
  if (row->values) {
    job->own_vars = lp_vars_new_child(a->vars);
    GHashTableIter it;
    gpointer k, val;
    g_hash_table_iter_init(&it, row->values);
    /* {lang} stays the article's: the row's picked the article. */
    while (g_hash_table_iter_next(&it, &k, &val))
      if (!g_str_equal(k, "lang"))
        lp_vars_set(job->own_vars, k, val);
    job->vars = job->own_vars;
    job->base_vars = a->vars;
    job->row_pos = lp_pos(b->spec->data, row->csv->line, 1);
  }
  job->formats = b->spec->formats;
  job->n_formats = b->spec->n_formats;
  job->outs = outs;
  char *extra = settings(b, print, row, outs);
  job->inputs_hash = lp_fresh_inputs(rec->inputs, extra);
  g_free(extra);
  if (row->row && b->spec->data)
    g_ptr_array_add(rec->inputs, g_strdup(b->spec->data));
  job->record = rec;
  lp_sink_plan(b->sink, rec); /* in the plan's order; the worker fills it in */
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
static GPtrArray *pick(LpBatch *b, LpBatchGroup *g, const char *row_lang) {
  GPtrArray *out = g_ptr_array_new();
  for (guint i = 0; i < g->articles->len; i++) {
    LpBatchArticle *a = g_ptr_array_index(g->articles, i);
    const char *lang = a->doc ? lp_doc_meta_const(a->doc)->lang : NULL;
    if (row_lang) {
      if (lang && g_str_equal(lang, row_lang))
        g_ptr_array_add(out, a);
    } else if (b->spec->langs) {
      if (lang && g_strv_contains(b->spec->langs, lang))
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
static gboolean plan_failure(LpBatch *b, GError *e, const char *article, const char *lang, const LpBatchRow *row,
                             GError **err) {
  if (!mine(b)) {
    g_error_free(e);
    return TRUE;
  }
  if (!b->spec->keep_going) {
    g_propagate_error(err, e);
    return FALSE;
  }
  lp_plan_load_error(b, e);
  LpJobRecord *rec = lp_job_record_new();
  rec->article = g_strdup(article);
  rec->lang = g_strdup(lang);
  rec->layout = g_strdup("");
  rec->row = row->row;
  rec->line = row->csv ? row->csv->line : 0;
  fail_record(b, rec, e);
  g_error_free(e);
  return TRUE;
}

static gboolean has_lang(const LpBatchGroup *g, const char *lang) {
  for (guint i = 0; i < g->articles->len; i++) {
    const LpBatchArticle *a = g_ptr_array_index(g->articles, i);
    if (a->doc && g_str_equal(lp_doc_meta_const(a->doc)->lang, lang))
      return TRUE;
  }
  return FALSE;
}

/* A language asked for (by -L or a row) that the folder does not have. */
static gboolean missing_lang(LpBatch *b, const LpBatchGroup *g, const char *lang, const LpBatchRow *row, GError **err) {
  GString *have = g_string_new(NULL);
  for (guint i = 0; i < g->articles->len; i++) {
    const LpBatchArticle *a = g_ptr_array_index(g->articles, i);
    if (a->doc)
      g_string_append_printf(have, "%s%s", have->len ? ", " : "", lp_doc_meta_const(a->doc)->lang);
  }
  GError *e = NULL;
  LpPos pos = row->csv ? row_place(b, row, "lang") : lp_pos(g->arg, 0, 0);
  lp_set_error(&e, LP_EXIT_INPUT, &pos, "%s has no article in '%s' (it has: %s)", g->arg, lang, have->str);
  g_string_free(have, TRUE);
  return plan_failure(b, e, g->arg, lang, row, err);
}

/* One article's outputs for a row: its values read in the article's
 * language (a date that is wrong fails the row's outputs of this article
 * once, not once per layout). */
static gboolean plan_article(LpBatch *b, LpBatchArticle *a, const LpBatchRow *row, GError **err) {
  LpBatchRow r = *row;
  if (row->csv && a->doc) {
    const char *lang = lp_doc_meta_const(a->doc)->lang;
    LpDateRules rules = {b->spec->date_form, lang};
    GError *e = NULL;
    if (!(r.values = lp_columns_values(b->columns, row->csv, &rules, &e)))
      return plan_failure(b, e, a->file, lang, row, err);
  }
  gboolean ok = TRUE;
  for (guint l = 0; ok && l < b->layouts->len && !lp_runner_stopped(b->runner); l++)
    for (guint w = 0; ok && w < b->prints->len && !lp_runner_stopped(b->runner); w++)
      ok = plan_output(b, a, g_ptr_array_index(b->layouts, l), w, &r, err);
  if (r.values)
    g_hash_table_unref(r.values);
  return ok;
}

gboolean lp_plan_group(LpBatch *b, LpBatchGroup *g, const LpBatchRow *row, const char *row_lang, GError **err) {
  gboolean ok = TRUE;
  if (row_lang && !has_lang(g, row_lang))
    ok = missing_lang(b, g, row_lang, row, err);
  for (const char *const *want = b->spec->langs; ok && !row_lang && want && *want; want++) {
    const char *lang = *want;
    /* A folder with an unreadable article may have it: that one's failure says so. */
    gboolean unreadable = FALSE;
    for (guint k = 0; k < g->articles->len; k++)
      unreadable |= ((LpBatchArticle *)g_ptr_array_index(g->articles, k))->doc == NULL;
    if (!has_lang(g, lang) && !unreadable)
      ok = missing_lang(b, g, lang, row, err);
  }
  GPtrArray *arts = pick(b, g, row_lang);
  for (guint i = 0; ok && i < arts->len && !lp_runner_stopped(b->runner); i++)
    ok = plan_article(b, g_ptr_array_index(arts, i), row, err);
  g_ptr_array_unref(arts);
  return ok;
}

gboolean lp_plan_check_header(LpBatch *b, GError **err) {
  if (!(b->columns = lp_columns_new(b->csv, b->spec->columns, b->spec->n_columns, err)))
    return FALSE;
  b->lang_column = lp_columns_find(b->columns, "lang");
  return TRUE;
}

gboolean lp_plan_check_used(LpBatch *b, GError **err) {
  GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GString *names = g_string_new(NULL);
  guint n = 0;
  for (guint i = 0; i < b->layouts->len; i++) {
    const LpBatchLayout *l = g_ptr_array_index(b->layouts, i);
    if (!l->spec)
      continue;
    lp_engine_layout_keys(l->spec, NULL, used);
    g_string_append_printf(names, "%s%s", n++ ? ", " : "", l->spec->name);
  }
  /* What the labels the layouts name refer to, in every language. */
  for (guint g = 0; g < b->groups->len; g++) {
    GPtrArray *arts = ((LpBatchGroup *)g_ptr_array_index(b->groups, g))->articles;
    for (guint i = 0; i < arts->len; i++) {
      const LpBatchArticle *a = g_ptr_array_index(arts, i);
      if (a->vars)
        lp_vars_label_keys(a->vars, used);
    }
  }
  const GPtrArray *in_pattern = lp_pattern_columns(b->pattern);
  for (guint i = 0; i < in_pattern->len; i++)
    g_hash_table_add(used, g_strdup(g_ptr_array_index((GPtrArray *)in_pattern, i)));
  gboolean ok = TRUE;
  if (b->columns) {
    char *users = g_strdup_printf("the layout%s %s, the labels or the output pattern", n > 1 ? "s" : "", names->str);
    ok = lp_columns_check_used(b->columns, used, users, err);
    g_free(users);
  }
  if (ok)
    lp_engine_warn_unused_sets(b->ctx, b->spec->sets, used);
  g_string_free(names, TRUE);
  g_hash_table_unref(used);
  return ok;
}

void lp_plan_tell_warnings(LpBatch *b) {
  if (!lp_ctx_n_diags(b->ctx))
    return;
  GPtrArray *diags = lp_ctx_take_diags(b->ctx);
  for (guint i = 0; i < diags->len; i++) {
    const LpDiag *d = g_ptr_array_index(diags, i);
    if (b->ev->message)
      b->ev->message(d, b->ev->data);
    if (b->sink)
      lp_sink_warn(b->sink, d);
  }
  g_ptr_array_unref(diags);
}

gboolean lp_plan_rows(LpBatch *b, GError **err) {
  LpBatchRow row = {0};
  GError *e = NULL;
  gboolean ok = TRUE;
  LpCsvRow *r;
  while (ok && !lp_runner_stopped(b->runner) && (r = lp_csv_next(b->csv, &e))) {
    row.row++;
    row.csv = r;
    lp_plan_tell_warnings(b); /* the data file's encoding, found reading this row */
    GError *bad = NULL;
    if (r->error) {
      bad = g_steal_pointer(&r->error);
      ok = plan_failure(b, bad, "", "", &row, err);
    } else if (!lp_columns_check_row(b->columns, r, &bad)) {
      ok = plan_failure(b, bad, "", "", &row, err);
    } else {
      const char *lang = b->lang_column >= 0 ? g_ptr_array_index(r->fields, b->lang_column) : NULL;
      for (guint g = 0; ok && g < b->groups->len; g++)
        ok = lp_plan_group(b, g_ptr_array_index(b->groups, g), &row, lang && *lang ? lang : NULL, err);
    }
    row.csv = NULL;
    lp_csv_row_free(r);
  }
  if (e) {
    /* The data file itself cannot be read on here (an I/O error, too many
     * rows): with or without --keep-going, the batch stops. */
    b->planned++;
    if (err && !*err) {
      g_propagate_error(err, e);
    } else {
      lp_plan_load_error(b, e);
      g_error_free(e);
      b->failed++;
    }
    return FALSE;
  }
  return ok;
}
