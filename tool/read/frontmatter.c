#include "read/frontmatter.h"

#include <string.h>

#include "read/markdown.h"

static const char *const fm_keys[] = {"lang",        "title",       "short_title", "subtitle", "version", "date",
                                      "review",      "reviewed_by", "description", "keywords", "card",
                                      "labels",      "translates",  "example",  "online",   "published",
                                      "review_due",  NULL};
static const char *const translates_keys[] = {"source", "sections", NULL};
static const char *const card_keys[] = {"title", "points", "advice", NULL};
static const char *const advice_keys[] = {"title", "text", NULL};
static const char *const review_names[] = {"draft", "reviewed", NULL};

/* BCP 47 in the shape leafpress needs: a 2-3 letter language, then subtags. */
static gboolean valid_lang(const char *s) {
  return g_regex_match_simple("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", s, 0, 0);
}

static gboolean read_string(const LpCtx *ctx, const LpYaml *root, const char *key, char **out, GError **err) {
  const LpYaml *n = lp_yaml_get(root, key);
  if (!n)
    return TRUE;
  char *what = g_strdup_printf("front matter key '%s'", key);
  *out = lp_yaml_string(n, what, err);
  if (*out && !lp_markdown_plain(*out, what, lp_yaml_pos(n), err))
    g_clear_pointer(out, g_free);
  if (*out && (gsize)g_utf8_strlen(*out, -1) > lp_ctx_limit(ctx, LP_LIMIT_PARAGRAPH_LENGTH)) {
    LpPos pos = lp_yaml_pos(n);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: %ld characters, over the limit of %" G_GSIZE_FORMAT " %s", what,
                 g_utf8_strlen(*out, -1), lp_ctx_limit(ctx, LP_LIMIT_PARAGRAPH_LENGTH), lp_limit_hint(LP_LIMIT_PARAGRAPH_LENGTH));
    g_clear_pointer(out, g_free);
  }
  g_free(what);
  return *out != NULL;
}

static gboolean require(const LpYaml *root, LpPos start, const char *key, const char *meaning, GError **err) {
  if (lp_yaml_get(root, key))
    return TRUE;
  lp_set_error(err, LP_EXIT_INPUT, &start, "the front matter has no '%s' (%s)", key, meaning);
  return FALSE;
}

static gboolean read_card(const LpCtx *ctx, const LpYaml *card, LpMeta *meta, GError **err) {
  if (!lp_yaml_expect(card, LP_YAML_MAP, "front matter key 'card'", err) ||
      !lp_yaml_check_keys(card, "the card", card_keys, err))
    return FALSE;
  const LpYaml *t = lp_yaml_get(card, "title");
  if (t && (!(meta->card_title = lp_yaml_string(t, "card title", err)) ||
            !lp_markdown_plain(meta->card_title, "the card's title", lp_yaml_pos(t), err)))
    return FALSE;
  const LpYaml *adv = lp_yaml_get(card, "advice");
  if (adv) {
    if (!lp_yaml_expect(adv, LP_YAML_MAP, "the card's advice", err) ||
        !lp_yaml_check_keys(adv, "the card's advice", advice_keys, err))
      return FALSE;
    const LpYaml *at = lp_yaml_get(adv, "title"), *ax = lp_yaml_get(adv, "text");
    if (!ax) {
      LpPos pos = lp_yaml_pos(adv);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "the card's advice has no 'text'");
      return FALSE;
    }
    if (at && (!(meta->advice_title = lp_yaml_string(at, "the advice's title", err)) ||
               !lp_markdown_plain(meta->advice_title, "the advice's title", lp_yaml_pos(at), err)))
      return FALSE;
    char *text = lp_yaml_string(ax, "the advice's text", err);
    if (!text)
      return FALSE;
    meta->advice_pos = lp_yaml_pos(ax);
    meta->advice = lp_markdown_inline(ctx, g_strstrip(text), meta->advice_pos, meta->span_langs, err);
    g_free(text);
    if (!meta->advice)
      return FALSE;
  }
  const LpYaml *pts = lp_yaml_get(card, "points");
  if (!pts)
    return TRUE;
  if (!lp_yaml_expect(pts, LP_YAML_SEQ, "card points", err))
    return FALSE;
  for (guint i = 0; i < lp_yaml_len(pts); i++) {
    const LpYaml *item = lp_yaml_item(pts, i);
    char *s = lp_yaml_string(item, "a card point", err);
    if (!s)
      return FALSE;
    /* Stripped first: four leading blanks would make an indented code block. */
    LpRich *rich = lp_markdown_inline(ctx, g_strstrip(s), lp_yaml_pos(item), meta->span_langs, err);
    g_free(s);
    if (!rich)
      return FALSE;
    g_ptr_array_add(meta->card_points, rich);
  }
  return TRUE;
}

static gboolean read_labels(const LpYaml *labels, LpMeta *meta, GError **err) {
  if (!lp_yaml_expect(labels, LP_YAML_MAP, "front matter key 'labels'", err))
    return FALSE;
  for (guint i = 0; i < lp_yaml_len(labels); i++) {
    char *v = lp_yaml_string(lp_yaml_value(labels, i), "a label", err);
    if (v && !lp_markdown_plain(v, "a label", lp_yaml_pos(lp_yaml_value(labels, i)), err))
      g_clear_pointer(&v, g_free);
    if (!v)
      return FALSE;
    g_hash_table_replace(meta->labels, g_strdup(lp_yaml_key(labels, i)), v);
  }
  return TRUE;
}

/* translates: {source: en.md, sections: {key: hash, …}} — written by
 * `leafpress stamp`, read by `leafpress check` to find stale sections. */
static gboolean read_translates(const LpYaml *n, LpMeta *meta, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "front matter key 'translates'", err) ||
      !lp_yaml_check_keys(n, "'translates'", translates_keys, err))
    return FALSE;
  meta->source_pos = lp_yaml_pos(n);
  const LpYaml *src = lp_yaml_get(n, "source");
  if (!src) {
    lp_set_error(err, LP_EXIT_INPUT, &meta->source_pos, "'translates' has no 'source': the file this translates, e.g. en.md");
    return FALSE;
  }
  if (!(meta->source = lp_yaml_string(src, "the translation's source", err)))
    return FALSE;
  if (strchr(meta->source, '/') || meta->source[0] == '.') {
    LpPos pos = lp_yaml_pos(src);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "the source must be a file in the same folder, e.g. en.md");
    return FALSE;
  }
  const LpYaml *sections = lp_yaml_get(n, "sections");
  if (!sections)
    return TRUE;
  if (!lp_yaml_expect(sections, LP_YAML_MAP, "'sections'", err))
    return FALSE;
  for (guint i = 0; i < lp_yaml_len(sections); i++) {
    char *h = lp_yaml_string(lp_yaml_value(sections, i), "a section's hash", err);
    if (!h)
      return FALSE;
    g_hash_table_replace(meta->source_hashes, g_strdup(lp_yaml_key(sections, i)), h);
  }
  return TRUE;
}

/* online: the address a QR code on the contact panel and the card leads to.
 * Only an absolute http or https URL scans to something a phone opens. */
static gboolean read_online(const LpCtx *ctx, const LpYaml *root, LpMeta *meta, GError **err) {
  const LpYaml *n = lp_yaml_get(root, "online");
  if (!n)
    return TRUE;
  if (!read_string(ctx, root, "online", &meta->online, err))
    return FALSE;
  meta->online_pos = lp_yaml_pos(n);
  g_strstrip(meta->online);
  GUri *uri = g_uri_parse(meta->online, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme(uri) : NULL;
  const char *host = uri ? g_uri_get_host(uri) : NULL;
  gboolean ok = scheme && (g_ascii_strcasecmp(scheme, "https") == 0 || g_ascii_strcasecmp(scheme, "http") == 0) &&
                host && *host && !strpbrk(meta->online, " \t\n");
  if (uri)
    g_uri_unref(uri);
  if (!ok) {
    lp_set_error(err, LP_EXIT_INPUT, &meta->online_pos,
                 "front matter key 'online': '%s' is not an absolute http(s) address: expected one like "
                 "https://example.org/leaflets/botox-headache",
                 meta->online);
    return FALSE;
  }
  return TRUE;
}

/* published and review_due: ISO dates, the review after the publication. */
static gboolean read_day(const LpCtx *ctx, const LpYaml *root, const char *key, char **out, LpPos *pos,
                         GError **err) {
  const LpYaml *n = lp_yaml_get(root, key);
  if (!n)
    return TRUE;
  if (!read_string(ctx, root, key, out, err))
    return FALSE;
  *pos = lp_yaml_pos(n);
  int y, m, d;
  char *msg = lp_parse_date(*out, &y, &m, &d);
  if (msg) {
    lp_set_error(err, LP_EXIT_INPUT, pos, "front matter key '%s': %s", key, msg);
    g_free(msg);
    return FALSE;
  }
  return TRUE;
}

gboolean lp_frontmatter_read(const LpCtx *ctx, const LpYaml *root, LpPos start, LpMeta *meta, GError **err) {
  meta->pos = start;
  if (!lp_yaml_expect(root, LP_YAML_MAP, "the front matter", err) ||
      !lp_yaml_check_keys(root, "the front matter", fm_keys, err))
    return FALSE;
  if (!require(root, start, "lang", "the language of the text, e.g. lang: en", err) ||
      !require(root, start, "title", "the leaflet's title", err) ||
      !require(root, start, "version", "the version label printed on the leaflet, e.g. version: 2026-11", err) ||
      !require(root, start, "date", "the version date, e.g. date: 2026-11-01", err) ||
      !require(root, start, "review", "draft or reviewed", err))
    return FALSE;
  if (!read_string(ctx, root, "lang", &meta->lang, err) || !read_string(ctx, root, "title", &meta->title, err) ||
      !read_string(ctx, root, "subtitle", &meta->subtitle, err) ||
      !read_string(ctx, root, "short_title", &meta->short_title, err) || !read_string(ctx, root, "version", &meta->version, err) ||
      !read_string(ctx, root, "date", &meta->date, err) || !read_string(ctx, root, "reviewed_by", &meta->reviewed_by, err) ||
      !read_string(ctx, root, "description", &meta->description, err))
    return FALSE;
  meta->lang_pos = lp_yaml_pos(lp_yaml_get(root, "lang"));
  if (!valid_lang(meta->lang)) {
    LpPos pos = lp_yaml_pos(lp_yaml_get(root, "lang"));
    lp_set_error(err, LP_EXIT_INPUT, &pos, "'%s' is not a language tag: expected one like en, tr, ar or pt-BR",
                 meta->lang);
    return FALSE;
  }
  int y, m, d;
  char *msg = lp_parse_date(meta->date, &y, &m, &d);
  if (msg) {
    LpPos pos = lp_yaml_pos(lp_yaml_get(root, "date"));
    lp_set_error(err, LP_EXIT_INPUT, &pos, "front matter key 'date': %s", msg);
    g_free(msg);
    return FALSE;
  }
  int review;
  if (!lp_yaml_enum(lp_yaml_get(root, "review"), "front matter key 'review'", review_names, &review, err))
    return FALSE;
  meta->review = review == 1 ? LP_REVIEW_REVIEWED : LP_REVIEW_DRAFT;
  if (!read_online(ctx, root, meta, err) ||
      !read_day(ctx, root, "published", &meta->published, &meta->published_pos, err) ||
      !read_day(ctx, root, "review_due", &meta->review_due, &meta->review_due_pos, err))
    return FALSE;
  /* ISO dates compare as strings. */
  if (meta->published && meta->review_due && strcmp(meta->review_due, meta->published) <= 0) {
    lp_set_error(err, LP_EXIT_INPUT, &meta->review_due_pos,
                 "front matter key 'review_due': %s is not after the publication date %s (published): expected a "
                 "later day, e.g. three years on",
                 meta->review_due, meta->published);
    return FALSE;
  }
  const LpYaml *kw = lp_yaml_get(root, "keywords");
  if (kw) {
    GPtrArray *list = lp_yaml_strings(kw, "front matter key 'keywords'", err);
    if (!list)
      return FALSE;
    for (guint i = 0; i < list->len; i++)
      g_ptr_array_add(meta->keywords, g_strdup(g_ptr_array_index(list, i)));
    g_ptr_array_unref(list);
  }
  const LpYaml *card = lp_yaml_get(root, "card");
  if (card && !read_card(ctx, card, meta, err))
    return FALSE;
  const LpYaml *labels = lp_yaml_get(root, "labels");
  if (labels && !read_labels(labels, meta, err))
    return FALSE;
  const LpYaml *tr = lp_yaml_get(root, "translates");
  if (tr && !read_translates(tr, meta, err))
    return FALSE;
  /* example: true — the article `leafpress init` writes to show the format;
   * its text is not the clinic's, so --release refuses it. */
  const LpYaml *ex = lp_yaml_get(root, "example");
  if (ex) {
    if (!lp_yaml_bool(ex, "front matter key 'example'", &meta->example, err))
      return FALSE;
    meta->example_pos = lp_yaml_pos(ex);
  }
  return TRUE;
}
