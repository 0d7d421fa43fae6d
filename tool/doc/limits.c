#include "doc/limits.h"

#include <string.h>

#define KiB ((gsize)1024)
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

static const struct {
  const char *name;
  gsize def, ceiling;
  gboolean bytes;
  const char *what;
} table[LP_LIMIT_COUNT] = {
    [LP_LIMIT_INPUT_SIZE] = {"input-size", 8 * MiB, 1 * GiB, TRUE, "bytes of any one input file"},
    [LP_LIMIT_FRONT_MATTER_SIZE] = {"front-matter-size", 64 * KiB, 8 * MiB, TRUE, "bytes of an article's front matter"},
    [LP_LIMIT_TIMELINE_SIZE] = {"timeline-size", 32 * KiB, 8 * MiB, TRUE, "bytes of a timeline block"},
    [LP_LIMIT_YAML_DEPTH] = {"yaml-depth", 32, 256, FALSE, "nesting of YAML lists and maps"},
    [LP_LIMIT_LIST_DEPTH] = {"list-depth", 3, 8, FALSE, "nesting of Markdown lists"},
    [LP_LIMIT_INLINE_DEPTH] = {"inline-depth", 16, 64, FALSE, "nesting of emphasis and links"},
    [LP_LIMIT_PARAGRAPH_LENGTH] = {"paragraph-length", 20000, 1000000, FALSE,
                                   "characters of one paragraph, heading or list item"},
    [LP_LIMIT_PHASES] = {"phases", 12, 64, FALSE, "phases of a timeline"},
    [LP_LIMIT_TICKS] = {"ticks", 16, 64, FALSE, "ticks of a timeline"},
    [LP_LIMIT_MARKERS] = {"markers", 8, 64, FALSE, "markers of a timeline"},
    [LP_LIMIT_PAGES] = {"pages", 64, 10000, FALSE, "pages of one output"},
    [LP_LIMIT_CSV_ROWS] = {"csv-rows", 100000, 100000000, FALSE, "rows of a data file"},
    [LP_LIMIT_CSV_FIELD] = {"csv-field-size", 4096, 16 * MiB, TRUE, "bytes of one data field"},
    [LP_LIMIT_OUTPUT_SIZE] = {"output-size", 1 * GiB, 1024 * GiB, TRUE, "bytes one command writes"},
    [LP_LIMIT_IMAGE_PIXELS] = {"image-pixels", 16 * 1024 * 1024, 256 * 1024 * 1024, FALSE,
                               "pixels of a picture or the clinic's logo (width times height)"},
};

void lp_limits_init(LpLimits *limits) {
  for (int l = 0; l < LP_LIMIT_COUNT; l++)
    limits->v[l] = table[l].def;
}

gsize lp_limit_default(LpLimit l) { return table[l].def; }
const char *lp_limit_name(LpLimit l) { return table[l].name; }

static gpointer make_hints(gpointer data) {
  char(*hints)[96] = data;
  for (int l = 0; l < LP_LIMIT_COUNT; l++)
    g_snprintf(hints[l], 96, "(limit '%s'; raise it with --limit %s=N)", table[l].name, table[l].name);
  return data;
}

const char *lp_limit_hint(LpLimit l) {
  static char hints[LP_LIMIT_COUNT][96];
  static GOnce once = G_ONCE_INIT;
  g_once(&once, make_hints, hints);
  return hints[l];
}

static gboolean parse_value(const char *s, gboolean bytes, guint64 *out) {
  char *end = NULL;
  guint64 v = g_ascii_strtoull(s, &end, 10);
  if (end == s || !g_ascii_isdigit(*s))
    return FALSE;
  guint64 mult = 1;
  if (bytes && *end) {
    switch (g_ascii_toupper(*end)) {
    case 'K': mult = KiB; break;
    case 'M': mult = MiB; break;
    case 'G': mult = GiB; break;
    default: return FALSE;
    }
    end++;
  }
  if (*end || (v > 0 && mult > G_MAXUINT64 / v))
    return FALSE;
  *out = v * mult;
  return TRUE;
}

gboolean lp_limits_set_arg(LpLimits *limits, const char *arg, GError **err) {
  const char *eq = strchr(arg, '=');
  for (int l = 0; eq && l < LP_LIMIT_COUNT; l++) {
    if (strlen(table[l].name) != (gsize)(eq - arg) || strncmp(arg, table[l].name, (gsize)(eq - arg)) != 0)
      continue;
    guint64 v;
    if (!parse_value(eq + 1, table[l].bytes, &v) || v == 0) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "--limit %s: expected a positive number%s", arg,
                   table[l].bytes ? " of bytes (K, M or G for KiB, MiB, GiB)" : "");
      return FALSE;
    }
    if (v > table[l].ceiling) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "--limit %s: at most %" G_GSIZE_FORMAT " (%s)", arg, table[l].ceiling,
                   table[l].what);
      return FALSE;
    }
    limits->v[l] = (gsize)v;
    return TRUE;
  }
  GString *names = g_string_new(NULL);
  for (int l = 0; l < LP_LIMIT_COUNT; l++)
    g_string_append_printf(names, "%s%s", l ? ", " : "", table[l].name);
  lp_set_error(err, LP_EXIT_USAGE, NULL, "--limit %s: expected NAME=N with NAME one of %s", arg, names->str);
  g_string_free(names, TRUE);
  return FALSE;
}

void lp_limits_describe(GString *out) {
  for (int l = 0; l < LP_LIMIT_COUNT; l++)
    g_string_append_printf(out, "  %-18s %10" G_GSIZE_FORMAT "  %s\n", table[l].name, table[l].def, table[l].what);
}
