/* Formats by name, and the table of writers. */
#include <string.h>

#include "doc/diag.h"
#include "write/writer.h"

static const char *const names[LP_FORMAT_COUNT] = {"pdf", "png", "svg"};

const char *lp_format_name(LpFormat f) { return names[f]; }

gboolean lp_format_parse(const char *name, LpFormat *out) {
  for (int i = 0; i < LP_FORMAT_COUNT; i++)
    if (g_ascii_strcasecmp(name, names[i]) == 0) {
      *out = (LpFormat)i;
      return TRUE;
    }
  return FALSE;
}

double lp_write_offset(const LpWriteOptions *opt) { return opt->bleed + opt->slug; }

static const LpWriterClass *const table[] = {&lp_writer_cairo, &lp_writer_haru, NULL};

const LpWriterClass *const *lp_writers(void) { return table; }
const LpWriterClass *lp_writer_default(void) { return table[0]; }

const LpWriterClass *lp_writer_find(const char *name) {
  for (const LpWriterClass *const *w = table; *w; w++)
    if (g_ascii_strcasecmp(name, (*w)->name) == 0)
      return *w;
  return NULL;
}

static gpointer make_names(gpointer data) {
  GString *s = g_string_new(NULL);
  for (const LpWriterClass *const *w = table; *w; w++)
    g_string_append_printf(s, "%s%s", s->len ? (w[1] ? ", " : " or ") : "", (*w)->name);
  return g_string_free(s, FALSE);
}

const char *lp_writer_names(void) {
  static GOnce once = G_ONCE_INIT;
  return g_once(&once, make_names, NULL);
}

gboolean lp_writer_writes(const LpWriterClass *w, LpFormat f) { return (w->formats & (1u << f)) != 0; }

GPtrArray *lp_write(const LpWriterClass *w, const LpBook *book, const LpWriteOptions *opt, GError **err) {
  if (!lp_writer_writes(w, opt->format)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "the %s writer does not write %s", w->name, lp_format_name(opt->format));
    return NULL;
  }
  if (lp_book_n_pages(book) == 0) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error: nothing to write (no pages)");
    return NULL;
  }
  LpWriter *doc = w->open(book, opt, err);
  if (!doc)
    return NULL;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < lp_book_n_pages(book); i++) {
    if (opt->cancel && g_atomic_int_get(opt->cancel)) {
      lp_set_error(err, LP_EXIT_IO, NULL, "interrupted");
      ok = FALSE;
      break;
    }
    ok = w->page(doc, lp_book_page(book, i), err);
  }
  if (!ok) {
    w->abort(doc);
    return NULL;
  }
  return w->close(doc, err);
}
