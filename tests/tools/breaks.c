/* breaks [--words LOCALE] SOURCE LINES: checks how a paragraph was broken into
 * lines. SOURCE is the paragraph as written (plain UTF-8); LINES is its text
 * read back from the PDF, one line of the page a line of the file (pdftotext
 * -raw). Checks, and prints every failure:
 *
 *  - no text is lost or added: the characters other than white space are the
 *    same, in the same order;
 *  - no line starts with a character that UAX #14 forbids at a line start
 *    (closing punctuation 、。，」）: classes CL, CP, EX, IS, NS, and closing
 *    quotation marks ” ’ ») or ends with one it forbids at a line end (opening
 *    punctuation 「（“: class OP and opening quotation marks);
 *  - with --words, every place where one line ends and the next starts is a
 *    word boundary of SOURCE as ICU's word break iterator for LOCALE finds it
 *    (for Thai, its dictionary of Thai words): no word is cut in two.
 *
 * Exit 0 when all holds, 1 when something does not, 2 on bad usage. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

/* Neither SOURCE's nor the extractor's white space counts as text: where a
 * line ends at a space, pdftotext drops it. */
static gboolean blank(gunichar c) { return g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F || c == 0x200B; }

static gboolean no_start(gunichar c) {
  int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
  if (lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_CLOSE_PARENTHESIS || lb == U_LB_EXCLAMATION ||
      lb == U_LB_INFIX_NUMERIC || lb == U_LB_NONSTARTER)
    return TRUE;
  return lb == U_LB_QUOTATION && g_unichar_type(c) == G_UNICODE_FINAL_PUNCTUATION;
}

static gboolean no_end(gunichar c) {
  int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
  if (lb == U_LB_OPEN_PUNCTUATION)
    return TRUE;
  return lb == U_LB_QUOTATION && g_unichar_type(c) == G_UNICODE_INITIAL_PUNCTUATION;
}

/* The text without white space, as UTF-32, and for SOURCE the word
 * boundaries in that text's indices. */
static GArray *bare(const char *text) {
  GArray *out = g_array_new(FALSE, FALSE, sizeof(gunichar));
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!blank(c))
      g_array_append_val(out, c);
  }
  return out;
}

/* boundary[i]: a word boundary of `text` falls before its i-th character
 * that is not white space. */
static gboolean *word_boundaries(const char *text, const char *locale, guint n) {
  gboolean *boundary = g_new0(gboolean, n + 1);
  glong len16 = 0;
  GError *err = NULL;
  gunichar2 *u16 = g_utf8_to_utf16(text, -1, NULL, &len16, &err);
  if (!u16) {
    fprintf(stderr, "breaks: SOURCE is not UTF-8: %s\n", err->message);
    g_error_free(err);
    return NULL;
  }
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, (const UChar *)u16, (int32_t)len16, &status);
  if (U_FAILURE(status)) {
    fprintf(stderr, "breaks: no word break iterator for '%s': %s\n", locale, u_errorName(status));
    g_free(u16);
    return NULL;
  }
  /* Walk the UTF-16 text, counting the characters that are not white space;
   * a boundary anywhere in a run of white space is a boundary before the
   * next character. */
  guint idx = 0;
  for (int32_t i = 0; i <= len16;) {
    if (ubrk_isBoundary(bi, i) && idx <= n)
      boundary[idx] = TRUE;
    if (i == len16)
      break;
    UChar32 c;
    int32_t next = i;
    U16_NEXT(u16, next, len16, c);
    if (!blank((gunichar)c))
      idx++;
    i = next;
  }
  ubrk_close(bi);
  g_free(u16);
  return boundary;
}

/* Up to 6 characters either side of `at` in `s`, with a bar at `at`. */
static char *context(const GArray *s, guint at) {
  GString *out = g_string_new(NULL);
  guint from = at > 6 ? at - 6 : 0, to = MIN(s->len, at + 6);
  for (guint i = from; i < to; i++) {
    if (i == at)
      g_string_append(out, "|");
    g_string_append_unichar(out, g_array_index(s, gunichar, i));
  }
  return g_string_free(out, FALSE);
}

int main(int argc, char **argv) {
  const char *locale = NULL;
  if (argc == 5 && strcmp(argv[1], "--words") == 0) {
    locale = argv[2];
    argv += 2;
    argc -= 2;
  }
  if (argc != 3) {
    fprintf(stderr, "usage: breaks [--words LOCALE] SOURCE LINES\n");
    return 2;
  }
  char *src, *ext;
  if (!g_file_get_contents(argv[1], &src, NULL, NULL) || !g_file_get_contents(argv[2], &ext, NULL, NULL)) {
    fprintf(stderr, "breaks: cannot read the inputs\n");
    return 2;
  }
  int bad = 0;
  GArray *want = bare(src);
  GArray *have = g_array_new(FALSE, FALSE, sizeof(gunichar));
  GArray *joins = g_array_new(FALSE, FALSE, sizeof(guint)); /* index in `have` where a line starts */
  char **lines = g_strsplit(ext, "\n", -1);
  int nlines = 0;
  for (char **l = lines; *l; l++) {
    GArray *line = bare(*l);
    if (line->len == 0) {
      g_array_free(line, TRUE);
      continue;
    }
    nlines++;
    gunichar first = g_array_index(line, gunichar, 0), last = g_array_index(line, gunichar, line->len - 1);
    if (no_start(first)) {
      fprintf(stderr, "line %d starts with U+%04X: %s\n", nlines, first, *l);
      bad++;
    }
    if (no_end(last)) {
      fprintf(stderr, "line %d ends with U+%04X: %s\n", nlines, last, *l);
      bad++;
    }
    if (have->len)
      g_array_append_val(joins, have->len);
    g_array_append_vals(have, line->data, line->len);
    g_array_free(line, TRUE);
  }
  g_strfreev(lines);

  /* The first character where the two differ. */
  guint same = 0;
  while (same < want->len && same < have->len &&
         g_array_index(want, gunichar, same) == g_array_index(have, gunichar, same))
    same++;
  if (same < want->len || same < have->len) {
    char *w = context(want, same), *h = context(have, same);
    fprintf(stderr, "text differs after %u characters: the source has '%s', the lines '%s'\n", same, w, h);
    g_free(w);
    g_free(h);
    bad++;
  } else if (locale) {
    gboolean *boundary = word_boundaries(src, locale, want->len);
    if (!boundary)
      return 2;
    for (guint j = 0; j < joins->len; j++) {
      guint at = g_array_index(joins, guint, j);
      if (!boundary[at]) {
        char *c = context(want, at);
        fprintf(stderr, "line %u starts inside a word: %s\n", j + 2, c);
        g_free(c);
        bad++;
      }
    }
    g_free(boundary);
  }
  printf("%d lines, %u line ends, %d problems\n", nlines, joins->len, bad);
  g_array_free(want, TRUE);
  g_array_free(have, TRUE);
  g_array_free(joins, TRUE);
  g_free(src);
  g_free(ext);
  return bad ? 1 : 0;
}
