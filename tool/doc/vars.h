/* Placeholder values ({title}, {clinic.name}, {page} …) and template expansion.
 *
 * Values come from the article's front matter, the clinic profile, the
 * language's labels and --set; a child table overlays its parent, so per-page
 * values ({page}) never copy the rest. */
#pragma once
#include "doc/diag.h"

typedef struct LpVars LpVars;

LpVars *lp_vars_new(void);
/* A table that answers from `parent` what it does not hold itself; keeps a
 * reference to nothing: the parent must outlive the child. */
LpVars *lp_vars_new_child(const LpVars *parent);
void lp_vars_free(LpVars *vars);

void lp_vars_set(LpVars *vars, const char *key, const char *value);
const char *lp_vars_get(const LpVars *vars, const char *key);
/* The same, remembering where the value was written (a labels file's line, the
 * clinic profile's), so that a message about the printed text can point at
 * its source; pos NULL: nowhere (--set, the front matter's own fields). */
void lp_vars_set_at(LpVars *vars, const char *key, const char *value, const LpPos *pos);
/* Where the value of `key` was written (file NULL if that is not known). */
LpPos lp_vars_pos(const LpVars *vars, const char *key);
/* The first value (keys sorted) that holds `ch`: its key (owned by `vars`)
 * and where it was written (file NULL if that is not known). */
gboolean lp_vars_find_char(const LpVars *vars, gunichar ch, const char **key, LpPos *pos);
/* Every key, sorted, parents' included (for messages and --help). */
GPtrArray *lp_vars_keys(const LpVars *vars);

/* Expands "{key}" placeholders; "{{" and "}}" stand for braces. Labels
 * ({label.*}) may hold placeholders themselves ("Page {page} of {pages}");
 * other values print as they are. An unknown key or a broken template is an
 * input error at `pos`. */
char *lp_vars_expand(const LpVars *vars, const char *tmpl, const LpPos *pos, GError **err);

/* The same, with every value that is not a label wrapped in a first-strong
 * isolate (U+2068 … U+2069), so that a version "2026-11" or a phone number
 * keeps its own direction inside right-to-left text. */
char *lp_vars_expand_isolated(const LpVars *vars, const char *tmpl, const LpPos *pos, GError **err);

/* ---- which names templates use (a data file's columns are checked against
 * them, and --set keys) ---- */

/* Adds to `keys` (a set: g_str_hash, owning g_strdup'ed names) every name
 * `tmpl` refers to as {name}; a broken template adds what it can read. */
void lp_vars_template_keys(const char *tmpl, GHashTable *keys);
/* Adds the names the labels in `keys` ({label.page_of} → {page}, {pages})
 * refer to, through every label they name in turn. */
void lp_vars_label_keys(const LpVars *vars, GHashTable *keys);
/* The candidate (NULL-terminated) a column or key named `word` most likely
 * means, or NULL: lp_nearest on the name with spaces and case evened out
 * ("Patient Name" → patient.name), else a candidate whose last part is the
 * word ("name" → patient.name, "date" → treatment_date). */
const char *lp_vars_nearest_key(const char *word, const char *const *candidates);
