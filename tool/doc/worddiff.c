#include "doc/worddiff.h"

#include <string.h>

/* Past this many cells the longest common subsequence is not worth its memory:
 * the middle after the common ends is shown as one change instead. */
#define MAX_CELLS (4u * 1000u * 1000u)

static gboolean own_word(gunichar c) {
  GUnicodeScript s = g_unichar_get_script(c);
  return s == G_UNICODE_SCRIPT_HAN || s == G_UNICODE_SCRIPT_HIRAGANA || s == G_UNICODE_SCRIPT_KATAKANA ||
         s == G_UNICODE_SCRIPT_THAI;
}

static GPtrArray *words(const char *text) {
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  const char *p = text ? text : "", *start = NULL;
  for (; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c) || own_word(c)) {
      if (start)
        g_ptr_array_add(out, g_strndup(start, (gsize)(p - start)));
      start = NULL;
      if (own_word(c))
        g_ptr_array_add(out, g_strndup(p, (gsize)(g_utf8_next_char(p) - p)));
      continue;
    }
    if (!start)
      start = p;
  }
  if (start)
    g_ptr_array_add(out, g_strdup(start));
  return out;
}

static gboolean same(const GPtrArray *a, guint i, const GPtrArray *b, guint j) {
  return strcmp(g_ptr_array_index(a, i), g_ptr_array_index(b, j)) == 0;
}

/* One edit of the script: 0 keep, -1 remove a word of `a`, +1 add one of `b`. */
typedef struct {
  int op;
  guint at; /* the word's index in a (keep, remove) or b (add) */
} Step;

/* The edit script between a[lo_a, hi_a) and b[lo_b, hi_b): a longest common
 * subsequence when it fits, else remove all and add all. */
static void script_middle(const GPtrArray *a, guint lo_a, guint hi_a, const GPtrArray *b, guint lo_b, guint hi_b,
                          GArray *steps) {
  guint n = hi_a - lo_a, m = hi_b - lo_b;
  if ((guint64)(n + 1) * (m + 1) > MAX_CELLS) {
    for (guint i = lo_a; i < hi_a; i++)
      g_array_append_val(steps, ((Step){-1, i}));
    for (guint j = lo_b; j < hi_b; j++)
      g_array_append_val(steps, ((Step){+1, j}));
    return;
  }
  /* len[i][j]: the longest common subsequence of a[i..] and b[j..]. */
  guint *len = g_new0(guint, (gsize)(n + 1) * (m + 1));
#define L(i, j) len[(gsize)(i) * (m + 1) + (j)]
  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      L(i, j) = same(a, lo_a + i, b, lo_b + j) ? L(i + 1, j + 1) + 1 : MAX(L(i + 1, j), L(i, j + 1));
  guint i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(a, lo_a + i, b, lo_b + j)) {
      g_array_append_val(steps, ((Step){0, lo_a + i}));
      i++, j++;
    } else if (j < m && (i == n || L(i, j + 1) >= L(i + 1, j))) {
      g_array_append_val(steps, ((Step){+1, lo_b + j}));
      j++;
    } else {
      g_array_append_val(steps, ((Step){-1, lo_a + i}));
      i++;
    }
  }
#undef L
  g_free(len);
}

static void append_word(GString *s, const char *w) {
  if (s->len && s->str[s->len - 1] != ' ')
    g_string_append_c(s, ' ');
  g_string_append(s, w);
}

char *lp_worddiff(const char *before, const char *after, guint context, guint max_changes) {
  GPtrArray *a = words(before), *b = words(after);
  guint pre = 0, suf = 0;
  while (pre < a->len && pre < b->len && same(a, pre, b, pre))
    pre++;
  while (suf < a->len - pre && suf < b->len - pre && same(a, a->len - 1 - suf, b, b->len - 1 - suf))
    suf++;
  GArray *steps = g_array_new(FALSE, FALSE, sizeof(Step));
  for (guint i = 0; i < pre; i++)
    g_array_append_val(steps, ((Step){0, i}));
  script_middle(a, pre, a->len - suf, b, pre, b->len - suf, steps);
  for (guint i = a->len - suf; i < a->len; i++)
    g_array_append_val(steps, ((Step){0, i}));

  /* Hunks: runs of changes, with the kept words between them when there are
   * no more than twice the context of them. */
  GString *out = g_string_new(NULL);
  guint hunks = 0, shown = 0;
  for (guint k = 0; k < steps->len;) {
    if (g_array_index(steps, Step, k).op == 0) {
      k++;
      continue;
    }
    guint end = k;
    for (;;) {
      while (end < steps->len && g_array_index(steps, Step, end).op != 0)
        end++;
      guint keep = end;
      while (keep < steps->len && g_array_index(steps, Step, keep).op == 0)
        keep++;
      if (keep < steps->len && keep - end <= 2 * context)
        end = keep;
      else
        break;
    }
    hunks++;
    if (shown < max_changes) {
      shown++;
      if (out->len)
        g_string_append(out, "; ");
      guint from = k >= context ? k - context : 0;
      if (from > 0)
        g_string_append(out, "…");
      for (guint x = from; x < k; x++)
        append_word(out, g_ptr_array_index(a, g_array_index(steps, Step, x).at));
      /* Inside the hunk: removed words together, then added ones, per run. */
      for (guint x = k; x < end;) {
        const Step *st = &g_array_index(steps, Step, x);
        if (st->op == 0) {
          append_word(out, g_ptr_array_index(a, st->at));
          x++;
          continue;
        }
        GString *del = g_string_new(NULL), *add = g_string_new(NULL);
        for (; x < end && g_array_index(steps, Step, x).op != 0; x++) {
          const Step *t = &g_array_index(steps, Step, x);
          append_word(t->op < 0 ? del : add, g_ptr_array_index(t->op < 0 ? a : b, t->at));
        }
        if (del->len) {
          append_word(out, "[-");
          g_string_append(out, del->str);
          g_string_append(out, "-]");
        }
        if (add->len) {
          append_word(out, "{+");
          g_string_append(out, add->str);
          g_string_append(out, "+}");
        }
        g_string_free(del, TRUE);
        g_string_free(add, TRUE);
      }
      guint to = MIN(end + context, steps->len);
      for (guint x = end; x < to; x++)
        append_word(out, g_ptr_array_index(a, g_array_index(steps, Step, x).at));
      if (to < steps->len)
        g_string_append(out, " …");
    }
    k = end;
  }
  if (hunks > shown)
    g_string_append_printf(out, " and %u more change%s", hunks - shown, hunks - shown == 1 ? "" : "s");
  g_array_free(steps, TRUE);
  g_ptr_array_unref(a);
  g_ptr_array_unref(b);
  return g_string_free(out, FALSE);
}
