/* pixels PNG X Y   prints the colour at (X, Y) as rrggbb.
 * pixels PNG X Y W H   prints the share of non-white pixels in the rectangle
 * (0 to 1) and the number of distinct grey levels the rectangle has when
 * converted to greyscale, for ink and greyscale-legibility checks.
 * pixels PNG find RRGGBB TOL   prints the box of the pixels within TOL (per
 * channel) of the colour, as X0 Y0 X1 Y1 COUNT (all 0 when there is none):
 * where a picture's colour landed on the page. */
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



static int find(const unsigned char *data, int stride, int w, int h, const char *hex, int tol) {
  unsigned long want = strtoul(hex, NULL, 16);
  int wr = (int)(want >> 16) & 0xff, wg = (int)(want >> 8) & 0xff, wb = (int)want & 0xff;
  int x0 = w, y0 = h, x1 = -1, y1 = -1;
  long count = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      int r, g, b;
      rgb_at(data, stride, x, y, &r, &g, &b);
      if (abs(r - wr) > tol || abs(g - wg) > tol || abs(b - wb) > tol)
        continue;
      count++;
      x0 = x < x0 ? x : x0;
      y0 = y < y0 ? y : y0;
      x1 = x > x1 ? x : x1;
      y1 = y > y1 ? y : y1;
    }
  if (!count)
    x0 = y0 = x1 = y1 = 0;
  printf("%d %d %d %d %ld\n", x0, y0, x1, y1, count);
  return 0;
}

int main(int argc, char **argv) {
  int finding = argc == 5 && argv[2][0] == 'f';
  if (argc != 4 && argc != 6 && !finding) {
    fprintf(stderr, "usage: pixels PNG X Y [W H] | pixels PNG find RRGGBB TOL\n");
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
  if (finding) {
    int rc = find(data, stride, w, h, argv[3], atoi(argv[4]));
    cairo_surface_destroy(s);
    return rc;
  }
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
