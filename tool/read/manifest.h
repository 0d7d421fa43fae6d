/* The batch manifest: leafpress.yaml at the project's root says what
 * `leafpress batch` builds when it is given no articles:
 *
 *   articles: [text/botox-headache]       # folders (every language) or files
 *   languages: [en, tr]                   # optional: only these
 *   layouts: [a4-leaflet, a5-card]
 *   formats: [pdf, png]
 *   output: "out/{article}/{lang}/{layout}.{format}"
 *   data: today.csv                       # a mail merge, and how to read it:
 *   separator: ";"                        #   ",", ";" or tab (default: found on the header line)
 *   date_format: DD.MM.YYYY               #   or DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD
 *   columns: {Name: patient.name, Notiz: ""}   # the column map ("" leaves one out)
 *   sheet: a4                             # pages on sheets (--sheet), and how they turn (--duplex)
 *   duplex: long
 *
 * Paths in it are relative to the manifest's folder. Command-line options
 * override it. */
#pragma once
#include "doc/ctx.h"
#include "doc/units.h"

typedef struct {
  char *file;
  GPtrArray *articles;  /* char*, resolved */
  GPtrArray *languages; /* char*, or NULL for all */
  GPtrArray *layouts;   /* char*: names or files (files resolved) */
  GPtrArray *formats;   /* char* */
  char *writer;
  char *sheet, *duplex; /* --sheet and --duplex, unchecked */
  LpPos sheet_pos, duplex_pos;
  char *output;         /* the pattern, relative paths resolved against the manifest */
  char *clinic;         /* resolved */
  GPtrArray *sets;      /* "key=value" */
  char *data;           /* a CSV for mail merge, resolved */
  char separator;       /* the data file's; 0: found on its header line */
  LpDateForm date_form; /* ANY: by the language */
  GPtrArray *columns;   /* "column=placeholder" ("column=" leaves it out), or NULL */
  GArray *column_places; /* LpPos of each, for messages */
  int jobs;             /* 0: the number of cores */
  double dpi;           /* 0: the default */
} LpManifest;

LpManifest *lp_manifest_read(const LpCtx *ctx, const char *path, GError **err);
void lp_manifest_free(LpManifest *m);
