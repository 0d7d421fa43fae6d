/* leafpress stamp TRANSLATION… — records in each translation's front matter
 * which version of its source it now translates (the hash of every section),
 * so that `check` and `build --release` can tell when the source moves on.
 * Run it after bringing a translation up to date with its source. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "doc/sections.h"
#include "engine/files.h"
#include "read/article.h"
#include "read/snapshot.h"
#include "read/source.h"

/* The new translates: block. */
static char *block(const char *source, const GArray *sections) {
  GString *s = g_string_new("translates:\n");
  g_string_append_printf(s, "  source: %s\n  sections:\n", source);
  for (guint i = 0; i < sections->len; i++) {
    const LpSection *sec = &g_array_index(sections, LpSection, i);
    g_string_append_printf(s, "    %s: \"%s\"\n", sec->key, sec->hash);
  }
  return g_string_free(s, FALSE);
}

/* Replaces the front matter's top-level `translates:` entry (the key's line and
 * the indented lines under it), keeping every other byte of the file. */
static char *replace_block(const char *text, const char *new_block) {
  const char *fm_end = strstr(text + 3, "\n---");
  const char *p = text;
  while (p && p < fm_end) {
    if (strncmp(p, "translates:", 11) == 0)
      break;
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  if (!p || p >= fm_end)
    return NULL;
  const char *end = strchr(p, '\n');
  end = end ? end + 1 : p + strlen(p);
  while (*end == ' ' || *end == '\t' || (*end == '\n' && end < fm_end)) {
    const char *nl = strchr(end, '\n');
    if (!nl || nl > fm_end)
      break;
    end = nl + 1;
  }
  return g_strdup_printf("%.*s%s%s", (int)(p - text), text, new_block, end);
}

/* A copy of the source as it is now, for `check` to show what changed when it
 * moves on (read/snapshot.h); one file per version, shared by every
 * translation stamped against it. */
static gboolean keep_snapshot(LpCtx *ctx, const char *src_path, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, src_path, "article", &len, err);
  if (!data)
    return FALSE;
  char *snap = lp_snapshot_path(src_path, data, len);
  gboolean ok = TRUE;
  if (!g_file_test(snap, G_FILE_TEST_EXISTS)) {
    char *dir = g_path_get_dirname(snap);
    if (g_mkdir_with_parents(dir, 0777) != 0) {
      LpPos pos = lp_pos(dir, 0, 0);
      lp_set_error(err, LP_EXIT_IO, &pos, "cannot make the folder for the source's snapshot: %s", g_strerror(errno));
      ok = FALSE;
    }
    g_free(dir);
    GBytes *bytes = g_bytes_new_take(data, len);
    data = NULL;
    ok = ok && lp_files_write_one(ctx, snap, bytes, err);
    g_bytes_unref(bytes);
  }
  g_free(data);
  g_free(snap);
  return ok;
}

static gboolean stamp(LpCtx *ctx, const char *path, GError **err) {
  LpDoc *doc = lp_article_read(ctx, path, err);
  if (!doc)
    return FALSE;
  const LpMeta *m = lp_doc_meta_const(doc);
  gboolean ok = FALSE;
  if (!m->source) {
    lp_set_error(err, LP_EXIT_INPUT, &m->pos,
                 "not a translation: add 'translates: {source: en.md}' (the file it translates) to the front matter");
    lp_doc_free(doc);
    return FALSE;
  }
  char *src_path = lp_article_source_path(ctx, doc, err);
  LpDoc *src = src_path ? lp_article_read(ctx, src_path, err) : NULL;
  if (src) {
    GArray *sections = lp_sections_new(src);
    char *text = NULL, *nb = block(m->source, sections);
    gsize len;
    if ((text = lp_source_read(ctx, path, "translation", &len, err))) {
      char *updated = replace_block(text, nb);
      if (!updated) {
        lp_set_error(err, LP_EXIT_INPUT, &m->source_pos,
                     "cannot find the 'translates:' entry to update: write it at the start of a line");
      } else {
        GBytes *bytes = g_bytes_new_take(updated, strlen(updated));
        ok = keep_snapshot(ctx, src_path, err) && lp_files_write_one(ctx, path, bytes, err);
        g_bytes_unref(bytes);
      }
    }
    g_free(text);
    g_free(nb);
    lp_sections_free(sections);
    lp_doc_free(src);
  }
  g_free(src_path);
  lp_doc_free(doc);
  return ok;
}

int lp_cmd_stamp(int argc, char **argv) {
  GOptionContext *ctx = g_option_context_new("TRANSLATION... - record that a translation matches its source now");
  g_option_context_set_description(ctx, "Writes the source's section hashes into the translation's front matter\n"
                                        "(translates: sections:). Exit codes: 0 ok, 1 bad input, 2 bad usage.\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpCtx *lpctx = lp_ctx_new();
  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    fprintf(stderr, "leafpress stamp: %s\n", err->message);
    g_clear_error(&err);
    rc = LP_EXIT_USAGE;
  } else if (argc < 2) {
    fprintf(stderr, "leafpress stamp: expected a translation, e.g. text/botox-headache/tr.md\n");
    rc = LP_EXIT_USAGE;
  }
  for (int i = 1; rc == LP_EXIT_OK && i < argc; i++)
    if (!stamp(lpctx, argv[i], &err))
      rc = lp_report_error(err);
  lp_ctx_free(lpctx);
  g_option_context_free(ctx);
  return rc;
}
