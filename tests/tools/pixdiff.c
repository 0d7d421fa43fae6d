/* pixdiff A.png B.png [TOLERANCE]: the share of pixels (0 to 1) whose colour
 * differs by more than TOLERANCE (default 64 of 255) in any channel between two
 * renderings of the same size. Exit 2 if the images cannot be compared. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: pixdiff A.png B.png [TOLERANCE]\n");
    return 2;
  }
  int tol = argc > 3 ? atoi(argv[3]) : 64;
  cairo_surface_t *a = cairo_image_surface_create_from_png(argv[1]);
  cairo_surface_t *b = cairo_image_surface_create_from_png(argv[2]);
  int rc = 0;
  if (cairo_surface_status(a) || cairo_surface_status(b) ||
      cairo_image_surface_get_width(a) != cairo_image_surface_get_width(b) ||
      cairo_image_surface_get_height(a) != cairo_image_surface_get_height(b)) {
    fprintf(stderr, "pixdiff: cannot compare %s and %s\n", argv[1], argv[2]);
    rc = 2;
  } else {
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    const unsigned char *da = cairo_image_surface_get_data(a), *db = cairo_image_surface_get_data(b);
    long diff = 0;
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++) {
        uint32_t pa = *(const uint32_t *)(da + y * sa + x * 4), pb = *(const uint32_t *)(db + y * sb + x * 4);
        for (int s = 0; s < 24; s += 8) {
          int ca = (pa >> s) & 0xff, cb = (pb >> s) & 0xff;
          if (abs(ca - cb) > tol) {
            diff++;
            break;
          }
        }
      }
    printf("%.5f\n", (double)diff / ((double)w * h));
  }
  cairo_surface_destroy(a);
  cairo_surface_destroy(b);
  return rc;
}
