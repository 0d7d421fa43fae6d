/* Resource limits: how big an input, how deep a nesting, how many pages and
 * bytes of output leafpress accepts before it stops with an error that names
 * the limit and the option that raises it (--limit NAME=N). They keep
 * hostile or broken inputs from turning into unbounded memory, stack or time,
 * and every one has a test (docs/reliability.md, "Limits"). The values in
 * force belong to a context (doc/ctx.h); this is the table of them. */
#pragma once
#include "doc/diag.h"

typedef enum {
  LP_LIMIT_INPUT_SIZE,       /* bytes of any one input file */
  LP_LIMIT_FRONT_MATTER_SIZE, /* bytes of an article's front matter */
  LP_LIMIT_TIMELINE_SIZE,    /* bytes of a ```timeline block */
  LP_LIMIT_YAML_DEPTH,       /* nesting of YAML collections */
  LP_LIMIT_LIST_DEPTH,       /* nesting of Markdown lists */
  LP_LIMIT_INLINE_DEPTH,     /* nesting of emphasis and links */
  LP_LIMIT_PARAGRAPH_LENGTH, /* characters of one paragraph, heading or list item */
  LP_LIMIT_PHASES,           /* timeline phases */
  LP_LIMIT_TICKS,            /* timeline ticks */
  LP_LIMIT_MARKERS,          /* timeline markers */
  LP_LIMIT_PAGES,            /* pages of one output */
  LP_LIMIT_CSV_ROWS,         /* data rows of a mail merge */
  LP_LIMIT_CSV_FIELD,        /* bytes of one data field */
  LP_LIMIT_OUTPUT_SIZE,      /* bytes one command writes, all files together */
  LP_LIMIT_IMAGE_PIXELS,     /* pixels of an image an input names (a picture, the clinic's logo) */
  LP_LIMIT_COUNT
} LpLimit;

/* A set of values, one per limit. */
typedef struct {
  gsize v[LP_LIMIT_COUNT];
} LpLimits;

/* Every limit at its default. */
void lp_limits_init(LpLimits *limits);
gsize lp_limit_default(LpLimit limit);
const char *lp_limit_name(LpLimit limit);
/* "(limit 'phases'; raise it with --limit phases=N)", for messages. */
const char *lp_limit_hint(LpLimit limit);

/* --limit NAME=N into `limits`: N a number, with K, M or G for sizes; at most
 * the limit's ceiling (the value up to which leafpress is known to stay
 * safe). A usage error names the limits or the ceiling. */
gboolean lp_limits_set_arg(LpLimits *limits, const char *arg, GError **err);

/* Every limit as "name default description", for --help and the docs. */
void lp_limits_describe(GString *out);
