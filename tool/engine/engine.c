#include "engine/engine.h"

#include <string.h>

#include "finish/finish.h"
#include "verify/proof.h"
#include "verify/verify.h"
#include "layout/locale.h"
#include "layout/layout.h"
#include "page/marks.h"
#include "layout/fonts.h"
#include "layout/hyph.h"
#include "read/article.h"
#include "read/clinic.h"
#include "read/languages.h"

/* What one build needs to itself: a pango font map is not thread-safe, and
 * the paragraph cache is keyed by its fonts. Borrowed from the pool for a
 * build, given back after. */
typedef struct {
  LpFonts *fonts;
  LpParaCache *paras;
} State;

struct LpEngine {
  LpProject *project;
  LpCtx *ctx;
  GMutex lock;
  GPtrArray *idle; /* State*: not in use */
  LpLangs *langs;  /* the language data, read on first use */
};

static void state_free(gpointer p) {
  State *s = p;
  lp_para_cache_free(s->paras);
  lp_fonts_free(s->fonts);
  g_free(s);
}

LpEngine *lp_engine_new(LpProject *project, LpCtx *ctx) {
  LpEngine *e = g_new0(LpEngine, 1);
  e->project = project;
  e->ctx = ctx;
  g_mutex_init(&e->lock);
  e->idle = g_ptr_array_new_with_free_func(state_free);
  return e;
}

void lp_engine_free(LpEngine *e) {
  if (!e)
    return;
  g_ptr_array_unref(e->idle);
  lp_langs_free(e->langs);
  g_mutex_clear(&e->lock);
  lp_project_free(e->project);
  g_free(e);
}

const LpProject *lp_engine_project(const LpEngine *e) { return e->project; }
LpCtx *lp_engine_ctx(const LpEngine *e) { return e->ctx; }

const LpLangs *lp_engine_languages(LpEngine *e, GError **err) {
  g_mutex_lock(&e->lock);
  if (!e->langs) {
    LpLangs *langs = lp_langs_new();
    GPtrArray *files = lp_project_languages(e->project);
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < files->len; i++)
      ok = lp_languages_read(e->ctx, g_ptr_array_index(files, i), langs, err);
    g_ptr_array_unref(files);
    if (ok)
      e->langs = langs;
    else
      lp_langs_free(langs);
  }
  g_mutex_unlock(&e->lock);
  return e->langs;
}

/* The facts of the document's language; what is missing is told. */
static gboolean doc_lang(LpEngine *e, LpCtx *ctx, const LpDoc *doc, const LpLang **out, GError **err) {
  const LpLangs *langs = lp_engine_languages(e, err);
  if (!langs)
    return FALSE;
  const LpMeta *m = lp_doc_meta_const(doc);
  const LpLang *l = lp_langs_find(langs, m->lang);
  if (!l)
    lp_ctx_warn_hint(ctx, &m->lang_pos, "add an entry for it to the project's languages.yaml (docs/translations.md)",
                     "no language data for '%s': it is set left to right, in the layout's fonts, without "
                     "hyphenation",
                     m->lang);
  else if (l->hyphenation && !lp_hyph_known(l->hyphenation))
    lp_ctx_warn_hint(ctx, &m->lang_pos,
                     l->hyph_package ? "install the Debian package that has it" : "install the dictionary",
                     "the hyphenation dictionary %s for '%s' is not installed%s%s%s: words are not hyphenated",
                     l->hyphenation, m->lang, l->hyph_package ? " (Debian package " : "",
                     l->hyph_package ? l->hyph_package : "", l->hyph_package ? ")" : "");
  /* A span in another language is set in that language's fonts: one the data
   * does not know would be set in the document's, so it is refused where it
   * is written (the reader checked its shape). */
  for (guint i = 0; i < m->span_langs->len; i++) {
    const LpLangUse *u = &g_array_index(m->span_langs, LpLangUse, i);
    if (lp_langs_find(langs, u->tag)) {
      /* A tag that is a language's but not the words' (a copied span). */
      char *script = NULL;
      if (u->text && !lp_locale_writes(u->tag, u->text, &script))
        lp_ctx_warn(ctx, &u->pos,
                    "the span '%s' is marked as '%s', but its letters are %s, which '%s' is not written in: is "
                    "the tag right?",
                    u->text, u->tag, script, u->tag);
      g_free(script);
      continue;
    }
    const char *near = lp_nearest(u->tag, lp_langs_tags(langs));
    lp_set_error_hint(err, LP_EXIT_INPUT, &u->pos, "add an entry for it to the project's languages.yaml (docs/translations.md)",
                      "a span in the language '%s', which the language data does not know%s%s%s", u->tag,
                      near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
    return FALSE;
  }
  *out = l;
  return TRUE;
}

/* A writer that embeds no CFF fonts (haru) and a language whose fonts are
 * CFF (Noto Sans CJK): refused when the build is planned, before anything is
 * laid out, at the article's language, naming the font. The writer checks the
 * laid-out pages again (a font the configuration chose for a character the
 * language's fonts lack). */
static gboolean writer_takes_fonts(const LpWriterClass *w, LpFonts *fonts, const LpDoc *doc, const LpLang *lang,
                                   GError **err) {
  const LpMeta *m = lp_doc_meta_const(doc);
  /* A language whose text a writer does not yet set so that it reads back
   * (languages.yaml `writers:`): refused here, not after a failed proof. */
  if (lang && lang->writers && !g_strv_contains((const char *const *)lang->writers, w->name)) {
    char *list = g_strjoinv(", ", lang->writers);
    lp_set_error_hint(err, LP_EXIT_USAGE, &m->lang_pos, "use the cairo writer (--writer cairo)",
                      "the %s writer does not set %s ('%s') so that its text reads back as written; languages.yaml "
                      "gives it the writers %s",
                      w->name, lang->name ? lang->name : m->lang, m->lang, list);
    g_free(list);
    return FALSE;
  }
  if (w->cff || !lang || !lang->fonts)
    return TRUE;
  PangoContext *pc = lp_fonts_context(fonts, m->lang, lang->rtl);
  for (char **fam = lang->fonts; *fam; fam++) {
    PangoFontDescription *d = pango_font_description_from_string(*fam);
    pango_font_description_set_family(d, *fam);
    PangoFont *pf = pango_context_load_font(pc, d);
    pango_font_description_free(d);
    if (!pf)
      continue;
    LpFont *lf = lp_fonts_font(fonts, pf);
    PangoFontDescription *got = pango_font_describe(pf);
    char *desc = g_strdup(pango_font_description_get_family(got));
    pango_font_description_free(got);
    g_object_unref(pf);
    if (!lp_font_is_cff(lf)) {
      g_free(desc);
      continue;
    }
    char *base = g_path_get_basename(lp_font_file(lf));
    lp_set_error_hint(err, LP_EXIT_USAGE, &m->lang_pos, "use the cairo writer (--writer cairo)",
                      "the %s writer cannot embed %s (%s: CFF outlines, and it embeds TrueType outlines "
                      "only), the font languages.yaml gives '%s' (%s)",
                      w->name, desc, base, m->lang, lang->name ? lang->name : m->lang);
    g_free(base);
    g_free(desc);
    return FALSE;
  }
  return TRUE;
}

/* A writer that cannot draw SVG as vectors (haru) and an SVG picture or logo:
 * refused when the build is planned, at the picture, before anything is laid out. */
static gboolean writer_takes_pictures(const LpWriterClass *w, const LpDoc *doc, const LpVars *vars, GError **err) {
  if (w->vectors)
    return TRUE;
  for (guint i = 0; i < lp_doc_n_blocks(doc); i++) {
    const LpBlock *b = lp_doc_block(doc, i);
    const LpPicture *p = lp_block_kind(b) == LP_BLOCK_PICTURE ? lp_block_picture(b) : NULL;
    if (p && p->format == LP_PICTURE_SVG) {
      lp_set_error_hint(err, LP_EXIT_USAGE, &p->pos, "use the cairo writer (--writer cairo), or give it as a PNG or JPEG",
                        "the %s writer cannot draw the SVG picture '%s' as vectors (libharu takes PNG and JPEG only)",
                        w->name, p->name);
      return FALSE;
    }
  }
  const char *logo = vars ? lp_vars_get(vars, "clinic.logo") : NULL;
  if (logo && *logo && lp_clinic_logo_format(logo) == LP_PICTURE_SVG) {
    LpPos pos = lp_vars_pos(vars, "clinic.logo");
    lp_set_error_hint(err, LP_EXIT_USAGE, &pos, "use the cairo writer (--writer cairo), or give the logo as a PNG or JPEG",
                      "the %s writer cannot draw the clinic's SVG logo as vectors (libharu takes PNG and JPEG only)",
                      w->name);
    return FALSE;
  }
  return TRUE;
}

/* One build at a time sets, draws and reads back text in this process.
 * cairo 1.16 (Debian 12's) keeps one glyph cache for every scaled font of the
 * process and evicts from it without holding the evicted font's lock; fonts
 * are shared between threads whatever their font maps (cairo caches faces
 * by file). Several builds at once in many languages crashed inside libcairo
 * (glyph extents from pango, drawing in the writer and the read-back) in 1 of
 * 2 to 9 of 11 runs. Everything that reaches a scaled font — layout, writers,
 * proofs, verification — runs under this lock; reading inputs, planning,
 * freshness and writing files stay parallel. Recursive: sheets of results
 * are written under it too. */
static GRecMutex text_lock;

static State *borrow(LpEngine *e, GError **err) {
  g_mutex_lock(&e->lock);
  State *s = e->idle->len ? g_ptr_array_steal_index(e->idle, e->idle->len - 1) : NULL;
  g_mutex_unlock(&e->lock);
  if (s)
    return s;
  char *conf = lp_project_fonts_conf(e->project);
  LpFonts *fonts = lp_fonts_new(conf, err);
  g_free(conf);
  if (!fonts)
    return NULL;
  s = g_new0(State, 1);
  s->fonts = fonts;
  s->paras = lp_para_cache_new();
  return s;
}

static void give_back(LpEngine *e, State *s) {
  g_mutex_lock(&e->lock);
  g_ptr_array_add(e->idle, s);
  g_mutex_unlock(&e->lock);
}

gboolean lp_print_check(const LpPrint *p, const LpFormat *formats, guint n_formats, GError **err) {
  const LpWriterClass *w = p->writer ? p->writer : lp_writer_default();
  if (p->cmyk && !w->cmyk) {
    lp_set_error(err, LP_EXIT_USAGE, NULL,
                 "--cmyk needs --writer haru: the %s writer has no DeviceCMYK colour (cairo 1.16 writes RGB)", w->name);
    return FALSE;
  }
  if (p->pdfa && p->owner_password) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--pdfa and --owner-password cannot go together: PDF/A forbids encryption");
    return FALSE;
  }
  if (p->allow && !p->owner_password) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--allow needs --owner-password: permissions come with encryption");
    return FALSE;
  }
  (void)formats;
  (void)n_formats; /* every writer's PDF gives proofs: they are rendered from it */
  return TRUE;
}

gboolean lp_print_set_sheet(LpPrint *p, const char *sheet, const char *duplex, GError **err) {
  if (duplex && !sheet) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--duplex %s needs --sheet: only sheets of several pages are turned over",
                 duplex);
    return FALSE;
  }
  if (sheet && !lp_impose_sheet_find(sheet, &p->sheet_w, &p->sheet_h, err))
    return FALSE;
  return !duplex || lp_impose_duplex_parse(duplex, &p->duplex, err);
}

static void out_file_free(gpointer p) {
  LpOutFile *f = p;
  g_bytes_unref(f->bytes);
  g_free(f);
}

void lp_result_free(LpResult *r) {
  if (!r)
    return;
  g_ptr_array_unref(r->files);
  g_ptr_array_unref(r->fonts);
  g_ptr_array_unref(r->inputs);
  if (r->diags)
    g_ptr_array_unref(r->diags);
  g_free(r->article_id);
  g_free(r->lang);
  g_free(r->layout);
  lp_book_free(r->kept);
  g_free(r);
}

static gboolean cancelled(LpCtx *ctx, GError **err) {
  if (!lp_ctx_cancelled(ctx))
    return FALSE;
  lp_set_error(err, LP_EXIT_IO, NULL, "interrupted");
  return TRUE;
}

/* Where a run of the pages came from, for the verifier's messages. */
static char *place(const LpGlyphRun *run, guint page, gpointer data) {
  LpPos pos;
  if (!lp_doc_locate_text(data, run->text, (gsize)run->text_len, &pos))
    return NULL;
  return g_strdup_printf("%s:%d:%d", pos.file, pos.line, pos.col);
}

/* Reads the finished PDF back and proves it against the pages; in a batch,
 * only what no earlier output proved. */
static gboolean verify(const LpRequest *req, const LpDoc *doc, const LpBook *book, const LpWriterClass *w,
                       const LpWriteOptions *opt, double layout_bleed, GBytes *pdf, LpResult *r, GError **err) {
  if (req->no_verify)
    return TRUE;
  char *key = doc ? g_strdup_printf("%s|%s|%s|%g", lp_doc_path(doc), r->layout, w->name, req->print.sheet_w)
                  : g_strdup("sheets");
  gboolean needed = !req->seen || lp_seen_needs(req->seen, key, book);
  gboolean ok = TRUE;
  if (needed) {
    gint64 t0 = g_get_monotonic_time();
    LpVerifyOptions vo = {
        .offset = lp_write_offset(opt),
        .bleed = layout_bleed,
        .writer = w->name,
        .place = doc ? place : NULL,
        .place_data = (gpointer)doc,
        .cancel = opt->cancel,
    };
    ok = lp_verify_pdf(pdf, book, &vo, NULL, err);
    r->verify_ms += (double)(g_get_monotonic_time() - t0) / 1000.0;
    r->verified = ok;
    if (ok && req->seen)
      lp_seen_mark(req->seen, key, book);
  }
  g_free(key);
  return ok;
}

/* The finished PDF of the book: written, finished and proven. Sheets are
 * written at their size: each page on them keeps its bleed and marks inside
 * the sheet (impose/impose.h), so the sheet itself has neither. */
static GBytes *make_pdf(LpCtx *ctx, const LpRequest *req, const LpDoc *doc, const LpBook *book,
                        double layout_bleed, gboolean sheets, LpResult *r, GError **err) {
  const LpPrint *p = &req->print;
  const LpWriterClass *w = p->writer ? p->writer : lp_writer_default();
  LpWriteOptions opt = {
      .format = LP_FORMAT_PDF,
      .bleed = sheets ? 0 : p->bleed || p->crop_marks ? layout_bleed : 0,
      .slug = sheets ? 0 : p->crop_marks ? LP_CROP_SLUG : 0,
      .cmyk = p->cmyk,
      .cancel = lp_ctx_cancel_flag(ctx),
  };
  GPtrArray *files = lp_write(w, book, &opt, err);
  if (!files)
    return NULL;
  GPtrArray *alts = lp_book_figure_alts(book);
  GArray *placed = lp_book_placed_order(book);
  GPtrArray *span_langs = lp_book_span_langs(book);
  GArray *blocks = lp_book_struct_blocks(book);
  LpFinishOptions fin = {
      .lang = lp_book_info_const(book)->lang,
      .tagged = w->tagged,
      .repairs = w->repairs,
      .figure_alts = alts,
      .placed_order = placed,
      .span_langs = span_langs,
      .struct_blocks = blocks,
      .info = lp_book_info_const(book),
      .bleed = opt.bleed,
      .slug = opt.slug,
      .pdfa = p->pdfa,
      .cmyk = p->cmyk,
      .owner_password = p->owner_password,
      .allow = p->allow,
  };
  GBytes *done = lp_finish_pdf(g_ptr_array_index(files, 0), &fin, err);
  g_ptr_array_unref(alts);
  g_array_unref(placed);
  g_ptr_array_unref(span_langs);
  g_array_unref(blocks);
  g_ptr_array_unref(files);
  if (done && !verify(req, doc, book, w, &opt, sheets ? 0 : layout_bleed, done, r, err))
    g_clear_pointer(&done, g_bytes_unref);
  return done;
}

static void add_file(LpResult *r, LpFormat f, guint page, GBytes *bytes) {
  LpOutFile *one = g_new0(LpOutFile, 1);
  *one = (LpOutFile){.format = f, .page = page, .bytes = bytes};
  g_ptr_array_add(r->files, one);
}

/* Every format asked for, into result->files: the PDF, and proofs rendered
 * from it (verify/proof.h), never from the pages: what a proof shows is what
 * the file prints. */
static gboolean render(LpCtx *ctx, const LpRequest *req, const LpDoc *doc, const LpBook *book,
                       const LpLayoutSpec *spec, gboolean sheets, const LpFormat *formats, guint n_formats,
                       LpResult *r, GError **err) {
  GBytes *pdf = make_pdf(ctx, req, doc, book, spec->bleed, sheets, r, err);
  gboolean ok = pdf != NULL;
  for (guint i = 0; ok && i < n_formats; i++) {
    if (cancelled(ctx, err)) {
      ok = FALSE;
    } else if (formats[i] == LP_FORMAT_PDF) {
      add_file(r, LP_FORMAT_PDF, 0, g_bytes_ref(pdf));
    } else {
      GPtrArray *pages = lp_proof_render(pdf, formats[i], req->print.dpi, lp_ctx_cancel_flag(ctx), err);
      ok = pages != NULL;
      for (guint k = 0; ok && k < pages->len; k++)
        add_file(r, formats[i], k + 1, g_bytes_ref(g_ptr_array_index(pages, k)));
      if (pages)
        g_ptr_array_unref(pages);
    }
  }
  if (pdf)
    g_bytes_unref(pdf);
  return ok;
}

/* What the sheet had no room for is told: a bleed or marks asked for and
 * not printed would otherwise be a silent change. */
static void warn_kept(LpCtx *ctx, const LpPrint *p, double bleed, const LpImposeKept *k) {
  if ((p->bleed || p->crop_marks) && bleed > 0 && k->bleed < bleed - 0.01)
    lp_ctx_warn_hint(ctx, NULL, "a larger sheet (sra4, sra3) has room for the bleed and marks",
                     "--sheet: the pages fill the sheet: each keeps %.1f mm of its %.1f mm bleed", k->bleed * 25.4 / 72,
                     bleed * 25.4 / 72);
  if (p->crop_marks && k->marks == 0)
    lp_ctx_warn_hint(ctx, NULL, "a larger sheet (sra4, sra3) has room for them",
                     "--sheet: the pages fill the sheet: there is no room for a crop mark");
}

GBytes *lp_engine_sheets(LpEngine *e, LpCtx *ctx, LpResult *const *results, guint n, const LpPrint *print,
                         gboolean no_verify, GError **err) {
  if (!ctx)
    ctx = e->ctx;
  if (n == 0 || !results[0]->kept) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error: sheets of no pages");
    return NULL;
  }
  LpBook **books = g_new0(LpBook *, n);
  for (guint i = 0; i < n; i++)
    books[i] = results[i]->kept;
  const LpResult *first = results[0];
  LpImposeOptions io = {
      .sheet_w = print->sheet_w,
      .sheet_h = print->sheet_h,
      .duplex = print->duplex,
      .mode = first->imposition,
      .bleed = print->bleed || print->crop_marks ? first->bleed : 0,
      .marks = print->crop_marks,
      .creep = first->creep,
      .rtl = lp_book_info_const(books[0])->rtl,
      .fill = FALSE,
  };
  LpImposeKept kept = {0};
  io.kept = &kept;
  LpBook *sheets = lp_impose(books, n, &io, err);
  g_free(books);
  if (!sheets)
    return NULL;
  warn_kept(ctx, print, first->bleed, &kept);
  LpRequest req = {.print = *print, .no_verify = no_verify, .ctx = ctx};
  LpResult scratch = {.layout = first->layout};
  g_rec_mutex_lock(&text_lock);
  GBytes *pdf = make_pdf(ctx, &req, NULL, sheets, 0, TRUE, &scratch, err);
  lp_book_free(sheets);
  g_rec_mutex_unlock(&text_lock);
  return pdf;
}

LpResult *lp_engine_build(LpEngine *e, const LpRequest *req, GError **err) {
  LpCtx *ctx = req->ctx ? req->ctx : e->ctx;
  guint first_diag = lp_ctx_n_diags(ctx);
  static const LpFormat pdf_only[] = {LP_FORMAT_PDF};
  const LpFormat *formats = req->formats ? req->formats : pdf_only;
  guint n_formats = req->formats ? req->n_formats : 1;
  LpDoc *own_doc = NULL;
  LpVars *own_vars = NULL;
  LpLayoutSpec *own_spec = NULL;
  LpBook *book = NULL, *sheets = NULL;
  LpResult *r = NULL;
  State *state = NULL;
  gboolean locked = FALSE;
  char *date = NULL, *creator = NULL;
  const LpDoc *doc = req->doc;
  const LpVars *vars = req->vars;
  const LpLayoutSpec *spec = req->spec;

  if (!lp_print_check(&req->print, formats, n_formats, err))
    goto out;
  if (!doc && !(doc = own_doc = lp_article_read(ctx, req->article, err)))
    goto out;
  if (req->release && !lp_engine_release_ready(ctx, doc, err))
    goto out;
  if (lp_doc_meta_const(doc)->example)
    lp_ctx_warn(ctx, &lp_doc_meta_const(doc)->example_pos,
                "this is an example article (example: true): its text is not your clinic's, and --release refuses it");
  if (!vars && !(vars = own_vars = lp_engine_values(e, ctx, doc, req->clinic, req->sets, err)))
    goto out;
  if (!spec && !(spec = own_spec = lp_engine_layout(e, ctx, req->layout, vars, err)))
    goto out;
  if (own_vars && req->sets) {
    /* Values gathered here from --set: one that nothing prints is said. */
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    lp_engine_layout_keys(spec, vars, used);
    lp_engine_warn_unused_sets(ctx, req->sets, used);
    g_hash_table_unref(used);
  }
  const LpLang *lang = NULL;
  if (!doc_lang(e, ctx, doc, &lang, err) || cancelled(ctx, err))
    goto out;
  g_rec_mutex_lock(&text_lock);
  locked = TRUE;
  if (!(state = borrow(e, err)) ||
      !writer_takes_fonts(req->print.writer ? req->print.writer : lp_writer_default(), state->fonts, doc, lang, err) ||
      !writer_takes_pictures(req->print.writer ? req->print.writer : lp_writer_default(), doc, vars, err) ||
      !(date = lp_engine_date(doc, err)))
    goto out;
  creator = g_strdup_printf("leafpress %s", LP_VERSION);
  LpLayoutInput in = {
      .doc = doc,
      .spec = spec,
      .vars = vars,
      .fonts = state->fonts,
      .date = date,
      .creator = creator,
      .paras = state->paras,
      .ctx = ctx,
      .lang = lang,
      .langs = lp_engine_languages(e, NULL), /* read by doc_lang above */
  };
  if (!(book = lp_layout_run(&in, err)) || cancelled(ctx, err))
    goto out;
  const LpPrint *pr = &req->print;
  if (pr->sheet_w > 0) {
    LpImposeOptions io = {
        .sheet_w = pr->sheet_w,
        .sheet_h = pr->sheet_h,
        .duplex = pr->duplex,
        .mode = spec->imposition,
        .bleed = pr->bleed || pr->crop_marks ? spec->bleed : 0,
        .marks = pr->crop_marks,
        .creep = spec->creep,
        .rtl = lp_book_info_const(book)->rtl,
        .fill = TRUE,
    };
    LpImposeKept kept = {0};
    io.kept = &kept;
    if (!(sheets = lp_impose(&book, 1, &io, err)))
      goto out;
    warn_kept(ctx, pr, spec->bleed, &kept);
  } else if (pr->crop_marks) {
    lp_marks_add_crop(book, spec->bleed, LP_CROP_SLUG);
  }
  r = g_new0(LpResult, 1);
  r->files = g_ptr_array_new_with_free_func(out_file_free);
  r->fonts = lp_book_font_files(book);
  r->inputs = lp_engine_inputs(e, doc, spec, vars, req->clinic);
  r->pages = lp_book_n_pages(sheets ? sheets : book);
  r->article_id = g_strdup(lp_doc_id(doc));
  r->lang = g_strdup(lp_doc_meta_const(doc)->lang);
  r->layout = g_strdup(spec->name);
  gboolean ok = render(ctx, req, doc, sheets ? sheets : book, spec, sheets != NULL, formats, n_formats, r, err) &&
               !cancelled(ctx, err);
  if (ok && req->keep_pages) {
    r->bleed = spec->bleed;
    r->imposition = spec->imposition;
    r->creep = spec->creep;
    r->kept = book;
    book = NULL;
  }
  if (!ok)
    g_clear_pointer(&r, lp_result_free);
out:
  if (r) {
    /* A copy of this build's warnings; the context is the caller's. */
    r->diags = lp_ctx_copy_diags(ctx, first_diag);
  }
  lp_book_free(sheets);
  lp_book_free(book);
  if (state)
    give_back(e, state);
  if (locked)
    g_rec_mutex_unlock(&text_lock);
  g_free(creator);
  g_free(date);
  lp_layout_spec_free(own_spec);
  lp_vars_free(own_vars);
  lp_doc_free(own_doc);
  return r;
}
