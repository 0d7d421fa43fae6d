#include <string.h>

#include "write/writer.h"

static const char *const names[LP_FORMAT_COUNT] = {"pdf", "png", "svg"};

const char *lp_format_name(LpFormat f) { return names[f]; }

gboolean lp_format_parse(const char *name, LpFormat *out) {
  for (int i = 0; i < LP_FORMAT_COUNT; i++)
    if (g_ascii_strcasecmp(name, names[i]) == 0) {
      *out = (LpFormat)i;
      return TRUE;
    }
  return FALSE;
}
