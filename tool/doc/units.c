#include "doc/units.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

char *lp_parse_length(const char *s, double *pt) {
  static const struct {
    const char *unit;
    double pt;
  } units[] = {{"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 720.0 / 25.4}, {"in", 72.0}};
  while (g_ascii_isspace(*s))
    s++;
  char *end = NULL;
  double v = g_ascii_strtod(s, &end);
  if (end == s || !isfinite(v))
    return g_strdup("expected a length such as 12pt, 4.5mm, 1cm or 0.5in");
  while (g_ascii_isspace(*end))
    end++;
  gsize unit_len = strlen(end);
  while (unit_len && g_ascii_isspace(end[unit_len - 1]))
    unit_len--;
  if (!unit_len) {
    if (v == 0) {
      *pt = 0;
      return NULL;
    }
    return g_strdup_printf("the length %g has no unit: write %gpt, %gmm, %gcm or %gin", v, v, v, v, v);
  }
  for (gsize i = 0; i < G_N_ELEMENTS(units); i++)
    if (strlen(units[i].unit) == unit_len && strncmp(end, units[i].unit, unit_len) == 0) {
      if (v < 0 || v > 10000)
        return g_strdup_printf("the length %s is out of range (0 to 10000)", s);
      *pt = v * units[i].pt;
      return NULL;
    }
  return g_strdup_printf("unknown unit '%.*s' in length: use pt, mm, cm or in", (int)unit_len, end);
}

static int hexval(char c) { return g_ascii_xdigit_value(c); }

char *lp_parse_color(const char *s, LpColor *out) {
  while (g_ascii_isspace(*s))
    s++;
  gsize n = strlen(s);
  while (n && g_ascii_isspace(s[n - 1]))
    n--;
  if (s[0] == '#' && (n == 7 || n == 4)) {
    int d[6], k = 0;
    for (gsize i = 1; i < n; i++)
      if ((d[k++] = hexval(s[i])) < 0)
        goto bad_hex;
    if (n == 7)
      *out = lp_color_rgb_new((d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0, (d[4] * 16 + d[5]) / 255.0);
    else
      *out = lp_color_rgb_new(d[0] * 17 / 255.0, d[1] * 17 / 255.0, d[2] * 17 / 255.0);
    return NULL;
  bad_hex:
    return g_strdup_printf("'%.*s' is not a colour: #rrggbb takes hexadecimal digits 0-9, a-f", (int)n, s);
  }
  if (g_ascii_strncasecmp(s, "cmyk(", 5) == 0 && n > 6 && s[n - 1] == ')') {
    char *inner = g_strndup(s + 5, n - 6);
    char **parts = g_strsplit(inner, ",", -1);
    g_free(inner);
    char *msg = NULL;
    if (g_strv_length(parts) != 4)
      msg = g_strdup("cmyk() takes four components: cmyk(c, m, y, k)");
    LpColor c = {LP_COLOR_CMYK, {0}};
    for (int i = 0; !msg && i < 4; i++) {
      char *p = g_strstrip(parts[i]), *end = NULL;
      double v = g_ascii_strtod(p, &end);
      gboolean pct = end && *end == '%';
      if (pct)
        end++;
      if (end == p || *end || !isfinite(v))
        msg = g_strdup_printf("'%s' is not a number in cmyk()", p);
      else {
        if (pct)
          v /= 100.0;
        if (v < 0 || v > 1)
          msg = g_strdup_printf("cmyk() components go from 0 to 1 (or 0%% to 100%%), found %s", p);
        c.v[i] = v;
      }
    }
    g_strfreev(parts);
    if (!msg)
      *out = c;
    return msg;
  }
  return g_strdup_printf("'%.*s' is not a colour: write #rrggbb or cmyk(c, m, y, k)", (int)n, s);
}

char *lp_parse_date(const char *s, int *year, int *month, int *day) {
  /* Digits only: sscanf alone would let blanks and signs through, and the date
   * goes verbatim into the PDF's dates. */
  gboolean shape = strlen(s) == 10;
  for (int i = 0; shape && i < 10; i++)
    shape = i == 4 || i == 7 ? s[i] == '-' : g_ascii_isdigit(s[i]);
  unsigned y, m, d;
  if (!shape || sscanf(s, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return g_strdup_printf("'%s' is not a date: write YYYY-MM-DD, e.g. 2026-11-28", s);
  if (y < 1900 || y > 9999 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return g_strdup_printf("%s is not a day of the calendar", s);
  *year = (int)y;
  *month = (int)m;
  *day = (int)d;
  return NULL;
}
