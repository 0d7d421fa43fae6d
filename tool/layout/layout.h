/* The layout engine's entry: a document and a layout in, a book of pages out.
 * It picks the composer for the layout's kind (leaflet, card …); composers use
 * paragraphs (para.c) and the flow (flow.c) and never call a writer. */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"
#include "doc/lang.h"
#include "doc/style.h"
#include "doc/vars.h"
#include "layout/fonts.h"
#include "layout/para.h"
#include "page/book.h"

typedef struct {
  const LpDoc *doc;
  const LpLayoutSpec *spec;
  const LpVars *vars;   /* clinic, labels, front matter, --set */
  LpFonts *fonts;
  const char *date;     /* ISO 8601 date for the PDF's dates */
  const char *creator;  /* e.g. "leafpress 0.1.0" */
  LpParaCache *paras;   /* may be NULL; paragraphs set by earlier outputs with these fonts */
  LpCtx *ctx;           /* limits, warnings, cancellation */
  const LpLang *lang;   /* the document language's facts (doc/lang.h); NULL: none known */
  const LpLangs *langs; /* every language's (spans in other languages); may be NULL */
} LpLayoutInput;

LpBook *lp_layout_run(const LpLayoutInput *in, GError **err);

/* Adds to `keys` (a set of g_strdup'ed names) every value a layout of `spec`
 * prints or reads: the placeholders of its templates and the values its
 * composer reads itself ({patient.name} on a card, {treatment_date} for the
 * diagram's dates, the clinic's details). Labels the templates name are
 * listed as label.NAME; lp_vars_label_keys follows them. */
void lp_layout_keys(const LpLayoutSpec *spec, GHashTable *keys);
