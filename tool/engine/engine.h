/* The engine: one build in memory, under every front end.
 *
 * A request names an article, a layout, a clinic profile and values (or
 * passes them already read), the formats and the print settings; the engine
 * reads what it was not given, lays the pages out, writes each format,
 * finishes the PDF, reads it back with an independent reader to prove it
 * (verify/verify.h: a PDF that differs from its pages is an error, exit 3,
 * and no file comes back) and returns the files as bytes with what a report
 * needs: pages, fonts, inputs, warnings. It never prints, never exits and never reads
 * the command line; errors come back as GErrors with their places
 * (doc/diag.h), warnings go to the request's context. Writing the files to
 * disk is engine/files.h, for the front ends that want it.
 *
 * An engine lives as long as its front end wants (one command, or a server
 * process) and may build on several threads at once: each build borrows a
 * set of fonts and a paragraph cache from the engine's pool, so no two
 * threads share a pango font map, and later builds reuse what earlier ones
 * set. */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"
#include "doc/lang.h"
#include "doc/style.h"
#include "doc/units.h"
#include "doc/vars.h"
#include "engine/seen.h"
#include "impose/impose.h"
#include "read/project.h"
#include "write/writer.h"

typedef struct LpEngine LpEngine;

/* An engine on `project` (taken) under `ctx` (the caller's; it must outlive
 * the engine). */
LpEngine *lp_engine_new(LpProject *project, LpCtx *ctx);
void lp_engine_free(LpEngine *engine);
const LpProject *lp_engine_project(const LpEngine *engine);
LpCtx *lp_engine_ctx(const LpEngine *engine);

/* How the files are written. */
typedef struct {
  const LpWriterClass *writer; /* NULL: the default (cairo) */
  double dpi;                  /* PNG proofs; 0: 96 */
  gboolean cmyk;               /* DeviceCMYK (writers that can) */
  gboolean bleed;              /* pages grow by the layout's bleed: TrimBox, BleedBox */
  gboolean crop_marks;         /* crop marks in a slug (implies bleed) */
  gboolean pdfa;               /* PDF/A-2b */
  const char *owner_password;  /* AES-256 encryption */
  guint allow;                 /* LpAllow flags (finish/finish.h) */
  double sheet_w, sheet_h;     /* --sheet: pages imposed on sheets this size, pt, portrait (0: none) */
  LpDuplex duplex;             /* --duplex (auto: the sheet's usual one, impose/impose.h) */
} LpPrint;

/* Settings that cannot go together (--cmyk with a writer without CMYK, PDF/A
 * with a password, a format the writer does not write): usage errors. */
gboolean lp_print_check(const LpPrint *print, const LpFormat *formats, guint n_formats, GError **err);

/* --sheet SIZE and --duplex long|short (either may be NULL) into `print`:
 * usage errors naming the nearest valid size or mode; --duplex without
 * --sheet is one too (there is nothing to turn over). */
gboolean lp_print_set_sheet(LpPrint *print, const char *sheet, const char *duplex, GError **err);

/* The values a layout's templates can refer to, for one article: its labels
 * (with the front matter's overrides), the clinic profile (`clinic`, or the
 * project's text/clinic.yaml), the front matter, then `sets` ("key=value",
 * NULL-terminated, may be NULL), which win. Warnings go to `ctx`. */
LpVars *lp_engine_values(LpEngine *engine, LpCtx *ctx, const LpDoc *doc, const char *clinic,
                         const char *const *sets, GError **err);
/* A layout by name or file, with the values that change the layout itself
 * (the clinic's colour) applied. */
LpLayoutSpec *lp_engine_layout(LpEngine *engine, LpCtx *ctx, const char *name_or_file, const LpVars *vars,
                               GError **err);
/* The language data (the installed languages.yaml, then the project's),
 * read on first use; NULL with an error if a file is wrong. */
const LpLangs *lp_engine_languages(LpEngine *engine, GError **err);
/* Applies the values that change a layout already read (the clinic's colour). */
gboolean lp_engine_apply(const LpVars *vars, LpLayoutSpec *spec, GError **err);
/* Checks a --set argument ("key=value"); usage error if malformed. */
gboolean lp_engine_check_set(const char *arg, GError **err);
/* Adds to `keys` (a set of g_strdup'ed names) every value an output of
 * `spec` prints or reads: its templates' placeholders, the values its
 * composer reads (layout/layout.h), and what the labels they name refer to
 * in `vars` (may be NULL). A data file's columns and --set keys are checked
 * against these. */
void lp_engine_layout_keys(const LpLayoutSpec *spec, const LpVars *vars, GHashTable *keys);
/* Warns in `ctx` about each "key=value" of `sets` whose key nothing in
 * `used` (lp_engine_layout_keys and the like) refers to: a --set that
 * changes nothing is most likely a typo. */
void lp_engine_warn_unused_sets(LpCtx *ctx, const char *const *sets, GHashTable *used);
/* Which of day and month `lang` writes first in numeric dates (ICU). */
LpDateOrder lp_engine_date_order(const char *lang);
/* --release: the document is reviewed, and a translation still says what its
 * source says. */
gboolean lp_engine_release_ready(LpCtx *ctx, const LpDoc *doc, GError **err);

/* One build. Give a file or an object for each of article, layout and
 * values; what is given as an object is used as it is (shared, read-only). */
typedef struct {
  const char *article;        /* the article file, or */
  const LpDoc *doc;           /* the article already read */
  const char *layout;         /* a layout name or file (NULL: a4-leaflet), or */
  const LpLayoutSpec *spec;   /* a layout already read and applied */
  const char *clinic;         /* the clinic profile (NULL: the project's) */
  const char *const *sets;    /* "key=value" values (NULL-terminated), or */
  const LpVars *vars;         /* every value already gathered */
  const LpFormat *formats;    /* NULL: PDF only */
  guint n_formats;
  LpPrint print;
  gboolean release;           /* refuse drafts and stale translations */
  gboolean no_verify;         /* skip reading the PDF back (--no-verify) */
  LpSeen *seen;               /* a batch's proofs so far: verify only what is new; NULL: always */
  LpCtx *ctx;                 /* warnings and limits; NULL: the engine's */
  gboolean keep_pages;        /* also hand the laid-out pages back (result->kept), for sheets of many outputs */
} LpRequest;

/* A file made: a whole document (page 0), or page `page` of a proof. */
typedef struct {
  LpFormat format;
  guint page;
  GBytes *bytes;
} LpOutFile;

typedef struct {
  GPtrArray *files;   /* LpOutFile*, in the request's format order, pages in order */
  guint pages;
  GPtrArray *fonts;   /* char*: the font files the pages use, sorted */
  GPtrArray *inputs;  /* char*: the files the output is made from */
  GPtrArray *diags;   /* LpDiag*: the warnings of this build */
  gboolean verified;  /* the PDF was read back and proven */
  double verify_ms;   /* what that took */
  char *article_id, *lang, *layout; /* what it is, for names and reports */
  LpBook *kept;       /* with keep_pages: the pages as laid out (no sheets; crop marks if asked for); owned */
  double bleed;       /* with keep_pages: the layout's bleed and sheet options */
  LpImposition imposition;
  double creep;
} LpResult;

/* NULL with an error (and any warnings already in the request's context). */
LpResult *lp_engine_build(LpEngine *engine, const LpRequest *request, GError **err);
void lp_result_free(LpResult *result);

/* One PDF of sheets holding the pages of `results` (each kept with
 * keep_pages), in order: a mail merge's cards two or four to a sheet. Written,
 * finished and, unless `no_verify`, proven like any build's PDF. */
GBytes *lp_engine_sheets(LpEngine *engine, LpCtx *ctx, LpResult *const *results, guint n, const LpPrint *print,
                         gboolean no_verify, GError **err);
/* Today, YYYY-MM-DD in UTC: from SOURCE_DATE_EPOCH when it is set (so that
 * tests and reproducible builds choose the day), else the clock. The review
 * date checks (--release, check) compare with it. */
char *lp_engine_today(GError **err);

/* The files an output of `doc` with `spec` is made from, for depfiles and
 * up-to-date stamps: the article, the layout and those it extends, the
 * labels, the clinic profile and its logo, fonts.conf and the hyphenation
 * dictionary. (The font files come with the result: only the pages know.) */
GPtrArray *lp_engine_inputs(LpEngine *engine, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars,
                            const char *clinic);
/* The clinic profile in use: `clinic`, or the project's, or NULL. */
char *lp_engine_clinic(LpEngine *engine, const char *clinic);
/* Warns (once, into `ctx`) when no clinic profile is in use and `sets` gives
 * no clinic.name: the outputs then carry no clinic name or phone number.
 * Front ends call it once per command, not once per output. */
void lp_engine_check_clinic(LpEngine *engine, LpCtx *ctx, const char *clinic, const char *const *sets);
/* out/<article>/<lang>/<layout>.<ext> under the project. */
char *lp_engine_default_output(LpEngine *engine, const char *article_id, const char *lang, const char *layout,
                               LpFormat format);
/* The PDF date: SOURCE_DATE_EPOCH when set, else the article's version date. */
char *lp_engine_date(const LpDoc *doc, GError **err);
