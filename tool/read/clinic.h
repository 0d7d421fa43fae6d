/* The clinic profile: a small YAML file whose values fill the {clinic.*}
 * placeholders of layouts (name, address, phone, web, email, colour, logo). */
#pragma once
#include "doc/ctx.h"
#include "doc/doc.h"
#include "doc/vars.h"

gboolean lp_clinic_read(LpCtx *ctx, const char *path, LpVars *vars, GError **err);

/* The keys a clinic profile may hold (NULL-terminated). */
/* The same from bytes already read (`path` names them in messages and is
 * where a relative logo is found). */
gboolean lp_clinic_parse(LpCtx *ctx, const char *path, const char *data, gsize length, LpVars *vars, GError **err);
const char *const *lp_clinic_keys(void);
/* A logo file's format from its first bytes (doc.h's rules); unreadable:
 * LP_PICTURE_UNKNOWN. */
LpPictureFormat lp_clinic_logo_format(const char *file);
