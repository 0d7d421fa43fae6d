#include "serve/server.h"

#include <stdio.h>
#include <string.h>

#include "serve/desk.h"
#include "serve/form.h"
#include "serve/page.h"

/* Bodies a request may have, checked on its headers before the body is read:
 * the card's form is a few fields; a list is its file (LP_SERVE_MAX_CSV) and
 * the same carried on in base64 when the map is changed. */
#define MAX_CARD_BODY (64 * 1024)
#define MAX_LIST_BODY (4 * LP_SERVE_MAX_CSV)
/* Builds waiting beyond this are refused (503) rather than queued without end. */
#define MAX_QUEUED 64

struct LpServe {
  LpEngine *engine;
  LpServeCatalog *cat;
  SoupServer *server;
  GMainContext *main;
  GThreadPool *pool;
  char *csrf, *token; /* token NULL: loopback only, none needed */
  char *host;         /* the address as listened on */
  guint port;
  char *css;
  gint requests, pdfs, previews, refused, failed; /* atomics */
  gboolean stopping; /* answers that come back now are dropped */
};

/* 128 bits from the kernel's generator, as hex. */
static char *random_token(GError **err) {
  guchar b[16];
  FILE *f = fopen("/dev/urandom", "rb");
  gboolean ok = f && fread(b, 1, sizeof b, f) == sizeof b;
  if (f)
    fclose(f);
  if (!ok) {
    lp_set_error(err, LP_EXIT_IO, NULL, "cannot read random bytes for the server's tokens");
    return NULL;
  }
  GString *s = g_string_new(NULL);
  for (gsize i = 0; i < sizeof b; i++)
    g_string_append_printf(s, "%02x", b[i]);
  return g_string_free(s, FALSE);
}

/* Compares in time independent of where they differ. */
static gboolean same_token(const char *a, const char *b) {
  if (!a || !b || strlen(a) != strlen(b))
    return FALSE;
  guchar d = 0;
  for (gsize i = 0; a[i]; i++)
    d |= (guchar)(a[i] ^ b[i]);
  return d == 0;
}

/* ---- answers ---- */

static void secure_headers(SoupServerMessage *msg, gboolean pdf) {
  SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
  soup_message_headers_replace(h, "Cache-Control", "no-store");
  /* A PDF gets none: the policy is for the page, and the browser's PDF
   * viewer is a plugin that "object-src 'none'" would block. The page may
   * frame only this server (the PDF it prints). */
  if (!pdf)
    soup_message_headers_replace(h, "Content-Security-Policy",
                                 "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                                 "frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                                 "frame-ancestors 'self'");
  soup_message_headers_replace(h, "X-Content-Type-Options", "nosniff");
  /* Not no-referrer: under it a browser sends "Origin: null" with a form,
   * and the origin check could not tell this page from any other. */
  soup_message_headers_replace(h, "Referrer-Policy", "same-origin");
  soup_message_headers_replace(h, "X-Frame-Options", "SAMEORIGIN");
  /* One request per connection: libsoup 3.2 (Debian 12) never closes an
   * idle keep-alive connection the client has closed (fixed in 3.3), so a
   * day of requests would leak a socket each. On the loopback a new
   * connection costs a few microseconds. */
  soup_message_headers_replace(h, "Connection", "close");
}

static void answer(SoupServerMessage *msg, guint status, const char *type, GBytes *body) {
  secure_headers(msg, strcmp(type, "application/pdf") == 0);
  soup_server_message_set_status(msg, status, NULL);
  gsize len;
  const char *data = g_bytes_get_data(body, &len);
  soup_server_message_set_response(msg, type, SOUP_MEMORY_COPY, data ? data : "", len);
}

static void answer_text(SoupServerMessage *msg, guint status, const char *type, char *text /* taken */) {
  GBytes *b = g_bytes_new_take(text, strlen(text));
  answer(msg, status, type, b);
  g_bytes_unref(b);
}

static void refuse(LpServe *s, SoupServerMessage *msg, guint status, const char *title, const char *text) {
  g_atomic_int_inc(&s->refused);
  answer_text(msg, status, "text/html; charset=utf-8", lp_serve_page_message(title, text));
}

/* ---- the work, on a worker thread ---- */

typedef enum { JOB_CARD, JOB_LIST } JobKind;

typedef struct {
  LpServe *serve;
  SoupServerMessage *msg;
  gulong gone_id;
  gboolean gone; /* the client went away while it was built */
  JobKind kind;
  LpServeForm *form;
  /* the answer */
  guint status;
  char *type, *disposition;
  GBytes *body;
} Job;

static void job_free(Job *j) {
  if (j->gone_id)
    g_signal_handler_disconnect(j->msg, j->gone_id);
  g_object_unref(j->msg);
  lp_serve_form_free(j->form);
  g_free(j->type);
  g_free(j->disposition);
  if (j->body)
    g_bytes_unref(j->body);
  g_free(j);
}

static void set_page(Job *j, guint status, char *html) {
  j->status = status;
  j->type = g_strdup("text/html; charset=utf-8");
  j->body = g_bytes_new_take(html, strlen(html));
}

static void set_pdf(Job *j, GBytes *pdf, const char *filename, gboolean inline_) {
  j->status = SOUP_STATUS_OK;
  j->type = g_strdup("application/pdf");
  j->body = g_bytes_ref(pdf);
  /* The name is made of ids of the catalog and a checked date only. */
  j->disposition = g_strdup_printf("%s; filename=\"%s\"", inline_ ? "inline" : "attachment", filename);
  g_atomic_int_inc(&j->serve->pdfs);
}

static const char *field(const Job *j, const char *name) {
  const char *v = lp_serve_form_get(j->form, name);
  return v ? v : "";
}

static void run_card(Job *j) {
  LpServe *s = j->serve;
  const char *what = field(j, "do");
  gboolean pdf = strcmp(what, "pdf") == 0 || strcmp(what, "print") == 0;
  LpServeCardForm f = {field(j, "article"), field(j, "kind"), field(j, "lang"), field(j, "name"), field(j, "date")};
  LpServeOut out = {0};
  gboolean ok = lp_serve_card(s->engine, s->cat, &f, !pdf, &out);
  if (ok && pdf) {
    set_pdf(j, out.pdf, out.filename, strcmp(what, "print") == 0);
  } else {
    if (ok)
      g_atomic_int_inc(&s->previews);
    else
      g_atomic_int_inc(&s->failed);
    LpServePage p = {.cat = s->cat, .csrf = s->csrf, .article = f.article, .kind = f.kind, .lang = f.lang,
                     .name = f.name, .date = f.date, .card = &out};
    set_page(j, ok ? SOUP_STATUS_OK : SOUP_STATUS_UNPROCESSABLE_ENTITY, lp_serve_page_html(&p));
  }
  lp_serve_out_clear(&out);
}

static void run_list(Job *j) {
  LpServe *s = j->serve;
  const char *filename = NULL;
  GBytes *csv = lp_serve_form_file(j->form, "csv", &filename);
  char *name = NULL;
  GBytes *carried = NULL;
  if (csv) {
    g_bytes_ref(csv);
    name = g_strdup(filename ? filename : "list.csv");
  } else if (*field(j, "csv_b64")) {
    gsize len;
    guchar *raw = g_base64_decode(field(j, "csv_b64"), &len);
    csv = carried = g_bytes_new_take(raw, len);
    g_bytes_ref(csv);
    name = lp_serve_safe_name(field(j, "csv_name"));
  }
  /* The map as the form sends it: map.0, map.1 … (present only once shown). */
  GPtrArray *map = g_ptr_array_new();
  for (guint i = 0;; i++) {
    char *key = g_strdup_printf("map.%u", i);
    const char *t = lp_serve_form_get(j->form, key);
    g_free(key);
    if (!t || i >= 1000)
      break;
    g_ptr_array_add(map, (gpointer)t);
  }
  /* A new file gets a new map: its columns may differ. */
  gboolean fresh = filename != NULL;
  LpDateForm form = LP_DATE_FORM_ANY;
  if (*field(j, "date_form"))
    lp_date_form_parse(field(j, "date_form"), &form);
  gboolean sheets = strcmp(field(j, "do"), "sheets") == 0;
  gboolean all = sheets || strcmp(field(j, "do"), "pdf") == 0;
  LpServeListForm f = {
      .article = field(j, "article"),
      .lang = field(j, "lang"),
      .csv = csv,
      .csv_name = name,
      .map = fresh || map->len == 0 ? NULL : (const char *const *)map->pdata,
      .n_map = fresh ? 0 : map->len,
      .date_form = form,
      .all = all,
      .sheets = sheets,
  };
  LpServeList list = {0};
  gboolean ok = lp_serve_list(s->engine, s->cat, &f, &list);
  if (ok && all) {
    set_pdf(j, list.out.pdf, list.out.filename, FALSE);
  } else {
    if (ok)
      g_atomic_int_inc(&s->previews);
    else
      g_atomic_int_inc(&s->failed);
    char *b64 = NULL;
    if (csv && g_bytes_get_size(csv) <= LP_SERVE_MAX_CSV) {
      gsize len;
      const guchar *d = g_bytes_get_data(csv, &len);
      b64 = g_base64_encode(d, len);
    }
    LpServePage p = {.cat = s->cat, .csrf = s->csrf, .article = f.article, .list_lang = f.lang,
                     .date_form = field(j, "date_form"), .list = &list, .csv_b64 = b64, .csv_name = name};
    set_page(j, ok ? SOUP_STATUS_OK : SOUP_STATUS_UNPROCESSABLE_ENTITY, lp_serve_page_html(&p));
    g_free(b64);
  }
  lp_serve_list_clear(&list);
  g_ptr_array_unref(map);
  if (csv)
    g_bytes_unref(csv);
  if (carried)
    g_bytes_unref(carried);
  g_free(name);
}

/* Back on the main loop: the answer goes out. */
static gboolean deliver(gpointer data) {
  Job *j = data;
  if (!j->gone && !j->serve->stopping) {
    answer(j->msg, j->status, j->type, j->body);
    if (j->disposition)
      soup_message_headers_replace(soup_server_message_get_response_headers(j->msg), "Content-Disposition",
                                   j->disposition);
    soup_server_message_unpause(j->msg);
  }
  job_free(j);
  return G_SOURCE_REMOVE;
}

static void work(gpointer data, gpointer user) {
  Job *j = data;
  LpServe *s = user;
  if (j->kind == JOB_CARD)
    run_card(j);
  else
    run_list(j);
  GSource *src = g_idle_source_new();
  g_source_set_callback(src, deliver, j, NULL);
  g_source_attach(src, s->main);
  g_source_unref(src);
}

static void on_gone(SoupServerMessage *msg, gpointer data) { ((Job *)data)->gone = TRUE; }

/* ---- requests, on the main loop ---- */

/* The Host a browser on this machine sends: a page served to another name
 * could be a DNS rebinding of the loopback. */
static gboolean host_ok(const LpServe *s, SoupServerMessage *msg) {
  if (s->token)
    return TRUE;
  const char *host = soup_message_headers_get_one(soup_server_message_get_request_headers(msg), "Host");
  if (!host)
    return FALSE;
  /* The address listened on too (--listen 127.0.0.2 or ::1 is loopback). */
  char *own = strchr(s->host, ':') ? g_strdup_printf("[%s]", s->host) : g_strdup(s->host);
  const char *names[] = {"127.0.0.1", "localhost", "[::1]", own};
  gboolean found = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS(names) && !found; i++) {
    char *want = g_strdup_printf("%s:%u", names[i], s->port);
    found = g_ascii_strcasecmp(host, want) == 0;
    g_free(want);
  }
  g_free(own);
  return found;
}

static char *cookie(SoupServerMessage *msg, const char *name) {
  const char *all = soup_message_headers_get_list(soup_server_message_get_request_headers(msg), "Cookie");
  if (!all)
    return NULL;
  char *found = NULL;
  char **parts = g_strsplit(all, ";", -1);
  for (char **p = parts; *p && !found; p++) {
    char *kv = g_strstrip(*p);
    gsize n = strlen(name);
    if (strncmp(kv, name, n) == 0 && kv[n] == '=')
      found = g_strdup(kv + n + 1);
  }
  g_strfreev(parts);
  return found;
}

/* The access token of a server on another address than the loopback: in
 * the address the start-up message prints (?token=…), then as a cookie. */
static gboolean token_ok(LpServe *s, SoupServerMessage *msg, GHashTable *query, gboolean *set_cookie) {
  *set_cookie = FALSE;
  if (!s->token)
    return TRUE;
  char *c = cookie(msg, "leafpress_token");
  gboolean ok = same_token(c, s->token);
  g_free(c);
  if (!ok && query && same_token(g_hash_table_lookup(query, "token"), s->token))
    ok = *set_cookie = TRUE;
  return ok;
}

/* A POST must come from this page: the same origin (when the browser says)
 * and the form's token. */
static gboolean same_origin(const LpServe *s, SoupServerMessage *msg) {
  SoupMessageHeaders *h = soup_server_message_get_request_headers(msg);
  const char *site = soup_message_headers_get_one(h, "Sec-Fetch-Site");
  if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
    return FALSE;
  const char *origin = soup_message_headers_get_one(h, "Origin");
  if (!origin)
    return TRUE;
  const char *host = soup_message_headers_get_one(h, "Host");
  char *want = g_strdup_printf("http://%s", host ? host : "");
  gboolean ok = g_ascii_strcasecmp(origin, want) == 0;
  g_free(want);
  return ok;
}

static gsize body_limit(const char *path) {
  if (strcmp(path, "/card") == 0)
    return MAX_CARD_BODY;
  if (strcmp(path, "/list") == 0)
    return MAX_LIST_BODY;
  return 0;
}

/* Before the body is read: a body larger than the path takes is refused
 * here, so it is never held in memory. */
static void early(SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data) {
  LpServe *s = data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers(msg);
  SoupEncoding enc = soup_message_headers_get_encoding(h);
  if (enc == SOUP_ENCODING_NONE)
    return;
  gsize limit = body_limit(path);
  g_atomic_int_inc(&s->requests);
  if (limit == 0 || strcmp(soup_server_message_get_method(msg), "POST") != 0) {
    refuse(s, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Not allowed", "Only the forms are sent here, with POST.");
    return;
  }
  if (enc != SOUP_ENCODING_CONTENT_LENGTH) {
    refuse(s, msg, SOUP_STATUS_LENGTH_REQUIRED, "Length required", "A request with a body must say its length.");
    return;
  }
  goffset len = soup_message_headers_get_content_length(h);
  if (len > 0 && (gsize)len > limit) {
    char *text = g_strdup_printf("The request has %" G_GOFFSET_FORMAT " bytes: this form takes at most %" G_GSIZE_FORMAT
                                         " (a list of at most %d patients, %d KiB).",
                                 len, limit, LP_SERVE_MAX_ROWS, LP_SERVE_MAX_CSV / 1024);
    refuse(s, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Too large", text);
    g_free(text);
    soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Connection", "close");
  }
}

static void handle(SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data) {
  LpServe *s = data;
  if (soup_server_message_get_status(msg) != 0 && soup_server_message_get_status(msg) != SOUP_STATUS_OK)
    return; /* refused by the early handler */
  if (soup_message_headers_get_encoding(soup_server_message_get_request_headers(msg)) == SOUP_ENCODING_NONE)
    g_atomic_int_inc(&s->requests); /* those with a body were counted early */
  const char *method = soup_server_message_get_method(msg);
  gboolean get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
  gboolean post = strcmp(method, "POST") == 0;
  if (!host_ok(s, msg)) {
    refuse(s, msg, SOUP_STATUS_MISDIRECTED_REQUEST, "Wrong address",
           "Open the front desk at the address leafpress serve printed (127.0.0.1 or localhost).");
    return;
  }
  gboolean set_cookie;
  if (!token_ok(s, msg, query, &set_cookie)) {
    refuse(s, msg, SOUP_STATUS_UNAUTHORIZED, "Access token needed",
           "Open the full address leafpress serve printed when it started, with its token.");
    return;
  }
  if (set_cookie) {
    char *c = g_strdup_printf("leafpress_token=%s; HttpOnly; SameSite=Strict; Path=/", s->token);
    soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Set-Cookie", c);
    g_free(c);
  }
  gboolean page = strcmp(path, "/") == 0, css = strcmp(path, "/style.css") == 0, js = strcmp(path, "/desk.js") == 0;
  gboolean form = strcmp(path, "/card") == 0 || strcmp(path, "/list") == 0;
  if (!page && !css && !js && !form) {
    refuse(s, msg, SOUP_STATUS_NOT_FOUND, "Not found", "There is no such page here.");
    return;
  }
  if ((page || css || js) && !get) {
    refuse(s, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Not allowed", "This address is only read (GET).");
    return;
  }
  if (form && get) {
    /* A form's address opened directly (a reload, a bookmark): the page. */
    page = TRUE;
  } else if (form && !post) {
    refuse(s, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Not allowed", "Forms are sent with POST.");
    return;
  }
  if (page) {
    if (set_cookie && query && g_hash_table_contains(query, "token")) {
      /* The token goes from the address bar into the cookie. */
      soup_server_message_set_redirect(msg, SOUP_STATUS_SEE_OTHER, "/");
      secure_headers(msg, FALSE);
      return;
    }
    LpServePage p = {.cat = s->cat, .csrf = s->csrf};
    answer_text(msg, SOUP_STATUS_OK, "text/html; charset=utf-8", lp_serve_page_html(&p));
    return;
  }
  if (css) {
    answer_text(msg, SOUP_STATUS_OK, "text/css; charset=utf-8", g_strdup(s->css));
    return;
  }
  if (js) {
    answer_text(msg, SOUP_STATUS_OK, "text/javascript; charset=utf-8", g_strdup(lp_serve_page_js()));
    return;
  }
  if (!same_origin(s, msg)) {
    refuse(s, msg, SOUP_STATUS_FORBIDDEN, "Refused", "This form was sent from another site.");
    return;
  }
  SoupMessageBody *body = soup_server_message_get_request_body(msg);
  GBytes *bytes = soup_message_body_flatten(body);
  if (g_bytes_get_size(bytes) > body_limit(path)) {
    g_bytes_unref(bytes);
    refuse(s, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Too large", "The request is larger than this form takes.");
    return;
  }
  GError *e = NULL;
  LpServeForm *f = lp_serve_form_parse(soup_server_message_get_request_headers(msg), bytes, &e);
  g_bytes_unref(bytes);
  if (!f) {
    refuse(s, msg, SOUP_STATUS_BAD_REQUEST, "Bad request", e->message);
    g_error_free(e);
    return;
  }
  if (!same_token(lp_serve_form_get(f, "csrf"), s->csrf)) {
    lp_serve_form_free(f);
    refuse(s, msg, SOUP_STATUS_FORBIDDEN, "Page out of date",
           "This form was not sent from the current page (the server may have been restarted): reload the page and "
           "send it again.");
    return;
  }
  if (g_thread_pool_unprocessed(s->pool) >= MAX_QUEUED) {
    lp_serve_form_free(f);
    refuse(s, msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "Busy", "Too many requests at once: try again in a moment.");
    return;
  }
  Job *j = g_new0(Job, 1);
  j->serve = s;
  j->msg = g_object_ref(msg);
  j->kind = strcmp(path, "/card") == 0 ? JOB_CARD : JOB_LIST;
  j->form = f;
  j->gone_id = g_signal_connect(msg, "disconnected", G_CALLBACK(on_gone), j);
  soup_server_message_pause(msg);
  g_thread_pool_push(s->pool, j, NULL);
}

/* ---- the server ---- */

LpServe *lp_serve_new(LpEngine *engine, LpServeCatalog *cat, const LpServeOptions *o, GError **err) {
  const char *host = o->listen ? o->listen : "127.0.0.1";
  GInetAddress *addr = g_inet_address_new_from_string(host);
  if (!addr) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--listen %s: expected an IP address, e.g. 127.0.0.1 or 0.0.0.0", host);
    lp_serve_catalog_free(cat);
    return NULL;
  }
  LpServe *s = g_new0(LpServe, 1);
  s->engine = engine;
  s->cat = cat;
  s->host = g_strdup(host);
  s->main = g_main_context_ref_thread_default();
  s->css = lp_serve_page_css(lp_serve_catalog_color(cat));
  if (!(s->csrf = random_token(err)) ||
      (!g_inet_address_get_is_loopback(addr) && !(s->token = random_token(err)))) {
    g_object_unref(addr);
    lp_serve_free(s);
    return NULL;
  }
  s->server = soup_server_new("server-header", "leafpress", NULL);
  soup_server_add_early_handler(s->server, NULL, early, s, NULL);
  soup_server_add_handler(s->server, NULL, handle, s, NULL);
  GSocketAddress *sa = g_inet_socket_address_new(addr, o->port);
  g_object_unref(addr);
  GError *e = NULL;
  gboolean ok = soup_server_listen(s->server, sa, 0, &e);
  g_object_unref(sa);
  if (!ok) {
    lp_set_error(err, LP_EXIT_IO, NULL, "cannot listen on %s port %u: %s", host, o->port, e->message);
    g_error_free(e);
    lp_serve_free(s);
    return NULL;
  }
  GSList *uris = soup_server_get_uris(s->server);
  s->port = uris ? (guint)g_uri_get_port(uris->data) : o->port;
  g_slist_free_full(uris, (GDestroyNotify)g_uri_unref);
  guint threads = o->threads ? o->threads : MIN(g_get_num_processors(), 8);
  s->pool = g_thread_pool_new(work, s, (gint)threads, FALSE, NULL);
  return s;
}

void lp_serve_free(LpServe *s) {
  if (!s)
    return;
  /* The builds under way finish (a signal has cancelled them) and their
   * answers, left on the loop, are dropped before the connections close. */
  s->stopping = TRUE;
  if (s->pool)
    g_thread_pool_free(s->pool, FALSE, TRUE);
  while (g_main_context_iteration(s->main, FALSE))
    ;
  if (s->server) {
    soup_server_disconnect(s->server);
    g_object_unref(s->server);
  }
  g_main_context_unref(s->main);
  lp_serve_catalog_free(s->cat);
  g_free(s->csrf);
  g_free(s->token);
  g_free(s->host);
  g_free(s->css);
  g_free(s);
}

char *lp_serve_url(const LpServe *s) {
  gboolean v6 = strchr(s->host, ':') != NULL;
  return g_strdup_printf("http://%s%s%s:%u/%s%s", v6 ? "[" : "", s->host, v6 ? "]" : "", s->port,
                         s->token ? "?token=" : "", s->token ? s->token : "");
}

gboolean lp_serve_is_local(const LpServe *s) { return s->token == NULL; }

static gboolean check_stop(gpointer data) {
  const volatile gint *stop = data;
  return *stop ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

void lp_serve_run(LpServe *s, const volatile gint *stop) {
  /* The flag is a signal handler's: looked at ten times a second. */
  GSource *tick = g_timeout_source_new(100);
  g_source_set_callback(tick, check_stop, (gpointer)stop, NULL);
  g_source_attach(tick, s->main);
  while (!*stop)
    g_main_context_iteration(s->main, TRUE);
  g_source_destroy(tick);
  g_source_unref(tick);
}

char *lp_serve_summary(const LpServe *s) {
  return g_strdup_printf("%d requests: %d PDFs, %d previews, %d with errors in the form, %d refused",
                         g_atomic_int_get(&s->requests), g_atomic_int_get(&s->pdfs), g_atomic_int_get(&s->previews),
                         g_atomic_int_get(&s->failed), g_atomic_int_get(&s->refused));
}
