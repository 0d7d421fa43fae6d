#include "doc/diag.h"

#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK(leafpress-error-quark, lp_error)

static gboolean warn_quiet;
static guint warn_count;
static GPrivate warn_sink; /* GPtrArray*, not owned */

void lp_warn_capture(GPtrArray *sink) { g_private_set(&warn_sink, sink); }

LpPos lp_pos(const char *file, int line, int col) {
  LpPos p = {g_intern_string(file ? file : "-"), line, col};
  return p;
}

static char *pos_prefix(const LpPos *pos) {
  if (!pos || !pos->file)
    return g_strdup("");
  if (pos->line <= 0)
    return g_strdup_printf("%s: ", pos->file);
  return g_strdup_printf("%s:%d:%d: ", pos->file, pos->line, pos->col > 0 ? pos->col : 1);
}

void lp_set_error(GError **err, LpExit code, const LpPos *pos, const char *fmt, ...) {
  if (!err)
    return;
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  char *prefix = pos_prefix(pos);
  g_set_error(err, LP_ERROR, code, "%s%s", prefix, msg);
  g_free(prefix);
  g_free(msg);
}

void lp_warn(const LpPos *pos, const char *fmt, ...) {
  g_atomic_int_inc(&warn_count);
  GPtrArray *sink = g_private_get(&warn_sink);
  if (warn_quiet && !sink)
    return;
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  char *prefix = pos_prefix(pos);
  if (sink)
    g_ptr_array_add(sink, g_strdup_printf("%swarning: %s", prefix, msg));
  if (!warn_quiet)
    fprintf(stderr, "%swarning: %s\n", prefix, msg);
  g_free(prefix);
  g_free(msg);
}

void lp_warn_set_quiet(gboolean quiet) { warn_quiet = quiet; }
guint lp_warn_count(void) { return (guint)g_atomic_int_get(&warn_count); }

/* Levenshtein distance on bytes; keys are ASCII identifiers. */
static guint edit_distance(const char *a, const char *b) {
  gsize la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64)
    return G_MAXUINT;
  guint row[65];
  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint)j;
  for (gsize i = 1; i <= la; i++) {
    guint diag = row[0];
    row[0] = (guint)i;
    for (gsize j = 1; j <= lb; j++) {
      guint up = row[j];
      guint cost = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]) ? 0 : 1;
      row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
      diag = up;
    }
  }
  return row[lb];
}

const char *lp_nearest(const char *word, const char *const *candidates) {
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  for (const char *const *c = candidates; *c; c++) {
    guint d = edit_distance(word, *c);
    if (d < best_d) {
      best_d = d;
      best = *c;
    }
  }
  /* A hint helps only if it is plausibly what was meant. */
  gsize len = strlen(word);
  guint limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
  return best_d <= limit ? best : NULL;
}
