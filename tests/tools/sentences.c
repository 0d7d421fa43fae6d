/* sentences SOURCE EXTRACTED: checks that every sentence of SOURCE (plain text,
 * or an article: front matter and Markdown markers are skipped) occurs in
 * EXTRACTED (pdftotext output), whole and in order. Whitespace is compared
 * loosely, and a soft hyphen at a line end (a hyphenation point the layout
 * used) joins the word again. Prints each missing sentence; exit 1 if any. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

/* Collapses runs of white space to one space and removes "U+00AD + newline". */
static char *normalise(const char *in) {
  GString *out = g_string_new(NULL);
  gboolean space = FALSE;
  for (const char *p = in; *p;) {
    gunichar c = g_utf8_get_char(p);
    const char *next = g_utf8_next_char(p);
    if (c == 0x00AD) {
      const char *q = next;
      while (*q == ' ' || *q == '\n' || *q == '\f')
        q++;
      p = q;
      continue;
    }
    if (g_unichar_isspace(c) || c == 0x00A0) {
      space = TRUE;
    } else {
      if (space && out->len)
        g_string_append_c(out, ' ');
      space = FALSE;
      g_string_append_unichar(out, c);
    }
    p = next;
  }
  return g_string_free(out, FALSE);
}

/* The prose of an article: no front matter, no '#', list or emphasis markers. */
static char *article_prose(const char *text) {
  const char *body = text;
  if (g_str_has_prefix(text, "---\n")) {
    const char *end = strstr(text + 4, "\n---\n");
    body = end ? end + 5 : text;
  }
  GString *out = g_string_new(NULL);
  char **lines = g_strsplit(body, "\n", -1);
  for (char **l = lines; *l; l++) {
    char *s = g_strstrip(*l);
    while (*s == '#')
      s++;
    if ((s[0] == '-' || s[0] == '*') && s[1] == ' ')
      s += 2;
    g_string_append(out, s);
    g_string_append_c(out, '\n');
  }
  g_strfreev(lines);
  /* Emphasis markers: the layout shows the words without them. */
  char *tmp = g_string_free(out, FALSE);
  GRegex *re = g_regex_new("(\\*\\*|\\*|_)", 0, 0, NULL);
  char *clean = g_regex_replace_literal(re, tmp, -1, 0, "", 0, NULL);
  g_regex_unref(re);
  g_free(tmp);
  return clean;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: sentences SOURCE EXTRACTED\n");
    return 2;
  }
  char *src, *ext;
  if (!g_file_get_contents(argv[1], &src, NULL, NULL) || !g_file_get_contents(argv[2], &ext, NULL, NULL)) {
    fprintf(stderr, "sentences: cannot read the inputs\n");
    return 2;
  }
  char *prose = g_str_has_suffix(argv[1], ".md") ? article_prose(src) : g_strdup(src);
  char *want = normalise(prose), *have = normalise(ext);
  /* Sentences end at . ? or ! followed by a space (or the end). */
  GRegex *split = g_regex_new("(?:(?<=[.?!])|(?<=[.?!][”\"])) ", 0, 0, NULL);
  g_assert(split);
  char **sentences = g_regex_split(split, want, 0);
  const char *cursor = have;
  int missing = 0, found = 0;
  for (char **s = sentences; *s; s++) {
    if (!**s)
      continue;
    const char *at = strstr(cursor, *s);
    if (!at) {
      fprintf(stderr, "missing or out of order: %s\n", *s);
      missing++;
      continue;
    }
    found++;
    cursor = at + strlen(*s);
  }
  printf("%d sentences found in order, %d missing\n", found, missing);
  g_strfreev(sentences);
  g_regex_unref(split);
  g_free(want);
  g_free(have);
  g_free(prose);
  g_free(src);
  g_free(ext);
  return missing || !found ? 1 : 0;
}
