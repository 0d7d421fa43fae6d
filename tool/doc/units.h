/* Parsers of the values inputs write as text: lengths with units, colours and
 * calendar dates. Every reader (YAML files, --set values, data rows) and the
 * layout use these, so they belong to the shared model. Each returns NULL on
 * success or an explanation of what was expected (the caller adds the place). */
#pragma once
#include "doc/style.h"

/* A length with a unit: 12pt, 4.5mm, 1cm, 0.5in (0 may omit the unit). */
char *lp_parse_length(const char *s, double *pt);
/* #rrggbb, #rgb or cmyk(c, m, y, k) with 0..1 or percentages. */
char *lp_parse_color(const char *s, LpColor *out);
/* A calendar date written YYYY-MM-DD that exists. */
char *lp_parse_date(const char *s, int *year, int *month, int *day);

/* How a data file writes its dates: --date-format, date_format: in the
 * manifest. */
typedef enum {
  LP_DATE_FORM_ANY,       /* not said: any of the forms below */
  LP_DATE_FORM_DMY_DOT,   /* DD.MM.YYYY */
  LP_DATE_FORM_DMY_SLASH, /* DD/MM/YYYY */
  LP_DATE_FORM_MDY_SLASH, /* MM/DD/YYYY */
  LP_DATE_FORM_ISO,       /* YYYY-MM-DD */
} LpDateForm;

/* Which of day and month a language writes first in numeric dates. */
typedef enum { LP_DATE_ORDER_UNKNOWN, LP_DATE_DAY_FIRST, LP_DATE_MONTH_FIRST } LpDateOrder;

/* "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD" → the form. */
gboolean lp_date_form_parse(const char *name, LpDateForm *form);
const char *lp_date_form_name(LpDateForm form);

/* A date the way a spreadsheet exports it: YYYY-MM-DD always; D.M.YYYY
 * (day first); D/M/YYYY or M/D/YYYY, in the order `form` says, or else the
 * order of the language (`order`, for `lang` in messages), or else the one
 * the numbers allow (a day over 12) — a date that could be read either way
 * is refused, never guessed. With `form` given, dates must be written in it
 * (or as YYYY-MM-DD). The year has four digits. */
char *lp_parse_date_as(const char *s, LpDateForm form, LpDateOrder order, const char *lang, int *year, int *month,
                       int *day);
