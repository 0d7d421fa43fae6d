#include "layout/hyphcache.h"

#include <string.h>

#define MAGIC "LPHYPH01"

/* ---- writing ---- */

static void put_u32(GByteArray *b, guint32 v) { g_byte_array_append(b, (const guint8 *)&v, 4); }

static void put_str(GByteArray *b, const char *s) {
  /* 0: NULL; else the length plus one, then the bytes and their NUL. */
  put_u32(b, s ? (guint32)strlen(s) + 1 : 0);
  if (s)
    g_byte_array_append(b, (const guint8 *)s, (guint)strlen(s) + 1);
}

static void put_level(GByteArray *b, const HyphenDict *d) {
  gint8 mins[4] = {d->lhmin, d->rhmin, d->clhmin, d->crhmin};
  g_byte_array_append(b, (const guint8 *)mins, 4);
  /* nohyphen is nohyphenl + 1 strings, one after the other. */
  guint32 nlen = 0;
  if (d->nohyphen) {
    const char *p = d->nohyphen;
    for (int i = 0; i <= d->nohyphenl; i++)
      p += strlen(p) + 1;
    nlen = (guint32)(p - d->nohyphen);
  }
  put_u32(b, (guint32)d->nohyphenl);
  put_u32(b, d->nohyphen ? nlen : G_MAXUINT32);
  if (d->nohyphen)
    g_byte_array_append(b, (const guint8 *)d->nohyphen, nlen);
  g_byte_array_append(b, (const guint8 *)d->cset, MAX_NAME);
  put_u32(b, (guint32)d->utf8);
  put_u32(b, (guint32)d->num_states);
  for (int i = 0; i < d->num_states; i++) {
    const HyphenState *s = &d->states[i];
    put_str(b, s->match);
    put_str(b, s->repl);
    /* libhyphen leaves these unset on states that are only prefixes (no
     * match), and reads them only with a match: those write as 0. */
    gint8 r[2] = {s->match ? s->replindex : 0, s->match ? s->replcut : 0};
    g_byte_array_append(b, (const guint8 *)r, 2);
    put_u32(b, (guint32)s->fallback_state);
    put_u32(b, (guint32)s->num_trans);
    for (int t = 0; t < s->num_trans; t++) {
      g_byte_array_append(b, (const guint8 *)&s->trans[t].ch, 1);
      put_u32(b, (guint32)s->trans[t].new_state);
    }
  }
}

static GBytes *serialize(const HyphenDict *d) {
  GByteArray *b = g_byte_array_new();
  g_byte_array_append(b, (const guint8 *)MAGIC, 8);
  put_u32(b, d->nextlevel ? 2 : 1);
  put_level(b, d);
  if (d->nextlevel)
    put_level(b, d->nextlevel);
  return g_byte_array_free_to_bytes(b);
}

/* ---- what a cached automaton owns besides its structs ---- */

static GMutex owned_lock;
static GHashTable *owned; /* HyphenDict* → its transitions block, or the file's bytes for the top level */
static GHashTable *buffers;

static void arena_register(HyphenDict *d, HyphenTrans *arena) {
  g_mutex_lock(&owned_lock);
  if (!owned)
    owned = g_hash_table_new(NULL, NULL);
  g_hash_table_insert(owned, d, arena);
  g_mutex_unlock(&owned_lock);
}

static gpointer arena_take(HyphenDict *d) {
  g_mutex_lock(&owned_lock);
  gpointer a = owned ? g_hash_table_lookup(owned, d) : NULL;
  if (owned)
    g_hash_table_remove(owned, d);
  g_mutex_unlock(&owned_lock);
  return a;
}

static void free_level(HyphenDict *d);

static void buffer_register(HyphenDict *d, char *bytes) {
  g_mutex_lock(&owned_lock);
  if (!buffers)
    buffers = g_hash_table_new(NULL, NULL);
  g_hash_table_insert(buffers, d, bytes);
  g_mutex_unlock(&owned_lock);
}

void lp_hyph_cache_free(HyphenDict *d) {
  if (!d)
    return;
  g_mutex_lock(&owned_lock);
  gboolean ours = owned && g_hash_table_contains(owned, d);
  char *bytes = buffers ? g_hash_table_lookup(buffers, d) : NULL;
  if (buffers)
    g_hash_table_remove(buffers, d);
  g_mutex_unlock(&owned_lock);
  if (!ours) {
    hnj_hyphen_free(d); /* libhyphen's own */
    return;
  }
  free_level(d->nextlevel);
  free_level(d);
  g_free(bytes);
}

/* ---- reading: every length and index checked against the file ---- */

typedef struct {
  const guint8 *p, *end;
  gboolean bad;
  HyphenTrans *arena; /* every state's transitions, one block per level */
  gsize arena_used, arena_size;
} Reader;

static guint32 get_u32(Reader *r) {
  guint32 v = 0;
  if (r->end - r->p < 4)
    r->bad = TRUE;
  else
    memcpy(&v, r->p, 4);
  r->p += r->bad ? 0 : 4;
  return v;
}

static const guint8 *get_bytes(Reader *r, gsize n) {
  if (r->bad || (gsize)(r->end - r->p) < n) {
    r->bad = TRUE;
    return NULL;
  }
  const guint8 *at = r->p;
  r->p += n;
  return at;
}

/* Strings stay in the file's bytes, which live as long as the automaton. */
static char *get_str(Reader *r) {
  guint32 n = get_u32(r);
  if (n == 0 || r->bad)
    return NULL;
  const guint8 *s = get_bytes(r, n);
  if (!s || s[n - 1] != '\0' || memchr(s, '\0', n - 1)) {
    r->bad = TRUE;
    return NULL;
  }
  return (char *)s;
}

/* A level: its states in one block, their transitions in another, their
 * strings in the file's bytes — three allocations instead of half a million.
 * Freed with lp_hyph_cache_free, not hnj_hyphen_free. */
static HyphenDict *get_level(Reader *r) {
  HyphenDict *d = calloc(1, sizeof *d);
  const guint8 *mins = get_bytes(r, 4);
  if (mins) {
    d->lhmin = (char)mins[0];
    d->rhmin = (char)mins[1];
    d->clhmin = (char)mins[2];
    d->crhmin = (char)mins[3];
  }
  d->nohyphenl = (int)get_u32(r);
  guint32 nlen = get_u32(r);
  if (!r->bad && nlen != G_MAXUINT32) {
    const guint8 *n = get_bytes(r, nlen);
    /* nohyphenl + 1 strings, each with its NUL */
    guint nuls = 0;
    for (guint32 i = 0; n && i < nlen; i++)
      nuls += n[i] == 0;
    if (!n || nlen == 0 || n[nlen - 1] != 0 || d->nohyphenl < 0 || nuls != (guint)d->nohyphenl + 1) {
      r->bad = TRUE;
    } else {
      d->nohyphen = malloc(nlen);
      memcpy(d->nohyphen, n, nlen);
    }
  }
  const guint8 *cset = get_bytes(r, MAX_NAME);
  if (cset)
    memcpy(d->cset, cset, MAX_NAME);
  d->cset[MAX_NAME - 1] = '\0';
  d->utf8 = (int)get_u32(r);
  guint32 n = get_u32(r);
  /* Each state takes at least 18 bytes: no more states than the file holds. */
  if (r->bad || n == 0 || n > (guint32)(r->end - r->p) / 18) {
    r->bad = TRUE;
    return d;
  }
  d->states = calloc(n, sizeof(HyphenState));
  d->num_states = (int)n;
  /* Transitions: at most one per byte left, grown as needed. */
  r->arena_size = n;
  r->arena_used = 0;
  r->arena = malloc(r->arena_size * sizeof(HyphenTrans));
  for (guint32 i = 0; i < n && !r->bad; i++) {
    HyphenState *s = &d->states[i];
    s->match = get_str(r);
    s->repl = get_str(r);
    const guint8 *rr = get_bytes(r, 2);
    if (rr) {
      s->replindex = (signed char)rr[0];
      s->replcut = (signed char)rr[1];
    }
    s->fallback_state = (int)get_u32(r);
    guint32 nt = get_u32(r);
    if (r->bad || s->fallback_state < -1 || s->fallback_state >= (int)n || nt > (guint32)(r->end - r->p) / 5) {
      r->bad = TRUE;
      break;
    }
    s->num_trans = (int)nt;
    if (r->arena_used + nt > r->arena_size) {
      /* Offsets, not pointers, until the block stops moving. */
      r->arena_size = MAX(r->arena_size * 2, r->arena_used + nt);
      r->arena = realloc(r->arena, r->arena_size * sizeof(HyphenTrans));
    }
    s->trans = (HyphenTrans *)(gsize)r->arena_used;
    HyphenTrans *tr = r->arena + r->arena_used;
    r->arena_used += nt;
    for (guint32 t = 0; t < nt; t++) {
      const guint8 *ch = get_bytes(r, 1);
      tr[t].ch = ch ? (char)ch[0] : 0;
      tr[t].new_state = (int)get_u32(r);
      if (r->bad || tr[t].new_state < 0 || tr[t].new_state >= (int)n) {
        r->bad = TRUE;
        break;
      }
    }
  }
  /* The block is where it stays: offsets become pointers. State 0's
   * transitions start the block, so it owns it. */
  for (guint32 i = 0; i < n; i++) {
    HyphenState *s = &d->states[i];
    s->trans = s->num_trans ? r->arena + (gsize)s->trans : NULL;
  }
  arena_register(d, r->arena);
  r->arena = NULL;
  return d;
}

static void free_level(HyphenDict *d) {
  if (!d)
    return;
  free(arena_take(d));
  free(d->states);
  free(d->nohyphen);
  free(d);
}

static HyphenDict *deserialize(const guint8 *data, gsize len) {
  Reader r = {.p = data, .end = data + len};
  const guint8 *magic = get_bytes(&r, 8);
  if (!magic || memcmp(magic, MAGIC, 8) != 0)
    return NULL;
  guint32 levels = get_u32(&r);
  if (r.bad || levels < 1 || levels > 2)
    return NULL;
  HyphenDict *d = get_level(&r);
  if (!r.bad && levels == 2)
    d->nextlevel = get_level(&r);
  if (r.bad || r.p != r.end) {
    free_level(d->nextlevel);
    d->nextlevel = NULL;
    free_level(d);
    return NULL;
  }
  return d;
}

/* ---- the cache file ---- */

static char *cache_path(const char *dict_data, gsize len) {
  char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)dict_data, len);
  /* The struct sizes name the layout the file was written for. */
  char *name = g_strdup_printf("hyph-%s-%zu-%zu.bin", sum, sizeof(HyphenDict), sizeof(HyphenState));
  char *path = g_build_filename(g_get_user_cache_dir(), "leafpress", name, NULL);
  g_free(name);
  g_free(sum);
  return path;
}

HyphenDict *lp_hyph_cache_load_fresh(const char *path) { return hnj_hyphen_load(path); }

HyphenDict *lp_hyph_cache_load(const char *path) {
  char *dict_data = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &dict_data, &len, NULL))
    return NULL;
  char *cpath = cache_path(dict_data, len);
  g_free(dict_data);
  char *cached = NULL;
  gsize clen = 0;
  HyphenDict *d = NULL;
  if (g_file_get_contents(cpath, &cached, &clen, NULL))
    d = deserialize((const guint8 *)cached, clen);
  if (d)
    buffer_register(d, cached); /* its strings live in these bytes */
  else
    g_free(cached);
  if (!d && (d = hnj_hyphen_load(path))) {
    /* Written whole or not at all; a cache that cannot be written only
     * costs time. */
    GBytes *bytes = serialize(d);
    char *dir = g_path_get_dirname(cpath);
    if (g_mkdir_with_parents(dir, 0700) == 0)
      g_file_set_contents(cpath, g_bytes_get_data(bytes, NULL), (gssize)g_bytes_get_size(bytes), NULL);
    g_free(dir);
    g_bytes_unref(bytes);
  }
  g_free(cpath);
  return d;
}
