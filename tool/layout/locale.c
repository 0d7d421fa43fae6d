#include "layout/locale.h"

#include <unicode/uscript.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <string.h>

static gboolean icu_failed(UErrorCode status, const char *what, GError **err) {
  if (U_SUCCESS(status))
    return FALSE;
  lp_set_error(err, LP_EXIT_IO, NULL, "ICU could not %s: %s", what, u_errorName(status));
  return TRUE;
}

/* Opening a date format costs ICU about a millisecond (pattern generator,
 * locale data); a card prints six dates and a batch hundreds of cards. The
 * formats are kept per thread (a UDateFormat is not safe to share), keyed by
 * locale and skeleton. */
static void free_formats(gpointer table) { g_hash_table_unref(table); }
static GPrivate thread_formats = G_PRIVATE_INIT(free_formats);

static void close_format(gpointer fmt) { udat_close(fmt); }

static UDateFormat *date_format(const char *locale, const char *skeleton, GError **err) {
  GHashTable *formats = g_private_get(&thread_formats);
  if (!formats) {
    formats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, close_format);
    g_private_set(&thread_formats, formats);
  }
  char *key = g_strconcat(locale, "|", skeleton, NULL);
  UDateFormat *fmt = g_hash_table_lookup(formats, key);
  if (fmt) {
    g_free(key);
    return fmt;
  }
  UErrorCode st = U_ZERO_ERROR;
  UChar uskel[64], pattern[128], tz[] = {'U', 'T', 'C', 0};
  u_uastrncpy(uskel, skeleton, G_N_ELEMENTS(uskel));
  UDateTimePatternGenerator *gen = udatpg_open(locale, &st);
  int32_t plen = 0;
  if (!icu_failed(st, "load date patterns", err)) {
    plen = udatpg_getBestPattern(gen, uskel, -1, pattern, G_N_ELEMENTS(pattern), &st);
    udatpg_close(gen);
    if (!icu_failed(st, "find a date pattern", err)) {
      fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, tz, -1, pattern, plen, &st);
      if (icu_failed(st, "open a date format", err))
        fmt = NULL;
    }
  }
  if (fmt)
    g_hash_table_insert(formats, key, fmt);
  else
    g_free(key);
  return fmt;
}

char *lp_locale_date(const char *lang, int year, int month, int day, const char *skeleton, GError **err) {
  UErrorCode st = U_ZERO_ERROR;
  char locale[64];
  /* ICU spells locales with underscores: pt-BR → pt_BR. */
  g_strlcpy(locale, lang, sizeof locale);
  g_strdelimit(locale, "-", '_');
  UDateFormat *fmt = date_format(locale, skeleton, err);
  if (!fmt)
    return NULL;
  /* Noon UTC: the date is the same in every time zone ICU might apply. */
  GDateTime *dt = g_date_time_new_utc(year, month, day, 12, 0, 0);
  UDate when = (UDate)g_date_time_to_unix(dt) * 1000.0;
  g_date_time_unref(dt);
  UChar out[256];
  int32_t n = udat_format(fmt, when, out, G_N_ELEMENTS(out), NULL, &st);
  if (icu_failed(st, "format a date", err))
    return NULL;
  char utf8[1024];
  int32_t len = 0;
  u_strToUTF8(utf8, sizeof utf8, &len, out, n, &st);
  if (icu_failed(st, "convert a date to UTF-8", err))
    return NULL;
  return g_strndup(utf8, (gsize)len);
}

static void icu_locale(const char *lang, char *out, gsize size) {
  g_strlcpy(out, lang, size);
  g_strdelimit(out, "-", '_');
}

char *lp_locale_upper(const char *lang, const char *text) {
  UErrorCode st = U_ZERO_ERROR;
  char locale[64];
  icu_locale(lang, locale, sizeof locale);
  int32_t n = 0;
  u_strFromUTF8(NULL, 0, &n, text, -1, &st);
  st = U_ZERO_ERROR;
  UChar *in = g_new(UChar, n + 1);
  u_strFromUTF8(in, n + 1, NULL, text, -1, &st);
  /* Upper case can grow (ß → SS): ask for the size first. */
  int32_t m = u_strToUpper(NULL, 0, in, n, locale, &st);
  st = U_ZERO_ERROR;
  UChar *up = g_new(UChar, m + 1);
  u_strToUpper(up, m + 1, in, n, locale, &st);
  int32_t bytes = 0;
  UErrorCode st2 = U_ZERO_ERROR;
  u_strToUTF8(NULL, 0, &bytes, up, m, &st2);
  st2 = U_ZERO_ERROR;
  char *out = g_malloc(bytes + 1);
  u_strToUTF8(out, bytes + 1, NULL, up, m, &st2);
  g_free(in);
  g_free(up);
  if (U_FAILURE(st) || U_FAILURE(st2)) {
    g_free(out);
    return g_strdup(text);
  }
  return out;
}

char *lp_locale_number(const char *lang, long n) {
  UErrorCode st = U_ZERO_ERROR;
  char locale[64];
  icu_locale(lang, locale, sizeof locale);
  UNumberFormat *f = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &st);
  if (U_SUCCESS(st))
    unum_setAttribute(f, UNUM_GROUPING_USED, 0); /* "Page 1200", never "1,200" */
  UChar buf[64];
  int32_t len = U_SUCCESS(st) ? unum_formatInt64(f, n, buf, G_N_ELEMENTS(buf), NULL, &st) : 0;
  if (f)
    unum_close(f);
  char out[256];
  int32_t bytes = 0;
  if (U_SUCCESS(st))
    u_strToUTF8(out, sizeof out, &bytes, buf, len, &st);
  if (U_FAILURE(st))
    return g_strdup_printf("%ld", n);
  return g_strndup(out, (gsize)bytes);
}

/* Day or month first in a locale's short date: the first of 'd' and 'M'
 * outside quotes; UNKNOWN when the year comes first (y/M/d says nothing
 * about a date with the year last). */
static LpDateOrder pattern_order(const char *locale) {
  UErrorCode st = U_ZERO_ERROR;
  UChar tz[] = {'U', 'T', 'C', 0}, pattern[128];
  UDateFormat *f = udat_open(UDAT_NONE, UDAT_SHORT, locale, tz, -1, NULL, 0, &st);
  int32_t n = U_SUCCESS(st) ? udat_toPattern(f, FALSE, pattern, G_N_ELEMENTS(pattern), &st) : 0;
  if (f)
    udat_close(f);
  gboolean quoted = FALSE;
  for (int32_t i = 0; U_SUCCESS(st) && i < n && i < (int32_t)G_N_ELEMENTS(pattern); i++) {
    if (pattern[i] == '\'')
      quoted = !quoted;
    else if (!quoted && pattern[i] == 'y')
      return LP_DATE_ORDER_UNKNOWN;
    else if (!quoted && pattern[i] == 'd')
      return LP_DATE_DAY_FIRST;
    else if (!quoted && pattern[i] == 'M')
      return LP_DATE_MONTH_FIRST;
  }
  return LP_DATE_ORDER_UNKNOWN;
}

/* The answer depends on ICU's data alone: kept for the process. */
static GHashTable *orders;
G_LOCK_DEFINE_STATIC(orders);

LpDateOrder lp_locale_date_order(const char *lang) {
  G_LOCK(orders);
  if (!orders)
    orders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  gpointer known;
  if (g_hash_table_lookup_extended(orders, lang, NULL, &known)) {
    G_UNLOCK(orders);
    return (LpDateOrder)GPOINTER_TO_INT(known);
  }
  char locale[64], language[16] = "", region[8] = "";
  icu_locale(lang, locale, sizeof locale);
  UErrorCode st = U_ZERO_ERROR;
  uloc_getLanguage(locale, language, sizeof language, &st);
  uloc_getCountry(locale, region, sizeof region, &st);
  LpDateOrder order = LP_DATE_ORDER_UNKNOWN;
  if (U_SUCCESS(st) && *region) {
    order = pattern_order(locale);
  } else if (U_SUCCESS(st) && *language) {
    /* Every locale of the language; they must all agree. */
    int day = 0, month = 0;
    for (int32_t i = 0; i < uloc_countAvailable(); i++) {
      const char *other = uloc_getAvailable(i);
      char ol[16] = "";
      UErrorCode s2 = U_ZERO_ERROR;
      uloc_getLanguage(other, ol, sizeof ol, &s2);
      if (U_FAILURE(s2) || strcmp(ol, language) != 0)
        continue;
      LpDateOrder o = pattern_order(other);
      day += o == LP_DATE_DAY_FIRST;
      month += o == LP_DATE_MONTH_FIRST;
    }
    order = day && !month ? LP_DATE_DAY_FIRST : month && !day ? LP_DATE_MONTH_FIRST : LP_DATE_ORDER_UNKNOWN;
  }
  g_hash_table_insert(orders, g_strdup(lang), GINT_TO_POINTER(order));
  G_UNLOCK(orders);
  return order;
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

gboolean lp_locale_writes(const char *lang, const char *text, char **script) {
  UScriptCode codes[8];
  UErrorCode st = U_ZERO_ERROR;
  char *loc = g_strdelimit(g_strdup(lang), "-", '_');
  int n = uscript_getCode(loc, codes, G_N_ELEMENTS(codes), &st);
  g_free(loc);
  if (U_FAILURE(st) || n <= 0)
    return TRUE;
  UScriptCode first = USCRIPT_INVALID_CODE;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isalpha(c))
      continue;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)c, &e);
    if (U_FAILURE(e) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
      continue;
    for (int i = 0; i < n; i++)
      /* Japanese and Korean name their mixes (Jpan, Kore) as well as parts. */
      if (codes[i] == sc || (codes[i] == USCRIPT_JAPANESE && (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
                                                              sc == USCRIPT_KATAKANA)) ||
          (codes[i] == USCRIPT_KOREAN && (sc == USCRIPT_HAN || sc == USCRIPT_HANGUL)))
        return TRUE;
    if (first == USCRIPT_INVALID_CODE)
      first = sc;
  }
  if (first == USCRIPT_INVALID_CODE)
    return TRUE;
  *script = g_strdup(uscript_getName(first));
  return FALSE;
}
