#include "doc/rich.h"

#include <string.h>

struct LpRich {
  GString *text;
  GArray *spans; /* LpSpan, sorted by start, non-overlapping */
};

/* A span's link target is its own: interned, every link a document ever had
 * would stay in GLib's quark table for the life of a batch process. */
static void span_clear(gpointer p) {
  g_free((char *)((LpSpan *)p)->href);
  g_free((char *)((LpSpan *)p)->lang);
}

LpRich *lp_rich_new(void) {
  LpRich *r = g_new0(LpRich, 1);
  r->text = g_string_new(NULL);
  r->spans = g_array_new(FALSE, FALSE, sizeof(LpSpan));
  g_array_set_clear_func(r->spans, span_clear);
  return r;
}

LpRich *lp_rich_new_plain(const char *text) {
  LpRich *r = lp_rich_new();
  lp_rich_append(r, text, -1, 0, NULL);
  return r;
}

void lp_rich_free(LpRich *r) {
  if (!r)
    return;
  g_string_free(r->text, TRUE);
  g_array_free(r->spans, TRUE);
  g_free(r);
}

LpRich *lp_rich_copy(const LpRich *src) {
  LpRich *r = lp_rich_new();
  g_string_append_len(r->text, src->text->str, (gssize)src->text->len);
  for (guint i = 0; i < src->spans->len; i++) {
    LpSpan s = g_array_index(src->spans, LpSpan, i);
    s.href = g_strdup(s.href);
    s.lang = g_strdup(s.lang);
    g_array_append_val(r->spans, s);
  }
  return r;
}

LpRich *lp_rich_slice(const LpRich *src, gsize start, gsize end) {
  LpRich *r = lp_rich_new();
  g_string_append_len(r->text, src->text->str + start, (gssize)(end - start));
  for (guint i = 0; i < src->spans->len; i++) {
    LpSpan s = g_array_index(src->spans, LpSpan, i);
    if (s.end <= start || s.start >= end)
      continue;
    s.start = (guint)(MAX(s.start, start) - start);
    s.end = (guint)(MIN(s.end, end) - start);
    s.href = g_strdup(s.href);
    s.lang = g_strdup(s.lang);
    g_array_append_val(r->spans, s);
  }
  return r;
}

void lp_rich_append(LpRich *r, const char *text, gssize len, guint flags, const char *href) {
  lp_rich_append_lang(r, text, len, flags, href, NULL);
}

void lp_rich_append_lang(LpRich *r, const char *text, gssize len, guint flags, const char *href, const char *lang) {
  if (len < 0)
    len = (gssize)strlen(text);
  if (len == 0)
    return;
  guint start = (guint)r->text->len;
  g_string_append_len(r->text, text, len);
  if (!flags && !lang)
    return;
  if (r->spans->len) {
    LpSpan *last = &g_array_index(r->spans, LpSpan, r->spans->len - 1);
    if (last->end == start && last->flags == flags && g_strcmp0(last->href, href) == 0 &&
        g_strcmp0(last->lang, lang) == 0) {
      last->end = (guint)r->text->len;
      return;
    }
  }
  LpSpan s = {start, (guint)r->text->len, flags, g_strdup(href), g_strdup(lang)};
  g_array_append_val(r->spans, s);
}

void lp_rich_add_span(LpRich *r, guint start, guint end, guint flags, const char *href, const char *lang) {
  g_return_if_fail(start < end && end <= r->text->len);
  LpSpan s = {start, end, flags, g_strdup(href), g_strdup(lang)};
  g_array_append_val(r->spans, s);
}

const char *lp_rich_text(const LpRich *r) { return r->text->str; }
gsize lp_rich_length(const LpRich *r) { return r->text->len; }
guint lp_rich_n_spans(const LpRich *r) { return r->spans->len; }
const LpSpan *lp_rich_span(const LpRich *r, guint i) { return &g_array_index(r->spans, LpSpan, i); }

const char *lp_rich_lang_at(const LpRich *r, gsize offset) {
  for (guint i = 0; i < r->spans->len; i++) {
    const LpSpan *s = &g_array_index(r->spans, LpSpan, i);
    if (offset >= s->start && offset < s->end)
      return s->lang;
  }
  return NULL;
}

void lp_rich_strip(LpRich *r) {
  gsize lead = 0, len = r->text->len;
  while (lead < len && g_ascii_isspace(r->text->str[lead]))
    lead++;
  while (len > lead && g_ascii_isspace(r->text->str[len - 1]))
    len--;
  g_string_truncate(r->text, len);
  g_string_erase(r->text, 0, (gssize)lead);
  for (guint i = 0; i < r->spans->len;) {
    LpSpan *s = &g_array_index(r->spans, LpSpan, i);
    s->start = s->start > lead ? s->start - (guint)lead : 0;
    s->end = s->end > lead ? s->end - (guint)lead : 0;
    if (s->end > r->text->len)
      s->end = (guint)r->text->len;
    if (s->start >= s->end)
      g_array_remove_index(r->spans, i);
    else
      i++;
  }
}
