/* leafpress build ARTICLE [--layout NAME|FILE] [-o OUT|-] [--format F]… */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "doc/sections.h"
#include "read/article.h"
#include "read/layoutfile.h"
#include "read/source.h"

int lp_report_error(GError *err) {
  int code = err->domain == LP_ERROR ? err->code : LP_EXIT_IO;
  fprintf(stderr, "%s\n", err->message);
  g_error_free(err);
  return code;
}

static int usage_error(const char *fmt, const char *arg) {
  fputs("leafpress build: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'leafpress build --help'.\n", stderr);
  return LP_EXIT_USAGE;
}

/* Refuses to overwrite an input: a typo in -o must not destroy the article. */
static gboolean same_file(const char *a, const char *b) {
  if (!a || !b || strcmp(a, "-") == 0)
    return FALSE;
  char *ca = g_canonicalize_filename(a, NULL), *cb = g_canonicalize_filename(b, NULL);
  gboolean same = strcmp(ca, cb) == 0;
  g_free(ca);
  g_free(cb);
  return same;
}

/* --release: only reviewed documents, and only translations that still say what
 * their source says. */
static gboolean release_ready(const LpDoc *doc, GError **err) {
  const LpMeta *m = lp_doc_meta_const(doc);
  if (m->review != LP_REVIEW_REVIEWED) {
    LpPos pos = m->pos;
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "this %s is a draft (review: draft): --release builds reviewed documents only",
                 m->source ? "translation" : "article");
    return FALSE;
  }
  if (!m->source)
    return TRUE;
  char *dir = g_path_get_dirname(lp_doc_path(doc));
  char *src_path = g_build_filename(dir, m->source, NULL);
  g_free(dir);
  LpDoc *src = lp_article_read(src_path, err);
  g_free(src_path);
  if (!src)
    return FALSE;
  GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
  lp_translation_compare(doc, src, m->source, LP_COMPARE_STALE, problems);
  gboolean ok = problems->len == 0;
  if (!ok)
    g_set_error(err, LP_ERROR, LP_EXIT_INPUT, "%s (--release refuses stale translations)",
                (const char *)g_ptr_array_index(problems, 0));
  g_ptr_array_unref(problems);
  lp_doc_free(src);
  return ok;
}

int lp_cmd_build(int argc, char **argv) {
  char *layout = NULL, *output = NULL, *clinic = NULL, *project = NULL;
  char **formats_arg = NULL, **sets = NULL;
  double dpi = 96;
  gint64 max_input = 0;
  gboolean quiet = FALSE, release = FALSE, cmyk = FALSE, bleed = FALSE, crop_marks = FALSE, pdfa = FALSE;
  char *writer = NULL, *owner_password = NULL, *allow = NULL;
  GOptionEntry entries[] = {
      {"layout", 'l', 0, G_OPTION_ARG_STRING, &layout, "Layout name in layouts/, or a layout file (default a4-leaflet)",
       "NAME|FILE"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Output file, or - for standard output (default out/ARTICLE/LANG/LAYOUT.FORMAT)", "OUT"},
      {"format", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &formats_arg,
       "pdf, png or svg; repeat or separate with commas for several (default pdf)", "FORMAT"},
      {"set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, "Set a placeholder value, e.g. clinic.phone=…", "KEY=VALUE"},
      {"clinic", 'c', 0, G_OPTION_ARG_FILENAME, &clinic, "Clinic profile (default text/clinic.yaml)", "FILE"},
      {"project", 0, 0, G_OPTION_ARG_FILENAME, &project, "Project folder (default: found from the article)", "DIR"},
      {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "Resolution of PNG proofs (default 96)", "N"},
      {"max-input-size", 0, 0, G_OPTION_ARG_INT64, &max_input, "Largest input file accepted, in bytes (default 8 MiB)",
       "BYTES"},
      {"writer", 'w', 0, G_OPTION_ARG_STRING, &writer, "cairo (default) or haru (the press writer, exact CMYK)",
       "NAME"},
      {"cmyk", 0, 0, G_OPTION_ARG_NONE, &cmyk, "Colours as DeviceCMYK, black text as 100% K (haru writer)", NULL},
      {"bleed", 0, 0, G_OPTION_ARG_NONE, &bleed, "Grow the page by the layout's bleed; set TrimBox and BleedBox",
       NULL},
      {"crop-marks", 0, 0, G_OPTION_ARG_NONE, &crop_marks, "Crop marks outside the trim (implies --bleed)", NULL},
      {"pdfa", 0, 0, G_OPTION_ARG_NONE, &pdfa, "PDF/A-2b for archiving", NULL},
      {"owner-password", 0, 0, G_OPTION_ARG_STRING, &owner_password,
       "Encrypt (AES-256) with this owner password; readers need none", "PASSWORD"},
      {"allow", 0, 0, G_OPTION_ARG_STRING, &allow,
       "What an encrypted file allows: print, copy, modify, annotate, forms, assemble, accessibility", "LIST"},
      {"release", 0, 0, G_OPTION_ARG_NONE, &release,
       "Refuse drafts and translations whose source changed since they were stamped", NULL},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print errors only, no warnings", NULL},
      {NULL}};
  GOptionContext *ctx = g_option_context_new("ARTICLE - lay out one article as a PDF, PNG or SVG");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_option_context_set_description(
      ctx, "Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 I/O or internal error.\n"
           "Example: leafpress build text/botox-headache/en.md --layout a4-leaflet -o leaflet.pdf\n");
  GError *err = NULL;
  int rc = LP_EXIT_OK;
  LpSession s = {0};
  LpDoc *doc = NULL;
  LpLayoutSpec *spec = NULL;
  LpVars *vars = NULL;
  char *layout_path = NULL;
  GArray *formats = g_array_new(FALSE, FALSE, sizeof(LpFormat));

  if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
    rc = usage_error("%s", err->message);
    g_clear_error(&err);
    goto out;
  }
  if (argc != 2) {
    rc = usage_error(argc < 2 ? "expected an article file, e.g. text/botox-headache/en.md%s"
                              : "expected one article file, found more: %s",
                     argc < 2 ? "" : argv[2]);
    goto out;
  }
  if (dpi < 10 || dpi > 1200) {
    rc = usage_error("--dpi %s: expected a resolution from 10 to 1200", argv[0] ? "" : "");
    goto out;
  }
  if (max_input > 0)
    lp_source_set_max_bytes((gsize)max_input);
  lp_warn_set_quiet(quiet);
  for (char **f = formats_arg; f && *f; f++) {
    char **parts = g_strsplit(*f, ",", -1);
    for (char **p = parts; *p; p++) {
      LpFormat fmt;
      if (!lp_format_parse(g_strstrip(*p), &fmt)) {
        rc = usage_error("unknown format '%s': expected pdf, png or svg", *p);
        g_strfreev(parts);
        goto out;
      }
      gboolean dup = FALSE;
      for (guint i = 0; i < formats->len; i++)
        dup |= g_array_index(formats, LpFormat, i) == fmt;
      if (!dup)
        g_array_append_val(formats, fmt);
    }
    g_strfreev(parts);
  }
  if (formats->len == 0) {
    LpFormat fmt = LP_FORMAT_PDF;
    if (output && g_str_has_suffix(output, ".png"))
      fmt = LP_FORMAT_PNG;
    else if (output && g_str_has_suffix(output, ".svg"))
      fmt = LP_FORMAT_SVG;
    g_array_append_val(formats, fmt);
  }
  if (output && strcmp(output, "-") == 0 && formats->len > 1) {
    rc = usage_error("-o - takes a single format, found %s", "several");
    goto out;
  }
  s.sets = g_ptr_array_new_with_free_func(g_free);
  for (char **p = sets; p && *p; p++) {
    if (!lp_session_check_set(*p, &err))
      goto fail;
    g_ptr_array_add(s.sets, g_strdup(*p));
  }
  const char *article = argv[1];
  s.clinic = g_strdup(clinic);
  s.dpi = dpi;
  if (writer && !lp_writer_parse(writer, &s.writer)) {
    rc = usage_error("unknown writer '%s': expected cairo or haru", writer);
    goto out;
  }
  s.cmyk = cmyk;
  s.bleed = bleed || crop_marks;
  s.crop_marks = crop_marks;
  s.pdfa = pdfa;
  s.owner_password = g_strdup(owner_password);
  if (owner_password && !*owner_password) {
    rc = usage_error("--owner-password: expected a password%s", "");
    goto out;
  }
  if ((allow && !lp_session_parse_allow(allow, &s.allow, &err)) || !lp_session_check_options(&s, &err))
    goto fail;
  if (!(s.project = lp_project_open(project, article, &err)))
    goto fail;
  if (!(layout_path = lp_project_layout(s.project, layout ? layout : "a4-leaflet", &err)))
    goto fail;
  if (output && (same_file(output, article) || same_file(output, layout_path) || same_file(output, clinic))) {
    rc = usage_error("-o %s would overwrite an input file", output);
    goto out;
  }
  if (!(doc = lp_article_read(article, &err)) || (release && !release_ready(doc, &err)) ||
      !(spec = lp_layoutfile_read(layout_path, &err)) ||
      !(vars = lp_session_vars(&s, doc, &err)) || !lp_session_apply(&s, vars, spec, &err) ||
      !lp_session_build(&s, doc, spec, vars, (LpFormat *)formats->data, formats->len, output, &err))
    goto fail;
  goto out;
fail:
  rc = lp_report_error(err);
out:
  g_array_free(formats, TRUE);
  lp_vars_free(vars);
  lp_layout_spec_free(spec);
  lp_doc_free(doc);
  g_free(layout_path);
  lp_session_clear(&s);
  g_free(layout);
  g_free(writer);
  g_free(owner_password);
  g_free(allow);
  g_free(output);
  g_free(clinic);
  g_free(project);
  g_strfreev(formats_arg);
  g_strfreev(sets);
  g_option_context_free(ctx);
  return rc;
}
