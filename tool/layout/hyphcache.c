#include "layout/hyphcache.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

/* The file: MAGIC, the number of levels, then per level a header, its states
 * as fixed records, its transitions as HyphenTrans exactly as they are in
 * memory, and its strings. Read back, the transitions stay in the file's bytes
 * and the strings too; only the states are built (their pointers). */
#define MAGIC "LPHYPH03"

typedef struct {
  guint32 match, repl; /* 0: NULL; else 1 + the offset in the level's strings */
  gint32 fallback_state;
  guint32 first_trans, num_trans;
  guint32 depth; /* the length of the path from state 0: checked, see below */
  gint8 replindex, replcut;
  guint8 pad[2];
} StateRecord;

typedef struct {
  gint8 mins[4];
  gint32 nohyphenl;
  guint32 nohyphen_len; /* G_MAXUINT32: no list */
  char cset[MAX_NAME];
  gint32 utf8;
  guint32 num_states, num_trans, strings_len;
} LevelHeader;

/* ---- writing ---- */

static guint32 put_string(GByteArray *strings, const char *s) {
  if (!s)
    return 0;
  guint32 at = strings->len;
  g_byte_array_append(strings, (const guint8 *)s, (guint)strlen(s) + 1);
  return at + 1;
}

/* Pads `b` to a multiple of 8, so that the records after it are aligned in a
 * buffer malloc returns. */
static void align8(GByteArray *b) {
  static const guint8 zero[8];
  if (b->len % 8)
    g_byte_array_append(b, zero, 8 - b->len % 8);
}

/* Each state's distance from state 0 along the transitions (-1: none). */
static int *state_depths(const HyphenDict *d) {
  int n = d->num_states;
  int *depth = g_new(int, n), *queue = g_new(int, n);
  for (int i = 0; i < n; i++)
    depth[i] = -1;
  int head = 0, tail = 0;
  depth[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    int from = queue[head++];
    const HyphenState *s = &d->states[from];
    for (int t = 0; t < s->num_trans; t++)
      if (depth[s->trans[t].new_state] < 0) {
        depth[s->trans[t].new_state] = depth[from] + 1;
        queue[tail++] = s->trans[t].new_state;
      }
  }
  g_free(queue);
  return depth;
}

static void put_level(GByteArray *b, const HyphenDict *d) {
  LevelHeader h;
  memset(&h, 0, sizeof h);
  h.mins[0] = d->lhmin, h.mins[1] = d->rhmin, h.mins[2] = d->clhmin, h.mins[3] = d->crhmin;
  h.nohyphenl = d->nohyphenl;
  /* nohyphen is nohyphenl + 1 strings, one after the other. */
  h.nohyphen_len = G_MAXUINT32;
  if (d->nohyphen) {
    const char *p = d->nohyphen;
    for (int i = 0; i <= d->nohyphenl; i++)
      p += strlen(p) + 1;
    h.nohyphen_len = (guint32)(p - d->nohyphen);
  }
  memcpy(h.cset, d->cset, MAX_NAME);
  h.utf8 = d->utf8;
  h.num_states = (guint32)d->num_states;
  GByteArray *states = g_byte_array_new(), *trans = g_byte_array_new(), *strings = g_byte_array_new();
  int *depth = state_depths(d);
  for (int i = 0; i < d->num_states; i++) {
    const HyphenState *s = &d->states[i];
    StateRecord r;
    memset(&r, 0, sizeof r);
    r.match = put_string(strings, s->match);
    r.repl = put_string(strings, s->repl);
    /* libhyphen leaves these unset on states that are only prefixes (no
     * match), and reads them only with a match: those write as 0. */
    r.replindex = s->match ? s->replindex : 0;
    r.replcut = s->match ? s->replcut : 0;
    r.fallback_state = s->fallback_state;
    r.first_trans = h.num_trans;
    /* A state no transition reaches is never used: any depth will do. */
    r.depth = depth[i] < 0 ? G_MAXUINT32 : (guint32)depth[i];
    r.num_trans = (guint32)s->num_trans;
    h.num_trans += (guint32)s->num_trans;
    g_byte_array_append(states, (const guint8 *)&r, sizeof r);
    for (int t = 0; t < s->num_trans; t++) {
      HyphenTrans tr;
      memset(&tr, 0, sizeof tr); /* no stray padding bytes in the file */
      tr.ch = s->trans[t].ch;
      tr.new_state = s->trans[t].new_state;
      g_byte_array_append(trans, (const guint8 *)&tr, sizeof tr);
    }
  }
  g_free(depth);
  h.strings_len = strings->len;
  align8(b);
  g_byte_array_append(b, (const guint8 *)&h, sizeof h);
  if (d->nohyphen)
    g_byte_array_append(b, (const guint8 *)d->nohyphen, h.nohyphen_len);
  align8(b);
  g_byte_array_append(b, states->data, states->len);
  align8(b);
  g_byte_array_append(b, trans->data, trans->len);
  g_byte_array_append(b, strings->data, strings->len);
  g_byte_array_unref(states);
  g_byte_array_unref(trans);
  g_byte_array_unref(strings);
}

/* Whether a level has non-standard breaks (replacements, "ff=f"). Debian's
 * dictionaries have none, and libhyphen trusts a replacement's string and
 * indexes blindly (a fuzzed cache with an empty one made it allocate without
 * end), so an automaton with one is not cached and a cache with one refused. */
static gboolean has_replacements(const HyphenDict *d) {
  for (int i = 0; i < d->num_states; i++)
    if (d->states[i].repl)
      return TRUE;
  return FALSE;
}

/* NULL for an automaton the cache does not keep. */
static GBytes *serialize(const HyphenDict *d) {
  if (has_replacements(d) || (d->nextlevel && has_replacements(d->nextlevel)))
    return NULL;
  GByteArray *b = g_byte_array_new();
  g_byte_array_append(b, (const guint8 *)MAGIC, 8);
  guint32 levels = d->nextlevel ? 2 : 1;
  g_byte_array_append(b, (const guint8 *)&levels, 4);
  put_level(b, d);
  if (d->nextlevel)
    put_level(b, d->nextlevel);
  return g_byte_array_free_to_bytes(b);
}

/* ---- what a cached automaton owns besides its structs ---- */

static GMutex owned_lock;
static GHashTable *buffers; /* HyphenDict* (top level) → the file's bytes its levels point into */

/* The levels of an automaton read from the cache (not its bytes). */
static void free_levels(HyphenDict *d) {
  for (HyphenDict *l = d, *next; l; l = next) {
    next = l->nextlevel;
    free(l->states);
    free(l->nohyphen);
    free(l);
  }
}

void lp_hyph_cache_free(HyphenDict *d) {
  if (!d)
    return;
  g_mutex_lock(&owned_lock);
  char *bytes = buffers ? g_hash_table_lookup(buffers, d) : NULL;
  if (bytes)
    g_hash_table_remove(buffers, d);
  g_mutex_unlock(&owned_lock);
  if (!bytes) {
    hnj_hyphen_free(d); /* libhyphen's own */
    return;
  }
  free_levels(d);
  g_free(bytes);
}

/* ---- reading: every count, offset and index checked against the file ---- */

typedef struct {
  const guint8 *p, *end;
  gboolean bad;
} Reader;

/* The next `n` bytes, after padding to `align`; NULL (and bad) past the end. */
static const guint8 *take(Reader *r, gsize n, gsize align, const guint8 *base) {
  if (r->bad)
    return NULL;
  gsize off = (gsize)(r->p - base);
  gsize pad = align > 1 && off % align ? align - off % align : 0;
  if ((gsize)(r->end - r->p) < pad || (gsize)(r->end - r->p) - pad < n) {
    r->bad = TRUE;
    return NULL;
  }
  const guint8 *at = r->p + pad;
  r->p = at + n;
  return at;
}

static const char *string_at(Reader *r, const char *strings, guint32 len, guint32 ref) {
  if (ref == 0)
    return NULL;
  if (ref > len) {
    r->bad = TRUE;
    return NULL;
  }
  return strings + ref - 1; /* the block ends with a NUL: checked by the caller */
}

/* libhyphen writes a state's match over the word's last strlen(match)
 * positions, trusting that a match is no longer than the path to its state
 * plus one: in a trie it cannot be. A damaged file could break that. The
 * file gives each state's depth; it is right if state 0 has depth 0 and every
 * transition leads one deeper (then every reachable state's depth is its
 * path's length), and then every match is checked against it, and every
 * fallback leads to a shallower state. One pass, no
 * search: for the German automaton a search cost as much as the rest of the
 * read. */
static gboolean depths_hold(const HyphenDict *d, const StateRecord *rec) {
  if (rec[0].depth != 0)
    return FALSE;
  for (int i = 0; i < d->num_states; i++) {
    const HyphenState *s = &d->states[i];
    guint32 next = rec[i].depth + 1;
    for (int t = 0; t < s->num_trans; t++)
      if (rec[s->trans[t].new_state].depth != next)
        return FALSE;
    if (rec[i].depth == G_MAXUINT32)
      continue; /* unreachable: never used */
    if (s->match && strlen(s->match) > (gsize)rec[i].depth + 1)
      return FALSE;
    /* A fallback is the state of a shorter suffix: shallower, and reachable. */
    if (s->fallback_state >= 0 && rec[s->fallback_state].depth >= rec[i].depth)
      return FALSE;
  }
  return TRUE;
}

/* A level: its states built from their records, pointing into the file's
 * bytes for their transitions and strings. */
static HyphenDict *get_level(Reader *r, const guint8 *base) {
  const LevelHeader *h = (const LevelHeader *)take(r, sizeof(LevelHeader), 8, base);
  if (!h)
    return NULL;
  HyphenDict *d = calloc(1, sizeof *d);
  d->lhmin = h->mins[0], d->rhmin = h->mins[1], d->clhmin = h->mins[2], d->crhmin = h->mins[3];
  d->nohyphenl = h->nohyphenl;
  memcpy(d->cset, h->cset, MAX_NAME);
  d->cset[MAX_NAME - 1] = '\0';
  d->utf8 = h->utf8;
  if (h->nohyphen_len != G_MAXUINT32) {
    const guint8 *n = take(r, h->nohyphen_len, 1, base);
    /* nohyphenl + 1 strings, each with its NUL, none empty: libhyphen
     * splits words at them and recurses without end on an empty one (a
     * fuzzed cache found it). */
    guint nuls = 0;
    gboolean empty = n && h->nohyphen_len > 0 && n[0] == 0;
    for (guint32 i = 0; n && i < h->nohyphen_len; i++) {
      nuls += n[i] == 0;
      empty |= i > 0 && n[i] == 0 && n[i - 1] == 0;
    }
    if (!n || h->nohyphen_len == 0 || n[h->nohyphen_len - 1] != 0 || h->nohyphenl < 0 || empty ||
        nuls != (guint)h->nohyphenl + 1) {
      r->bad = TRUE;
      return d;
    }
    d->nohyphen = malloc(h->nohyphen_len);
    memcpy(d->nohyphen, n, h->nohyphen_len);
  }
  guint32 n = h->num_states, nt = h->num_trans, slen = h->strings_len;
  if (n == 0 || n > G_MAXINT32 / 2 || nt > G_MAXINT32 / 2) {
    r->bad = TRUE;
    return d;
  }
  const StateRecord *rec = (const StateRecord *)take(r, (gsize)n * sizeof(StateRecord), 8, base);
  const HyphenTrans *trans = (const HyphenTrans *)take(r, (gsize)nt * sizeof(HyphenTrans), 8, base);
  const char *strings = (const char *)take(r, slen, 1, base);
  if (r->bad || (slen > 0 && strings[slen - 1] != '\0')) {
    r->bad = TRUE;
    return d;
  }
  for (guint32 t = 0; t < nt; t++)
    if (trans[t].new_state < 0 || (guint32)trans[t].new_state >= n) {
      r->bad = TRUE;
      return d;
    }
  d->states = calloc(n, sizeof(HyphenState));
  d->num_states = (int)n;
  for (guint32 i = 0; i < n && !r->bad; i++) {
    HyphenState *s = &d->states[i];
    const StateRecord *sr = &rec[i];
    s->match = (char *)string_at(r, strings, slen, sr->match);
    /* No replacements: see serialize(). */
    if (sr->repl) {
      r->bad = TRUE;
      break;
    }
    s->replindex = sr->replindex;
    s->replcut = sr->replcut;
    s->fallback_state = sr->fallback_state;
    if (sr->fallback_state < -1 || sr->fallback_state >= (gint32)n || sr->first_trans > nt ||
        sr->num_trans > nt - sr->first_trans) {
      r->bad = TRUE;
      break;
    }
    s->num_trans = (int)sr->num_trans;
    /* libhyphen only reads them; they stay in the file's bytes. */
    s->trans = sr->num_trans ? (HyphenTrans *)(trans + sr->first_trans) : NULL;
  }
  if (!r->bad)
    r->bad = !depths_hold(d, rec);
  return d;
}

static HyphenDict *deserialize(const guint8 *data, gsize len) {
  Reader r = {.p = data, .end = data + len};
  const guint8 *magic = take(&r, 8, 1, data);
  const guint8 *lv = take(&r, 4, 1, data);
  if (!magic || !lv || memcmp(magic, MAGIC, 8) != 0)
    return NULL;
  guint32 levels;
  memcpy(&levels, lv, 4);
  if (levels < 1 || levels > 2)
    return NULL;
  HyphenDict *d = get_level(&r, data);
  if (d && !r.bad && levels == 2)
    d->nextlevel = get_level(&r, data);
  if (r.bad || !d || r.p != r.end) {
    free_levels(d);
    return NULL;
  }
  return d;
}

/* ---- the cache file ---- */

/* The cache file is named by what identifies the pattern file as it is now:
 * its path, device, inode, size and modification time (a package upgrade
 * replaces the file, and all of them with it), and by the sizes of the structs
 * it stores. Hashing the pattern file itself cost more than reading the
 * cache: 58 M instructions for the German one, on every German build. */
static char *cache_path(const char *dict, const GStatBuf *st) {
  char *id = g_strdup_printf("%s\n%ju %ju %jd %jd.%09ld", dict, (uintmax_t)st->st_dev, (uintmax_t)st->st_ino,
                             (intmax_t)st->st_size, (intmax_t)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec);
  char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, id, -1);
  char *name = g_strdup_printf("hyph-%s-%zu-%zu-%zu.bin", sum, sizeof(HyphenDict), sizeof(HyphenState),
                               sizeof(HyphenTrans));
  char *path = g_build_filename(g_get_user_cache_dir(), "leafpress", name, NULL);
  g_free(name);
  g_free(sum);
  g_free(id);
  return path;
}

HyphenDict *lp_hyph_cache_load_fresh(const char *path) { return hnj_hyphen_load(path); }

HyphenDict *lp_hyph_cache_parse(char *bytes, gsize len) {
  HyphenDict *d = deserialize((const guint8 *)bytes, len);
  if (!d) {
    g_free(bytes);
    return NULL;
  }
  /* Its transitions and strings live in these bytes. */
  g_mutex_lock(&owned_lock);
  if (!buffers)
    buffers = g_hash_table_new(NULL, NULL);
  g_hash_table_insert(buffers, d, bytes);
  g_mutex_unlock(&owned_lock);
  return d;
}

HyphenDict *lp_hyph_cache_load(const char *path) {
  GStatBuf st;
  if (g_stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return NULL;
  char *cpath = cache_path(path, &st);
  char *cached = NULL;
  gsize clen = 0;
  HyphenDict *d = NULL;
  if (g_file_get_contents(cpath, &cached, &clen, NULL))
    d = lp_hyph_cache_parse(cached, clen);
  if (!d && (d = hnj_hyphen_load(path))) {
    /* Written whole or not at all; a cache that cannot be written only
     * costs time. */
    GBytes *bytes = serialize(d);
    char *dir = g_path_get_dirname(cpath);
    if (bytes && g_mkdir_with_parents(dir, 0700) == 0)
      g_file_set_contents(cpath, g_bytes_get_data(bytes, NULL), (gssize)g_bytes_get_size(bytes), NULL);
    g_free(dir);
    if (bytes)
      g_bytes_unref(bytes);
  }
  g_free(cpath);
  return d;
}
