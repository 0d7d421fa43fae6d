/* A data file's columns and the values they fill, for a mail merge.
 *
 * A column fills the value of its own name ({patient.name}), or the one the
 * column map names for it (--column name=patient.name, or columns: in the
 * manifest), so that an export from practice software or a spreadsheet
 * needs no editing; the map may also leave a column out (--column notes=).
 * A column whose value nothing prints — no layout, no label, not the output
 * pattern — is an error before anything is built, naming the placeholder it
 * most likely means: a column that is silently unused would put a name in
 * the file and none on the card.
 *
 * Each row's values are checked (the number of fields, bidi controls) and
 * its dates read the way spreadsheets write them (doc/units.h), in the order
 * of the output's language unless --date-format says, and handed on as
 * YYYY-MM-DD. Every error is placed at the field that is wrong. */
#pragma once
#include "doc/units.h"
#include "read/csv.h"

typedef struct {
  char *column; /* the data file's heading */
  char *target; /* the value it fills; "" leaves the column out */
  LpPos pos;    /* where the rule was written (a manifest); file NULL: the command line */
} LpColumnRule;

/* "name=patient.name" (split at the last '=': a heading may hold one) into
 * `rule`; "notes=" leaves the column out. An error (usage, or input at
 * `pos` when it is given) if malformed. */
gboolean lp_column_rule_parse(const char *arg, const LpPos *pos, LpColumnRule *rule, GError **err);
void lp_column_rule_clear(LpColumnRule *rule);

typedef struct LpColumns LpColumns;

/* The columns of `csv` with `rules` applied. Errors, at the rule: a rule
 * for a column the file lacks, two rules for one column. The columns
 * themselves are checked by lp_columns_check_used. */
LpColumns *lp_columns_new(const LpCsv *csv, const LpColumnRule *rules, guint n_rules, GError **err);
void lp_columns_free(LpColumns *columns);

/* The value column `i` fills, or NULL when it is left out. */
const char *lp_columns_target(const LpColumns *columns, guint i);
/* The column that fills `target`, or -1. */
int lp_columns_find(const LpColumns *columns, const char *target);
/* The values the columns fill (char*), for the output pattern. */
const GPtrArray *lp_columns_targets(const LpColumns *columns);

/* An error, at its heading, for the first column that cannot fill what it
 * says: a name that is no placeholder name, a value leafpress fills itself
 * ({title}, {date}, {label.…}), a value another column fills too, or one no
 * name in `used` is (a set of char*: what the layouts, labels and output
 * pattern use) — naming the placeholder it most likely means. `users` says
 * what was asked ("the layout a5-card, the labels or the output pattern"). */
gboolean lp_columns_check_used(const LpColumns *columns, GHashTable *used, const char *users, GError **err);

/* The names of `used` a column may fill (borrowed from `used`): those
 * lp_columns_check_used accepts, a patient's and a date first, the clinic's
 * after. For a map offered as a list (leafpress serve). */
GPtrArray *lp_columns_fillable(GHashTable *used);

/* What a row must be whatever its language: as many fields as the header,
 * none with a bidi override or an unclosed isolate. */
gboolean lp_columns_check_row(const LpColumns *columns, const LpCsvRow *row, GError **err);

/* How dates are read for one output. */
typedef struct {
  LpDateForm form;  /* --date-format; ANY: not said */
  const char *lang; /* the output's: its order of day and month (asked of ICU
                     * only for a date with slashes), and for messages */
} LpDateRules;

/* Whether the value `target` is a date (treatment_date, any *_date). */
gboolean lp_columns_is_date(const char *target);

/* The row's values for one output: value name → text (a new table; keys
 * belong to `columns`), dates as YYYY-MM-DD. NULL with an error at the
 * field that is wrong. */
GHashTable *lp_columns_values(const LpColumns *columns, const LpCsvRow *row, const LpDateRules *dates, GError **err);
