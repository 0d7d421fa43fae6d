/* Printer's marks: crop marks outside the trimmed page, added to every page of
 * a book as ordinary display-list paths (in the page's coordinates, so they
 * reach into negative x and y), so both writers draw them. */
#pragma once
#include "page/book.h"

/* The room crop marks need beyond the bleed, pt. */
#define LP_CROP_SLUG (10 * 72.0 / 25.4)

void lp_marks_add_crop(LpBook *book, double bleed, double slug);
