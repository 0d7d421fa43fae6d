#include "cli/options.h"

#include <string.h>

#include "finish/finish.h"

void lp_build_options_add(GOptionContext *ctx, LpBuildOptions *o, gboolean writers) {
  o->dpi = 96;
  /* Values are taken as bytes (FILENAME), not converted from the locale's
   * charset: a CI job in the C locale passes UTF-8 names too. They are
   * checked as UTF-8 afterwards. */
  GOptionEntry entries[] = {
      {"set", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &o->sets, "Set a placeholder value, e.g. clinic.phone=+44...", "KEY=VALUE"},
      {"clinic", 'c', 0, G_OPTION_ARG_FILENAME, &o->clinic, "Clinic profile (default text/clinic.yaml)", "FILE"},
      {"project", 0, 0, G_OPTION_ARG_FILENAME, &o->project, "Project folder (default: found from the article)", "DIR"},
      {"dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o->dpi, "Resolution of PNG proofs (default 96)", "N"},
      {"max-input-size", 0, 0, G_OPTION_ARG_INT64, &o->max_input,
       "Largest input file accepted, in bytes (default 8 MiB; the same as --limit input-size=BYTES)", "BYTES"},
      {"allow-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->allow_paths,
       "Let inputs name files in this folder too (logos, layouts, data); repeatable", "DIR"},
      {"limit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->limits,
       "Raise (or lower) a resource limit; docs/reliability.md lists them", "NAME=N"},
      {"writer", 'w', 0, G_OPTION_ARG_STRING, &o->writer,
       writers ? "cairo (default) and/or haru, e.g. cairo,haru: each output once per writer"
               : "cairo (default) or haru (the press writer, exact CMYK)",
       writers ? "LIST" : "NAME"},
      {"cmyk", 0, 0, G_OPTION_ARG_NONE, &o->cmyk, "Colours as DeviceCMYK, black text as 100% K (haru writer)", NULL},
      {"bleed", 0, 0, G_OPTION_ARG_NONE, &o->bleed, "Grow the page by the layout's bleed; set TrimBox and BleedBox",
       NULL},
      {"crop-marks", 0, 0, G_OPTION_ARG_NONE, &o->crop_marks, "Crop marks outside the trim (implies --bleed)", NULL},
      {"pdfa", 0, 0, G_OPTION_ARG_NONE, &o->pdfa, "PDF/A-2b for archiving", NULL},
      {"sheet", 0, 0, G_OPTION_ARG_STRING, &o->sheet,
       "Place the pages on sheets: a3, a4, a5, sra3, sra4, letter, legal, tabloid (docs/printing.md)", "SIZE"},
      {"duplex", 0, 0, G_OPTION_ARG_STRING, &o->duplex,
       "How the sheets turn over: long or short edge (default: long for portrait sheets, short for landscape)",
       "long|short"},
      {"owner-password", 0, 0, G_OPTION_ARG_FILENAME, &o->owner_password,
       "Encrypt (AES-256) with this owner password; readers need none", "PASSWORD"},
      {"allow", 0, 0, G_OPTION_ARG_STRING, &o->allow,
       "What an encrypted file allows: print, copy, modify, annotate, forms, assemble, accessibility", "LIST"},
      {"release", 0, 0, G_OPTION_ARG_NONE, &o->release,
       "Refuse drafts and translations whose source changed since they were stamped", NULL},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "Print errors only: no warnings, no progress", NULL},
      {"no-verify", 0, 0, G_OPTION_ARG_NONE, &o->no_verify,
       "Do not read the PDF back to prove it against its pages (faster; docs/verify.md)", NULL},
      G_OPTION_ENTRY_NULL};
  g_option_context_add_main_entries(ctx, entries, NULL);
}

/* --allow's list ("print,copy"); usage error on an unknown word. */
static gboolean parse_allow(const char *list, guint *allow, GError **err) {
  static const struct {
    const char *name;
    guint flag;
  } words[] = {{"print", LP_ALLOW_PRINT},       {"copy", LP_ALLOW_COPY},   {"modify", LP_ALLOW_MODIFY},
               {"annotate", LP_ALLOW_ANNOTATE}, {"forms", LP_ALLOW_FORMS}, {"assemble", LP_ALLOW_ASSEMBLE},
               {"accessibility", LP_ALLOW_ACCESSIBILITY}};
  char **parts = g_strsplit(list, ",", -1);
  gboolean ok = TRUE;
  for (char **p = parts; *p && ok; p++) {
    char *w = g_strstrip(*p);
    if (!*w)
      continue;
    gboolean known = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
      if (strcmp(w, words[i].name) == 0) {
        *allow |= words[i].flag;
        known = TRUE;
      }
    if (!known) {
      lp_set_error(err, LP_EXIT_USAGE, NULL,
                   "--allow %s: expected a list of print, copy, modify, annotate, forms, assemble, accessibility", w);
      ok = FALSE;
    }
  }
  g_strfreev(parts);
  return ok;
}

const LpWriterClass *lp_writer_parse_arg(const char *name, GError **err) {
  const LpWriterClass *w = lp_writer_find(name);
  if (!w)
    lp_set_error(err, LP_EXIT_USAGE, NULL, "unknown writer '%s': expected %s", name, lp_writer_names());
  return w;
}

gboolean lp_build_options_apply(const LpBuildOptions *o, LpCtx *ctx, LpPrint *print, GError **err) {
  if (o->dpi < 10 || o->dpi > 1200) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--dpi %g: expected a resolution from 10 to 1200", o->dpi);
    return FALSE;
  }
  if (o->max_input < 0) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--max-input-size %" G_GINT64_FORMAT ": expected a number of bytes",
                 o->max_input);
    return FALSE;
  }
  if (o->max_input > 0)
    lp_ctx_set_limit(ctx, LP_LIMIT_INPUT_SIZE, (gsize)o->max_input);
  for (char **l = o->limits; l && *l; l++)
    if (!lp_ctx_set_limit_arg(ctx, *l, err))
      return FALSE;
  for (char **p = o->sets; p && *p; p++)
    if (!lp_engine_check_set(*p, err))
      return FALSE;
  print->dpi = o->dpi;
  if (o->writer && !strchr(o->writer, ',') && !(print->writer = lp_writer_parse_arg(o->writer, err)))
    return FALSE;
  print->cmyk = o->cmyk;
  print->bleed = o->bleed || o->crop_marks;
  print->crop_marks = o->crop_marks;
  print->pdfa = o->pdfa;
  if (!lp_print_set_sheet(print, o->sheet, o->duplex, err))
    return FALSE;
  if (o->owner_password && !*o->owner_password) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--owner-password: expected a password");
    return FALSE;
  }
  print->owner_password = o->owner_password;
  return !o->allow || parse_allow(o->allow, &print->allow, err);
}

void lp_build_options_clear(LpBuildOptions *o) {
  g_free(o->clinic);
  g_free(o->project);
  g_free(o->writer);
  g_free(o->owner_password);
  g_free(o->allow);
  g_free(o->sheet);
  g_free(o->duplex);
  g_strfreev(o->sets);
  g_strfreev(o->limits);
  g_strfreev(o->allow_paths);
  memset(o, 0, sizeof *o);
}

gboolean lp_build_options_grant(const LpBuildOptions *o, LpCtx *ctx, const LpProject *project,
                                const char *const *files, GError **err) {
  if (project && !lp_ctx_grant(ctx, lp_project_root(project), FALSE, err))
    return FALSE;
  for (const char *const *f = files; f && *f; f++) {
    char *dir = g_file_test(*f, G_FILE_TEST_IS_DIR) ? g_strdup(*f) : g_path_get_dirname(*f);
    gboolean ok = !g_file_test(dir, G_FILE_TEST_IS_DIR) || lp_ctx_grant(ctx, dir, FALSE, err);
    g_free(dir);
    if (!ok)
      return FALSE;
  }
  for (char **d = o->allow_paths; d && *d; d++)
    if (!lp_ctx_grant(ctx, *d, TRUE, err))
      return FALSE;
  return TRUE;
}

gboolean lp_formats_parse(char **args, GArray *formats, GError **err) {
  for (char **f = args; f && *f; f++) {
    char **parts = g_strsplit(*f, ",", -1);
    for (char **p = parts; *p; p++) {
      LpFormat fmt;
      if (!lp_format_parse(g_strstrip(*p), &fmt)) {
        lp_set_error(err, LP_EXIT_USAGE, NULL, "unknown format '%s': expected pdf, png or svg", *p);
        g_strfreev(parts);
        return FALSE;
      }
      gboolean dup = FALSE;
      for (guint i = 0; i < formats->len; i++)
        dup |= g_array_index(formats, LpFormat, i) == fmt;
      if (!dup)
        g_array_append_val(formats, fmt);
    }
    g_strfreev(parts);
  }
  return TRUE;
}

char **lp_split_jobs_arg(int argc, char **argv, int *out_argc) {
  GPtrArray *v = g_ptr_array_new();
  for (int i = 0; i < argc; i++) {
    if (g_str_has_prefix(argv[i], "-j") && g_ascii_isdigit(argv[i][2])) {
      g_ptr_array_add(v, g_strdup("-j"));
      g_ptr_array_add(v, g_strdup(argv[i] + 2));
    } else {
      g_ptr_array_add(v, g_strdup(argv[i]));
    }
  }
  *out_argc = (int)v->len;
  g_ptr_array_add(v, NULL);
  return (char **)g_ptr_array_free(v, FALSE);
}
