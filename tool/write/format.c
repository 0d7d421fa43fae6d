#include <string.h>

#include "write/writer.h"

static const char *const names[LP_FORMAT_COUNT] = {"pdf", "png", "svg"};

const char *lp_format_name(LpFormat f) { return names[f]; }

static const char *const writers[LP_WRITER_COUNT] = {"cairo", "haru"};

const char *lp_writer_name(LpWriterKind w) { return writers[w]; }

gboolean lp_writer_parse(const char *name, LpWriterKind *out) {
  for (int i = 0; i < LP_WRITER_COUNT; i++)
    if (g_ascii_strcasecmp(name, writers[i]) == 0) {
      *out = (LpWriterKind)i;
      return TRUE;
    }
  return FALSE;
}

double lp_write_offset(const LpWriteOptions *opt) { return opt->bleed + opt->slug; }

GPtrArray *lp_write(LpWriterKind writer, const LpBook *book, const LpWriteOptions *opt, GError **err) {
  return writer == LP_WRITER_HARU ? lp_write_haru(book, opt, err) : lp_write_cairo(book, opt, err);
}

gboolean lp_format_parse(const char *name, LpFormat *out) {
  for (int i = 0; i < LP_FORMAT_COUNT; i++)
    if (g_ascii_strcasecmp(name, names[i]) == 0) {
      *out = (LpFormat)i;
      return TRUE;
    }
  return FALSE;
}
