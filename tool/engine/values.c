/* What a build is made of besides the article: the values its templates use,
 * the layout with the clinic's colour, the files it depends on, and whether a
 * document may be released. */
#include <string.h>

#include "doc/sections.h"
#include "doc/units.h"
#include "engine/engine.h"
#include "layout/hyph.h"
#include "layout/layout.h"
#include "layout/locale.h"
#include "read/article.h"
#include "read/clinic.h"
#include "read/labels.h"
#include "read/layoutfile.h"
#include "read/source.h"

gboolean lp_engine_check_set(const char *arg, GError **err) {
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--set %s: expected key=value, e.g. --set clinic.phone=\"+00 000\"", arg);
    return FALSE;
  }
  for (const char *p = arg; p < eq; p++)
    if (!g_ascii_isalnum(*p) && *p != '_' && *p != '.' && *p != '-') {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "--set %s: a key has letters, digits, '.', '_' and '-' only", arg);
      return FALSE;
    }
  if (!g_utf8_validate(eq + 1, -1, NULL)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--set %.*s: the value is not valid UTF-8", (int)(eq - arg), arg);
    return FALSE;
  }
  /* A date must be a day of the calendar before anything is built. */
  gsize klen = (gsize)(eq - arg);
  if (eq[1] && klen >= 5 && strncmp(eq - 5, "_date", 5) == 0) {
    int y, m, d;
    char *msg = lp_parse_date(eq + 1, &y, &m, &d);
    if (msg) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "--set %.*s: %s", (int)klen, arg, msg);
      g_free(msg);
      return FALSE;
    }
  }
  char *what = g_strdup_printf("--set %.*s", (int)(eq - arg), arg);
  GError *e = NULL;
  gboolean ok = lp_source_check_value(eq + 1, what, NULL, &e);
  g_free(what);
  if (!ok) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "%s", e->message);
    g_error_free(e);
    return FALSE;
  }
  return TRUE;
}

static void set_meta(LpVars *v, const char *key, const char *value) {
  if (value)
    lp_vars_set(v, key, value);
}

char *lp_engine_clinic(LpEngine *e, const char *clinic) {
  return clinic ? g_strdup(clinic) : lp_project_clinic(lp_engine_project(e));
}

void lp_engine_check_clinic(LpEngine *e, LpCtx *ctx, const char *clinic_arg, const char *const *sets) {
  char *clinic = lp_engine_clinic(e, clinic_arg);
  gboolean named = clinic != NULL;
  for (const char *const *s = sets; s && *s && !named; s++)
    named = g_str_has_prefix(*s, "clinic.name=") && (*s)[12];
  if (!named) {
    char *where = lp_path_shorten(lp_project_root(lp_engine_project(e)));
    LpPos pos = lp_pos(where, 0, 0);
    lp_ctx_warn_hint(ctx, &pos, "fill in text/clinic.yaml (leafpress init writes one), or give --clinic FILE",
                     "this project has no clinic profile (text/clinic.yaml): the outputs carry no clinic name or "
                     "phone number");
    g_free(where);
  }
  g_free(clinic);
}

LpVars *lp_engine_values(LpEngine *e, LpCtx *ctx, const LpDoc *doc, const char *clinic_arg,
                         const char *const *sets, GError **err) {
  const LpMeta *m = lp_doc_meta_const(doc);
  LpVars *v = lp_vars_new();
  GPtrArray *labels = lp_project_labels(lp_engine_project(e), m->lang, &m->lang_pos, err);
  char *clinic = NULL;
  if (!labels)
    goto fail;
  for (guint i = 0; i < labels->len; i++)
    if (!lp_labels_read(ctx, g_ptr_array_index(labels, i), v, err))
      goto fail;
  GHashTableIter it;
  gpointer k, val;
  g_hash_table_iter_init(&it, m->labels);
  while (g_hash_table_iter_next(&it, &k, &val)) {
    char *key = g_strconcat("label.", (const char *)k, NULL);
    /* An override of a label no layout prints is most likely a typo. */
    if (!lp_vars_get(v, key))
      lp_ctx_warn(ctx, &m->pos, "the front matter overrides label '%s', which %s does not have", (const char *)k,
                  (const char *)g_ptr_array_index(labels, labels->len - 1));
    lp_vars_set(v, key, val);
    g_free(key);
  }
  /* Clinic keys exist even when the profile leaves them out, so a template
   * naming {clinic.phone} prints nothing rather than failing. */
  for (const char *const *ck = lp_clinic_keys(); *ck; ck++) {
    char *key = g_strconcat("clinic.", *ck, NULL);
    lp_vars_set(v, key, "");
    g_free(key);
  }
  clinic = lp_engine_clinic(e, clinic_arg);
  if (clinic && !lp_clinic_read(ctx, clinic, v, err))
    goto fail;
  set_meta(v, "title", m->title);
  set_meta(v, "subtitle", m->subtitle ? m->subtitle : "");
  set_meta(v, "version", m->version);
  set_meta(v, "date", m->date);
  set_meta(v, "lang", m->lang);
  set_meta(v, "article", lp_doc_id(doc));
  /* As written (ISO); the composers print the dates in the language. */
  set_meta(v, "online", m->online ? m->online : "");
  set_meta(v, "published", m->published ? m->published : "");
  set_meta(v, "review_due", m->review_due ? m->review_due : "");
  set_meta(v, "reviewed_by", m->reviewed_by ? m->reviewed_by : "");
  for (const char *const *s = sets; s && *s; s++) {
    const char *eq = strchr(*s, '=');
    char *key = g_strndup(*s, (gsize)(eq - *s));
    /* A label the language does not have is printed nowhere. */
    if (g_str_has_prefix(key, "label.") && !lp_vars_get(v, key))
      lp_ctx_warn(ctx, NULL, "--set %s: %s has no label '%s', so nothing prints it", key,
                  (const char *)g_ptr_array_index(labels, labels->len - 1), key + 6);
    lp_vars_set(v, key, eq + 1);
    g_free(key);
  }
  g_free(clinic);
  g_ptr_array_unref(labels);
  return v;
fail:
  g_free(clinic);
  if (labels)
    g_ptr_array_unref(labels);
  lp_vars_free(v);
  return NULL;
}

gboolean lp_engine_apply(const LpVars *vars, LpLayoutSpec *spec, GError **err) {
  const char *color = lp_vars_get(vars, "clinic.color");
  if (color && *color) {
    char *msg = lp_parse_color(color, &spec->colors[LP_NAMED_BRAND]);
    if (msg) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "clinic.color: %s", msg);
      g_free(msg);
      return FALSE;
    }
    /* The boxes follow the brand: its tint unless the profile gives one. */
    spec->colors[LP_NAMED_TINT] = lp_color_tint_of(&spec->colors[LP_NAMED_BRAND]);
  }
  const char *tint = lp_vars_get(vars, "clinic.tint");
  if (tint && *tint) {
    char *msg = lp_parse_color(tint, &spec->colors[LP_NAMED_TINT]);
    if (msg) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "clinic.tint: %s", msg);
      g_free(msg);
      return FALSE;
    }
  }
  if ((color && *color) || (tint && *tint))
    lp_layout_spec_resolve_colors(spec);
  return TRUE;
}

LpLayoutSpec *lp_engine_layout(LpEngine *e, LpCtx *ctx, const char *name_or_file, const LpVars *vars,
                               GError **err) {
  char *path = lp_project_layout(lp_engine_project(e), name_or_file ? name_or_file : "a4-leaflet", err);
  LpLayoutSpec *spec = path ? lp_layoutfile_read(ctx, path, err) : NULL;
  g_free(path);
  if (spec && vars && !lp_engine_apply(vars, spec, err))
    g_clear_pointer(&spec, lp_layout_spec_free);
  return spec;
}

GPtrArray *lp_engine_inputs(LpEngine *e, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars,
                            const char *clinic_arg) {
  GPtrArray *in = g_ptr_array_new_with_free_func(g_free);
  const LpProject *project = lp_engine_project(e);
  const char *lang = lp_doc_meta_const(doc)->lang;
  g_ptr_array_add(in, g_strdup(lp_doc_path(doc)));
  /* The article's pictures: a changed picture makes its outputs stale. */
  for (guint i = 0; i < lp_doc_n_blocks(doc); i++) {
    const LpBlock *b = lp_doc_block(doc, i);
    if (lp_block_kind(b) == LP_BLOCK_PICTURE)
      g_ptr_array_add(in, g_strdup(lp_block_picture(b)->file));
  }
  for (guint i = 0; i < spec->sources->len; i++)
    g_ptr_array_add(in, g_strdup(g_ptr_array_index(spec->sources, i)));
  GPtrArray *labels = lp_project_labels(project, lang, NULL, NULL);
  if (labels)
    g_ptr_array_extend_and_steal(in, labels);
  char *clinic = lp_engine_clinic(e, clinic_arg);
  if (clinic)
    g_ptr_array_add(in, clinic);
  const char *logo = vars ? lp_vars_get(vars, "clinic.logo") : NULL;
  if (logo && *logo)
    g_ptr_array_add(in, g_strdup(logo));
  g_ptr_array_add(in, lp_project_fonts_conf(project));
  const LpLangs *langs = lp_engine_languages(e, NULL);
  const LpLang *facts = langs ? lp_langs_find(langs, lang) : NULL;
  char *dict = facts ? lp_hyph_dict_file(facts->hyphenation) : NULL;
  if (dict)
    g_ptr_array_add(in, dict);
  g_ptr_array_extend_and_steal(in, lp_project_languages(project));
  return in;
}

gboolean lp_engine_release_ready(LpCtx *ctx, const LpDoc *doc, GError **err) {
  const LpMeta *m = lp_doc_meta_const(doc);
  if (m->example) {
    lp_set_error_hint(err, LP_EXIT_INPUT, &m->example_pos,
                      "write your clinic's own text (or have it reviewed), then remove the key",
                      "this is an example article (example: true), not your clinic's: --release refuses it");
    return FALSE;
  }
  if (m->review_due) {
    char *today = lp_engine_today(err);
    if (!today)
      return FALSE;
    gboolean past = strcmp(today, m->review_due) > 0;
    if (past)
      lp_set_error_hint(err, LP_EXIT_INPUT, &m->review_due_pos,
                        "have the text reviewed, then give it a new review_due (and published)",
                        "this %s was due for review on %s (review_due) and today is %s: --release refuses a leaflet "
                        "past its review date",
                        m->source ? "translation" : "article", m->review_due, today);
    g_free(today);
    if (past)
      return FALSE;
  }
  if (m->review != LP_REVIEW_REVIEWED) {
    LpPos pos = m->pos;
    lp_set_error(err, LP_EXIT_INPUT, &pos, "this %s is a draft (review: draft): --release builds reviewed documents only",
                 m->source ? "translation" : "article");
    return FALSE;
  }
  if (!m->source)
    return TRUE;
  char *src_path = lp_article_source_path(ctx, doc, err);
  LpDoc *src = src_path ? lp_article_read(ctx, src_path, err) : NULL;
  g_free(src_path);
  if (!src)
    return FALSE;
  GPtrArray *problems = g_ptr_array_new_with_free_func(lp_diag_free);
  lp_translation_compare(doc, src, m->source, NULL, LP_COMPARE_STALE, problems);
  gboolean ok = problems->len == 0;
  if (!ok) {
    const LpDiag *first = g_ptr_array_index(problems, 0);
    lp_set_error(err, LP_EXIT_INPUT, &first->pos, "%s (--release refuses stale translations)", first->message);
  }
  g_ptr_array_unref(problems);
  lp_doc_free(src);
  return ok;
}

char *lp_engine_default_output(LpEngine *e, const char *article_id, const char *lang, const char *layout,
                               LpFormat format) {
  char *rel = g_strdup_printf("out/%s/%s/%s.%s", article_id, lang, layout, lp_format_name(format));
  char *path = lp_project_path(lp_engine_project(e), rel);
  g_free(rel);
  return path;
}

char *lp_engine_today(GError **err) {
  const char *sde = g_getenv("SOURCE_DATE_EPOCH");
  GDateTime *dt;
  if (sde && *sde) {
    guint64 t;
    if (!g_ascii_string_to_unsigned(sde, 10, 0, G_MAXINT64 / 2, &t, NULL)) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "SOURCE_DATE_EPOCH=%s: expected seconds since 1970", sde);
      return NULL;
    }
    dt = g_date_time_new_from_unix_utc((gint64)t);
  } else {
    dt = g_date_time_new_now_utc();
  }
  if (!dt) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "SOURCE_DATE_EPOCH=%s is out of range", sde);
    return NULL;
  }
  char *day = g_date_time_format(dt, "%Y-%m-%d");
  g_date_time_unref(dt);
  return day;
}

char *lp_engine_date(const LpDoc *doc, GError **err) {
  const char *sde = g_getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    guint64 t;
    if (!g_ascii_string_to_unsigned(sde, 10, 0, G_MAXINT64 / 2, &t, NULL)) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "SOURCE_DATE_EPOCH=%s: expected seconds since 1970", sde);
      return NULL;
    }
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)t);
    if (!dt) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "SOURCE_DATE_EPOCH=%s is out of range", sde);
      return NULL;
    }
    char *iso = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
    g_date_time_unref(dt);
    return iso;
  }
  return g_strdup_printf("%sT00:00:00Z", lp_doc_meta_const(doc)->date);
}

void lp_engine_layout_keys(const LpLayoutSpec *spec, const LpVars *vars, GHashTable *keys) {
  lp_layout_keys(spec, keys);
  if (vars)
    lp_vars_label_keys(vars, keys);
}

/* The article's own values: a --set of one replaces what the templates of
 * every layout can print. */
static const char *const article_values[] = {"title",  "subtitle",  "version",    "date",        "lang", "article",
                                             "online", "published", "review_due", "reviewed_by", NULL};

static int cmp_names(gconstpointer a, gconstpointer b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void lp_engine_warn_unused_sets(LpCtx *ctx, const char *const *sets, GHashTable *used) {
  GPtrArray *names = g_ptr_array_new();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, used);
  while (g_hash_table_iter_next(&it, &k, NULL))
    g_ptr_array_add(names, k);
  g_ptr_array_sort(names, cmp_names); /* a nearest name that does not depend on the table's order */
  g_ptr_array_add(names, NULL);
  for (const char *const *s = sets; s && *s; s++) {
    const char *eq = strchr(*s, '=');
    char *key = eq ? g_strndup(*s, (gsize)(eq - *s)) : g_strdup(*s);
    /* Labels are printed by the composers by name: lp_engine_values warns
     * about one the language lacks. */
    if (!g_hash_table_contains(used, key) && !g_str_has_prefix(key, "label.") && !g_strv_contains(article_values, key)) {
      const char *near = lp_vars_nearest_key(key, (const char *const *)names->pdata);
      if (near) {
        char *hint = g_strdup_printf("did you mean --set %s=…?", near);
        lp_ctx_warn_hint(ctx, NULL, hint, "--set %s: no layout or output name uses {%s}, so it changes nothing", key, key);
        g_free(hint);
      } else {
        lp_ctx_warn(ctx, NULL, "--set %s: no layout or output name uses {%s}, so it changes nothing", key, key);
      }
    }
    g_free(key);
  }
  g_ptr_array_unref(names);
}

LpDateOrder lp_engine_date_order(const char *lang) { return lp_locale_date_order(lang); }
