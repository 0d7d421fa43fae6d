/* The layout model: colours, text styles and the page geometry a layout file
 * describes. These are plain value records, read once and then only read; they
 * are public so that layout code can use them without a getter per field. */
#pragma once
#include "doc/diag.h"

typedef enum { LP_COLOR_RGB, LP_COLOR_CMYK } LpColorSpace;

/* A colour as the user wrote it: RGB or CMYK components in 0..1. Writers that
 * cannot print CMYK convert it with lp_color_rgb(). */
typedef struct {
  LpColorSpace space;
  double v[4];
} LpColor;

LpColor lp_color_rgb_new(double r, double g, double b);
/* The colour as RGB. CMYK is converted by the naive rule r = (1-c)(1-k) …,
 * documented in docs/printing.md: exact conversion needs the print shop's ICC profile. */
void lp_color_rgb(const LpColor *color, double rgb[3]);
gboolean lp_color_equal(const LpColor *a, const LpColor *b);

/* The brand's tint for boxes when the clinic gives none: the brand colour at
 * 10 % on white paper (RGB: each channel 1 - 0.1 (1 - c); CMYK: each ink
 * at 10 %), the share the stock layouts' #e7f0f3 has of their #1f6e8c. */
LpColor lp_color_tint_of(const LpColor *brand);
/* CIEDE2000 colour difference of two colours (sRGB, D65); about 2.3 is the
 * smallest difference people notice side by side. */
double lp_color_delta_e(const LpColor *a, const LpColor *b);
/* WCAG 2 contrast ratio (1 to 21) of two colours. */
double lp_color_contrast(const LpColor *a, const LpColor *b);

/* The draft band must not pass for the clinic's own band: closer to the brand
 * colour than this CIEDE2000 difference, it is redrawn (lp_color_alert_for). */
#define LP_ALERT_MIN_DELTA_E 20.0
/* The draft band's colour next to `brand`: `alert` when its CIEDE2000
 * difference from the brand is at least LP_ALERT_MIN_DELTA_E, else the first
 * of dark orange #b34700, violet #5b2a86 and near-black #1c1c1c that is that
 * far from the brand and keeps 4.5:1 contrast with `on` (the band's text).
 * Returns whether it changed the colour. */
gboolean lp_color_alert_for(const LpColor *alert, const LpColor *brand, const LpColor *on, LpColor *out);

/* Named colours of a layout; a style may use one by name, so that a clinic's
 * brand colour reaches every style that refers to "brand". */
typedef enum {
  LP_NAMED_NONE = -1,
  LP_NAMED_BRAND,
  LP_NAMED_TINT,
  LP_NAMED_TEXT,
  LP_NAMED_MUTED,
  LP_NAMED_RULE,
  LP_NAMED_ON_BRAND,
  LP_NAMED_ALERT, /* the draft band */
  LP_NAMED_COUNT
} LpNamedColor;

const char *const *lp_named_color_names(void);

typedef enum {
  LP_ALIGN_START,
  LP_ALIGN_CENTER,
  LP_ALIGN_END,
  LP_ALIGN_JUSTIFY,
} LpAlign;

typedef struct {
  char *font;          /* family name, resolved through the private font config */
  double size;         /* pt */
  double leading;      /* baseline to baseline, pt */
  int weight;          /* 400 normal, 700 bold */
  gboolean italic;
  LpColor color;
  LpNamedColor color_ref; /* LP_NAMED_NONE when `color` is a literal */
  double space_before; /* pt, dropped at the top of a column */
  double space_after;  /* pt */
  LpAlign align;
  gboolean hyphenate;
  gboolean keep_with_next;
  double indent;       /* pt: hanging indent of list items */
  gboolean uppercase;
  double min_size;     /* copy-fit may shrink the style down to this, never below */
  LpPos pos;           /* where the style was last set, for messages */
} LpStyle;

typedef enum {
  LP_STYLE_BODY,
  LP_STYLE_H2,
  LP_STYLE_H3,
  LP_STYLE_LIST,
  LP_STYLE_TITLE,
  LP_STYLE_SUBTITLE,
  LP_STYLE_KICKER,
  LP_STYLE_BOX_TITLE,
  LP_STYLE_BOX,
  LP_STYLE_CAPTION,
  LP_STYLE_HEADER,
  LP_STYLE_FOOTER,
  LP_STYLE_LABEL, /* small labels: "Your treatment date", "Questions? Call us" */
  LP_STYLE_DATE,  /* the treatment date on the card */
  LP_STYLE_PHONE, /* the clinic's phone on the card */
  LP_STYLE_AXIS,  /* the diagram's tick labels and dates */
  LP_STYLE_PHASE, /* the diagram's phase labels */
  LP_STYLE_COUNT
} LpStyleId;

const char *lp_style_name(LpStyleId id);
/* NULL-terminated list of the style names a layout may set. */
const char *const *lp_style_names(void);
void lp_style_copy(LpStyle *dst, const LpStyle *src);
/* A copy with its own strings; release it with lp_style_clear. */
LpStyle lp_style_clone(const LpStyle *src);
void lp_style_clear(LpStyle *style);

/* A header or footer: three slots, each a list of templates that are expanded and
 * joined with " · ", leaving out the ones that come out empty. */
typedef enum { LP_SLOT_START, LP_SLOT_CENTER, LP_SLOT_END, LP_SLOT_COUNT } LpSlot;
typedef struct {
  GPtrArray *parts[LP_SLOT_COUNT]; /* char* templates, may be NULL */
  LpPos pos[LP_SLOT_COUNT];        /* where each slot was written */
  gboolean first_page;             /* also on page 1 */
} LpRunning;

/* The kinds of layout; each has its composer (layout/layout.c). */
typedef enum { LP_KIND_LEAFLET, LP_KIND_CARD, LP_KIND_FOLDED, LP_KIND_COUNT } LpLayoutKind;

/* What a panel of a folded leaflet holds (panels: in a layout file). */
typedef enum {
  LP_PANEL_COVER, /* the band: clinic, title, logo */
  LP_PANEL_BACK,  /* the clinic's contact and the version */
  LP_PANEL_FLAP,  /* the key points */
  LP_PANEL_TEXT,  /* the article's text and figure, flowing panel to panel */
  LP_PANEL_COUNT
} LpPanelRole;
const char *const *lp_panel_role_names(void);
#define LP_MAX_PANELS 6

/* How the text fills a folded leaflet's text panels (panels: {fill: ...}):
 * balanced, every panel ending at about the same depth, or each panel full
 * before the next, the last taking what is left. */
typedef enum { LP_FILL_BALANCE, LP_FILL_IN_TURN, LP_FILL_COUNT } LpPanelFill;
const char *const *lp_panel_fill_names(void);

/* The names layout files give the kinds ("kind: card"), NULL-terminated. */
const char *const *lp_layout_kind_names(void);

/* How a layout's pages go on sheets (impose/impose.h): leaves of two pages
 * in a grid (cards, the default), or a saddle-stitched booklet. */
typedef enum { LP_IMPOSE_CARDS, LP_IMPOSE_BOOKLET, LP_IMPOSE_COUNT } LpImposition;
const char *const *lp_imposition_names(void);

/* The blocks a card's sides are made of, top to bottom. */
typedef enum {
  LP_CARD_BAND,     /* the clinic's band with its name, logo and the card's title */
  LP_CARD_POINTS,   /* the key points */
  LP_CARD_DATE,     /* the treatment date, or a line to write it on */
  LP_CARD_PATIENT,  /* the patient's name ({patient.name}), left out when there is none */
  LP_CARD_CONTACT,  /* phone, name and address, at the foot of the side */
  LP_CARD_HEADING,  /* the timeline's caption as the side's heading */
  LP_CARD_TIMELINE, /* the diagram */
  LP_CARD_PHASES,   /* one line per phase */
  LP_CARD_ADVICE,   /* the advice box */
  LP_CARD_VERSION,  /* the article's version ("Version 2026-11") */
  LP_CARD_REVIEW,   /* the version with the review cycle: "Version 2026-11 · Published … · Review due …",
                       and "Reviewed by …" */
  LP_CARD_BLOCK_COUNT
} LpCardBlock;

const char *const *lp_card_block_names(void);

/* The pages a booklet adds to reach a multiple of 4 (booklet: {padding: ...}). */
typedef enum { LP_PAD_NOTES, LP_PAD_COUNT } LpPadding;
const char *const *lp_padding_names(void);

typedef struct {
  char *name;            /* layout name, e.g. "a4-leaflet" */
  char *file;            /* the file it was read from (interned-independent copy) */
  GPtrArray *sources;    /* char*: every file it was read from, bases first (depfiles) */
  LpLayoutKind kind;
  double page_w, page_h; /* trimmed page size, pt */
  double margin_top, margin_bottom, margin_left, margin_right;
  int columns;
  double gutter;
  double bleed;
  LpColor colors[LP_NAMED_COUNT];
  LpStyle styles[LP_STYLE_COUNT];
  LpRunning header, footer;
  GPtrArray *kicker;     /* templates above the title on the band, joined with " · " */
  LpPos kicker_pos;
  gboolean summary;      /* show the card's key points in a box on page 1 */
  char *summary_title;   /* template */
  LpPos summary_title_pos;
  gboolean contact;      /* end the leaflet with the clinic's phone and address in a box */
  char *contact_title;   /* template */
  LpPos contact_title_pos;
  GArray *card_sides[2]; /* LpCardBlock, front and back; NULL unless a card */
  double band_padding;   /* pt around the title block */
  double figure_gap;     /* pt between full-width blocks and the columns */
  gboolean picture_across; /* pictures: {place: across}: body pictures span the columns */
  double picture_width;  /* pictures: {width: N%}: a body picture's share of its measure */
  LpImposition imposition; /* sheet: {imposition: ...} */
  double creep;          /* booklet: pt per sheet inwards (sheet: {creep: ...}) */
  LpPos sheet_pos;       /* where the sheet options were written */
  int n_panels;          /* a folded leaflet's panels a side (0: not folded) */
  double panel_w[LP_MAX_PANELS];            /* the inside's panels, left to right, pt */
  LpPanelRole panel_role[2][LP_MAX_PANELS]; /* outside, inside; left to right */
  LpPanelFill panel_fill;                   /* panels: {fill: ...} (default: balance) */
  LpPos panels_pos;
  /* copyfit: {min_size: ..., step: ...}: a folded leaflet's text that does
   * not fit its text panels is set smaller (layout/folded.c); 0: never. */
  double copyfit_min_size; /* pt, the smallest body and list size */
  double copyfit_step;     /* pt, how much each try takes off the body's size */
  LpPos copyfit_pos;
  GArray *booklet_pages[2]; /* LpCardBlock: the cover (page 1) and the back cover (the last page) of a
                               leaflet, set with the card's blocks; NULL: no such page (booklet:) */
  LpPadding padding;     /* booklet: what fills the pages up to a multiple of 4 */
  LpPos booklet_pos;     /* where booklet: was written */
  gboolean no_band;      /* set by composers only: a leaflet's page 1 without the title band */
  gboolean article_title; /* set by composers only: a card's band shows the article's title, not the card's */
  gboolean cover;        /* set by composers only: a card side is a leaflet's cover or back cover: the band
                            is the cover's (kicker, title, subtitle, most of the page) and the blocks
                            between band and contact stand on the foot */
} LpLayoutSpec;

/* A layout with leafpress's built-in defaults (an A4 two-column leaflet). */
LpLayoutSpec *lp_layout_spec_new(void);
/* Gives styles that name a colour the layout's current value of it. */
void lp_layout_spec_resolve_colors(LpLayoutSpec *spec);
void lp_layout_spec_free(LpLayoutSpec *spec);

/* The text area: the page inside its margins. */
double lp_layout_spec_text_width(const LpLayoutSpec *spec);
double lp_layout_spec_column_width(const LpLayoutSpec *spec);

/* The readability floor (docs/layout.md): smallest size anywhere, smallest body size. */
#define LP_FLOOR_ANY_PT 7.5
#define LP_FLOOR_BODY_PT 9.0
#define LP_FLOOR_LEADING_RATIO 1.3
