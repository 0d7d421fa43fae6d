/* The project: the folder holding layouts/, fonts/ and text/. Every name on the
 * command line (a layout name, a language's labels, the default output path)
 * resolves against it.
 *
 * It is found, in order: from --project; by walking up from the article's folder,
 * then from the working directory, to the first folder with layouts/ and
 * fonts/fonts.conf; else the source tree leafpress was built from. */
#pragma once
#include "doc/diag.h"

typedef struct LpProject LpProject;

LpProject *lp_project_open(const char *explicit_root, const char *article_path, GError **err);
void lp_project_free(LpProject *project);

const char *lp_project_root(const LpProject *project);
char *lp_project_path(const LpProject *project, const char *relative);

/* A layout given as a name ("a4-leaflet") or as a file path. */
char *lp_project_layout(const LpProject *project, const char *name_or_file, GError **err);
/* The labels file for a language, falling back from "pt-BR" to "pt". */
char *lp_project_labels(const LpProject *project, const char *lang, const LpPos *pos, GError **err);
/* The languages that have labels ("ar, de, en …"). */
char *lp_project_label_langs(const LpProject *project);
/* The default clinic profile (text/clinic.yaml), or NULL when there is none. */
char *lp_project_clinic(const LpProject *project);

/* `path` relative to the working folder when it lies inside it, else as it is:
 * messages, reports and depfiles then name files as the user would. */
char *lp_path_shorten(const char *path);
