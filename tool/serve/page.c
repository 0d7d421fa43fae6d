#include "serve/page.h"

#include <string.h>

/* Text as HTML (element content and attribute values alike). */
static void esc(GString *s, const char *text) {
  char *e = g_markup_escape_text(text ? text : "", -1);
  g_string_append(s, e);
  g_free(e);
}

static void head(GString *s, const char *title) {
  g_string_append(s, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  esc(s, title);
  g_string_append(s, "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n"
                     "<script src=\"/desk.js\" defer></script>\n</head>\n<body>\n");
}

char *lp_serve_page_message(const char *title, const char *text) {
  GString *s = g_string_new(NULL);
  head(s, title);
  g_string_append(s, "<main class=\"message\">\n<h1>");
  esc(s, title);
  g_string_append(s, "</h1>\n<p>");
  esc(s, text);
  g_string_append(s, "</p>\n<p><a href=\"/\">Back to the front desk</a></p>\n</main>\n</body>\n</html>\n");
  return g_string_free(s, FALSE);
}

/* The note for a field, as a paragraph the field names with
 * aria-describedby; always there (empty and hidden when all is well) so the
 * script can fill it in place. */
static void note(GString *s, const GPtrArray *notes, const char *field, const char *id) {
  const char *m = lp_serve_notes_find(notes, field);
  g_string_append_printf(s, "<p class=\"error\" id=\"%s-error\" data-note%s>", id, m ? "" : " hidden");
  if (m)
    esc(s, m);
  g_string_append(s, "</p>\n");
}

/* The field a page that answers a form with errors gives the focus to: the
 * first in error, in the page's order, so that a keyboard or screen reader
 * user lands on it (the script keeps the focus where it is: it never
 * reloads the page). NULL when nothing is wrong. */
static const char *focus_field(const LpServePage *p) {
  static const char *const order[] = {"kind", "lang", "name", "date", "csv"};
  const GPtrArray *notes = p->card ? p->card->notes : p->list ? p->list->out.notes : NULL;
  for (gsize i = 0; notes && i < G_N_ELEMENTS(order); i++)
    if (lp_serve_notes_find(notes, order[i]))
      return order[i];
  for (guint i = 0; p->list && p->list->headings && i < p->list->headings->len; i++) {
    /* Interned: a few hundred names at most (one per column), kept. */
    char *f = g_strdup_printf("map.%u", i);
    const char *found = lp_serve_notes_find(notes, f) ? g_intern_string(f) : NULL;
    g_free(f);
    if (found)
      return found;
  }
  return NULL;
}

static const char *invalid(const GPtrArray *notes, const char *field, const char *focus) {
  if (!lp_serve_notes_find(notes, field))
    return "";
  return focus && strcmp(focus, field) == 0 ? " aria-invalid=\"true\" autofocus" : " aria-invalid=\"true\"";
}

static void hidden(GString *s, const char *name, const char *value) {
  g_string_append_printf(s, "<input type=\"hidden\" name=\"%s\" value=\"", name);
  esc(s, value);
  g_string_append(s, "\">\n");
}

static void article_choice(GString *s, const LpServePage *p, const char *id, const char *chosen,
                           const GPtrArray *notes) {
  guint n = lp_serve_catalog_n_articles(p->cat);
  if (n == 1) {
    hidden(s, "article", lp_serve_catalog_article(p->cat, 0)->id);
    note(s, notes, "article", id);
    return;
  }
  g_string_append_printf(s, "<div class=\"field\"><label for=\"%s\">Article</label>\n<select id=\"%s\" name=\"article\">\n",
                         id, id);
  for (guint i = 0; i < n; i++) {
    const LpServeArticle *a = lp_serve_catalog_article(p->cat, i);
    g_string_append(s, "<option value=\"");
    esc(s, a->id);
    g_string_append_printf(s, "\"%s>", chosen && strcmp(chosen, a->id) == 0 ? " selected" : "");
    esc(s, a->title);
    g_string_append(s, "</option>\n");
  }
  g_string_append(s, "</select>\n");
  note(s, notes, "article", id);
  g_string_append(s, "</div>\n");
}

static const LpServeArticle *chosen_article(const LpServePage *p, const char *id) {
  const LpServeArticle *a = id ? lp_serve_catalog_find(p->cat, id) : NULL;
  return a ? a : lp_serve_catalog_article(p->cat, 0);
}

/* Each language by its own name, in its own script and direction, marked
 * with its language so a screen reader reads it in that voice. */
static void languages(GString *s, const LpServePage *p, const GPtrArray *notes, const char *focus) {
  const LpServeArticle *a = chosen_article(p, p->article);
  const char *lang = p->lang && lp_serve_article_lang(a, p->lang) ? p->lang
                                                                  : ((LpServeTranslation *)g_ptr_array_index(a->translations, 0))->lang;
  g_string_append(s, "<fieldset class=\"step langs\" aria-describedby=\"lang-error\">\n"
                     "<legend><span class=\"n\">2</span> Language</legend>\n"
                     "<div class=\"search\" hidden><label for=\"lang-search\">Find a language</label>\n"
                     "<input type=\"search\" id=\"lang-search\" autocomplete=\"off\" aria-controls=\"lang-list\"></div>\n"
                     "<div class=\"choices\" id=\"lang-list\">\n");
  for (guint i = 0; i < a->translations->len; i++) {
    const LpServeTranslation *t = g_ptr_array_index(a->translations, i);
    g_string_append(s, "<label class=\"choice\" data-search=\"");
    char *fold = g_utf8_casefold(t->name, -1);
    esc(s, fold);
    g_free(fold);
    g_string_append_c(s, ' ');
    esc(s, t->lang);
    g_string_append(s, "\"><input type=\"radio\" name=\"lang\" value=\"");
    esc(s, t->lang);
    gboolean on = strcmp(t->lang, lang) == 0;
    g_string_append_printf(s, "\"%s%s> <span lang=\"", on ? " checked" : "",
                           on && focus && strcmp(focus, "lang") == 0 ? " autofocus" : "");
    esc(s, t->lang);
    g_string_append_printf(s, "\" dir=\"%s\">", t->rtl ? "rtl" : "ltr");
    esc(s, t->name);
    g_string_append(s, "</span></label>\n");
  }
  g_string_append(s, "</div>\n<p class=\"none\" id=\"lang-none\" hidden>No language matches.</p>\n");
  note(s, notes, "lang", "lang");
  g_string_append(s, "</fieldset>\n");
}

/* The kind the form asked for, when the page offers it; else the first
 * offered. */
static LpServeKind chosen_kind(const LpServePage *p) {
  LpServeKind k;
  if (p->kind && lp_serve_kind_parse(p->kind, &k) && lp_serve_catalog_offers(p->cat, k))
    return k;
  for (int i = 0; i < LP_SERVE_N_KINDS; i++)
    if (lp_serve_catalog_offers(p->cat, (LpServeKind)i))
      return (LpServeKind)i;
  return LP_SERVE_CARD;
}

/* What the project's layouts can make, each with how to print it: the
 * text of the chosen one is shown (the script shows another's when the
 * choice changes; without it, the page that answers the form does). */
static void kinds(GString *s, const LpServePage *p, const GPtrArray *notes, const char *focus) {
  LpServeKind chosen = chosen_kind(p);
  g_string_append(s, "<fieldset class=\"step kinds\" aria-describedby=\"kind-error how\">\n"
                     "<legend><span class=\"n\">1</span> What to print</legend>\n<div class=\"choices\">\n");
  for (int k = 0; k < LP_SERVE_N_KINDS; k++) {
    if (!lp_serve_catalog_offers(p->cat, (LpServeKind)k))
      continue;
    g_string_append_printf(s,
                           "<label class=\"choice kind\"><input type=\"radio\" name=\"kind\" value=\"%s\" "
                           "data-patient=\"%s\" data-how=\"",
                           lp_serve_kind_id(k), lp_serve_catalog_patient(p->cat, (LpServeKind)k) ? "yes" : "no");
    esc(s, lp_serve_catalog_how(p->cat, (LpServeKind)k));
    gboolean on = (LpServeKind)k == chosen;
    g_string_append_printf(s, "\"%s%s> <span><strong>%s</strong> <small>%s</small></span></label>\n",
                           on ? " checked" : "", on && focus && strcmp(focus, "kind") == 0 ? " autofocus" : "",
                           lp_serve_kind_label(k), lp_serve_kind_what(k));
  }
  g_string_append(s, "</div>\n<p class=\"how\" id=\"how\" aria-live=\"polite\"><strong>How to print:</strong> "
                     "<span id=\"how-text\">");
  esc(s, lp_serve_catalog_how(p->cat, chosen));
  g_string_append(s, "</span></p>\n");
  note(s, notes, "kind", "kind");
  g_string_append(s, "</fieldset>\n");
}

/* What page i of a preview is, for its caption and alt text. */
static char *side_name(LpServeKind kind, guint i, guint n) {
  if (lp_serve_kind_sheet(kind))
    return g_strdup_printf("Sheet %u, %s", i / 2 + 1, i % 2 ? "back" : "front");
  if (kind == LP_SERVE_CARD && n == 2)
    return g_strdup(i == 0 ? "Front of the card" : "Back of the card");
  if (kind == LP_SERVE_TRIFOLD && n == 2)
    return g_strdup(i == 0 ? "Outside of the sheet" : "Inside of the sheet");
  return g_strdup_printf("Page %u of %u", i + 1, n);
}

static void previews(GString *s, const GPtrArray *pngs, LpServeKind kind, const char *label) {
  for (guint i = 0; pngs && i < pngs->len; i++) {
    gsize len;
    const guchar *data = g_bytes_get_data(g_ptr_array_index((GPtrArray *)pngs, i), &len);
    char *b64 = g_base64_encode(data, len);
    char *alt = side_name(kind, i, pngs->len);
    g_string_append_printf(s, "<figure><img src=\"data:image/png;base64,%s\" alt=\"%s%s\"><figcaption>%s</figcaption></figure>\n",
                           b64, label, alt, alt);
    g_free(alt);
    g_free(b64);
  }
}

static void card_form(GString *s, const LpServePage *p, const char *focus) {
  const GPtrArray *notes = p->card ? p->card->notes : NULL;
  char *today = lp_serve_today();
  g_string_append(s, "<section class=\"panel\" id=\"one\" aria-labelledby=\"one-h\">\n"
                     "<h2 id=\"one-h\">One patient</h2>\n"
                     "<form method=\"post\" action=\"/card#preview\" id=\"card-form\">\n");
  hidden(s, "csrf", p->csrf);
  article_choice(s, p, "article", p->article, notes);
  kinds(s, p, notes, focus);
  languages(s, p, notes, focus);
  g_string_append(s, "<fieldset class=\"step patient\" id=\"patient\">\n<legend><span class=\"n\">3</span> Patient "
                     "<small>(cards only)</small></legend>\n<div class=\"field\"><label for=\"name\">Patient's name</label>\n");
  g_string_append_printf(s, "<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"%d\" autocomplete=\"off\" "
                            "spellcheck=\"false\" dir=\"auto\" aria-describedby=\"name-error\"%s value=\"",
                         LP_SERVE_MAX_NAME, invalid(notes, "name", focus));
  esc(s, p->name);
  g_string_append(s, "\">\n");
  note(s, notes, "name", "name");
  g_string_append(s, "</div>\n<div class=\"field\"><label for=\"date\">Treatment date</label>\n");
  g_string_append_printf(s, "<input type=\"date\" id=\"date\" name=\"date\" required aria-describedby=\"date-error\"%s value=\"",
                         invalid(notes, "date", focus));
  esc(s, p->date && *p->date ? p->date : today);
  g_string_append(s, "\">\n");
  note(s, notes, "date", "date");
  g_string_append(s, "</div>\n</fieldset>\n"
                     "<div class=\"actions\">\n"
                     "<button type=\"submit\" name=\"do\" value=\"print\" class=\"primary\">Print</button>\n"
                     "<button type=\"submit\" name=\"do\" value=\"pdf\">Download PDF</button>\n"
                     "<button type=\"submit\" name=\"do\" value=\"preview\" class=\"quiet\">Show preview</button>\n"
                     "</div>\n");
  g_string_append(s, "<div id=\"preview\" class=\"preview\" aria-live=\"polite\">\n");
  note(s, notes, "form", "form");
  if (p->card && p->card->pngs) {
    g_string_append(s, "<h3>Preview</h3>\n<div class=\"pages\">\n");
    previews(s, p->card->pngs, p->card->kind, "Preview: ");
    g_string_append(s, "</div>\n");
  }
  for (guint i = 0; p->card && p->card->warnings && i < p->card->warnings->len; i++) {
    g_string_append(s, "<p class=\"warning\">");
    esc(s, g_ptr_array_index(p->card->warnings, i));
    g_string_append(s, "</p>\n");
  }
  g_string_append(s, "</div>\n</form>\n</section>\n");
  g_free(today);
}

static const struct {
  const char *id, *label;
} date_forms[] = {
    {"", "as the language writes them"},
    {"DD.MM.YYYY", "30.11.2026 (day first, dots)"},
    {"DD/MM/YYYY", "30/11/2026 (day first)"},
    {"MM/DD/YYYY", "11/30/2026 (month first)"},
    {"YYYY-MM-DD", "2026-11-30"},
};

/* A value a column may fill, in the page's words; NULL: shown as {name}. */
static const char *target_label(const char *t) {
  static const struct {
    const char *key, *label;
  } labels[] = {
      {"patient.name", "Patient's name"},
      {"treatment_date", "Treatment date"},
      {"lang", "Language of the card"},
      {"online", "Address of the online version (the QR code)"},
      {"clinic.name", "Clinic's name"},
      {"clinic.phone", "Clinic's phone number"},
      {"clinic.address", "Clinic's address"},
      {"clinic.email", "Clinic's e-mail"},
      {"clinic.web", "Clinic's web address"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(labels); i++)
    if (strcmp(t, labels[i].key) == 0)
      return labels[i].label;
  return NULL;
}

static void target_option(GString *s, const char *value, const char *chosen) {
  g_string_append(s, "<option value=\"");
  esc(s, value);
  g_string_append_printf(s, "\"%s>", strcmp(value, chosen) == 0 ? " selected" : "");
  if (target_label(value))
    esc(s, target_label(value));
  else {
    g_string_append_c(s, '{');
    esc(s, value);
    g_string_append_c(s, '}');
  }
  g_string_append(s, "</option>\n");
}

/* The columns of the list and what each fills, each a list to change. */
static void column_map(GString *s, const LpServeList *l, const char *focus) {
  const GPtrArray *notes = l->out.notes;
  g_string_append(s, "<table class=\"map\">\n<caption>How the columns of the file are used</caption>\n"
                     "<thead><tr><th scope=\"col\">Column in the file</th><th scope=\"col\">Fills on the card</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < l->headings->len; i++) {
    const char *h = g_ptr_array_index(l->headings, i), *t = g_ptr_array_index(l->targets, i);
    char *field = g_strdup_printf("map.%u", i);
    char *id = g_strdup_printf("map-%u", i);
    g_string_append_printf(s, "<tr><th scope=\"row\"><label for=\"%s\">", id);
    esc(s, h);
    g_string_append_printf(s, "</label></th><td><select id=\"%s\" name=\"%s\" aria-describedby=\"%s-error\"%s>\n", id, field,
                           id, invalid(notes, field, focus));
    gboolean listed = !*t;
    g_string_append_printf(s, "<option value=\"\"%s>(not used)</option>\n", *t ? "" : " selected");
    /* The patient's values first; the others the card prints (the clinic's
     * from its profile, which a column may replace) in a group of their own. */
    gboolean group = FALSE;
    for (guint c = 0; c < l->choices->len; c++) {
      const char *ch = g_ptr_array_index(l->choices, c);
      gboolean patient =
          strcmp(ch, "patient.name") == 0 || strcmp(ch, "treatment_date") == 0 || strcmp(ch, "lang") == 0;
      if (!patient && !group) {
        g_string_append(s, "<optgroup label=\"Other values the card prints\">\n");
        group = TRUE;
      }
      listed |= strcmp(ch, t) == 0;
      target_option(s, ch, t);
    }
    if (group)
      g_string_append(s, "</optgroup>\n");
    /* What the form sent that is no choice stays shown, with its note. */
    if (!listed)
      target_option(s, t, t);
    g_string_append(s, "</select>");
    if (g_array_index(l->guessed, gboolean, i) && *t && strcmp(t, h) != 0)
      g_string_append(s, " <small class=\"guess\">guessed from the heading: check it</small>");
    else if (g_array_index(l->guessed, gboolean, i) && !*t)
      g_string_append(s, " <small class=\"guess\">not printed: pick what it fills if it should be</small>");
    g_string_append(s, "\n");
    note(s, notes, field, id);
    g_string_append(s, "</td></tr>\n");
    g_free(field);
    g_free(id);
  }
  g_string_append(s, "</tbody>\n</table>\n");
}

static void list_form(GString *s, const LpServePage *p, const char *focus) {
  const LpServeList *l = p->list;
  const GPtrArray *notes = l ? l->out.notes : NULL;
  g_string_append(s, "<section class=\"panel\" id=\"list\" aria-labelledby=\"list-h\">\n<h2 id=\"list-h\">Today's list</h2>\n"
                     "<p class=\"lead\">One card for each patient of a list exported from the practice software or a "
                     "spreadsheet (CSV: commas, semicolons or tabs).</p>\n"
                     "<form method=\"post\" action=\"/list#list\" enctype=\"multipart/form-data\" id=\"list-form\">\n");
  hidden(s, "csrf", p->csrf);
  article_choice(s, p, "list-article", p->article, notes);
  const LpServeArticle *a = chosen_article(p, p->article);
  g_string_append(s, "<div class=\"field\"><label for=\"list-lang\">Language of the cards "
                     "<small>(when the file has no language column)</small></label>\n<select id=\"list-lang\" name=\"lang\">\n");
  for (guint i = 0; i < a->translations->len; i++) {
    const LpServeTranslation *t = g_ptr_array_index(a->translations, i);
    g_string_append(s, "<option value=\"");
    esc(s, t->lang);
    g_string_append_printf(s, "\" lang=\"%s\" dir=\"%s\"%s>", t->lang, t->rtl ? "rtl" : "ltr",
                           p->list_lang && strcmp(p->list_lang, t->lang) == 0 ? " selected" : "");
    esc(s, t->name);
    g_string_append(s, "</option>\n");
  }
  g_string_append(s, "</select></div>\n<div class=\"field\"><label for=\"csv\">The list (CSV file)</label>\n"
                     "<input type=\"file\" id=\"csv\" name=\"csv\" accept=\".csv,.txt,text/csv\" aria-describedby=\"csv-error\"");
  g_string_append(s, invalid(notes, "csv", focus));
  g_string_append(s, ">\n");
  if (p->csv_b64 && *p->csv_b64) {
    hidden(s, "csv_b64", p->csv_b64);
    hidden(s, "csv_name", p->csv_name);
    g_string_append(s, "<p class=\"hint\">Using ");
    esc(s, p->csv_name);
    g_string_append(s, "; choose another file to replace it.</p>\n");
  }
  note(s, notes, "csv", "csv");
  g_string_append(s, "</div>\n<div class=\"field\"><label for=\"date-form\">Dates in the file are written</label>\n"
                     "<select id=\"date-form\" name=\"date_form\">\n");
  for (gsize i = 0; i < G_N_ELEMENTS(date_forms); i++)
    g_string_append_printf(s, "<option value=\"%s\"%s>%s</option>\n", date_forms[i].id,
                           p->date_form && strcmp(p->date_form, date_forms[i].id) == 0 ? " selected" : "",
                           date_forms[i].label);
  g_string_append(s, "</select></div>\n");
  if (l && l->headings && l->headings->len)
    column_map(s, l, focus);
  if (l && l->rows) {
    g_string_append_printf(s, "<p class=\"count\" id=\"list-count\">%u row%s read: %u card%s to print", l->rows,
                           l->rows == 1 ? "" : "s", l->good, l->good == 1 ? "" : "s");
    if (l->row_errors->len)
      g_string_append_printf(s, ", %u row%s left out (below)", l->row_errors->len, l->row_errors->len == 1 ? "" : "s");
    g_string_append(s, ".</p>\n");
  }
  if (l && l->row_errors->len) {
    g_string_append(s, "<ul class=\"errors\" aria-label=\"Rows left out\">\n");
    for (guint i = 0; i < l->row_errors->len; i++) {
      g_string_append(s, "<li>");
      esc(s, g_ptr_array_index(l->row_errors, i));
      g_string_append(s, "</li>\n");
    }
    g_string_append(s, "</ul>\n");
  }
  gboolean ready = l && l->good && !lp_serve_notes_find(notes, "csv") && l->out.pngs;
  g_string_append(s, "<div class=\"actions\">\n<button type=\"submit\" name=\"do\" value=\"check\"");
  g_string_append(s, ready ? " class=\"quiet\"" : " class=\"primary\"");
  g_string_append(s, ">Check the list</button>\n");
  if (ready && l->good == 1)
    g_string_append(s, "<button type=\"submit\" name=\"do\" value=\"pdf\" class=\"primary\">Download the card (PDF)</button>\n");
  else if (ready)
    g_string_append_printf(s, "<button type=\"submit\" name=\"do\" value=\"pdf\" class=\"primary\">Download all %u "
                              "cards (PDF)</button>\n", l->good);
  gboolean sheets = ready && lp_serve_catalog_offers(p->cat, LP_SERVE_CARD_A4);
  if (sheets)
    g_string_append_printf(s, "<button type=\"submit\" name=\"do\" value=\"sheets\" aria-describedby=\"list-how\">"
                              "Download all %u on A4 sheets (two cards a sheet)</button>\n", l->good);
  g_string_append(s, "</div>\n");
  if (sheets) {
    g_string_append_printf(s, "<p class=\"how\" id=\"list-how\"><strong>A4 sheets:</strong> two patients to a sheet "
                              "in the list's order, each card's back behind its front (%u sheet%s). ",
                           (l->good + 1) / 2, l->good > 2 ? "s" : "");
    esc(s, lp_serve_catalog_how(p->cat, LP_SERVE_CARD_A4));
    g_string_append(s, "</p>\n");
  }
  if (ready) {
    g_string_append(s, "<div class=\"preview\"><h3>The first card</h3>\n<div class=\"pages\">\n");
    previews(s, l->out.pngs, LP_SERVE_CARD, "First card of the list: ");
    g_string_append(s, "</div></div>\n");
  }
  for (guint i = 0; l && i < l->out.warnings->len; i++) {
    g_string_append(s, "<p class=\"warning\">");
    esc(s, g_ptr_array_index(l->out.warnings, i));
    g_string_append(s, "</p>\n");
  }
  g_string_append(s, "</form>\n</section>\n");
}

char *lp_serve_page_html(const LpServePage *p) {
  GString *s = g_string_new(NULL);
  char *title = g_strdup_printf("Print for a patient: %s", lp_serve_catalog_clinic(p->cat));
  head(s, title);
  g_free(title);
  g_string_append(s, "<a class=\"skip\" href=\"#list\">Skip to today's list</a>\n<header class=\"top\">\n<h1>");
  esc(s, lp_serve_catalog_clinic(p->cat));
  g_string_append(s, "</h1>\n<p>Print an aftercare card or a leaflet for the patient in front of you.</p>\n</header>\n<main>\n");
  const char *focus = focus_field(p);
  card_form(s, p, focus);
  list_form(s, p, focus);
  g_string_append(s, "</main>\n<iframe id=\"print-frame\" name=\"print-frame\" title=\"Print\" hidden></iframe>\n</body>\n</html>\n");
  return g_string_free(s, FALSE);
}

char *lp_serve_page_css(const char *color) {
  return g_strdup_printf(
      ":root{--c:%s;--ink:#1b1b1b;--soft:#f4f6f7;--line:#c9d1d6;--bad:#b00020}\n"
      "*{box-sizing:border-box}[hidden]{display:none!important}\n"
      "body{margin:0;font:17px/1.45 \"Noto Sans\",system-ui,sans-serif;color:var(--ink);background:var(--soft)}\n"
      ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}\n"
      ".top{background:var(--c);color:#fff;padding:1rem 1.5rem}\n"
      ".top h1{margin:0;font-size:1.6rem}.top p{margin:.2rem 0 0}\n"
      "main{display:grid;gap:1.5rem;padding:1.5rem;max-width:1200px;margin:0 auto}\n"
      "@media(min-width:1000px){main{grid-template-columns:3fr 2fr;align-items:start}}\n"
      ".panel{background:#fff;border-radius:8px;padding:1rem 1.5rem 1.5rem;border-top:6px solid var(--c)}\n"
      "h2{margin:.2rem 0 .8rem;font-size:1.35rem}h3{font-size:1.1rem;margin:1rem 0 .5rem}\n"
      ".lead{margin-top:0}\n"
      "fieldset{border:0;padding:0;margin:0 0 1.2rem}\n"
      "legend{font-weight:700;font-size:1.1rem;margin-bottom:.5rem;padding:0}\n"
      ".n{display:inline-block;width:1.7rem;height:1.7rem;border-radius:50%%;background:var(--c);color:#fff;"
      "text-align:center;line-height:1.7rem;margin-right:.3rem}\n"
      ".choices{display:flex;flex-wrap:wrap;gap:.5rem}\n"
      ".choice{display:flex;align-items:center;gap:.5rem;border:2px solid var(--line);border-radius:6px;"
      "padding:.55rem .8rem;cursor:pointer;background:#fff;min-width:8rem}\n"
      ".choice.kind{flex:1 1 12rem}.choice small{display:block;color:#555}\n"
      ".choice:has(input:checked){border-color:var(--c);background:color-mix(in srgb,var(--c) 12%%,#fff)}\n"
      ".choice input{width:1.2rem;height:1.2rem;accent-color:var(--c)}\n"
      ".choice [lang]{font-size:1.15rem}\n"
      ".field{margin:0 0 1rem}label{font-weight:600}\n"
      ".field label{display:block;margin-bottom:.25rem}\n"
      "input[type=text],input[type=date],input[type=search],select{font:inherit;padding:.5rem .6rem;border:2px solid var(--line);"
      "border-radius:6px;width:100%%;max-width:28rem;background:#fff}\n"
      "input[type=file]{font:inherit}\n"
      "#lang-list{max-height:14.5rem;overflow-y:auto;padding:2px}\n"
      ".search{margin-bottom:.6rem}.search label{display:block;margin-bottom:.25rem}\n"
      "fieldset:disabled{opacity:.45}\n"
      "[aria-invalid=true]{border-color:var(--bad)!important}\n"
      ".error{color:var(--bad);font-weight:600;margin:.3rem 0 0}.error::before{content:\"\\26A0  \"}\n"
      ".warning{color:#6b4e00;background:#fff6d6;padding:.4rem .6rem;border-radius:4px}\n"
      ".hint,.guess{color:#555}\n"
      ".actions{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}\n"
      "button{font:inherit;font-weight:700;padding:.7rem 1.3rem;border-radius:6px;border:2px solid var(--c);"
      "background:#fff;color:var(--c);cursor:pointer}\n"
      "button.primary{background:var(--c);color:#fff}button.quiet{border-color:var(--line);color:var(--ink)}\n"
      ":focus-visible{outline:3px solid var(--c);outline-offset:2px}\n"
      ".pages{display:flex;flex-wrap:wrap;gap:1rem}\n"
      "figure{margin:0}figure img{max-width:100%%;width:300px;border:1px solid var(--line);box-shadow:0 1px 4px #0002;background:#fff}\n"
      "figcaption{font-size:.9rem;color:#555}#list figure img{width:190px}\n"
      "table.map{border-collapse:collapse;width:100%%;margin:1rem 0}\n"
      ".map caption{text-align:left;font-weight:700;margin-bottom:.4rem}\n"
      ".map th,.map td{border-bottom:1px solid var(--line);padding:.4rem;text-align:left;vertical-align:top}\n"
      ".errors{color:var(--bad)}\n"
      ".message{max-width:40rem;margin:3rem auto;background:#fff;padding:1.5rem;border-radius:8px}\n"
      "@media print{body *{visibility:hidden}}\n",
      color);
}

const char *lp_serve_page_js(void) {
  return
      "'use strict';\n"
      "// The front desk without a framework: the language search, a preview\n"
      "// while the form is filled in, and Print through the browser's own\n"
      "// print of the PDF. The forms work without this script.\n"
      "(function () {\n"
      "  var form = document.getElementById('card-form');\n"
      "  if (!form) return;\n"
      "  var search = document.getElementById('lang-search');\n"
      "  search.parentNode.hidden = false;\n"
      "  search.addEventListener('input', function () {\n"
      "    var q = search.value.trim().toLocaleLowerCase(), shown = 0;\n"
      "    document.querySelectorAll('#lang-list .choice').forEach(function (l) {\n"
      "      var hit = !q || l.dataset.search.indexOf(q) >= 0;\n"
      "      l.hidden = !hit; if (hit) shown++;\n"
      "    });\n"
      "    document.getElementById('lang-none').hidden = shown > 0;\n"
      "  });\n"
      "  function body(what) {\n"
      "    var data = new URLSearchParams(new FormData(form));\n"
      "    data.set('do', what);\n"
      "    return data;\n"
      "  }\n"
      "  // The server's page is the one source of errors and previews: take\n"
      "  // its notes and its preview into this page, fields keep their focus.\n"
      "  function apply(html) {\n"
      "    var doc = new DOMParser().parseFromString(html, 'text/html');\n"
      "    doc.querySelectorAll('#card-form [data-note]').forEach(function (n) {\n"
      "      var mine = document.getElementById(n.id);\n"
      "      if (!mine) return;\n"
      "      mine.textContent = n.textContent; mine.hidden = n.hidden;\n"
      "      var input = document.getElementById(n.id.replace(/-error$/, ''));\n"
      "      if (input && input.tagName === 'INPUT') {\n"
      "        if (n.hidden) input.removeAttribute('aria-invalid'); else input.setAttribute('aria-invalid', 'true');\n"
      "      }\n"
      "    });\n"
      "    var p = doc.getElementById('preview');\n"
      "    if (p) document.getElementById('preview').innerHTML = p.innerHTML;\n"
      "  }\n"
      "  // A leaflet is the same for every patient: the name and date are a card's.\n"
      "  // The words on how to print follow the choice.\n"
      "  function kind() {\n"
      "    var k = form.querySelector('input[name=kind]:checked');\n"
      "    document.getElementById('patient').disabled = !!k && k.dataset.patient !== 'yes';\n"
      "    if (k) document.getElementById('how-text').textContent = k.dataset.how;\n"
      "  }\n"
      "  form.querySelectorAll('input[name=kind]').forEach(function (r) { r.addEventListener('change', kind); });\n"
      "  kind();\n"
      "  var busy = 0;\n"
      "  function preview() {\n"
      "    var mine = ++busy, out = document.getElementById('preview');\n"
      "    out.setAttribute('aria-busy', 'true');\n"
      "    fetch('/card', {method: 'POST', body: body('preview'), credentials: 'same-origin'})\n"
      "      .then(function (r) { return r.text(); })\n"
      "      .then(function (t) { if (mine === busy) { apply(t); out.removeAttribute('aria-busy'); } });\n"
      "  }\n"
      "  var timer = null;\n"
      "  function soon() { clearTimeout(timer); timer = setTimeout(preview, 400); }\n"
      "  form.addEventListener('change', soon);\n"
      "  document.getElementById('name').addEventListener('input', soon);\n"
      "  form.addEventListener('submit', function (e) {\n"
      "    var what = e.submitter && e.submitter.value;\n"
      "    if (what === 'preview') { e.preventDefault(); preview(); return; }\n"
      "    if (what !== 'print') return; // Download: the browser saves the answer\n"
      "    // Print: the answer (the PDF, or the page with its errors) goes into\n"
      "    // the hidden frame, a page of this server like any other.\n"
      "    form.target = 'print-frame';\n"
      "    setTimeout(function () { form.removeAttribute('target'); }, 0);\n"
      "  });\n"
      "  var frame = document.getElementById('print-frame');\n"
      "  frame.addEventListener('load', function () {\n"
      "    var doc = frame.contentDocument;\n"
      "    if (!doc || doc.URL === 'about:blank') return;\n"
      "    if (doc.contentType === 'text/html') { apply(doc.documentElement.outerHTML); return; }\n"
      "    frame.contentWindow.focus();\n"
      "    frame.contentWindow.print();\n"
      "  });\n"
      "  if (!document.querySelector('#preview img')) preview();\n"
      "})();\n";
}
