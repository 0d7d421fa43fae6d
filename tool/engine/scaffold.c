#include "engine/scaffold.h"

#include <string.h>

#include "doc/doc.h"
#include "doc/units.h"
#include "read/datadir.h"
#include "read/source.h"

static void file_free(gpointer p) {
  LpScaffoldFile *f = p;
  g_free(f->path);
  g_bytes_unref(f->bytes);
  g_free(f);
}

GPtrArray *lp_scaffold_list_new(void) { return g_ptr_array_new_with_free_func(file_free); }

void lp_scaffold_list_add(GPtrArray *files, const char *path, const char *what, GBytes *bytes) {
  LpScaffoldFile *f = g_new0(LpScaffoldFile, 1);
  f->path = g_strdup(path);
  f->what = what;
  f->bytes = bytes;
  g_ptr_array_add(files, f);
}

static void add(GPtrArray *files, const char *path, const char *what, GBytes *bytes) {
  lp_scaffold_list_add(files, path, what, bytes);
}

static void add_text(GPtrArray *files, const char *path, const char *what, GString *text) {
  gsize len = text->len;
  add(files, path, what, g_bytes_new_take(g_string_free(text, FALSE), len));
}

/* A YAML double-quoted scalar: the value exactly as given, whatever it holds
 * (a colon, a '#', quotes). */
static void quoted(GString *out, const char *value) {
  g_string_append_c(out, '"');
  for (const char *p = value; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c(out, '\\');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

/* One value for the profile: UTF-8 on one line without the bidi controls
 * every input refuses (read/source.h), not empty. */
static gboolean check_value(const char *option, const char *value, GError **err) {
  char *stripped = g_strstrip(g_strdup(value));
  gboolean empty = !*stripped;
  g_free(stripped);
  if (empty || strchr(value, '\n') || strchr(value, '\r')) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--%s: expected one line of text, found %s", option,
                 empty ? "nothing" : "a line break");
    return FALSE;
  }
  if (!g_utf8_validate(value, -1, NULL)) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "--%s: the value is not valid UTF-8", option);
    return FALSE;
  }
  char *what = g_strdup_printf("--%s", option);
  GError *e = NULL;
  gboolean ok = lp_source_check_value(value, what, NULL, &e);
  g_free(what);
  if (!ok) {
    lp_set_error(err, LP_EXIT_USAGE, NULL, "%s", e->message);
    g_error_free(e);
  }
  return ok;
}

static GString *clinic_profile(const LpScaffoldClinic *c, const char *logo_name) {
  GString *s = g_string_new(
      "# The clinic profile: who the leaflets and cards come from. Its values fill the\n"
      "# {clinic.*} placeholders of the layouts (man leafpress-layout). A build with\n"
      "# --clinic FILE uses another profile; --set clinic.KEY=VALUE overrides one key.\n"
      "# A key left out prints nothing where the layouts would print it.\n"
      "\n"
      "# name: the clinic's name, in the title band and the running footer of every\n"
      "# leaflet page and on the card's band. Required.\n");
  if (c->name) {
    g_string_append(s, "name: ");
    quoted(s, c->name);
    g_string_append_c(s, '\n');
  } else {
    g_string_append(s, "# name: \"Your Clinic\"          <- fill in, then remove the '#'\n");
  }
  g_string_append(s, "\n# phone: the number patients call: large in the contact box after the text and\n"
                     "# on the card, and in the footer.\n");
  if (c->phone) {
    g_string_append(s, "phone: ");
    quoted(s, c->phone);
    g_string_append_c(s, '\n');
  } else {
    g_string_append(s, "# phone: \"+44 20 7946 0000\"\n");
  }
  g_string_append(s, "\n# address: one line, in the contact box and on the card. Without a phone and an\n"
                     "# address the leaflet has no contact box.\n"
                     "# address: \"1 High Street, Town\"\n"
                     "\n# web: the web site, in the contact box and on the card.\n"
                     "# web: \"example.org\"\n"
                     "\n# email: in the contact box and on the card.\n"
                     "# email: \"info@example.org\"\n"
                     "\n# color: the brand colour of the title band, the headings and the diagram's\n"
                     "# markers: \"#rrggbb\", or \"cmyk(c, m, y, k)\" for exact press colour. Left out,\n"
                     "# the layouts' own (#1f6e8c).\n");
  if (c->color) {
    g_string_append(s, "color: ");
    quoted(s, c->color);
    g_string_append_c(s, '\n');
  } else {
    g_string_append(s, "# color: \"#1f6e8c\"\n");
  }
  g_string_append(s, "\n# tint: the colour of the boxes (key points, contact). Left out, the brand colour\n"
                     "# at 10 % on white, so that the boxes match it.\n"
                     "# tint: \"#e9f1f4\"\n");
  g_string_append(s, "\n# logo: a PNG, JPEG or SVG file, relative to this file, on the leaflet's and the card's band.\n");
  if (logo_name)
    g_string_append_printf(s, "logo: %s\n", logo_name);
  else
    g_string_append(s, "# logo: logo.png\n");
  return s;
}

static GString *manifest(const GPtrArray *layouts) {
  GString *s = g_string_new("# This clinic's leafpress project. Every leafpress command run in this folder\n"
                            "# (or below it) finds the project by this file. `leafpress batch` builds what\n"
                            "# it lists; the command line overrides any key (man leafpress-batch).\n"
                            "# Paths are relative to this file.\n"
                            "articles: [text/example]\n"
                            "layouts: [");
  for (guint i = 0; i < layouts->len; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", (const char *)g_ptr_array_index(layouts, i));
  g_string_append(s, "]\n"
                     "formats: [pdf]\n"
                     "output: \"out/{article}/{lang}/{layout}.{format}\"\n");
  return s;
}

static GString *layout(const char *name) {
  GString *s = g_string_new(NULL);
  g_string_append_printf(s,
                         "# This project's %s: leafpress's own layout of that name (installed with\n"
                         "# leafpress), changed by the keys below. Uncomment a key and change its value;\n"
                         "# every key of a layout may be set here (man leafpress-layout), and what is not\n"
                         "# set stays leafpress's, upgrades included. The brand colour and the boxes'\n"
                         "# tint are the clinic profile's (text/clinic.yaml, color: and tint:).\n"
                         "extends: leafpress:%s\n"
                         "# page:\n"
                         "#   margins: {top: 16mm, bottom: 20mm, left: 16mm, right: 16mm}   # at least 5mm\n"
                         "# colors:\n"
                         "#   muted: \"#55616b\"      # header and footer\n"
                         "#   text: \"#1c242b\"       # running text\n"
                         "# styles:\n"
                         "#   body: {size: 11pt, leading: 15pt}   # at least 9pt, leading 1.3 x size\n",
                         name, name);
  return s;
}

/* The installed example with `example: true` and `review: draft` in its front
 * matter: a clinic's leaflet must never go out with it by accident. */
static GString *example(const char *text, gsize len, const char *path, GError **err) {
  if (len < 4 || strncmp(text, "---\n", 4) != 0) {
    LpPos pos = lp_pos(path, 1, 1);
    lp_set_error(err, LP_EXIT_IO, &pos, "the installed example article does not start with its front matter");
    return NULL;
  }
  GString *s = g_string_new("---\n"
                            "# An example of the article format (man leafpress-article), written by\n"
                            "# leafpress init: replace its text with your clinic's own, have it reviewed,\n"
                            "# then remove `example: true` (--release refuses an example).\n"
                            "example: true\n");
  const char *end = strstr(text + 4, "\n---\n");
  for (const char *line = text + 4; line && *line;) {
    const char *nl = strchr(line, '\n');
    gsize n = nl ? (gsize)(nl - line) + 1 : strlen(line);
    if (end && line <= end && g_str_has_prefix(line, "review:"))
      g_string_append(s, "review: draft\n");
    else
      g_string_append_len(s, line, (gssize)n);
    line += n;
  }
  return s;
}

GPtrArray *lp_scaffold_files(LpCtx *ctx, const LpScaffoldClinic *c, GError **err) {
  const char *data = lp_datadir();
  if (!data) {
    lp_set_error_hint(err, LP_EXIT_IO, NULL, "run an installed leafpress (cmake --install, or the Debian package)",
                      "this leafpress is not installed (no share/leafpress beside its bin/): init writes layouts "
                      "that extend the installed ones and takes its example from there");
    return NULL;
  }
  if ((c->name && !check_value("name", c->name, err)) || (c->phone && !check_value("phone", c->phone, err)))
    return NULL;
  if (c->color) {
    LpColor color;
    char *msg = lp_parse_color(c->color, &color);
    if (msg) {
      lp_set_error(err, LP_EXIT_USAGE, NULL, "--color %s: %s", c->color, msg);
      g_free(msg);
      return NULL;
    }
  }
  GPtrArray *files = g_ptr_array_new_with_free_func(file_free);
  GBytes *logo = NULL;
  LpPictureFormat logo_format = LP_PICTURE_UNKNOWN;
  if (c->logo) {
    char *bytes;
    gsize len;
    GError *e = NULL;
    LpPos pos = lp_pos(c->logo, 0, 0);
    if (!g_file_get_contents(c->logo, &bytes, &len, &e)) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "cannot read the logo: %s", e->message);
      g_error_free(e);
      goto fail;
    }
    logo_format = lp_picture_sniff((const guint8 *)bytes, len);
    if (logo_format == LP_PICTURE_UNKNOWN || len > lp_ctx_limit(ctx, LP_LIMIT_INPUT_SIZE)) {
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   logo_format != LP_PICTURE_UNKNOWN
                       ? "the logo is larger than the input-size limit (--limit input-size=N)"
                       : "the logo is not a PNG, JPEG or SVG file (told by its first bytes; the bands show those)");
      g_free(bytes);
      goto fail;
    }
    logo = g_bytes_new_take(bytes, len);
  }
  GPtrArray *names = lp_datadir_layout_names();
  GPtrArray *plain = g_ptr_array_new();
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add(plain, (char *)g_ptr_array_index(names, i) + strlen(LP_INSTALLED_PREFIX));
  add_text(files, "leafpress.yaml", "what `leafpress batch` builds", manifest(plain));
  /* The copy's name says its format, whatever the original's. */
  const char *logo_name = logo_format == LP_PICTURE_JPEG ? "logo.jpg" : logo_format == LP_PICTURE_SVG ? "logo.svg" : "logo.png";
  char *logo_path = g_strconcat("text/", logo_name, NULL);
  add_text(files, "text/clinic.yaml", "the clinic profile", clinic_profile(c, logo ? logo_name : NULL));
  if (logo)
    add(files, logo_path, "the logo, on the leaflet's and the card's band", logo);
  g_free(logo_path);
  for (guint i = 0; i < plain->len; i++) {
    char *path = g_strdup_printf("layouts/%s.yaml", (const char *)g_ptr_array_index(plain, i));
    add_text(files, path, "a layout that extends leafpress's", layout(g_ptr_array_index(plain, i)));
    g_free(path);
  }
  g_ptr_array_unref(plain);
  g_ptr_array_unref(names);
  char *src = g_build_filename(data, "example", "en.md", NULL);
  gsize len;
  char *text = lp_source_read(ctx, src, "example article", &len, err);
  GString *ex = text ? example(text, len, src, err) : NULL;
  g_free(text);
  g_free(src);
  if (!ex)
    goto fail;
  add_text(files, "text/example/en.md", "an example article: replace it with your own", ex);
  return files;
fail:
  g_ptr_array_unref(files);
  return NULL;
}
