/* leafpress's installed data: the layouts, their labels and fonts.conf that
 * `cmake --install` (or the Debian package) puts in PREFIX/share/leafpress.
 *
 * An installed leafpress finds them relative to its own executable
 * (PREFIX/bin/leafpress → PREFIX/share/leafpress), so an installed tree can be
 * moved or unpacked anywhere and never reads a path of the machine it was built
 * on. GLib has no relocation helper; this is it. A leafpress run from its build
 * tree has no installed data (there is no share/leafpress beside build/): it
 * works on projects only, and `leafpress:NAME` layouts and `leafpress init`
 * say that it is not installed. */
#pragma once
#include <glib.h>

/* PREFIX/share/leafpress for the executable `exe` (an absolute path, as
 * /proc/self/exe gives it): its folder's parent, then share/leafpress. Only
 * computes the name; the caller owns it. */
char *lp_datadir_for_exe(const char *exe);

/* Whether `dir` holds installed data: a layouts/ folder and fonts/fonts.conf. */
gboolean lp_datadir_valid(const char *dir);

/* The data of the running leafpress, canonical, or NULL when it is not
 * installed. Computed once, then shared by every thread. */
const char *lp_datadir(void);

/* Whether the canonical `path` lies in the installed data (which inputs may
 * read and nothing may write). */
gboolean lp_datadir_contains(const char *path);

/* How a layout installed with leafpress is named wherever a layout name goes
 * (`-l leafpress:a5-card`, `extends: leafpress:a4-leaflet`). */
#define LP_INSTALLED_PREFIX "leafpress:"

/* NAME's file in the installed layouts (PREFIX/share/leafpress/layouts/
 * NAME.yaml), or NULL when it is not there or leafpress is not installed. */
char *lp_datadir_layout(const char *name);
/* The installed layouts' names, sorted, each with LP_INSTALLED_PREFIX;
 * empty when leafpress is not installed. */
GPtrArray *lp_datadir_layout_names(void);
