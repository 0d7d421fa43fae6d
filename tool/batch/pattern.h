/* Output path patterns: "out/{article}/{lang}/{layout}.{format}".
 *
 * Placeholders are the output's own names ({article}, {lang}, {layout},
 * {format}, {writer}, {row}) and, in a mail merge, the data file's columns
 * ({patient.name}). Every value is made safe as one file-name component first:
 * a patient called "../../etc" or "A/B" cannot steer where a file goes. */
#pragma once
#include "doc/diag.h"

typedef struct LpPattern LpPattern;

/* Checks every placeholder against the built-in names and `columns` (char*,
 * may be NULL); an unknown one is a usage error naming what is allowed. */
LpPattern *lp_pattern_parse(const char *pattern, const GPtrArray *columns, GError **err);
void lp_pattern_free(LpPattern *p);

gboolean lp_pattern_uses(const LpPattern *p, const char *name);
/* The columns the pattern names (char*, owned by the pattern). */
const GPtrArray *lp_pattern_columns(const LpPattern *p);

/* The path for `values` (name → value). A value that leaves nothing safe
 * (empty, only punctuation) is an error naming the placeholder, which
 * `failed` (may be NULL) gets; the caller adds the place. */
char *lp_pattern_expand(const LpPattern *p, GHashTable *values, const char **failed, GError **err);

/* A value as one file-name component: NFC; letters, digits, marks, '-', '_'
 * and '.' kept; runs of anything else (space, slash, control and bidi
 * characters) become one '-'; no leading or trailing '-' or '.'; at most 80
 * bytes. NULL when nothing is left. */
char *lp_safe_name(const char *value);
