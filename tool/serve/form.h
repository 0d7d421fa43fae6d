/* A submitted form, as the page's forms send it: URL-encoded (the card) or
 * multipart (the day's list, with its file). Every text field must be UTF-8;
 * nothing of it is used as a path. */
#pragma once
#include <libsoup/soup.h>

#include "doc/diag.h"

typedef struct LpServeForm LpServeForm;

/* NULL with an error (LP_EXIT_USAGE: the request is malformed) when the body
 * cannot be read as the content type says. */
LpServeForm *lp_serve_form_parse(SoupMessageHeaders *headers, GBytes *body, GError **err);
void lp_serve_form_free(LpServeForm *form);

/* A text field, or NULL. */
const char *lp_serve_form_get(const LpServeForm *form, const char *name);
/* A file field's bytes (NULL when none or empty) and its name without any
 * folder (NULL when the browser sent none). */
GBytes *lp_serve_form_file(const LpServeForm *form, const char *name, const char **filename);

/* A file name as the page may show it: its last component, printable
 * characters only, at most 80 of them. */
char *lp_serve_safe_name(const char *name);
