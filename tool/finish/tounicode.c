#include "finish/tounicode.h"

#include <glib.h>
#include <string.h>

/* One bfchar line: a presentation form → the letters it stands for (its
 * compatibility decomposition). An Arabic ligature (lam-alef) stands for its
 * first letter alone: the haru writer lays the letters after it as invisible
 * text beside the glyph, since readers disagree on the order of several
 * characters behind one right-to-left glyph (see haru.c, ligature_rtl). */
static void form_entry(GString *out, gunichar c) {
  char buf[8] = {0};
  g_unichar_to_utf8(c, buf);
  char *nfkc = g_utf8_normalize(buf, -1, G_NORMALIZE_NFKC);
  if (!nfkc || strcmp(nfkc, buf) == 0) {
    g_free(nfkc);
    return;
  }
  if (c >= 0xFB50 && g_utf8_strlen(nfkc, -1) > 1)
    *g_utf8_next_char(nfkc) = '\0';
  glong n = 0;
  gunichar2 *u16 = g_utf8_to_utf16(nfkc, -1, NULL, &n, NULL);
  g_string_append_printf(out, "<%04X> <", (unsigned)c);
  for (glong i = 0; i < n; i++)
    g_string_append_printf(out, "%04X", u16[i]);
  g_string_append(out, ">\n");
  g_free(u16);
  g_free(nfkc);
}

/* code → the same code point, for the Basic Multilingual Plane less the
 * surrogates, except the presentation forms, which map to their letters. A
 * bfrange may not cross a change of its first byte, hence one range per first
 * byte, and the bytes that hold presentation forms go character by character. */
static GString *identity_map(void) {
  GString *s = g_string_new("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  int ranges = 0;
  GString *body = g_string_new(NULL);
  for (int hi = 0; hi < 256; hi++) {
    if (hi >= 0xD8 && hi <= 0xDF)
      continue; /* surrogates */
    if (hi >= 0xFB && hi <= 0xFE)
      continue; /* presentation forms: below, one by one */
    g_string_append_printf(body, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
    /* At most 100 entries per block. */
    if (++ranges % 100 == 0 || hi == 255) {
      int n = ranges % 100 ? ranges % 100 : 100;
      g_string_append_printf(s, "%d beginbfrange\n%sendbfrange\n", n, body->str);
      g_string_truncate(body, 0);
    }
  }
  g_string_free(body, TRUE);
  /* The presentation-form bytes: identity, but forms to their letters. */
  GString *chars = g_string_new(NULL);
  int n = 0;
  for (gunichar c = 0xFB00; c <= 0xFEFF; c++) {
    gsize before = chars->len;
    form_entry(chars, c);
    if (chars->len == before)
      g_string_append_printf(chars, "<%04X> <%04X>\n", (unsigned)c, (unsigned)c);
    if (++n == 100 || c == 0xFEFF) {
      g_string_append_printf(s, "%d beginbfchar\n%sendbfchar\n", n, chars->str);
      g_string_truncate(chars, 0);
      n = 0;
    }
  }
  g_string_free(chars, TRUE);
  g_string_append(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  return s;
}

static gboolean is_cid_map(qpdf_data q, qpdf_oh stream) {
  unsigned char *data = NULL;
  size_t len = 0;
  if (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, NULL, &data, &len) != QPDF_SUCCESS || !data)
    return FALSE;
  gboolean yes = g_strstr_len((const char *)data, (gssize)len, "begincidrange") != NULL &&
                 g_strstr_len((const char *)data, (gssize)len, "beginbfrange") == NULL;
  free(data);
  return yes;
}

int lp_finish_fix_tounicode(qpdf_data q) {
  GString *map = NULL;
  GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
  int fixed = 0;
  int pages = qpdf_get_num_pages(q);
  for (int p = 0; p < pages; p++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
    qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/Font");
    if (!qpdf_oh_is_dictionary(q, fonts))
      continue;
    qpdf_oh_begin_dict_key_iter(q, fonts);
    while (qpdf_oh_dict_more_keys(q)) {
      const char *key = qpdf_oh_dict_next_key(q);
      qpdf_oh font = qpdf_oh_get_key(q, fonts, key);
      qpdf_oh tu = qpdf_oh_get_key(q, font, "/ToUnicode");
      if (!qpdf_oh_is_stream(q, tu))
        continue;
      gpointer id = GINT_TO_POINTER(qpdf_oh_get_object_id(q, tu));
      if (g_hash_table_contains(done, id) || !is_cid_map(q, tu))
        continue;
      g_hash_table_add(done, id);
      if (!map)
        map = identity_map();
      qpdf_oh_replace_stream_data(q, tu, (const unsigned char *)map->str, map->len, qpdf_oh_new_null(q),
                                  qpdf_oh_new_null(q));
      fixed++;
    }
  }
  if (map)
    g_string_free(map, TRUE);
  g_hash_table_unref(done);
  return fixed;
}
