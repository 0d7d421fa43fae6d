/* What the front desk does, apart from HTTP: one patient's card (or a
 * leaflet), and the cards of a day's list from an uploaded CSV file, built
 * by the engine in memory. The server (serve/server.c) calls these on its
 * worker threads; they never touch the disk and never print.
 *
 * Every problem comes back as a note on the field it concerns, in the words
 * of the command line (the same checks: lp_engine_check_set for a name and a
 * date, batch/columns.h for the list), never with a path of the server. */
#pragma once
#include "doc/units.h"
#include "serve/catalog.h"

/* The limits of what the browser may send (docs/serve.md, "Limits"). */
#define LP_SERVE_MAX_NAME 120           /* characters of a patient's name */
#define LP_SERVE_MAX_CSV (1024 * 1024)  /* bytes of an uploaded list */
#define LP_SERVE_MAX_ROWS 300           /* patients on one list */

/* A note next to a field: "name", "date", "lang", "kind", "article", "csv",
 * "map.N" (column N of a list), "row" (a row of a list) or "form". */
typedef struct {
  char *field;
  char *message;
} LpServeNote;

void lp_serve_notes_add(GPtrArray *notes, const char *field, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* The first note for `field`, or NULL. */
const char *lp_serve_notes_find(const GPtrArray *notes, const char *field);
GPtrArray *lp_serve_notes_new(void);

/* Today's date as YYYY-MM-DD (the date input's default). */
char *lp_serve_today(void);

typedef struct {
  const char *article; /* an id of the catalog; NULL: the first */
  const char *kind;    /* an id of LpServeKind ("card", "card-a4" …); NULL: card */
  const char *lang;    /* NULL: the article's first */
  const char *name;    /* the patient's name (cards); may be empty */
  const char *date;    /* the treatment date, YYYY-MM-DD (cards); NULL or "": today */
} LpServeCardForm;

typedef struct {
  GBytes *pdf;
  GPtrArray *pngs;     /* GBytes*: the pages as PNG, when asked for */
  GPtrArray *notes;    /* LpServeNote*: what is wrong; empty when built */
  GPtrArray *warnings; /* char*: what the engine warned of */
  char *filename;      /* a download name: card-ar-2026-12-02.pdf */
  LpServeKind kind;    /* what was built */
} LpServeOut;

void lp_serve_out_clear(LpServeOut *out);

/* Builds the card or leaflet the form asks for; FALSE with notes in `out`. */
gboolean lp_serve_card(LpEngine *engine, const LpServeCatalog *cat, const LpServeCardForm *form, gboolean png,
                       LpServeOut *out);

typedef struct {
  const char *article, *lang; /* the language of rows without a lang column */
  GBytes *csv;                /* the file as uploaded */
  const char *csv_name;       /* its name, for messages (no folder) */
  const char *const *map;     /* what each column fills (NULL: guessed); "" leaves it out */
  guint n_map;
  LpDateForm date_form;
  gboolean all;               /* build every card and merge them; else the first, as PNG */
  gboolean sheets;            /* with all: the cards two to an A4 sheet, in row order */
} LpServeListForm;

typedef struct {
  LpServeOut out;      /* the merged PDF, or the first card's pages */
  GPtrArray *headings; /* char*: the file's columns */
  GPtrArray *targets;  /* char*: what each fills ("" not used) */
  GArray *guessed;     /* gboolean per column: the map was guessed, not chosen */
  GPtrArray *choices;  /* char*: what a column may fill (for the map's lists), the patient's first */
  guint rows, good;    /* rows read, rows that make a card */
  GPtrArray *row_errors; /* char*: "today.csv:24:3: message", one per failed row */
  char separator;
  const char *encoding;
} LpServeList;

void lp_serve_list_clear(LpServeList *list);

/* Reads the list, maps its columns, checks every row; then builds the first
 * card (PNG) or every card (one PDF). FALSE when the list itself cannot be
 * used (notes in list->out.notes); rows that fail are in row_errors. */
gboolean lp_serve_list(LpEngine *engine, const LpServeCatalog *cat, const LpServeListForm *form, LpServeList *list);
