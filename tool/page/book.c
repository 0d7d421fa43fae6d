#include "page/book.h"

#include <string.h>

struct LpBook {
  LpBookInfo info;
  GPtrArray *pages;  /* LpPage* */
  GArray *outline;   /* LpOutlineEntry */
};

static void outline_clear(gpointer data) {
  LpOutlineEntry *e = data;
  g_free(e->title);
}

LpBook *lp_book_new(void) {
  LpBook *b = g_new0(LpBook, 1);
  b->pages = g_ptr_array_new_with_free_func((GDestroyNotify)lp_page_unref);
  b->outline = g_array_new(FALSE, TRUE, sizeof(LpOutlineEntry));
  g_array_set_clear_func(b->outline, outline_clear);
  return b;
}

void lp_book_free(LpBook *b) {
  if (!b)
    return;
  LpBookInfo *i = &b->info;
  g_free(i->title);
  g_free(i->author);
  g_free(i->subject);
  g_free(i->keywords);
  g_free(i->creator);
  g_free(i->lang);
  g_free(i->date);
  g_ptr_array_unref(b->pages);
  g_array_free(b->outline, TRUE);
  g_free(b);
}

LpBookInfo *lp_book_info(LpBook *b) { return &b->info; }
const LpBookInfo *lp_book_info_const(const LpBook *b) { return &b->info; }

void lp_book_copy_info(LpBook *to, const LpBook *from) {
  const LpBookInfo *f = &from->info;
  LpBookInfo *t = &to->info;
  char **fields[] = {&t->title, &t->author, &t->subject, &t->keywords, &t->creator, &t->lang, &t->date};
  const char *values[] = {f->title, f->author, f->subject, f->keywords, f->creator, f->lang, f->date};
  for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
    g_free(*fields[i]);
    *fields[i] = g_strdup(values[i]);
  }
  t->rtl = f->rtl;
}

void lp_book_add_page(LpBook *b, LpPage *page) { g_ptr_array_add(b->pages, page); }
guint lp_book_n_pages(const LpBook *b) { return b->pages->len; }
LpPage *lp_book_page(const LpBook *b, guint i) { return g_ptr_array_index(b->pages, i); }

void lp_book_add_outline(LpBook *b, int level, const char *title, guint page, double y) {
  LpOutlineEntry e = {level, g_strdup(title), page, y};
  g_array_append_val(b->outline, e);
}

guint lp_book_n_outline(const LpBook *b) { return b->outline->len; }
const LpOutlineEntry *lp_book_outline(const LpBook *b, guint i) {
  return &g_array_index(b->outline, LpOutlineEntry, i);
}

static void note_alt(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  if (it->kind == LP_ITEM_TAG_BEGIN && g_str_equal(it->tag.role, "Figure"))
    g_ptr_array_add(data, it->tag.alt);
}

GPtrArray *lp_book_figure_alts(const LpBook *b) {
  GPtrArray *alts = g_ptr_array_new();
  for (guint p = 0; p < b->pages->len; p++)
    lp_page_walk(g_ptr_array_index(b->pages, p), note_alt, alts);
  return alts;
}

static void note_placed(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  if (it->kind == LP_ITEM_TAG_BEGIN && g_str_equal(it->tag.role, LP_ROLE_PLACED))
    g_array_append_val((GArray *)data, it->tag.block);
}

GArray *lp_book_placed_order(const LpBook *b) {
  GArray *order = g_array_new(FALSE, FALSE, sizeof(int));
  for (guint p = 0; p < b->pages->len; p++)
    lp_page_walk(g_ptr_array_index(b->pages, p), note_placed, order);
  return order;
}

/* The tags a writer makes elements of, page by page in drawing order: none
 * inside an artifact (the writers leave those out), nor the artifact itself. */
typedef void (*ElementFn)(const LpTagItem *tag, gpointer data);

typedef struct {
  ElementFn fn;
  gpointer data;
  GArray *open; /* gboolean per open tag: inside an artifact */
} Outside;

static void outside(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  Outside *o = data;
  gboolean inside = o->open->len && g_array_index(o->open, gboolean, o->open->len - 1);
  if (it->kind == LP_ITEM_TAG_BEGIN) {
    gboolean art = inside || g_str_equal(it->tag.role, LP_ROLE_ARTIFACT);
    if (!art)
      o->fn(&it->tag, o->data);
    g_array_append_val(o->open, art);
  } else if (it->kind == LP_ITEM_TAG_END && o->open->len) {
    g_array_set_size(o->open, o->open->len - 1);
  }
}

static void each_element(const LpBook *b, ElementFn fn, gpointer data) {
  Outside o = {fn, data, g_array_new(FALSE, FALSE, sizeof(gboolean))};
  for (guint p = 0; p < b->pages->len; p++) {
    g_array_set_size(o.open, 0);
    lp_page_walk(g_ptr_array_index(b->pages, p), outside, &o);
  }
  g_array_free(o.open, TRUE);
}

static void note_lang(const LpTagItem *t, gpointer data) {
  if (t->lang)
    g_ptr_array_add(data, t->lang);
}

GPtrArray *lp_book_span_langs(const LpBook *b) {
  GPtrArray *langs = g_ptr_array_new();
  each_element(b, note_lang, langs);
  return langs;
}

static void note_block(const LpTagItem *t, gpointer data) {
  if (t->lang)
    return; /* a span in another language: the writer's, joined never */
  LpStructBlock sb = {t->role, t->block};
  g_array_append_val((GArray *)data, sb);
}

GArray *lp_book_struct_blocks(const LpBook *book) {
  GArray *blocks = g_array_new(FALSE, FALSE, sizeof(LpStructBlock));
  each_element(book, note_block, blocks);
  return blocks;
}

static int cmp_str_ptr(gconstpointer a, gconstpointer b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct {
  GHashTable *seen;
  GPtrArray *files;
} Fonts;

static void note_font(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  Fonts *f = data;
  if (it->kind != LP_ITEM_GLYPHS)
    return;
  const char *file = lp_font_file(it->glyphs.font);
  if (g_hash_table_add(f->seen, (gpointer)file))
    g_ptr_array_add(f->files, (gpointer)file);
}

GPtrArray *lp_book_font_files(const LpBook *b) {
  Fonts f = {g_hash_table_new(g_str_hash, g_str_equal), g_ptr_array_new()};
  for (guint p = 0; p < b->pages->len; p++)
    lp_page_walk(g_ptr_array_index(b->pages, p), note_font, &f);
  g_hash_table_unref(f.seen);
  g_ptr_array_sort(f.files, cmp_str_ptr);
  return f.files;
}
