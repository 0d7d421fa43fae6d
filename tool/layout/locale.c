#include "layout/locale.h"

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

#include <string.h>

static gboolean icu_failed(UErrorCode status, const char *what, GError **err) {
  if (U_SUCCESS(status))
    return FALSE;
  lp_set_error(err, LP_EXIT_IO, NULL, "ICU could not %s: %s", what, u_errorName(status));
  return TRUE;
}

char *lp_locale_date(const char *lang, int year, int month, int day, const char *skeleton, GError **err) {
  UErrorCode st = U_ZERO_ERROR;
  char locale[64];
  /* ICU spells locales with underscores: pt-BR → pt_BR. */
  g_strlcpy(locale, lang, sizeof locale);
  g_strdelimit(locale, "-", '_');
  UChar uskel[64], pattern[128], tz[] = {'U', 'T', 'C', 0}, out[256];
  u_uastrncpy(uskel, skeleton, G_N_ELEMENTS(uskel));
  UDateTimePatternGenerator *gen = udatpg_open(locale, &st);
  if (icu_failed(st, "load date patterns", err))
    return NULL;
  int32_t plen = udatpg_getBestPattern(gen, uskel, -1, pattern, G_N_ELEMENTS(pattern), &st);
  udatpg_close(gen);
  if (icu_failed(st, "find a date pattern", err))
    return NULL;
  UDateFormat *fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, tz, -1, pattern, plen, &st);
  if (icu_failed(st, "open a date format", err))
    return NULL;
  /* Noon UTC: the date is the same in every time zone ICU might apply. */
  GDateTime *dt = g_date_time_new_utc(year, month, day, 12, 0, 0);
  UDate when = (UDate)g_date_time_to_unix(dt) * 1000.0;
  g_date_time_unref(dt);
  int32_t n = udat_format(fmt, when, out, G_N_ELEMENTS(out), NULL, &st);
  udat_close(fmt);
  if (icu_failed(st, "format a date", err))
    return NULL;
  char utf8[1024];
  int32_t len = 0;
  u_strToUTF8(utf8, sizeof utf8, &len, out, n, &st);
  if (icu_failed(st, "convert a date to UTF-8", err))
    return NULL;
  return g_strndup(utf8, (gsize)len);
}

void lp_date_add_days(int *year, int *month, int *day, int days) {
  GDate *d = g_date_new_dmy((GDateDay)*day, (GDateMonth)*month, (GDateYear)*year);
  if (days >= 0)
    g_date_add_days(d, (guint)days);
  else
    g_date_subtract_days(d, (guint)-days);
  *year = g_date_get_year(d);
  *month = g_date_get_month(d);
  *day = g_date_get_day(d);
  g_date_free(d);
}
