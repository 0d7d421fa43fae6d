/* Errors and warnings with a source position.
 *
 * Every stage reports a failure as a GError in the LP_ERROR domain whose code is
 * the process exit code the command line returns, and whose message already
 * starts with "file:line:col: " when the failure has a place in an input. */
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

/* Sets *err (if err is not NULL) to "file:line:col: message". */
void lp_set_error(GError **err, LpExit code, const LpPos *pos, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* Prints "file:line:col: warning: message" on stderr unless warnings are muted,
 * and counts it. Layout decisions that are legal but worth a look use this. */
void lp_warn(const LpPos *pos, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void lp_warn_set_quiet(gboolean quiet);
/* Also collects the calling thread's warnings into `sink` (char*, full
 * lines without the "warning: " tag's newline); NULL stops collecting. */
void lp_warn_capture(GPtrArray *sink);
guint lp_warn_count(void);

/* The edit distance helper behind "did you mean ...?" hints: returns the entry of
 * `candidates` (NULL-terminated) nearest to `word`, or NULL if none is close. */
const char *lp_nearest(const char *word, const char *const *candidates);
