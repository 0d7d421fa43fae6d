#include "doc/lang.h"

#include <string.h>

struct LpLangs {
  GHashTable *by_tag; /* lower-case tag → LpLang* */
  GPtrArray *tags;    /* char*, NULL-terminated; rebuilt on change */
};

void lp_lang_clear(LpLang *l) {
  g_free(l->tag);
  g_free(l->name);
  g_strfreev(l->fonts);
  g_strfreev(l->writers);
  g_free(l->hyphenation);
  g_free(l->hyph_package);
  g_free(l->numbers);
  g_free(l->calendar);
  memset(l, 0, sizeof *l);
}

static void lang_free(gpointer p) {
  lp_lang_clear(p);
  g_free(p);
}

LpLangs *lp_langs_new(void) {
  LpLangs *ls = g_new0(LpLangs, 1);
  ls->by_tag = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, lang_free);
  return ls;
}

void lp_langs_free(LpLangs *ls) {
  if (!ls)
    return;
  g_hash_table_unref(ls->by_tag);
  if (ls->tags)
    g_ptr_array_unref(ls->tags);
  g_free(ls);
}

void lp_langs_put(LpLangs *ls, LpLang *l) {
  /* A later file's entry (the project's) replaces an earlier one whole. */
  g_hash_table_replace(ls->by_tag, g_ascii_strdown(l->tag, -1), g_memdup2(l, sizeof *l));
  memset(l, 0, sizeof *l);
  if (ls->tags)
    g_clear_pointer(&ls->tags, g_ptr_array_unref);
}

const LpLang *lp_langs_find(const LpLangs *ls, const char *tag) {
  char *key = g_ascii_strdown(tag, -1);
  for (;;) {
    const LpLang *l = g_hash_table_lookup(ls->by_tag, key);
    char *dash = strrchr(key, '-');
    if (l || !dash) {
      g_free(key);
      return l;
    }
    *dash = '\0';
  }
}

static int cmp_str(gconstpointer a, gconstpointer b) {
  return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

const char *const *lp_langs_tags(const LpLangs *cls) {
  LpLangs *ls = (LpLangs *)cls;
  if (!ls->tags) {
    ls->tags = g_ptr_array_new();
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, ls->by_tag);
    while (g_hash_table_iter_next(&it, NULL, &v))
      g_ptr_array_add(ls->tags, ((LpLang *)v)->tag);
    g_ptr_array_sort(ls->tags, cmp_str);
    g_ptr_array_add(ls->tags, NULL);
  }
  return (const char *const *)ls->tags->pdata;
}

char *lp_lang_locale(const LpLang *l, const char *tag, gboolean gregorian) {
  GString *s = g_string_new(tag);
  /* ICU takes "zh-Hans" as zh_Hans; the keywords follow an '@'. */
  for (char *p = s->str; *p; p++)
    if (*p == '-')
      *p = '_';
  const char *calendar = gregorian ? "gregorian" : l ? l->calendar : NULL;
  const char *numbers = l ? l->numbers : NULL;
  if (numbers || calendar) {
    g_string_append_c(s, '@');
    if (numbers)
      g_string_append_printf(s, "numbers=%s", numbers);
    if (calendar)
      g_string_append_printf(s, "%scalendar=%s", numbers ? ";" : "", calendar);
  }
  return g_string_free(s, FALSE);
}
