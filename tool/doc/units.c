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

static const char *const date_forms[] = {
    [LP_DATE_FORM_ANY] = "any",
    [LP_DATE_FORM_DMY_DOT] = "DD.MM.YYYY",
    [LP_DATE_FORM_DMY_SLASH] = "DD/MM/YYYY",
    [LP_DATE_FORM_MDY_SLASH] = "MM/DD/YYYY",
    [LP_DATE_FORM_ISO] = "YYYY-MM-DD",
};

gboolean lp_date_form_parse(const char *name, LpDateForm *form) {
  for (int f = LP_DATE_FORM_DMY_DOT; f <= LP_DATE_FORM_ISO; f++)
    if (name && g_ascii_strcasecmp(name, date_forms[f]) == 0) {
      *form = (LpDateForm)f;
      return TRUE;
    }
  return FALSE;
}

const char *lp_date_form_name(LpDateForm form) { return date_forms[form]; }

static const char *const month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};

/* Up to `max` digits at *p (at least one); -1 when there are none. */
static int digits(const char **p, int max, int *count) {
  int v = 0, n = 0;
  while (n < max && g_ascii_isdigit(**p)) {
    v = v * 10 + (**p - '0');
    (*p)++;
    n++;
  }
  *count = n;
  return n ? v : -1;
}

char *lp_parse_date_as(const char *s, LpDateForm form, LpDateOrder order, const char *lang, int *year, int *month,
                       int *day) {
  char *t = g_strstrip(g_strdup(s));
  const char *p = t;
  int n1 = 0, n2 = 0, n3 = 0;
  int a = digits(&p, 4, &n1);
  char sep = a >= 0 ? *p : 0;
  if (sep == '.' || sep == '/' || sep == '-')
    p++;
  int b = sep ? digits(&p, 4, &n2) : -1;
  char sep2 = b >= 0 ? *p : 0;
  if (sep2 == sep)
    p++;
  int c = sep2 == sep ? digits(&p, 4, &n3) : -1;
  char *msg = NULL;
  const char *forms = form == LP_DATE_FORM_ANY ? "2026-11-30, 30.11.2026 or 30/11/2026 (11/30/2026 in US order)" : NULL;
  int y = 0, m = 0, d = 0;
  if (c < 0 || *p) {
    if (c >= 0 && *p == ' ' && strchr(p, ':'))
      msg = g_strdup_printf("'%s' has a time after the date: give the date alone (export the column as a date)", t);
    else if (forms)
      msg = g_strdup_printf("'%s' is not a date: write it %s, with the year in four digits", t, forms);
    else
      msg = g_strdup_printf("'%s' is not a date written %s (--date-format) or YYYY-MM-DD", t, date_forms[form]);
  } else if (sep == '-' && n1 == 4 && n2 <= 2 && n3 <= 2) {
    y = a, m = b, d = c;
  } else if (sep != '-' && n1 <= 2 && n2 <= 2 && n3 == 2) {
    msg = g_strdup_printf("'%s' has a two-digit year: write the year in full (e.g. %d%c%d%c20%02d), so that no "
                          "century is guessed",
                          t, a, sep, b, sep, c);
  } else if (sep != '-' && n1 <= 2 && n2 <= 2 && n3 == 4) {
    y = c;
    LpDateForm said = form;
    if (form != LP_DATE_FORM_ANY && form != LP_DATE_FORM_ISO &&
        (sep == '.') != (form == LP_DATE_FORM_DMY_DOT))
      msg = g_strdup_printf("'%s' is not a date written %s (--date-format) or YYYY-MM-DD", t, date_forms[form]);
    else if (form == LP_DATE_FORM_ISO)
      msg = g_strdup_printf("'%s' is not a date written YYYY-MM-DD (--date-format)", t);
    else if (sep == '.')
      d = a, m = b; /* dots: day first in every language that writes them */
    else if (said == LP_DATE_FORM_DMY_SLASH || (said == LP_DATE_FORM_ANY && order == LP_DATE_DAY_FIRST)) {
      d = a, m = b;
      if (m > 12)
        msg = g_strdup_printf("'%s' is not a date written day first%s%s%s (%d is no month): if the file writes the "
                              "month first, say --date-format MM/DD/YYYY",
                              t, said ? " (--date-format DD/MM/YYYY)" : ", as language '", said ? "" : lang,
                              said ? "" : "' writes dates", m);
    } else if (said == LP_DATE_FORM_MDY_SLASH || (said == LP_DATE_FORM_ANY && order == LP_DATE_MONTH_FIRST)) {
      m = a, d = b;
      if (m > 12)
        msg = g_strdup_printf("'%s' is not a date written month first%s%s%s (%d is no month): if the file writes the "
                              "day first, say --date-format DD/MM/YYYY",
                              t, said ? " (--date-format MM/DD/YYYY)" : ", as language '", said ? "" : lang,
                              said ? "" : "' writes dates", m);
    } else if (a > 12 || a == b) {
      d = a, m = b;
    } else if (b > 12) {
      m = a, d = b;
    } else if (a >= 1 && b >= 1) {
      msg = g_strdup_printf("'%s' could be %d %s or %d %s %d, and which of day and month comes first is not known "
                            "for language '%s': say it with --date-format DD/MM/YYYY or MM/DD/YYYY (date_format: in "
                            "leafpress.yaml), or write the date as YYYY-MM-DD or DD.MM.YYYY",
                            t, a, month_names[b - 1], b, month_names[a - 1], y, lang);
    } else {
      d = a, m = b; /* a 0: not a day either way, said below */
    }
  } else if (forms) {
    msg = g_strdup_printf("'%s' is not a date: write it %s, with the year in four digits", t, forms);
  } else {
    msg = g_strdup_printf("'%s' is not a date written %s (--date-format) or YYYY-MM-DD", t, date_forms[form]);
  }
  if (!msg && (y < 1900 || y > 9999 || m < 1 || m > 12 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y)))
    msg = g_strdup_printf("%s is not a day of the calendar", t);
  if (!msg) {
    *year = y;
    *month = m;
    *day = d;
  }
  g_free(t);
  return msg;
}
