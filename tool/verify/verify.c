/* The verifier's entry: the file opened with poppler, the page count, then each
 * page through the geometry, text and ink checks; problems collected. */
#include "verify/verify.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "page/flatten.h"
#include "verify/check.h"

void lp_verify_problem(LpVerifyPage *v, const LpGlyphRun *run, const char *fmt, ...) {
  v->on_page++;
  if (v->on_page > LP_VERIFY_MAX_PER_PAGE + 1)
    return;
  char *msg;
  if (v->on_page == LP_VERIFY_MAX_PER_PAGE + 1) {
    msg = g_strdup("more problems left out");
  } else {
    va_list ap;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
  }
  char *place = run && v->opt->place ? v->opt->place(run, v->index, v->opt->place_data) : NULL;
  const char *writer = v->opt->writer ? v->opt->writer : "?";
  char *line = g_strdup_printf("%s%spage %u: %s (writer %s)", place ? place : "", place ? ": " : "", v->index + 1,
                               msg, writer);
  g_free(place);
  g_free(msg);
  if (!*v->first)
    *v->first = g_strdup(line);
  if (v->problems)
    g_ptr_array_add(v->problems, line);
  else
    g_free(line);
}

char *lp_verify_excerpt(const char *text, gssize len, int max) {
  if (len < 0)
    len = (gssize)strlen(text);
  GString *s = g_string_new("'");
  int n = 0;
  for (const char *p = text; p < text + len && *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (n++ == max) {
      g_string_append(s, "…");
      break;
    }
    if (c == 0xAD)
      g_string_append(s, "-");
    else if (g_unichar_isspace(c) || c < 0x20)
      g_string_append_c(s, ' ');
    else
      g_string_append_unichar(s, c);
  }
  g_string_append_c(s, '\'');
  return g_string_free(s, FALSE);
}

char *lp_verify_describe_chars(const char *text, int len) {
  GString *s = g_string_new(NULL);
  int n = 0;
  for (const char *p = text; p < text + len; p = g_utf8_next_char(p), n++) {
    if (n == 4) {
      g_string_append(s, " …");
      break;
    }
    g_string_append_printf(s, "%sU+%04X", n ? " " : "", g_utf8_get_char(p));
  }
  g_string_append(s, " '");
  g_string_append_len(s, text, len);
  g_string_append_c(s, '\'');
  return g_string_free(s, FALSE);
}

char *lp_verify_run_logical(const LpGlyphRun *run) {
  GString *s = g_string_new(NULL);
  if (!run->backward || run->n_clusters == 0) {
    g_string_append_len(s, run->text, run->text_len);
  } else {
    const char *t = run->text;
    for (int c = 0; c < run->n_clusters; c++) {
      int nb = run->clusters[c].num_bytes;
      if (run->clusters[c].num_glyphs == 1 && g_utf8_strlen(t, nb) > 1) {
        char *rev = g_utf8_strreverse(t, nb);
        g_string_append_len(s, rev, nb);
        g_free(rev);
      } else {
        g_string_append_len(s, t, nb);
      }
      t += nb;
    }
  }
  char *nfc = g_utf8_normalize(s->str, (gssize)s->len, G_NORMALIZE_NFC);
  g_string_free(s, TRUE);
  return nfc ? nfc : g_strdup("");
}

void lp_verify_glyph_text(const LpGlyphRun *run, int i, const char **text, int *len) {
  *text = run->text;
  *len = 0;
  if (run->n_clusters == 0)
    return;
  int gi = run->backward ? run->n_glyphs : 0;
  const char *t = run->text, *last = NULL;
  int last_len = 0;
  for (int c = 0; c < run->n_clusters; c++) {
    int ng = run->clusters[c].num_glyphs, nb = run->clusters[c].num_bytes;
    int g0 = run->backward ? gi - ng : gi;
    gi = run->backward ? g0 : gi + ng;
    if (nb > 0) {
      last = t;
      last_len = nb;
    }
    if (i >= g0 && i < g0 + ng) {
      *text = last ? last : t;
      *len = last ? last_len : nb;
      return;
    }
    t += nb;
  }
}

double lp_verify_run_baseline(const LpGlyphRun *run) {
  double best = run->glyphs[0].y;
  int best_n = 0;
  for (int i = 0; i < run->n_glyphs && best_n <= run->n_glyphs / 2; i++) {
    int n = 0;
    for (int j = 0; j < run->n_glyphs; j++)
      n += fabs(run->glyphs[j].y - run->glyphs[i].y) < 0.05;
    if (n > best_n) {
      best_n = n;
      best = run->glyphs[i].y;
    }
  }
  return best;
}

/* poppler's own complaints about the file (a broken CMap, a damaged font):
 * poppler-glib logs every one at INFO level in the "Poppler" domain. While a
 * thread verifies, they are collected for it; otherwise they go where they
 * always went. */
static GPrivate complaints_key;

static void on_poppler_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
  GPtrArray *sink = g_private_get(&complaints_key);
  if (sink)
    g_ptr_array_add(sink, g_strdup(message));
  else
    g_log_default_handler(domain, level, message, data);
}

static void listen_to_poppler(void) {
  static gsize once;
  if (g_once_init_enter(&once)) {
    g_log_set_handler("Poppler", G_LOG_LEVEL_INFO, on_poppler_log, NULL);
    g_once_init_leave(&once, 1);
  }
}

/* What poppler said since the last call, as problems (each message once). */
static void report_complaints(LpVerifyPage *v, GPtrArray *sink, GHashTable *said) {
  for (guint i = 0; i < sink->len; i++) {
    const char *m = g_ptr_array_index(sink, i);
    if (g_hash_table_contains(said, m))
      continue;
    g_hash_table_add(said, g_strdup(m));
    lp_verify_problem(v, NULL, "poppler reports: %s", m);
  }
  g_ptr_array_set_size(sink, 0);
}

gboolean lp_verify_pdf(GBytes *pdf, const LpBook *book, const LpVerifyOptions *opt, GPtrArray *problems,
                       GError **err) {
  listen_to_poppler();
  GPtrArray *sink = g_ptr_array_new_with_free_func(g_free);
  GHashTable *said = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_private_set(&complaints_key, sink);
  GError *e = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes(pdf, NULL, &e);
  if (!doc) {
    lp_set_error(err, LP_EXIT_IO, NULL, "verification: poppler cannot read the PDF (writer %s): %s",
                 opt->writer ? opt->writer : "?", e->message);
    g_error_free(e);
    g_private_set(&complaints_key, NULL);
    g_ptr_array_unref(sink);
    g_hash_table_unref(said);
    return FALSE;
  }
  char *first = NULL;
  guint n_pdf = (guint)poppler_document_get_n_pages(doc), n_book = lp_book_n_pages(book);
  LpVerifyStats local = {0};
  LpVerifyStats *stats = opt->stats ? opt->stats : &local;
  memset(stats, 0, sizeof *stats);
  if (n_pdf != n_book) {
    char *msg = g_strdup_printf("the PDF has %u page%s, the layout %u (writer %s)", n_pdf, n_pdf == 1 ? "" : "s",
                                n_book, opt->writer ? opt->writer : "?");
    first = g_strdup(msg);
    if (problems)
      g_ptr_array_add(problems, msg);
    else
      g_free(msg);
  }
  for (guint i = 0; i < MIN(n_pdf, n_book); i++) {
    if (opt->cancel && g_atomic_int_get(opt->cancel)) {
      if (!first)
        first = g_strdup("interrupted");
      break;
    }
    /* A sheet's placed pages are proven where they land. */
    const LpPage *page = lp_book_page(book, i);
    LpPage *flat = NULL;
    if (lp_page_has_groups(page)) {
      GError *why = NULL;
      if (!(flat = lp_page_flatten(page, &why))) {
        if (!first)
          first = g_strdup_printf("page %u: %s (writer %s)", i + 1, why->message, opt->writer ? opt->writer : "?");
        g_error_free(why);
        continue;
      }
      page = flat;
    }
    LpVerifyPage v = {opt, book, i, page, poppler_document_get_page(doc, (int)i), opt->offset,
                      opt->dpi > 0 ? opt->dpi : 48, problems, &first, 0, stats};
    stats->pages++;
    lp_verify_geometry(&v);
    lp_verify_text(&v);
    lp_verify_ink(&v);
    /* What poppler said while it read the file and this page. */
    report_complaints(&v, sink, said);
    g_object_unref(v.pdf);
    if (flat)
      lp_page_unref(flat);
  }
  g_object_unref(doc);
  g_private_set(&complaints_key, NULL);
  g_ptr_array_unref(sink);
  g_hash_table_unref(said);
  if (first) {
    lp_set_error(err, LP_EXIT_IO, NULL, "verification: %s", first);
    g_free(first);
    return FALSE;
  }
  return TRUE;
}
