#include "doc/sections.h"

#include <math.h>
#include <string.h>

#include "doc/worddiff.h"

static void section_clear(gpointer p) {
  LpSection *s = p;
  g_free(s->key);
  g_free(s->title);
  g_free(s->hash);
  g_free(s->words);
  if (s->shape)
    g_ptr_array_unref(s->shape);
}

void lp_sections_free(GArray *sections) {
  if (sections)
    g_array_free(sections, TRUE);
}

const LpSection *lp_sections_find(const GArray *sections, const char *key) {
  for (guint i = 0; i < sections->len; i++) {
    const LpSection *s = &g_array_index(sections, LpSection, i);
    if (strcmp(s->key, key) == 0)
      return s;
  }
  return NULL;
}

/* ---- canonical text: what the hash covers ---- */

/* A section's text twice: with its structure, for the hash, and as the words
 * a reader sees, for showing what changed. */
typedef struct {
  GString *h;
  GString *w;
} Canon;

static void add_words(Canon *out, const char *s) {
  if (!s || !*s)
    return;
  if (out->w->len)
    g_string_append_c(out->w, ' ');
  g_string_append(out->w, s);
}

static void add_rich(Canon *out, const LpRich *r) {
  g_string_append(out->h, lp_rich_text(r));
  add_words(out, lp_rich_text(r));
  for (guint i = 0; i < lp_rich_n_spans(r); i++) {
    const LpSpan *s = lp_rich_span(r, i);
    g_string_append_printf(out->h, "\x1f%u-%u:%u:%s", s->start, s->end, s->flags, s->href ? s->href : "");
    /* A span in another language is a change to the text (the hash), not to
     * its structure (the shape): a translation may have spans its source has
     * not. Written only when set, so hashes stamped before spans existed hold. */
    if (s->lang)
      g_string_append_printf(out->h, "@%s", s->lang);
  }
  g_string_append_c(out->h, '\x1e');
}

static void add_str(Canon *out, const char *s) {
  g_string_append(out->h, s ? s : "");
  add_words(out, s);
  g_string_append_c(out->h, '\x1e');
}

static void add_block(Canon *out, GPtrArray *shape, const LpBlock *b, int depth) {
  switch (lp_block_kind(b)) {
  case LP_BLOCK_HEADING:
    g_string_append_printf(out->h, "H%d:", lp_block_level(b));
    add_rich(out, lp_block_text(b));
    if (shape)
      g_ptr_array_add(shape, g_strdup_printf("heading %d", lp_block_level(b)));
    break;
  case LP_BLOCK_PARAGRAPH:
    g_string_append(out->h, "P:");
    add_rich(out, lp_block_text(b));
    if (shape)
      g_ptr_array_add(shape, g_strdup(depth ? "paragraph in a list item" : "paragraph"));
    break;
  case LP_BLOCK_LIST: {
    guint n = lp_block_list_n_items(b);
    g_string_append_printf(out->h, "L%d:%d:%u[", lp_block_list_ordered(b), lp_block_list_start(b), n);
    if (shape)
      g_ptr_array_add(shape, g_strdup_printf("%s list of %u item%s", lp_block_list_ordered(b) ? "numbered" : "bullet",
                                             n, n == 1 ? "" : "s"));
    for (guint i = 0; i < n; i++) {
      const GPtrArray *item = lp_block_list_item(b, i);
      for (guint k = 0; k < item->len; k++)
        add_block(out, shape, g_ptr_array_index((GPtrArray *)item, k), depth + 1);
      g_string_append_c(out->h, '|');
    }
    g_string_append_c(out->h, ']');
    break;
  }
  case LP_BLOCK_TIMELINE:
    break; /* a section of its own */
  case LP_BLOCK_PICTURE: {
    /* The file is the shape (the same picture in every language); the alt
     * text and caption are words to translate. */
    const LpPicture *p = lp_block_picture(b);
    g_string_append_printf(out->h, "F%s:%g:%g:%d\x1e", p->name, p->width_frac, p->width_pt, (int)p->place);
    add_str(out, p->alt);
    add_str(out, p->caption);
    if (shape)
      g_ptr_array_add(shape, g_strdup_printf("picture %s", p->name));
    break;
  }
  }
}

static void add_timeline(Canon *out, const LpTimeline *t) {
  add_str(out, t->caption);
  g_string_append_printf(out->h, "%g:%d\x1e", t->scale_to, t->scale);
  for (guint i = 0; i < t->ticks->len; i++) {
    const LpTick *k = &g_array_index(t->ticks, LpTick, i);
    g_string_append_printf(out->h, "T%g:", k->at);
    add_str(out, k->label);
  }
  for (guint i = 0; i < t->phases->len; i++) {
    const LpPhase *p = &g_array_index(t->phases, LpPhase, i);
    g_string_append_printf(out->h, "P%s:%g:%g:%g:%d:", p->id, p->start, p->peak, p->end, p->strength);
    add_str(out, p->label);
    add_str(out, p->who);
    add_str(out, p->note);
  }
  for (guint i = 0; i < t->markers->len; i++) {
    const LpTick *k = &g_array_index(t->markers, LpTick, i);
    g_string_append_printf(out->h, "M%g:", k->at);
    add_str(out, k->label);
  }
}

static LpSection *open_section(GArray *out, const char *key, const char *title, LpPos pos) {
  LpSection s = {g_strdup(key), g_strdup(title), pos, NULL, g_ptr_array_new_with_free_func(g_free), NULL};
  g_array_append_val(out, s);
  return &g_array_index(out, LpSection, out->len - 1);
}

static void close_section(LpSection *s, Canon *text) {
  char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text->h->str, (gssize)text->h->len);
  s->hash = g_strndup(sum, 12);
  s->words = g_strdup(text->w->str);
  g_free(sum);
  g_string_truncate(text->h, 0);
  g_string_truncate(text->w, 0);
}

GArray *lp_sections_new(const LpDoc *doc) {
  const LpMeta *m = lp_doc_meta_const(doc);
  GArray *out = g_array_new(FALSE, TRUE, sizeof(LpSection));
  g_array_set_clear_func(out, section_clear);
  Canon canon = {g_string_new(NULL), g_string_new(NULL)}, *text = &canon;

  LpSection *s = open_section(out, "meta", "the title, subtitle, description and keywords", m->pos);
  add_str(text, m->title);
  add_str(text, m->subtitle);
  if (m->short_title) /* (only when given: the hashes of stamped translations stay) */
    add_str(text, m->short_title);
  add_str(text, m->description);
  for (guint i = 0; i < m->keywords->len; i++)
    add_str(text, g_ptr_array_index(m->keywords, i));
  g_ptr_array_add(s->shape, g_strdup_printf("%u keywords", m->keywords->len));
  g_ptr_array_add(s->shape, g_strdup(m->subtitle ? "a subtitle" : "no subtitle"));
  if (m->short_title)
    g_ptr_array_add(s->shape, g_strdup("a short title"));
  close_section(s, text);

  s = open_section(out, "card", "the card", m->pos);
  add_str(text, m->card_title);
  for (guint i = 0; i < m->card_points->len; i++)
    add_rich(text, g_ptr_array_index(m->card_points, i));
  add_str(text, m->advice_title);
  if (m->advice)
    add_rich(text, m->advice);
  g_ptr_array_add(s->shape, g_strdup_printf("%u card points", m->card_points->len));
  g_ptr_array_add(s->shape, g_strdup(m->advice ? "an advice box" : "no advice box"));
  close_section(s, text);

  const LpTimeline *t = lp_doc_timeline(doc);
  if (t) {
    s = open_section(out, "timeline", "the timeline", t->pos);
    add_timeline(text, t);
    g_ptr_array_add(s->shape, g_strdup_printf("%u phases", t->phases->len));
    close_section(s, text);
  }

  /* The body: an intro, then one section per "##" heading. */
  s = NULL;
  int n = 0;
  for (guint i = 0; i < lp_doc_n_blocks(doc); i++) {
    const LpBlock *b = lp_doc_block(doc, i);
    if (lp_block_kind(b) == LP_BLOCK_TIMELINE)
      continue;
    gboolean starts = lp_block_kind(b) == LP_BLOCK_HEADING && lp_block_level(b) == 2;
    if (starts || !s) {
      if (s)
        close_section(s, text);
      char *key = starts ? g_strdup_printf("s%d", ++n) : g_strdup("intro");
      s = open_section(out, key, starts ? lp_rich_text(lp_block_text(b)) : "the introduction", lp_block_pos(b));
      g_free(key);
    }
    add_block(text, s->shape, b, 0);
  }
  if (s)
    close_section(s, text);
  g_string_free(canon.h, TRUE);
  g_string_free(canon.w, TRUE);
  return out;
}

/* ---- timelines ---- */

static void problem(GPtrArray *problems, LpPos pos, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void problem(GPtrArray *problems, LpPos pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  pos.col = MAX(pos.col, 1);
  g_ptr_array_add(problems, lp_diag_new(LP_SEVERITY_ERROR, LP_EXIT_INPUT, &pos, msg));
  g_free(msg);
}

static const LpPhase *phase_by_id(const LpTimeline *t, const char *id) {
  for (guint i = 0; i < t->phases->len; i++)
    if (strcmp(g_array_index(t->phases, LpPhase, i).id, id) == 0)
      return &g_array_index(t->phases, LpPhase, i);
  return NULL;
}

static char *hours(double h) {
  if (h < 0)
    return g_strdup("none");
  if (fmod(h, 168) == 0 && h > 0)
    return g_strdup_printf("%gw", h / 168);
  if (fmod(h, 24) == 0 && h > 0)
    return g_strdup_printf("%gd", h / 24);
  return g_strdup_printf("%gh", h);
}

static void compare_time(GPtrArray *problems, LpPos pos, const char *what, double mine, double theirs,
                         const char *source_file) {
  if (fabs(mine - theirs) < 1e-9)
    return;
  char *a = hours(mine), *b = hours(theirs);
  problem(problems, pos, "%s is %s here but %s in %s", what, a, b, source_file);
  g_free(a);
  g_free(b);
}

static void compare_points(GPtrArray *problems, const GArray *src, const GArray *tr, LpPos where, const char *what,
                           const char *source_file) {
  if (src->len != tr->len) {
    problem(problems, where, "%u %s here, %u in %s", tr->len, what, src->len, source_file);
    return;
  }
  for (guint i = 0; i < src->len; i++) {
    const LpTick *a = &g_array_index(tr, LpTick, i), *b = &g_array_index(src, LpTick, i);
    char *w = g_strdup_printf("%s %u", what, i + 1);
    compare_time(problems, a->pos, w, a->at, b->at, source_file);
    g_free(w);
  }
}

void lp_timeline_compare(const LpTimeline *src, const char *source_file, const LpTimeline *tr, GPtrArray *problems) {
  if (fabs(src->scale_to - tr->scale_to) > 1e-9 || src->scale != tr->scale)
    problem(problems, tr->pos, "the time scale differs from %s's", source_file);
  compare_points(problems, src->ticks, tr->ticks, tr->pos, "ticks", source_file);
  compare_points(problems, src->markers, tr->markers, tr->pos, "markers", source_file);
  for (guint i = 0; i < src->phases->len; i++) {
    const LpPhase *a = &g_array_index(src->phases, LpPhase, i);
    const LpPhase *b = phase_by_id(tr, a->id);
    if (!b) {
      problem(problems, tr->pos, "phase '%s' of %s is missing here", a->id, source_file);
      continue;
    }
    char *w = g_strdup_printf("phase '%s': its start", a->id);
    compare_time(problems, b->pos, w, b->start, a->start, source_file);
    g_free(w);
    w = g_strdup_printf("phase '%s': its peak", a->id);
    compare_time(problems, b->pos, w, b->peak, a->peak, source_file);
    g_free(w);
    w = g_strdup_printf("phase '%s': its end", a->id);
    compare_time(problems, b->pos, w, b->end, a->end, source_file);
    g_free(w);
    if (a->strength != b->strength)
      problem(problems, b->pos, "phase '%s': its strength differs from %s's", a->id, source_file);
    if (!a->who != !b->who)
      problem(problems, b->pos, "phase '%s': %s a 'who' line, %s %s", a->id, b->who ? "has" : "has no",
              source_file, a->who ? "has one" : "has none");
    if (!a->note != !b->note)
      problem(problems, b->pos, "phase '%s': %s a note, %s %s", a->id, b->note ? "has" : "has no", source_file,
              a->note ? "has one" : "has none");
  }
  for (guint i = 0; i < tr->phases->len; i++) {
    const LpPhase *b = &g_array_index(tr->phases, LpPhase, i);
    if (!phase_by_id(src, b->id))
      problem(problems, b->pos, "phase '%s' is not in %s", b->id, source_file);
    else if (i < src->phases->len && strcmp(g_array_index(src->phases, LpPhase, i).id, b->id) != 0)
      problem(problems, b->pos, "phase '%s' is in another place than in %s", b->id, source_file);
  }
}

static char *shape_text(const GPtrArray *shape) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < shape->len; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", (const char *)g_ptr_array_index((GPtrArray *)shape, i));
  return g_string_free(s, FALSE);
}

static gboolean same_shape(const GPtrArray *a, const GPtrArray *b) {
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp(g_ptr_array_index((GPtrArray *)a, i), g_ptr_array_index((GPtrArray *)b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The section `key` of the earlier source whose hash is `hash`: the text the
 * translation was made from. Sections of the earlier versions are cut once
 * per call of lp_translation_compare. */
static const LpSection *earlier_section(const GPtrArray *earlier, const char *key, const char *hash) {
  for (guint i = 0; earlier && i < earlier->len; i++) {
    const LpSection *s = lp_sections_find(g_ptr_array_index((GPtrArray *)earlier, i), key);
    if (s && strcmp(s->hash, hash) == 0)
      return s;
  }
  return NULL;
}

void lp_translation_compare(const LpDoc *tr, const LpDoc *src, const char *source_name, const GPtrArray *earlier_docs,
                            guint flags, GPtrArray *problems) {
  const LpMeta *m = lp_doc_meta_const(tr);
  GArray *mine = lp_sections_new(tr), *theirs = lp_sections_new(src);
  GPtrArray *earlier = g_ptr_array_new_with_free_func((GDestroyNotify)lp_sections_free);
  for (guint i = 0; (flags & LP_COMPARE_STALE) && earlier_docs && i < earlier_docs->len; i++)
    g_ptr_array_add(earlier, lp_sections_new(g_ptr_array_index((GPtrArray *)earlier_docs, i)));
  LpPos stamp_pos = m->source_pos.file ? m->source_pos : m->pos;
  if (flags & LP_COMPARE_STRUCTURE) {
    for (guint i = 0; i < theirs->len; i++) {
      const LpSection *a = &g_array_index(theirs, LpSection, i);
      const LpSection *b = lp_sections_find(mine, a->key);
      if (!b) {
        problem(problems, m->pos, "%s is missing: %s has it at line %d ('%s')", a->key, source_name, a->pos.line,
                a->title);
        continue;
      }
      if (!same_shape(a->shape, b->shape)) {
        char *sa = shape_text(a->shape), *sb = shape_text(b->shape);
        problem(problems, b->pos, "%s ('%s') differs from %s line %d: it has %s; the source has %s", b->key,
                b->title, source_name, a->pos.line, sb, sa);
        g_free(sa);
        g_free(sb);
      }
    }
    for (guint i = 0; i < mine->len; i++) {
      const LpSection *b = &g_array_index(mine, LpSection, i);
      if (!lp_sections_find(theirs, b->key))
        problem(problems, b->pos, "%s ('%s') is not in %s", b->key, b->title, source_name);
    }
    const LpTimeline *ta = lp_doc_timeline(src), *tb = lp_doc_timeline(tr);
    if (ta && tb)
      lp_timeline_compare(ta, source_name, tb, problems);
  }
  if (flags & LP_COMPARE_STALE) {
    if (g_hash_table_size(m->source_hashes) == 0) {
      problem(problems, stamp_pos,
              "this translation records no version of %s: once it says what the source says, run "
              "leafpress stamp %s",
              source_name, lp_doc_path(tr));
    } else {
      for (guint i = 0; i < theirs->len; i++) {
        const LpSection *a = &g_array_index(theirs, LpSection, i);
        const char *recorded = g_hash_table_lookup(m->source_hashes, a->key);
        if (recorded && strcmp(recorded, a->hash) == 0)
          continue;
        const LpSection *was = recorded ? earlier_section(earlier, a->key, recorded) : NULL;
        char *what = was ? lp_worddiff(was->words, a->words, 4, 3) : NULL;
        if (what && *what)
          problem(problems, stamp_pos,
                  "out of date: %s of %s ('%s', line %d) changed since this translation was made: %s; update the "
                  "translation, then run leafpress stamp",
                  a->key, source_name, a->title, a->pos.line, what);
        else
          problem(problems, stamp_pos,
                  "out of date: %s of %s ('%s', line %d) %s since this translation was made; update the "
                  "translation, then run leafpress stamp",
                  a->key, source_name, a->title, a->pos.line,
                  !recorded ? "is new" : was ? "changed (its structure or markup, not its words)" : "changed");
        g_free(what);
      }
    }
  }
  g_ptr_array_unref(earlier);
  lp_sections_free(mine);
  lp_sections_free(theirs);
}
