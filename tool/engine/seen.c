#include "engine/seen.h"

struct LpSeen {
  GMutex lock;
  GHashTable *keys;   /* char* */
  GHashTable *glyphs; /* "font#index:glyph" */
};

LpSeen *lp_seen_new(void) {
  LpSeen *s = g_new0(LpSeen, 1);
  g_mutex_init(&s->lock);
  s->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  s->glyphs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return s;
}

void lp_seen_free(LpSeen *s) {
  if (!s)
    return;
  g_hash_table_unref(s->keys);
  g_hash_table_unref(s->glyphs);
  g_mutex_clear(&s->lock);
  g_free(s);
}

typedef struct {
  LpSeen *seen;
  gboolean mark, missing;
  GString *key;
} Walk;

static void visit(const LpItem *it, const cairo_matrix_t *ctm, const LpRect *clip, gpointer data) {
  Walk *w = data;
  if (it->kind != LP_ITEM_GLYPHS || (w->missing && !w->mark))
    return;
  const LpGlyphRun *r = &it->glyphs;
  for (int i = 0; i < r->n_glyphs; i++) {
    g_string_printf(w->key, "%s#%d:%lu", lp_font_file(r->font), lp_font_index(r->font), r->glyphs[i].index);
    if (w->mark)
      g_hash_table_add(w->seen->glyphs, g_strdup(w->key->str));
    else if (!g_hash_table_contains(w->seen->glyphs, w->key->str)) {
      w->missing = TRUE;
      return;
    }
  }
}

static gboolean walk(LpSeen *s, const char *key, const LpBook *book, gboolean mark) {
  Walk w = {s, mark, FALSE, g_string_new(NULL)};
  g_mutex_lock(&s->lock);
  if (mark)
    g_hash_table_add(s->keys, g_strdup(key));
  else
    w.missing = !g_hash_table_contains(s->keys, key);
  for (guint i = 0; i < lp_book_n_pages(book) && (mark || !w.missing); i++)
    lp_page_walk(lp_book_page(book, i), visit, &w);
  g_mutex_unlock(&s->lock);
  g_string_free(w.key, TRUE);
  return w.missing;
}

gboolean lp_seen_needs(LpSeen *s, const char *key, const LpBook *book) { return walk(s, key, book, FALSE); }
void lp_seen_mark(LpSeen *s, const char *key, const LpBook *book) { walk(s, key, book, TRUE); }
