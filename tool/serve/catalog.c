#include "serve/catalog.h"

#include <math.h>
#include <string.h>

#include "read/article.h"

static const char *const layout_names[LP_SERVE_N_LAYOUTS] = {
    [LP_SERVE_A5_CARD] = "a5-card",       [LP_SERVE_A6_CARD] = "a6-card",
    [LP_SERVE_A4_LEAFLET] = "a4-leaflet", [LP_SERVE_A4_LARGE] = "a4-large-print",
    [LP_SERVE_A5_BOOKLET] = "a5-booklet", [LP_SERVE_DL_TRIFOLD] = "dl-trifold",
};

/* The words are a receptionist's: what it is and what to do with the paper,
 * never a layout's name. `after` is what follows printing. */
static const struct {
  const char *id, *label, *what;
  LpServeLayout layout;
  const char *sheet;
  const char *after;
} kinds[LP_SERVE_N_KINDS] = {
    [LP_SERVE_CARD] = {"card", "Aftercare card", "A5, both sides: the patient's name and treatment date",
                       LP_SERVE_A5_CARD, NULL, NULL},
    [LP_SERVE_CARD_A4] = {"card-a4", "Two cards on one A4 sheet", "the A5 card twice, to cut in half",
                          LP_SERVE_A5_CARD, "a4", "Cut the sheet in half."},
    [LP_SERVE_A6_A4] = {"a6-a4", "Small card (A6), four on one A4 sheet", "postcard size, to cut into four",
                        LP_SERVE_A6_CARD, "a4", "Cut the sheet into four."},
    [LP_SERVE_LEAFLET] = {"leaflet", "Leaflet", "A4: the whole article", LP_SERVE_A4_LEAFLET, NULL, NULL},
    [LP_SERVE_LARGE] = {"large", "Large print", "A4 in large type", LP_SERVE_A4_LARGE, NULL, NULL},
    [LP_SERVE_BOOKLET] = {"booklet", "Booklet (A5) for a print shop", "the whole article as A5 pages in reading order",
                          LP_SERVE_A5_BOOKLET, NULL,
                          "Not for the office printer: this is the file a print shop asks for (A5 pages in reading "
                          "order). Ask them for a saddle-stitched A5 booklet (folded and stapled)."},
    [LP_SERVE_BOOKLET_A4] = {"booklet-a4", "Booklet (A5) on A4 sheets to fold", "printed here, folded and stapled",
                             LP_SERVE_A5_BOOKLET, "a4",
                             "Keep the sheets in order, fold the stack in the middle and staple it on the fold."},
    [LP_SERVE_TRIFOLD] = {"trifold", "Tri-fold leaflet (DL)", "one A4 sheet folded in three",
                          LP_SERVE_DL_TRIFOLD, NULL,
                          "Fold the narrower third in first (the key points), then the cover over it."},
};

const char *lp_serve_kind_id(LpServeKind kind) { return kinds[kind].id; }
const char *lp_serve_kind_label(LpServeKind kind) { return kinds[kind].label; }
const char *lp_serve_kind_what(LpServeKind kind) { return kinds[kind].what; }
LpServeLayout lp_serve_kind_layout(LpServeKind kind) { return kinds[kind].layout; }
const char *lp_serve_layout_name(LpServeLayout layout) { return layout_names[layout]; }
const char *lp_serve_kind_sheet(LpServeKind kind) { return kinds[kind].sheet; }

gboolean lp_serve_kind_parse(const char *id, LpServeKind *kind) {
  for (int k = 0; id && k < LP_SERVE_N_KINDS; k++)
    if (strcmp(id, kinds[k].id) == 0) {
      *kind = (LpServeKind)k;
      return TRUE;
    }
  return FALSE;
}

const LpLayoutSpec *lp_serve_translation_spec(const LpServeTranslation *t, LpServeKind kind) {
  return t->specs[kinds[kind].layout];
}

struct LpServeCatalog {
  GPtrArray *articles; /* LpServeArticle* */
  char *clinic, *color;
  gboolean offers[LP_SERVE_N_KINDS], patient[LP_SERVE_N_KINDS];
  char *how[LP_SERVE_N_KINDS];
};

static void translation_free(gpointer p) {
  LpServeTranslation *t = p;
  g_free(t->lang);
  g_free(t->name);
  lp_doc_free(t->doc);
  lp_vars_free(t->vars);
  for (int k = 0; k < LP_SERVE_N_LAYOUTS; k++)
    if (t->specs[k])
      lp_layout_spec_free(t->specs[k]);
  g_free(t);
}

static void article_free(gpointer p) {
  LpServeArticle *a = p;
  g_free(a->id);
  g_free(a->title);
  g_ptr_array_unref(a->translations);
  g_free(a);
}

/* English first (the source most clinics write in), then by tag: the order
 * is the same on every start. */
static gint by_lang(gconstpointer pa, gconstpointer pb) {
  const LpServeTranslation *a = *(LpServeTranslation *const *)pa, *b = *(LpServeTranslation *const *)pb;
  gboolean ea = strcmp(a->lang, "en") == 0, eb = strcmp(b->lang, "en") == 0;
  if (ea != eb)
    return ea ? -1 : 1;
  return strcmp(a->lang, b->lang);
}

static void warn_error(LpCtx *ctx, GError *e) {
  lp_ctx_warn(ctx, lp_error_pos(e), "left out of the page: %s", e->message);
  g_error_free(e);
}

static LpServeTranslation *read_translation(LpEngine *engine, LpCtx *ctx, const LpLangs *langs, const gboolean *present,
                                            const char *file) {
  GError *e = NULL;
  LpDoc *doc = lp_article_read(ctx, file, &e);
  if (!doc) {
    warn_error(ctx, e);
    return NULL;
  }
  LpVars *vars = lp_engine_values(engine, ctx, doc, NULL, NULL, &e);
  if (!vars) {
    lp_doc_free(doc);
    warn_error(ctx, e);
    return NULL;
  }
  LpServeTranslation *t = g_new0(LpServeTranslation, 1);
  t->doc = doc;
  t->vars = vars;
  t->lang = g_strdup(lp_doc_meta_const(doc)->lang);
  const LpLang *facts = langs ? lp_langs_find(langs, t->lang) : NULL;
  t->name = g_strdup(facts && facts->name ? facts->name : t->lang);
  t->rtl = facts && facts->rtl;
  /* A layout that cannot be read leaves that choice out for this language;
   * the warning says why once, at startup. */
  for (int k = 0; k < LP_SERVE_N_LAYOUTS; k++) {
    if (!present[k])
      continue;
    t->specs[k] = lp_engine_layout(engine, ctx, layout_names[k], vars, &e);
    if (!t->specs[k]) {
      if (strcmp(t->lang, "en") == 0 || !langs)
        warn_error(ctx, e);
      else
        g_clear_error(&e);
    }
  }
  return t;
}

static LpServeArticle *read_article(LpEngine *engine, LpCtx *ctx, const LpLangs *langs, const gboolean *present,
                                    const char *dir, const char *id) {
  GError *e = NULL;
  GPtrArray *files = lp_article_files(dir, &e);
  if (!files) {
    g_clear_error(&e);
    return NULL;
  }
  LpServeArticle *a = g_new0(LpServeArticle, 1);
  a->id = g_strdup(id);
  a->translations = g_ptr_array_new_with_free_func(translation_free);
  for (guint i = 0; i < files->len; i++) {
    LpServeTranslation *t = read_translation(engine, ctx, langs, present, g_ptr_array_index(files, i));
    if (!t)
      continue;
    if (lp_serve_article_lang(a, t->lang)) {
      lp_ctx_warn(ctx, &lp_doc_meta_const(t->doc)->lang_pos, "left out of the page: a second article in '%s' in %s",
                  t->lang, id);
      translation_free(t);
      continue;
    }
    g_ptr_array_add(a->translations, t);
  }
  g_ptr_array_unref(files);
  if (a->translations->len == 0) {
    article_free(a);
    return NULL;
  }
  g_ptr_array_sort(a->translations, by_lang);
  const LpServeTranslation *first = g_ptr_array_index(a->translations, 0);
  const LpMeta *m = lp_doc_meta_const(first->doc);
  a->title = g_strdup(m->card_title ? m->card_title : m->title ? m->title : id);
  return a;
}

/* The paper a page or sheet of w × h pt is, by its name ("A4"), either
 * way round; NULL when it is none of the named sizes. */
static const char *paper(double w, double h) {
  static const char *const names[] = {"a3", "a4", "a5", "letter", "legal", "tabloid"};
  static const char *const shown[] = {"A3", "A4", "A5", "Letter", "Legal", "Tabloid"};
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    double sw, sh;
    if (!lp_impose_sheet_find(names[i], &sw, &sh, NULL))
      continue;
    if ((fabs(w - sw) < 2 && fabs(h - sh) < 2) || (fabs(w - sh) < 2 && fabs(h - sw) < 2))
      return shown[i];
  }
  return NULL;
}

/* The paper and, for both sides, the edge the printer turns the sheet on:
 * the engine's default for that sheet as placed (landscape when wider),
 * the one that gives the backs upright when the paper is turned like a
 * book's page. */
static char *how_to_print(LpServeKind k, const LpLayoutSpec *spec) {
  double w = spec->page_w, h = spec->page_h;
  gboolean landscape = w > h;
  if (kinds[k].sheet) {
    double sw, sh;
    LpGrid g;
    if (!lp_impose_sheet_find(kinds[k].sheet, &sw, &sh, NULL))
      return g_strdup("");
    /* A booklet's sheet holds two pages side by side; cards as many as fit. */
    if (spec->imposition == LP_IMPOSE_BOOKLET)
      landscape = TRUE;
    else if (lp_impose_grid(sw, sh, w, h, 0, &g))
      landscape = g.landscape;
    w = sw;
    h = sh;
  }
  const char *name = paper(w, h);
  char *size = name ? g_strdup(name) : g_strdup_printf("%.0f × %.0f mm", w * 25.4 / 72, h * 25.4 / 72);
  GString *s = g_string_new(NULL);
  if (k != LP_SERVE_BOOKLET)
    g_string_append_printf(s, "Print on %s paper on both sides: in the print window choose two-sided, flip on the %s "
                              "edge. ",
                           size, lp_impose_duplex_name(lp_impose_default_duplex(landscape)));
  if (kinds[k].after)
    g_string_append(s, kinds[k].after);
  g_free(size);
  return g_strchomp(g_string_free(s, FALSE));
}

static gint by_id(gconstpointer pa, gconstpointer pb) {
  return strcmp((*(LpServeArticle *const *)pa)->id, (*(LpServeArticle *const *)pb)->id);
}

LpServeCatalog *lp_serve_catalog_new(LpEngine *engine, LpCtx *ctx, GError **err) {
  const LpProject *project = lp_engine_project(engine);
  char *text = lp_project_path(project, "text");
  GError *e = NULL;
  const LpLangs *langs = lp_engine_languages(engine, &e);
  if (!langs) {
    warn_error(ctx, e);
    e = NULL;
  }
  /* Which layouts the project has: the ones it lacks are not offered (a
   * clinic that prints no A6 cards has no a6-card), not an error. */
  gboolean present[LP_SERVE_N_LAYOUTS];
  for (int k = 0; k < LP_SERVE_N_LAYOUTS; k++) {
    char *rel = g_strdup_printf("layouts/%s.yaml", layout_names[k]);
    char *file = lp_project_path(project, rel);
    present[k] = g_file_test(file, G_FILE_TEST_IS_REGULAR);
    g_free(file);
    g_free(rel);
  }
  GDir *d = g_dir_open(text, 0, &e);
  if (!d) {
    lp_set_error(err, LP_EXIT_INPUT, NULL, "the project has no text/ folder of articles: %s", e->message);
    g_error_free(e);
    g_free(text);
    return NULL;
  }
  LpServeCatalog *cat = g_new0(LpServeCatalog, 1);
  cat->articles = g_ptr_array_new_with_free_func(article_free);
  const char *name;
  while ((name = g_dir_read_name(d))) {
    char *dir = g_build_filename(text, name, NULL);
    if (name[0] != '.' && g_file_test(dir, G_FILE_TEST_IS_DIR)) {
      LpServeArticle *a = read_article(engine, ctx, langs, present, dir, name);
      if (a)
        g_ptr_array_add(cat->articles, a);
    }
    g_free(dir);
  }
  g_dir_close(d);
  g_free(text);
  g_ptr_array_sort(cat->articles, by_id);
  if (cat->articles->len == 0) {
    lp_set_error(err, LP_EXIT_INPUT, NULL, "the project has no article to print: expected text/NAME/LANG.md");
    lp_serve_catalog_free(cat);
    return NULL;
  }
  const LpServeTranslation *t = g_ptr_array_index(((LpServeArticle *)g_ptr_array_index(cat->articles, 0))->translations, 0);
  const char *clinic = lp_vars_get(t->vars, "clinic.name");
  const char *color = lp_vars_get(t->vars, "clinic.color");
  LpColor c;
  char *bad = color ? lp_parse_color(color, &c) : NULL;
  cat->clinic = g_strdup(clinic && *clinic ? clinic : "leafpress");
  /* The page shows the colour as CSS: only a plain #rrggbb is passed on. */
  gboolean plain = color && !bad && strlen(color) == 7 && color[0] == '#';
  for (int i = 1; plain && i < 7; i++)
    plain = g_ascii_isxdigit(color[i]);
  cat->color = g_strdup(plain ? color : "#1f6e8c");
  g_free(bad);
  for (int k = 0; k < LP_SERVE_N_KINDS; k++) {
    const LpLayoutSpec *spec = lp_serve_translation_spec(t, (LpServeKind)k);
    if (!spec)
      continue;
    cat->offers[k] = TRUE;
    cat->patient[k] = spec->kind == LP_KIND_CARD;
    cat->how[k] = how_to_print((LpServeKind)k, spec);
  }
  return cat;
}

void lp_serve_catalog_free(LpServeCatalog *cat) {
  if (!cat)
    return;
  g_ptr_array_unref(cat->articles);
  g_free(cat->clinic);
  g_free(cat->color);
  for (int k = 0; k < LP_SERVE_N_KINDS; k++)
    g_free(cat->how[k]);
  g_free(cat);
}

guint lp_serve_catalog_n_articles(const LpServeCatalog *cat) { return cat->articles->len; }

const LpServeArticle *lp_serve_catalog_article(const LpServeCatalog *cat, guint i) {
  return g_ptr_array_index(cat->articles, i);
}

const LpServeArticle *lp_serve_catalog_find(const LpServeCatalog *cat, const char *id) {
  for (guint i = 0; id && i < cat->articles->len; i++) {
    const LpServeArticle *a = g_ptr_array_index(cat->articles, i);
    if (strcmp(a->id, id) == 0)
      return a;
  }
  return NULL;
}

const LpServeTranslation *lp_serve_article_lang(const LpServeArticle *a, const char *lang) {
  for (guint i = 0; a && lang && i < a->translations->len; i++) {
    const LpServeTranslation *t = g_ptr_array_index(a->translations, i);
    if (strcmp(t->lang, lang) == 0)
      return t;
  }
  return NULL;
}

const char *lp_serve_catalog_clinic(const LpServeCatalog *cat) { return cat->clinic; }
const char *lp_serve_catalog_color(const LpServeCatalog *cat) { return cat->color; }
gboolean lp_serve_catalog_offers(const LpServeCatalog *cat, LpServeKind kind) { return cat->offers[kind]; }
gboolean lp_serve_catalog_patient(const LpServeCatalog *cat, LpServeKind kind) { return cat->patient[kind]; }
const char *lp_serve_catalog_how(const LpServeCatalog *cat, LpServeKind kind) {
  return cat->how[kind] ? cat->how[kind] : "";
}
