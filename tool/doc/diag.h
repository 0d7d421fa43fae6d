/* Diagnostics: errors and warnings as values with a place in an input.
 *
 * Every stage reports a failure as a GError in the LP_ERROR domain whose code
 * is the process exit code the command line returns. The error carries its
 * place (file, line, column), an optional hint ("did you mean …?") and an
 * optional context ("layout a5-card") beside its message; the text
 * "file:line:col: message; hint (context)" is made only at the edge, by
 * lp_error_format (the command line, the JSON report, the web page), so
 * `check` and `batch` read the fields instead of searching messages.
 * Warnings are LpDiag values collected by the context (doc/ctx.h). */
#pragma once
#include <glib.h>

typedef enum {
  LP_EXIT_OK = 0,
  LP_EXIT_INPUT = 1, /* the inputs are wrong: article, layout, clinic, data */
  LP_EXIT_USAGE = 2, /* the command line is wrong */
  LP_EXIT_IO = 3,    /* a file cannot be read or written, or an internal error */
} LpExit;

#define LP_ERROR (lp_error_quark())
GQuark lp_error_quark(void);

/* A place in an input file. `file` is an interned string (g_intern_string), so
 * positions are plain values that any stage may copy and keep. line and col are
 * 1-based; col counts characters. line 0 means "the whole file". */
typedef struct {
  const char *file;
  int line;
  int col;
} LpPos;

LpPos lp_pos(const char *file, int line, int col);

/* Sets *err (if err is not NULL) to an LP_ERROR with `code`, the place `pos`
 * (may be NULL) and the message. */
void lp_set_error(GError **err, LpExit code, const LpPos *pos, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* The same with a hint that follows the message ("did you mean 'x'?"). */
void lp_set_error_hint(GError **err, LpExit code, const LpPos *pos, const char *hint, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

/* The fields of an error; NULL when it has none (errors of other domains
 * have none). */
const LpPos *lp_error_pos(const GError *err);
const char *lp_error_hint(const GError *err);
const char *lp_error_context(const GError *err);
/* Sets the place of an error that has none yet (or replaces it). */
void lp_error_set_pos(GError *err, const LpPos *pos);
/* Says where the error was met, e.g. "layout a5-card" (kept once). */
void lp_error_set_context(GError *err, const char *context);
/* The exit code an error stands for: its code in LP_ERROR, else LP_EXIT_IO. */
int lp_error_code(const GError *err);
/* "file:line:col: message; hint (context)", the one place errors become text. */
char *lp_error_format(const GError *err);

/* A diagnostic kept as a value: a warning, or an error kept for a report. */
typedef enum { LP_SEVERITY_ERROR, LP_SEVERITY_WARNING } LpSeverity;

typedef struct {
  LpSeverity severity;
  int code;       /* exit code class (errors) */
  LpPos pos;      /* file NULL: no place */
  char *message;
  char *hint;     /* may be NULL */
  char *context;  /* may be NULL */
} LpDiag;

LpDiag *lp_diag_new(LpSeverity severity, int code, const LpPos *pos, const char *message);
LpDiag *lp_diag_from_error(const GError *err);
LpDiag *lp_diag_copy(const LpDiag *diag);
void lp_diag_free(gpointer diag);
/* "file:line:col: warning: message" or, for an error, as lp_error_format. */
char *lp_diag_format(const LpDiag *diag);

/* The edit distance helper behind "did you mean ...?" hints: returns the entry of
 * `candidates` (NULL-terminated) nearest to `word`, or NULL if none is close. */
const char *lp_nearest(const char *word, const char *const *candidates);
