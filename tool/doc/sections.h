/* A document cut into sections, for comparing a translation with its source.
 *
 * Sections: "meta" (title, subtitle, description, keywords), "card" (the card's
 * title, points and advice), "timeline", "intro" (the text before the first
 * "##" heading) and "s1", "s2" … (each "##" section with its subsections).
 * Each has a hash of its text and structure, so that a translation can record
 * which version of the source it was made from, and a shape (its structure
 * without the words), so that `check` can tell a translation that lost or
 * gained a paragraph, a list item, a phase or a card point. */
#pragma once
#include "doc/doc.h"

typedef struct {
  char *key;   /* "meta", "card", "timeline", "intro", "s1" … */
  char *title; /* for messages: the heading, or a description */
  LpPos pos;   /* where the section starts */
  char *hash;  /* 12 hex digits of SHA-256 over its text and structure */
  GPtrArray *shape; /* char*: one entry per element, e.g. "heading 2", "paragraph", "list of 3" */
  char *words;      /* its text as a reader sees it, the parts joined by spaces (for word diffs) */
} LpSection;

/* The sections of `doc`, in document order. */
GArray *lp_sections_new(const LpDoc *doc);
void lp_sections_free(GArray *sections);
const LpSection *lp_sections_find(const GArray *sections, const char *key);

typedef enum {
  LP_COMPARE_STRUCTURE = 1 << 0, /* sections, paragraphs, list items, card points, the timeline's numbers */
  LP_COMPARE_STALE = 1 << 1,     /* the source changed since the translation was stamped */
} LpCompareFlags;

/* Checks a translation against its source; appends one LpDiag per problem.
 * `source_name` is how messages name the source. `earlier` (LpDoc*, may be
 * NULL): earlier versions of the source (read/snapshot.h); a stale section
 * found in one of them is reported with what changed, word by word. */
void lp_translation_compare(const LpDoc *translation, const LpDoc *source, const char *source_name,
                            const GPtrArray *earlier, guint flags, GPtrArray *problems);

/* Differences between a translation's timeline and its source's: phases,
 * times, strengths, ticks and markers must match (only the words differ).
 * Appends one LpDiag per difference. */
void lp_timeline_compare(const LpTimeline *source, const char *source_file, const LpTimeline *translation,
                         GPtrArray *problems);
