/* The front desk's page, rendered on the server: the same HTML with or
 * without JavaScript (the forms post and the answer is the page again, or the
 * PDF), the clinic's colour in its style sheet, each language's name in its
 * own script and marked with its language, every error beside its field. */
#pragma once
#include "serve/desk.h"

typedef struct {
  const LpServeCatalog *cat;
  const char *csrf;      /* the token every form carries */
  /* the card form as sent (NULL: not sent yet) */
  const char *article, *kind, *lang, *name, *date;
  const LpServeOut *card; /* what it made: the preview, or notes */
  /* the day's list */
  const char *list_lang, *date_form;
  const LpServeList *list;
  const char *csv_b64, *csv_name; /* the file sent, carried on in the form */
} LpServePage;

char *lp_serve_page_html(const LpServePage *page);
/* A page that only says something (an error of the request itself). */
char *lp_serve_page_message(const char *title, const char *text);
/* The style sheet in the clinic's colour (#rrggbb). */
char *lp_serve_page_css(const char *color);
/* The script: the language search, previews while typing, Print. The page
 * works without it. */
const char *lp_serve_page_js(void);
