/* The cairo writer: PDF (the default), PNG and SVG from the same pages. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "doc/diag.h"
#include "write/writer.h"

/* The faces a PDF draws CFF fonts with (see lp_font_face_subset): font →
 * subset face, and (font, size) → scaled font. */
typedef struct {
  GHashTable *faces;
  GHashTable *scaled;
} PdfFaces;

typedef struct {
  cairo_t *cr;
  gboolean pdf;
  GPtrArray *open_tags;  /* roles, to close them by name */
  GPtrArray *open_items; /* the LpTagItem of each */
  GHashTable *parents;   /* PDF: the LpTagItems with elements or links inside */
  PdfFaces *faces;       /* PDF only, may be NULL */
} Dev;

/* cairo 1.16 marks content only in structure elements without children: in
 * a paragraph with a link (a Link child), the paragraph's own text would be
 * neither tagged nor an artifact. Such content gets a Span of its own. */
static gboolean in_parent(const Dev *dev) {
  return dev->pdf && dev->parents && dev->open_items->len &&
         g_hash_table_contains(dev->parents, g_ptr_array_index(dev->open_items, dev->open_items->len - 1));
}

static void span_begin(Dev *dev, gboolean span) {
  if (span)
    cairo_tag_begin(dev->cr, "Span", NULL);
}

static void span_end(Dev *dev, gboolean span) {
  if (span)
    cairo_tag_end(dev->cr, "Span");
}

typedef struct {
  const LpFont *font;
  gsize size; /* 1/64 pt, as lp_font_scaled keys them */
} SizedKey;

static guint sized_hash(gconstpointer p) {
  const SizedKey *k = p;
  return g_direct_hash(k->font) ^ (guint)k->size;
}

static gboolean sized_equal(gconstpointer a, gconstpointer b) {
  const SizedKey *x = a, *y = b;
  return x->font == y->font && x->size == y->size;
}

static void note_glyphs(gpointer data, const LpGlyphRun *run) {
  GHashTable *used = data; /* LpFont* → GHashTable of glyph ids */
  if (!lp_font_is_cff(run->font))
    return;
  GHashTable *ids = g_hash_table_lookup(used, run->font);
  if (!ids) {
    ids = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_hash_table_insert(used, run->font, ids);
  }
  for (int i = 0; i < run->n_glyphs; i++)
    g_hash_table_add(ids, GUINT_TO_POINTER((guint)run->glyphs[i].index));
}

static int cmp_uint(gconstpointer a, gconstpointer b) {
  guint x = *(const guint *)a, y = *(const guint *)b;
  return x < y ? -1 : x > y;
}

/* cairo 1.16's PDF surface subsets CFF fonts itself and gets their
 * subroutines wrong (Noto Sans CJK: U+5982 如 came out blank, "broken file" to
 * MuPDF). A CFF font is drawn with a face of just the glyphs the book uses,
 * glyph ids kept and without subroutines; TrueType fonts as they are. */
static PdfFaces *pdf_faces(const LpBook *book) {
  GHashTable *used = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_hash_table_unref);
  const LpDevice noting = {.glyphs = note_glyphs};
  for (guint i = 0; i < lp_book_n_pages(book); i++)
    lp_page_replay(lp_book_page(book, i), &noting, used);
  PdfFaces *pf = NULL;
  GHashTableIter it;
  gpointer font, ids;
  g_hash_table_iter_init(&it, used);
  while (g_hash_table_iter_next(&it, &font, &ids)) {
    GArray *list = g_array_new(FALSE, FALSE, sizeof(guint));
    GHashTableIter gi;
    gpointer id;
    g_hash_table_iter_init(&gi, ids);
    while (g_hash_table_iter_next(&gi, &id, NULL)) {
      guint v = GPOINTER_TO_UINT(id);
      g_array_append_val(list, v);
    }
    g_array_sort(list, cmp_uint);
    cairo_font_face_t *face = lp_font_face_subset(font, (const unsigned *)list->data, list->len);
    g_array_free(list, TRUE);
    if (!face)
      continue; /* the font as it is: no worse than before */
    if (!pf) {
      pf = g_new0(PdfFaces, 1);
      pf->faces = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)cairo_font_face_destroy);
      pf->scaled = g_hash_table_new_full(sized_hash, sized_equal, g_free, (GDestroyNotify)cairo_scaled_font_destroy);
    }
    g_hash_table_insert(pf->faces, font, face);
  }
  g_hash_table_unref(used);
  return pf;
}

static void pdf_faces_free(PdfFaces *pf) {
  if (!pf)
    return;
  g_hash_table_unref(pf->scaled);
  g_hash_table_unref(pf->faces);
  g_free(pf);
}

static cairo_scaled_font_t *scaled_for(Dev *dev, const LpGlyphRun *run) {
  cairo_font_face_t *face = dev->faces ? g_hash_table_lookup(dev->faces->faces, run->font) : NULL;
  if (!face)
    return lp_font_scaled(run->font, run->size);
  SizedKey key = {run->font, (gsize)(run->size * 64.0 + 0.5)};
  cairo_scaled_font_t *sf = g_hash_table_lookup(dev->faces->scaled, &key);
  if (!sf) {
    sf = lp_font_scaled_face(face, run->size);
    g_hash_table_insert(dev->faces->scaled, g_memdup2(&key, sizeof key), sf);
  }
  return sf;
}

static void set_color(cairo_t *cr, const LpColor *c, double alpha) {
  double rgb[3];
  lp_color_rgb(c, rgb);
  cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], alpha);
}

static void dev_glyphs(void *d, const LpGlyphRun *run) {
  Dev *dev = d;
  cairo_t *cr = dev->cr;
  gboolean span = in_parent(dev);
  span_begin(dev, span);
  cairo_set_scaled_font(cr, scaled_for(dev, run));
  set_color(cr, &run->color, 1.0);
  if (run->n_clusters > 0)
    cairo_show_text_glyphs(cr, run->text, run->text_len, run->glyphs, run->n_glyphs, run->clusters,
                           run->n_clusters, run->backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
  else
    cairo_show_glyphs(cr, run->glyphs, run->n_glyphs);
  span_end(dev, span);
}

static void draw_path(cairo_t *cr, const LpPathItem *p);

static void dev_path(void *d, const LpPathItem *p) {
  Dev *dev = d;
  gboolean span = in_parent(dev);
  span_begin(dev, span);
  draw_path(dev->cr, p);
  span_end(dev, span);
}

static void draw_path(cairo_t *cr, const LpPathItem *p) {
  cairo_new_path(cr);
  cairo_append_path(cr, p->path);
  if (p->fill) {
    const LpPaint *paint = &p->fill_paint;
    cairo_set_fill_rule(cr, p->fill_rule);
    if (paint->kind == LP_PAINT_LINEAR) {
      cairo_pattern_t *pat = cairo_pattern_create_linear(paint->x0, paint->y0, paint->x1, paint->y1);
      for (int i = 0; i < paint->n_stops; i++) {
        double rgb[3];
        lp_color_rgb(&paint->stops[i].color, rgb);
        cairo_pattern_add_color_stop_rgba(pat, paint->stops[i].offset, rgb[0], rgb[1], rgb[2],
                                          paint->stops[i].alpha);
      }
      cairo_set_source(cr, pat);
      cairo_pattern_destroy(pat);
    } else {
      set_color(cr, &paint->color, paint->alpha);
    }
    if (p->stroke)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (p->stroke) {
    set_color(cr, &p->stroke_color, 1.0);
    cairo_set_line_width(cr, p->line_width);
    cairo_set_line_cap(cr, p->cap);
    cairo_set_line_join(cr, p->join);
    cairo_set_dash(cr, p->dash, p->n_dash, 0);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

static void dev_image(void *d, const LpImageItem *im) {
  Dev *dev = d;
  cairo_t *cr = dev->cr;
  double iw, ih;
  cairo_rectangle_t ext;
  /* An SVG picture is a recording surface: painted as a source it stays
   * vectors (a form in the PDF, paths in the SVG output). */
  if (cairo_surface_get_type(im->surface) == CAIRO_SURFACE_TYPE_RECORDING) {
    if (!cairo_recording_surface_get_extents(im->surface, &ext))
      return;
    iw = ext.width;
    ih = ext.height;
  } else {
    iw = cairo_image_surface_get_width(im->surface);
    ih = cairo_image_surface_get_height(im->surface);
  }
  if (iw <= 0 || ih <= 0)
    return;
  gboolean span = in_parent(dev);
  span_begin(dev, span);
  cairo_save(cr);
  cairo_translate(cr, im->x, im->y);
  cairo_scale(cr, im->w / iw, im->h / ih);
  cairo_set_source_surface(cr, im->surface, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
  span_end(dev, span);
}

/* Attribute strings quote with single quotes; escape them and backslashes. */
static char *quote_attr(const char *s) {
  GString *out = g_string_new(NULL);
  for (; *s; s++) {
    if (*s == '\'' || *s == '\\')
      g_string_append_c(out, '\\');
    g_string_append_c(out, *s);
  }
  return g_string_free(out, FALSE);
}

static void dev_link(void *d, const LpLinkItem *l) {
  Dev *dev = d;
  if (!dev->pdf)
    return;
  /* cairo 1.16 takes a link's rect in the page's own space, whatever the
   * current matrix (the bleed's offset, a group's placement): give it that. */
  cairo_matrix_t ctm;
  cairo_get_matrix(dev->cr, &ctm);
  LpRect r = {l->x, l->y, l->w, l->h};
  r = lp_rect_transform(&r, &ctm);
  char *uri = quote_attr(l->uri);
  char *attrs = g_strdup_printf("rect=[%.2f %.2f %.2f %.2f] uri='%s'", r.x, r.y, r.w, r.h, uri);
  cairo_tag_begin(dev->cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end(dev->cr, CAIRO_TAG_LINK);
  g_free(attrs);
  g_free(uri);
}

/* cairo 1.16 knows no artifacts: cairo_tag_begin takes only the standard
 * structure types (and links). An artifact is written as a structure element
 * of a type leafpress uses for nothing else, Private, whose marked content
 * the finish stage turns into /Artifact and whose elements it removes from the
 * structure tree (finish/artifact.h). Nor does it write attributes: a span in
 * another language is written as NonStruct, which the finish stage turns into
 * a Span with its /Lang (write/writer.h). */
static const char *cairo_role(const LpTagItem *t) {
  if (t->lang)
    return LP_WRITE_LANG_SPAN_ROLE;
  return g_str_equal(t->role, LP_ROLE_ARTIFACT) ? LP_WRITE_ARTIFACT_ROLE : t->role;
}

static gboolean in_artifact(const Dev *dev) {
  for (guint i = 0; i < dev->open_items->len; i++)
    if (g_str_equal(((const LpTagItem *)g_ptr_array_index(dev->open_items, i))->role, LP_ROLE_ARTIFACT))
      return TRUE;
  return FALSE;
}

static void dev_tag_begin(void *d, const LpTagItem *t) {
  Dev *dev = d;
  if (!dev->pdf)
    return;
  /* An artifact holds no structure, a span in another language included
   * (lp_book_span_langs leaves it out too): role NULL, nothing written. */
  const char *role = t->lang && in_artifact(dev) ? NULL : cairo_role(t);
  if (role)
    cairo_tag_begin(dev->cr, role, NULL);
  g_ptr_array_add(dev->open_tags, (gpointer)role);
  g_ptr_array_add(dev->open_items, (gpointer)t);
}

static void dev_tag_end(void *d) {
  Dev *dev = d;
  if (!dev->pdf || dev->open_tags->len == 0)
    return;
  const char *role = g_ptr_array_steal_index(dev->open_tags, dev->open_tags->len - 1);
  g_ptr_array_steal_index(dev->open_items, dev->open_items->len - 1);
  if (role)
    cairo_tag_end(dev->cr, role);
}

/* ---- which elements will have children (see in_parent) ---- */

typedef struct {
  GPtrArray *open; /* LpTagItem* */
  GHashTable *parents;
} Nesting;

static void nest_child(Nesting *n) {
  if (n->open->len)
    g_hash_table_add(n->parents, g_ptr_array_index(n->open, n->open->len - 1));
}

static void nest_begin(void *d, const LpTagItem *t) {
  Nesting *n = d;
  nest_child(n);
  g_ptr_array_add(n->open, (gpointer)t);
}

static void nest_end(void *d) {
  Nesting *n = d;
  if (n->open->len)
    g_ptr_array_steal_index(n->open, n->open->len - 1);
}

static void nest_link(void *d, const LpLinkItem *l) { nest_child(d); }

static GHashTable *find_parents(const LpPage *page) {
  const LpDevice nesting = {.link = nest_link, .tag_begin = nest_begin, .tag_end = nest_end};
  Nesting n = {g_ptr_array_new(), g_hash_table_new(g_direct_hash, g_direct_equal)};
  lp_page_replay(page, &nesting, &n);
  g_ptr_array_unref(n.open);
  return n.parents;
}

static void dev_group_begin(void *d, const LpGroupItem *g) {
  cairo_t *cr = ((Dev *)d)->cr;
  cairo_save(cr);
  cairo_transform(cr, &g->matrix);
  if (g->clip) {
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, 0, lp_page_width(g->content), lp_page_height(g->content));
    cairo_clip(cr);
  }
}

static void dev_group_end(void *d) { cairo_restore(((Dev *)d)->cr); }

static const LpDevice device = {dev_glyphs,    dev_path,    dev_image,       dev_link,
                                dev_tag_begin, dev_tag_end, dev_group_begin, dev_group_end};
/* The same drawing without the text: what a page's glyphs are drawn over. */
static const LpDevice no_text = {NULL,          dev_path,    dev_image,       dev_link,
                                 dev_tag_begin, dev_tag_end, dev_group_begin, dev_group_end};

static cairo_status_t append_bytes(void *closure, const unsigned char *data, unsigned int length) {
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean check(cairo_status_t st, const char *what, GError **err) {
  if (st == CAIRO_STATUS_SUCCESS)
    return TRUE;
  lp_set_error(err, LP_EXIT_IO, NULL, "cairo could not write the %s: %s", what, cairo_status_to_string(st));
  return FALSE;
}

static void draw_with(const LpPage *page, const LpDevice *with, cairo_t *cr, gboolean pdf, double bleed,
                      PdfFaces *faces) {
  Dev dev = {cr, pdf, g_ptr_array_new(), g_ptr_array_new(), pdf ? find_parents(page) : NULL, faces};
  cairo_save(cr);
  cairo_translate(cr, bleed, bleed);
  lp_page_replay(page, with, &dev);
  while (dev.open_tags->len)
    dev_tag_end(&dev);
  cairo_restore(cr);
  g_ptr_array_unref(dev.open_tags);
  g_ptr_array_unref(dev.open_items);
  if (dev.parents)
    g_hash_table_unref(dev.parents);
}

static void draw_page(const LpPage *page, cairo_t *cr, gboolean pdf, double bleed) {
  draw_with(page, &device, cr, pdf, bleed, NULL);
}

void lp_write_cairo_draw(const LpPage *page, cairo_t *cr, double offset, gboolean text) {
  draw_with(page, text ? &device : &no_text, cr, FALSE, offset, NULL);
}

/* cairo writes dates as given; PDF dates must never come from the clock. */
static void set_metadata(cairo_surface_t *s, const LpBookInfo *info) {
  struct {
    cairo_pdf_metadata_t key;
    const char *value;
  } meta[] = {{CAIRO_PDF_METADATA_TITLE, info->title},       {CAIRO_PDF_METADATA_AUTHOR, info->author},
              {CAIRO_PDF_METADATA_SUBJECT, info->subject},   {CAIRO_PDF_METADATA_KEYWORDS, info->keywords},
              {CAIRO_PDF_METADATA_CREATOR, info->creator},   {CAIRO_PDF_METADATA_CREATE_DATE, info->date},
              {CAIRO_PDF_METADATA_MOD_DATE, info->date}};
  for (gsize i = 0; i < G_N_ELEMENTS(meta); i++)
    if (meta[i].value && *meta[i].value)
      cairo_pdf_surface_set_metadata(s, meta[i].key, meta[i].value);
}

static void add_outline(cairo_surface_t *s, const LpBook *book, double bleed) {
  int parents[8] = {CAIRO_PDF_OUTLINE_ROOT};
  for (guint i = 0; i < lp_book_n_outline(book); i++) {
    const LpOutlineEntry *e = lp_book_outline(book, i);
    int level = CLAMP(e->level, 1, 7);
    char *attrs = g_strdup_printf("page=%u pos=[%.2f %.2f]", e->page + 1, 0.0, e->y + bleed);
    int id = cairo_pdf_surface_add_outline(s, parents[level - 1], e->title, attrs, CAIRO_PDF_OUTLINE_FLAG_OPEN);
    g_free(attrs);
    parents[level] = id;
    for (int l = level + 1; l < 8; l++)
      parents[l] = id;
  }
}

static GBytes *write_png(const LpPage *page, const LpWriteOptions *opt, GError **err);
static GBytes *write_svg(const LpPage *page, const LpWriteOptions *opt, GError **err);

/* One document: a PDF surface for all pages, or one proof file per page. */
struct LpWriter {
  const LpBook *book;
  LpWriteOptions opt;
  PdfFaces *faces;        /* PDF: the CFF fonts' subset faces */
  GByteArray *buf;        /* PDF */
  cairo_surface_t *surface;
  cairo_t *cr;
  GPtrArray *files;       /* GBytes*: the proofs so far */
};

static LpWriter *cairo_open(const LpBook *book, const LpWriteOptions *opt, GError **err) {
  LpWriter *w = g_new0(LpWriter, 1);
  w->book = book;
  w->opt = *opt;
  w->files = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  if (opt->format == LP_FORMAT_PDF) {
    double b = lp_write_offset(opt);
    const LpPage *first = lp_book_page(book, 0);
    w->buf = g_byte_array_new();
    w->surface = cairo_pdf_surface_create_for_stream(append_bytes, w->buf, lp_page_width(first) + 2 * b,
                                                     lp_page_height(first) + 2 * b);
    cairo_pdf_surface_restrict_to_version(w->surface, CAIRO_PDF_VERSION_1_5);
    set_metadata(w->surface, lp_book_info_const(book));
    w->faces = pdf_faces(book);
    w->cr = cairo_create(w->surface);
  }
  return w;
}

static gboolean cairo_page(LpWriter *w, const LpPage *page, GError **err) {
  double b = lp_write_offset(&w->opt);
  if (w->opt.format == LP_FORMAT_PDF) {
    cairo_pdf_surface_set_size(w->surface, lp_page_width(page) + 2 * b, lp_page_height(page) + 2 * b);
    draw_with(page, &device, w->cr, TRUE, b, w->faces);
    cairo_show_page(w->cr);
    return check(cairo_status(w->cr), "PDF", err);
  }
  GBytes *one = w->opt.format == LP_FORMAT_PNG ? write_png(page, &w->opt, err) : write_svg(page, &w->opt, err);
  if (!one)
    return FALSE;
  g_ptr_array_add(w->files, one);
  return TRUE;
}

static void cairo_abort(LpWriter *w) {
  if (w->cr)
    cairo_destroy(w->cr);
  if (w->surface)
    cairo_surface_destroy(w->surface);
  if (w->buf)
    g_byte_array_unref(w->buf);
  pdf_faces_free(w->faces);
  g_ptr_array_unref(w->files);
  g_free(w);
}

static GPtrArray *cairo_close(LpWriter *w, GError **err) {
  GPtrArray *files = w->files;
  if (w->opt.format == LP_FORMAT_PDF) {
    add_outline(w->surface, w->book, lp_write_offset(&w->opt));
    cairo_status_t st = cairo_status(w->cr);
    cairo_destroy(w->cr);
    cairo_surface_finish(w->surface); /* one at a time: the engine's text lock */
    pdf_faces_free(w->faces);
    if (st == CAIRO_STATUS_SUCCESS)
      st = cairo_surface_status(w->surface);
    cairo_surface_destroy(w->surface);
    if (check(st, "PDF", err))
      g_ptr_array_add(files, g_byte_array_free_to_bytes(w->buf));
    else
      g_byte_array_unref(w->buf);
  }
  g_free(w);
  if (files->len == 0) {
    g_ptr_array_unref(files);
    return NULL;
  }
  return files;
}

static GBytes *write_png(const LpPage *page, const LpWriteOptions *opt, GError **err) {
  double scale = (opt->dpi > 0 ? opt->dpi : 96) / 72.0;
  double b = lp_write_offset(opt);
  int w = (int)ceil((lp_page_width(page) + 2 * b) * scale), h = (int)ceil((lp_page_height(page) + 2 * b) * scale);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_page(page, cr, FALSE, b);
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  GByteArray *buf = g_byte_array_new();
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_write_to_png_stream(s, append_bytes, buf);
  cairo_surface_destroy(s);
  if (!check(st, "PNG", err)) {
    g_byte_array_unref(buf);
    return NULL;
  }
  return g_byte_array_free_to_bytes(buf);
}

static GBytes *write_svg(const LpPage *page, const LpWriteOptions *opt, GError **err) {
  GByteArray *buf = g_byte_array_new();
  double b = lp_write_offset(opt);
  cairo_surface_t *s =
      cairo_svg_surface_create_for_stream(append_bytes, buf, lp_page_width(page) + 2 * b, lp_page_height(page) + 2 * b);
  cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
  cairo_t *cr = cairo_create(s);
  draw_page(page, cr, FALSE, b);
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (!check(st, "SVG", err)) {
    g_byte_array_unref(buf);
    return NULL;
  }
  return g_byte_array_free_to_bytes(buf);
}

const LpWriterClass lp_writer_cairo = {
    .name = "cairo",
    .about = "the default: PDF (tagged), PNG and SVG proofs from the same pages",
    .formats = 1u << LP_FORMAT_PDF | 1u << LP_FORMAT_PNG | 1u << LP_FORMAT_SVG,
    .cmyk = FALSE, /* cairo 1.16 writes RGB only */
    .tagged = TRUE,
    .cff = TRUE, /* through a subset of its own (pdf_faces) */
    .vectors = TRUE,
    .repairs = LP_REPAIR_STRUCTURE | LP_REPAIR_ARTIFACTS,
    .open = cairo_open,
    .page = cairo_page,
    .close = cairo_close,
    .abort = cairo_abort,
};
