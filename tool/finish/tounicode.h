/* Repairs the ToUnicode maps libharu 2.3 writes.
 *
 * libharu's UTF-8 TrueType fonts use the code point as the character code,
 * but their /ToUnicode stream is a CID map ("begincidrange <0000> <FFFF> 0"),
 * which is no ToUnicode map at all: poppler warns, and what text extraction
 * gets is a guess. Each such map is replaced with the map the codes really
 * have: every code to the same code point. */
#pragma once
#include <qpdf/qpdf-c.h>

/* Returns the number of maps replaced. */
int lp_finish_fix_tounicode(qpdf_data q);
