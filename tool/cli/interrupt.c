#include "cli/interrupt.h"

#include <signal.h>
#include <string.h>

/* An int is written whole on every platform leafpress builds on, as
 * sig_atomic_t is; GLib's atomic reads see it from any thread. */
static volatile gint caught;

static void on_signal(int sig) { caught = sig; }

void lp_interrupt_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

const volatile gint *lp_interrupt_flag(void) { return &caught; }
gboolean lp_interrupted(void) { return g_atomic_int_get(&caught) != 0; }
int lp_interrupt_exit_code(void) { return lp_interrupted() ? 128 + g_atomic_int_get(&caught) : 0; }
