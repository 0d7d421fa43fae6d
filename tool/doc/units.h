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
