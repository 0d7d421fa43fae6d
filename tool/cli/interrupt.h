/* SIGINT and SIGTERM: stop at the next safe point.
 *
 * The handler only records the signal. A build checks before it writes its
 * files and a batch before it starts each output; a file being written is
 * finished (it goes to a temporary file and is renamed), so an interrupted run
 * leaves every complete output and no partial one, and exits 130 (SIGINT) or
 * 143 (SIGTERM). */
#pragma once
#include <glib.h>

void lp_interrupt_install(void);
gboolean lp_interrupted(void);
/* 128 + the signal, or 0. */
int lp_interrupt_exit_code(void);
