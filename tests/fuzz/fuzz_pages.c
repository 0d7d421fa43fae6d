/* Fuzz target: the whole path from an article to pages — front matter,
 * Markdown, timeline, values, layout (pango), the diagram — with the bundled
 * leaflet and card layouts. Nothing is written. The first byte picks the
 * layout; the rest is the article. */
#include "fuzz.h"
#include "cli/pipeline.h"
#include "layout/layout.h"
#include "read/article.h"
#include "read/layoutfile.h"

static LpSession session;
static LpLayoutSpec *specs[2];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  GError *err = NULL;
  session.project = lp_project_open(lp_fuzz_root(), NULL, &err);
  session.sets = g_ptr_array_new_with_free_func(g_free);
  const char *names[] = {"a4-leaflet", "a5-card"};
  for (int i = 0; i < 2 && session.project; i++) {
    char *path = lp_project_layout(session.project, names[i], &err);
    specs[i] = path ? lp_layoutfile_read(path, &err) : NULL;
    g_free(path);
  }
  if (err)
    g_error("fuzz_pages: %s", err->message);
  lp_warn_set_quiet(TRUE);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || !lp_fuzz_text(data + 1, size - 1))
    return 0;
  GError *err = NULL;
  LpLayoutSpec *spec = specs[data[0] & 1];
  LpDoc *doc = lp_article_parse("fuzz.md", (const char *)data + 1, size - 1, &err);
  LpVars *vars = doc ? lp_session_vars(&session, doc, &err) : NULL;
  LpFonts *fonts = vars ? lp_session_fonts(&session, &err) : NULL;
  if (fonts) {
    char *date = lp_session_date(doc, &err);
    LpLayoutInput in = {doc, spec, vars, fonts, date, "leafpress fuzz", NULL};
    LpBook *book = date ? lp_layout_run(&in, &err) : NULL;
    lp_book_free(book);
    g_free(date);
  }
  lp_vars_free(vars);
  lp_doc_free(doc);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
