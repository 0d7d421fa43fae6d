/* What changed between two versions of a text, word by word, for a
 * translator: "… takes [-two-] {+three+} weeks …".
 *
 * Words are runs between spaces; a Han, kana or Thai character is a word of
 * its own (those scripts do not space their words). */
#pragma once
#include <glib.h>

/* The changes from `before` to `after`, each with up to `context` words either
 * side, at most `max_changes` of them (then "and N more changes"); "" when
 * the words are the same. g_free the result. */
char *lp_worddiff(const char *before, const char *after, guint context, guint max_changes);
