#include "page/font.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>

struct LpFont {
  gint refs;
  char *file;
  int index;
  cairo_font_face_t *face;
  GMutex lock;
  GHashTable *scaled; /* size (as a pointer-sized key of size*64) → cairo_scaled_font_t* */
  int cff;            /* -1 not known yet, else whether the outlines are CFF */
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
  f->cff = -1;
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

cairo_scaled_font_t *lp_font_scaled_face(cairo_font_face_t *face, double size) {
  cairo_matrix_t fm, ctm;
  cairo_matrix_init_scale(&fm, size, size);
  cairo_matrix_init_identity(&ctm);
  cairo_font_options_t *opt = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
  cairo_scaled_font_t *sf = cairo_scaled_font_create(face, &fm, &ctm, opt);
  cairo_font_options_destroy(opt);
  return sf;
}

cairo_scaled_font_t *lp_font_scaled(LpFont *f, double size) {
  /* Sizes are kept to 1/64 pt, finer than any layout step. */
  gpointer key = GSIZE_TO_POINTER((gsize)(size * 64.0 + 0.5));
  g_mutex_lock(&f->lock);
  cairo_scaled_font_t *sf = g_hash_table_lookup(f->scaled, key);
  if (!sf) {
    sf = lp_font_scaled_face(f->face, size);
    g_hash_table_insert(f->scaled, key, sf);
  }
  g_mutex_unlock(&f->lock);
  return sf;
}

gboolean lp_font_is_cff(LpFont *f) {
  g_mutex_lock(&f->lock);
  if (f->cff < 0) {
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->file);
    hb_face_t *face = blob ? hb_face_create(blob, (unsigned)f->index) : NULL;
    hb_blob_t *cff = face ? hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' ')) : NULL;
    f->cff = cff && hb_blob_get_length(cff) > 0;
    hb_blob_destroy(cff);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
  gboolean yes = f->cff > 0;
  g_mutex_unlock(&f->lock);
  return yes;
}

/* What a subset face keeps alive: its own FreeType library (faces outlive the
 * writer that made them in cairo's caches, and a library is not shared
 * between threads), the face, and the subset's bytes. */
typedef struct {
  FT_Library lib;
  FT_Face face;
  hb_blob_t *blob;
} SubsetFace;

static void subset_face_free(void *p) {
  SubsetFace *s = p;
  FT_Done_Face(s->face);
  FT_Done_FreeType(s->lib);
  hb_blob_destroy(s->blob);
  g_free(s);
}

static const cairo_user_data_key_t subset_key;

cairo_font_face_t *lp_font_face_subset(LpFont *f, const unsigned *glyphs, guint n_glyphs) {
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->file);
  hb_face_t *face = blob ? hb_face_create(blob, (unsigned)f->index) : NULL;
  hb_subset_input_t *in = face ? hb_subset_input_create_or_fail() : NULL;
  hb_face_t *sub = NULL;
  if (in) {
    hb_set_t *keep = hb_subset_input_glyph_set(in);
    for (guint i = 0; i < n_glyphs; i++)
      hb_set_add(keep, glyphs[i]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_DESUBROUTINIZE);
    sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
  }
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  if (!sub)
    return NULL;
  SubsetFace *s = g_new0(SubsetFace, 1);
  s->blob = hb_face_reference_blob(sub);
  hb_face_destroy(sub);
  unsigned len = 0;
  const char *data = hb_blob_get_data(s->blob, &len);
  if (FT_Init_FreeType(&s->lib) != 0) {
    hb_blob_destroy(s->blob);
    g_free(s);
    return NULL;
  }
  if (len == 0 || FT_New_Memory_Face(s->lib, (const FT_Byte *)data, (FT_Long)len, 0, &s->face) != 0) {
    FT_Done_FreeType(s->lib);
    hb_blob_destroy(s->blob);
    g_free(s);
    return NULL;
  }
  cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(s->face, 0);
  if (cairo_font_face_set_user_data(cf, &subset_key, s, subset_face_free) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(cf);
    subset_face_free(s);
    return NULL;
  }
  return cf;
}
