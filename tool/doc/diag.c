#include "doc/diag.h"

#include <string.h>

/* What an LP_ERROR carries besides its message (GLib's extended errors). */
typedef struct {
  LpPos pos;
  gboolean has_pos;
  char *hint;
  char *context;
} LpErrorPrivate;

static void lp_error_private_init(LpErrorPrivate *p) { memset(p, 0, sizeof *p); }

static void lp_error_private_copy(const LpErrorPrivate *src, LpErrorPrivate *dst) {
  dst->pos = src->pos;
  dst->has_pos = src->has_pos;
  dst->hint = g_strdup(src->hint);
  dst->context = g_strdup(src->context);
}

static void lp_error_private_clear(LpErrorPrivate *p) {
  g_free(p->hint);
  g_free(p->context);
}

G_DEFINE_EXTENDED_ERROR(LpError, lp_error)

LpPos lp_pos(const char *file, int line, int col) {
  LpPos p = {g_intern_string(file ? file : "-"), line, col};
  return p;
}

static LpErrorPrivate *priv(const GError *err) {
  return err && err->domain == LP_ERROR ? lp_error_get_private(err) : NULL;
}

static void set_error(GError **err, LpExit code, const LpPos *pos, const char *hint, const char *fmt, va_list ap) {
  if (!err)
    return;
  char *msg = g_strdup_vprintf(fmt, ap);
  g_set_error_literal(err, LP_ERROR, code, msg);
  g_free(msg);
  LpErrorPrivate *p = priv(*err);
  if (p && pos && pos->file) {
    p->pos = *pos;
    p->has_pos = TRUE;
  }
  if (p && hint)
    p->hint = g_strdup(hint);
}

void lp_set_error(GError **err, LpExit code, const LpPos *pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set_error(err, code, pos, NULL, fmt, ap);
  va_end(ap);
}

void lp_set_error_hint(GError **err, LpExit code, const LpPos *pos, const char *hint, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set_error(err, code, pos, hint, fmt, ap);
  va_end(ap);
}

const LpPos *lp_error_pos(const GError *err) {
  LpErrorPrivate *p = priv(err);
  return p && p->has_pos ? &p->pos : NULL;
}

const char *lp_error_hint(const GError *err) {
  LpErrorPrivate *p = priv(err);
  return p ? p->hint : NULL;
}

const char *lp_error_context(const GError *err) {
  LpErrorPrivate *p = priv(err);
  return p ? p->context : NULL;
}

void lp_error_set_pos(GError *err, const LpPos *pos) {
  LpErrorPrivate *p = priv(err);
  if (p && pos && pos->file) {
    p->pos = *pos;
    p->has_pos = TRUE;
  }
}

void lp_error_set_context(GError *err, const char *context) {
  LpErrorPrivate *p = priv(err);
  if (p && !p->context)
    p->context = g_strdup(context);
}

int lp_error_code(const GError *err) { return err && err->domain == LP_ERROR ? err->code : LP_EXIT_IO; }

static void append_pos(GString *s, const LpPos *pos) {
  if (!pos || !pos->file)
    return;
  if (pos->line <= 0)
    g_string_append_printf(s, "%s: ", pos->file);
  else
    g_string_append_printf(s, "%s:%d:%d: ", pos->file, pos->line, pos->col > 0 ? pos->col : 1);
}

static char *format(const LpPos *pos, const char *tag, const char *message, const char *hint, const char *context) {
  GString *s = g_string_new(NULL);
  append_pos(s, pos);
  if (tag)
    g_string_append(s, tag);
  g_string_append(s, message);
  if (hint)
    g_string_append_printf(s, "; %s", hint);
  if (context)
    g_string_append_printf(s, " (%s)", context);
  return g_string_free(s, FALSE);
}

char *lp_error_format(const GError *err) {
  return format(lp_error_pos(err), NULL, err->message, lp_error_hint(err), lp_error_context(err));
}

LpDiag *lp_diag_new(LpSeverity severity, int code, const LpPos *pos, const char *message) {
  LpDiag *d = g_new0(LpDiag, 1);
  d->severity = severity;
  d->code = code;
  if (pos)
    d->pos = *pos;
  d->message = g_strdup(message);
  return d;
}

LpDiag *lp_diag_from_error(const GError *err) {
  LpDiag *d = lp_diag_new(LP_SEVERITY_ERROR, lp_error_code(err), lp_error_pos(err), err->message);
  d->hint = g_strdup(lp_error_hint(err));
  d->context = g_strdup(lp_error_context(err));
  return d;
}

LpDiag *lp_diag_copy(const LpDiag *src) {
  LpDiag *d = lp_diag_new(src->severity, src->code, &src->pos, src->message);
  d->hint = g_strdup(src->hint);
  d->context = g_strdup(src->context);
  return d;
}

void lp_diag_free(gpointer p) {
  LpDiag *d = p;
  if (!d)
    return;
  g_free(d->message);
  g_free(d->hint);
  g_free(d->context);
  g_free(d);
}

char *lp_diag_format(const LpDiag *d) {
  return format(&d->pos, d->severity == LP_SEVERITY_WARNING ? "warning: " : NULL, d->message, d->hint, d->context);
}

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
