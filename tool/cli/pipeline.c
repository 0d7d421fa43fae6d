#include "cli/pipeline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/interrupt.h"
#include "finish/finish.h"
#include "finish/output.h"
#include "layout/hyph.h"
#include "layout/layout.h"
#include "page/marks.h"
#include "read/clinic.h"
#include "read/labels.h"
#include "read/source.h"
#include "read/yaml.h"

/* Fonts are per thread: a pango font map is not thread-safe, and a batch
 * builds on several threads at once. */
static GPrivate thread_fonts = G_PRIVATE_INIT((GDestroyNotify)lp_fonts_free);
/* Paragraphs set on a thread, for the outputs it builds next (a card per row
 * sets the same text every time). */
static GPrivate thread_paras = G_PRIVATE_INIT((GDestroyNotify)lp_para_cache_free);

void lp_session_clear(LpSession *s) {
  g_free(s->owner_password);
  lp_project_free(s->project);
  g_private_replace(&thread_paras, NULL);
  g_private_replace(&thread_fonts, NULL);
  g_free(s->clinic);
  if (s->sets)
    g_ptr_array_unref(s->sets);
  memset(s, 0, sizeof *s);
}

LpFonts *lp_session_fonts(LpSession *s, GError **err) {
  LpFonts *fonts = g_private_get(&thread_fonts);
  if (!fonts) {
    char *conf = lp_project_path(s->project, "fonts/fonts.conf");
    fonts = lp_fonts_new(conf, err);
    g_free(conf);
    g_private_set(&thread_fonts, fonts);
  }
  return fonts;
}

gboolean lp_session_check_set(const char *arg, GError **err) {
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

LpVars *lp_session_vars(LpSession *s, const LpDoc *doc, GError **err) {
  const LpMeta *m = lp_doc_meta_const(doc);
  LpVars *v = lp_vars_new();
  char *labels = lp_project_labels(s->project, m->lang, err);
  if (!labels || !lp_labels_read(labels, v, err))
    goto fail;
  GHashTableIter it;
  gpointer k, val;
  g_hash_table_iter_init(&it, m->labels);
  while (g_hash_table_iter_next(&it, &k, &val)) {
    char *key = g_strconcat("label.", (const char *)k, NULL);
    /* An override of a label no layout prints is most likely a typo. */
    if (!lp_vars_get(v, key))
      lp_warn(&m->pos, "the front matter overrides label '%s', which %s does not have", (const char *)k, labels);
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
  char *clinic = s->clinic ? g_strdup(s->clinic) : lp_project_clinic(s->project);
  if (clinic && !lp_clinic_read(clinic, v, err)) {
    g_free(clinic);
    goto fail;
  }
  g_free(clinic);
  set_meta(v, "title", m->title);
  set_meta(v, "subtitle", m->subtitle ? m->subtitle : "");
  set_meta(v, "version", m->version);
  set_meta(v, "date", m->date);
  set_meta(v, "lang", m->lang);
  set_meta(v, "article", lp_doc_id(doc));
  for (guint i = 0; s->sets && i < s->sets->len; i++) {
    const char *arg = g_ptr_array_index(s->sets, i);
    const char *eq = strchr(arg, '=');
    char *key = g_strndup(arg, (gsize)(eq - arg));
    lp_vars_set(v, key, eq + 1);
    g_free(key);
  }
  g_free(labels);
  return v;
fail:
  g_free(labels);
  lp_vars_free(v);
  return NULL;
}

GPtrArray *lp_session_inputs(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars) {
  GPtrArray *in = g_ptr_array_new_with_free_func(g_free);
  const char *lang = lp_doc_meta_const(doc)->lang;
  g_ptr_array_add(in, g_strdup(lp_doc_path(doc)));
  for (guint i = 0; i < spec->sources->len; i++)
    g_ptr_array_add(in, g_strdup(g_ptr_array_index(spec->sources, i)));
  char *labels = lp_project_labels(s->project, lang, NULL);
  if (labels)
    g_ptr_array_add(in, labels);
  char *clinic = s->clinic ? g_strdup(s->clinic) : lp_project_clinic(s->project);
  if (clinic)
    g_ptr_array_add(in, clinic);
  const char *logo = vars ? lp_vars_get(vars, "clinic.logo") : NULL;
  if (logo && *logo)
    g_ptr_array_add(in, g_strdup(logo));
  g_ptr_array_add(in, lp_project_path(s->project, "fonts/fonts.conf"));
  char *dict = lp_hyph_dict_file(lang);
  if (dict)
    g_ptr_array_add(in, dict);
  return in;
}

gboolean lp_session_apply(LpSession *s, const LpVars *vars, LpLayoutSpec *spec, GError **err) {
  const char *color = lp_vars_get(vars, "clinic.color");
  if (color && *color) {
    char *msg = lp_parse_color(color, &spec->colors[LP_NAMED_BRAND]);
    if (msg) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "clinic.color: %s", msg);
      g_free(msg);
      return FALSE;
    }
    lp_layout_spec_resolve_colors(spec);
  }
  return TRUE;
}

char *lp_session_default_output(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, LpFormat format) {
  char *rel = g_strdup_printf("out/%s/%s/%s.%s", lp_doc_id(doc), lp_doc_meta_const(doc)->lang, spec->name,
                              lp_format_name(format));
  char *path = lp_project_path(s->project, rel);
  g_free(rel);
  return path;
}

char *lp_session_date(const LpDoc *doc, GError **err) {
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

char *lp_session_format_path(const char *out, LpFormat f, guint n_formats) {
  if (strcmp(out, "-") == 0)
    return g_strdup(out);
  const char *slash = strrchr(out, '/');
  const char *dot = strrchr(out, '.');
  gboolean has_ext = dot && (!slash || dot > slash);
  LpFormat known;
  gboolean ours = has_ext && lp_format_parse(dot + 1, &known);
  if ((ours && known == f) || (!ours && n_formats == 1))
    return g_strdup(out);
  if (!ours)
    return g_strdup_printf("%s.%s", out, lp_format_name(f));
  return g_strdup_printf("%.*s.%s", (int)(dot - out), out, lp_format_name(f));
}

gboolean lp_session_parse_allow(const char *list, guint *allow, GError **err) {
  static const struct {
    const char *name;
    guint flag;
  } words[] = {{"print", LP_ALLOW_PRINT},   {"copy", LP_ALLOW_COPY},         {"modify", LP_ALLOW_MODIFY},
               {"annotate", LP_ALLOW_ANNOTATE}, {"forms", LP_ALLOW_FORMS}, {"assemble", LP_ALLOW_ASSEMBLE},
               {"accessibility", LP_ALLOW_ACCESSIBILITY}};
  char **parts = g_strsplit(list, ",", -1);
  gboolean ok = TRUE;
  for (char **p = parts; *p && ok; p++) {
    char *w = g_strstrip(*p);
    if (!*w)
      continue;
    gboolean known = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
      if (strcmp(w, words[i].name) == 0) {
        *allow |= words[i].flag;
        known = TRUE;
      }
    if (!known) {
      lp_set_error(err, LP_EXIT_USAGE, NULL,
                   "--allow %s: expected a list of print, copy, modify, annotate, forms, assemble, accessibility", w);
      ok = FALSE;
    }
  }
  g_strfreev(parts);
  return ok;
}

gboolean lp_session_check_options(const LpSession *s, GError **err) {
  if (s->cmyk && s->writer != LP_WRITER_HARU) {
    lp_set_error(err, LP_EXIT_USAGE, NULL,
                 "--cmyk needs --writer haru: the cairo writer has no DeviceCMYK colour (cairo 1.16 writes RGB)");
    return FALSE;
  }
  if (s->pdfa && s->owner_password) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--pdfa and --owner-password cannot go together: PDF/A forbids encryption");
    return FALSE;
  }
  if (s->allow && !s->owner_password) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--allow needs --owner-password: permissions come with encryption");
    return FALSE;
  }
  return TRUE;
}

/* One file to write: a path and its bytes. */
typedef struct {
  char *path;
  GBytes *bytes;
} Pending;

static void pending_clear(gpointer p) {
  Pending *f = p;
  g_free(f->path);
  if (f->bytes)
    g_bytes_unref(f->bytes);
}

/* Renders one format to files in memory; nothing is written yet. */
static gboolean render_format(LpSession *s, const LpBook *book, const LpLayoutSpec *spec, LpFormat f,
                              const char *path, GArray *pending, GError **err) {
  if (s->writer == LP_WRITER_HARU && f != LP_FORMAT_PDF) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "the haru writer writes PDF only; proofs (%s) come from the cairo writer",
                 lp_format_name(f));
    return FALSE;
  }
  LpWriteOptions opt = {f, s->dpi > 0 ? s->dpi : 96, s->bleed || s->crop_marks ? spec->bleed : 0, 0, s->cmyk};
  if (s->crop_marks)
    opt.slug = LP_CROP_SLUG;
  GPtrArray *files = lp_write(s->writer, book, &opt, err);
  if (!files)
    return FALSE;
  gboolean ok = TRUE;
  if (f == LP_FORMAT_PDF) {
    GPtrArray *alts = lp_book_figure_alts(book);
    LpFinishOptions fin = {lp_book_info_const(book)->lang,
                           s->writer == LP_WRITER_CAIRO, /* libharu writes no structure tree */
                           s->writer == LP_WRITER_HARU,
                           alts,
                           lp_book_info_const(book),
                           opt.bleed,
                           opt.slug,
                           s->pdfa,
                           s->cmyk,
                           s->owner_password,
                           s->allow};
    GBytes *done = lp_finish_pdf(g_ptr_array_index(files, 0), &fin, err);
    g_ptr_array_unref(alts);
    ok = done != NULL;
    if (ok) {
      Pending one = {g_strdup(path), done};
      g_array_append_val(pending, one);
    }
  } else if (strcmp(path, "-") == 0) {
    if (files->len != 1) {
      lp_set_error(err, LP_EXIT_USAGE, NULL,
                   "-o - writes one file, but this %s proof has %u pages: give a file name instead",
                   lp_format_name(f), files->len);
      ok = FALSE;
    } else {
      Pending one = {g_strdup(path), g_bytes_ref(g_ptr_array_index(files, 0))};
      g_array_append_val(pending, one);
    }
  } else {
    for (guint i = 0; i < files->len; i++) {
      Pending one = {lp_output_page_path(path, i + 1), g_bytes_ref(g_ptr_array_index(files, i))};
      g_array_append_val(pending, one);
    }
  }
  g_ptr_array_unref(files);
  return ok;
}

void lp_build_result_clear(LpBuildResult *r) {
  if (r->files)
    g_ptr_array_unref(r->files);
  if (r->fonts)
    g_ptr_array_unref(r->fonts);
  memset(r, 0, sizeof *r);
}

gboolean lp_session_build(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars,
                          const LpFormat *formats, guint n_formats, const char *const *outs,
                          LpBuildResult *result, GError **err) {
  LpFonts *fonts = lp_session_fonts(s, err);
  if (!fonts)
    return FALSE;
  char *date = lp_session_date(doc, err);
  if (!date)
    return FALSE;
  char *creator = g_strdup_printf("leafpress %s", LP_VERSION);
  LpParaCache *paras = g_private_get(&thread_paras);
  if (!paras) {
    paras = lp_para_cache_new();
    g_private_set(&thread_paras, paras);
  }
  LpLayoutInput in = {doc, spec, vars, fonts, date, creator, paras};
  LpBook *book = lp_layout_run(&in, err);
  gboolean ok = book != NULL;
  if (ok && s->crop_marks)
    lp_marks_add_crop(book, spec->bleed, LP_CROP_SLUG);
  /* Every format first, in memory; then the files, so that a failing format
   * leaves the others as they were too. */
  GArray *pending = g_array_new(FALSE, TRUE, sizeof(Pending));
  g_array_set_clear_func(pending, pending_clear);
  GPtrArray *stems = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; ok && i < n_formats; i++) {
    char *path = outs ? g_strdup(outs[i]) : lp_session_default_output(s, doc, spec, formats[i]);
    ok = render_format(s, book, spec, formats[i], path, pending, err);
    if (formats[i] != LP_FORMAT_PDF && strcmp(path, "-") != 0)
      g_ptr_array_add(stems, g_strdup(path));
    g_free(path);
  }
  if (ok && lp_interrupted()) {
    lp_set_error(err, LP_EXIT_IO, NULL, "interrupted");
    ok = FALSE;
  }
  for (guint i = 0; ok && i < pending->len; i++) {
    Pending *f = &g_array_index(pending, Pending, i);
    ok = lp_output_write(f->path, f->bytes, err);
  }
  /* Proofs of a longer earlier build leave page files behind. */
  for (guint i = 0; ok && i < stems->len; i++)
    lp_output_remove_stale_pages(g_ptr_array_index(stems, i), lp_book_n_pages(book));
  if (ok && result) {
    result->pages = lp_book_n_pages(book);
    result->files = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < pending->len; i++) {
      Pending *f = &g_array_index(pending, Pending, i);
      result->bytes += g_bytes_get_size(f->bytes);
      g_ptr_array_add(result->files, g_strdup(f->path));
    }
    GPtrArray *used = lp_book_font_files(book);
    result->fonts = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < used->len; i++)
      g_ptr_array_add(result->fonts, g_strdup(g_ptr_array_index(used, i)));
    g_ptr_array_unref(used);
  }
  g_array_free(pending, TRUE);
  g_ptr_array_unref(stems);
  lp_book_free(book);
  g_free(creator);
  g_free(date);
  return ok;
}
