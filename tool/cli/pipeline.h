/* One build, end to end: the inputs read, the values gathered, the pages laid
 * out, each format written, PDFs finished, files put in place. `build` runs it
 * once; later commands run it for many outputs. */
#pragma once
#include "doc/doc.h"
#include "doc/style.h"
#include "doc/vars.h"
#include "layout/fonts.h"
#include "read/project.h"
#include "write/writer.h"

typedef struct {
  LpProject *project;
  char *clinic;            /* clinic profile, NULL for the project's text/clinic.yaml */
  GPtrArray *sets;         /* "key=value" from --set */
  double dpi;
  LpWriterKind writer;     /* --writer */
  gboolean cmyk;           /* --cmyk (haru) */
  gboolean bleed;          /* --bleed: pages grow by the layout's bleed */
  gboolean crop_marks;     /* --crop-marks */
  gboolean pdfa;           /* --pdfa */
  char *owner_password;    /* --owner-password */
  guint allow;             /* --allow, LpAllow flags */
} LpSession;

/* Parses --allow's list ("print,copy"); usage error on an unknown word. */
gboolean lp_session_parse_allow(const char *list, guint *allow, GError **err);
/* Options that cannot go together (--cmyk with cairo, --pdfa with a password). */
gboolean lp_session_check_options(const LpSession *s, GError **err);

void lp_session_clear(LpSession *s);
/* The calling thread's fonts, loaded on first use (one set per thread). */
LpFonts *lp_session_fonts(LpSession *s, GError **err);

/* Checks a --set argument ("key=value"); usage error if malformed. */
gboolean lp_session_check_set(const char *arg, GError **err);

/* Everything a layout's templates can refer to, for one article. */
LpVars *lp_session_vars(LpSession *s, const LpDoc *doc, GError **err);
/* Applies values that change the layout itself (the clinic's colour). */
gboolean lp_session_apply(LpSession *s, const LpVars *vars, LpLayoutSpec *spec, GError **err);

/* The files an output of `doc` with `spec` is made from, for depfiles and
 * up-to-date stamps: the article, the layout and those it extends, the
 * labels, the clinic profile and its logo, fonts.conf and the hyphenation
 * dictionary. (The font files come with the result: only the pages know.) */
GPtrArray *lp_session_inputs(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars);

/* The file a build writes when no -o is given: out/<article>/<lang>/<layout>.<ext>
 * under the project. */
char *lp_session_default_output(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, LpFormat format);

/* What a build made, for reports and depfiles. */
typedef struct {
  guint pages;
  guint64 bytes;      /* all files together */
  GPtrArray *files;   /* char*: the files written */
  GPtrArray *fonts;   /* char*: the font files the pages use */
} LpBuildResult;

void lp_build_result_clear(LpBuildResult *result);

/* The file format `f` goes to when -o says `out`: `out` itself when it ends
 * in the format's extension (or in none of ours, with one format); else the
 * same name with the format's extension (leaflet.pdf → leaflet.png). */
char *lp_session_format_path(const char *out, LpFormat f, guint n_formats);

/* Lays out and writes `formats`, format i to outs[i] (outs NULL: the default
 * paths). Every file is made in memory before the first is written. `result`
 * may be NULL. */
gboolean lp_session_build(LpSession *s, const LpDoc *doc, const LpLayoutSpec *spec, const LpVars *vars,
                          const LpFormat *formats, guint n_formats, const char *const *outs,
                          LpBuildResult *result, GError **err);

/* The PDF date: SOURCE_DATE_EPOCH when set, else the article's version date. */
char *lp_session_date(const LpDoc *doc, GError **err);
