/* The clinic profile (read/clinic.c) and a language's labels (read/labels.c):
 * the two small YAML files whose values fill {clinic.*} and {label.*}. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/clinic.h"
#include "read/labels.h"
#include "read/paths.h"
#include "testutil.h"

static LpVars *clinic_ok(const char *name, const char *text) {
  char *path = lp_test_write(name, text);
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_true(lp_clinic_read(lp_test_ctx(), path, v, &err));
  g_assert_no_error(err);
  g_free(path);
  return v;
}

static void clinic_fail(const char *name, const char *text, int line, int col, const char *fragment) {
  char *path = lp_test_write(name, text);
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_false(lp_clinic_read(lp_test_ctx(), path, v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, line, col, fragment);
  g_error_free(err);
  lp_vars_free(v);
  g_free(path);
}

static void labels_fail(const char *name, const char *text, int line, int col, const char *fragment) {
  char *path = lp_test_write(name, text);
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_false(lp_labels_read(lp_test_ctx(), path, v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, line, col, fragment);
  g_error_free(err);
  lp_vars_free(v);
  g_free(path);
}

/* ---- the brand's colours (doc/style.c) ---- */

static LpColor hex(guint v) { return lp_color_rgb_new((v >> 16) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0); }

static void test_brand_colors(void) {
  LpColor white = hex(0xffffff), black = hex(0x000000);
  g_assert_cmpfloat_with_epsilon(lp_color_contrast(&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon(lp_color_delta_e(&white, &white), 0.0, 1e-9);
  /* White against black: the lightness difference alone, 100 over S_L = 1. */
  g_assert_cmpfloat_with_epsilon(lp_color_delta_e(&white, &black), 100.0, 0.01);
  /* The stock tint is 10 % of the stock brand on white (within a unit). */
  LpColor brand = hex(0x1f6e8c), tint = lp_color_tint_of(&brand);
  g_assert_cmpint(lround(tint.v[0] * 255), ==, 233);
  g_assert_cmpint(lround(tint.v[1] * 255), ==, 241);
  g_assert_cmpint(lround(tint.v[2] * 255), ==, 244);
  LpColor cmyk = {LP_COLOR_CMYK, {0.8, 0.3, 0, 0.4}}, ct = lp_color_tint_of(&cmyk);
  g_assert_true(ct.space == LP_COLOR_CMYK);
  g_assert_cmpfloat_with_epsilon(ct.v[0], 0.08, 1e-9);
  g_assert_cmpfloat_with_epsilon(ct.v[3], 0.04, 1e-9);
  /* The draft band: kept beside the stock brand, redrawn beside a red one. */
  LpColor alert = hex(0xa4262c), out;
  g_assert_false(lp_color_alert_for(&alert, &brand, &white, &out));
  g_assert_true(lp_color_equal(&out, &alert));
  LpColor red = hex(0xb3202a);
  g_assert_cmpfloat(lp_color_delta_e(&alert, &red), <, LP_ALERT_MIN_DELTA_E);
  g_assert_true(lp_color_alert_for(&alert, &red, &white, &out));
  g_assert_cmpfloat(lp_color_delta_e(&out, &red), >=, LP_ALERT_MIN_DELTA_E);
  g_assert_cmpfloat(lp_color_contrast(&out, &white), >=, 4.5);
  /* A violet brand gets neither the alert nor the violet. */
  LpColor violet = hex(0x5b2a86);
  g_assert_false(lp_color_alert_for(&alert, &violet, &white, &out) && lp_color_delta_e(&out, &violet) < 20);
}

/* ---- clinic ---- */

static void test_clinic_keys(void) {
  const char *const *keys = lp_clinic_keys();
  g_assert_cmpuint(g_strv_length((char **)keys), ==, 8);
  g_assert_cmpstr(keys[0], ==, "name");
  g_assert_true(g_strv_contains(keys, "color"));
  g_assert_true(g_strv_contains(keys, "logo"));
  g_assert_true(g_strv_contains(keys, "tint"));
  g_assert_true(g_strv_contains(keys, "email"));
}

static void test_clinic_project_profile(void) {
  char *path = lp_test_source("text/clinic.yaml");
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_true(lp_clinic_read(lp_test_ctx(), path, v, &err));
  g_assert_no_error(err);
  g_assert_cmpstr(lp_vars_get(v, "clinic.name"), ==, "Example Skin Clinic");
  g_assert_cmpstr(lp_vars_get(v, "clinic.phone"), ==, "+00 000 000 000");
  g_assert_cmpstr(lp_vars_get(v, "clinic.color"), ==, "#1f6e8c");
  g_assert_cmpstr(lp_vars_get(v, "clinic.web"), ==, "example.org");
  g_assert_null(lp_vars_get(v, "clinic.logo"));
  g_assert_null(lp_vars_get(v, "name"));
  lp_vars_free(v);
  g_free(path);
}

static void test_clinic_all_keys(void) {
  g_free(lp_test_write("all-logo.png", "\x89PNG\r\n\x1a\n"));
  LpVars *v = clinic_ok("all.yaml", "name: '  North Clinic  '\n"
                                    "address: |\n"
                                    "  2 High Street\n"
                                    "phone: 0123\n"
                                    "web: north.example\n"
                                    "email: hello@north.example\n"
                                    "color: cmyk(100%, 0, 0, 0)\n"
                                    "logo: all-logo.png\n");
  /* Values are trimmed: blanks and the block scalar's newline are not text. */
  g_assert_cmpstr(lp_vars_get(v, "clinic.name"), ==, "North Clinic");
  g_assert_cmpstr(lp_vars_get(v, "clinic.address"), ==, "2 High Street");
  g_assert_cmpstr(lp_vars_get(v, "clinic.phone"), ==, "0123");
  g_assert_cmpstr(lp_vars_get(v, "clinic.web"), ==, "north.example");
  g_assert_cmpstr(lp_vars_get(v, "clinic.email"), ==, "hello@north.example");
  g_assert_cmpstr(lp_vars_get(v, "clinic.color"), ==, "cmyk(100%, 0, 0, 0)");
  g_assert_true(g_str_has_suffix(lp_vars_get(v, "clinic.logo"), "/all-logo.png"));
  GPtrArray *keys = lp_vars_keys(v);
  g_assert_cmpuint(keys->len, ==, 7);
  g_ptr_array_unref(keys);
  lp_vars_free(v);
}

static void test_clinic_relative_logo(void) {
  /* A relative logo is found next to the profile, wherever the tool runs from. */
  char *logo = lp_test_write("logo/art/logo.png", "\x89PNG\r\n\x1a\n");
  char *path = lp_test_write("logo/clinic.yaml", "name: Clinic\nlogo: ' art/logo.png '\n");
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_true(lp_clinic_read(lp_test_ctx(), path, v, &err));
  g_assert_no_error(err);
  char *want = realpath(logo, NULL);
  g_assert_cmpstr(lp_vars_get(v, "clinic.logo"), ==, want);
  free(want);
  lp_vars_free(v);
  g_free(path);
  g_free(logo);
}

/* A logo the profile names outside the granted folders, or that is no file:
 * refused at its place in the profile, with the reason. */
static void logo_refused(LpCtx *ctx, const char *value, const char *fragment) {
  char *yaml = g_strdup_printf("name: Clinic\nlogo: %s\n", value);
  char *path = lp_test_write("paths/clinic/clinic.yaml", yaml);
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_false(lp_clinic_read(ctx, path, v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 2, 7, fragment);
  g_error_free(err);
  lp_vars_free(v);
  g_free(path);
  g_free(yaml);
}

static void test_clinic_logo_paths(void) {
  char *dir = g_build_filename(lp_test_tmp(), "paths", "clinic", NULL);
  char *outside = lp_test_write("paths/outside.png", "\x89PNG\r\n\x1a\n");
  g_mkdir_with_parents(dir, 0777);
  /* A context of its own: the grants are this test's. */
  LpCtx *ctx = lp_ctx_new();
  g_assert_true(lp_ctx_grant(ctx, dir, FALSE, NULL));
  logo_refused(ctx, "/etc/hostname", "the clinic's logo '/etc/hostname' is an absolute path: name files relative");
  logo_refused(ctx, "../outside.png", "the clinic's logo '../outside.png' climbs out of the project and the article's folder");
  char *link = g_build_filename(dir, "link.png", NULL);
  g_unlink(link);
  g_assert_cmpint(symlink(outside, link), ==, 0);
  logo_refused(ctx, "link.png", "the clinic's logo 'link.png' leads out of the project and the article's folder (a symbolic link?)");
  char *sub = g_build_filename(dir, "folder.png", NULL);
  g_mkdir_with_parents(sub, 0777);
  logo_refused(ctx, "folder.png", "the clinic's logo 'folder.png' is a folder, not a file");
  char *fifo = g_build_filename(dir, "fifo.png", NULL);
  g_unlink(fifo);
  g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
  logo_refused(ctx, "fifo.png", "the clinic's logo 'fifo.png' is a device or special file, not a file");
  logo_refused(ctx, "missing.png", "the clinic's logo 'missing.png': No such file or directory");
  /* --allow-path: the folder outside, and absolute names in it, become fine. */
  char *up = g_path_get_dirname(dir);
  g_assert_true(lp_ctx_grant(ctx, up, TRUE, NULL));
  char *yaml = g_strdup_printf("name: Clinic\nlogo: %s\n", outside);
  char *path = lp_test_write("paths/clinic/clinic.yaml", yaml);
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_true(lp_clinic_read(ctx, path, v, &err));
  g_assert_no_error(err);
  lp_vars_free(v);
  lp_ctx_free(ctx);
  g_free(path);
  g_free(yaml);
  g_free(up);
  g_free(fifo);
  g_free(sub);
  g_free(link);
  g_free(outside);
  g_free(dir);
}

static void test_clinic_overrides_existing(void) {
  char *path = lp_test_write("override.yaml", "name: South Clinic\n");
  LpVars *v = lp_vars_new();
  lp_vars_set(v, "clinic.name", "Old");
  lp_vars_set(v, "title", "Kept");
  GError *err = NULL;
  g_assert_true(lp_clinic_read(lp_test_ctx(), path, v, &err));
  g_assert_no_error(err);
  g_assert_cmpstr(lp_vars_get(v, "clinic.name"), ==, "South Clinic");
  g_assert_cmpstr(lp_vars_get(v, "title"), ==, "Kept");
  lp_vars_free(v);
  g_free(path);
}

static void test_clinic_bom(void) {
  LpVars *v = clinic_ok("bom.yaml", "\xEF\xBB\xBFname: Clinic\n");
  g_assert_cmpstr(lp_vars_get(v, "clinic.name"), ==, "Clinic");
  lp_vars_free(v);
}

static void test_clinic_no_name(void) {
  clinic_fail("noname.yaml", "# The clinic\nphone: 0123\nweb: x.example\n", 2, 1, "the clinic profile has no 'name'");
}

static void test_clinic_unknown_key_suggestion(void) {
  clinic_fail(
      "typo.yaml", "name: Clinic\nphnoe: 0123\n", 2, 1,
      "unknown key 'phnoe' in the clinic profile; did you mean 'phone'? (valid keys: name, address, phone, web, "
      "email, color, tint, logo)");
}

static void test_clinic_unknown_key_no_suggestion(void) {
  char *path = lp_test_write("fax.yaml", "name: Clinic\n\nfacsimile: 0123\n");
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_false(lp_clinic_read(lp_test_ctx(), path, v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 3, 1, "unknown key 'facsimile' in the clinic profile (valid keys:");
  g_assert_null(strstr(err->message, "did you mean"));
  g_error_free(err);
  lp_vars_free(v);
  g_free(path);
}

static void test_clinic_bad_colour(void) {
  clinic_fail("colour.yaml", "name: Clinic\ncolor: teal\n", 2, 8,
              "clinic 'color': 'teal' is not a colour: write #rrggbb or cmyk(c, m, y, k)");
  clinic_fail("colour2.yaml", "name: Clinic\ncolor: '#12g'\n", 2, 8, "clinic 'color': '#12g' is not a colour: #rrggbb");
}

static void test_clinic_value_not_text(void) {
  clinic_fail("list.yaml", "name: Clinic\naddress: [1 High Street, Town]\n", 2, 10,
              "expected a single value for clinic 'address', found a list");
  clinic_fail("empty-value.yaml", "name: Clinic\nphone:\nweb: x\n", 2, 7,
              "expected text for clinic 'phone', found nothing");
  clinic_fail("null-name.yaml", "name: ~\n", 1, 7, "expected text for clinic 'name', found nothing");
}

static void test_clinic_not_mapping(void) {
  clinic_fail("seq.yaml", "- name: Clinic\n", 1, 1,
              "expected a mapping (key: value lines) for a clinic profile, found a list");
  clinic_fail("scalar.yaml", "Clinic\n", 1, 1,
              "expected a mapping (key: value lines) for a clinic profile, found a single");
}

static void test_clinic_empty(void) {
  clinic_fail("empty.yaml", "", 0, 0, "clinic profile is empty");
  clinic_fail("comment.yaml", "# to be filled in\n", 0, 0, "the clinic profile is empty");
}

static void test_clinic_syntax(void) {
  clinic_fail("syntax.yaml", "name: Clinic\nphone: \"0123\n", 3, 1, "YAML syntax error");
  clinic_fail("dup.yaml", "name: A\nname: B\n", 2, 1, "duplicate key 'name' (first given at line 1)");
}

static void test_clinic_invalid_utf8(void) {
  clinic_fail("utf8.yaml", "name: Klinik Gü\xFCl\n", 1, 16, "invalid UTF-8 (byte 0xFC)");
}

static void test_clinic_missing_file(void) {
  char *path = g_build_filename(lp_test_tmp(), "no-clinic.yaml", NULL);
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_false(lp_clinic_read(lp_test_ctx(), path, v, &err));
  lp_test_assert_error(err, LP_EXIT_INPUT, path, 0, 0, "cannot read clinic profile: No such file or directory");
  g_error_free(err);
  lp_vars_free(v);
  g_free(path);
}

/* ---- labels ---- */

static void test_labels_english(void) {
  char *path = lp_test_source("layouts/labels/en.yaml");
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_true(lp_labels_read(lp_test_ctx(), path, v, &err));
  g_assert_no_error(err);
  g_assert_cmpstr(lp_vars_get(v, "label.patient_information"), ==, "Patient information");
  g_assert_cmpstr(lp_vars_get(v, "label.in_short"), ==, "In short");
  g_assert_cmpstr(lp_vars_get(v, "label.version"), ==, "Version");
  g_assert_null(lp_vars_get(v, "in_short"));
  /* A label may hold placeholders that the page fills in. */
  LpVars *page = lp_vars_new_child(v);
  lp_vars_set(page, "page", "1");
  lp_vars_set(page, "pages", "2");
  LpPos pos = lp_pos("footer", 1, 1);
  char *s = lp_vars_expand(page, "{label.page_of}", &pos, &err);
  g_assert_no_error(err);
  g_assert_cmpstr(s, ==, "Page 1 of 2");
  g_free(s);
  lp_vars_free(page);
  lp_vars_free(v);
  g_free(path);
}

static void test_labels_values_kept(void) {
  char *path = lp_test_write("labels/tr.yaml", "in_short: Kısaca\npage_of: '{page} / {pages}'\n");
  LpVars *v = lp_vars_new();
  GError *err = NULL;
  g_assert_true(lp_labels_read(lp_test_ctx(), path, v, &err));
  g_assert_no_error(err);
  g_assert_cmpstr(lp_vars_get(v, "label.in_short"), ==, "Kısaca");
  g_assert_cmpstr(lp_vars_get(v, "label.page_of"), ==, "{page} / {pages}");
  lp_vars_free(v);
  g_free(path);
}

static void test_labels_not_text(void) {
  labels_fail("labels/list.yaml", "in_short: In short\nversion: [Version]\n", 2, 10,
              "expected a single value for label 'version', found a list");
  labels_fail("labels/blank.yaml", "in_short:\n", 1, 10, "expected text for label 'in_short', found nothing");
}

static void test_labels_not_mapping(void) {
  labels_fail("labels/seq.yaml", "- In short\n", 1, 1,
              "expected a mapping (key: value lines) for a labels file, found a list");
}

static void test_labels_empty(void) {
  labels_fail("labels/empty.yaml", "  \n", 0, 0, "labels is empty");
  labels_fail("labels/comment.yaml", "# nothing\n", 0, 0, "the labels file is empty");
}

static void test_labels_syntax(void) {
  labels_fail("labels/anchor.yaml", "in_short: &s In short\nsummary: *s\n", 1, 11,
              "YAML anchors (&s) are not supported");
}

int main(int argc, char **argv) {
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/clinic/keys", test_clinic_keys);
  g_test_add_func("/clinic/brand-colors", test_brand_colors);
  g_test_add_func("/clinic/project-profile", test_clinic_project_profile);
  g_test_add_func("/clinic/all-keys", test_clinic_all_keys);
  g_test_add_func("/clinic/relative-logo", test_clinic_relative_logo);
  g_test_add_func("/clinic/logo-paths", test_clinic_logo_paths);
  g_test_add_func("/clinic/overrides-existing", test_clinic_overrides_existing);
  g_test_add_func("/clinic/bom", test_clinic_bom);
  g_test_add_func("/clinic/no-name", test_clinic_no_name);
  g_test_add_func("/clinic/unknown-key-suggestion", test_clinic_unknown_key_suggestion);
  g_test_add_func("/clinic/unknown-key-no-suggestion", test_clinic_unknown_key_no_suggestion);
  g_test_add_func("/clinic/bad-colour", test_clinic_bad_colour);
  g_test_add_func("/clinic/value-not-text", test_clinic_value_not_text);
  g_test_add_func("/clinic/not-mapping", test_clinic_not_mapping);
  g_test_add_func("/clinic/empty", test_clinic_empty);
  g_test_add_func("/clinic/syntax", test_clinic_syntax);
  g_test_add_func("/clinic/invalid-utf8", test_clinic_invalid_utf8);
  g_test_add_func("/clinic/missing-file", test_clinic_missing_file);
  g_test_add_func("/labels/english", test_labels_english);
  g_test_add_func("/labels/values-kept", test_labels_values_kept);
  g_test_add_func("/labels/not-text", test_labels_not_text);
  g_test_add_func("/labels/not-mapping", test_labels_not_mapping);
  g_test_add_func("/labels/empty", test_labels_empty);
  g_test_add_func("/labels/syntax", test_labels_syntax);
  return g_test_run();
}
