#include "doc/doc.h"

#include <string.h>

struct LpBlock {
  LpBlockKind kind;
  LpPos pos;
  int end_line;
  int level;
  LpRich *text;
  gboolean ordered;
  int start;
  GPtrArray *items; /* of GPtrArray* of LpBlock* */
  LpTimeline *timeline;
  LpPicture *picture;
};

struct LpDoc {
  char *path;
  char *id;
  char *source;
  GPtrArray *lines; /* offsets into source: line n starts at lines[n-1] */
  LpMeta meta;
  GPtrArray *blocks;
};

static LpBlock *block_new(LpBlockKind kind, LpPos pos) {
  LpBlock *b = g_new0(LpBlock, 1);
  b->kind = kind;
  b->pos = pos;
  b->end_line = pos.line;
  return b;
}

LpBlock *lp_block_new_heading(LpPos pos, int level, LpRich *text) {
  LpBlock *b = block_new(LP_BLOCK_HEADING, pos);
  b->level = level;
  b->text = text;
  return b;
}

LpBlock *lp_block_new_paragraph(LpPos pos, LpRich *text) {
  LpBlock *b = block_new(LP_BLOCK_PARAGRAPH, pos);
  b->text = text;
  return b;
}

LpBlock *lp_block_new_list(LpPos pos, gboolean ordered, int start) {
  LpBlock *b = block_new(LP_BLOCK_LIST, pos);
  b->ordered = ordered;
  b->start = start;
  b->items = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  return b;
}

LpBlock *lp_block_new_timeline(LpPos pos, LpTimeline *timeline) {
  LpBlock *b = block_new(LP_BLOCK_TIMELINE, pos);
  b->timeline = timeline;
  return b;
}

LpBlock *lp_block_new_picture(LpPos pos, LpPicture *picture) {
  LpBlock *b = block_new(LP_BLOCK_PICTURE, pos);
  b->picture = picture;
  return b;
}

void lp_picture_free(LpPicture *p) {
  if (!p)
    return;
  g_free(p->alt);
  g_free(p->caption);
  g_free(p->name);
  g_free(p->file);
  if (p->bytes)
    g_bytes_unref(p->bytes);
  g_free(p);
}

LpPictureFormat lp_picture_sniff(const guint8 *d, gsize len) {
  if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return LP_PICTURE_PNG;
  if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return LP_PICTURE_JPEG;
  /* SVG is text: past a byte-order mark, the XML declaration, comments and a
   * doctype, the first element must be <svg. Only the first 4 KiB are looked at. */
  gsize i = len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
  gsize end = MIN(len, 4096);
  while (i < end) {
    while (i < end && g_ascii_isspace(d[i]))
      i++;
    if (i >= end || d[i] != '<')
      return LP_PICTURE_UNKNOWN;
    if (i + 4 <= end && memcmp(d + i, "<svg", 4) == 0 && (i + 4 == end || !g_ascii_isalnum(d[i + 4])))
      return LP_PICTURE_SVG;
    const char *close = i + 4 <= end && memcmp(d + i, "<!--", 4) == 0 ? "-->" : ">";
    if (d[i + 1] != '?' && d[i + 1] != '!')
      return LP_PICTURE_UNKNOWN;
    gsize n = strlen(close), k = i + 2;
    while (k + n <= end && memcmp(d + k, close, n) != 0)
      k++;
    if (k + n > end)
      return LP_PICTURE_UNKNOWN;
    i = k + n;
  }
  return LP_PICTURE_UNKNOWN;
}

const char *lp_picture_format_name(LpPictureFormat f) {
  switch (f) {
  case LP_PICTURE_PNG:
    return "PNG";
  case LP_PICTURE_JPEG:
    return "JPEG";
  case LP_PICTURE_SVG:
    return "SVG";
  case LP_PICTURE_UNKNOWN:
    break;
  }
  return "unknown";
}

void lp_block_list_add_item(LpBlock *list) {
  g_return_if_fail(list->kind == LP_BLOCK_LIST);
  g_ptr_array_add(list->items, g_ptr_array_new_with_free_func((GDestroyNotify)lp_block_free));
}

void lp_block_list_append(LpBlock *list, LpBlock *child) {
  g_return_if_fail(list->kind == LP_BLOCK_LIST && list->items->len > 0);
  g_ptr_array_add(g_ptr_array_index(list->items, list->items->len - 1), child);
}

void lp_block_set_end_line(LpBlock *b, int line) { b->end_line = MAX(line, b->pos.line); }

void lp_block_free(LpBlock *b) {
  if (!b)
    return;
  lp_rich_free(b->text);
  lp_timeline_free(b->timeline);
  lp_picture_free(b->picture);
  if (b->items)
    g_ptr_array_unref(b->items);
  g_free(b);
}

LpBlockKind lp_block_kind(const LpBlock *b) { return b->kind; }
LpPos lp_block_pos(const LpBlock *b) { return b->pos; }
int lp_block_end_line(const LpBlock *b) { return b->end_line; }
int lp_block_level(const LpBlock *b) { return b->level; }
const LpRich *lp_block_text(const LpBlock *b) { return b->text; }
gboolean lp_block_list_ordered(const LpBlock *b) { return b->ordered; }
int lp_block_list_start(const LpBlock *b) { return b->start; }
guint lp_block_list_n_items(const LpBlock *b) { return b->items ? b->items->len : 0; }
const GPtrArray *lp_block_list_item(const LpBlock *b, guint i) { return g_ptr_array_index(b->items, i); }

const LpTimeline *lp_block_timeline(const LpBlock *b) { return b->timeline; }
const LpPicture *lp_block_picture(const LpBlock *b) { return b->picture; }

/* The LpLangUse records own their tags; positions point at the path the document keeps. */
static void lang_use_clear(gpointer p) {
  g_free(((LpLangUse *)p)->tag);
  g_free(((LpLangUse *)p)->text);
}

LpDoc *lp_doc_new(const char *path, const char *source, gsize length) {
  LpDoc *d = g_new0(LpDoc, 1);
  d->path = g_strdup(path);
  char *dir = g_path_get_dirname(path);
  d->id = g_path_get_basename(dir);
  g_free(dir);
  d->source = g_strndup(source, length);
  d->lines = g_ptr_array_new();
  g_ptr_array_add(d->lines, GSIZE_TO_POINTER(0));
  for (gsize i = 0; i < length; i++)
    if (source[i] == '\n')
      g_ptr_array_add(d->lines, GSIZE_TO_POINTER(i + 1));
  d->blocks = g_ptr_array_new_with_free_func((GDestroyNotify)lp_block_free);
  d->meta.keywords = g_ptr_array_new_with_free_func(g_free);
  d->meta.card_points = g_ptr_array_new_with_free_func((GDestroyNotify)lp_rich_free);
  d->meta.labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  d->meta.source_hashes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  d->meta.review = LP_REVIEW_DRAFT;
  d->meta.span_langs = g_array_new(FALSE, FALSE, sizeof(LpLangUse));
  g_array_set_clear_func(d->meta.span_langs, lang_use_clear);
  return d;
}

void lp_doc_free(LpDoc *d) {
  if (!d)
    return;
  LpMeta *m = &d->meta;
  g_free(m->lang);
  g_free(m->title);
  g_free(m->subtitle);
  g_free(m->short_title);
  g_free(m->version);
  g_free(m->date);
  g_free(m->reviewed_by);
  g_free(m->online);
  g_free(m->published);
  g_free(m->review_due);
  g_free(m->description);
  g_free(m->card_title);
  g_free(m->advice_title);
  lp_rich_free(m->advice);
  g_ptr_array_unref(m->keywords);
  g_ptr_array_unref(m->card_points);
  g_hash_table_unref(m->labels);
  g_hash_table_unref(m->source_hashes);
  g_array_unref(m->span_langs);
  g_free(m->source);
  g_ptr_array_unref(d->blocks);
  g_ptr_array_unref(d->lines);
  g_free(d->source);
  g_free(d->path);
  g_free(d->id);
  g_free(d);
}

const char *lp_doc_path(const LpDoc *d) { return d->path; }
const char *lp_doc_id(const LpDoc *d) { return d->id; }
LpMeta *lp_doc_meta(LpDoc *d) { return &d->meta; }
const LpMeta *lp_doc_meta_const(const LpDoc *d) { return &d->meta; }
void lp_doc_append(LpDoc *d, LpBlock *b) { g_ptr_array_add(d->blocks, b); }
guint lp_doc_n_blocks(const LpDoc *d) { return d->blocks->len; }
const LpBlock *lp_doc_block(const LpDoc *d, guint i) { return g_ptr_array_index(d->blocks, i); }

const LpTimeline *lp_doc_timeline(const LpDoc *d) {
  for (guint i = 0; i < d->blocks->len; i++) {
    const LpBlock *b = g_ptr_array_index(d->blocks, i);
    if (b->kind == LP_BLOCK_TIMELINE)
      return b->timeline;
  }
  return NULL;
}

static LpPos locate(const LpDoc *d, LpPos from, int last_line, gunichar c) {
  for (int line = MAX(from.line, 1); line <= last_line && line <= (int)d->lines->len; line++) {
    const char *start = d->source + GPOINTER_TO_SIZE(g_ptr_array_index(d->lines, line - 1));
    const char *end = strchr(start, '\n');
    if (!end)
      end = start + strlen(start);
    const char *p = start;
    if (line == from.line && from.col > 1)
      p = g_utf8_offset_to_pointer(start, MIN(from.col - 1, g_utf8_strlen(start, end - start)));
    for (; p < end; p = g_utf8_next_char(p))
      if (g_utf8_get_char(p) == c)
        return lp_pos(d->path, line, (int)g_utf8_pointer_to_offset(start, p) + 1);
  }
  return from;
}

gboolean lp_doc_locate_text(const LpDoc *d, const char *text, gsize len, LpPos *out) {
  /* Up to three words: a line of a PDF is a part of a source line. */
  GString *want = g_string_new(NULL);
  int words = 0;
  for (const char *p = text; p < text + len && words < 3; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == 0xAD)
      continue;
    if (g_unichar_isspace(c)) {
      if (want->len && want->str[want->len - 1] != ' ' && ++words < 3)
        g_string_append_c(want, ' ');
      continue;
    }
    g_string_append_unichar(want, c);
  }
  while (want->len && want->str[want->len - 1] == ' ')
    g_string_truncate(want, want->len - 1);
  const char *hit = want->len ? strstr(d->source, want->str) : NULL;
  g_string_free(want, TRUE);
  if (!hit)
    return FALSE;
  gsize at = (gsize)(hit - d->source);
  for (guint line = d->lines->len; line > 0; line--) {
    gsize start = GPOINTER_TO_SIZE(g_ptr_array_index(d->lines, line - 1));
    if (start <= at) {
      *out = lp_pos(d->path, (int)line, (int)g_utf8_strlen(d->source + start, (gssize)(at - start)) + 1);
      return TRUE;
    }
  }
  return FALSE;
}

LpPos lp_doc_locate_char(const LpDoc *d, const LpBlock *b, gunichar c) {
  return locate(d, b->pos, b->end_line, c);
}

LpPos lp_doc_locate_char_from(const LpDoc *d, LpPos from, gunichar c) {
  return locate(d, from, (int)d->lines->len, c);
}
