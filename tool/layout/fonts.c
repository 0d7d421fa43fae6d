#include "layout/fonts.h"

#include <fontconfig/fontconfig.h>
#include <string.h>
#include <pango/pangofc-fontmap.h>

#include "doc/diag.h"

struct LpFonts {
  FcConfig *config;
  PangoFontMap *map;
  GHashTable *contexts; /* "lang/dir" → PangoContext* */
  GHashTable *fonts;    /* "file#index" → LpFont* */
  GPtrArray *families;  /* char*, sorted, NULL-terminated; made on first use */
  GMutex lock;
};

LpFonts *lp_fonts_new(const char *conf_path, GError **err) {
  LpPos pos = lp_pos(conf_path, 0, 0);
  if (!g_file_test(conf_path, G_FILE_TEST_IS_REGULAR)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot read the font configuration");
    return NULL;
  }
  FcConfig *config = FcConfigCreate();
  if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf_path, FcTrue)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "the font configuration cannot be parsed");
    FcConfigDestroy(config);
    return NULL;
  }
  if (!FcConfigBuildFonts(config)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot load the fonts the configuration names");
    FcConfigDestroy(config);
    return NULL;
  }
  /* Made current before the font map exists, or pango starts loading the
   * system configuration in the background. */
  FcConfigSetCurrent(config);
  LpFonts *f = g_new0(LpFonts, 1);
  f->config = config;
  f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), config);
  f->contexts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
  f->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)lp_font_unref);
  g_mutex_init(&f->lock);
  return f;
}

void lp_fonts_free(LpFonts *f) {
  if (!f)
    return;
  g_hash_table_unref(f->contexts);
  g_hash_table_unref(f->fonts);
  if (f->families)
    g_ptr_array_unref(f->families);
  g_object_unref(f->map);
  FcConfigDestroy(f->config);
  g_mutex_clear(&f->lock);
  g_free(f);
}

PangoContext *lp_fonts_context(LpFonts *f, const char *lang, gboolean rtl) {
  char *key = g_strdup_printf("%s/%d", lang, rtl);
  g_mutex_lock(&f->lock);
  PangoContext *ctx = g_hash_table_lookup(f->contexts, key);
  if (!ctx) {
    ctx = pango_font_map_create_context(f->map);
    cairo_font_options_t *opt = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, opt);
    cairo_font_options_destroy(opt);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string(lang));
    pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    g_hash_table_insert(f->contexts, key, ctx);
    key = NULL;
  }
  g_mutex_unlock(&f->lock);
  g_free(key);
  return ctx;
}

LpFont *lp_fonts_font(LpFonts *f, PangoFont *pf) {
  FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
  FcChar8 *file = NULL;
  int index = 0;
  FcPatternGetString(pat, FC_FILE, 0, &file);
  FcPatternGetInteger(pat, FC_INDEX, 0, &index);
  char *key = g_strdup_printf("%s#%d", file ? (const char *)file : "?", index);
  g_mutex_lock(&f->lock);
  LpFont *font = g_hash_table_lookup(f->fonts, key);
  if (!font) {
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf));
    font = lp_font_new(file ? (const char *)file : "?", index, cairo_scaled_font_get_font_face(sf));
    g_hash_table_insert(f->fonts, key, font);
    key = NULL;
  }
  g_mutex_unlock(&f->lock);
  g_free(key);
  return font;
}

static int cmp_str(gconstpointer a, gconstpointer b) {
  return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

const char *const *lp_fonts_families(LpFonts *f) {
  if (f->families)
    return (const char *const *)f->families->pdata;
  f->families = g_ptr_array_new_with_free_func(g_free);
  FcPattern *pat = FcPatternCreate();
  FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
  FcFontSet *set = FcFontList(f->config, pat, os);
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (int i = 0; set && i < set->nfont; i++) {
    FcChar8 *name;
    for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &name) == FcResultMatch; k++)
      if (g_hash_table_add(seen, name))
        g_ptr_array_add(f->families, g_strdup((const char *)name));
  }
  g_hash_table_unref(seen);
  if (set)
    FcFontSetDestroy(set);
  FcObjectSetDestroy(os);
  FcPatternDestroy(pat);
  g_ptr_array_sort(f->families, cmp_str);
  g_ptr_array_add(f->families, NULL);
  return (const char *const *)f->families->pdata;
}

gboolean lp_fonts_has_family(LpFonts *f, const char *family) {
  for (const char *const *n = lp_fonts_families(f); *n; n++)
    if (g_ascii_strcasecmp(*n, family) == 0)
      return TRUE;
  return FALSE;
}


/* The package a font file came in, asked of dpkg (the file is one of the
 * system's, so its package database knows it); NULL where there is none. */
static char *package_of(const char *file) {
  const char *argv[] = {"dpkg-query", "-S", file, NULL};
  char *out = NULL;
  int status = 0;
  if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                    NULL, &status, NULL) ||
      !g_spawn_check_wait_status(status, NULL)) {
    g_free(out);
    return NULL;
  }
  char *colon = out ? strchr(out, ':') : NULL;
  char *pkg = colon ? g_strndup(out, (gsize)(colon - out)) : NULL;
  g_free(out);
  return pkg;
}

char *lp_fonts_covering(gunichar ch) {
  /* The system's own configuration, read only here: to name, in a message,
   * the installed font that would print a character ours does not admit. */
  FcConfig *sys = FcInitLoadConfigAndFonts();
  if (!sys)
    return NULL;
  FcPattern *pat = FcPatternCreate();
  FcCharSet *cs = FcCharSetCreate();
  FcCharSetAddChar(cs, ch);
  FcPatternAddCharSet(pat, FC_CHARSET, cs);
  FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_FAMILY, NULL);
  FcFontSet *set = FcFontList(sys, pat, os);
  /* The shortest file name of the lowest sort order: the regular face of the
   * plainest family ("NotoSansCuneiform-Regular.ttf"), the same every time. */
  char *best = NULL;
  for (int i = 0; set && i < set->nfont; i++) {
    FcChar8 *file = NULL;
    if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
      continue;
    const char *f = (const char *)file;
    gboolean regular = strstr(f, "-Regular.") != NULL;
    gboolean best_regular = best && strstr(best, "-Regular.") != NULL;
    if (!best || (regular && !best_regular) ||
        (regular == best_regular && (strlen(f) < strlen(best) || (strlen(f) == strlen(best) && strcmp(f, best) < 0)))) {
      g_free(best);
      best = g_strdup(f);
    }
  }
  char *what = NULL;
  if (best) {
    char *base = g_path_get_basename(best);
    char *pkg = package_of(best);
    what = pkg ? g_strdup_printf("%s (Debian package %s)", base, pkg) : g_strdup(base);
    g_free(pkg);
    g_free(base);
  }
  g_free(best);
  if (set)
    FcFontSetDestroy(set);
  FcObjectSetDestroy(os);
  FcCharSetDestroy(cs);
  FcPatternDestroy(pat);
  FcConfigDestroy(sys);
  return what;
}
