/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include "doc/ctx.h"

#include <stdlib.h>
#include <string.h>

/* What a family of contexts shares. */
typedef struct {
  gint refs;
  LpLimits limits;
  GPtrArray *roots;          /* canonical granted folders */
  GPtrArray *explicit_roots; /* those granted with --allow-path */
  GMutex lock;               /* the output account */
  guint64 written;
  const volatile gint *cancel;
} Shared;

struct LpCtx {
  Shared *shared;
  GMutex lock; /* diags */
  GPtrArray *diags;
};

static Shared *shared_new(void) {
  Shared *s = g_new0(Shared, 1);
  s->refs = 1;
  lp_limits_init(&s->limits);
  s->roots = g_ptr_array_new_with_free_func(g_free);
  s->explicit_roots = g_ptr_array_new_with_free_func(g_free);
  g_mutex_init(&s->lock);
  return s;
}

static void shared_unref(Shared *s) {
  if (!g_atomic_int_dec_and_test(&s->refs))
    return;
  g_ptr_array_unref(s->roots);
  g_ptr_array_unref(s->explicit_roots);
  g_mutex_clear(&s->lock);
  g_free(s);
}

static LpCtx *ctx_new(Shared *shared) {
  LpCtx *c = g_new0(LpCtx, 1);
  c->shared = shared;
  g_mutex_init(&c->lock);
  c->diags = g_ptr_array_new_with_free_func(lp_diag_free);
  return c;
}

LpCtx *lp_ctx_new(void) { return ctx_new(shared_new()); }

LpCtx *lp_ctx_new_child(LpCtx *parent) {
  g_atomic_int_inc(&parent->shared->refs);
  return ctx_new(parent->shared);
}

void lp_ctx_free(LpCtx *c) {
  if (!c)
    return;
  g_ptr_array_unref(c->diags);
  g_mutex_clear(&c->lock);
  shared_unref(c->shared);
  g_free(c);
}

gsize lp_ctx_limit(const LpCtx *c, LpLimit l) { return c->shared->limits.v[l]; }
void lp_ctx_set_limit(LpCtx *c, LpLimit l, gsize value) { c->shared->limits.v[l] = value; }

gboolean lp_ctx_set_limit_arg(LpCtx *c, const char *arg, GError **err) {
  return lp_limits_set_arg(&c->shared->limits, arg, err);
}

gboolean lp_ctx_account_output(LpCtx *c, const char *path, guint64 bytes, GError **err) {
  Shared *s = c->shared;
  g_mutex_lock(&s->lock);
  gboolean ok = s->written + bytes <= s->limits.v[LP_LIMIT_OUTPUT_SIZE];
  if (ok)
    s->written += bytes;
  g_mutex_unlock(&s->lock);
  if (!ok) {
    LpPos pos = lp_pos(path, 0, 0);
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "writing %" G_GUINT64_FORMAT " bytes would take this run past %" G_GSIZE_FORMAT " bytes of output %s",
                 bytes, s->limits.v[LP_LIMIT_OUTPUT_SIZE], lp_limit_hint(LP_LIMIT_OUTPUT_SIZE));
  }
  return ok;
}

static void add_root(GPtrArray *list, const char *r) {
  for (guint i = 0; i < list->len; i++)
    if (strcmp(g_ptr_array_index(list, i), r) == 0)
      return;
  g_ptr_array_add(list, g_strdup(r));
}

gboolean lp_ctx_grant(LpCtx *c, const char *dir, gboolean explicit_grant, GError **err) {
  char *r = realpath(dir, NULL);
  if (!r || !g_file_test(r, G_FILE_TEST_IS_DIR)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--allow-path %s: not a folder", dir);
    free(r);
    return FALSE;
  }
  add_root(c->shared->roots, r);
  if (explicit_grant)
    add_root(c->shared->explicit_roots, r);
  free(r);
  return TRUE;
}

static gboolean inside(const char *path, const char *root) {
  gsize n = strlen(root);
  return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0' || (n == 1 && root[0] == '/'));
}

gboolean lp_ctx_granted(const LpCtx *c, const char *path, gboolean explicit_only) {
  const GPtrArray *list = explicit_only ? c->shared->explicit_roots : c->shared->roots;
  for (guint i = 0; i < list->len; i++)
    if (inside(path, g_ptr_array_index((GPtrArray *)list, i)))
      return TRUE;
  return FALSE;
}

gboolean lp_ctx_has_grants(const LpCtx *c) { return c->shared->roots->len > 0; }

static void warn(LpCtx *c, const LpPos *pos, const char *hint, const char *fmt, va_list ap) {
  char *msg = g_strdup_vprintf(fmt, ap);
  LpDiag *d = lp_diag_new(LP_SEVERITY_WARNING, LP_EXIT_OK, pos, msg);
  d->hint = g_strdup(hint);
  g_free(msg);
  g_mutex_lock(&c->lock);
  g_ptr_array_add(c->diags, d);
  g_mutex_unlock(&c->lock);
}

void lp_ctx_warn(LpCtx *c, const LpPos *pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  warn(c, pos, NULL, fmt, ap);
  va_end(ap);
}

void lp_ctx_warn_hint(LpCtx *c, const LpPos *pos, const char *hint, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  warn(c, pos, hint, fmt, ap);
  va_end(ap);
}

guint lp_ctx_n_diags(const LpCtx *c) { return c->diags->len; }

GPtrArray *lp_ctx_copy_diags(LpCtx *c, guint from) {
  GPtrArray *out = g_ptr_array_new_with_free_func(lp_diag_free);
  g_mutex_lock(&c->lock);
  for (guint i = from; i < c->diags->len; i++)
    g_ptr_array_add(out, lp_diag_copy(g_ptr_array_index(c->diags, i)));
  g_mutex_unlock(&c->lock);
  return out;
}

GPtrArray *lp_ctx_take_diags(LpCtx *c) {
  g_mutex_lock(&c->lock);
  GPtrArray *d = c->diags;
  c->diags = g_ptr_array_new_with_free_func(lp_diag_free);
  g_mutex_unlock(&c->lock);
  return d;
}

void lp_ctx_set_cancel(LpCtx *c, const volatile gint *flag) { c->shared->cancel = flag; }

const volatile gint *lp_ctx_cancel_flag(const LpCtx *c) { return c->shared->cancel; }

gboolean lp_ctx_cancelled(const LpCtx *c) {
  return c->shared->cancel && g_atomic_int_get(c->shared->cancel) != 0;
}
