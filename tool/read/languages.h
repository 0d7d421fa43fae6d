/* The language data file (layouts/languages.yaml):
 *
 *   fa:
 *     name: فارسی               # in its own language (shown where languages are chosen)
 *     dir: rtl                  # ltr (default) or rtl
 *     fonts: [Noto Sans Arabic] # families for its scripts, after a style's own
 *     hyphenation: none         # a dictionary file of /usr/share/hyphen, syllables-tr, or none
 *     package: hyphen-fa        # the Debian package with the dictionary (for messages)
 *     one_letter_words: bind    # a one-letter word never ends a line
 *     line_breaks: words        # unicode (default: UAX #14 alone) or words: never inside
 *                               # a word as ICU's word break iterator finds it
 *     numbers: arabext          # ICU numbering system (default: the language's)
 *     calendar: persian         # ICU calendar of its own (default: gregorian)
 *     dates: both               # on a card: native, gregorian or both (default: both when
 *                               # the calendar is not gregorian)
 *
 * Every key but none is optional; an unknown key is an error with a hint. */
#pragma once
#include "doc/ctx.h"
#include "doc/lang.h"

/* Reads `path` into `langs` (entries replace those of the same tag). */
gboolean lp_languages_read(LpCtx *ctx, const char *path, LpLangs *langs, GError **err);
