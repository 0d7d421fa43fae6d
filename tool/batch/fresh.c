/* dl_iterate_phdr, to read the program's own build ID, is a GNU extension. */
#define _GNU_SOURCE
#include "batch/fresh.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hpdf.h>
#include <link.h>
#include <pango/pango.h>
#include <qpdf/qpdf-c.h>
#include <unicode/uversion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/files.h"

/* The main program's NT_GNU_BUILD_ID note, in hex. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  GString *hex = data;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE)
      continue;
    const guint8 *p = (const guint8 *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
      const guint8 *name = p + sizeof *n, *desc = name + ((n->n_namesz + 3) & ~3u);
      if (desc + n->n_descsz > end)
        break;
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
        for (guint j = 0; j < n->n_descsz; j++)
          g_string_append_printf(hex, "%02x", desc[j]);
        return 1;
      }
      p = desc + ((n->n_descsz + 3) & ~3u);
    }
  }
  return 1; /* the first object is the program itself */
}

const char *lp_fresh_engine(void) {
  static gsize done;
  static char *engine;
  if (g_once_init_enter(&done)) {
    GString *id = g_string_new(NULL);
    dl_iterate_phdr(find_build_id, id);
    UVersionInfo icu;
    u_getVersion(icu);
    engine = g_strdup_printf("leafpress %s build %s pango %s cairo %s harfbuzz %s fontconfig %d qpdf %s "
                             "libharu %s icu %d.%d.%d\n",
                             LP_VERSION, id->len ? id->str : "unknown", pango_version_string(),
                             cairo_version_string(), hb_version_string(), FcGetVersion(), qpdf_get_qpdf_version(),
                             HPDF_GetVersion(), icu[0], icu[1], icu[2]);
    g_string_free(id, TRUE);
    g_once_init_leave(&done, 1);
  }
  return engine;
}

static GMutex lock;
static GHashTable *file_hashes; /* path → hex, or "" when unreadable */

static const char *file_hash(const char *path) {
  g_mutex_lock(&lock);
  if (!file_hashes)
    file_hashes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  const char *h = g_hash_table_lookup(file_hashes, path);
  g_mutex_unlock(&lock);
  if (h)
    return *h ? h : NULL;
  char *data = NULL;
  gsize len = 0;
  char *hex = g_file_get_contents(path, &data, &len, NULL)
                  ? g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len)
                  : g_strdup("");
  g_free(data);
  g_mutex_lock(&lock);
  if (!g_hash_table_lookup(file_hashes, path))
    g_hash_table_insert(file_hashes, g_strdup(path), hex);
  else
    g_free(hex);
  h = g_hash_table_lookup(file_hashes, path);
  g_mutex_unlock(&lock);
  return *h ? h : NULL;
}

static char *hash_files(const GPtrArray *files, const char *extra) {
  GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(sum, (const guchar *)extra, -1);
  for (guint i = 0; i < files->len; i++) {
    const char *f = g_ptr_array_index((GPtrArray *)files, i);
    const char *h = file_hash(f);
    if (!h) {
      g_checksum_free(sum);
      return NULL;
    }
    g_checksum_update(sum, (const guchar *)"\n", 1);
    g_checksum_update(sum, (const guchar *)f, -1);
    g_checksum_update(sum, (const guchar *)h, -1);
  }
  char *hex = g_strdup(g_checksum_get_string(sum));
  g_checksum_free(sum);
  return hex;
}

char *lp_fresh_inputs(const GPtrArray *files, const char *extra) { return hash_files(files, extra); }

char *lp_fresh_stamp_path(const char *output) {
  char *dir = g_path_get_dirname(output), *base = g_path_get_basename(output);
  char *name = g_strdup_printf(".%s.lpstamp", base);
  char *path = g_build_filename(dir, name, NULL);
  g_free(name);
  g_free(base);
  g_free(dir);
  return path;
}

gboolean lp_fresh_check(const char *primary, const char *inputs, LpStampInfo *result) {
  if (!inputs)
    return FALSE;
  char *stamp = lp_fresh_stamp_path(primary);
  char *text = NULL;
  gboolean fresh = FALSE;
  if (g_file_get_contents(stamp, &text, NULL, NULL) && g_str_has_prefix(text, "leafpress stamp 1\n")) {
    char **lines = g_strsplit(text, "\n", -1);
    GPtrArray *fonts = g_ptr_array_new_with_free_func(g_free), *files = g_ptr_array_new_with_free_func(g_free);
    const char *recorded_inputs = NULL, *recorded_all = NULL;
    guint64 pages = 0, bytes = 0;
    gboolean outputs_there = TRUE;
    for (char **l = lines; *l; l++) {
      GStatBuf st;
      if (g_str_has_prefix(*l, "inputs "))
        recorded_inputs = *l + 7;
      else if (g_str_has_prefix(*l, "all "))
        recorded_all = *l + 4;
      else if (g_str_has_prefix(*l, "pages "))
        g_ascii_string_to_unsigned(*l + 6, 10, 0, G_MAXUINT, &pages, NULL);
      else if (g_str_has_prefix(*l, "font "))
        g_ptr_array_add(fonts, g_strdup(*l + 5));
      else if (g_str_has_prefix(*l, "output ")) {
        g_ptr_array_add(files, g_strdup(*l + 7));
        gboolean there = g_stat(*l + 7, &st) == 0 && S_ISREG(st.st_mode);
        outputs_there &= there;
        bytes += there ? (guint64)st.st_size : 0;
      }
    }
    if (recorded_inputs && recorded_all && strcmp(recorded_inputs, inputs) == 0 && outputs_there && files->len) {
      char *all = hash_files(fonts, inputs);
      fresh = all && strcmp(all, recorded_all) == 0;
      g_free(all);
    }
    if (fresh && result) {
      result->pages = (guint)pages;
      result->bytes = bytes;
      result->files = g_ptr_array_ref(files);
      result->fonts = g_ptr_array_ref(fonts);
    }
    g_ptr_array_unref(fonts);
    g_ptr_array_unref(files);
    g_strfreev(lines);
  }
  g_free(text);
  g_free(stamp);
  return fresh;
}

void lp_fresh_record(LpCtx *ctx, const char *primary, const char *inputs, const LpStampInfo *result) {
  if (!inputs || !result->files || result->files->len == 0)
    return;
  char *all = hash_files(result->fonts, inputs);
  if (!all)
    return;
  GString *s = g_string_new("leafpress stamp 1\n");
  g_string_append_printf(s, "inputs %s\npages %u\n", inputs, result->pages);
  for (guint i = 0; i < result->files->len; i++)
    g_string_append_printf(s, "output %s\n", (const char *)g_ptr_array_index(result->files, i));
  for (guint i = 0; i < result->fonts->len; i++)
    g_string_append_printf(s, "font %s\n", (const char *)g_ptr_array_index(result->fonts, i));
  g_string_append_printf(s, "all %s\n", all);
  char *stamp = lp_fresh_stamp_path(primary);
  gsize len = s->len;
  GBytes *bytes = g_bytes_new_take(g_string_free(s, FALSE), len);
  /* A stamp that cannot be written only means a rebuild next time. */
  lp_files_write_one(ctx, stamp, bytes, NULL);
  g_bytes_unref(bytes);
  g_free(all);
  g_free(stamp);
}

void lp_stamp_info_clear(LpStampInfo *r) {
  if (r->files)
    g_ptr_array_unref(r->files);
  if (r->fonts)
    g_ptr_array_unref(r->fonts);
  memset(r, 0, sizeof *r);
}
