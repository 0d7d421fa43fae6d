/* Fuzz target: the front matter — YAML (libyaml through read/yaml.c) mapped
 * to an article's metadata (read/frontmatter.c). */
#include "fuzz.h"
#include "read/frontmatter.h"
#include "read/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!lp_fuzz_text(data, size))
    return 0;
  GError *err = NULL;
  LpYaml *root = lp_yaml_parse(lp_fuzz_ctx(), (const char *)data, size, "fuzz.md", 1, &err);
  if (root) {
    LpDoc *doc = lp_doc_new("fuzz.md", (const char *)data, size);
    lp_frontmatter_read(lp_fuzz_ctx(), root, lp_pos("fuzz.md", 1, 1), lp_doc_meta(doc), &err);
    lp_doc_free(doc);
    lp_yaml_free(root);
  }
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
