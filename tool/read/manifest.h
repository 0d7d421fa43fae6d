/* The batch manifest: leafpress.yaml at the project's root says what
 * `leafpress batch` builds when it is given no articles:
 *
 *   articles: [text/botox-headache]       # folders (every language) or files
 *   languages: [en, tr]                   # optional: only these
 *   layouts: [a4-leaflet, a5-card]
 *   formats: [pdf, png]
 *   output: "out/{article}/{lang}/{layout}.{format}"
 *
 * Paths in it are relative to the manifest's folder. Command-line options
 * override it. */
#pragma once
#include "doc/ctx.h"

typedef struct {
  char *file;
  GPtrArray *articles;  /* char*, resolved */
  GPtrArray *languages; /* char*, or NULL for all */
  GPtrArray *layouts;   /* char*: names or files (files resolved) */
  GPtrArray *formats;   /* char* */
  char *writer;
  char *output;         /* the pattern, relative paths resolved against the manifest */
  char *clinic;         /* resolved */
  GPtrArray *sets;      /* "key=value" */
  char *data;           /* a CSV for mail merge, resolved */
  int jobs;             /* 0: the number of cores */
  double dpi;           /* 0: the default */
} LpManifest;

LpManifest *lp_manifest_read(const LpCtx *ctx, const char *path, GError **err);
void lp_manifest_free(LpManifest *m);
