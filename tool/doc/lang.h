/* Language facts: what leafpress needs to know about a language to set it —
 * its direction, the font families its scripts need, its hyphenation
 * dictionary, its line-breaking and number conventions, its calendar. They
 * are data (layouts/languages.yaml, which a project may extend), not code:
 * a clinic adds a language by adding an entry. read/languages.c reads them. */
#pragma once
#include "doc/diag.h"

typedef enum {
  LP_CALENDAR_GREGORIAN,
  LP_CALENDAR_NATIVE, /* the language's own (Persian: Solar Hijri) */
  LP_CALENDAR_BOTH,   /* the language's own, the Gregorian beside it */
} LpCalendarUse;

typedef struct {
  char *tag;              /* BCP 47, as the data names it: "zh-Hans" */
  char *name;             /* in its own language: "简体中文" */
  gboolean rtl;           /* written right to left */
  char **fonts;           /* families for its scripts, tried after a style's own (NULL-terminated) */
  char *hyphenation;      /* a dictionary file of /usr/share/hyphen, "syllables-tr", or NULL: none */
  char *hyph_package;     /* the Debian package that has the dictionary, for messages */
  gboolean binds_one_letter_words; /* a one-letter word never ends a line (в, z, a) */
  gboolean breaks_words;  /* lines end only between words as ICU finds them (Thai, Korean) */
  char **writers;         /* the writers whose PDFs read back as set (NULL-terminated), NULL: all */
  double leading;         /* every style's leading times this (1: as the layout says); a script
                           * reaching far above and below its line needs more (Nastaliq) */
  char *numbers;          /* ICU numbering system ("arab", "arabext"), NULL: the language's default */
  char *calendar;         /* ICU calendar of its own ("persian"), NULL: Gregorian */
  LpCalendarUse dates;    /* how its dates are shown on a card */
  LpPos pos;              /* where the entry is written */
} LpLang;

typedef struct LpLangs LpLangs;

LpLangs *lp_langs_new(void);
void lp_langs_free(LpLangs *langs);
/* Adds the entry `lang->tag`, replacing one of the same tag whole (a
 * project's file over the installed one); takes the record's contents. */
void lp_langs_put(LpLangs *langs, LpLang *lang);
/* The entry for `tag`, else for its language ("pt-BR" → "pt"), else NULL. */
const LpLang *lp_langs_find(const LpLangs *langs, const char *tag);
/* Every tag, sorted, NULL-terminated; owned by `langs`. */
const char *const *lp_langs_tags(const LpLangs *langs);

/* The ICU locale id of a language: its tag with the numbering system and
 * calendar keywords ("fa@numbers=arabext;calendar=persian"); `gregorian`
 * asks for the Gregorian calendar. Newly allocated. */
char *lp_lang_locale(const LpLang *lang, const char *tag, gboolean gregorian);
void lp_lang_clear(LpLang *lang);
