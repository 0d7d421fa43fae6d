/* Language conventions through ICU, so they do not depend on which system
 * locales happen to be installed: dates written the way the language writes
 * them. */
#pragma once
#include "doc/diag.h"

/* A calendar date in `lang`, shaped by an ICU skeleton: "dMMM" → "28 Nov"
 * (en), "28. Nov." (de); "yMMMMEEEEd" → "Saturday, 28 November 2026". */
char *lp_locale_date(const char *lang, int year, int month, int day, const char *skeleton, GError **err);

/* Adds `days` to a date (the proleptic Gregorian calendar). */
void lp_date_add_days(int *year, int *month, int *day, int days);
