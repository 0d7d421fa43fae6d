/* leafpress serve: the front desk as a local web server (libsoup 3).
 *
 * One process, warm: the engine keeps its fonts and paragraph caches between
 * requests, and the catalog (serve/catalog.h) has every article, its values
 * and layouts read once. Requests are read on the main loop; builds run on a
 * small pool of worker threads (the engine builds on several at once), and
 * their answers go back to the main loop, which alone touches libsoup.
 *
 * Safe by default (docs/serve.md, "Safety"): it listens on 127.0.0.1 and
 * answers only to the Host names of the loopback; another address needs
 * --listen and then every request must carry the access token the start-up
 * message prints. Every form carries a token of the process (CSRF) and a POST
 * from another origin is refused. Request bodies are limited before they are
 * read. Nothing is written to disk and nothing of a patient is logged: the
 * server counts what it did and says so when it stops. Every answer is
 * Cache-Control: no-store, with a Content-Security-Policy that allows the
 * page's own style sheet, script and images only. */
#pragma once
#include "serve/catalog.h"

typedef struct {
  const char *listen;  /* an IP address; NULL: 127.0.0.1 */
  guint port;          /* 0: any free port (the printed address says which) */
  guint threads;       /* builds at once; 0: the number of cores (at most 8) */
} LpServeOptions;

typedef struct LpServe LpServe;

/* A server on `engine` (borrowed) with `catalog` (taken), listening. An I/O
 * error (exit 3) when the address cannot be bound, a usage error for an
 * address that is no IP address. */
LpServe *lp_serve_new(LpEngine *engine, LpServeCatalog *catalog, const LpServeOptions *options, GError **err);
void lp_serve_free(LpServe *serve);

/* The address to open, with the access token when one is needed. */
char *lp_serve_url(const LpServe *serve);
/* Whether it listens on the loopback only. */
gboolean lp_serve_is_local(const LpServe *serve);
/* Runs until *stop becomes non-zero (a signal handler sets it). */
void lp_serve_run(LpServe *serve, const volatile gint *stop);
/* What it did, in counts only: "12 requests: 5 PDFs, 6 previews, 1 refused". */
char *lp_serve_summary(const LpServe *serve);
