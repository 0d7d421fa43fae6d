/* Language conventions through ICU, so they do not depend on which system
 * locales happen to be installed: dates written the way the language writes
 * them. */
#pragma once
#include "doc/diag.h"
#include "doc/units.h"

/* A calendar date in `lang`, shaped by an ICU skeleton: "dMMM" → "28 Nov"
 * (en), "28. Nov." (de); "yMMMMEEEEd" → "Saturday, 28 November 2026". */
char *lp_locale_date(const char *lang, int year, int month, int day, const char *skeleton, GError **err);

/* `text` in upper case by the rules of `lang` (Turkish i → İ, German ß → SS),
 * which g_utf8_strup cannot do without the system locale. */
char *lp_locale_upper(const char *lang, const char *text);

/* A whole number written the way `lang` writes numbers by default (Arabic:
 * Arabic-Indic digits). */
char *lp_locale_number(const char *lang, long n);

/* Which of day and month `lang` writes first in its short numeric dates
 * (ICU's short date pattern): for a tag with a region (en-GB), that
 * locale's; for a bare language, the order every region of it agrees on —
 * "en" is UNKNOWN (en-US writes 11/30, en-GB 30/11), "de" DAY_FIRST. */
LpDateOrder lp_locale_date_order(const char *lang);

/* Whether `text` is written in a script `lang` is written in (ICU's scripts
 * of the locale: de → Latin, ja → Han, Hiragana, Katakana): TRUE when any
 * of its letters is, or it has none. FALSE otherwise, with the script of its
 * first letter's name in `*script` (to free): a span marked with the wrong
 * language. TRUE for a tag ICU knows no script of. */
gboolean lp_locale_writes(const char *lang, const char *text, char **script);

/* Adds `days` to a date (the proleptic Gregorian calendar). */
void lp_date_add_days(int *year, int *month, int *day, int days);
