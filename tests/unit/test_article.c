/* The article reader: front matter (read/frontmatter.c), Markdown body
 * (read/markdown.c), the checks on the raw file (read/source.c) and how
 * read/article.c ties them together. Lines count the whole file, so every body
 * error below sits 7 lines down, under the front matter. */
#include <string.h>

#include "read/article.h"
#include "read/source.h"
#include "doc/limits.h"
#include "testutil.h"

#define PATH "a.md"

/* Seven lines; the body starts on line 8. */
#define FM "---\nlang: en\ntitle: Wound care\nversion: \"T-1\"\ndate: 2026-03-15\nreview: draft\n---\n"

static LpDoc *parse_ok(const char *text) {
  GError *err = NULL;
  LpDoc *doc = lp_article_parse(lp_test_ctx(), PATH, text, strlen(text), &err);
  g_assert_no_error(err);
  g_assert_nonnull(doc);
  return doc;
}

static void parse_fail(const char *text, int line, int col, const char *fragment) {
  GError *err = NULL;
  LpDoc *doc = lp_article_parse(lp_test_ctx(), PATH, text, strlen(text), &err);
  g_assert_null(doc);
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, line, col, fragment);
  g_error_free(err);
}

static void body_fail(const char *body, int line, int col, const char *fragment) {
  char *text = g_strconcat(FM, body, NULL);
  parse_fail(text, line, col, fragment);
  g_free(text);
}

static void assert_pos(LpPos pos, int line, int col) {
  g_assert_cmpint(pos.line, ==, line);
  g_assert_cmpint(pos.col, ==, col);
}

static void assert_span(const LpRich *rich, guint i, guint start, guint end, guint flags) {
  g_assert_cmpuint(i, <, lp_rich_n_spans(rich));
  const LpSpan *s = lp_rich_span(rich, i);
  g_assert_cmpuint(s->start, ==, start);
  g_assert_cmpuint(s->end, ==, end);
  g_assert_cmpuint(s->flags, ==, flags);
}

static const LpBlock *item_block(const LpBlock *list, guint item, guint i) {
  const GPtrArray *blocks = lp_block_list_item(list, item);
  g_assert_cmpuint(i, <, blocks->len);
  return g_ptr_array_index((GPtrArray *)blocks, i);
}

/* ---- spans in another language: [words]{lang=de} ---- */

static void assert_lang(const LpRich *rich, guint i, guint start, guint end, guint flags, const char *lang) {
  assert_span(rich, i, start, end, flags);
  g_assert_cmpstr(lp_rich_span(rich, i)->lang, ==, lang);
}

static void test_span_lang(void) {
  LpDoc *doc = parse_ok(FM "It is [Botulinumtoxin Typ A]{lang=de} there.\n");
  const LpRich *r = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(r), ==, "It is Botulinumtoxin Typ A there.");
  g_assert_cmpuint(lp_rich_n_spans(r), ==, 1);
  assert_lang(r, 0, 6, 26, 0, "de");
  /* Where it is written, for the check against the language data. */
  const GArray *uses = lp_doc_meta(doc)->span_langs;
  g_assert_cmpuint(uses->len, ==, 1);
  g_assert_cmpstr(g_array_index(uses, LpLangUse, 0).tag, ==, "de");
  assert_pos(g_array_index(uses, LpLangUse, 0).pos, 8, 7);
  lp_doc_free(doc);
}

/* Emphasis inside a span and a span inside emphasis; a nested span's
 * language wins over the outer one's. */
static void test_span_nested(void) {
  LpDoc *doc = parse_ok(FM "[a *b* [c]{lang=fr} d]{lang=de} *[e]{lang=it}*\n");
  const LpRich *r = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(r), ==, "a b c d e");
  g_assert_cmpuint(lp_rich_n_spans(r), ==, 6);
  assert_lang(r, 0, 0, 2, 0, "de");
  assert_lang(r, 1, 2, 3, LP_SPAN_EM, "de");
  assert_lang(r, 2, 3, 4, 0, "de");
  assert_lang(r, 3, 4, 5, 0, "fr");
  assert_lang(r, 4, 5, 7, 0, "de");
  assert_lang(r, 5, 8, 9, LP_SPAN_EM, "it");
  g_assert_cmpuint(lp_doc_meta(doc)->span_langs->len, ==, 3);
  lp_doc_free(doc);
}

/* A span inside a link's words keeps the link. */
static void test_span_in_link(void) {
  LpDoc *doc = parse_ok(FM "See [[die Seite]{lang=de}](https://example.org/de).\n");
  const LpRich *r = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(r), ==, "See die Seite.");
  g_assert_cmpuint(lp_rich_n_spans(r), ==, 1);
  assert_lang(r, 0, 4, 13, LP_SPAN_LINK, "de");
  g_assert_cmpstr(lp_rich_span(r, 0)->href, ==, "https://example.org/de");
  lp_doc_free(doc);
}

/* Brackets that are text stay text: "[sic]", escapes and entities. */
static void test_span_brackets_as_text(void) {
  LpDoc *doc = parse_ok(FM "[sic] and \\[x\\]\\{lang=de} and &#91;y&#93;{z} and [w] {lang} end\n");
  const LpRich *r = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(r), ==, "[sic] and [x]{lang=de} and [y]{z} and [w] {lang} end");
  g_assert_cmpuint(lp_rich_n_spans(r), ==, 0);
  lp_doc_free(doc);
}

/* Spans in the front matter's lines of text (a card point). */
static void test_span_front_matter(void) {
  LpDoc *doc = parse_ok("---\nlang: en\ntitle: T\nversion: \"1\"\ndate: 2026-03-15\nreview: draft\n"
                        "card:\n  title: C\n  points:\n    - Ask for [Ruhe]{lang=de}.\n---\nBody.\n");
  const GArray *uses = lp_doc_meta(doc)->span_langs;
  g_assert_cmpuint(uses->len, ==, 1);
  g_assert_cmpstr(g_array_index(uses, LpLangUse, 0).tag, ==, "de");
  lp_doc_free(doc);
}

static void test_span_errors(void) {
  body_fail("A [Wort]{lan=de} b.\n", 8, 9, "unknown span attribute 'lan': expected lang=");
  body_fail("A [Wort]{lan=de} b.\n", 8, 9, "(did you mean lang?)");
  body_fail("A [Wort]{lang=de_DE} b.\n", 8, 9, "'de_DE' is not a language tag: expected one like en, de");
  body_fail("A [Wort]{lang=de b.\n", 8, 9, "a span's attributes are not closed: expected '}'");
  body_fail("A [Wort]{} b.\n", 8, 9, "a span without a language");
  body_fail("A []{lang=de} b.\n", 8, 3, "an empty span");
  body_fail("A x]{lang=de} b.\n", 8, 4, "']{' without its '['");
  body_fail("A [Wort]{lang=de}{lang=fr} b.\n", 8, 18, "a language that follows no [words]");
  body_fail("A {lang=de} b.\n", 8, 3, "a language that follows no [words]");
  body_fail("A [x](https://example.org){lang=de} b.\n", 8, 27, "a language after a link, which takes none");
  body_fail("A [r]{lang=fr} b.\n\n[r]: https://example.org\n", 8, 6, "a language after a link");
  /* On a later line of the paragraph, at its own line and column. */
  body_fail("First line\nand é [x]{lang=de\n", 9, 10, "are not closed");
}

/* ---- the file as a whole ---- */

static void test_file_no_fence(void) {
  parse_fail("lang: en\ntitle: x\n", 1, 1, "expected front matter: the article must start with a line '---'");
}

static void test_file_fence_not_alone(void) {
  parse_fail("--- lang: en\ntitle: x\n---\nText\n", 1, 1, "expected front matter");
  parse_fail("----\nlang: en\n----\nText\n", 1, 1, "expected front matter");
}

static void test_file_blank_line_before_fence(void) {
  parse_fail("\n---\nlang: en\n---\nText\n", 1, 1, "expected front matter");
}

static void test_file_unclosed(void) {
  parse_fail("---\nlang: en\ntitle: Wound care\n\n## A section\n\nText\n", 1, 1,
             "the front matter that starts here is not closed: expected a line '---'");
}

static void test_file_only_fence(void) { parse_fail("---", 1, 1, "is not closed"); }

static void test_file_empty_front_matter(void) {
  parse_fail("---\n---\nText\n", 1, 1, "the front matter is empty: expected lang, title, version, date and review");
}

static void test_file_comment_only_front_matter(void) {
  parse_fail("---\n# to do\n\n---\nText\n", 1, 1, "the front matter is empty");
}

static void test_file_no_body(void) {
  parse_fail(FM, 7, 1, "the article has no text after its front matter");
  parse_fail(FM "\n\n   \n", 7, 1, "the article has no text after its front matter");
}

static void test_file_no_body_no_newline(void) {
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---", 7, 1,
             "the article has no text after its front matter");
}

static void test_file_invalid_utf8_body(void) {
  /* "Çok güzel " is ten characters but twelve bytes: the column counts the
   * characters, as an editor does. */
  body_fail("## Section\n\nÇok güzel \xFF text\n", 10, 11, "invalid UTF-8 (byte 0xFF): save the file as UTF-8");
}

static void test_file_invalid_utf8_front_matter(void) {
  parse_fail("---\nlang: en\ntitle: Caf\xC3 au lait\n---\nText\n", 3, 11, "invalid UTF-8 (byte 0xC3)");
}

static void test_file_invalid_utf8_overlong(void) {
  /* 0xC0 0xAF is an overlong '/', the kind of sequence that sneaks past naive checks. */
  body_fail("Text \xC0\xAF more\n", 8, 6, "invalid UTF-8 (byte 0xC0)");
}

static void test_file_invalid_utf8_first_byte(void) { parse_fail("\x96---\n", 1, 1, "invalid UTF-8 (byte 0x96)"); }

static void test_file_nul(void) {
  static const char text[] = FM "## Section\n\nA line\nwith a\0NUL\n";
  GError *err = NULL;
  g_assert_null(lp_article_parse(lp_test_ctx(), PATH, text, sizeof text - 1, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 11, 7, "NUL character in text: expected UTF-8 text without NUL bytes");
  g_error_free(err);
}

static void test_file_read_nul(void) {
  static const char text[] = "---\nlang: en\0\n---\nText\n";
  char *path = g_build_filename(lp_test_tmp(), "nul.md", NULL);
  g_assert_true(g_file_set_contents(path, text, sizeof text - 1, NULL));
  GError *err = NULL;
  g_assert_null(lp_article_read(lp_test_ctx(), path, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 2, 9, "NUL character in text");
  g_error_free(err);
  g_free(path);
}

static void test_file_read_empty(void) {
  char *path = lp_test_write("empty.md", "");
  GError *err = NULL;
  g_assert_null(lp_article_read(lp_test_ctx(), path, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 0, 0, "article is empty");
  g_clear_error(&err);
  g_free(path);

  path = lp_test_write("blank.md", "\n  \t\r\n\n");
  g_assert_null(lp_article_read(lp_test_ctx(), path, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 0, 0, "article is empty");
  g_error_free(err);
  g_free(path);
}

static void test_file_read_missing(void) {
  char *path = g_build_filename(lp_test_tmp(), "no-such-article.md", NULL);
  GError *err = NULL;
  g_assert_null(lp_article_read(lp_test_ctx(), path, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 0, 0, "cannot read article: No such file or directory");
  g_error_free(err);
  g_free(path);
}

static void test_file_read_directory(void) {
  GError *err = NULL;
  g_assert_null(lp_article_read(lp_test_ctx(), lp_test_tmp(), &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, lp_test_tmp(), 0, 0, "cannot read article: not a regular file");
  g_error_free(err);
}

static void test_file_read_too_big(void) {
  char *path = lp_test_write("big.md", FM "Some text that is longer than the limit.\n");
  GError *err = NULL;
  LpCtx *ctx = lp_ctx_new();
  lp_ctx_set_limit(ctx, LP_LIMIT_INPUT_SIZE, 64);
  LpDoc *doc = lp_article_read(ctx, path, &err);
  lp_ctx_free(ctx);
  g_assert_null(doc);
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 0, 0,
                       "article is 122 bytes, over the limit of 64 bytes (limit 'input-size'; raise it with "
                       "--limit input-size=N)");
  g_error_free(err);
  g_free(path);
}

static void test_file_read_bom(void) {
  char *path = lp_test_write("bom/en.md", "\xEF\xBB\xBF" FM "## First\n\nText.\n");
  GError *err = NULL;
  LpDoc *doc = lp_article_read(lp_test_ctx(), path, &err);
  g_assert_no_error(err);
  g_assert_cmpstr(lp_doc_meta(doc)->lang, ==, "en");
  g_assert_cmpstr(lp_doc_meta(doc)->title, ==, "Wound care");
  g_assert_cmpstr(lp_doc_id(doc), ==, "bom");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 2);
  assert_pos(lp_block_pos(lp_doc_block(doc, 0)), 8, 1);
  g_assert_cmpstr(lp_rich_text(lp_block_text(lp_doc_block(doc, 0))), ==, "First");
  lp_doc_free(doc);
  g_free(path);
}

static void test_file_read_bom_error_position(void) {
  /* The mark is invisible in an editor; positions after it must not count it. */
  char *path = lp_test_write("bom-bad.md", "\xEF\xBB\xBF---\nlang: e\xFF\n---\nText\n");
  GError *err = NULL;
  g_assert_null(lp_article_read(lp_test_ctx(), path, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 2, 8, "invalid UTF-8 (byte 0xFF)");
  g_error_free(err);
  g_free(path);
}

static void test_file_crlf(void) {
  LpDoc *doc = parse_ok("---\r\nlang: en\r\ntitle: Wound care\r\nversion: '1'\r\ndate: 2026-03-15\r\nreview: draft\r\n"
                        "---\r\n## Care\r\n\r\nKeep it *dry*.\r\n");
  g_assert_cmpstr(lp_doc_meta(doc)->title, ==, "Wound care");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 2);
  assert_pos(lp_block_pos(lp_doc_block(doc, 1)), 10, 1);
  const LpRich *p = lp_block_text(lp_doc_block(doc, 1));
  g_assert_cmpstr(lp_rich_text(p), ==, "Keep it dry.");
  assert_span(p, 0, 8, 11, LP_SPAN_EM);
  lp_doc_free(doc);
}

static void test_file_fence_variants(void) {
  /* Trailing blanks after a fence are invisible and allowed; YAML's own end
   * marker "..." may close the front matter. */
  LpDoc *doc = parse_ok("---  \nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n...\t\nText\n");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 1);
  assert_pos(lp_block_pos(lp_doc_block(doc, 0)), 8, 1);
  lp_doc_free(doc);
}

static void test_file_body_fence_is_a_rule(void) {
  /* Only the first "---" after the opening one closes the front matter; a later
   * one is Markdown, and as a rule it is refused at its own line. */
  body_fail("Text\n\n---\n\nMore\n", 10, 1, "horizontal rules (---, ***) are not supported");
}

static void test_file_wound_care(void) {
  char *path = lp_test_source("tests/data/articles/wound-care/en.md");
  GError *err = NULL;
  LpDoc *doc = lp_article_read(lp_test_ctx(), path, &err);
  g_assert_no_error(err);
  g_assert_cmpstr(lp_doc_id(doc), ==, "wound-care");
  g_assert_cmpstr(lp_doc_path(doc), ==, path);
  const LpMeta *m = lp_doc_meta_const(doc);
  g_assert_cmpstr(m->version, ==, "T-1");
  g_assert_cmpuint(m->keywords->len, ==, 2);
  g_assert_cmpuint(m->card_points->len, ==, 2);
  const LpRich *point = g_ptr_array_index(m->card_points, 0);
  g_assert_cmpstr(lp_rich_text(point), ==, "Keep the dressing dry for two days.");
  g_assert_cmpuint(lp_rich_n_spans(point), ==, 1);
  assert_span(point, 0, 18, 21, LP_SPAN_EM);
  /* the intro, then 5 sections and a subsection, each with a paragraph or a list */
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 14);
  const LpBlock *steps = lp_doc_block(doc, 4);
  g_assert_cmpint(lp_block_kind(steps), ==, LP_BLOCK_LIST);
  assert_pos(lp_block_pos(steps), 24, 1);
  g_assert_cmpint(lp_block_end_line(steps), ==, 30);
  g_assert_cmpuint(lp_block_list_n_items(steps), ==, 4);
  const LpBlock *wipes = item_block(steps, 2, 1);
  g_assert_cmpint(lp_block_kind(wipes), ==, LP_BLOCK_LIST);
  assert_pos(lp_block_pos(wipes), 27, 4);
  g_assert_false(lp_block_list_ordered(wipes));
  g_assert_cmpuint(lp_block_list_n_items(wipes), ==, 2);
  const LpBlock *swim = lp_doc_block(doc, 7);
  g_assert_cmpint(lp_block_level(swim), ==, 3);
  g_assert_cmpstr(lp_rich_text(lp_block_text(swim)), ==, "Swimming");
  /* A later stage points at a character it cannot print through the source. */
  const LpBlock *signs = lp_doc_block(doc, 11);
  LpPos deg = lp_doc_locate_char(doc, signs, 0x00B0);
  assert_pos(deg, 46, 23);
  lp_doc_free(doc);
  g_free(path);
}

/* ---- front matter ---- */

static void test_fm_all_keys(void) {
  LpDoc *doc = parse_ok("---\n"
                        "lang: pt-BR\n"
                        "title: Cuidados com a ferida\n"
                        "subtitle: Em casa\n"
                        "version: 2026-11\n"
                        "date: 2026-11-01\n"
                        "review: reviewed\n"
                        "reviewed_by: Dr A. Example\n"
                        "description: How to look after a small wound.\n"
                        "keywords:\n"
                        "  - wound\n"
                        "  - dressing\n"
                        "card:\n"
                        "  title: At home\n"
                        "  points:\n"
                        "    - '  Keep it dry.  '\n"
                        "    - Call us.\n"
                        "labels:\n"
                        "  in_short: Em resumo\n"
                        "  page_of: Página {page} de {pages}\n"
                        "---\n"
                        "Texto.\n");
  const LpMeta *m = lp_doc_meta_const(doc);
  g_assert_cmpstr(m->lang, ==, "pt-BR");
  g_assert_cmpstr(m->title, ==, "Cuidados com a ferida");
  g_assert_cmpstr(m->subtitle, ==, "Em casa");
  g_assert_cmpstr(m->version, ==, "2026-11");
  g_assert_cmpstr(m->date, ==, "2026-11-01");
  g_assert_cmpint(m->review, ==, LP_REVIEW_REVIEWED);
  g_assert_cmpstr(m->reviewed_by, ==, "Dr A. Example");
  g_assert_cmpstr(m->description, ==, "How to look after a small wound.");
  g_assert_cmpuint(m->keywords->len, ==, 2);
  g_assert_cmpstr(g_ptr_array_index(m->keywords, 0), ==, "wound");
  g_assert_cmpstr(g_ptr_array_index(m->keywords, 1), ==, "dressing");
  g_assert_cmpstr(m->card_title, ==, "At home");
  g_assert_cmpuint(m->card_points->len, ==, 2);
  g_assert_cmpstr(lp_rich_text(g_ptr_array_index(m->card_points, 0)), ==, "Keep it dry.");
  g_assert_cmpuint(lp_rich_n_spans(g_ptr_array_index(m->card_points, 0)), ==, 0);
  g_assert_cmpstr(lp_rich_text(g_ptr_array_index(m->card_points, 1)), ==, "Call us.");
  g_assert_cmpuint(g_hash_table_size(m->labels), ==, 2);
  g_assert_cmpstr(g_hash_table_lookup(m->labels, "in_short"), ==, "Em resumo");
  g_assert_cmpstr(g_hash_table_lookup(m->labels, "page_of"), ==, "Página {page} de {pages}");
  g_assert_cmpstr(m->pos.file, ==, PATH);
  assert_pos(m->pos, 1, 1);
  lp_doc_free(doc);
}

static void test_fm_minimal(void) {
  LpDoc *doc = parse_ok(FM "Text.\n");
  const LpMeta *m = lp_doc_meta_const(doc);
  g_assert_cmpstr(m->lang, ==, "en");
  g_assert_cmpstr(m->version, ==, "T-1");
  g_assert_cmpint(m->review, ==, LP_REVIEW_DRAFT);
  g_assert_null(m->subtitle);
  g_assert_null(m->reviewed_by);
  g_assert_null(m->description);
  g_assert_null(m->card_title);
  g_assert_cmpuint(m->keywords->len, ==, 0);
  g_assert_cmpuint(m->card_points->len, ==, 0);
  g_assert_cmpuint(g_hash_table_size(m->labels), ==, 0);
  lp_doc_free(doc);
}

static void test_fm_keyword_string(void) {
  LpDoc *doc =
      parse_ok("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\nkeywords: wound\n---\nText.\n");
  const LpMeta *m = lp_doc_meta_const(doc);
  g_assert_cmpuint(m->keywords->len, ==, 1);
  g_assert_cmpstr(g_ptr_array_index(m->keywords, 0), ==, "wound");
  lp_doc_free(doc);
}

static void test_fm_not_a_mapping(void) {
  parse_fail("---\n- lang: en\n---\nText\n", 2, 1,
             "expected a mapping (key: value lines) for the front matter, found a list");
  parse_fail("---\njust words\n---\nText\n", 2, 1,
             "expected a mapping (key: value lines) for the front matter, found a single value");
}

static void test_fm_yaml_syntax(void) {
  /* The YAML ends where the closing fence starts, so that is where an open
   * flow list is noticed. */
  parse_fail("---\nlang: en\nkeywords: [a, b\n---\nText\n", 4, 1, "YAML syntax error");
  parse_fail("---\nlang: en\ntitle: x\n  bad: indent\n---\nText\n", 4, 6,
             "YAML syntax error: mapping values are not allowed");
}

static void test_fm_duplicate_key(void) {
  parse_fail("---\nlang: en\ntitle: A\ntitle: B\n---\nText\n", 4, 1, "duplicate key 'title' (first given at line 3)");
}

static void test_fm_unknown_key_suggestion(void) {
  parse_fail("---\nlang: en\ntitel: Wound care\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 3, 1,
             "unknown key 'titel' in the front matter; did you mean 'title'? (valid keys: lang, title, short_title, subtitle");
}

static void test_fm_unknown_key_no_suggestion(void) {
  GError *err = NULL;
  const char *text = "---\nlang: en\n  \nauthor: Someone\n---\nText\n";
  g_assert_null(lp_article_parse(lp_test_ctx(), PATH, text, strlen(text), &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 4, 1, "unknown key 'author' in the front matter (valid keys:");
  g_assert_null(strstr(err->message, "did you mean"));
  g_error_free(err);
}

static void test_fm_wrong_type(void) {
  parse_fail("---\nlang: en\ntitle: [Wound, care]\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 3, 8,
             "expected a single value for front matter key 'title', found a list");
  parse_fail("---\nlang: en\ntitle: T\nversion:\n  major: 1\ndate: 2026-03-15\nreview: draft\n---\nText\n", 5, 3,
             "expected a single value for front matter key 'version', found a mapping (key: value lines)");
}

static void test_fm_empty_value(void) {
  parse_fail("---\nlang: en\ntitle:\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 3, 7,
             "expected text for front matter key 'title', found nothing");
  parse_fail("---\nlang: en\ntitle: T\nsubtitle: ~\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 4, 11,
             "expected text for front matter key 'subtitle', found nothing");
}

static void test_fm_missing_required(void) {
  static const struct {
    const char *text;
    const char *fragment;
  } cases[] = {
      {"---\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n",
       "the front matter has no 'lang' (the language of the text, e.g. lang: en)"},
      {"---\nlang: en\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n",
       "the front matter has no 'title' (the leaflet's title)"},
      {"---\nlang: en\ntitle: T\ndate: 2026-03-15\nreview: draft\n---\nText\n",
       "the front matter has no 'version' (the version label printed on the leaflet"},
      {"---\nlang: en\ntitle: T\nversion: '1'\nreview: draft\n---\nText\n",
       "the front matter has no 'date' (the version date, e.g. date: 2026-11-01)"},
      {"---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\n---\nText\n",
       "the front matter has no 'review' (draft or reviewed)"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
    parse_fail(cases[i].text, 1, 1, cases[i].fragment);
}

static void test_fm_bad_lang(void) {
  parse_fail("---\nlang: English\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 2, 7,
             "'English' is not a language tag: expected one like en, tr, ar or pt-BR");
  parse_fail("---\ntitle: T\nlang:   EN\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 3, 9,
             "'EN' is not a language tag");
  parse_fail("---\nlang: en_GB\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n---\nText\n", 2, 7,
             "'en_GB' is not a language tag");
}

static void test_fm_bad_date(void) {
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 15/03/2026\nreview: draft\n---\nText\n", 5, 7,
             "front matter key 'date': '15/03/2026' is not a date: write YYYY-MM-DD");
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: \"2026-02-30\"\nreview: draft\n---\nText\n", 5, 7,
             "front matter key 'date': 2026-02-30 is not a day of the calendar");
}

static void test_fm_bad_review(void) {
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: Draft\n---\nText\n", 6, 9,
             "unknown value 'Draft' for front matter key 'review'; did you mean 'draft'? (one of: draft, reviewed)");
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: approved\n---\nText\n", 6, 9,
             "unknown value 'approved' for front matter key 'review' (one of: draft, reviewed)");
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: [draft]\n---\nText\n", 6, 9,
             "expected a single value for front matter key 'review', found a list");
}

static void test_fm_bad_keywords(void) {
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\nkeywords: {a: b}\n---\nText\n", 7,
             11, "expected a list for front matter key 'keywords', found a mapping");
  parse_fail("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\nkeywords:\n  - a\n  - [b]\n---\n"
             "Text\n",
             9, 5, "expected a single value for front matter key 'keywords', found a list");
}

static void test_fm_bad_card(void) {
  const char *head = "---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n";
  static const struct {
    const char *card;
    int line, col;
    const char *fragment;
  } cases[] = {
      {"card: Keep it dry\n", 7, 7,
       "expected a mapping (key: value lines) for front matter key 'card', found a single"},
      {"card:\n  title: At home\n  point: [a]\n", 9, 3, "unknown key 'point' in the card; did you mean 'points'?"},
      {"card:\n  title: ''\n", 8, 10, "expected text for card title, found nothing"},
      {"card:\n  points: Keep it dry\n", 8, 11, "expected a list for card points, found a single value"},
      {"card:\n  points:\n    - Keep it dry\n    - {a: b}\n", 10, 7,
       "expected a single value for a card point, found a mapping"},
      {"card:\n  points:\n    - Keep it dry\n    -\n", 10, 6, "expected text for a card point, found nothing"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *text = g_strconcat(head, cases[i].card, "---\nText\n", NULL);
    parse_fail(text, cases[i].line, cases[i].col, cases[i].fragment);
    g_free(text);
  }
}

static void test_fm_card_point_markdown(void) {
  LpDoc *doc = parse_ok("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\ncard:\n  points:\n"
                        "    - Call **at once** if it bleeds.\n"
                        "    - \"    Four blanks first.\"\n"
                        "    - See [the page](https://example.org).\n"
                        "---\nText\n");
  const GPtrArray *pts = lp_doc_meta_const(doc)->card_points;
  g_assert_cmpuint(pts->len, ==, 3);
  const LpRich *first = g_ptr_array_index((GPtrArray *)pts, 0);
  g_assert_cmpstr(lp_rich_text(first), ==, "Call at once if it bleeds.");
  assert_span(first, 0, 5, 12, LP_SPAN_STRONG);
  /* Blanks around a quoted point are layout noise, not an indented code block. */
  g_assert_cmpstr(lp_rich_text(g_ptr_array_index((GPtrArray *)pts, 1)), ==, "Four blanks first.");
  const LpRich *third = g_ptr_array_index((GPtrArray *)pts, 2);
  assert_span(third, 0, 4, 12, LP_SPAN_LINK);
  g_assert_cmpstr(lp_rich_span(third, 0)->href, ==, "https://example.org");
  lp_doc_free(doc);
}

static void test_fm_card_point_blocks(void) {
  const char *head = "---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\ncard:\n  points:\n"
                     "    - Fine.\n";
  static const struct {
    const char *point;
    int col;
    const char *fragment;
  } cases[] = {
      {"    - \"# Call us\"\n", 7,
       "expected one line of text (with *emphasis* or **strong** if needed), found a heading"},
      {"    - \"1. one\"\n", 7, "found a list"},
      {"    - |\n      First.\n\n      Second.\n", 7, "found a second paragraph"},
      {"    - |\n      First.\n      > quoted\n", 7, "found a block_quote"},
      {"    - \"Look ![here](x.png)\"\n", 7, "a picture inside a line of text"},
      {"    - \"<b>Bold</b> advice\"\n", 7, "raw HTML is not supported: write the text in Markdown (found <b>)"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *text = g_strconcat(head, cases[i].point, "---\nText\n", NULL);
    parse_fail(text, 10, cases[i].col, cases[i].fragment);
    g_free(text);
  }
}

static void test_fm_card_advice(void) {
  LpDoc *doc = parse_ok("---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\ncard:\n  advice:\n"
                        "    title: If it hurts\n"
                        "    text: \"    Take *one* tablet.\"\n"
                        "---\nText\n");
  const LpMeta *m = lp_doc_meta_const(doc);
  g_assert_cmpstr(m->advice_title, ==, "If it hurts");
  g_assert_cmpstr(lp_rich_text(m->advice), ==, "Take one tablet.");
  assert_span(m->advice, 0, 5, 8, LP_SPAN_EM);
  assert_pos(m->advice_pos, 10, 11);
  lp_doc_free(doc);

  const char *head = "---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\ncard:\n";
  static const struct {
    const char *card;
    int line, col;
    const char *fragment;
  } cases[] = {
      {"  advice:\n    title: Only a title\n", 9, 5, "the card's advice has no 'text'"},
      {"  advice: Take one tablet.\n", 8, 11, "expected a mapping (key: value lines) for the card's advice"},
      {"  advice:\n    txt: x\n", 9, 5, "unknown key 'txt' in the card's advice; did you mean 'text'?"},
      {"  advice:\n    text: \"## Call\"\n", 9, 11, "expected one line of text"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *text = g_strconcat(head, cases[i].card, "---\nText\n", NULL);
    parse_fail(text, cases[i].line, cases[i].col, cases[i].fragment);
    g_free(text);
  }
}

static void test_fm_bad_labels(void) {
  const char *head = "---\nlang: en\ntitle: T\nversion: '1'\ndate: 2026-03-15\nreview: draft\n";
  char *text = g_strconcat(head, "labels: [in_short]\n---\nText\n", NULL);
  parse_fail(text, 7, 9, "expected a mapping (key: value lines) for front matter key 'labels', found a list");
  g_free(text);
  text = g_strconcat(head, "labels:\n  in_short: [a]\n---\nText\n", NULL);
  parse_fail(text, 8, 13, "expected a single value for a label, found a list");
  g_free(text);
}

/* ---- body: errors ---- */

static void test_body_level1_heading(void) {
  body_fail("Intro.\n\n# Wound care\n", 10, 1,
            "a level-1 heading in the text: the title comes from the front matter ('title:'); start sections with ##");
}

static void test_body_level1_setext(void) {
  body_fail("Wound care\n==========\n", 8, 1, "a level-1 heading in the text");
}

static void test_body_heading_level4(void) {
  body_fail("## Section\n\n#### Too deep\n", 10, 1, "heading level 4: expected ## (section) or ### (subsection)");
  body_fail("## Section\n\n   ###### Deeper\n", 10, 4, "heading level 6");
}

static void test_body_empty_heading(void) {
  body_fail("Text.\n\n## \n", 10, 1, "empty heading: expected the section's title after ##");
  body_fail("### ###\n", 8, 1, "empty heading");
}

static void test_body_heading_in_list(void) {
  body_fail("- one\n- ## Two\n", 9, 3, "a heading inside a list item is not supported");
}

static void test_body_html_block(void) {
  body_fail("Text.\n\n<div class=\"note\">\nCareful\n</div>\n", 10, 1,
            "raw HTML is not supported: write the text in Markdown");
  body_fail("<!-- a comment -->\n", 8, 1, "raw HTML is not supported");
}

static void test_body_html_block_in_list(void) {
  body_fail("- one\n\n  <div>two</div>\n", 10, 3, "raw HTML is not supported");
}

static void test_body_html_inline(void) {
  body_fail("Keep it <b>dry</b>.\n", 8, 9, "raw HTML is not supported: write the text in Markdown (found <b>)");
}

static void test_body_html_inline_second_line(void) {
  /* The second line of a paragraph; "éé" are two characters in four bytes. */
  body_fail("First line,\néé then <br> a break.\n", 9, 9, "(found <br>)");
}

static void test_body_html_inline_in_list(void) {
  body_fail("- item\n  éé <span>x</span>\n", 9, 6, "(found <span>)");
}

static void test_body_image(void) {
  body_fail("See ![a wound](wound.png) here.\n", 8, 5,
            "a picture with text beside it: a picture stands in a paragraph of its own");
}

static void test_body_image_after_multibyte(void) {
  body_fail("## Çay\n\nÇay ![x](y.png)\n", 10, 5, "a picture with text beside it");
}

static void test_body_image_in_emphasis(void) {
  body_fail("**bold\n![x](y.png)**\n", 9, 1, "a picture inside a line of text");
}

static void test_body_picture_without_alt(void) {
  body_fail("Text.\n\n![](x.png)\n", 10, 1, "a picture without alternate text ('x.png')");
}

static void test_body_picture_in_list(void) {
  body_fail("- item\n\n  ![an arm](x.png)\n", 10, 3, "a picture inside a list item");
}

static void test_body_picture_attribute(void) {
  body_fail("![an arm](x.png){place=acros}\n", 8, 1, "a picture's place 'acros': expected column or across (did you mean across?)");
  body_fail("![an arm](x.png){width=0%}\n", 8, 1, "a picture's width '0%'");
}

static void test_body_table(void) {
  body_fail("Before.\n\n| Day | Dressing |\n|-----|:--------:|\n| 1   | keep     |\n", 10, 1,
            "tables are not supported yet: write the content as a list");
}

static void test_body_table_without_outer_pipes(void) {
  body_fail("Day | Dressing\n--- | ---\n1 | keep\n", 8, 1, "tables are not supported yet");
}

static void test_body_pipe_is_not_a_table(void) {
  LpDoc *doc = parse_ok(FM "Either this | or that.\nNo rule - here.\n");
  g_assert_cmpstr(lp_rich_text(lp_block_text(lp_doc_block(doc, 0))), ==, "Either this | or that. No rule - here.");
  lp_doc_free(doc);
}

static void test_body_indented_code(void) {
  body_fail("Text.\n\n    indented by accident\n", 10, 5,
            "code blocks are not supported (text indented by four spaces is one): remove the indent");
}

static void test_body_fenced_code_info(void) {
  body_fail("Text.\n\n```python\nprint(1)\n```\n", 10, 1,
            "unknown fenced block 'python': expected paragraphs, lists and headings");
}

static void test_body_fenced_code_plain(void) {
  body_fail("Text.\n\n```\nplain\n```\n", 10, 1, "code blocks (``` or ~~~ fences) are not supported");
  body_fail("  ~~~~\nplain\n  ~~~~\n", 8, 3, "code blocks (``` or ~~~ fences) are not supported");
}

static void test_body_indented_code_like_fence(void) {
  GError *err = NULL;
  const char *text = FM "Text.\n\n    `` not a fence\n";
  g_assert_null(lp_article_parse(lp_test_ctx(), PATH, text, strlen(text), &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, PATH, 10, 5, "text indented by four spaces");
  g_error_free(err);
}

static void test_body_block_quote(void) {
  body_fail("Text.\n\n> Quoted advice\n", 10, 1, "block quotes (lines starting with '>') are not supported");
}

static void test_body_thematic_break(void) {
  body_fail("Text.\n\n***\n\nMore.\n", 10, 1, "horizontal rules (---, ***) are not supported: use a ## section");
  body_fail("Text.\n\n_ _ _\n", 10, 1, "horizontal rules");
}

static void test_body_list_too_deep(void) {
  body_fail("- one\n  - two\n    - three\n      - four\n", 11, 7, "lists nest deeper than 3 levels");
}

static void test_body_emphasis_too_deep(void) {
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 18; i++)
    g_string_append(s, "*a ");
  g_string_append(s, "x*");
  for (int i = 0; i < 17; i++)
    g_string_append(s, " a*");
  g_string_append_c(s, '\n');
  /* The paragraph is level 0; the 17th emphasis starts at column 1 + 16 * 3. */
  body_fail(s->str, 8, 49, "emphasis and links nest deeper than 16 levels");
  g_string_free(s, TRUE);
}

static void test_body_error_after_good_blocks(void) {
  /* Blocks read before the error are freed with the document. */
  body_fail("## One\n\n- a\n- b\n\nText *em*.\n\n> no\n", 15, 1, "block quotes");
}

/* ---- body: good input ---- */

static void test_body_headings(void) {
  LpDoc *doc = parse_ok(FM "Intro.\n\n## Before you leave\n\nText.\n\n### Swimming ###\n\nSection\n-------\n");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 5);
  const LpBlock *h2 = lp_doc_block(doc, 1);
  g_assert_cmpint(lp_block_kind(h2), ==, LP_BLOCK_HEADING);
  g_assert_cmpint(lp_block_level(h2), ==, 2);
  g_assert_cmpstr(lp_rich_text(lp_block_text(h2)), ==, "Before you leave");
  assert_pos(lp_block_pos(h2), 10, 1);
  g_assert_cmpstr(lp_block_pos(h2).file, ==, PATH);
  g_assert_cmpint(lp_block_end_line(h2), ==, 10);
  const LpBlock *h3 = lp_doc_block(doc, 3);
  g_assert_cmpint(lp_block_level(h3), ==, 3);
  g_assert_cmpstr(lp_rich_text(lp_block_text(h3)), ==, "Swimming");
  assert_pos(lp_block_pos(h3), 14, 1);
  const LpBlock *setext = lp_doc_block(doc, 4);
  g_assert_cmpint(lp_block_level(setext), ==, 2);
  g_assert_cmpstr(lp_rich_text(lp_block_text(setext)), ==, "Section");
  assert_pos(lp_block_pos(setext), 16, 1);
  g_assert_cmpint(lp_block_end_line(setext), ==, 17);
  lp_doc_free(doc);
}

static void test_body_heading_emphasis(void) {
  LpDoc *doc = parse_ok(FM "## When to *call* us\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==, "When to call us");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 1);
  assert_span(t, 0, 8, 12, LP_SPAN_EM);
  lp_doc_free(doc);
}

static void test_body_paragraph_spans(void) {
  LpDoc *doc = parse_ok(FM "Keep it *dry* and **clean**, use `saline` and ***both***.\n");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 1);
  const LpBlock *p = lp_doc_block(doc, 0);
  g_assert_cmpint(lp_block_kind(p), ==, LP_BLOCK_PARAGRAPH);
  assert_pos(lp_block_pos(p), 8, 1);
  const LpRich *t = lp_block_text(p);
  g_assert_cmpstr(lp_rich_text(t), ==, "Keep it dry and clean, use saline and both.");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 4);
  assert_span(t, 0, 8, 11, LP_SPAN_EM);
  assert_span(t, 1, 16, 21, LP_SPAN_STRONG);
  assert_span(t, 2, 27, 33, LP_SPAN_CODE);
  assert_span(t, 3, 38, 42, LP_SPAN_EM | LP_SPAN_STRONG);
  g_assert_null(lp_rich_span(t, 0)->href);
  lp_doc_free(doc);
}

static void test_body_spans_are_byte_ranges(void) {
  LpDoc *doc = parse_ok(FM "Çok *güzel* değil.\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==, "Çok güzel değil.");
  /* "Çok " is five bytes, "güzel" six. */
  assert_span(t, 0, 5, 11, LP_SPAN_EM);
  lp_doc_free(doc);
}

static void test_body_nested_spans(void) {
  LpDoc *doc = parse_ok(FM "**Call *now* please**\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==, "Call now please");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 3);
  assert_span(t, 0, 0, 5, LP_SPAN_STRONG);
  assert_span(t, 1, 5, 8, LP_SPAN_STRONG | LP_SPAN_EM);
  assert_span(t, 2, 8, 15, LP_SPAN_STRONG);
  lp_doc_free(doc);
}

static void test_body_soft_break(void) {
  LpDoc *doc = parse_ok(FM "One line\nand the next\nand a third.\n\nAfter.\n");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 2);
  const LpBlock *p = lp_doc_block(doc, 0);
  g_assert_cmpstr(lp_rich_text(lp_block_text(p)), ==, "One line and the next and a third.");
  g_assert_cmpint(lp_block_end_line(p), ==, 10);
  assert_pos(lp_block_pos(lp_doc_block(doc, 1)), 12, 1);
  lp_doc_free(doc);
}

static void test_body_hard_break(void) {
  LpDoc *doc = parse_ok(FM "Clinic name  \n1 Example Street\\\nExampletown\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==,
                  "Clinic name\xE2\x80\xA8"
                  "1 Example Street\xE2\x80\xA8"
                  "Exampletown");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 0);
  lp_doc_free(doc);
}

static void test_body_hard_break_in_strong(void) {
  LpDoc *doc = parse_ok(FM "**a\\\nb**\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==,
                  "a\xE2\x80\xA8"
                  "b");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 1);
  assert_span(t, 0, 0, 5, LP_SPAN_STRONG);
  lp_doc_free(doc);
}

/* Links from a fuzzed article, each to a new target: their targets belong to
 * the text, not to GLib's quark table, which grows and never gives back (run
 * under LeakSanitizer, interned targets show up as its abandoned arrays). */
static void test_body_many_links(void) {
  GString *md = g_string_new(FM);
  for (int i = 0; i < 5000; i++)
    g_string_append_printf(md, "[link %d](https://example.org/%d)\n\n", i, i);
  LpDoc *doc = parse_ok(md->str);
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 5000);
  const LpRich *t = lp_block_text(lp_doc_block(doc, 4999));
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 1);
  g_assert_cmpstr(lp_rich_span(t, 0)->href, ==, "https://example.org/4999");
  lp_doc_free(doc);
  g_string_free(md, TRUE);
}

static void test_body_links(void) {
  LpDoc *doc = parse_ok(FM "See [our *web* page](https://example.org/care) or <https://example.org>.\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==, "See our web page or https://example.org.");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 4);
  assert_span(t, 0, 4, 8, LP_SPAN_LINK);
  assert_span(t, 1, 8, 11, LP_SPAN_LINK | LP_SPAN_EM);
  assert_span(t, 2, 11, 16, LP_SPAN_LINK);
  assert_span(t, 3, 20, 39, LP_SPAN_LINK);
  /* each span of the link carries its target */
  g_assert_cmpstr(lp_rich_span(t, 0)->href, ==, "https://example.org/care");
  g_assert_cmpstr(lp_rich_span(t, 1)->href, ==, "https://example.org/care");
  g_assert_cmpstr(lp_rich_span(t, 2)->href, ==, "https://example.org/care");
  g_assert_cmpstr(lp_rich_span(t, 3)->href, ==, "https://example.org");
  lp_doc_free(doc);
}

static void test_body_adjacent_links_stay_apart(void) {
  LpDoc *doc = parse_ok(FM "[a](https://a.example)[b](https://b.example)\n");
  const LpRich *t = lp_block_text(lp_doc_block(doc, 0));
  g_assert_cmpstr(lp_rich_text(t), ==, "ab");
  g_assert_cmpuint(lp_rich_n_spans(t), ==, 2);
  g_assert_cmpstr(lp_rich_span(t, 0)->href, ==, "https://a.example");
  g_assert_cmpstr(lp_rich_span(t, 1)->href, ==, "https://b.example");
  lp_doc_free(doc);
}

static void test_body_ordered_list_start(void) {
  LpDoc *doc = parse_ok(FM "3. Wash your hands.\n4. Remove the *old* dressing.\n");
  const LpBlock *list = lp_doc_block(doc, 0);
  g_assert_cmpint(lp_block_kind(list), ==, LP_BLOCK_LIST);
  g_assert_true(lp_block_list_ordered(list));
  g_assert_cmpint(lp_block_list_start(list), ==, 3);
  g_assert_cmpuint(lp_block_list_n_items(list), ==, 2);
  assert_pos(lp_block_pos(list), 8, 1);
  g_assert_cmpint(lp_block_end_line(list), ==, 9);
  const LpBlock *second = item_block(list, 1, 0);
  g_assert_cmpint(lp_block_kind(second), ==, LP_BLOCK_PARAGRAPH);
  assert_pos(lp_block_pos(second), 9, 4);
  const LpRich *t = lp_block_text(second);
  g_assert_cmpstr(lp_rich_text(t), ==, "Remove the old dressing.");
  assert_span(t, 0, 11, 14, LP_SPAN_EM);
  lp_doc_free(doc);
}

static void test_body_bullet_list(void) {
  LpDoc *doc = parse_ok(FM "Watch for:\n\n* redness;\n* heat.\n\n1) one\n");
  g_assert_cmpuint(lp_doc_n_blocks(doc), ==, 3);
  const LpBlock *list = lp_doc_block(doc, 1);
  g_assert_false(lp_block_list_ordered(list));
  g_assert_cmpint(lp_block_list_start(list), ==, 1);
  g_assert_cmpuint(lp_block_list_n_items(list), ==, 2);
  g_assert_cmpstr(lp_rich_text(lp_block_text(item_block(list, 0, 0))), ==, "redness;");
  const LpBlock *ordered = lp_doc_block(doc, 2);
  g_assert_true(lp_block_list_ordered(ordered));
  g_assert_cmpint(lp_block_list_start(ordered), ==, 1);
  lp_doc_free(doc);
}

static void test_body_nested_lists(void) {
  LpDoc *doc = parse_ok(FM "1. Clean the wound:\n"
                           "   - from the centre;\n"
                           "     - outwards.\n"
                           "\n"
                           "   Then dry it.\n"
                           "2. Cover it.\n");
  const LpBlock *list = lp_doc_block(doc, 0);
  g_assert_cmpuint(lp_block_list_n_items(list), ==, 2);
  g_assert_cmpuint(lp_block_list_item(list, 0)->len, ==, 3);
  g_assert_cmpstr(lp_rich_text(lp_block_text(item_block(list, 0, 0))), ==, "Clean the wound:");
  const LpBlock *inner = item_block(list, 0, 1);
  g_assert_cmpint(lp_block_kind(inner), ==, LP_BLOCK_LIST);
  assert_pos(lp_block_pos(inner), 9, 4);
  const LpBlock *innermost = item_block(inner, 0, 1);
  g_assert_cmpint(lp_block_kind(innermost), ==, LP_BLOCK_LIST);
  assert_pos(lp_block_pos(innermost), 10, 6);
  g_assert_cmpstr(lp_rich_text(lp_block_text(item_block(innermost, 0, 0))), ==, "outwards.");
  const LpBlock *then = item_block(list, 0, 2);
  g_assert_cmpstr(lp_rich_text(lp_block_text(then)), ==, "Then dry it.");
  assert_pos(lp_block_pos(then), 12, 4);
  g_assert_cmpstr(lp_rich_text(lp_block_text(item_block(list, 1, 0))), ==, "Cover it.");
  lp_doc_free(doc);
}

static void test_body_empty_list_item(void) {
  LpDoc *doc = parse_ok(FM "- one\n-\n- three\n");
  const LpBlock *list = lp_doc_block(doc, 0);
  g_assert_cmpuint(lp_block_list_n_items(list), ==, 3);
  g_assert_cmpuint(lp_block_list_item(list, 1)->len, ==, 0);
  lp_doc_free(doc);
}

static void test_body_entities_and_escapes(void) {
  LpDoc *doc = parse_ok(FM "38&nbsp;&deg;C \\*not emphasis\\* &amp; more\n");
  g_assert_cmpstr(lp_rich_text(lp_block_text(lp_doc_block(doc, 0))), ==,
                  "38\xC2\xA0\xC2\xB0"
                  "C *not emphasis* & more");
  g_assert_cmpuint(lp_rich_n_spans(lp_block_text(lp_doc_block(doc, 0))), ==, 0);
  lp_doc_free(doc);
}

static void test_body_positions_with_multibyte(void) {
  LpDoc *doc = parse_ok(FM "- é\n- ş: *x*\n");
  const LpBlock *list = lp_doc_block(doc, 0);
  assert_pos(lp_block_pos(item_block(list, 1, 0)), 9, 3);
  lp_doc_free(doc);
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/article/file/no-fence", test_file_no_fence);
  g_test_add_func("/article/file/fence-not-alone", test_file_fence_not_alone);
  g_test_add_func("/article/file/blank-line-before-fence", test_file_blank_line_before_fence);
  g_test_add_func("/article/file/unclosed", test_file_unclosed);
  g_test_add_func("/article/file/only-fence", test_file_only_fence);
  g_test_add_func("/article/file/empty-front-matter", test_file_empty_front_matter);
  g_test_add_func("/article/file/comment-only-front-matter", test_file_comment_only_front_matter);
  g_test_add_func("/article/file/no-body", test_file_no_body);
  g_test_add_func("/article/file/no-body-no-newline", test_file_no_body_no_newline);
  g_test_add_func("/article/file/invalid-utf8-body", test_file_invalid_utf8_body);
  g_test_add_func("/article/file/invalid-utf8-front-matter", test_file_invalid_utf8_front_matter);
  g_test_add_func("/article/file/invalid-utf8-overlong", test_file_invalid_utf8_overlong);
  g_test_add_func("/article/file/invalid-utf8-first-byte", test_file_invalid_utf8_first_byte);
  g_test_add_func("/article/file/nul", test_file_nul);
  g_test_add_func("/article/file/read-nul", test_file_read_nul);
  g_test_add_func("/article/file/read-empty", test_file_read_empty);
  g_test_add_func("/article/file/read-missing", test_file_read_missing);
  g_test_add_func("/article/file/read-directory", test_file_read_directory);
  g_test_add_func("/article/file/read-too-big", test_file_read_too_big);
  g_test_add_func("/article/file/read-bom", test_file_read_bom);
  g_test_add_func("/article/file/read-bom-error-position", test_file_read_bom_error_position);
  g_test_add_func("/article/file/crlf", test_file_crlf);
  g_test_add_func("/article/file/fence-variants", test_file_fence_variants);
  g_test_add_func("/article/file/body-fence-is-a-rule", test_file_body_fence_is_a_rule);
  g_test_add_func("/article/file/wound-care", test_file_wound_care);
  g_test_add_func("/article/fm/all-keys", test_fm_all_keys);
  g_test_add_func("/article/fm/minimal", test_fm_minimal);
  g_test_add_func("/article/fm/keyword-string", test_fm_keyword_string);
  g_test_add_func("/article/fm/not-a-mapping", test_fm_not_a_mapping);
  g_test_add_func("/article/fm/yaml-syntax", test_fm_yaml_syntax);
  g_test_add_func("/article/fm/duplicate-key", test_fm_duplicate_key);
  g_test_add_func("/article/fm/unknown-key-suggestion", test_fm_unknown_key_suggestion);
  g_test_add_func("/article/fm/unknown-key-no-suggestion", test_fm_unknown_key_no_suggestion);
  g_test_add_func("/article/fm/wrong-type", test_fm_wrong_type);
  g_test_add_func("/article/fm/empty-value", test_fm_empty_value);
  g_test_add_func("/article/fm/missing-required", test_fm_missing_required);
  g_test_add_func("/article/fm/bad-lang", test_fm_bad_lang);
  g_test_add_func("/article/fm/bad-date", test_fm_bad_date);
  g_test_add_func("/article/fm/bad-review", test_fm_bad_review);
  g_test_add_func("/article/fm/bad-keywords", test_fm_bad_keywords);
  g_test_add_func("/article/fm/bad-card", test_fm_bad_card);
  g_test_add_func("/article/fm/card-point-markdown", test_fm_card_point_markdown);
  g_test_add_func("/article/fm/card-point-blocks", test_fm_card_point_blocks);
  g_test_add_func("/article/fm/card-advice", test_fm_card_advice);
  g_test_add_func("/article/fm/bad-labels", test_fm_bad_labels);
  g_test_add_func("/article/span/lang", test_span_lang);
  g_test_add_func("/article/span/nested", test_span_nested);
  g_test_add_func("/article/span/in-link", test_span_in_link);
  g_test_add_func("/article/span/brackets-as-text", test_span_brackets_as_text);
  g_test_add_func("/article/span/front-matter", test_span_front_matter);
  g_test_add_func("/article/span/errors", test_span_errors);
  g_test_add_func("/article/body/level1-heading", test_body_level1_heading);
  g_test_add_func("/article/body/level1-setext", test_body_level1_setext);
  g_test_add_func("/article/body/heading-level4", test_body_heading_level4);
  g_test_add_func("/article/body/empty-heading", test_body_empty_heading);
  g_test_add_func("/article/body/heading-in-list", test_body_heading_in_list);
  g_test_add_func("/article/body/html-block", test_body_html_block);
  g_test_add_func("/article/body/html-block-in-list", test_body_html_block_in_list);
  g_test_add_func("/article/body/html-inline", test_body_html_inline);
  g_test_add_func("/article/body/html-inline-second-line", test_body_html_inline_second_line);
  g_test_add_func("/article/body/html-inline-in-list", test_body_html_inline_in_list);
  g_test_add_func("/article/body/image", test_body_image);
  g_test_add_func("/article/body/image-after-multibyte", test_body_image_after_multibyte);
  g_test_add_func("/article/body/image-in-emphasis", test_body_image_in_emphasis);
  g_test_add_func("/article/body/picture-without-alt", test_body_picture_without_alt);
  g_test_add_func("/article/body/picture-in-list", test_body_picture_in_list);
  g_test_add_func("/article/body/picture-attribute", test_body_picture_attribute);
  g_test_add_func("/article/body/table", test_body_table);
  g_test_add_func("/article/body/table-without-outer-pipes", test_body_table_without_outer_pipes);
  g_test_add_func("/article/body/pipe-is-not-a-table", test_body_pipe_is_not_a_table);
  g_test_add_func("/article/body/indented-code", test_body_indented_code);
  g_test_add_func("/article/body/fenced-code-info", test_body_fenced_code_info);
  g_test_add_func("/article/body/fenced-code-plain", test_body_fenced_code_plain);
  g_test_add_func("/article/body/indented-code-like-fence", test_body_indented_code_like_fence);
  g_test_add_func("/article/body/block-quote", test_body_block_quote);
  g_test_add_func("/article/body/thematic-break", test_body_thematic_break);
  g_test_add_func("/article/body/list-too-deep", test_body_list_too_deep);
  g_test_add_func("/article/body/emphasis-too-deep", test_body_emphasis_too_deep);
  g_test_add_func("/article/body/error-after-good-blocks", test_body_error_after_good_blocks);
  g_test_add_func("/article/body/headings", test_body_headings);
  g_test_add_func("/article/body/heading-emphasis", test_body_heading_emphasis);
  g_test_add_func("/article/body/paragraph-spans", test_body_paragraph_spans);
  g_test_add_func("/article/body/spans-are-byte-ranges", test_body_spans_are_byte_ranges);
  g_test_add_func("/article/body/nested-spans", test_body_nested_spans);
  g_test_add_func("/article/body/soft-break", test_body_soft_break);
  g_test_add_func("/article/body/hard-break", test_body_hard_break);
  g_test_add_func("/article/body/hard-break-in-strong", test_body_hard_break_in_strong);
  g_test_add_func("/article/body/links", test_body_links);
  g_test_add_func("/article/body/many-links", test_body_many_links);
  g_test_add_func("/article/body/adjacent-links-stay-apart", test_body_adjacent_links_stay_apart);
  g_test_add_func("/article/body/ordered-list-start", test_body_ordered_list_start);
  g_test_add_func("/article/body/bullet-list", test_body_bullet_list);
  g_test_add_func("/article/body/nested-lists", test_body_nested_lists);
  g_test_add_func("/article/body/empty-list-item", test_body_empty_list_item);
  g_test_add_func("/article/body/entities-and-escapes", test_body_entities_and_escapes);
  g_test_add_func("/article/body/positions-with-multibyte", test_body_positions_with_multibyte);
  return g_test_run();
}
