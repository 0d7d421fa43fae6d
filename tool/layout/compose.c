#include "layout/compose.h"

#include <math.h>
#include <string.h>

#include "layout/locale.h"
#include "page/canvas.h"
#include "doc/units.h"

#include <glib/gstdio.h>

void lp_compose_init(LpCompose *c, const LpLayoutInput *in) {
  memset(c, 0, sizeof *c);
  c->in = in;
  const LpMeta *m = lp_doc_meta_const(in->doc);
  c->env.fonts = in->fonts;
  c->env.lang = m->lang;
  c->env.rtl = in->lang && in->lang->rtl;
  c->env.facts = in->lang;
  c->env.langs = in->langs;
  c->locale = lp_lang_locale(in->lang, m->lang, FALSE);
  c->locale_gregorian = lp_lang_locale(in->lang, m->lang, TRUE);
  c->env.locale = c->locale;
  c->env.link_color = in->spec->colors[LP_NAMED_BRAND];
  c->env.cache = in->paras;
  c->env.cancel = in->ctx ? lp_ctx_cancel_flag(in->ctx) : NULL;
  c->book = lp_book_new();
  c->paras = g_ptr_array_new_with_free_func((GDestroyNotify)lp_para_free);
  c->blobs = g_ptr_array_new_with_free_func(g_free);
  c->diagrams = g_ptr_array_new_with_free_func((GDestroyNotify)lp_diagram_free);
  c->warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

const char *lp_compose_label(LpCompose *c, const char *key) {
  char *name = g_strconcat("label.", key, NULL);
  const char *v = lp_vars_get(c->in->vars, name);
  g_free(name);
  if (v)
    return v;
  if (c->in->ctx && g_hash_table_add(c->warned, g_strdup(key))) {
    const LpMeta *m = lp_doc_meta_const(c->in->doc);
    char *file = g_strdup_printf("layouts/labels/%s.yaml", m->lang);
    LpPos pos = lp_pos(file, 0, 0);
    lp_ctx_warn_hint(c->in->ctx, &pos, "add it, or the layout prints nothing in its place",
                     "the labels have no '%s', which the %s prints", key, c->in->spec->name);
    g_free(file);
  }
  return "";
}

void lp_compose_clear(LpCompose *c) {
  lp_book_free(c->book);
  g_ptr_array_unref(c->paras);
  g_ptr_array_unref(c->blobs);
  g_ptr_array_unref(c->diagrams);
  g_hash_table_unref(c->warned);
  g_free(c->locale);
  g_free(c->locale_gregorian);
  if (c->vars)
    lp_vars_free(c->vars);
  memset(c, 0, sizeof *c);
}

gpointer lp_compose_keep(LpCompose *c, gpointer p) {
  g_ptr_array_add(c->blobs, p);
  return p;
}

static gboolean check_glyphs(LpCompose *c, LpPara *p, const LpBlock *block, LpPos pos, GError **err) {
  /* Text is never dropped: a paragraph not set whole stops the build. */
  if (!lp_para_whole(p)) {
    lp_set_error(err, LP_EXIT_IO, NULL, "interrupted");
    return FALSE;
  }
  gunichar ch = lp_para_missing_char(p);
  if (!ch)
    return TRUE;
  LpPos at = block ? lp_doc_locate_char(c->in->doc, block, ch) : pos;
  if (!block && pos.file && g_strcmp0(pos.file, lp_doc_path(c->in->doc)) == 0)
    at = lp_doc_locate_char_from(c->in->doc, pos, ch);
  /* Text a layout prints from a label, the clinic profile or a value: the
   * character's own source is where to fix it, not the layout's line. */
  const char *key = NULL;
  LpPos src = {0};
  gboolean in_doc = block || (at.file == pos.file && (at.line != pos.line || at.col != pos.col));
  if (!in_doc && lp_vars_find_char(c->in->vars, ch, &key, &src))
    at = src; /* no file: a value given on the command line or in a data row */
  char utf8[8] = {0};
  g_unichar_to_utf8(ch, utf8);
  char *font = lp_fonts_covering(ch);
  char *in = key && !src.file ? g_strdup_printf(" in {%s}", key) : g_strdup("");
  if (font)
    lp_set_error_hint(err, LP_EXIT_INPUT, &at,
                      "copy that font's file into the project's fonts/ folder (every font there is used), or change "
                      "the text",
                      "no configured font has a glyph for U+%04X '%s'%s (language %s); the installed font %s has it",
                      ch, g_unichar_isprint(ch) ? utf8 : "?", in, c->env.lang, font);
  else
    lp_set_error_hint(err, LP_EXIT_INPUT, &at,
                      "install a font that covers it (Debian's fonts-noto-core, fonts-noto-extra and fonts-noto-cjk "
                      "cover most scripts) and copy its file into fonts/, or change the text",
                      "no configured font has a glyph for U+%04X '%s'%s (language %s), and no font on this machine has "
                      "one",
                      ch, g_unichar_isprint(ch) ? utf8 : "?", in, c->env.lang);
  g_free(in);
  g_free(font);
  return FALSE;
}

LpPara *lp_compose_para(LpCompose *c, const LpRich *text, const LpStyle *style, double width,
                        const LpBlock *block, LpPos pos, GError **err) {
  LpPara *p = lp_para_new(&c->env, text, style, width);
  g_ptr_array_add(c->paras, p);
  return check_glyphs(c, p, block, pos, err) ? p : NULL;
}

LpPara *lp_compose_heading(LpCompose *c, const LpRich *text, const LpStyle *style, double width,
                           const LpBlock *block, LpPos pos, GError **err) {
  LpPara *p = lp_para_new_balanced(&c->env, text, style, width);
  g_ptr_array_add(c->paras, p);
  return check_glyphs(c, p, block, pos, err) ? p : NULL;
}

LpPara *lp_compose_plain(LpCompose *c, const char *text, const LpStyle *style, double width, LpPos pos,
                         GError **err) {
  LpPara *p = lp_para_new_plain(&c->env, text, style, width);
  g_ptr_array_add(c->paras, p);
  return check_glyphs(c, p, NULL, pos, err) ? p : NULL;
}

static const LpVars *compose_vars(const LpCompose *c) { return c->vars ? c->vars : c->in->vars; }

/* "{label.KEY} VALUE" for each part the article has, joined by " · ". */
static char *phrase(LpCompose *c, const char *const *keys, const char *const *values, gsize n, GError **err) {
  GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
  for (gsize i = 0; i < n; i++)
    if (values[i] && *values[i])
      g_ptr_array_add(parts, g_strdup_printf("%s {%s}", lp_compose_label(c, keys[i]), keys[i]));
  char *s = lp_compose_join(c, NULL, parts, lp_doc_meta_const(c->in->doc)->pos, err);
  g_ptr_array_unref(parts);
  return s;
}

gboolean lp_compose_values(LpCompose *c, GError **err) {
  const LpMeta *m = lp_doc_meta_const(c->in->doc);
  c->vars = lp_vars_new_child(c->in->vars);
  const char *keys[] = {"published", "review_due"};
  /* The values as the front matter (or a --set of the same name) gives them. */
  const char *days[] = {lp_vars_get(c->in->vars, "published"), lp_vars_get(c->in->vars, "review_due")};
  for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
    int y, mo, d;
    if (!days[i] || !*days[i])
      continue;
    char *msg = lp_parse_date(days[i], &y, &mo, &d);
    if (msg) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "%s: %s", keys[i], msg);
      g_free(msg);
      return FALSE;
    }
    char *text = lp_compose_date(c, y, mo, d, "yMMMd", FALSE, err);
    if (!text)
      return FALSE;
    lp_vars_set(c->vars, keys[i], text);
    g_free(text);
  }
  /* The phrases need labels: looked up (and a missing one told) only when
   * the layout prints the phrase. */
  GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  lp_layout_keys(c->in->spec, used);
  gboolean ok = TRUE;
  char *dates = g_hash_table_contains(used, "review_dates") ? phrase(c, keys, days, G_N_ELEMENTS(keys), err)
                                                            : g_strdup("");
  const char *rk[] = {"reviewed_by"};
  const char *rv[] = {m->reviewed_by};
  char *reviewed = !dates                                   ? NULL
                   : g_hash_table_contains(used, "reviewed") ? phrase(c, rk, rv, 1, err)
                                                             : g_strdup("");
  if (dates && reviewed) {
    lp_vars_set(c->vars, "review_dates", dates);
    lp_vars_set(c->vars, "reviewed", reviewed);
  } else {
    ok = FALSE;
  }
  g_free(dates);
  g_free(reviewed);
  g_hash_table_unref(used);
  return ok;
}

char *lp_compose_expand(LpCompose *c, const LpVars *vars, const char *tmpl, LpPos pos, GError **err) {
  /* In right-to-left text, values keep their own direction (a version
   * "2026-11" would otherwise read "11-2026"). */
  if (c->env.rtl)
    return lp_vars_expand_isolated(vars ? vars : compose_vars(c), tmpl, &pos, err);
  return lp_vars_expand(vars ? vars : compose_vars(c), tmpl, &pos, err);
}

char *lp_compose_join(LpCompose *c, const LpVars *vars, const GPtrArray *parts, LpPos pos, GError **err) {
  if (!parts)
    return g_strdup("");
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < parts->len; i++) {
    char *t = lp_compose_expand(c, vars, g_ptr_array_index(parts, i), pos, err);
    if (!t) {
      g_string_free(s, TRUE);
      return NULL;
    }
    g_strstrip(t);
    if (*t) {
      if (s->len)
        g_string_append(s, " · ");
      g_string_append(s, t);
    }
    g_free(t);
  }
  return g_string_free(s, FALSE);
}

/* Space kept between slots sharing a line. */
#define SLOT_GAP 12.0

/* Nothing inks off the page: a slot's line wider than the text width is an
 * error naming the slot, its width and its text (a running header with a
 * long title: the article can give a short_title). */
static gboolean slot_fits(LpCompose *c, const LpRunning *r, int slot, const LpPara *p, const char *text,
                          double width, GError **err) {
  double w = lp_para_max_line_width(p);
  if (w <= width + 0.01)
    return TRUE;
  static const char *const slot_names[] = {"start", "center", "end"};
  gboolean titled = FALSE;
  for (guint i = 0; r->parts[slot] && i < r->parts[slot]->len; i++)
    titled |= strstr(g_ptr_array_index(r->parts[slot], i), "{title}") != NULL;
  const LpMeta *m = lp_doc_meta_const(c->in->doc);
  lp_set_error_hint(err, LP_EXIT_INPUT, &r->pos[slot],
                    titled && !m->short_title ? "give the article a short_title in its front matter for running headers"
                                              : "shorten the slot's text or the values it shows",
                    "the %s's %s slot is %.0f mm wide ('%s'), wider than the %.0f mm of text width (%s)",
                    r == &c->in->spec->header ? "header" : "footer", slot_names[slot], w * 25.4 / 72, text,
                    width * 25.4 / 72, c->in->spec->name);
  return FALSE;
}

gboolean lp_compose_running(LpCompose *c, const LpRunning *r, const LpStyle *style, LpPage *page, guint index,
                            guint count, double baseline, gboolean upwards, GError **err) {
  const LpLayoutSpec *spec = c->in->spec;
  LpVars *vars = lp_vars_new_child(compose_vars(c));
  /* Page numbers in the language's digits. */
  char *num = lp_locale_number(c->locale, (long)index + 1);
  lp_vars_set(vars, "page", num);
  g_free(num);
  num = lp_locale_number(c->locale, (long)count);
  lp_vars_set(vars, "pages", num);
  g_free(num);
  /* A running header names the article by its short title when it has one. */
  const LpMeta *m = lp_doc_meta_const(c->in->doc);
  if (m->short_title)
    lp_vars_set(vars, "title", m->short_title);
  double width = lp_layout_spec_text_width(spec);
  /* Each slot is set unwrapped and placed here: start, centre or end of the
   * text width, the start being the right edge in right-to-left text. */
  LpPara *slots[LP_SLOT_COUNT] = {NULL};
  int used = 0;
  double total = 0;
  gboolean ok = TRUE;
  LpStyle st = lp_style_clone(style);
  st.hyphenate = FALSE;
  for (int slot = 0; slot < LP_SLOT_COUNT && ok; slot++) {
    char *text = lp_compose_join(c, vars, r->parts[slot], r->pos[slot], err);
    ok = text != NULL;
    if (ok && *text) {
      slots[slot] = lp_compose_plain(c, text, &st, 0, r->pos[slot], err);
      ok = slots[slot] != NULL && slot_fits(c, r, slot, slots[slot], text, width, err);
      if (ok) {
        total += lp_para_max_line_width(slots[slot]);
        used++;
      }
    }
    g_free(text);
  }
  lp_style_clear(&st);
  if (ok) {
    /* Slots that do not fit side by side stack, each starting at the start
     * edge: a column of lines reads better than a staircase. Three that do
     * not fit may still keep the start and end slots on one line, the centre
     * slot on a line of its own below (a small page's footer with review
     * dates): two lines, not three. */
    gboolean stack = used > 1 && total + (used - 1) * SLOT_GAP > width;
    gboolean two = FALSE;
    if (stack && used == 3) {
      double ends = lp_para_max_line_width(slots[LP_SLOT_START]) + lp_para_max_line_width(slots[LP_SLOT_END]);
      two = ends + SLOT_GAP <= width && lp_para_max_line_width(slots[LP_SLOT_CENTER]) <= width;
    }
    int lines = two ? 2 : stack ? used : 1;
    double y = upwards ? baseline - (lines - 1) * style->leading : baseline;
    for (int slot = 0; slot < LP_SLOT_COUNT; slot++) {
      if (!slots[slot])
        continue;
      double w = lp_para_max_line_width(slots[slot]);
      double from_start = two ? (slot == LP_SLOT_START ? 0 : slot == LP_SLOT_END ? width - w : (width - w) / 2)
                          : stack || slot == LP_SLOT_START ? 0
                          : slot == LP_SLOT_CENTER        ? (width - w) / 2
                                                           : width - w;
      double x = c->env.rtl ? spec->margin_left + width - w - from_start : spec->margin_left + from_start;
      double at = two && slot == LP_SLOT_CENTER ? y + style->leading : y;
      lp_para_emit_line(slots[slot], 0, page, x, at, -1);
      if (stack && !two)
        y += style->leading;
    }
  }
  lp_vars_free(vars);
  return ok;
}

void lp_compose_info(LpCompose *c) {
  const LpMeta *m = lp_doc_meta_const(c->in->doc);
  LpBookInfo *info = lp_book_info(c->book);
  info->title = g_strdup(m->title);
  info->author = g_strdup(lp_vars_get(c->in->vars, "clinic.name"));
  info->subject = g_strdup(m->description ? m->description : m->subtitle);
  /* Joined without touching the document's list: in a batch, the document is
   * shared by every worker thread (appending a NULL to join it with
   * g_strjoinv crashed -j2 mail merges now and then). */
  if (m->keywords->len) {
    GString *k = g_string_new(NULL);
    for (guint i = 0; i < m->keywords->len; i++)
      g_string_append_printf(k, "%s%s", i ? ", " : "", (const char *)g_ptr_array_index(m->keywords, i));
    info->keywords = g_string_free(k, FALSE);
  }
  info->creator = g_strdup(c->in->creator);
  info->lang = g_strdup(m->lang);
  info->date = g_strdup(c->in->date);
  info->rtl = c->env.rtl;
}

char *lp_compose_date(LpCompose *c, int year, int month, int day, const char *skeleton, gboolean both_allowed,
                      GError **err) {
  LpCalendarUse use = c->in->lang && c->in->lang->calendar ? c->in->lang->dates : LP_CALENDAR_GREGORIAN;
  const char *asked = lp_vars_get(c->in->vars, "calendar");
  if (asked && *asked && c->in->lang && c->in->lang->calendar) {
    if (g_str_equal(asked, "gregorian"))
      use = LP_CALENDAR_GREGORIAN;
    else if (g_str_equal(asked, "native"))
      use = LP_CALENDAR_NATIVE;
    else if (g_str_equal(asked, "both"))
      use = LP_CALENDAR_BOTH;
  }
  if (use == LP_CALENDAR_BOTH && !both_allowed)
    use = LP_CALENDAR_NATIVE; /* under a tick there is room for one */
  char *own = lp_locale_date(use == LP_CALENDAR_GREGORIAN ? c->locale_gregorian : c->locale, year, month, day,
                             skeleton, err);
  if (!own || use != LP_CALENDAR_BOTH)
    return own;
  char *greg = lp_locale_date(c->locale_gregorian, year, month, day, skeleton, err);
  if (!greg) {
    g_free(own);
    return NULL;
  }
  /* The staff who typed a Gregorian date can check it. */
  char *both = g_strdup_printf("%s (%s)", own, greg);
  g_free(own);
  g_free(greg);
  return both;
}

gboolean lp_compose_treatment_date(LpCompose *c, gboolean *has, int *year, int *month, int *day, GError **err) {
  const char *s = lp_vars_get(c->in->vars, "treatment_date");
  *has = s && *s;
  if (!*has)
    return TRUE;
  char *msg = lp_parse_date(s, year, month, day);
  if (msg) {
    lp_set_error(err, LP_EXIT_INPUT, NULL, "treatment_date: %s", msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

static LpPara *diagram_label(gpointer data, const char *text, const LpStyle *style, double width, LpPos pos,
                             GError **err) {
  LpCompose *c = data;
  LpStyle st = lp_style_clone(style);
  st.hyphenate = FALSE;
  LpPara *p = lp_compose_plain(c, text, &st, width, pos, err);
  lp_style_clear(&st);
  return p;
}

LpDiagram *lp_compose_diagram(LpCompose *c, const LpTimeline *t, double width, GError **err) {
  return lp_compose_diagram_styled(c, t, width, NULL, err);
}

LpDiagram *lp_compose_diagram_styled(LpCompose *c, const LpTimeline *t, double width, const LpStyle *styles,
                                     GError **err) {
  const LpLayoutSpec *spec = c->in->spec;
  if (!styles)
    styles = spec->styles;
  gboolean has;
  int y, m, d;
  if (!lp_compose_treatment_date(c, &has, &y, &m, &d, err))
    return NULL;
  char **dates = NULL;
  if (has) {
    dates = g_new0(char *, t->ticks->len + 1);
    for (guint i = 0; i < t->ticks->len; i++) {
      int ty = y, tm = m, td = d;
      lp_date_add_days(&ty, &tm, &td, (int)floor(g_array_index(t->ticks, LpTick, i).at / 24.0));
      if (!(dates[i] = lp_compose_date(c, ty, tm, td, "dMMM", FALSE, err))) {
        g_strfreev(dates);
        return NULL;
      }
    }
  }
  LpDiagramSpec ds = {t,
                      &styles[LP_STYLE_PHASE],
                      &styles[LP_STYLE_AXIS],
                      spec->colors[LP_NAMED_TEXT],
                      spec->colors[LP_NAMED_MUTED],
                      spec->colors[LP_NAMED_RULE],
                      dates,
                      c->env.rtl,
                      diagram_label,
                      c};
  LpDiagram *dg = lp_diagram_new(&ds, width, err);
  g_strfreev(dates);
  if (dg)
    g_ptr_array_add(c->diagrams, dg);
  return dg;
}

/* Ends a sentence of the alternate text unless the source's words already did. */
static void sentence_break(GString *s) {
  if (!s->len)
    return;
  gunichar last = g_utf8_get_char(g_utf8_prev_char(s->str + s->len));
  g_string_append(s, g_unichar_ispunct(last) && last != ')' ? " " : ". ");
}

char *lp_compose_figure_alt(const LpTimeline *t) {
  GString *s = g_string_new(t->caption ? t->caption : "");
  for (guint i = 0; i < t->phases->len; i++) {
    const LpPhase *ph = &g_array_index(t->phases, LpPhase, i);
    sentence_break(s);
    g_string_append(s, ph->label);
    if (ph->note) {
      g_string_append(s, ": ");
      g_string_append(s, ph->note);
    }
  }
  return g_string_free(s, FALSE);
}

/* The band's text sits 5 mm clear of the trimmed edge, as all text does. */
#define EDGE (5 * 72.0 / 25.4)

/* Arabic letters rise higher above the baseline than Latin capitals. */
static double draft_baseline(const LpCompose *c) { return EDGE + 1.05 * c->in->spec->styles[LP_STYLE_KICKER].size; }

/* The draft band's text on one line, as it always was; a label too long for
 * the page's measure (a Tamil "draft translation" on a 97 mm DL panel) ran
 * past the trimmed edges, so it is set on as many lines as it needs, centred
 * and balanced, and the band grows with it. */
static gboolean make_draft(LpCompose *c, GError **err) {
  const LpMeta *m = lp_doc_meta_const(c->in->doc);
  const LpLayoutSpec *spec = c->in->spec;
  const char *key = m->source ? "label.draft_translation" : "label.draft";
  const char *text = lp_vars_get(c->in->vars, key);
  if (!text) {
    lp_set_error(err, LP_EXIT_INPUT, &m->pos, "this %s is a draft, but its language's labels have no '%s'",
                 m->source ? "translation" : "article", key + 6);
    return FALSE;
  }
  LpStyle st = lp_style_clone(&spec->styles[LP_STYLE_KICKER]);
  st.color = spec->colors[LP_NAMED_ON_BRAND];
  st.weight = 700;
  st.uppercase = FALSE;
  c->draft = lp_compose_plain(c, text, &st, 0, m->pos, err);
  double measure = spec->page_w - 2 * EDGE;
  if (c->draft && lp_para_max_line_width(c->draft) > measure) {
    st.align = LP_ALIGN_CENTER;
    LpRich *rich = lp_rich_new_plain(text);
    c->draft = lp_compose_heading(c, rich, &st, measure, NULL, m->pos, err);
    c->draft_wrapped = c->draft != NULL;
    lp_rich_free(rich);
  }
  lp_style_clear(&st);
  return c->draft != NULL;
}

gboolean lp_compose_prepare_draft(LpCompose *c, GError **err) {
  if (lp_doc_meta_const(c->in->doc)->review == LP_REVIEW_REVIEWED || c->draft)
    return TRUE;
  return make_draft(c, err);
}

double lp_compose_draft_height(const LpCompose *c) {
  if (lp_doc_meta_const(c->in->doc)->review == LP_REVIEW_REVIEWED)
    return 0;
  const LpStyle *k = &c->in->spec->styles[LP_STYLE_KICKER];
  int more = c->draft ? lp_para_n_lines(c->draft) - 1 : 0;
  return draft_baseline(c) + more * k->leading + 0.3 * k->size + 3 * 72.0 / 25.4;
}

double lp_compose_draft_band(LpCompose *c, LpPage *page, GError **err) {
  const LpMeta *m = lp_doc_meta_const(c->in->doc);
  if (m->review == LP_REVIEW_REVIEWED)
    return 0;
  const LpLayoutSpec *spec = c->in->spec;
  if (!c->draft && !make_draft(c, err))
    return -1;
  double h = lp_compose_draft_height(c);
  /* The band sits on the clinic's band: in a colour of its own, or a reader
   * takes the warning for the brand (a red clinic and the red draft band). */
  LpColor alert;
  if (lp_color_alert_for(&spec->colors[LP_NAMED_ALERT], &spec->colors[LP_NAMED_BRAND],
                         &spec->colors[LP_NAMED_ON_BRAND], &alert) &&
      c->in->ctx && g_hash_table_add(c->warned, g_strdup("\001alert"))) {
    double a[3], b[3], n[3];
    lp_color_rgb(&spec->colors[LP_NAMED_ALERT], a);
    lp_color_rgb(&spec->colors[LP_NAMED_BRAND], b);
    lp_color_rgb(&alert, n);
    lp_ctx_warn(c->in->ctx, &m->pos,
                "the draft band's colour #%02x%02x%02x is close to the brand colour #%02x%02x%02x (CIEDE2000 "
                "difference %.1f, under %.0f): the band is drawn in #%02x%02x%02x",
                (int)lround(a[0] * 255), (int)lround(a[1] * 255), (int)lround(a[2] * 255), (int)lround(b[0] * 255),
                (int)lround(b[1] * 255), (int)lround(b[2] * 255),
                lp_color_delta_e(&spec->colors[LP_NAMED_ALERT], &spec->colors[LP_NAMED_BRAND]),
                LP_ALERT_MIN_DELTA_E, (int)lround(n[0] * 255), (int)lround(n[1] * 255), (int)lround(n[2] * 255));
  }
  /* A warning to whoever holds the print, repeated on every page: an
   * artifact, as a running header is (the document's state is in its
   * metadata). */
  lp_page_artifact_begin(page);
  LpCanvas *cv = lp_canvas_new(page);
  lp_canvas_rect(cv, -spec->bleed, -spec->bleed, spec->page_w + 2 * spec->bleed, h + spec->bleed, alert);
  lp_canvas_free(cv);
  if (c->draft_wrapped) {
    /* Centred in the measure by the paragraph itself. */
    for (int i = 0; i < lp_para_n_lines(c->draft); i++)
      lp_para_emit_line(c->draft, i, page, EDGE, draft_baseline(c) + i * spec->styles[LP_STYLE_KICKER].leading, -1);
  } else {
    double w = lp_para_max_line_width(c->draft);
    lp_para_emit_line(c->draft, 0, page, (spec->page_w - w) / 2, draft_baseline(c), -1);
  }
  lp_page_artifact_end(page);
  return h;
}

gboolean lp_compose_logo(LpCompose *c, LpImage *out, GError **err) {
  memset(out, 0, sizeof *out);
  const char *path = lp_vars_get(c->in->vars, "clinic.logo");
  if (!path || !*path)
    return TRUE;
  /* The profile's reader resolved the name inside the granted folders. */
  LpPos pos = lp_vars_pos(c->in->vars, "clinic.logo");
  if (!pos.file)
    pos = lp_pos(path, 0, 0);
  GStatBuf st;
  if (g_stat(path, &st) == 0 && (guint64)st.st_size > lp_ctx_limit(c->in->ctx, LP_LIMIT_INPUT_SIZE)) {
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "the clinic's logo is %" G_GUINT64_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT " bytes %s",
                 (guint64)st.st_size, lp_ctx_limit(c->in->ctx, LP_LIMIT_INPUT_SIZE), lp_limit_hint(LP_LIMIT_INPUT_SIZE));
    return FALSE;
  }
  char *data = NULL;
  gsize len = 0;
  GError *e = NULL;
  if (!g_file_get_contents(path, &data, &len, &e)) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "cannot read the clinic's logo: %s", e->message);
    g_error_free(e);
    return FALSE;
  }
  GBytes *bytes = g_bytes_new_take(data, len);
  gboolean ok = lp_image_load(c->in->ctx, bytes, lp_picture_sniff((const guint8 *)data, len), "the clinic's logo", &pos,
                              out, err);
  g_bytes_unref(bytes);
  return ok;
}
