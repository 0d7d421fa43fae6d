/* pixels PNG X Y   prints the colour at (X, Y) as rrggbb.
 * pixels PNG X Y W H   prints the share of non-white pixels in the rectangle
 * (0 to 1) and the number of distinct grey levels the rectangle has when
 * converted to greyscale, for ink and greyscale-legibility checks. */
#include <cairo.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static void rgb_at(const unsigned char *data, int stride, int x, int y, int *r, int *g, int *b) {
  uint32_t px = *(const uint32_t *)(data + y * stride + x * 4);
  *r = (px >> 16) & 0xff;
  *g = (px >> 8) & 0xff;
  *b = px & 0xff;
}



int main(int argc, char **argv) {
  if (argc != 4 && argc != 6) {
    fprintf(stderr, "usage: pixels PNG X Y [W H]\n");
    return 2;
  }
  cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    fprintf(stderr, "pixels: cannot read %s\n", argv[1]);
    cairo_surface_destroy(s);
    return 2;
  }
  cairo_surface_flush(s);
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int stride = cairo_image_surface_get_stride(s);
  const unsigned char *data = cairo_image_surface_get_data(s);
  int x = atoi(argv[2]), y = atoi(argv[3]);
  if (argc == 4) {
    int rc = 0;
    if (x < 0 || y < 0 || x >= w || y >= h) {
      fprintf(stderr, "pixels: (%d, %d) is outside the %d x %d image\n", x, y, w, h);
      rc = 2;
    } else {
      int r, g, b;
      rgb_at(data, stride, x, y, &r, &g, &b);
      printf("%02x%02x%02x\n", r, g, b);
    }
    cairo_surface_destroy(s);
    return rc;
  }
  int rw = atoi(argv[4]), rh = atoi(argv[5]);
  long ink = 0, total = 0;
  int levels[256] = {0};
  for (int j = y; j < y + rh && j < h; j++)
    for (int i = x; i < x + rw && i < w; i++) {
      int r, g, b;
      rgb_at(data, stride, i, j, &r, &g, &b);
      total++;
      if (r < 245 || g < 245 || b < 245)
        ink++;
      levels[(r * 299 + g * 587 + b * 114) / 1000]++;
    }
  int distinct = 0;
  for (int l = 0; l < 256; l++)
    distinct += levels[l] > 0;
  printf("%.4f %d\n", total ? (double)ink / (double)total : 0.0, distinct);
  cairo_surface_destroy(s);
  return 0;
}
