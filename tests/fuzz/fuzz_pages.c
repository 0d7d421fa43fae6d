/* Fuzz target: the whole path from an article to pages — front matter,
 * Markdown, timeline, values, layout (pango), the diagram — with the bundled
 * leaflet and card layouts. Nothing is written. The first byte picks the
 * layout; the rest is the article. */
#include "fuzz.h"
#include "engine/engine.h"
#include "layout/layout.h"
#include "read/article.h"

static LpEngine *engine;
static LpFonts *fonts;
static LpLayoutSpec *specs[2];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  GError *err = NULL;
  LpProject *project = lp_project_open(lp_fuzz_root(), NULL, &err);
  if (project) {
    engine = lp_engine_new(project, lp_fuzz_ctx());
    const char *names[] = {"a4-leaflet", "a5-card"};
    for (int i = 0; i < 2 && !err; i++)
      specs[i] = lp_engine_layout(engine, lp_fuzz_ctx(), names[i], NULL, &err);
    char *conf = lp_fuzz_path("fonts/fonts.conf");
    if (!err)
      fonts = lp_fonts_new(conf, &err);
    g_free(conf);
  }
  if (err)
    g_error("fuzz_pages: %s", err->message);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || !lp_fuzz_text(data + 1, size - 1))
    return 0;
  GError *err = NULL;
  LpCtx *ctx = lp_ctx_new_child(lp_fuzz_ctx()); /* warnings die with it */
  LpLayoutSpec *spec = specs[data[0] & 1];
  LpDoc *doc = lp_article_parse(ctx, "fuzz.md", (const char *)data + 1, size - 1, &err);
  LpVars *vars = doc ? lp_engine_values(engine, ctx, doc, NULL, NULL, &err) : NULL;
  if (vars) {
    char *date = lp_engine_date(doc, &err);
    LpLayoutInput in = {.doc = doc,
                        .spec = spec,
                        .vars = vars,
                        .fonts = fonts,
                        .date = date,
                        .creator = "leafpress fuzz",
                        .ctx = ctx,
                        .lang = lp_langs_find(lp_engine_languages(engine, NULL), lp_doc_meta_const(doc)->lang)};
    LpBook *book = date ? lp_layout_run(&in, &err) : NULL;
    lp_book_free(book);
    g_free(date);
  }
  lp_vars_free(vars);
  lp_doc_free(doc);
  lp_ctx_free(ctx);
  lp_fuzz_check_error(err);
  g_clear_error(&err);
  return 0;
}
