#include "read/markdown.h"

#include <cmark.h>
#include <string.h>

#include "doc/units.h"
#include "read/paths.h"
#include "read/source.h"
#include "read/timeline.h"

/* Nesting that a leaflet can print legibly (limits list-depth and
 * inline-depth); deeper is refused, which also keeps the recursion below
 * shallow whatever the input: the limits' ceilings are small. */

typedef struct {
  const LpCtx *ctx;
  LpDoc *doc;
  const char *body;
  gsize length;
  int first_line;
  GPtrArray *lines; /* start offsets of body lines */
  GArray *marks;    /* Mark: the text block's brackets as written (not escaped) */
  GArray *uses;     /* LpLangUse: where the spans in other languages are kept */
} Reader;

/* A bracket or brace of the text block being read that the writer wrote as
 * markup, not as \[ or &#91; (those are text): where it lands in the rich
 * text and where it stands in the file. Other-language spans
 * ([words]{lang=de}) are found among them once the block's text is whole,
 * so that they may hold emphasis and links and cross them. */
typedef struct {
  char c;
  gsize at; /* byte offset in the rich text */
  LpPos pos;
} Mark;

/* cmark counts lines from the body's start and columns in bytes; messages count
 * lines in the whole file and columns in characters. */
static LpPos node_pos(const Reader *r, cmark_node *n) {
  int line = cmark_node_get_start_line(n);
  int col = cmark_node_get_start_column(n);
  if (line <= 0)
    return lp_pos(lp_doc_path(r->doc), r->first_line, 1);
  if (line <= (int)r->lines->len && col > 0) {
    gsize start = GPOINTER_TO_SIZE(g_ptr_array_index(r->lines, line - 1));
    gsize avail = r->length - start;
    gsize bytes = MIN((gsize)(col - 1), avail);
    if (g_utf8_validate_len(r->body + start, bytes, NULL))
      col = (int)g_utf8_strlen(r->body + start, (gssize)bytes) + 1;
  }
  return lp_pos(lp_doc_path(r->doc), line + r->first_line - 1, col > 0 ? col : 1);
}

static int node_end_line(const Reader *r, cmark_node *n) {
  int line = cmark_node_get_end_line(n);
  return line > 0 ? line + r->first_line - 1 : 0;
}

/* The parent block's position is the fallback for inlines cmark did not place. */
static LpPos inline_pos(const Reader *r, cmark_node *n, LpPos block) {
  return r->doc && cmark_node_get_start_line(n) > 0 ? node_pos(r, n) : block;
}

/* The character an entity written for a bracket or brace stands for, and its
 * length in bytes; 0 for any other text. */
static char bracket_entity(const char *s, gsize avail, gsize *len) {
  static const struct {
    const char *name;
    char c;
  } names[] = {{"&lsqb;", '['}, {"&lbrack;", '['}, {"&rsqb;", ']'}, {"&rbrack;", ']'}, {"&lcub;", '{'},
               {"&lbrace;", '{'}, {"&rcub;", '}'}, {"&rbrace;", '}'}};
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    gsize n = strlen(names[i].name);
    if (n <= avail && strncmp(s, names[i].name, n) == 0) {
      *len = n;
      return names[i].c;
    }
  }
  if (avail < 4 || s[1] != '#')
    return 0;
  gboolean hex = s[2] == 'x' || s[2] == 'X';
  gsize i = hex ? 3 : 2;
  guint64 v = 0;
  gsize digits = 0;
  for (; i < avail && digits < 8 && (hex ? g_ascii_isxdigit(s[i]) : g_ascii_isdigit(s[i])); i++, digits++)
    v = v * (hex ? 16 : 10) + (guint64)(hex ? g_ascii_xdigit_value(s[i]) : g_ascii_digit_value(s[i]));
  if (!digits || i >= avail || s[i] != ';' || !strchr("[]{}", (int)v) || v == 0)
    return 0;
  *len = i + 1;
  return (char)v;
}

/* Notes the brackets and braces of a text node that are markup. cmark merges
 * a run of text, escapes and entities into one node, so the node's literal
 * is paired with its source: the k-th '[' of the literal is the k-th thing
 * in the source that makes a '[' — the bracket itself (markup), or an
 * escape or an entity (text). */
static void note_marks(const Reader *r, cmark_node *n, gsize base, LpPos block) {
  const char *lit = cmark_node_get_literal(n);
  if (!lit || !strpbrk(lit, "[]{}"))
    return;
  int line = cmark_node_get_start_line(n), sc = cmark_node_get_start_column(n), ec = cmark_node_get_end_column(n);
  if (line <= 0 || line > (int)r->lines->len || sc <= 0 || ec < sc)
    return; /* no place to pair it with: its brackets are text */
  gsize lstart = GPOINTER_TO_SIZE(g_ptr_array_index(r->lines, line - 1));
  gsize from = lstart + (gsize)(sc - 1), to = MIN(lstart + (gsize)ec, r->length);
  /* What makes each of the four characters, in source order. */
  GArray *made[4];
  const char *kinds = "[]{}";
  for (int k = 0; k < 4; k++)
    made[k] = g_array_new(FALSE, FALSE, sizeof(gssize)); /* source offset, or -1: text */
  for (gsize i = from; i < to;) {
    const char *p = r->body + i;
    gsize elen = 0;
    char e;
    if (*p == '\\' && i + 1 < to && g_ascii_ispunct(p[1])) {
      const char *k = strchr(kinds, p[1]);
      if (k) {
        gssize none = -1;
        g_array_append_val(made[k - kinds], none);
      }
      i += 2;
    } else if (*p == '&' && (e = bracket_entity(p, to - i, &elen))) {
      gssize none = -1;
      g_array_append_val(made[strchr(kinds, e) - kinds], none);
      i += elen;
    } else {
      const char *k = *p ? strchr(kinds, *p) : NULL;
      if (k) {
        gssize at = (gssize)i;
        g_array_append_val(made[k - kinds], at);
      }
      i++;
    }
  }
  guint next[4] = {0};
  for (const char *p = lit; *p; p++) {
    const char *k = strchr(kinds, *p);
    if (!k)
      continue;
    int kind = (int)(k - kinds);
    if (next[kind] >= made[kind]->len)
      continue; /* the literal and its source disagree: text */
    gssize at = g_array_index(made[kind], gssize, next[kind]++);
    if (at < 0)
      continue;
    int col = (int)g_utf8_strlen(r->body + lstart, (gssize)((gsize)at - lstart)) + 1;
    Mark m = {*p, base + (gsize)(p - lit), r->doc ? lp_pos(lp_doc_path(r->doc), line + r->first_line - 1, col) : block};
    g_array_append_val(r->marks, m);
  }
  for (int k = 0; k < 4; k++)
    g_array_free(made[k], TRUE);
}

/* A tag as BCP 47 shapes it: language, then an optional script, region and
 * variants (en, de-CH, zh-Hant, sr-Latn-RS). */
static gboolean bcp47_shape(const char *tag) {
  return g_regex_match_simple("^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
                              "(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$",
                              tag, 0, 0);
}

typedef gboolean (*AttrFn)(const char *key, const char *val, gpointer data, LpPos pos, GError **err);

/* An attribute block's words, `key=value` separated by blanks, each handed to
 * `fn`; a key not in `keys` is an error naming the nearest. `what` names the
 * owner ("picture", "span") and `expected` the keys it takes. Shared by
 * pictures ({width=60% place=across}) and spans ({lang=de}). */
static gboolean each_attr(const char *attrs, const char *what, const char *const keys[], const char *expected,
                          AttrFn fn, gpointer data, LpPos pos, GError **err) {
  char **parts = g_strsplit_set(attrs, " \t", -1);
  gboolean ok = TRUE;
  for (char **it = parts; ok && *it; it++) {
    if (!**it)
      continue;
    char *eq = strchr(*it, '=');
    char *key = eq ? g_strndup(*it, (gsize)(eq - *it)) : g_strdup(*it);
    if (g_strv_contains(keys, key)) {
      ok = fn(key, eq ? eq + 1 : "", data, pos, err);
    } else {
      const char *near = lp_nearest(key, keys);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "unknown %s attribute '%s': expected %s%s%s%s", what, key, expected,
                   near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
      ok = FALSE;
    }
    g_free(key);
  }
  g_strfreev(parts);
  return ok;
}

typedef struct {
  char *lang;
} SpanAttrs;

static gboolean span_attr(const char *key, const char *val, gpointer data, LpPos pos, GError **err) {
  SpanAttrs *a = data;
  if (!bcp47_shape(val)) {
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "a span's language '%s' is not a language tag: expected one like en, de, pt-BR or zh-Hant "
                 "([words]{lang=de})",
                 val);
    return FALSE;
  }
  g_free(a->lang);
  a->lang = g_strdup(val);
  return TRUE;
}

/* The text block's spans in other languages: `[words]{lang=TAG}`, made of
 * markup brackets (see Mark). The brackets and the attribute block leave
 * the text; the words between them take the language (an inner span's over
 * an outer one's). A '[' never closed, or closed by ']' without '{', is
 * text ("[sic]"); a "]{" that no '[' opened, a '{' never closed and an
 * attribute block without a language are errors at their places. */
static LpRich *apply_spans(const Reader *r, LpRich *rich, GError **err) {
  GArray *marks = r->marks;
  if (!marks->len)
    return rich;
  const char *t = lp_rich_text(rich);
  gsize len = lp_rich_length(rich);
  const char **lang = g_new0(const char *, len + 1);
  gboolean *gone = g_new0(gboolean, len + 1);
  GPtrArray *tags = g_ptr_array_new_with_free_func(g_free);
  GArray *open = g_array_new(FALSE, FALSE, sizeof(guint)); /* indexes of '[' marks */
  /* Spans as found: innermost close first; applied outer first below. */
  typedef struct {
    gsize from, to;
    const char *tag;
  } Found;
  GArray *found = g_array_new(FALSE, FALSE, sizeof(Found));
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < marks->len; i++) {
    const Mark *m = &g_array_index(marks, Mark, i);
    if (m->c == '[') {
      g_array_append_val(open, i);
      continue;
    }
    if (m->c != ']')
      continue;
    const Mark *brace = i + 1 < marks->len ? &g_array_index(marks, Mark, i + 1) : NULL;
    gboolean attrs = brace && brace->c == '{' && brace->at == m->at + 1;
    if (!attrs) {
      if (open->len)
        g_array_set_size(open, open->len - 1); /* "[sic]": text */
      continue;
    }
    if (!open->len) {
      lp_set_error(err, LP_EXIT_INPUT, &m->pos,
                   "']{' without its '[': a span in another language is [words]{lang=de} (write \\] for a bracket "
                   "that is text)");
      ok = FALSE;
      break;
    }
    const Mark *close = NULL;
    guint j = i + 2;
    for (; j < marks->len; j++) {
      const Mark *c = &g_array_index(marks, Mark, j);
      if (c->c == '}') {
        close = c;
        break;
      }
      if (c->c == '{' || c->c == '[' || c->c == ']')
        break;
    }
    if (!close) {
      lp_set_error(err, LP_EXIT_INPUT, &brace->pos,
                   "a span's attributes are not closed: expected '}' after {lang=…} on the same line");
      ok = FALSE;
      break;
    }
    const Mark *opener = &g_array_index(marks, Mark, g_array_index(open, guint, open->len - 1));
    g_array_set_size(open, open->len - 1);
    char *body = g_strndup(t + brace->at + 1, close->at - brace->at - 1);
    SpanAttrs a = {NULL};
    static const char *const keys[] = {"lang", NULL};
    ok = each_attr(body, "span", keys, "lang=… (a language tag)", span_attr, &a, brace->pos, err);
    g_free(body);
    if (ok && !a.lang) {
      lp_set_error(err, LP_EXIT_INPUT, &brace->pos,
                   "a span without a language: expected [words]{lang=de}, a language tag after lang=");
      ok = FALSE;
    }
    if (ok && opener->at + 1 == m->at) {
      lp_set_error(err, LP_EXIT_INPUT, &opener->pos, "an empty span: expected the words between [ and ]{lang=%s}",
                   a.lang);
      ok = FALSE;
    }
    if (!ok) {
      g_free(a.lang);
      break;
    }
    g_ptr_array_add(tags, a.lang);
    Found f = {opener->at + 1, m->at, a.lang};
    g_array_append_val(found, f);
    gone[opener->at] = TRUE;
    for (gsize b = m->at; b <= close->at; b++)
      gone[b] = TRUE;
    if (r->uses) {
      LpLangUse u = {g_strdup(a.lang), opener->pos, g_strndup(t + opener->at + 1, m->at - opener->at - 1)};
      g_array_append_val(r->uses, u);
    }
    i = j;
  }
  /* A language block that no span took is an error, not text to print:
   * after a link ([words](url){lang=de}, where cmark made the brackets a
   * link) or after a span that already has one. */
  for (guint i = 0; ok && i < marks->len; i++) {
    const Mark *m = &g_array_index(marks, Mark, i);
    if (m->c != '{' || gone[m->at] || !g_str_has_prefix(t + m->at + 1, "lang="))
      continue;
    gboolean after_link = FALSE;
    for (guint k = 0; m->at > 0 && k < lp_rich_n_spans(rich); k++) {
      const LpSpan *sp = lp_rich_span(rich, k);
      after_link = after_link || (sp->end == m->at && (sp->flags & LP_SPAN_LINK));
    }
    lp_set_error(err, LP_EXIT_INPUT, &m->pos,
                 after_link ? "a language after a link, which takes none: put the span inside the link's words, "
                              "[[words]{lang=de}](…) (write \\{ for a brace that is text)"
                            : "a language that follows no [words]: expected [words]{lang=de}, one language per span "
                              "(write \\{ for a brace that is text)");
    ok = FALSE;
  }
  LpRich *out = NULL;
  if (ok) {
    /* Outer spans close last, so they were found last: apply from the end. */
    for (guint k = found->len; k-- > 0;) {
      const Found *f = &g_array_index(found, Found, k);
      for (gsize b = f->from; b < f->to; b++)
        lang[b] = f->tag;
    }
    out = lp_rich_new();
    guint si = 0, n = lp_rich_n_spans(rich);
    gsize b = 0;
    while (b < len) {
      if (gone[b]) {
        b++;
        continue;
      }
      while (si < n && lp_rich_span(rich, si)->end <= b)
        si++;
      const LpSpan *sp = si < n && lp_rich_span(rich, si)->start <= b ? lp_rich_span(rich, si) : NULL;
      gsize e = b + 1;
      gsize limit = sp ? sp->end : si < n ? lp_rich_span(rich, si)->start : len;
      while (e < len && e < limit && !gone[e] && lang[e] == lang[b])
        e++;
      lp_rich_append_lang(out, t + b, (gssize)(e - b), sp ? sp->flags : 0, sp ? sp->href : NULL, lang[b]);
      b = e;
    }
    lp_rich_free(rich);
  } else {
    lp_rich_free(rich);
  }
  g_free(lang);
  g_free(gone);
  g_ptr_array_unref(tags);
  g_array_free(open, TRUE);
  g_array_free(found, TRUE);
  return out;
}

static gboolean read_inlines(const Reader *r, cmark_node *parent, LpRich *rich, guint flags, const char *href,
                             LpPos block, int depth, GError **err) {
  if ((gsize)depth > lp_ctx_limit(r->ctx, LP_LIMIT_INLINE_DEPTH)) {
    LpPos pos = inline_pos(r, parent, block);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "emphasis and links nest deeper than %" G_GSIZE_FORMAT " levels %s",
                 lp_ctx_limit(r->ctx, LP_LIMIT_INLINE_DEPTH), lp_limit_hint(LP_LIMIT_INLINE_DEPTH));
    return FALSE;
  }
  for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT:
      note_marks(r, n, lp_rich_length(rich), block);
      lp_rich_append(rich, cmark_node_get_literal(n), -1, flags, href);
      break;
    case CMARK_NODE_SOFTBREAK:
      lp_rich_append(rich, " ", 1, flags, href);
      break;
    case CMARK_NODE_LINEBREAK:
      /* U+2028 LINE SEPARATOR: a forced line break inside the paragraph. */
      lp_rich_append(rich, "\xE2\x80\xA8", 3, flags, href);
      break;
    case CMARK_NODE_CODE:
      lp_rich_append(rich, cmark_node_get_literal(n), -1, flags | LP_SPAN_CODE, href);
      break;
    case CMARK_NODE_EMPH:
      if (!read_inlines(r, n, rich, flags | LP_SPAN_EM, href, block, depth + 1, err))
        return FALSE;
      break;
    case CMARK_NODE_STRONG:
      if (!read_inlines(r, n, rich, flags | LP_SPAN_STRONG, href, block, depth + 1, err))
        return FALSE;
      break;
    case CMARK_NODE_LINK:
      if (!read_inlines(r, n, rich, flags | LP_SPAN_LINK, cmark_node_get_url(n), block, depth + 1, err))
        return FALSE;
      break;
    case CMARK_NODE_IMAGE: {
      LpPos pos = inline_pos(r, n, block);
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "a picture inside a line of text: a picture stands in a paragraph of its own, "
                   "![what it shows](file) with a blank line before and after");
      return FALSE;
    }
    case CMARK_NODE_HTML_INLINE: {
      LpPos pos = inline_pos(r, n, block);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "raw HTML is not supported: write the text in Markdown (found %s)",
                   cmark_node_get_literal(n));
      return FALSE;
    }
    default: {
      LpPos pos = inline_pos(r, n, block);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "unsupported Markdown element '%s'", cmark_node_get_type_string(n));
      return FALSE;
    }
    }
  }
  return TRUE;
}

/* cmark core has no tables, so a pipe table arrives as a paragraph; refuse it
 * rather than print the pipes. A table has a delimiter row like |---|:--:|. */
static gboolean looks_like_table(const Reader *r, cmark_node *para) {
  int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para);
  for (int line = first + 1; line <= last && line <= (int)r->lines->len; line++) {
    gsize start = GPOINTER_TO_SIZE(g_ptr_array_index(r->lines, line - 1));
    const char *s = r->body + start;
    const char *e = memchr(s, '\n', r->length - start);
    char *text = g_strndup(s, e ? (gsize)(e - s) : r->length - start);
    gboolean hit = strchr(text, '|') &&
                   g_regex_match_simple("^\\s*\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$", text, 0, 0);
    g_free(text);
    if (hit)
      return TRUE;
  }
  return FALSE;
}

/* cmark 0.30 does not tell fenced code from indented code, and the two need
 * different advice; a fenced block starts at its fence, an indented one at its
 * text. */
static gboolean starts_with_fence(const Reader *r, cmark_node *n) {
  int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
  if (line <= 0 || line > (int)r->lines->len || col <= 0)
    return FALSE;
  gsize at = GPOINTER_TO_SIZE(g_ptr_array_index(r->lines, line - 1)) + (gsize)(col - 1);
  if (at + 3 > r->length)
    return FALSE;
  const char *s = r->body + at;
  return (s[0] == '`' || s[0] == '~') && s[1] == s[0] && s[2] == s[0];
}

static LpRich *read_text_block(const Reader *r, cmark_node *n, GError **err) {
  LpRich *rich = lp_rich_new();
  g_array_set_size(r->marks, 0);
  if (!read_inlines(r, n, rich, 0, NULL, node_pos(r, n), 0, err)) {
    lp_rich_free(rich);
    return NULL;
  }
  if (!(rich = apply_spans(r, rich, err)))
    return NULL;
  lp_rich_strip(rich);
  if ((gsize)lp_rich_length(rich) > lp_ctx_limit(r->ctx, LP_LIMIT_PARAGRAPH_LENGTH)) {
    LpPos pos = node_pos(r, n);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a block of %ld characters, over the limit of %" G_GSIZE_FORMAT " %s",
                 (long)lp_rich_length(rich), lp_ctx_limit(r->ctx, LP_LIMIT_PARAGRAPH_LENGTH),
                 lp_limit_hint(LP_LIMIT_PARAGRAPH_LENGTH));
    lp_rich_free(rich);
    return NULL;
  }
  return rich;
}

static gboolean read_blocks(const Reader *r, cmark_node *parent, LpBlock *list, int list_depth, GError **err);

static gboolean add_block(const Reader *r, LpBlock *list, LpBlock *b, cmark_node *n);

/* A ```timeline block: the figure's data, in YAML, where the figure belongs. */
static gboolean read_timeline(const Reader *r, cmark_node *n, LpBlock *list, LpPos pos, GError **err) {
  if (list || pos.col != 1) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a timeline block must start at the left margin, outside lists");
    return FALSE;
  }
  if (lp_doc_timeline(r->doc)) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a second timeline block: an article has one pain timeline");
    return FALSE;
  }
  const char *yaml = cmark_node_get_literal(n);
  if (yaml && strlen(yaml) > lp_ctx_limit(r->ctx, LP_LIMIT_TIMELINE_SIZE)) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a timeline block of %zu bytes, over the limit of %" G_GSIZE_FORMAT " %s",
                 strlen(yaml), lp_ctx_limit(r->ctx, LP_LIMIT_TIMELINE_SIZE), lp_limit_hint(LP_LIMIT_TIMELINE_SIZE));
    return FALSE;
  }
  LpTimeline *t = lp_timeline_read(r->ctx, lp_doc_path(r->doc), yaml ? yaml : "", yaml ? strlen(yaml) : 0, pos.line + 1,
                                   pos, err);
  if (!t)
    return FALSE;
  return add_block(r, list, lp_block_new_timeline(pos, t), n);
}

/* ---- pictures: a paragraph that is one image, with its attributes ---- */

/* The words of an image's description (its alt text), emphasis dropped. */
static void plain_text(cmark_node *parent, GString *out) {
  for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      g_string_append(out, cmark_node_get_literal(n));
      break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      g_string_append_c(out, ' ');
      break;
    default:
      plain_text(n, out);
    }
  }
}

static gboolean blank(const char *s) { return !s || s[strspn(s, " \t\r\n")] == '\0'; }

/* The image of a paragraph that holds nothing else but blanks and one
 * attribute block after it; NULL when the paragraph has no image. *extra is
 * set when it also holds other text (the caller refuses it). */
static cmark_node *sole_image(cmark_node *para, char **attrs, gboolean *extra) {
  cmark_node *image = NULL;
  *extra = FALSE;
  *attrs = NULL;
  GString *after = g_string_new(NULL);
  for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_IMAGE && !image) {
      image = n;
    } else if (t == CMARK_NODE_TEXT && image) {
      g_string_append(after, cmark_node_get_literal(n));
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
      g_string_append_c(after, ' ');
    } else if (!(t == CMARK_NODE_TEXT && blank(cmark_node_get_literal(n)))) {
      *extra = TRUE;
    }
  }
  char *a = g_strstrip(g_string_free(after, FALSE));
  if (*a && (a[0] != '{' || a[strlen(a) - 1] != '}'))
    *extra = TRUE;
  if (image && *a && !*extra)
    *attrs = g_strndup(a + 1, strlen(a) - 2);
  g_free(a);
  if (!image) {
    /* An image deeper in (inside emphasis or a link) is the inline reader's to refuse. */
    *extra = FALSE;
  }
  return image;
}

/* {width=60%} {width=45mm} {place=across} {place=column}, space-separated. */
static gboolean picture_attr(const char *key, const char *val, gpointer data, LpPos pos, GError **err) {
  static const char *const places[] = {"column", "across", NULL};
  LpPicture *p = data;
  if (g_str_equal(key, "width")) {
    gsize n = strlen(val);
    if (n > 1 && val[n - 1] == '%') {
      char *end = NULL;
      double f = g_ascii_strtod(val, &end);
      if (end != val + n - 1 || !(f > 0 && f <= 100)) {
        lp_set_error(err, LP_EXIT_INPUT, &pos,
                     "a picture's width '%s': expected a share of the column from 1%% to 100%% (width=60%%) or a "
                     "length (width=45mm)",
                     val);
        return FALSE;
      }
      p->width_frac = f / 100;
      return TRUE;
    }
    double pt = 0;
    char *msg = lp_parse_length(val, &pt);
    gboolean ok = !msg && pt > 0;
    if (ok)
      p->width_pt = pt;
    else
      lp_set_error(err, LP_EXIT_INPUT, &pos, "a picture's width '%s': %s", val,
                   msg ? msg : "expected a length above zero (width=45mm) or a share (width=60%)");
    g_free(msg);
    return ok;
  }
  if (g_str_equal(val, "column")) {
    p->place = LP_PLACE_COLUMN;
  } else if (g_str_equal(val, "across")) {
    p->place = LP_PLACE_ACROSS;
  } else {
    const char *near = lp_nearest(val, places);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a picture's place '%s': expected column or across%s%s%s", val,
                 near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
    return FALSE;
  }
  return TRUE;
}

static gboolean picture_attrs(LpPicture *p, const char *attrs, LpPos pos, GError **err) {
  static const char *const keys[] = {"width", "place", NULL};
  return each_attr(attrs, "picture", keys, "width=… or place=…", picture_attr, p, pos, err);
}

static LpPicture *read_picture(const Reader *r, cmark_node *image, const char *attrs, GError **err) {
  LpPos pos = node_pos(r, image);
  LpPicture *p = g_new0(LpPicture, 1);
  p->pos = pos;
  GString *alt = g_string_new(NULL);
  plain_text(image, alt);
  p->alt = g_strstrip(g_string_free(alt, FALSE));
  const char *url = cmark_node_get_url(image), *title = cmark_node_get_title(image);
  p->name = g_strdup(url ? url : "");
  if (title && *title)
    p->caption = g_strstrip(g_strdup(title));
  if (!*p->alt) {
    lp_set_error_hint(err, LP_EXIT_INPUT, &pos,
                      "write what the picture shows between the brackets: ![the arm with the injection sites](file)",
                      "a picture without alternate text ('%s'): a reader who cannot see it is told nothing", p->name);
    goto fail;
  }
  if (!*p->name) {
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a picture without a file: expected ![%s](file.png), a PNG, JPEG or SVG file",
                 p->alt);
    goto fail;
  }
  if (g_regex_match_simple("^[a-zA-Z][a-zA-Z0-9+.-]*:", p->name, 0, 0)) {
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "a picture at an address ('%s'): expected a PNG, JPEG or SVG file next to the article", p->name);
    goto fail;
  }
  if (attrs && !picture_attrs(p, attrs, pos, err))
    goto fail;
  char *what = g_strdup_printf("the picture '%s'", p->name);
  p->file = lp_paths_resolve(r->ctx, lp_doc_path(r->doc), p->name, "the picture", &pos, LP_PATH_FILE, err);
  if (p->file) {
    GError *e = NULL;
    p->bytes = lp_source_read_bytes(r->ctx, p->file, what, &e);
    if (!p->bytes) {
      /* The file's own position says nothing: the image's does. */
      lp_set_error(err, (LpExit)e->code, &pos, "%s", e->message);
      g_error_free(e);
    }
  }
  g_free(what);
  if (!p->bytes)
    goto fail;
  gsize len;
  const guint8 *data = g_bytes_get_data(p->bytes, &len);
  p->format = lp_picture_sniff(data, len);
  if (p->format == LP_PICTURE_UNKNOWN) {
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "the picture '%s' is not a PNG, JPEG or SVG file (told by its first bytes): the formats accepted are "
                 "PNG, JPEG and SVG",
                 p->name);
    goto fail;
  }
  return p;
fail:
  lp_picture_free(p);
  return NULL;
}

static gboolean add_block(const Reader *r, LpBlock *list, LpBlock *b, cmark_node *n) {
  lp_block_set_end_line(b, node_end_line(r, n));
  if (list)
    lp_block_list_append(list, b);
  else
    lp_doc_append(r->doc, b);
  return TRUE;
}

static gboolean read_block(const Reader *r, cmark_node *n, LpBlock *list, int list_depth, GError **err) {
  LpPos pos = node_pos(r, n);
  switch (cmark_node_get_type(n)) {
  case CMARK_NODE_HEADING: {
    int level = cmark_node_get_heading_level(n);
    if (level == 1) {
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "a level-1 heading in the text: the title comes from the front matter ('title:'); "
                   "start sections with ##");
      return FALSE;
    }
    if (level > 3) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "heading level %d: expected ## (section) or ### (subsection)", level);
      return FALSE;
    }
    if (list) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "a heading inside a list item is not supported");
      return FALSE;
    }
    LpRich *text = read_text_block(r, n, err);
    if (!text)
      return FALSE;
    if (lp_rich_length(text) == 0) {
      lp_rich_free(text);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "empty heading: expected the section's title after ##");
      return FALSE;
    }
    return add_block(r, list, lp_block_new_heading(pos, level, text), n);
  }
  case CMARK_NODE_PARAGRAPH: {
    char *attrs = NULL;
    gboolean extra = FALSE;
    cmark_node *image = sole_image(n, &attrs, &extra);
    if (image && extra) {
      LpPos ipos = node_pos(r, image);
      lp_set_error(err, LP_EXIT_INPUT, &ipos,
                   "a picture with text beside it: a picture stands in a paragraph of its own, "
                   "![what it shows](file){width=60%%} with a blank line before and after");
      return FALSE;
    }
    if (image) {
      if (list) {
        g_free(attrs);
        LpPos ipos = node_pos(r, image);
        lp_set_error(err, LP_EXIT_INPUT, &ipos, "a picture inside a list item: put it before or after the list");
        return FALSE;
      }
      LpPicture *pic = read_picture(r, image, attrs, err);
      g_free(attrs);
      if (!pic)
        return FALSE;
      return add_block(r, list, lp_block_new_picture(pos, pic), n);
    }
    if (looks_like_table(r, n)) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "tables are not supported yet: write the content as a list");
      return FALSE;
    }
    LpRich *text = read_text_block(r, n, err);
    if (!text)
      return FALSE;
    return add_block(r, list, lp_block_new_paragraph(pos, text), n);
  }
  case CMARK_NODE_LIST: {
    if ((gsize)list_depth >= lp_ctx_limit(r->ctx, LP_LIMIT_LIST_DEPTH)) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "lists nest deeper than %" G_GSIZE_FORMAT " levels %s",
                   lp_ctx_limit(r->ctx, LP_LIMIT_LIST_DEPTH), lp_limit_hint(LP_LIMIT_LIST_DEPTH));
      return FALSE;
    }
    gboolean ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    LpBlock *b = lp_block_new_list(pos, ordered, ordered ? cmark_node_get_list_start(n) : 1);
    for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
      lp_block_list_add_item(b);
      if (!read_blocks(r, item, b, list_depth + 1, err)) {
        lp_block_free(b);
        return FALSE;
      }
    }
    return add_block(r, list, b, n);
  }
  case CMARK_NODE_HTML_BLOCK:
    lp_set_error(err, LP_EXIT_INPUT, &pos, "raw HTML is not supported: write the text in Markdown");
    return FALSE;
  case CMARK_NODE_CODE_BLOCK: {
    const char *info = cmark_node_get_fence_info(n);
    if (info && strcmp(info, "timeline") == 0)
      return read_timeline(r, n, list, pos, err);
    if (info && *info)
      lp_set_error(err, LP_EXIT_INPUT, &pos, "unknown fenced block '%s': expected paragraphs, lists and headings",
                   info);
    else if (starts_with_fence(r, n))
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "code blocks (``` or ~~~ fences) are not supported: expected paragraphs, lists and headings");
    else
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "code blocks are not supported (text indented by four spaces is one): remove the indent");
    return FALSE;
  }
  case CMARK_NODE_BLOCK_QUOTE:
    lp_set_error(err, LP_EXIT_INPUT, &pos, "block quotes (lines starting with '>') are not supported");
    return FALSE;
  case CMARK_NODE_THEMATIC_BREAK:
    lp_set_error(err, LP_EXIT_INPUT, &pos, "horizontal rules (---, ***) are not supported: use a ## section");
    return FALSE;
  default:
    lp_set_error(err, LP_EXIT_INPUT, &pos, "unsupported Markdown block '%s'", cmark_node_get_type_string(n));
    return FALSE;
  }
}

static gboolean read_blocks(const Reader *r, cmark_node *parent, LpBlock *list, int list_depth, GError **err) {
  for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
    if (!read_block(r, n, list, list_depth, err))
      return FALSE;
  return TRUE;
}

gboolean lp_markdown_plain(const char *text, const char *what, LpPos pos, GError **err) {
  if (!text || !g_regex_match_simple("\\]\\{\\s*lang\\s*=", text, 0, 0))
    return TRUE;
  lp_set_error(err, LP_EXIT_INPUT, &pos,
               "%s is plain text: a span in another language ([words]{lang=…}) cannot be marked there (only the "
               "body, card points and the advice's text take one); write the words without the brackets and braces",
               what);
  return FALSE;
}

LpRich *lp_markdown_inline(const LpCtx *ctx, const char *text, LpPos pos, GArray *span_langs, GError **err) {
  cmark_node *root = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
  cmark_node *para = root ? cmark_node_first_child(root) : NULL;
  /* Name what is in the way: after a first paragraph, that is the block after it. */
  cmark_node *odd = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH ? cmark_node_next(para) : para;
  LpRich *rich = NULL;
  if (!para || odd) {
    const char *found = !para ? "blank"
                        : odd != para && cmark_node_get_type(odd) == CMARK_NODE_PARAGRAPH
                            ? "second paragraph"
                            : cmark_node_get_type_string(odd);
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "expected one line of text (with *emphasis* or **strong** if needed), found a %s", found);
  } else {
    /* Inline positions are not tracked inside a YAML value: errors point at it. */
    Reader r = {ctx, NULL, text, strlen(text), pos.line, g_ptr_array_new(), g_array_new(FALSE, FALSE, sizeof(Mark)),
                span_langs};
    /* Lines only to pair text with its source (note_marks). */
    g_ptr_array_add(r.lines, GSIZE_TO_POINTER(0));
    for (gsize i = 0; text[i]; i++)
      if (text[i] == '\n')
        g_ptr_array_add(r.lines, GSIZE_TO_POINTER(i + 1));
    rich = lp_rich_new();
    if (!read_inlines(&r, para, rich, 0, NULL, pos, 0, err))
      g_clear_pointer(&rich, lp_rich_free);
    else if ((rich = apply_spans(&r, rich, err)))
      lp_rich_strip(rich);
    g_ptr_array_unref(r.lines);
    g_array_free(r.marks, TRUE);
  }
  cmark_node_free(root);
  return rich;
}

gboolean lp_markdown_read(const LpCtx *ctx, LpDoc *doc, const char *body, gsize length, int first_line, GError **err) {
  Reader r = {ctx, doc, body, length, first_line, g_ptr_array_new(), g_array_new(FALSE, FALSE, sizeof(Mark)),
              lp_doc_meta(doc)->span_langs};
  g_ptr_array_add(r.lines, GSIZE_TO_POINTER(0));
  for (gsize i = 0; i < length; i++)
    if (body[i] == '\n')
      g_ptr_array_add(r.lines, GSIZE_TO_POINTER(i + 1));
  cmark_node *root = cmark_parse_document(body, length, CMARK_OPT_DEFAULT);
  gboolean ok = root && read_blocks(&r, root, NULL, 0, err);
  if (!root)
    lp_set_error(err, LP_EXIT_IO, NULL, "out of memory parsing Markdown");
  cmark_node_free(root);
  g_ptr_array_unref(r.lines);
  g_array_free(r.marks, TRUE);
  return ok;
}
