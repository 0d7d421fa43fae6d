/* What the front desk can print: the project's articles in each of their
 * languages, and what is offered for them (cards, alone or on A4 sheets,
 * leaflets, large print, booklets, the DL tri-fold) from the project's layouts,
 * read once when the server starts.
 *
 * Everything the browser picks is an id looked up here ("botox-headache",
 * "ar", "card"); nothing it sends is ever turned into a file path. The
 * documents, their values and the layouts are read-only after the catalog is
 * made, so request threads share them without locks. */
#pragma once
#include "engine/engine.h"

/* The project layouts the desk prints with. A project that lacks one of
 * them (layouts/NAME.yaml) is not offered what is made with it. */
typedef enum {
  LP_SERVE_A5_CARD,
  LP_SERVE_A6_CARD,
  LP_SERVE_A4_LEAFLET,
  LP_SERVE_A4_LARGE,
  LP_SERVE_A5_BOOKLET,
  LP_SERVE_DL_TRIFOLD,
  LP_SERVE_N_LAYOUTS
} LpServeLayout;

/* What the page offers, in its order: a layout, on sheets or not. */
typedef enum {
  LP_SERVE_CARD,       /* a5-card */
  LP_SERVE_CARD_A4,    /* a5-card, two on an A4 sheet */
  LP_SERVE_A6_A4,      /* a6-card, four on an A4 sheet */
  LP_SERVE_LEAFLET,    /* a4-leaflet */
  LP_SERVE_LARGE,      /* a4-large-print */
  LP_SERVE_BOOKLET,    /* a5-booklet, plain A5 pages for a print shop */
  LP_SERVE_BOOKLET_A4, /* a5-booklet on A4 sheets to fold */
  LP_SERVE_TRIFOLD,    /* dl-trifold */
  LP_SERVE_N_KINDS
} LpServeKind;

/* "card", "card-a4", "a6-a4", "leaflet", "large", "booklet", "booklet-a4",
 * "trifold": what the form sends. */
const char *lp_serve_kind_id(LpServeKind kind);
/* The page's words for it: "Two cards on one A4 sheet". */
const char *lp_serve_kind_label(LpServeKind kind);
/* A line under the label: what it is, for someone who does not know the
 * layouts' names. */
const char *lp_serve_kind_what(LpServeKind kind);
LpServeLayout lp_serve_kind_layout(LpServeKind kind);
/* The layout's name: a5-card … */
const char *lp_serve_layout_name(LpServeLayout layout);
/* The sheet it is imposed on ("a4"), or NULL: the layout's own pages. */
const char *lp_serve_kind_sheet(LpServeKind kind);
gboolean lp_serve_kind_parse(const char *id, LpServeKind *kind);

typedef struct {
  char *lang;         /* the article's language tag */
  char *name;         /* the language's name in its own script (languages.yaml), or the tag */
  gboolean rtl;
  LpDoc *doc;
  LpVars *vars;       /* labels, clinic profile, front matter */
  LpLayoutSpec *specs[LP_SERVE_N_LAYOUTS]; /* NULL: the project lacks it, or it cannot be read (see warnings) */
} LpServeTranslation;

/* The layout `kind` is made with, for this language; NULL when there is none. */
const LpLayoutSpec *lp_serve_translation_spec(const LpServeTranslation *t, LpServeKind kind);

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

/* Whether the page offers `kind`: the project has its layout and the first
 * article's first language reads it. */
gboolean lp_serve_catalog_offers(const LpServeCatalog *cat, LpServeKind kind);
/* Whether `kind` prints a patient's name and treatment date (a card). */
gboolean lp_serve_catalog_patient(const LpServeCatalog *cat, LpServeKind kind);
/* How to print it, in plain words: the paper, and for both sides the edge to
 * flip on, which is the engine's duplex default for that sheet
 * (lp_impose_default_duplex); then what to do with the sheets. Never NULL
 * for a kind offered. */
const char *lp_serve_catalog_how(const LpServeCatalog *cat, LpServeKind kind);
