/* A book: the finished pages of one output plus what a document carries besides
 * its pages (metadata, bookmarks). Layout produces it; writers consume it. */
#pragma once
#include "page/page.h"

typedef struct {
  char *title;
  char *author;
  char *subject;
  char *keywords;
  char *creator;
  char *lang;     /* BCP 47 */
  char *date;     /* ISO 8601, e.g. 2026-11-01T00:00:00Z; never the clock */
  gboolean rtl;   /* the document's main direction is right to left */
} LpBookInfo;

typedef struct {
  int level;      /* 1 = top */
  char *title;
  guint page;     /* 0-based */
  double y;       /* pt from the top of the page */
} LpOutlineEntry;

typedef struct LpBook LpBook;

LpBook *lp_book_new(void);
void lp_book_free(LpBook *book);

LpBookInfo *lp_book_info(LpBook *book);
const LpBookInfo *lp_book_info_const(const LpBook *book);
/* Gives `to` a copy of `from`'s metadata (an imposed or folded book carries
 * its text's), replacing what it had. */
void lp_book_copy_info(LpBook *to, const LpBook *from);

void lp_book_add_page(LpBook *book, LpPage *page); /* takes page */
guint lp_book_n_pages(const LpBook *book);
LpPage *lp_book_page(const LpBook *book, guint i);

void lp_book_add_outline(LpBook *book, int level, const char *title, guint page, double y);
guint lp_book_n_outline(const LpBook *book);
const LpOutlineEntry *lp_book_outline(const LpBook *book, guint i);

/* The alternate texts of the Figure structure elements, in page order (NULL
 * entries for figures without one). The strings belong to the book. */
GPtrArray *lp_book_figure_alts(const LpBook *book);
/* The reading places (int) of the LP_ROLE_PLACED elements, in page order:
 * where each page placed on a sheet comes when the document is read. Empty
 * for a book that is not on sheets. */
GArray *lp_book_placed_order(const LpBook *book);
/* A structure element the pages open: its role (interned) and block
 * (LpTagItem.block: the same number on every piece of one paragraph, list
 * or section; -1 for none). */
typedef struct {
  const char *role;
  int block;
} LpStructBlock;
/* The structure elements of the pages in drawing order, as a writer makes
 * them: none inside an artifact and none of the spans in another language
 * (finish/join.h). */
GArray *lp_book_struct_blocks(const LpBook *book);
/* The languages of the Spans of text in another language, in page order (the
 * order their elements have in the structure tree). The strings belong to the book. */
GPtrArray *lp_book_span_langs(const LpBook *book);

/* The font files the pages use, sorted (for depfiles and reports). */
GPtrArray *lp_book_font_files(const LpBook *book);
