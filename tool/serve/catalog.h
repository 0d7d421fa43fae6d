/* What the front desk can print: the project's articles in each of their
 * languages, and the layouts offered for them (card, leaflet, large print),
 * read once when the server starts.
 *
 * Everything the browser picks is an id looked up here ("botox-headache",
 * "ar", "card"); nothing it sends is ever turned into a file path. The
 * documents, their values and the layouts are read-only after the catalog is
 * made, so request threads share them without locks. */
#pragma once
#include "engine/engine.h"

/* The layouts offered, in the order the page shows them. */
typedef enum { LP_SERVE_CARD, LP_SERVE_LEAFLET, LP_SERVE_LARGE, LP_SERVE_N_KINDS } LpServeKind;

/* "card", "leaflet", "large". */
const char *lp_serve_kind_id(LpServeKind kind);
/* The page's words for it: "Aftercare card". */
const char *lp_serve_kind_label(LpServeKind kind);
/* The project layout each kind is built with: a5-card, a4-leaflet, a4-large-print. */
const char *lp_serve_kind_layout(LpServeKind kind);
gboolean lp_serve_kind_parse(const char *id, LpServeKind *kind);

typedef struct {
  char *lang;         /* the article's language tag */
  char *name;         /* the language's name in its own script (languages.yaml), or the tag */
  gboolean rtl;
  LpDoc *doc;
  LpVars *vars;       /* labels, clinic profile, front matter */
  LpLayoutSpec *specs[LP_SERVE_N_KINDS]; /* NULL: that layout cannot be read (see errors) */
} LpServeTranslation;

typedef struct {
  char *id;           /* the article's id (its folder's name) */
  char *title;        /* in the first language, for the picker */
  GPtrArray *translations; /* LpServeTranslation*, English first, then by tag */
} LpServeArticle;

typedef struct LpServeCatalog LpServeCatalog;

/* Reads every article under the project's text/ folder. Files that cannot be
 * read are left out with a warning in `ctx` (the server still starts for the
 * others); no article at all is an error. */
LpServeCatalog *lp_serve_catalog_new(LpEngine *engine, LpCtx *ctx, GError **err);
void lp_serve_catalog_free(LpServeCatalog *cat);

guint lp_serve_catalog_n_articles(const LpServeCatalog *cat);
const LpServeArticle *lp_serve_catalog_article(const LpServeCatalog *cat, guint i);
/* By id; NULL when there is none. */
const LpServeArticle *lp_serve_catalog_find(const LpServeCatalog *cat, const char *id);
const LpServeTranslation *lp_serve_article_lang(const LpServeArticle *a, const char *lang);
/* The clinic's name and colour (#rrggbb), for the page; never NULL. */
const char *lp_serve_catalog_clinic(const LpServeCatalog *cat);
const char *lp_serve_catalog_color(const LpServeCatalog *cat);
