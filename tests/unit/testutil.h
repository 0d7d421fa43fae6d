/* Helpers shared by the unit tests: where the sources are, a scratch folder,
 * and loading the project's own inputs into a book of pages. */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"
#include "engine/engine.h"
#include "doc/style.h"
#include "layout/fonts.h"
#include "page/book.h"
#include "write/writer.h"

/* $LP_SOURCE_DIR/relative (the source tree). */
char *lp_test_source(const char *relative);
/* A fresh scratch folder for this test program. */
const char *lp_test_tmp(void);
/* Writes `text` to a file in the scratch folder and returns its path. */
char *lp_test_write(const char *name, const char *text);

/* A context for the readers (default limits, no grants), and an engine on
 * the source tree, each made once per test program. */
LpCtx *lp_test_ctx(void);
LpEngine *lp_test_engine(void);
/* The bundled language data's entry for `tag` (NULL when it has none). */
const LpLang *lp_test_lang(const char *tag);

/* The project's fonts, loaded once per test program. */
LpFonts *lp_test_fonts(void);

/* Reads an article and a layout of the source tree and lays them out with the
 * example clinic; fails the test on any error. */
LpBook *lp_test_layout(const char *article, const char *layout);
/* The same, but the layout's error (not the readers') comes back in `err`. */
LpBook *lp_test_layout_or_error(const char *article, const char *layout, GError **err);

/* The book written by `writer` and finished as `leafpress build` does (bleed and
 * slug in pt, 0 for none); fails the test on any error. */
GBytes *lp_test_write_pdf(const LpBook *book, const LpWriterClass *writer, double bleed, double slug);

/* Asserts that `err` is an LP_ERROR with `code` whose formatted text starts
 * with "file:line:col: " for the given line and column and contains
 * `fragment`. */
void lp_test_assert_error(const GError *err, int code, const char *file, int line, int col, const char *fragment);
