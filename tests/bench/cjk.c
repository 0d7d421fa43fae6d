/* cjk: cairo 1.16's PDF surface and CFF-flavoured CJK fonts, measured outside
 * leafpress (tests/bench/cjk.sh runs it; README.md there has the results).
 *
 * It sets pages of CJK text with pango (a few hundred distinct common Han
 * characters, kana and hangul; Noto Sans CJK SC Regular from the system's
 * fontconfig), writes them with cairo's PDF surface, then renders the PDF with
 * poppler and counts, glyph by glyph at 144 dpi, the glyphs that have ink in
 * cairo's own rendering of the same glyphs and none in poppler's (less than a
 * tenth of the dark pixels), and those poppler draws otherwise (more than a
 * fifth of the glyph's dark pixels differ). The glyphs are drawn
 * with a cairo face of one of these fonts (--face):
 *   font      the font file itself (what pango gives, what leafpress does today)
 *   subset    a HarfBuzz subset of the used glyphs, glyph ids kept
 *             (HB_SUBSET_FLAGS_RETAIN_GIDS), loaded with FT_New_Memory_Face
 *   desubr    the same, also without subroutines (HB_SUBSET_FLAGS_DESUBROUTINIZE)
 * Glyph ids never change, so pango's shaping stays valid for every face.
 *
 * Usage: cjk [--face font|subset|desubr] [--family NAME] [--size PT] [--han-step N] OUT.pdf
 * --han-step N adds every Nth character of U+4E00-9FFF to the sample (as many
 * pages as it takes). Prints one line: glyphs, glyphs without ink, the first
 * such characters, the time to make the faces and to write the PDF, and the
 * file's size. */
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 40.0
#define SCALE 2.0 /* rendering: 144 dpi */

/* 285 distinct frequent Han characters (Chinese and Japanese use). */
static const char *const HAN =
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家"
    "十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知使点明动开实高意现"
    "长把机力理新本最问加外此老很正间部因应些工物气样全体被重无门话头外回文手世信又走真听关象东先感合思因长教表区"
    "北南西水火山川木金土石田花草鸟鱼马牛羊犬虫风雨雪云电光声色形车船路城市村街店医院病药痛头脑眼耳口鼻手足心肺"
    "胃血肉骨皮毛肩腰腿脚指甲齿舌喉颈背胸腹肝肾治疗检查注射针剂量副作用症状发热咳嗽呕吐头痛腹泻过敏休息睡眠饮食"
    "运动每周早晚月星期今明昨年岁时分秒钟午夜前后左右上中下内外里边旁近远高低快慢多少大小长短新旧好坏冷热轻重";

static char *sample_text(int han_step) {
  GString *s = g_string_new(HAN);
  for (gunichar c = 0x4E00; han_step > 0 && c <= 0x9FFF; c += (gunichar)han_step)
    g_string_append_unichar(s, c);
  for (gunichar c = 0x3041; c <= 0x3096; c++)
    g_string_append_unichar(s, c);
  for (gunichar c = 0x30A1; c <= 0x30FA; c++)
    g_string_append_unichar(s, c);
  for (gunichar c = 0xAC00; c <= 0xD7A3; c += 97)
    g_string_append_unichar(s, c);
  return g_string_free(s, FALSE);
}

typedef struct {
  cairo_glyph_t g; /* on its page */
  int page;
  cairo_scaled_font_t *font; /* pango's */
  PangoFont *pfont;
  gunichar c;
} Placed;

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* ---- the faces ---- */

typedef struct {
  FT_Library lib;
  FT_Face face;
  hb_blob_t *blob;
} Owned;

static void owned_free(void *p) {
  Owned *o = p;
  FT_Done_Face(o->face);
  FT_Done_FreeType(o->lib);
  hb_blob_destroy(o->blob);
  g_free(o);
}

static const cairo_user_data_key_t owned_key;

/* A cairo face of the subset of `file`#`index` to `glyphs`, ids kept. */
static cairo_font_face_t *subset_face(const char *file, int index, hb_set_t *glyphs, gboolean desubr) {
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
  hb_face_t *face = hb_face_create(blob, (unsigned)index);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  hb_set_union(hb_subset_input_glyph_set(in), glyphs);
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS | (desubr ? HB_SUBSET_FLAGS_DESUBROUTINIZE : 0));
  hb_face_t *sub = hb_subset_or_fail(face, in);
  hb_subset_input_destroy(in);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  if (!sub)
    return NULL;
  Owned *o = g_new0(Owned, 1);
  o->blob = hb_face_reference_blob(sub);
  hb_face_destroy(sub);
  unsigned len;
  const char *data = hb_blob_get_data(o->blob, &len);
  FT_Init_FreeType(&o->lib);
  if (FT_New_Memory_Face(o->lib, (const FT_Byte *)data, (FT_Long)len, 0, &o->face) != 0) {
    FT_Done_FreeType(o->lib);
    hb_blob_destroy(o->blob);
    g_free(o);
    return NULL;
  }
  cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(o->face, 0);
  cairo_font_face_set_user_data(cf, &owned_key, o, owned_free);
  return cf;
}

/* ---- counting ink ---- */

static int dark_in(cairo_surface_t *img, double x0, double y0, double x1, double y1) {
  int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
  int st = cairo_image_surface_get_stride(img);
  const guint8 *d = cairo_image_surface_get_data(img);
  int n = 0;
  for (int y = MAX(0, (int)floor(y0 * SCALE)); y < MIN(h, (int)ceil(y1 * SCALE)); y++)
    for (int x = MAX(0, (int)floor(x0 * SCALE)); x < MIN(w, (int)ceil(x1 * SCALE)); x++)
      n += (d[(gsize)y * st + 4 * x + 1]) < 128; /* green channel of xRGB */
  return n;
}

/* Pixels dark in one rendering and not in the other. */
static int differ_in(cairo_surface_t *a, cairo_surface_t *b, double x0, double y0, double x1, double y1) {
  int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
  int st = cairo_image_surface_get_stride(a);
  const guint8 *da = cairo_image_surface_get_data(a), *db = cairo_image_surface_get_data(b);
  int n = 0;
  for (int y = MAX(0, (int)floor(y0 * SCALE)); y < MIN(h, (int)ceil(y1 * SCALE)); y++)
    for (int x = MAX(0, (int)floor(x0 * SCALE)); x < MIN(w, (int)ceil(x1 * SCALE)); x++)
      n += (da[(gsize)y * st + 4 * x + 1] < 128) != (db[(gsize)y * st + 4 * x + 1] < 128);
  return n;
}

static cairo_surface_t *white(cairo_t **cr) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(PAGE_W * SCALE), (int)(PAGE_H * SCALE));
  *cr = cairo_create(s);
  cairo_set_source_rgb(*cr, 1, 1, 1);
  cairo_paint(*cr);
  cairo_scale(*cr, SCALE, SCALE);
  cairo_set_source_rgb(*cr, 0, 0, 0);
  return s;
}

int main(int argc, char **argv) {
  const char *facekind = "font", *family = "Noto Sans CJK SC", *out = NULL;
  double size = 12;
  int han_step = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--face") && i + 1 < argc)
      facekind = argv[++i];
    else if (!strcmp(argv[i], "--family") && i + 1 < argc)
      family = argv[++i];
    else if (!strcmp(argv[i], "--size") && i + 1 < argc)
      size = atof(argv[++i]);
    else if (!strcmp(argv[i], "--han-step") && i + 1 < argc)
      han_step = atoi(argv[++i]);
    else
      out = argv[i];
  }
  if (!out) {
    fprintf(stderr, "usage: cjk [--face font|subset|desubr] [--family NAME] [--size PT] [--han-step N] OUT.pdf\n");
    return 2;
  }
  /* Lay the text out (pango's own font map: the system's fontconfig). */
  char *text = sample_text(han_step);
  PangoFontMap *map = pango_cairo_font_map_get_default();
  PangoContext *ctx = pango_font_map_create_context(map);
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, fo);
  pango_cairo_context_set_resolution(ctx, 72);
  PangoLayout *layout = pango_layout_new(ctx);
  PangoFontDescription *fd = pango_font_description_from_string(family);
  pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
  pango_layout_set_font_description(layout, fd);
  pango_layout_set_width(layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_CHAR);
  pango_layout_set_text(layout, text, -1);
  GArray *placed = g_array_new(FALSE, FALSE, sizeof(Placed));
  PangoLayoutIter *it = pango_layout_get_iter(layout);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run)
      continue;
    int baseline = pango_layout_iter_get_baseline(it);
    PangoRectangle logical;
    pango_layout_iter_get_run_extents(it, NULL, &logical);
    double pen = logical.x / (double)PANGO_SCALE;
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
    for (int g = 0; g < run->glyphs->num_glyphs; g++) {
      PangoGlyphInfo *gi = &run->glyphs->glyphs[g];
      /* Lines go down the page, then onto the next one. */
      double y = baseline / (double)PANGO_SCALE, per_page = PAGE_H - 2 * MARGIN;
      int pg = (int)(y / per_page);
      Placed p = {{gi->glyph, MARGIN + pen + gi->geometry.x_offset / (double)PANGO_SCALE,
                   MARGIN + y - pg * per_page + gi->geometry.y_offset / (double)PANGO_SCALE},
                  pg, sf, run->item->analysis.font,
                  g_utf8_get_char(pango_layout_get_text(layout) + run->item->offset + run->glyphs->log_clusters[g])};
      pen += gi->geometry.width / (double)PANGO_SCALE;
      if (!(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) && gi->glyph != PANGO_GLYPH_EMPTY)
        g_array_append_val(placed, p);
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);

  /* The faces to draw with: one per pango font. */
  gint64 t0 = g_get_monotonic_time();
  GHashTable *faces = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify)cairo_scaled_font_destroy);
  for (guint i = 0; i < placed->len; i++) {
    Placed *p = &g_array_index(placed, Placed, i);
    if (g_hash_table_contains(faces, p->font))
      continue;
    cairo_scaled_font_t *use = cairo_scaled_font_reference(p->font);
    if (strcmp(facekind, "font") != 0) {
      FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(p->pfont));
      FcChar8 *file = NULL;
      int index = 0;
      FcPatternGetString(pat, FC_FILE, 0, &file);
      FcPatternGetInteger(pat, FC_INDEX, 0, &index);
      hb_set_t *used = hb_set_create();
      for (guint j = 0; j < placed->len; j++)
        if (g_array_index(placed, Placed, j).font == p->font)
          hb_set_add(used, (hb_codepoint_t)g_array_index(placed, Placed, j).g.index);
      cairo_font_face_t *cf = subset_face((const char *)file, index, used, strcmp(facekind, "desubr") == 0);
      hb_set_destroy(used);
      if (cf) {
        cairo_matrix_t fm, ctm;
        cairo_scaled_font_get_font_matrix(p->font, &fm);
        cairo_scaled_font_get_ctm(p->font, &ctm);
        cairo_scaled_font_destroy(use);
        use = cairo_scaled_font_create(cf, &fm, &ctm, fo);
        cairo_font_face_destroy(cf);
      }
    }
    g_hash_table_insert(faces, p->font, use);
  }
  gint64 t1 = g_get_monotonic_time();

  /* Write: the same glyphs on every page. */
  GByteArray *pdf = g_byte_array_new();
  cairo_surface_t *ps = cairo_pdf_surface_create_for_stream(append, pdf, PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create(ps);
  int pages = placed->len ? g_array_index(placed, Placed, placed->len - 1).page + 1 : 0;
  for (int pg = 0; pg < pages; pg++) {
    for (guint i = 0; i < placed->len; i++) {
      Placed *p = &g_array_index(placed, Placed, i);
      if (p->page != pg)
        continue;
      cairo_set_scaled_font(cr, g_hash_table_lookup(faces, p->font));
      cairo_show_glyphs(cr, &p->g, 1);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(ps);
  cairo_surface_destroy(ps);
  gint64 t2 = g_get_monotonic_time();
  g_file_set_contents(out, (const char *)pdf->data, (gssize)pdf->len, NULL);

  /* Read back: poppler's rendering against cairo's, glyph by glyph. */
  GBytes *bytes = g_bytes_new(pdf->data, pdf->len);
  PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
  int missing = 0, damaged = 0;
  GString *which = g_string_new(NULL), *hurt = g_string_new(NULL);
  for (int pg = 0; pg < pages; pg++) {
    PopplerPage *page = poppler_document_get_page(doc, pg);
    cairo_t *pc, *rc;
    cairo_surface_t *pimg = white(&pc), *rimg = white(&rc);
    poppler_page_render(page, pc);
    cairo_destroy(pc);
    cairo_surface_flush(pimg);
    for (guint i = 0; i < placed->len; i++) {
      Placed *p = &g_array_index(placed, Placed, i);
      if (p->page == pg) {
        cairo_set_scaled_font(rc, p->font);
        cairo_show_glyphs(rc, &p->g, 1);
      }
    }
    cairo_surface_flush(rimg);
    for (guint i = 0; i < placed->len; i++) {
      Placed *p = &g_array_index(placed, Placed, i);
      if (p->page != pg)
        continue;
      cairo_text_extents_t te;
      cairo_scaled_font_glyph_extents(p->font, &p->g, 1, &te);
      if (te.width <= 0)
        continue;
      double x0 = p->g.x + te.x_bearing, y0 = p->g.y + te.y_bearing, x1 = x0 + te.width, y1 = y0 + te.height;
      int want = dark_in(rimg, x0, y0, x1, y1), got = dark_in(pimg, x0, y0, x1, y1);
      int off = differ_in(rimg, pimg, x0, y0, x1, y1);
      char buf[8] = {0};
      g_unichar_to_utf8(p->c, buf);
      if (want > 0 && got * 10 < want) {
        if (missing++ < 12)
          g_string_append_printf(which, "%sU+%04X %s", which->len ? ", " : "", p->c, buf);
      } else if (want > 0 && off * 5 > want) {
        if (damaged++ < 12)
          g_string_append_printf(hurt, "%sU+%04X %s", hurt->len ? ", " : "", p->c, buf);
      }
    }
    cairo_destroy(rc);
    cairo_surface_destroy(rimg);
    cairo_surface_destroy(pimg);
    g_object_unref(page);
  }
  GHashTable *distinct = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < placed->len; i++)
    g_hash_table_add(distinct, GUINT_TO_POINTER((guint)g_array_index(placed, Placed, i).g.index));
  printf("face %-6s: %u glyphs (%u distinct), %d without ink in poppler%s%s%s, %d drawn otherwise%s%s%s; faces %.1f ms, write %.1f ms, "
         "%u bytes, %d page%s\n",
         facekind, placed->len, g_hash_table_size(distinct), missing, missing ? " (" : "", which->str, missing ? ")" : "", damaged,
         damaged ? " (" : "", hurt->str, damaged ? ")" : "", (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, pdf->len, pages,
         pages == 1 ? "" : "s");
  return 0;
}
