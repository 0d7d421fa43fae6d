/* Rich text: one paragraph's UTF-8 text plus inline spans (emphasis, strong,
 * code, links) as byte ranges. It is what the readers produce from any markup and
 * what the layout turns into pango attributes; nothing here knows Markdown. */
#pragma once
#include <glib.h>

typedef enum {
  LP_SPAN_EM = 1 << 0,
  LP_SPAN_STRONG = 1 << 1,
  LP_SPAN_CODE = 1 << 2,
  LP_SPAN_LINK = 1 << 3,
} LpSpanFlags;

typedef struct {
  guint start, end;  /* byte offsets into the text, start < end */
  guint flags;       /* LpSpanFlags */
  const char *href;  /* the link's target, owned by the rich text; set for LP_SPAN_LINK */
  const char *lang;  /* BCP 47: text in another language than the document's
                      * ([Botox]{lang=en}), owned by the rich text; else NULL */
} LpSpan;

typedef struct LpRich LpRich;

LpRich *lp_rich_new(void);
LpRich *lp_rich_new_plain(const char *text);
void lp_rich_free(LpRich *rich);
LpRich *lp_rich_copy(const LpRich *rich);
/* Bytes [start, end) of the text with the spans that cover them (cut to
 * them, offsets from `start`). */
LpRich *lp_rich_slice(const LpRich *rich, gsize start, gsize end);

/* Appends text carrying `flags` (0 for plain); adjacent equal spans merge. */
void lp_rich_append(LpRich *rich, const char *text, gssize len, guint flags, const char *href);
/* The same for text in the language `lang` (NULL: the document's). */
void lp_rich_append_lang(LpRich *rich, const char *text, gssize len, guint flags, const char *href,
                         const char *lang);

/* Adds a span over bytes [start, end) of the text already there. Spans must be
 * added in order and must not overlap. */
void lp_rich_add_span(LpRich *rich, guint start, guint end, guint flags, const char *href, const char *lang);

const char *lp_rich_text(const LpRich *rich);
gsize lp_rich_length(const LpRich *rich);
guint lp_rich_n_spans(const LpRich *rich);
const LpSpan *lp_rich_span(const LpRich *rich, guint i);

/* The language of the text at byte `offset`: a span's, else NULL (the document's). */
const char *lp_rich_lang_at(const LpRich *rich, gsize offset);

/* Removes leading and trailing white space (the spans follow). */
void lp_rich_strip(LpRich *rich);
