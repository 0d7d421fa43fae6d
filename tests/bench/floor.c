/* floor: the cheapest whole process that puts an article's text on an A4 PDF
 * page with pango and cairo. It is the benchmark's point of comparison for
 * leafpress (tests/bench/run.sh), not part of leafpress.
 *
 * It reads ARTICLE, skips the YAML front matter between the first two "---"
 * lines (keeping its "title:" value for a title line), treats "## " lines as
 * headings, skips fenced blocks (```...```: data for diagrams, not text) and
 * takes every other run of non-blank lines as a paragraph. It lays the text
 * out on one A4 page (18mm margins, one column): title 20pt bold, headings
 * 13.5pt bold, body 10.5pt Noto Sans, justified. Fonts come from the system
 * fontconfig through pango's default font map, a plain PangoFontDescription per
 * style. Whatever does not fit on the page is cut off; there is no second page.
 *
 * Usage: floor ARTICLE OUT.pdf
 *        floor --version   (start-up alone: load the libraries, print, exit) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define PT_PER_MM (72.0 / 25.4)
#define PAGE_W (210.0 * PT_PER_MM)
#define PAGE_H (297.0 * PT_PER_MM)
#define MARGIN (18.0 * PT_PER_MM)

typedef struct {
  cairo_t *cr;
  PangoLayout *layout;
  double y;
} Page;

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 14, len = 0;
  char *buf = malloc(cap + 1);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      cap *= 2;
      char *grown = realloc(buf, cap + 1);
      if (!grown)
        free(buf);
      buf = grown;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    return NULL;
  }
  buf[len] = '\0';
  return buf;
}

/* Lays out TEXT (LEN bytes) in the given font and puts it at the current y,
 * then moves y down by its height plus SPACE_AFTER. */
static void put_block(Page *p, const char *text, int len, const char *font,
                      gboolean justify, double space_before, double space_after) {
  PangoFontDescription *desc = pango_font_description_from_string(font);
  pango_layout_set_font_description(p->layout, desc);
  pango_font_description_free(desc);
  pango_layout_set_justify(p->layout, justify);
  pango_layout_set_text(p->layout, text, len);
  int w, h;
  pango_layout_get_size(p->layout, &w, &h);
  p->y += space_before;
  cairo_move_to(p->cr, MARGIN, p->y);
  pango_cairo_show_layout(p->cr, p->layout);
  p->y += (double)h / PANGO_SCALE + space_after;
}

/* The front matter's "title:" value, unquoted, or NULL. */
static char *front_matter_title(const char *fm, const char *end) {
  for (const char *line = fm; line < end;) {
    const char *eol = memchr(line, '\n', (size_t)(end - line));
    if (!eol)
      eol = end;
    if (strncmp(line, "title:", 6) == 0) {
      const char *v = line + 6;
      while (v < eol && (*v == ' ' || *v == '\t'))
        v++;
      const char *ve = eol;
      while (ve > v && (ve[-1] == ' ' || ve[-1] == '\r'))
        ve--;
      if (ve - v >= 2 && (*v == '"' || *v == '\'') && ve[-1] == *v) {
        v++;
        ve--;
      }
      return strndup(v, (size_t)(ve - v));
    }
    line = eol + 1;
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--version") == 0) {
    printf("floor (pango %s, cairo %s)\n", pango_version_string(), cairo_version_string());
    return 0;
  }
  if (argc != 3) {
    fprintf(stderr, "Usage: %s ARTICLE OUT.pdf | --version\n", argv[0]);
    return 2;
  }
  char *src = read_file(argv[1]);
  if (!src) {
    perror(argv[1]);
    return 1;
  }

  /* Front matter: from a first line "---" to the next "---" line. */
  char *body = src, *title = NULL;
  if (strncmp(src, "---\n", 4) == 0) {
    char *close = strstr(src + 3, "\n---");
    if (close && (close[4] == '\n' || close[4] == '\0')) {
      title = front_matter_title(src + 4, close + 1);
      body = close[4] ? close + 5 : close + 4;
    }
  }

  cairo_surface_t *surface = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    fprintf(stderr, "%s: %s\n", argv[2], cairo_status_to_string(cairo_surface_status(surface)));
    return 1;
  }
  Page p = {.cr = cairo_create(surface), .y = MARGIN};
  p.layout = pango_cairo_create_layout(p.cr);
  /* PDF user space is in points: 72 "dpi", not pangocairo's default 96. */
  pango_cairo_context_set_resolution(pango_layout_get_context(p.layout), 72.0);
  pango_layout_context_changed(p.layout);
  pango_layout_set_width(p.layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap(p.layout, PANGO_WRAP_WORD);
  cairo_set_source_rgb(p.cr, 0.11, 0.14, 0.17);

  if (title)
    put_block(&p, title, -1, "Noto Sans Bold 20", FALSE, 0, 8);

  /* Blocks: a "## " line is a heading; consecutive other lines a paragraph.
   * Fenced blocks (```...```) hold data for diagrams, not text: skipped. */
  GString *para = g_string_new(NULL);
  gboolean fenced = FALSE;
  for (char *line = body; *line;) {
    char *eol = strchr(line, '\n');
    size_t n = eol ? (size_t)(eol - line) : strlen(line);
    while (n > 0 && line[n - 1] == '\r')
      n--;
    gboolean fence = n >= 3 && strncmp(line, "```", 3) == 0;
    if (fenced || fence) {
      if (fence && para->len > 0) {
        put_block(&p, para->str, (int)para->len, "Noto Sans 10.5", TRUE, 0, 5);
        g_string_truncate(para, 0);
      }
      if (fence)
        fenced = !fenced;
      line = eol ? eol + 1 : line + n;
      continue;
    }
    gboolean blank = strspn(line, " \t") >= n;
    gboolean heading = n >= 3 && strncmp(line, "## ", 3) == 0;
    if ((blank || heading) && para->len > 0) {
      put_block(&p, para->str, (int)para->len, "Noto Sans 10.5", TRUE, 0, 5);
      g_string_truncate(para, 0);
    }
    if (heading)
      put_block(&p, line + 3, (int)(n - 3), "Noto Sans Bold 13.5", FALSE, 6, 3);
    else if (!blank) {
      if (para->len > 0)
        g_string_append_c(para, ' ');
      g_string_append_len(para, line, (gssize)n);
    }
    line = eol ? eol + 1 : line + n;
  }
  if (para->len > 0)
    put_block(&p, para->str, (int)para->len, "Noto Sans 10.5", TRUE, 0, 5);
  g_string_free(para, TRUE);

  cairo_show_page(p.cr);
  g_object_unref(p.layout);
  cairo_destroy(p.cr);
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  free(title);
  free(src);
  if (st != CAIRO_STATUS_SUCCESS) {
    fprintf(stderr, "%s: %s\n", argv[2], cairo_status_to_string(st));
    return 1;
  }
  return 0;
}
