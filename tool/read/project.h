/* The project: a clinic's folder of articles (text/), layouts (layouts/),
 * clinic profile (text/clinic.yaml) and, optionally, fonts (fonts/) and a
 * manifest (leafpress.yaml). Every name on the command line (a layout name, a
 * language's labels, the default output path) resolves against it.
 *
 * It is found, in order: from --project; by walking up from the article's
 * folder, then from the working directory, to the first folder with
 * leafpress.yaml, or with layouts/ and fonts/fonts.conf. There is no default:
 * without a project the command fails and says how to make one (leafpress
 * init DIR), so a leaflet never silently gets another clinic's layouts, name
 * or phone number (docs/architecture.md, "Projects and installed data").
 *
 * What a project does not have comes from leafpress's installed data
 * (read/datadir.h), each by an explicit rule: a layout named
 * `leafpress:NAME`; the labels of a language, which the project's own labels
 * file for that language overrides key by key; fonts/fonts.conf when the
 * project has none. */
#pragma once
#include "doc/diag.h"

typedef struct LpProject LpProject;

LpProject *lp_project_open(const char *explicit_root, const char *article_path, GError **err);
void lp_project_free(LpProject *project);

const char *lp_project_root(const LpProject *project);
char *lp_project_path(const LpProject *project, const char *relative);

/* A layout given as a name in the project's layouts/ ("a4-leaflet"), as
 * "leafpress:NAME" (installed with leafpress), or as a file path. */
char *lp_project_layout(const LpProject *project, const char *name_or_file, GError **err);
/* The labels files for a language (char*, read in this order, each
 * overriding the one before): the installed ones, then the project's; each
 * falls back from "pt-BR" to "pt". An error when there are none. */
GPtrArray *lp_project_labels(const LpProject *project, const char *lang, const LpPos *pos, GError **err);
/* The languages that have labels ("ar, de, en …"). */
char *lp_project_label_langs(const LpProject *project);
/* The default clinic profile (text/clinic.yaml), or NULL when there is none. */
char *lp_project_clinic(const LpProject *project);
/* The language data files (read in this order, later entries replacing
 * earlier ones): the installed languages.yaml, then the project's. */
GPtrArray *lp_project_languages(const LpProject *project);
/* The font configuration: the project's fonts/fonts.conf, else the installed
 * one, else the project's name for it (which then fails to read). */
char *lp_project_fonts_conf(const LpProject *project);

/* `path` relative to the working folder when it lies inside it, else as it is:
 * messages, reports and depfiles then name files as the user would. */
char *lp_path_shorten(const char *path);
