/* Fuzz target: a clinic profile (read/clinic.c). */
#include "fuzz.h"
#include "read/clinic.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!lp_fuzz_text(data, size))
    return 0;
  GError *err = NULL;
  LpVars *vars = lp_vars_new();
  char *path = lp_fuzz_path("text/fuzz-clinic.yaml");
  lp_clinic_parse(lp_fuzz_ctx(), path, (const char *)data, size, vars, &err);
  g_free(path);
  lp_vars_free(vars);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
