/* The document tree: what an article says, independent of Markdown or YAML.
 *
 * Readers build it; layout reads it. A document owns its metadata and a list of
 * blocks; a list block owns its items, each a list of blocks. Every block keeps
 * the place it came from so that later stages can point at the source. */
#pragma once
#include "doc/diag.h"
#include "doc/rich.h"
#include "doc/timeline.h"

typedef enum {
  LP_REVIEW_DRAFT,
  LP_REVIEW_REVIEWED,
} LpReview;

/* A span of text in another language ([Botox]{lang=en}): its tag and where
 * it is written, so that the tag can be checked against the language data
 * once that is read (the reader checks only its shape). */
typedef struct {
  char *tag;
  LpPos pos;
  char *text; /* its words, as written (markup inside included) */
} LpLangUse;

/* Front matter. Strings are owned by the document; NULL when absent. */
typedef struct {
  char *lang;          /* BCP 47 tag, e.g. "en", "tr", "ar" */
  char *title;
  char *short_title;   /* for running headers; NULL: the title */
  char *subtitle;
  char *version;       /* the label printed on the leaflet, e.g. "2026-11" */
  char *date;          /* the version date, YYYY-MM-DD; PDF dates come from it */
  LpReview review;
  char *reviewed_by;
  char *online;        /* the online version's address (an absolute http(s) URL): a QR code */
  LpPos online_pos;
  char *published;     /* YYYY-MM-DD: when this version was published, or NULL */
  LpPos published_pos;
  char *review_due;    /* YYYY-MM-DD: when it must be reviewed again, or NULL */
  LpPos review_due_pos;
  char *description;   /* one sentence for the PDF subject */
  GPtrArray *keywords; /* char* */
  char *card_title;
  GPtrArray *card_points; /* LpRich*: the key points of the card and "in short" box */
  char *advice_title;  /* the card's advice box (for migraine patients) */
  LpRich *advice;
  LpPos advice_pos;
  GHashTable *labels;  /* char* → char*: overrides of the language's fixed strings */
  char *source;        /* a translation: the file it translates (e.g. "en.md"), else NULL */
  GHashTable *source_hashes; /* section key → hash of the source section it was made from */
  LpPos source_pos;
  gboolean example;    /* example: true — an example article, not the clinic's text */
  LpPos example_pos;
  LpPos pos;           /* where the front matter starts */
  LpPos lang_pos;      /* where `lang` is written */
  GArray *span_langs;  /* LpLangUse: every span in another language, body and front matter */
} LpMeta;

typedef enum {
  LP_BLOCK_HEADING,
  LP_BLOCK_PARAGRAPH,
  LP_BLOCK_LIST,
  LP_BLOCK_TIMELINE,
  LP_BLOCK_PICTURE,
} LpBlockKind;

/* A picture's file format, told by its first bytes (not its name). */
typedef enum {
  LP_PICTURE_UNKNOWN,
  LP_PICTURE_PNG,
  LP_PICTURE_JPEG,
  LP_PICTURE_SVG,
} LpPictureFormat;

/* Where a picture goes: the layout's choice, one column, or across the columns. */
typedef enum {
  LP_PLACE_DEFAULT,
  LP_PLACE_COLUMN,
  LP_PLACE_ACROSS,
} LpPlace;

/* A Markdown image standing as its own paragraph: `![alt](file "caption"){width=60%}`.
 * The reader has resolved the file inside the granted folders and read its
 * bytes; layout decodes them. Strings and bytes are owned by the record. */
typedef struct {
  char *alt;       /* required, never empty */
  char *caption;   /* the image's title, or NULL */
  char *name;      /* the file as the article wrote it, for messages */
  char *file;      /* the resolved path */
  GBytes *bytes;
  LpPictureFormat format;
  double width_frac; /* of the measure (column or text width), 0: the layout's */
  double width_pt;   /* an absolute width, 0: none */
  LpPlace place;
  LpPos pos;         /* the image's `!` */
} LpPicture;

/* The format of a file from its first bytes: PNG's signature, JPEG's SOI
 * marker, an XML document whose root element is <svg>. */
LpPictureFormat lp_picture_sniff(const guint8 *data, gsize len);
const char *lp_picture_format_name(LpPictureFormat format);
void lp_picture_free(LpPicture *picture);

typedef struct LpBlock LpBlock;
typedef struct LpDoc LpDoc;

/* ---- blocks ---- */
LpBlock *lp_block_new_heading(LpPos pos, int level, LpRich *text);   /* takes text */
LpBlock *lp_block_new_paragraph(LpPos pos, LpRich *text);            /* takes text */
LpBlock *lp_block_new_list(LpPos pos, gboolean ordered, int start);
LpBlock *lp_block_new_timeline(LpPos pos, LpTimeline *timeline);        /* takes timeline */
LpBlock *lp_block_new_picture(LpPos pos, LpPicture *picture);           /* takes picture */
/* Starts a new item in a list block; blocks appended next go into it. */
void lp_block_list_add_item(LpBlock *list);
void lp_block_list_append(LpBlock *list, LpBlock *child); /* takes child */
void lp_block_set_end_line(LpBlock *block, int line);
void lp_block_free(LpBlock *block);

LpBlockKind lp_block_kind(const LpBlock *block);
LpPos lp_block_pos(const LpBlock *block);
int lp_block_end_line(const LpBlock *block);
int lp_block_level(const LpBlock *block);              /* headings: 2 for "##" */
const LpRich *lp_block_text(const LpBlock *block);     /* headings, paragraphs */
gboolean lp_block_list_ordered(const LpBlock *block);
int lp_block_list_start(const LpBlock *block);
guint lp_block_list_n_items(const LpBlock *block);
const GPtrArray *lp_block_list_item(const LpBlock *block, guint i); /* of LpBlock* */
const LpTimeline *lp_block_timeline(const LpBlock *block);
const LpPicture *lp_block_picture(const LpBlock *block);

/* ---- documents ---- */
LpDoc *lp_doc_new(const char *path, const char *source, gsize length);
void lp_doc_free(LpDoc *doc);

const char *lp_doc_path(const LpDoc *doc);
/* The article id: the name of the folder holding the article ("botox-headache"). */
const char *lp_doc_id(const LpDoc *doc);
LpMeta *lp_doc_meta(LpDoc *doc);
const LpMeta *lp_doc_meta_const(const LpDoc *doc);
void lp_doc_append(LpDoc *doc, LpBlock *block); /* takes block */
guint lp_doc_n_blocks(const LpDoc *doc);
const LpBlock *lp_doc_block(const LpDoc *doc, guint i);
/* The article's timeline (there is at most one), or NULL. */
const LpTimeline *lp_doc_timeline(const LpDoc *doc);

/* Where the character `c` first occurs in the source lines of `block`; the
 * block's own position when it does not occur there. Used to point errors
 * found during layout (a missing glyph) back at the source. */
LpPos lp_doc_locate_char(const LpDoc *doc, const LpBlock *block, gunichar c);
/* The same for text that did not come from a block (front matter values). */
LpPos lp_doc_locate_char_from(const LpDoc *doc, LpPos from, gunichar c);
/* Where `text` (its first words, soft hyphens left out) first occurs in the
 * source; FALSE when it does not (text from a labels file or a profile). */
gboolean lp_doc_locate_text(const LpDoc *doc, const char *text, gsize len, LpPos *out);
