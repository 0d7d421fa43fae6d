/* YAML with positions: libyaml's event parser turned into a small read-only tree
 * whose every node remembers its file:line:col.
 *
 * Anchors and aliases are refused outright: nothing leafpress reads needs them,
 * and expanding them is how "billion laughs" documents exhaust memory. Depth and
 * node count are bounded for the same reason. */
#pragma once
#include "doc/diag.h"
#include "doc/ctx.h"
#include "doc/units.h"

typedef enum { LP_YAML_SCALAR, LP_YAML_MAP, LP_YAML_SEQ } LpYamlKind;

typedef struct LpYaml LpYaml;

/* Parses one YAML document. `line_offset` is added to every line (for YAML
 * embedded in another file). An empty document gives NULL without an error. */
LpYaml *lp_yaml_parse(const LpCtx *ctx, const char *data, gsize len, const char *file, int line_offset, GError **err);
void lp_yaml_free(LpYaml *node);

LpYamlKind lp_yaml_kind(const LpYaml *node);
LpPos lp_yaml_pos(const LpYaml *node);
const char *lp_yaml_kind_name(LpYamlKind kind);

/* Scalars */
const char *lp_yaml_scalar(const LpYaml *node); /* NULL unless a scalar */
gboolean lp_yaml_plain(const LpYaml *node);     /* written without quotes */

/* Sequences and mappings */
guint lp_yaml_len(const LpYaml *node);
const LpYaml *lp_yaml_item(const LpYaml *seq, guint i);
const char *lp_yaml_key(const LpYaml *map, guint i);
LpPos lp_yaml_key_pos(const LpYaml *map, guint i);
const LpYaml *lp_yaml_value(const LpYaml *map, guint i);
const LpYaml *lp_yaml_get(const LpYaml *map, const char *key);

/* ---- schema helpers: each sets an input error at the node on failure ----
 * `what` names the thing for the message, e.g. "front matter key 'title'". */

/* Every key of `map` must be in `valid` (NULL-terminated); the message names the
 * nearest valid key and lists them all. */
gboolean lp_yaml_check_keys(const LpYaml *map, const char *what, const char *const *valid, GError **err);
gboolean lp_yaml_expect(const LpYaml *node, LpYamlKind kind, const char *what, GError **err);
/* A non-empty string scalar (NULL on error). */
char *lp_yaml_string(const LpYaml *node, const char *what, GError **err);
gboolean lp_yaml_bool(const LpYaml *node, const char *what, gboolean *out, GError **err);
gboolean lp_yaml_number(const LpYaml *node, const char *what, double min, double max, double *out, GError **err);
gboolean lp_yaml_int(const LpYaml *node, const char *what, int min, int max, int *out, GError **err);
/* One of `names` (NULL-terminated); *out is its index. */
gboolean lp_yaml_enum(const LpYaml *node, const char *what, const char *const *names, int *out, GError **err);
/* A length with a unit: 12pt, 4.5mm, 1cm, 0.5in (0 may omit the unit). */
gboolean lp_yaml_length(const LpYaml *node, const char *what, double *pt, GError **err);
/* #rrggbb, #rgb or cmyk(c, m, y, k) with 0..1 or percentages. */
gboolean lp_yaml_color(const LpYaml *node, const char *what, LpColor *out, GError **err);
/* A list of strings, or a single string taken as a list of one. */
GPtrArray *lp_yaml_strings(const LpYaml *node, const char *what, GError **err);
