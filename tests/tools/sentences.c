/* sentences [--loose] SOURCE EXTRACTED: checks that every sentence of SOURCE
 * (plain text, or an article: front matter, fenced blocks and Markdown markers
 * are skipped) occurs in EXTRACTED (pdftotext output), whole and in order.
 * Whitespace is compared loosely, and a soft hyphen at a line end (a
 * hyphenation point the layout used) joins the word again. Prints each missing
 * sentence; exit 1 if any.
 *
 * A line of EXTRACTED that is part of the article's timeline figure (its
 * caption, tick, phase, "who" or marker labels) is left out first: a figure
 * that floats to the next page stands between the two halves of a sentence,
 * and pdftotext's order puts its labels in the sentence's way.
 *
 * --loose compares letters and digits only, in order: pdftotext's guess at the
 * logical order of right-to-left lines moves spaces, punctuation and marks
 * around (it puts "،" before the space, not after), none of which is in the
 * PDF, and it inserts bidi control characters. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

static gboolean loose;

/* The figure's strings: the values of caption:, label: and who: lines inside
 * the article's ```timeline block, the caption first. */
static GPtrArray *figure_strings(const char *article) {
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  const char *start = strstr(article, "```timeline");
  const char *end = start ? strstr(start + 3, "\n```") : NULL;
  if (!start || !end)
    return out;
  char *block = g_strndup(start, (gsize)(end - start));
  GRegex *re = g_regex_new("(caption|label|who): *\"?([^\"}\n]*)\"?", 0, 0, NULL);
  GMatchInfo *m;
  g_regex_match(re, block, 0, &m);
  while (g_match_info_matches(m)) {
    char *v = g_match_info_fetch(m, 2);
    g_ptr_array_add(out, g_strstrip(v));
    g_match_info_next(m, NULL);
  }
  g_match_info_free(m);
  g_regex_unref(re);
  g_free(block);
  return out;
}

/* Drops the lines of `text` that belong to the figure. */
static char *without_figure(const char *text, const GPtrArray *figure) {
  GString *out = g_string_new(NULL);
  char **lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l; l++) {
    /* pdftotext wraps right-to-left lines in bidi controls. */
    GString *bare = g_string_new(NULL);
    for (const char *p = *l; *p; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (!(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar(bare, c);
    }
    g_strstrip(bare->str);
    gboolean figure_line = FALSE;
    for (guint i = 0; *bare->str && i < figure->len && !figure_line; i++) {
      const char *f = g_ptr_array_index((GPtrArray *)figure, i);
      /* The whole label, a wrapped piece of one (long enough not to be a
       * stray word of the text), or the caption's line ("Figure 1 · …"). */
      figure_line = strcmp(f, bare->str) == 0 || (g_utf8_strlen(bare->str, -1) >= 8 && strstr(f, bare->str)) ||
                    (i == 0 && strstr(bare->str, f));
    }
    if (!figure_line) {
      g_string_append(out, *l);
      g_string_append_c(out, '\n');
    }
    g_string_free(bare, TRUE);
  }
  g_strfreev(lines);
  return g_string_free(out, FALSE);
}

/* Keeps letters and digits only (what --loose compares). */
static char *letters(const char *in) {
  GString *out = g_string_new(NULL);
  for (const char *p = in; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isalnum(c))
      g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

/* Collapses runs of white space to one space and removes "U+00AD + newline";
 * a line that ends in a hard hyphen ("Botox-" / "Induced") joins without a
 * space, since leafpress marks its own hyphenation with soft hyphens. */
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
    if (c == '\n' && out->len && (out->str[out->len - 1] == '-' || g_str_has_suffix(out->str, "\xE2\x80\x93")) &&
        !space) {
      p = next;
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

/* The prose of an article, one block per line: no front matter, no '#', list
 * or emphasis markers, links as their text. Headings and list items end their
 * own "sentence" even without a full stop. */
static char *article_prose(const char *text) {
  const char *body = text;
  if (g_str_has_prefix(text, "---\n")) {
    const char *end = strstr(text + 4, "\n---\n");
    body = end ? end + 5 : text;
  }
  GString *out = g_string_new(NULL);
  GRegex *marker = g_regex_new("^(#+ |[-*] |[0-9]+[.)] )", 0, 0, NULL);
  char **lines = g_strsplit(body, "\n", -1);
  gboolean fenced = FALSE;
  for (char **l = lines; *l; l++) {
    char *line = g_strstrip(*l);
    /* Fenced blocks (the timeline's data) are not prose. */
    if (g_str_has_prefix(line, "```")) {
      fenced = !fenced;
      continue;
    }
    if (fenced)
      continue;
    gboolean block_start = g_regex_match(marker, line, 0, NULL);
    char *s = g_regex_replace_literal(marker, line, -1, 0, "", 0, NULL);
    if (!*s) {
      g_string_append(out, "\n");
    } else {
      if (block_start)
        g_string_append(out, "\n");
      g_string_append(out, s);
      g_string_append(out, *line == '#' ? "\n" : " ");
    }
    g_free(s);
  }
  g_strfreev(lines);
  g_regex_unref(marker);
  char *tmp = g_string_free(out, FALSE);
  /* Links show their text; emphasis markers vanish. */
  GRegex *link = g_regex_new("\\[([^]]*)\\]\\([^)]*\\)", 0, 0, NULL);
  char *no_links = g_regex_replace(link, tmp, -1, 0, "\\1", 0, NULL);
  g_regex_unref(link);
  GRegex *emph = g_regex_new("(\\*\\*|\\*|_)", 0, 0, NULL);
  char *clean = g_regex_replace_literal(emph, no_links, -1, 0, "", 0, NULL);
  g_regex_unref(emph);
  g_free(no_links);
  g_free(tmp);
  return clean;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--loose") == 0) {
    loose = TRUE;
    argv++;
    argc--;
  }
  if (argc != 3) {
    fprintf(stderr, "usage: sentences [--loose] SOURCE EXTRACTED\n");
    return 2;
  }
  char *src, *ext;
  if (!g_file_get_contents(argv[1], &src, NULL, NULL) || !g_file_get_contents(argv[2], &ext, NULL, NULL)) {
    fprintf(stderr, "sentences: cannot read the inputs\n");
    return 2;
  }
  char *prose = g_str_has_suffix(argv[1], ".md") ? article_prose(src) : g_strdup(src);
  GPtrArray *figure = figure_strings(src);
  char *kept = without_figure(ext, figure);
  g_ptr_array_unref(figure);
  char *have = normalise(kept);
  g_free(kept);
  if (loose) {
    char *l = letters(have);
    g_free(have);
    have = l;
  }
  /* Blocks are lines of the source (a plain text's lines, an article's
   * paragraphs, headings and items); sentences end at . ? or ! and a space. */
  GRegex *split = g_regex_new("(?:(?<=[.?!])|(?<=[.?!][”\"])) ", 0, 0, NULL);
  g_assert(split);
  char **blocks = g_strsplit(prose, "\n", -1);
  const char *cursor = have;
  int missing = 0, found = 0;
  for (char **b = blocks; *b; b++) {
    char *block = normalise(*b);
    char **sentences = g_regex_split(split, block, 0);
    for (char **s = sentences; *s; s++) {
      if (!**s)
        continue;
      char *want = loose ? letters(*s) : g_strdup(*s);
      if (!*want) {
        g_free(want);
        continue;
      }
      const char *at = strstr(cursor, want);
      if (!at) {
        fprintf(stderr, "missing or out of order: %s\n", *s);
        missing++;
        g_free(want);
        continue;
      }
      found++;
      cursor = at + strlen(want);
      g_free(want);
    }
    g_strfreev(sentences);
    g_free(block);
  }
  printf("%d sentences found in order, %d missing\n", found, missing);
  g_strfreev(blocks);
  g_regex_unref(split);
  g_free(have);
  g_free(prose);
  g_free(src);
  g_free(ext);
  return missing || !found ? 1 : 0;
}
