#include "read/timeline.h"
#include "read/markdown.h"

#include "doc/limits.h"

#include <string.h>

#include "read/yaml.h"

static const char *const top_keys[] = {"caption", "scale", "ticks", "phases", "markers", NULL};
static const char *const scale_keys[] = {"to", "kind", NULL};
static const char *const scale_kinds[] = {"sqrt", "linear", "log", NULL};
static const char *const tick_keys[] = {"at", "label", NULL};
static const char *const phase_keys[] = {"id", "label", "who", "start", "peak", "end", "strength", "note", NULL};
static const char *const strengths[] = {"unsaid", "mild", "moderate", "strong", NULL};

static gboolean duration(const LpYaml *n, const char *what, double *hours, GError **err) {
  const char *s = lp_yaml_scalar(n);
  if (!s) {
    LpPos pos = lp_yaml_pos(n);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: expected a duration such as 6h, 3d or 2w", what);
    return FALSE;
  }
  char *msg = lp_parse_duration(s, hours);
  if (msg) {
    LpPos pos = lp_yaml_pos(n);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: %s", what, msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

static const LpYaml *require(const LpYaml *map, const char *key, const char *what, GError **err) {
  const LpYaml *v = lp_yaml_get(map, key);
  if (!v) {
    LpPos pos = lp_yaml_pos(map);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "%s has no '%s'", what, key);
  }
  return v;
}

static gboolean within(const LpTimeline *t, const LpYaml *n, double hours, const char *what, GError **err) {
  if (hours <= t->scale_to + 1e-9)
    return TRUE;
  LpPos pos = lp_yaml_pos(n);
  lp_set_error(err, LP_EXIT_INPUT, &pos, "%s (%gh) is outside the time scale, which ends at %gh", what, hours,
               t->scale_to);
  return FALSE;
}

static gboolean read_scale(const LpYaml *n, LpTimeline *t, GError **err) {
  if (lp_yaml_kind(n) == LP_YAML_SCALAR)
    return duration(n, "timeline scale", &t->scale_to, err);
  if (!lp_yaml_expect(n, LP_YAML_MAP, "the timeline scale", err) ||
      !lp_yaml_check_keys(n, "the timeline scale", scale_keys, err))
    return FALSE;
  const LpYaml *to = require(n, "to", "the timeline scale", err);
  if (!to || !duration(to, "timeline scale 'to'", &t->scale_to, err))
    return FALSE;
  const LpYaml *kind = lp_yaml_get(n, "kind");
  int k = 0;
  if (kind && !lp_yaml_enum(kind, "timeline scale kind", scale_kinds, &k, err))
    return FALSE;
  t->scale = (LpScaleKind)k;
  return TRUE;
}

/* The timeline's words are drawn in the figure, whose structure element
 * carries them as its /Alt: no element there could carry a span's /Lang. */
static char *plain_text(const LpYaml *v, const char *what, GError **err) {
  char *s = lp_yaml_string(v, what, err);
  if (s && !lp_markdown_plain(s, what, lp_yaml_pos(v), err))
    g_clear_pointer(&s, g_free);
  return s;
}

static gboolean read_points(const LpCtx *ctx, const LpYaml *n, LpTimeline *t, GArray *out, const char *what, LpLimit limit,
                            GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_SEQ, what, err))
    return FALSE;
  if (lp_yaml_len(n) > lp_ctx_limit(ctx, limit)) {
    LpPos pos = lp_yaml_pos(n);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "%u %s: a timeline has at most %" G_GSIZE_FORMAT " %s", lp_yaml_len(n),
                 what, lp_ctx_limit(ctx, limit), lp_limit_hint(limit));
    return FALSE;
  }
  for (guint i = 0; i < lp_yaml_len(n); i++) {
    const LpYaml *it = lp_yaml_item(n, i);
    if (!lp_yaml_expect(it, LP_YAML_MAP, what, err) || !lp_yaml_check_keys(it, what, tick_keys, err))
      return FALSE;
    const LpYaml *at = require(it, "at", "a timeline point", err);
    const LpYaml *label = at ? require(it, "label", "a timeline point", err) : NULL;
    if (!label)
      return FALSE;
    LpTick tick = {0};
    tick.pos = lp_yaml_pos(it);
    if (!duration(at, "'at'", &tick.at, err) || !within(t, at, tick.at, "the point", err))
      return FALSE;
    if (out->len && tick.at <= g_array_index(out, LpTick, out->len - 1).at) {
      LpPos pos = lp_yaml_pos(at);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "%s must come in time order: this one is not after the one before",
                   what);
      return FALSE;
    }
    if (!(tick.label = plain_text(label, "a point's label", err)))
      return FALSE;
    g_array_append_val(out, tick);
  }
  return TRUE;
}

static gboolean read_phase(const LpYaml *n, LpTimeline *t, GHashTable *ids, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "a phase", err) || !lp_yaml_check_keys(n, "a phase", phase_keys, err))
    return FALSE;
  LpPhase ph = {0};
  ph.pos = lp_yaml_pos(n);
  ph.peak = -1;
  g_array_append_val(t->phases, ph);
  LpPhase *p = &g_array_index(t->phases, LpPhase, t->phases->len - 1);
  const LpYaml *id = require(n, "id", "a phase", err);
  if (!id || !(p->id = lp_yaml_string(id, "a phase's id", err)))
    return FALSE;
  if (!g_regex_match_simple("^[a-z0-9][a-z0-9_-]*$", p->id, 0, 0)) {
    LpPos pos = lp_yaml_pos(id);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "phase id '%s': expected lower-case letters, digits, '-' and '_'", p->id);
    return FALSE;
  }
  if (g_hash_table_contains(ids, p->id)) {
    LpPos pos = lp_yaml_pos(id);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "duplicate phase id '%s' (first used at line %d)", p->id,
                 GPOINTER_TO_INT(g_hash_table_lookup(ids, p->id)));
    return FALSE;
  }
  g_hash_table_insert(ids, g_strdup(p->id), GINT_TO_POINTER(lp_yaml_pos(id).line));
  const LpYaml *v;
  if (!(v = require(n, "label", "a phase", err)) || !(p->label = plain_text(v, "a phase's label", err)))
    return FALSE;
  if ((v = lp_yaml_get(n, "who")) && !(p->who = plain_text(v, "a phase's 'who'", err)))
    return FALSE;
  if ((v = lp_yaml_get(n, "note")) && !(p->note = plain_text(v, "a phase's note", err)))
    return FALSE;
  const LpYaml *start = require(n, "start", "a phase", err);
  const LpYaml *end = start ? require(n, "end", "a phase", err) : NULL;
  if (!end || !duration(start, "a phase's start", &p->start, err) || !duration(end, "a phase's end", &p->end, err))
    return FALSE;
  if (p->end <= p->start) {
    LpPos pos = lp_yaml_pos(end);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "phase '%s' ends (%s) before it starts (%s)", p->id, lp_yaml_scalar(end),
                 lp_yaml_scalar(start));
    return FALSE;
  }
  if (!within(t, end, p->end, "the phase's end", err))
    return FALSE;
  if ((v = lp_yaml_get(n, "peak"))) {
    if (!duration(v, "a phase's peak", &p->peak, err))
      return FALSE;
    if (p->peak < p->start || p->peak > p->end) {
      LpPos pos = lp_yaml_pos(v);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "phase '%s' peaks (%s) outside its own time, %s to %s", p->id,
                   lp_yaml_scalar(v), lp_yaml_scalar(start), lp_yaml_scalar(end));
      return FALSE;
    }
  }
  int s = 0;
  if ((v = lp_yaml_get(n, "strength")) && !lp_yaml_enum(v, "a phase's strength", strengths, &s, err))
    return FALSE;
  p->strength = (LpStrength)s;
  return TRUE;
}

static gboolean read_root(const LpCtx *ctx, const LpYaml *root, LpTimeline *t, GError **err) {
  if (!lp_yaml_expect(root, LP_YAML_MAP, "a timeline", err) ||
      !lp_yaml_check_keys(root, "a timeline", top_keys, err))
    return FALSE;
  const LpYaml *v;
  if ((v = lp_yaml_get(root, "caption")) && !(t->caption = plain_text(v, "the timeline's caption", err)))
    return FALSE;
  if (!(v = require(root, "scale", "the timeline", err)) || !read_scale(v, t, err))
    return FALSE;
  if (t->scale_to <= 0) {
    LpPos pos = lp_yaml_pos(v);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "the time scale must end after the treatment");
    return FALSE;
  }
  if (!(v = require(root, "ticks", "the timeline", err)) ||
      !read_points(ctx, v, t, t->ticks, "ticks", LP_LIMIT_TICKS, err))
    return FALSE;
  if (t->ticks->len < 2) {
    LpPos pos = lp_yaml_pos(v);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a timeline needs at least two ticks to make an axis");
    return FALSE;
  }
  if ((v = lp_yaml_get(root, "markers")) && !read_points(ctx, v, t, t->markers, "markers", LP_LIMIT_MARKERS, err))
    return FALSE;
  const LpYaml *phases = require(root, "phases", "the timeline", err);
  if (!phases || !lp_yaml_expect(phases, LP_YAML_SEQ, "the timeline's phases", err))
    return FALSE;
  if (lp_yaml_len(phases) == 0 || lp_yaml_len(phases) > lp_ctx_limit(ctx, LP_LIMIT_PHASES)) {
    LpPos pos = lp_yaml_pos(phases);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a timeline has 1 to %" G_GSIZE_FORMAT " phases, found %u %s",
                 lp_ctx_limit(ctx, LP_LIMIT_PHASES), lp_yaml_len(phases), lp_limit_hint(LP_LIMIT_PHASES));
    return FALSE;
  }
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < lp_yaml_len(phases); i++)
    ok = read_phase(lp_yaml_item(phases, i), t, ids, err);
  g_hash_table_unref(ids);
  return ok;
}

LpTimeline *lp_timeline_read(const LpCtx *ctx, const char *file, const char *yaml, gsize length, int first_line, LpPos block,
                             GError **err) {
  LpYaml *root = lp_yaml_parse(ctx, yaml, length, file, first_line - 1, err);
  if (!root) {
    if (err && !*err)
      lp_set_error(err, LP_EXIT_INPUT, &block, "the timeline block is empty: expected caption, scale, ticks and phases");
    return NULL;
  }
  LpTimeline *t = lp_timeline_new();
  t->pos = block;
  gboolean ok = read_root(ctx, root, t, err);
  lp_yaml_free(root);
  if (!ok) {
    lp_timeline_free(t);
    return NULL;
  }
  return t;
}
