/* The context of one command: the resource limits in force, the folders
 * inputs may name files in, the diagnostics sink and the cancellation flag.
 *
 * A front end creates one per command (or per request, for a long-running
 * process) and passes it down to every reader and to the layout; nothing in
 * leafpress keeps these in process globals, so two requests with different
 * limits can run in one process. A child context shares its parent's limits,
 * grants, output account and cancellation but collects its own diagnostics:
 * a batch gives one to each output it builds on a worker thread. */
#pragma once
#include "doc/diag.h"
#include "doc/limits.h"

typedef struct LpCtx LpCtx;

LpCtx *lp_ctx_new(void);
LpCtx *lp_ctx_new_child(LpCtx *parent);
void lp_ctx_free(LpCtx *ctx);

/* ---- limits (set before any child is made) ---- */
gsize lp_ctx_limit(const LpCtx *ctx, LpLimit limit);
void lp_ctx_set_limit(LpCtx *ctx, LpLimit limit, gsize value);
/* --limit NAME=N (doc/limits.h). */
gboolean lp_ctx_set_limit_arg(LpCtx *ctx, const char *arg, GError **err);
/* Counts bytes written under this context (and its family) against
 * output-size; FALSE with an error naming `path` if `bytes` more would pass
 * it. Thread-safe. */
gboolean lp_ctx_account_output(LpCtx *ctx, const char *path, guint64 bytes, GError **err);

/* ---- folders inputs may name files in (read/paths.h resolves names) ---- */
/* Grants a folder (it must exist); `explicit_grant` for --allow-path's,
 * where inputs may also use absolute names. */
gboolean lp_ctx_grant(LpCtx *ctx, const char *dir, gboolean explicit_grant, GError **err);
/* Whether the canonical `path` lies in a granted folder (with `explicit_only`,
 * in one granted with --allow-path). With nothing granted: FALSE. */
gboolean lp_ctx_granted(const LpCtx *ctx, const char *path, gboolean explicit_only);
gboolean lp_ctx_has_grants(const LpCtx *ctx);

/* ---- diagnostics ---- */
/* Records a warning ("file:line:col: warning: message" when printed). Layout
 * decisions that are legal but worth a look use this. Thread-safe. */
void lp_ctx_warn(LpCtx *ctx, const LpPos *pos, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* The same with a hint after the message. */
void lp_ctx_warn_hint(LpCtx *ctx, const LpPos *pos, const char *hint, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* The diagnostics recorded so far (LpDiag*), and taking them (the caller owns
 * the array; the context starts a new one). */
guint lp_ctx_n_diags(const LpCtx *ctx);
/* Copies of the diagnostics from the `from`-th on. */
GPtrArray *lp_ctx_copy_diags(LpCtx *ctx, guint from);
GPtrArray *lp_ctx_take_diags(LpCtx *ctx);

/* ---- cancellation ---- */
/* A flag another thread (a signal handler's) sets to stop the work: builds
 * check it between stages and blocks. The flag outlives the context. */
void lp_ctx_set_cancel(LpCtx *ctx, const volatile gint *flag);
gboolean lp_ctx_cancelled(const LpCtx *ctx);
/* The flag itself (may be NULL), for loops below the context's reach. */
const volatile gint *lp_ctx_cancel_flag(const LpCtx *ctx);
