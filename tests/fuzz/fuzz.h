/* What the fuzz targets share: the project's root (layouts, fonts) and the
 * check every target makes of an error — it must be an LP_ERROR with a
 * documented exit code and a non-empty message, never a stray GError. */
#pragma once
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "doc/ctx.h"
#include "doc/diag.h"
#include "doc/doc.h"
#include "read/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The source tree, from the environment (tests/fuzz/run.sh sets it): the
 * binary names no path of the machine it was built on. */
static inline const char *lp_fuzz_root(void) {
  const char *root = g_getenv("LP_SOURCE_DIR");
  if (!root) {
    fputs("set LP_SOURCE_DIR to the source tree (tests/fuzz/run.sh does)\n", stderr);
    abort();
  }
  return root;
}

/* The readers' context: default limits, no grants; one per process. */
static inline LpCtx *lp_fuzz_ctx(void) {
  static LpCtx *ctx;
  if (!ctx)
    ctx = lp_ctx_new();
  return ctx;
}

static inline char *lp_fuzz_path(const char *relative) { return g_build_filename(lp_fuzz_root(), relative, NULL); }

static inline void lp_fuzz_check_error(const GError *err) {
  if (!err)
    return;
  if (err->domain != LP_ERROR || err->code < LP_EXIT_INPUT || err->code > LP_EXIT_IO || !err->message ||
      !*err->message || !g_utf8_validate(err->message, -1, NULL))
    abort(); /* a message a terminal or a JSON report could not carry */
}

/* What every reader gets in leafpress: bytes that lp_source_read has checked
 * (UTF-8, no NUL). Other inputs stop here, with the error checked. */
static inline int lp_fuzz_text(const uint8_t *data, size_t size) {
  GError *err = NULL;
  if (lp_source_check_text("fuzz", (const char *)data, size, 1, &err))
    return 1;
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
