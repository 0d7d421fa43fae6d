#include "page/marks.h"

void lp_marks_add_crop(LpBook *book, double bleed, double slug) {
  /* To be written (issue 5, finish stage and marks). */
  (void)book;
  (void)bleed;
  (void)slug;
}
