/* Hyphenation: known break points per dictionary language (Debian's hyphen-*
 * dictionaries through libhyphen, in their own encodings: UTF-8, ISO-8859-1,
 * KOI8-R), Turkish by its syllable rules, none for Arabic, and the rules that
 * keep leaflets calm: short words and acronyms whole, three letters at least on
 * each side, soft hyphens only inside words and spans kept in place. */
#include <string.h>

#include "layout/hyph.h"
#include "testutil.h"

/* The hyphenation the bundled language data gives `lang`. */
static const LpHyph *hyph(const char *lang) {
  const LpLang *l = lp_test_lang(lang);
  g_assert_nonnull(l);
  return lp_hyph_for(l->hyphenation);
}

static void expect(const char *lang, const char *word, const char *want) {
  const LpHyph *h = hyph(lang);
  g_assert_nonnull(h);
  char *got = lp_hyph_word(h, word);
  if (!want) { /* only: a break somewhere, never before a combining mark */
    if (!strchr(got, '-'))
      g_error("%s: %s is not hyphenated at all", lang, word);
    for (const char *p = strchr(got, '-'); p; p = strchr(p + 1, '-'))
      if (g_unichar_ismark(g_utf8_get_char(p + 1)))
        g_error("%s: %s breaks before a combining mark: %s", lang, word, got);
    g_free(got);
    return;
  }
  if (strcmp(got, want) != 0)
    g_error("%s: %s hyphenates as %s, expected %s", lang, word, got, want);
  g_free(got);
}

static void test_dictionaries(void) {
  expect("en", "treatment", "treat-ment");
  expect("en", "specialist", "spe-cial-ist");
  expect("en", "sensitivity", "sen-si-tiv-ity");
  expect("de", "Kopfschmerzen", "Kopf-schmer-zen");
  expect("de", "Schmerzmittel", "Schmerz-mit-tel");
  expect("fr", "traitement", "trai-te-ment");
  expect("fr", "sensibilité", "sen-si-bi-lité");
  expect("es", "tratamiento", "tra-ta-miento");
  expect("es", "sensibilidad", "sen-si-bi-li-dad");
  expect("ru", "чувствительность", "чув-стви-тель-ность");
  /* Dictionaries in other encodings and scripts; UTF-8 dictionaries count
   * characters, not bytes (Ukrainian: ліку-ва-ння, not лі-к-ува-ння). */
  expect("pl", "przeciwbólowe", "prze-ciw-bó-lowe");
  expect("uk", "лікування", "ліку-ва-ння");
  expect("el", "θεραπεία", "θερα-πεία");
  expect("it", "trattamento", "trat-ta-mento");
  expect("nl", "behandeling", "behan-de-ling");
  expect("bg", "болкоуспокояващи", NULL);
  expect("hi", "स्वास्थ्यलाभ", "स्वा-स्थ्य-लाभ");
  expect("ta", "சிகிச்சையளிக்கப்பட்ட", NULL);
  /* Region subtags fall back to the language. */
  expect("de-AT", "Kopfschmerzen", "Kopf-schmer-zen");
}

static void test_turkish_rules(void) {
  expect("tr", "kullanılmaktadır", "kul-la-nıl-mak-ta-dır");
  expect("tr", "hassasiyet", "has-sa-si-yet");
  expect("tr", "bilgilendirme", "bil-gi-len-dirme");
  /* Two vowels in a row are two syllables (ta-bi-a-tı; the outer breaks
   * would leave two letters on a side). */
  expect("tr", "tabiatını", "tabi-a-tını");
  expect("tr", "saatlerimizde", "saat-le-ri-mizde");
  /* Capitals keep their dots: İ and I are letters like any other. */
  expect("tr", "İLAÇLARINIZIN", "İLAÇLARINIZIN"); /* an all-capitals word stays whole */
  expect("tr", "İlaçlarınızın", "İlaç-la-rı-nı-zın");
}

static void test_arabic_none(void) {
  g_assert_null(hyph("ar"));
  g_assert_null(hyph("he"));
  g_assert_null(hyph("zh-Hans"));
}

static void test_calm_rules(void) {
  expect("en", "days", "days");          /* short */
  expect("en", "headache", "headache");  /* 8 letters, no break the patterns allow */
  expect("en", "UNESCOWORLD", "UNESCOWORLD"); /* capitals: an acronym */
  /* Never fewer than three letters on a side. */
  const LpHyph *h = hyph("en");
  const char *words[] = {"information", "responsibility", "unwittingly", "constantly"};
  for (gsize i = 0; i < G_N_ELEMENTS(words); i++) {
    char *got = lp_hyph_word(h, words[i]);
    char **parts = g_strsplit(got, "-", -1);
    guint n = g_strv_length(parts);
    g_assert_cmpuint(n, >=, 1);
    g_assert_cmpint(g_utf8_strlen(parts[0], -1), >=, LP_HYPH_MIN_LEFT);
    g_assert_cmpint(g_utf8_strlen(parts[n - 1], -1), >=, LP_HYPH_MIN_RIGHT);
    g_strfreev(parts);
    g_free(got);
  }
}

/* Soft hyphens go inside words, and emphasis spans stay on their words. */
static void test_spans_follow(void) {
  LpRich *r = lp_rich_new();
  lp_rich_append(r, "Ask about ", -1, 0, NULL);
  lp_rich_append(r, "treatment", -1, LP_SPAN_EM, NULL);
  lp_rich_append(r, " and sensitivity.", -1, 0, NULL);
  LpRich *o = lp_hyph_apply(hyph("en"), r, NULL);
  g_assert_cmpstr(lp_rich_text(o), ==, "Ask about treat\xC2\xADment and sen\xC2\xADsi\xC2\xADtiv\xC2\xADity.");
  g_assert_cmpuint(lp_rich_n_spans(o), ==, 1);
  const LpSpan *s = lp_rich_span(o, 0);
  g_assert_cmpuint(s->start, ==, 10);
  g_assert_cmpuint(s->end, ==, 10 + strlen("treat\xC2\xADment"));
  g_assert_cmpuint(s->flags, ==, LP_SPAN_EM);
  /* Restricted to chosen words: only the second one. */
  GHashTable *words = g_hash_table_new(g_direct_hash, g_direct_equal);
  g_hash_table_add(words, GSIZE_TO_POINTER(strlen("Ask about treatment and ")));
  LpRich *o2 = lp_hyph_apply(hyph("en"), r, words);
  g_assert_cmpstr(lp_rich_text(o2), ==, "Ask about treatment and sen\xC2\xADsi\xC2\xADtiv\xC2\xADity.");
  g_hash_table_unref(words);
  lp_rich_free(o2);
  lp_rich_free(o);
  lp_rich_free(r);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/hyph/dictionaries", test_dictionaries);
  g_test_add_func("/hyph/turkish-rules", test_turkish_rules);
  g_test_add_func("/hyph/arabic-none", test_arabic_none);
  g_test_add_func("/hyph/calm-rules", test_calm_rules);
  g_test_add_func("/hyph/spans-follow", test_spans_follow);
  return g_test_run();
}
