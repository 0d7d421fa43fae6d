/* SIGINT and SIGTERM: stop at the next safe point.
 *
 * The handler only records the signal in a flag that the command's context
 * carries (doc/ctx.h): builds check it between stages and before they write
 * their files, a batch before it starts each output. A file being written is
 * finished (it goes to a temporary file and is renamed), so an interrupted run
 * leaves every complete output and no partial one, and exits 130 (SIGINT) or
 * 143 (SIGTERM). */
#pragma once
#include <glib.h>

void lp_interrupt_install(void);
/* The flag the handler sets (the signal's number), for lp_ctx_set_cancel. */
const volatile gint *lp_interrupt_flag(void);
gboolean lp_interrupted(void);
/* 128 + the signal, or 0. */
int lp_interrupt_exit_code(void);
