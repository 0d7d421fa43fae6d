/* leafpress serve [--listen ADDR] [--port N] — the front desk (serve/server.h):
 * the project's articles read once, then a local web page until SIGINT or
 * SIGTERM. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "serve/server.h"

#define DEFAULT_PORT 8470

typedef struct {
  char *listen, *project;
  gint port, jobs;
  gboolean quiet;
} Args;

static GOptionContext *option_context(Args *a) {
  GOptionEntry entries[] = {
      {"listen", 0, 0, G_OPTION_ARG_STRING, &a->listen,
       "Listen on this IP address (default 127.0.0.1, this computer only; any other address needs the access token "
       "printed at start)",
       "ADDR"},
      {"port", 'p', 0, G_OPTION_ARG_INT, &a->port, "Port to listen on (default 8470; 0: any free port)", "N"},
      {"project", 0, 0, G_OPTION_ARG_FILENAME, &a->project, "Project folder (default: found from the working folder)",
       "DIR"},
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &a->jobs, "Cards built at once (default: the number of cores, at most 8)",
       "N"},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &a->quiet, "Print the address only: no warnings, no summary at the end", NULL},
      G_OPTION_ENTRY_NULL};
  GOptionContext *ctx = g_option_context_new("- the front desk: print a patient's card from a local web page");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(
      ctx, "Runs until Ctrl+C (SIGINT) or SIGTERM. Nothing is written to disk; only counts are printed.\n"
           "Exit codes: 0 stopped by a signal, 1 bad input, 2 bad usage, 3 the address cannot be used.\n"
           "Example: cd my-clinic && leafpress serve\n");
  return ctx;
}

int lp_cmd_serve(int argc, char **argv) {
  Args a = {.port = DEFAULT_PORT};
  GOptionContext *octx = option_context(&a);
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *ctx = lp_ctx_new();
  LpProject *project = NULL;
  LpEngine *engine = NULL;
  LpServe *serve = NULL;

  lp_interrupt_install();
  lp_ctx_set_cancel(ctx, lp_interrupt_flag());
  if (!g_option_context_parse(octx, &argc, &argv, &err)) {
    rc = lp_usage_error("serve", "%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (argc > 1) {
    rc = lp_usage_error("serve", "serve takes no arguments, found %s (the project is found from the working folder, or --project)",
                     argv[1]);
    goto out;
  }
  if (a.port < 0 || a.port > 65535) {
    rc = lp_usage_error("serve", "--port %d: expected a port from 0 to 65535", a.port);
    goto out;
  }
  if (a.jobs < 0 || a.jobs > 64) {
    rc = lp_usage_error("serve", "--jobs %d: expected a number from 1 to 64", a.jobs);
    goto out;
  }
  if (!(project = lp_project_open(a.project, NULL, &err)) || !lp_ctx_grant(ctx, lp_project_root(project), FALSE, &err))
    goto fail;
  engine = lp_engine_new(project, ctx);
  project = NULL;
  lp_engine_check_clinic(engine, ctx, NULL, NULL);
  LpServeCatalog *cat = lp_serve_catalog_new(engine, ctx, &err);
  if (!a.quiet) {
    GPtrArray *diags = lp_ctx_take_diags(ctx);
    lp_print_diags(diags);
    g_ptr_array_unref(diags);
  }
  if (!cat)
    goto fail;
  LpServeOptions o = {.listen = a.listen, .port = (guint)a.port, .threads = (guint)a.jobs};
  if (!(serve = lp_serve_new(engine, cat, &o, &err))) {
    if (lp_error_code(err) == LP_EXIT_USAGE) {
      rc = lp_usage_error("serve", "%s", err->message);
      g_clear_error(&err);
      goto out;
    }
    goto fail;
  }
  char *url = lp_serve_url(serve);
  printf("leafpress serve: the front desk is at %s\n", url);
  if (!lp_serve_is_local(serve))
    printf("leafpress serve: this address is open to other computers; each needs the address above, with its token\n");
  printf("leafpress serve: Ctrl+C stops it\n");
  fflush(stdout);
  g_free(url);
  lp_serve_run(serve, lp_interrupt_flag());
  if (!a.quiet) {
    char *sum = lp_serve_summary(serve);
    fprintf(stderr, "leafpress serve: stopped after %s\n", sum);
    g_free(sum);
  }
  /* Stopped by a signal, as it is meant to be: a clean exit. */
  goto out;
fail:
  rc = lp_report_error(err);
out:
  lp_serve_free(serve);
  lp_engine_free(engine);
  lp_project_free(project);
  lp_ctx_free(ctx);
  g_free(a.listen);
  g_free(a.project);
  g_option_context_free(octx);
  return rc;
}
