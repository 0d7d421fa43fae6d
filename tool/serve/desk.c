#include "serve/desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "batch/columns.h"
#include "finish/merge.h"

static void note_free(gpointer p) {
  LpServeNote *n = p;
  g_free(n->field);
  g_free(n->message);
  g_free(n);
}

GPtrArray *lp_serve_notes_new(void) { return g_ptr_array_new_with_free_func(note_free); }

void lp_serve_notes_add(GPtrArray *notes, const char *field, const char *fmt, ...) {
  LpServeNote *n = g_new0(LpServeNote, 1);
  va_list ap;
  va_start(ap, fmt);
  n->field = g_strdup(field);
  n->message = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_ptr_array_add(notes, n);
}

const char *lp_serve_notes_find(const GPtrArray *notes, const char *field) {
  for (guint i = 0; notes && i < notes->len; i++) {
    const LpServeNote *n = g_ptr_array_index((GPtrArray *)notes, i);
    if (strcmp(n->field, field) == 0)
      return n->message;
  }
  return NULL;
}

char *lp_serve_today(void) {
  GDateTime *now = g_date_time_new_now_local();
  char *s = g_date_time_format(now, "%Y-%m-%d");
  g_date_time_unref(now);
  return s;
}

void lp_serve_out_clear(LpServeOut *out) {
  if (out->pdf)
    g_bytes_unref(out->pdf);
  if (out->pngs)
    g_ptr_array_unref(out->pngs);
  if (out->notes)
    g_ptr_array_unref(out->notes);
  if (out->warnings)
    g_ptr_array_unref(out->warnings);
  g_free(out->filename);
  memset(out, 0, sizeof *out);
}

static void out_init(LpServeOut *out) {
  memset(out, 0, sizeof *out);
  out->notes = lp_serve_notes_new();
  out->warnings = g_ptr_array_new_with_free_func(g_free);
}

/* An error as the page shows it: the command line's message, without the
 * option it names ("--set patient.name: ") — the field is beside it — and
 * without a place in the server's files. A hint that speaks of options is
 * the command line's advice and is left out. */
static char *plain(const GError *e) {
  const char *m = e->message;
  if (g_str_has_prefix(m, "--set ") || g_str_has_prefix(m, "--column ")) {
    const char *colon = strstr(m, ": ");
    if (colon)
      m = colon + 2;
  }
  const char *hint = lp_error_hint(e);
  if (hint && !strstr(hint, "--") && !strchr(hint, '/'))
    return g_strdup_printf("%s; %s", m, hint);
  /* "did you mean {patient.name}? map it with --column …": the first part
   * holds on the page too. */
  const char *q = hint && g_str_has_prefix(hint, "did you mean ") ? strchr(hint, '?') : NULL;
  if (q)
    return g_strdup_printf("%s; %.*s", m, (int)(q + 1 - hint), hint);
  return g_strdup(m);
}

static void warnings_into(LpCtx *ctx, GPtrArray *to) {
  GPtrArray *diags = lp_ctx_take_diags(ctx);
  for (guint i = 0; i < diags->len; i++) {
    const LpDiag *d = g_ptr_array_index(diags, i);
    g_ptr_array_add(to, g_strdup(d->message));
  }
  g_ptr_array_unref(diags);
}

/* Which article, language and layout the form names, each looked up in the
 * catalog (the only way a choice of the browser reaches a file). */
static const LpServeTranslation *pick(const LpServeCatalog *cat, const char *article, const char *lang,
                                      const char *kind_id, LpServeKind *kind, GPtrArray *notes) {
  const LpServeArticle *a =
      article && *article ? lp_serve_catalog_find(cat, article) : lp_serve_catalog_article(cat, 0);
  if (!a) {
    GString *have = g_string_new(NULL);
    for (guint i = 0; i < lp_serve_catalog_n_articles(cat); i++)
      g_string_append_printf(have, "%s%s", i ? ", " : "", lp_serve_catalog_article(cat, i)->id);
    lp_serve_notes_add(notes, "article", "there is no article '%s': expected one of %s", article, have->str);
    g_string_free(have, TRUE);
    return NULL;
  }
  *kind = LP_SERVE_CARD;
  if ((kind_id && *kind_id && !lp_serve_kind_parse(kind_id, kind)) || !lp_serve_catalog_offers(cat, *kind)) {
    GString *have = g_string_new(NULL);
    for (int k = 0; k < LP_SERVE_N_KINDS; k++)
      if (lp_serve_catalog_offers(cat, (LpServeKind)k))
        g_string_append_printf(have, "%s%s", have->len ? ", " : "", lp_serve_kind_id((LpServeKind)k));
    lp_serve_notes_add(notes, "kind", "'%s' is not something this project prints: expected %s",
                       kind_id && *kind_id ? kind_id : lp_serve_kind_id(*kind), have->len ? have->str : "nothing");
    g_string_free(have, TRUE);
    return NULL;
  }
  const LpServeTranslation *t =
      lang && *lang ? lp_serve_article_lang(a, lang) : g_ptr_array_index(a->translations, 0);
  if (!t) {
    GString *have = g_string_new(NULL);
    for (guint i = 0; i < a->translations->len; i++)
      g_string_append_printf(have, "%s%s", i ? ", " : "", ((LpServeTranslation *)g_ptr_array_index(a->translations, i))->lang);
    lp_serve_notes_add(notes, "lang", "this article has no translation in '%s' (it has: %s)", lang, have->str);
    g_string_free(have, TRUE);
    return NULL;
  }
  if (!lp_serve_translation_spec(t, *kind)) {
    lp_serve_notes_add(notes, "kind", "the layout %s of this project cannot be read in this language; the server's "
                       "start-up message says why",
                       lp_serve_layout_name(lp_serve_kind_layout(*kind)));
    return NULL;
  }
  return t;
}

/* A value as --set KEY=VALUE would take it; the note goes to `field`. */
static gboolean check_value(const char *key, const char *value, const char *field, GPtrArray *notes) {
  char *arg = g_strdup_printf("%s=%s", key, value);
  GError *e = NULL;
  gboolean ok = lp_engine_check_set(arg, &e);
  g_free(arg);
  if (!ok) {
    char *m = plain(e);
    lp_serve_notes_add(notes, field, "%s", m);
    g_free(m);
    g_error_free(e);
  }
  return ok;
}

/* The print settings of `kind`: its sheet, with the engine's duplex
 * default for it (the page says which edge to flip on). */
static LpPrint print_of(LpServeKind kind) {
  LpPrint print = {.dpi = 72};
  if (lp_serve_kind_sheet(kind)) {
    GError *e = NULL;
    /* The names are this file's, known to the engine: it cannot fail. */
    if (!lp_print_set_sheet(&print, lp_serve_kind_sheet(kind), NULL, &e))
      g_error("%s", e->message);
  }
  return print;
}

/* One build in memory: the PDF, and its pages as PNG when asked. With
 * `kept`, the laid-out pages come back too (for sheets of many cards) and
 * no sheet is made here. */
static gboolean build(LpEngine *engine, const LpServeTranslation *t, LpServeKind kind, const LpVars *vars, gboolean png,
                      LpServeOut *out, LpResult **kept, GError **err) {
  LpCtx *ctx = lp_ctx_new_child(lp_engine_ctx(engine));
  LpFormat formats[] = {LP_FORMAT_PDF, LP_FORMAT_PNG};
  LpRequest req = {
      .doc = t->doc,
      .spec = lp_serve_translation_spec(t, kind),
      .vars = vars,
      .formats = formats,
      .n_formats = png ? 2 : 1,
      .print = kept ? (LpPrint){.dpi = 72} : print_of(kind),
      .ctx = ctx,
      .keep_pages = kept != NULL,
      /* Kept pages go onto sheets, which are read back and proven whole;
       * this card's own PDF is dropped unread. */
      .no_verify = kept != NULL,
  };
  LpResult *res = lp_engine_build(engine, &req, err);
  if (out->warnings)
    warnings_into(ctx, out->warnings);
  lp_ctx_free(ctx);
  if (!res)
    return FALSE;
  out->kind = kind;
  for (guint i = 0; i < res->files->len; i++) {
    const LpOutFile *f = g_ptr_array_index(res->files, i);
    if (f->format == LP_FORMAT_PDF && !out->pdf)
      out->pdf = g_bytes_ref(f->bytes);
    else if (f->format == LP_FORMAT_PNG) {
      if (!out->pngs)
        out->pngs = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
      g_ptr_array_add(out->pngs, g_bytes_ref(f->bytes));
    }
  }
  if (kept)
    *kept = res;
  else
    lp_result_free(res);
  return TRUE;
}

gboolean lp_serve_card(LpEngine *engine, const LpServeCatalog *cat, const LpServeCardForm *form, gboolean png,
                       LpServeOut *out) {
  out_init(out);
  LpServeKind kind;
  const LpServeTranslation *t = pick(cat, form->article, form->lang, form->kind, &kind, out->notes);
  if (!t)
    return FALSE;
  char *today = lp_serve_today();
  const char *date = form->date && *form->date ? form->date : today;
  char *name = g_strstrip(g_strdup(form->name ? form->name : ""));
  gboolean patient = lp_serve_translation_spec(t, kind)->kind == LP_KIND_CARD;
  if (patient) {
    if (g_utf8_validate(name, -1, NULL) && g_utf8_strlen(name, -1) > LP_SERVE_MAX_NAME)
      lp_serve_notes_add(out->notes, "name", "the name has %ld characters: at most %d fit on a card",
                         g_utf8_strlen(name, -1), LP_SERVE_MAX_NAME);
    else
      check_value("patient.name", name, "name", out->notes);
    check_value("treatment_date", date, "date", out->notes);
  }
  gboolean ok = out->notes->len == 0;
  if (ok) {
    LpVars *vars = lp_vars_new_child(t->vars);
    /* Only a card prints the patient; a leaflet is the same for everyone. */
    if (patient) {
      if (*name)
        lp_vars_set(vars, "patient.name", name);
      lp_vars_set(vars, "treatment_date", date);
    }
    GError *e = NULL;
    ok = build(engine, t, kind, vars, png, out, NULL, &e);
    lp_vars_free(vars);
    if (!ok) {
      char *m = plain(e);
      lp_serve_notes_add(out->notes, "form", "%s", m);
      g_free(m);
      g_error_free(e);
    } else {
      out->filename = patient ? g_strdup_printf("%s-%s-%s.pdf", lp_serve_kind_id(kind), t->lang, date)
                                            : g_strdup_printf("%s-%s.pdf", lp_serve_kind_id(kind), t->lang);
    }
  }
  g_free(name);
  g_free(today);
  return ok;
}

/* ---- the day's list ---- */

void lp_serve_list_clear(LpServeList *list) {
  lp_serve_out_clear(&list->out);
  if (list->headings)
    g_ptr_array_unref(list->headings);
  if (list->targets)
    g_ptr_array_unref(list->targets);
  if (list->guessed)
    g_array_free(list->guessed, TRUE);
  if (list->choices)
    g_ptr_array_unref(list->choices);
  if (list->row_errors)
    g_ptr_array_unref(list->row_errors);
  memset(list, 0, sizeof *list);
}

/* What a column most likely fills, from its heading as practice software
 * and spreadsheets write it; "" when nothing fits (the page says so). */
static const char *guess(const char *heading, GHashTable *used) {
  char *h = g_utf8_casefold(heading, -1);
  const char *t = "";
  if (g_hash_table_contains(used, heading) || strcmp(heading, "lang") == 0)
    t = heading;
  else if (strstr(h, "lang") || strstr(h, "sprache") || strstr(h, "langue") || strstr(h, "idioma"))
    t = "lang";
  else if (strstr(h, "date") || strstr(h, "datum") || strstr(h, "fecha") || strstr(h, "termin") ||
           strstr(h, "treatment") || strstr(h, "behandlung") || strstr(h, "rendez") || strstr(h, "cita") ||
           strstr(h, "tarih") || strstr(h, "дата"))
    t = "treatment_date";
  else if (strstr(h, "name") || strstr(h, "nom") || strstr(h, "patient") || strstr(h, "paciente") ||
           strstr(h, "isim") || strstr(h, "hasta") || strstr(h, "имя") || strstr(h, "пациент"))
    t = "patient.name";
  g_free(h);
  return t;
}

/* The column an error of the header is at (its place), or -1. */
static int column_at(const LpCsv *csv, const GError *e) {
  const LpPos *p = lp_error_pos(e);
  for (guint i = 0; p && i < lp_csv_header(csv)->len; i++) {
    LpPos h = lp_csv_header_place(csv, i);
    if (h.line == p->line && h.col == p->col)
      return (int)i;
  }
  return -1;
}

typedef struct {
  const LpServeTranslation *t;
  GHashTable *values;
} Row;

static void row_free(gpointer p) {
  Row *r = p;
  g_hash_table_unref(r->values);
  g_free(r);
}

static LpVars *row_vars(const Row *r) {
  LpVars *vars = lp_vars_new_child(r->t->vars);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, r->values);
  /* {lang} stays the article's: the row's picked the article. */
  while (g_hash_table_iter_next(&it, &k, &v))
    if (!g_str_equal(k, "lang"))
      lp_vars_set(vars, k, v);
  return vars;
}

static void row_failed(LpServeList *list, const GError *e) {
  g_ptr_array_add(list->row_errors, lp_error_format(e));
}

/* Values a column may not fill from the desk, though the command line's
 * --column may: what the server reads as a file (the logo), and what it
 * applied to the layouts once at start (the colours), which a row would
 * change in nothing. */
static const char *refused(const char *target) {
  if (strcmp(target, "clinic.logo") == 0)
    return "the clinic's logo is a file of the project: a list cannot name another one";
  if (strcmp(target, "clinic.color") == 0 || strcmp(target, "clinic.tint") == 0)
    return "the clinic's colours are the project's (text/clinic.yaml): a list cannot change them";
  return NULL;
}

/* The map the form sends, or the guessed one, as column rules: each checked
 * as --column HEADING=TARGET is (a placeholder name, not one leafpress fills
 * itself), the note beside its column. FALSE when one is wrong. */
static gboolean make_rules(const LpServeListForm *form, const LpCsv *csv, GHashTable *used, LpServeList *list,
                           GArray *rules) {
  const GPtrArray *header = lp_csv_header(csv);
  gboolean ok = TRUE;
  for (guint i = 0; i < header->len; i++) {
    const char *h = g_ptr_array_index((GPtrArray *)header, i);
    gboolean chosen = form->map && i < form->n_map && form->map[i];
    const char *t = chosen ? form->map[i] : guess(h, used);
    g_ptr_array_add(list->headings, g_strdup(h));
    g_ptr_array_add(list->targets, g_strdup(t));
    gboolean guessed = !chosen;
    g_array_append_val(list->guessed, guessed);
    if (strcmp(t, h) == 0)
      continue;
    char *field = g_strdup_printf("map.%u", i);
    char *arg = g_strdup_printf("%s=%s", h, t);
    LpPos at = lp_csv_header_place(csv, i);
    LpColumnRule r = {0};
    GError *e = NULL;
    if (refused(t)) {
      lp_serve_notes_add(list->out.notes, field, "%s", refused(t));
      ok = FALSE;
    } else if (lp_column_rule_parse(arg, &at, &r, &e)) {
      g_array_append_val(rules, r);
    } else {
      char *m = plain(e);
      lp_serve_notes_add(list->out.notes, field, "%s", m);
      g_free(m);
      g_error_free(e);
      ok = FALSE;
    }
    g_free(arg);
    g_free(field);
  }
  return ok;
}

/* What the map's lists offer: the values a column may fill, as the
 * command line's --column takes them (lp_columns_fillable), the patient's
 * name, the treatment date and the language first. */
static void make_choices(GHashTable *used, GPtrArray *choices) {
  const char *first[] = {"patient.name", "treatment_date", "lang"};
  for (gsize i = 0; i < G_N_ELEMENTS(first); i++)
    if (g_hash_table_contains(used, first[i]))
      g_ptr_array_add(choices, g_strdup(first[i]));
  GPtrArray *fillable = lp_columns_fillable(used);
  for (guint i = 0; i < fillable->len; i++) {
    const char *k = g_ptr_array_index(fillable, i);
    gboolean listed = FALSE;
    for (guint j = 0; j < choices->len && !listed; j++)
      listed = strcmp(k, g_ptr_array_index(choices, j)) == 0;
    if (!listed && !refused(k))
      g_ptr_array_add(choices, g_strdup(k));
  }
  g_ptr_array_unref(fillable);
}

gboolean lp_serve_list(LpEngine *engine, const LpServeCatalog *cat, const LpServeListForm *form, LpServeList *list) {
  memset(list, 0, sizeof *list);
  out_init(&list->out);
  list->headings = g_ptr_array_new_with_free_func(g_free);
  list->targets = g_ptr_array_new_with_free_func(g_free);
  list->guessed = g_array_new(FALSE, TRUE, sizeof(gboolean));
  list->choices = g_ptr_array_new_with_free_func(g_free);
  list->row_errors = g_ptr_array_new_with_free_func(g_free);
  GPtrArray *notes = list->out.notes;
  LpServeKind kind;
  if (!lp_serve_catalog_offers(cat, LP_SERVE_CARD)) {
    lp_serve_notes_add(notes, "csv", "this project has no aftercare card (the layout a5-card) to print a list on");
    return FALSE;
  }
  const LpServeTranslation *base = pick(cat, form->article, form->lang, "card", &kind, notes);
  if (!base)
    return FALSE;
  gsize size = form->csv ? g_bytes_get_size(form->csv) : 0;
  if (size == 0) {
    lp_serve_notes_add(notes, "csv", "choose the list to print: a CSV file exported from the practice software or a spreadsheet");
    return FALSE;
  }
  if (size > LP_SERVE_MAX_CSV) {
    lp_serve_notes_add(notes, "csv", "the file has %" G_GSIZE_FORMAT " bytes: at most %d are taken (%d patients)",
                       size, LP_SERVE_MAX_CSV, LP_SERVE_MAX_ROWS);
    return FALSE;
  }
  /* The upload is read from memory like a file: the same reader as batch. */
  FILE *f = fmemopen((void *)g_bytes_get_data(form->csv, NULL), size, "rb");
  if (!f) {
    lp_serve_notes_add(notes, "csv", "the file cannot be read");
    return FALSE;
  }
  LpCtx *ctx = lp_ctx_new_child(lp_engine_ctx(engine));
  LpCsvOptions opts = {.max_rows = LP_SERVE_MAX_ROWS};
  GError *e = NULL;
  const char *name = g_intern_string(form->csv_name && *form->csv_name ? form->csv_name : "list.csv");
  LpCsv *csv = lp_csv_open_stream(ctx, f, name, &opts, &e);
  GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func(row_free);
  GArray *rules = NULL;
  LpColumns *columns = NULL;
  gboolean ok = csv != NULL;
  if (!csv) {
    lp_serve_notes_add(notes, "csv", "%s", e->message);
    g_clear_error(&e);
    goto out;
  }
  list->separator = lp_csv_separator(csv);
  /* What a column may fill: what the card prints, its labels, and lang. */
  lp_engine_layout_keys(lp_serve_translation_spec(base, LP_SERVE_CARD), base->vars, used);
  lp_vars_label_keys(base->vars, used);
  g_hash_table_add(used, g_strdup("lang"));
  make_choices(used, list->choices);
  rules = g_array_new(FALSE, TRUE, sizeof(LpColumnRule));
  g_array_set_clear_func(rules, (GDestroyNotify)lp_column_rule_clear);
  if (!make_rules(form, csv, used, list, rules)) {
    ok = FALSE;
    goto out;
  }
  columns = lp_columns_new(csv, (const LpColumnRule *)rules->data, rules->len, &e);
  if (columns && !lp_columns_check_used(columns, used, "the card's layout or its labels", &e)) {
    lp_columns_free(columns);
    columns = NULL;
  }
  if (!columns) {
    int col = column_at(csv, e);
    char *field = col >= 0 ? g_strdup_printf("map.%d", col) : g_strdup("csv");
    char *m = plain(e);
    lp_serve_notes_add(notes, field, "%s", m);
    g_free(m);
    g_free(field);
    g_clear_error(&e);
    ok = FALSE;
    goto out;
  }
  int lang_col = lp_columns_find(columns, "lang");
  LpCsvRow *r;
  while ((r = lp_csv_next(csv, &e))) {
    list->rows++;
    GError *bad = NULL;
    if (r->error)
      bad = g_steal_pointer(&r->error);
    else
      lp_columns_check_row(columns, r, &bad);
    const LpServeTranslation *t = base;
    if (!bad && lang_col >= 0) {
      const char *lang = g_ptr_array_index(r->fields, lang_col);
      const LpServeArticle *a = lp_serve_catalog_find(cat, form->article && *form->article ? form->article
                                                                                        : lp_serve_catalog_article(cat, 0)->id);
      if (*lang && !(t = lp_serve_article_lang(a, lang))) {
        LpPos at = g_array_index(r->places, LpPos, lang_col);
        GString *have = g_string_new(NULL);
        for (guint k = 0; k < a->translations->len; k++)
          g_string_append_printf(have, "%s%s", k ? ", " : "",
                                 ((LpServeTranslation *)g_ptr_array_index(a->translations, k))->lang);
        lp_set_error(&bad, LP_EXIT_INPUT, &at, "the article has no translation in '%s' (it has: %s)", lang, have->str);
        g_string_free(have, TRUE);
      } else if (t && !lp_serve_translation_spec(t, LP_SERVE_CARD)) {
        LpPos at = g_array_index(r->places, LpPos, lang_col);
        lp_set_error(&bad, LP_EXIT_INPUT, &at, "the card cannot be built in '%s'", lang);
      }
      if (!t)
        t = base;
    }
    GHashTable *values = NULL;
    if (!bad) {
      LpDateRules dates = {form->date_form, t->lang};
      values = lp_columns_values(columns, r, &dates, &bad);
    }
    if (bad) {
      row_failed(list, bad);
      g_error_free(bad);
    } else {
      Row *row = g_new0(Row, 1);
      row->t = t;
      row->values = values;
      g_ptr_array_add(rows, row);
    }
    lp_csv_row_free(r);
  }
  if (e) {
    lp_serve_notes_add(notes, "csv", "%s", e->message);
    g_clear_error(&e);
    ok = FALSE;
    goto out;
  }
  list->encoding = lp_csv_encoding(csv);
  warnings_into(ctx, list->out.warnings);
  list->good = rows->len;
  if (rows->len == 0) {
    lp_serve_notes_add(notes, "csv", list->rows ? "no row of the list makes a card" : "the list has no rows under its header");
    ok = FALSE;
    goto out;
  }
  /* The first card as a preview, or every card into one PDF: the cards one
   * after the other, or their pages kept and put two to an A4 sheet. */
  gboolean sheets = form->all && form->sheets;
  GPtrArray *pdfs = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  GPtrArray *kept = g_ptr_array_new_with_free_func((GDestroyNotify)lp_result_free);
  for (guint i = 0; ok && i < (form->all ? rows->len : 1); i++) {
    Row *row = g_ptr_array_index(rows, i);
    LpVars *vars = row_vars(row);
    LpServeOut one = {0};
    one.warnings = list->out.warnings;
    GError *be = NULL;
    LpResult *res = NULL;
    if (build(engine, row->t, LP_SERVE_CARD, vars, !form->all, &one, sheets ? &res : NULL, &be)) {
      g_ptr_array_add(pdfs, g_steal_pointer(&one.pdf));
      if (res)
        g_ptr_array_add(kept, res);
      if (one.pngs)
        list->out.pngs = g_steal_pointer(&one.pngs);
    } else {
      char *m = plain(be);
      lp_serve_notes_add(notes, "csv", "the card of row %u cannot be built: %s", i + 1, m);
      g_free(m);
      g_error_free(be);
      ok = FALSE;
    }
    one.warnings = NULL;
    lp_serve_out_clear(&one);
    lp_vars_free(vars);
  }
  if (ok && sheets) {
    LpPrint print = print_of(LP_SERVE_CARD_A4);
    list->out.pdf = lp_engine_sheets(engine, ctx, (LpResult *const *)kept->pdata, kept->len, &print, FALSE, &e);
    warnings_into(ctx, list->out.warnings);
    if (!list->out.pdf) {
      char *m = plain(e);
      lp_serve_notes_add(notes, "csv", "the sheets cannot be made: %s", m);
      g_free(m);
      g_clear_error(&e);
      ok = FALSE;
    }
    list->out.filename = g_strdup_printf("cards-%u-a4.pdf", rows->len);
  } else if (ok && form->all) {
    list->out.pdf = lp_merge_pdf_bytes(pdfs, &e);
    if (!list->out.pdf) {
      lp_serve_notes_add(notes, "csv", "%s", e->message);
      g_clear_error(&e);
      ok = FALSE;
    }
    list->out.filename = g_strdup_printf("cards-%u.pdf", rows->len);
  } else if (ok) {
    list->out.pdf = pdfs->len ? g_bytes_ref(g_ptr_array_index(pdfs, 0)) : NULL;
  }
  g_ptr_array_unref(pdfs);
  g_ptr_array_unref(kept);
out:
  if (columns)
    lp_columns_free(columns);
  if (rules)
    g_array_free(rules, TRUE);
  if (csv)
    lp_csv_close(csv);
  g_ptr_array_unref(rows);
  g_hash_table_unref(used);
  lp_ctx_free(ctx);
  return ok;
}
