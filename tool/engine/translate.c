#include "engine/translate.h"

#include <string.h>

#include "doc/lang.h"
#include "doc/sections.h"
#include "read/article.h"
#include "read/project.h"
#include "read/source.h"

#define MARK LP_UNTRANSLATED " "

/* The keys whose values a reader sees, in the front matter and in the
 * timeline block: their values get the mark. */
static const char *const text_keys[] = {"title", "subtitle", "short_title", "description", "text",
                                        "label", "who",      "note",        "caption",     NULL};

/* Inserts the mark at byte `at` of `line` (after an opening quote, so that a
 * quoted scalar stays one). */
static void mark_at(GString *line, gsize at) {
  if (at < line->len && (line->str[at] == '"' || line->str[at] == '\''))
    at++;
  if (at >= line->len || line->str[at] == '\n')
    return; /* an empty value: nothing to translate */
  g_string_insert(line, (gssize)at, MARK);
}

/* YAML lines: "  key: value", "    - value" (a list of texts: the card's
 * points), "  - {at: 1d, label: Day 1}" (flow maps: the label only),
 * "keywords: [a, b]". */
static void mark_yaml(GString *line, gboolean in_points) {
  const char *s = line->str;
  gsize indent = strspn(s, " ");
  const char *p = s + indent;
  if (g_str_has_prefix(p, "- ")) {
    const char *v = p + 2;
    if (*v == '{') {
      const char *l = strstr(v, "label: ");
      if (l)
        mark_at(line, (gsize)(l - s) + 7);
      return;
    }
    if (in_points) {
      mark_at(line, (gsize)(v - s)); /* (line->str may have moved: nothing after) */
      return;
    }
    indent += 2, p += 2; /* "- id: x" and the like: a key follows */
  }
  if (g_str_has_prefix(p, "keywords: [")) {
    mark_at(line, (gsize)(p - s) + 11);
    return;
  }
  for (const char *const *k = text_keys; *k; k++) {
    gsize n = strlen(*k);
    if (strncmp(p, *k, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
      mark_at(line, (gsize)(p - s) + n + 2);
      return;
    }
  }
}

/* Markdown body lines: the first line of each heading, paragraph and list
 * item; continuation lines are the same text. */
static void mark_body(GString *line, gboolean starts_block) {
  const char *s = line->str;
  gsize indent = strspn(s, " ");
  const char *p = s + indent;
  if (*p == '\n' || !*p)
    return;
  if (*p == '#') {
    gsize hashes = strspn(p, "#");
    if (p[hashes] == ' ')
      mark_at(line, indent + hashes + 1);
    return;
  }
  if ((p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ') {
    mark_at(line, indent + 2);
    return;
  }
  gsize digits = strspn(p, "0123456789");
  if (digits && (p[digits] == '.' || p[digits] == ')') && p[digits + 1] == ' ') {
    mark_at(line, indent + digits + 2);
    return;
  }
  if (starts_block)
    mark_at(line, indent);
}

static gboolean is_fence(const char *line) { return g_str_has_prefix(line, "```") || g_str_has_prefix(line, "~~~"); }

/* The source's text with the marks, the new language and review state, and
 * the translates: block. */
static char *transform(const char *text, const char *lang, const char *source_name, const GArray *sections) {
  GString *out = g_string_new(NULL);
  enum { BEFORE, FRONT, BODY } where = BEFORE;
  gboolean in_fence = FALSE, timeline = FALSE, in_points = FALSE, prev_blank = TRUE;
  gsize points_indent = 0;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    gsize len = nl ? (gsize)(nl - p) + 1 : strlen(p);
    GString *line = g_string_new_len(p, (gssize)len);
    p += len;
    gboolean blank = strspn(line->str, " \t\r\n") == line->len;
    if (where == BEFORE) {
      if (g_str_has_prefix(line->str, "---"))
        where = FRONT;
    } else if (where == FRONT) {
      if (g_str_has_prefix(line->str, "---")) {
        g_string_append_printf(out, "translates:\n  source: %s\n  sections:\n", source_name);
        for (guint i = 0; i < sections->len; i++) {
          const LpSection *sec = &g_array_index(sections, LpSection, i);
          g_string_append_printf(out, "    %s: \"%s\"\n", sec->key, sec->hash);
        }
        where = BODY;
      } else if (g_str_has_prefix(line->str, "lang:")) {
        g_string_printf(line, "lang: %s\n", lang);
      } else if (g_str_has_prefix(line->str, "review:")) {
        g_string_assign(line, "review: draft\n");
      } else if (g_str_has_prefix(line->str, "example:")) {
        g_string_assign(line, ""); /* the installed example's mark: a translation is the clinic's own */
      } else {
        gsize indent = strspn(line->str, " ");
        if (in_points && !blank && indent <= points_indent && line->str[indent] != '-')
          in_points = FALSE;
        mark_yaml(line, in_points);
        if (g_str_has_prefix(line->str + indent, "points:")) {
          in_points = TRUE;
          points_indent = indent;
        }
      }
    } else if (is_fence(line->str + strspn(line->str, " "))) {
      timeline = !in_fence && strstr(line->str, "timeline") != NULL;
      in_fence = !in_fence;
    } else if (in_fence) {
      if (timeline)
        mark_yaml(line, FALSE);
    } else {
      mark_body(line, prev_blank);
    }
    if (where == BODY && !in_fence)
      prev_blank = blank || is_fence(line->str);
    g_string_append(out, line->str);
    g_string_free(line, TRUE);
  }
  return g_string_free(out, FALSE);
}

static char *nearest_tags(const LpLangs *langs, const char *lang) {
  const char *near = lp_nearest(lang, lp_langs_tags(langs));
  return near ? g_strdup_printf("did you mean '%s'? (docs/translations.md lists the languages)", near)
              : g_strdup("docs/translations.md lists the languages");
}

/* The labels of a language that has none: the English ones, marked. */
static GBytes *labels_for(LpCtx *ctx, const LpProject *project, const char *lang, const char *name,
                          GError **err) {
  GPtrArray *en = lp_project_labels(project, "en", NULL, err);
  if (!en)
    return NULL;
  gsize len;
  char *text = lp_source_read(ctx, g_ptr_array_index(en, 0), "labels", &len, err);
  g_ptr_array_unref(en);
  if (!text)
    return NULL;
  GString *out = g_string_new(NULL);
  g_string_append_printf(out, "# Fixed strings that layouts print, in %s (%s; keys as in en.yaml): replace\n"
                              "# each marked English text with its translation, and the mark with it.\n",
                         lang, name);
  char **lines = g_strsplit(text, "\n", -1);
  gboolean header = TRUE; /* en.yaml's own heading comment is not copied */
  for (char **l = lines; *l; l++) {
    if (header && (**l == '#' || !**l))
      continue;
    header = FALSE;
    if (!**l && !l[1])
      break; /* the end of the last line */
    GString *line = g_string_new(*l);
    const char *colon = strstr(line->str, ": ");
    if (*line->str != '#' && colon)
      mark_at(line, (gsize)(colon - line->str) + 2);
    g_string_append_printf(out, "%s\n", line->str);
    g_string_free(line, TRUE);
  }
  g_strfreev(lines);
  g_free(text);
  gsize n = out->len;
  return g_bytes_new_take(g_string_free(out, FALSE), n);
}

GPtrArray *lp_translate_files(LpEngine *engine, LpCtx *ctx, const char *source, const char *lang,
                              const char *output, GError **err) {
  const LpLangs *langs = lp_engine_languages(engine, err);
  if (!langs)
    return NULL;
  const LpLang *facts = lp_langs_find(langs, lang);
  if (!facts) {
    char *hint = nearest_tags(langs, lang);
    lp_set_error_hint(err, LP_EXIT_USAGE, NULL, hint, "unknown language '%s'", lang);
    g_free(hint);
    return NULL;
  }
  LpDoc *src = lp_article_read(ctx, source, err);
  if (!src)
    return NULL;
  GPtrArray *files = NULL;
  char *text = NULL, *marked = NULL, *target = NULL, *name = g_path_get_basename(source);
  GArray *sections = NULL;
  LpDoc *made = NULL;
  const LpMeta *m = lp_doc_meta_const(src);
  if (m->source) {
    lp_set_error(err, LP_EXIT_INPUT, &m->source_pos,
                 "this is a translation of %s: translate from the original, so that every language says what it "
                 "says",
                 m->source);
    goto out;
  }
  if (g_strcmp0(m->lang, lang) == 0) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "%s is in %s already", source, lang);
    goto out;
  }
  gsize len;
  if (!(text = lp_source_read(ctx, source, "article", &len, err)))
    goto out;
  sections = lp_sections_new(src);
  marked = transform(text, lang, name, sections);
  if (output) {
    target = g_strdup(output);
  } else {
    char *dir = g_path_get_dirname(source), *file = g_strdup_printf("%s.md", lang);
    target = g_build_filename(dir, file, NULL);
    g_free(file);
    g_free(dir);
  }
  /* Proven before it is handed out: it reads, and its structure is the
   * source's. A source this cannot mark faithfully is an error, not a
   * translation that `check` would reject later. */
  GError *e = NULL;
  made = lp_article_parse(ctx, target, marked, strlen(marked), &e);
  if (!made) {
    lp_set_error(err, LP_EXIT_IO, lp_error_pos(e), "the new translation would not read (%s): write it by hand",
                 e->message);
    g_error_free(e);
    goto out;
  }
  GPtrArray *problems = g_ptr_array_new_with_free_func(lp_diag_free);
  lp_translation_compare(made, src, name, NULL, LP_COMPARE_STRUCTURE | LP_COMPARE_STALE, problems);
  if (problems->len) {
    const LpDiag *d = g_ptr_array_index(problems, 0);
    lp_set_error(err, LP_EXIT_IO, &d->pos, "the new translation would differ from its source (%s): write it by hand",
                 d->message);
    g_ptr_array_unref(problems);
    goto out;
  }
  g_ptr_array_unref(problems);
  files = lp_scaffold_list_new();
  gsize n = strlen(marked);
  lp_scaffold_list_add(files, target, "the translation, every text to replace marked " LP_UNTRANSLATED,
                       g_bytes_new_take(g_steal_pointer(&marked), n));
  GError *none = NULL;
  GPtrArray *have = lp_project_labels(lp_engine_project(engine), lang, NULL, &none);
  if (have) {
    g_ptr_array_unref(have);
  } else {
    g_clear_error(&none);
    GBytes *labels = labels_for(ctx, lp_engine_project(engine), lang, facts->name ? facts->name : lang, err);
    if (!labels) {
      g_clear_pointer(&files, g_ptr_array_unref);
      goto out;
    }
    char *rel = g_strdup_printf("layouts/labels/%s.yaml", lang);
    char *path = lp_project_path(lp_engine_project(engine), rel);
    lp_scaffold_list_add(files, path, "the labels layouts print, to translate", labels);
    g_free(path);
    g_free(rel);
  }
out:
  lp_doc_free(made);
  lp_sections_free(sections);
  g_free(target);
  g_free(marked);
  g_free(text);
  g_free(name);
  lp_doc_free(src);
  return files;
}

void lp_translate_find_untranslated(LpCtx *ctx, const GPtrArray *paths, GPtrArray *problems) {
  for (guint i = 0; i < paths->len; i++) {
    const char *path = g_ptr_array_index((GPtrArray *)paths, i);
    gsize len;
    char *text = lp_source_read(ctx, path, "file", &len, NULL);
    if (!text)
      continue; /* read, and reported, by whoever uses it */
    guint count = 0;
    LpPos first = {0};
    int line = 1;
    const char *line_start = text;
    for (const char *p = text; *p; p++) {
      if (*p == '\n') {
        line++;
        line_start = p + 1;
      } else if (*p == LP_UNTRANSLATED[0] && strncmp(p, LP_UNTRANSLATED, strlen(LP_UNTRANSLATED)) == 0) {
        if (!count++) {
          char *shown = lp_path_shorten(path);
          first = lp_pos(shown, line, (int)g_utf8_strlen(line_start, p - line_start) + 1);
          g_free(shown);
        }
      }
    }
    if (count) {
      char *msg = g_strdup_printf("%u text%s still to translate (marked " LP_UNTRANSLATED "), the first here", count,
                                  count == 1 ? " is" : "s are");
      LpDiag *d = lp_diag_new(LP_SEVERITY_ERROR, LP_EXIT_INPUT, &first, msg);
      d->hint = g_strdup("replace each marked text with its translation and remove the mark");
      g_ptr_array_add(problems, d);
      g_free(msg);
    }
    g_free(text);
  }
}
