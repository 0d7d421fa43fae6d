#include "page/font.h"

struct LpFont {
  gint refs;
  char *file;
  int index;
  cairo_font_face_t *face;
  GMutex lock;
  GHashTable *scaled; /* size (as a pointer-sized key of size*64) → cairo_scaled_font_t* */
};

LpFont *lp_font_new(const char *file, int index, cairo_font_face_t *face) {
  LpFont *f = g_new0(LpFont, 1);
  f->refs = 1;
  f->file = g_strdup(file);
  f->index = index;
  f->face = cairo_font_face_reference(face);
  g_mutex_init(&f->lock);
  f->scaled = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                    (GDestroyNotify)cairo_scaled_font_destroy);
  return f;
}

LpFont *lp_font_ref(LpFont *f) {
  g_atomic_int_inc(&f->refs);
  return f;
}

void lp_font_unref(LpFont *f) {
  if (!f || !g_atomic_int_dec_and_test(&f->refs))
    return;
  g_hash_table_unref(f->scaled);
  g_mutex_clear(&f->lock);
  cairo_font_face_destroy(f->face);
  g_free(f->file);
  g_free(f);
}

const char *lp_font_file(const LpFont *f) { return f->file; }
int lp_font_index(const LpFont *f) { return f->index; }
cairo_font_face_t *lp_font_face(const LpFont *f) { return f->face; }

cairo_scaled_font_t *lp_font_scaled(LpFont *f, double size) {
  /* Sizes are kept to 1/64 pt, finer than any layout step. */
  gpointer key = GSIZE_TO_POINTER((gsize)(size * 64.0 + 0.5));
  g_mutex_lock(&f->lock);
  cairo_scaled_font_t *sf = g_hash_table_lookup(f->scaled, key);
  if (!sf) {
    cairo_matrix_t fm, ctm;
    cairo_matrix_init_scale(&fm, size, size);
    cairo_matrix_init_identity(&ctm);
    cairo_font_options_t *opt = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
    sf = cairo_scaled_font_create(f->face, &fm, &ctm, opt);
    cairo_font_options_destroy(opt);
    g_hash_table_insert(f->scaled, key, sf);
  }
  g_mutex_unlock(&f->lock);
  return sf;
}
