#include "read/layoutfile.h"

#include <math.h>
#include <string.h>

#include "read/datadir.h"
#include "read/paths.h"
#include "read/source.h"
#include "read/yaml.h"

#define MM (72.0 / 25.4)
#define MAX_EXTENDS 4
/* The readability floor (docs/layout.md): nothing closer than 5 mm to a
 * trimmed edge. */
#define MIN_MARGIN (5 * MM)

static const char *const top_keys[] = {"extends", "kind",   "page",   "colors", "styles", "band",
                                       "summary", "contact", "header", "footer", "card",   "sheet", "panels",
                                       "booklet", "pictures", "copyfit", NULL};
static const char *const panel_keys[] = {"widths", "outside", "inside", "fill", NULL};
static const char *const copyfit_keys[] = {"min_size", "step", NULL};
static const char *const sheet_keys[] = {"imposition", "creep", NULL};
static const char *const card_keys[] = {"front", "back", NULL};
static const char *const booklet_keys[] = {"cover", "back_cover", "padding", NULL};
static const char *const page_keys[] = {"size", "margins", "columns", "gutter", "bleed", NULL};
static const char *const margin_keys[] = {"top", "bottom", "left", "right", NULL};
static const char *const style_keys[] = {"font",   "size",      "leading",        "weight",
                                         "italic", "color",     "space_before",   "space_after",
                                         "align",  "hyphenate", "keep_with_next", "indent",
                                         "uppercase", "min_size", NULL};
static const char *const band_keys[] = {"padding", "kicker", NULL};
static const char *const picture_keys[] = {"place", "width", NULL};
static const char *const place_names[] = {"column", "across", NULL};
static const char *const running_keys[] = {"start", "center", "end", "first_page", NULL};
static const char *const align_names[] = {"start", "center", "end", "justify", NULL};

static const struct {
  const char *name;
  double w, h; /* mm */
} paper[] = {{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"A6", 105, 148},
             {"letter", 215.9, 279.4}, {"legal", 215.9, 355.6}};

static LpLayoutSpec *read_file(const LpCtx *ctx, const char *path, int depth, GError **err);

static gboolean read_size(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (lp_yaml_kind(n) == LP_YAML_SEQ) {
    if (lp_yaml_len(n) != 2) {
      LpPos pos = lp_yaml_pos(n);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "page size: expected [width, height], e.g. [148mm, 210mm]");
      return FALSE;
    }
    if (!lp_yaml_length(lp_yaml_item(n, 0), "page width", &l->page_w, err) ||
        !lp_yaml_length(lp_yaml_item(n, 1), "page height", &l->page_h, err))
      return FALSE;
    if (l->page_w < 50 || l->page_h < 50) {
      LpPos pos = lp_yaml_pos(n);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "page size: a page must be at least 50pt on each side");
      return FALSE;
    }
    return TRUE;
  }
  const char *s = lp_yaml_scalar(n);
  for (gsize i = 0; s && i < G_N_ELEMENTS(paper); i++)
    if (g_ascii_strcasecmp(s, paper[i].name) == 0) {
      l->page_w = paper[i].w * MM;
      l->page_h = paper[i].h * MM;
      return TRUE;
    }
  LpPos pos = lp_yaml_pos(n);
  lp_set_error(err, LP_EXIT_INPUT, &pos,
               "page size: unknown paper '%s': expected A3, A4, A5, A6, letter, legal or [width, height]",
               s ? s : "(not a name)");
  return FALSE;
}

static gboolean read_margins(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (lp_yaml_kind(n) == LP_YAML_SCALAR) {
    double m;
    if (!lp_yaml_length(n, "page margins", &m, err))
      return FALSE;
    l->margin_top = l->margin_bottom = l->margin_left = l->margin_right = m;
    return TRUE;
  }
  if (!lp_yaml_expect(n, LP_YAML_MAP, "page margins", err) ||
      !lp_yaml_check_keys(n, "page margins", margin_keys, err))
    return FALSE;
  double *dst[] = {&l->margin_top, &l->margin_bottom, &l->margin_left, &l->margin_right};
  for (int i = 0; margin_keys[i]; i++) {
    const LpYaml *v = lp_yaml_get(n, margin_keys[i]);
    char *what = g_strdup_printf("%s margin", margin_keys[i]);
    gboolean ok = !v || lp_yaml_length(v, what, dst[i], err);
    g_free(what);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

static gboolean read_page(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'page'", err) || !lp_yaml_check_keys(n, "'page'", page_keys, err))
    return FALSE;
  const LpYaml *v;
  if ((v = lp_yaml_get(n, "size")) && !read_size(v, l, err))
    return FALSE;
  if ((v = lp_yaml_get(n, "margins")) && !read_margins(v, l, err))
    return FALSE;
  if ((v = lp_yaml_get(n, "columns")) && !lp_yaml_int(v, "page columns", 1, 4, &l->columns, err))
    return FALSE;
  if ((v = lp_yaml_get(n, "gutter")) && !lp_yaml_length(v, "column gutter", &l->gutter, err))
    return FALSE;
  if ((v = lp_yaml_get(n, "bleed")) && !lp_yaml_length(v, "bleed", &l->bleed, err))
    return FALSE;
  return TRUE;
}

/* How the pages go on sheets: in a grid (cards) or as a booklet, which also
 * pads the pages to a multiple of 4 (layout/leaflet.c). */
static gboolean read_sheet(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'sheet'", err) || !lp_yaml_check_keys(n, "'sheet'", sheet_keys, err))
    return FALSE;
  l->sheet_pos = lp_yaml_pos(n);
  const LpYaml *v;
  int mode = (int)l->imposition;
  if ((v = lp_yaml_get(n, "imposition")) && !lp_yaml_enum(v, "imposition", lp_imposition_names(), &mode, err))
    return FALSE;
  l->imposition = (LpImposition)mode;
  if ((v = lp_yaml_get(n, "creep")) && !lp_yaml_length(v, "creep", &l->creep, err))
    return FALSE;
  if (v && l->creep > 2 * MM) {
    LpPos pos = lp_yaml_pos(v);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "creep: %.2f mm per sheet is more than paper is thick: expected 0 to 2mm",
                 l->creep / MM);
    return FALSE;
  }
  return TRUE;
}

/* A folded leaflet's panels: their widths on the inside, left to right (the
 * outside is the inside turned over, so its widths run the other way), and
 * what each holds on each side. */
static gboolean read_panels(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'panels'", err) || !lp_yaml_check_keys(n, "'panels'", panel_keys, err))
    return FALSE;
  l->panels_pos = lp_yaml_pos(n);
  const LpYaml *w = lp_yaml_get(n, "widths");
  if (!w || !lp_yaml_expect(w, LP_YAML_SEQ, "panel widths", err))
    return w ? FALSE : (lp_set_error(err, LP_EXIT_INPUT, &l->panels_pos,
                                     "panels: expected widths: [..], outside: [..] and inside: [..]"),
                        FALSE);
  guint np = lp_yaml_len(w);
  if (np < 2 || np > LP_MAX_PANELS) {
    LpPos pos = lp_yaml_pos(w);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "panel widths: expected 2 to %d panels, found %u", LP_MAX_PANELS, np);
    return FALSE;
  }
  double sum = 0;
  for (guint i = 0; i < np; i++) {
    if (!lp_yaml_length(lp_yaml_item(w, i), "panel width", &l->panel_w[i], err))
      return FALSE;
    sum += l->panel_w[i];
  }
  l->n_panels = (int)np;
  const char *sides[] = {"outside", "inside"};
  for (int s = 0; s < 2; s++) {
    const LpYaml *r = lp_yaml_get(n, sides[s]);
    if (!r) {
      lp_set_error(err, LP_EXIT_INPUT, &l->panels_pos, "panels: expected '%s: [...]', one role per panel (%s)",
                   sides[s], "cover, back, flap, text");
      return FALSE;
    }
    if (!lp_yaml_expect(r, LP_YAML_SEQ, sides[s], err))
      return FALSE;
    if (lp_yaml_len(r) != np) {
      LpPos pos = lp_yaml_pos(r);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "panels %s: expected %u roles, one per width, found %u", sides[s], np,
                   lp_yaml_len(r));
      return FALSE;
    }
    for (guint i = 0; i < np; i++) {
      int role;
      if (!lp_yaml_enum(lp_yaml_item(r, i), "panel role", lp_panel_role_names(), &role, err))
        return FALSE;
      l->panel_role[s][i] = (LpPanelRole)role;
    }
  }
  const LpYaml *fill = lp_yaml_get(n, "fill");
  if (fill) {
    int v;
    if (!lp_yaml_enum(fill, "panel fill", lp_panel_fill_names(), &v, err))
      return FALSE;
    l->panel_fill = (LpPanelFill)v;
  }
  (void)sum; /* the panels are the sheet: checked against the page's width once it is known */
  return TRUE;
}

/* copyfit: how far a folded leaflet's running text may be set smaller to fit
 * its text panels. The floor is the running text's (LP_FLOOR_BODY_PT); the
 * sizes it may not exceed are checked once the styles are known (validate). */
#define COPYFIT_STEP_DEFAULT 0.25
#define COPYFIT_STEP_MIN 0.05
#define COPYFIT_STEP_MAX 1.0
static gboolean read_copyfit(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'copyfit'", err) || !lp_yaml_check_keys(n, "'copyfit'", copyfit_keys, err))
    return FALSE;
  l->copyfit_pos = lp_yaml_pos(n);
  const LpYaml *min = lp_yaml_get(n, "min_size");
  if (!min) {
    lp_set_error(err, LP_EXIT_INPUT, &l->copyfit_pos,
                 "copyfit: expected min_size: the smallest body size the text may be set at, %.0fpt or more",
                 LP_FLOOR_BODY_PT);
    return FALSE;
  }
  if (!lp_yaml_length(min, "copyfit min_size", &l->copyfit_min_size, err))
    return FALSE;
  if (l->copyfit_min_size < LP_FLOOR_BODY_PT - 1e-6) {
    LpPos pos = lp_yaml_pos(min);
    lp_set_error(err, LP_EXIT_INPUT, &pos,
                 "copyfit min_size: %.4gpt is under the running text's readability floor: expected %.0fpt or more",
                 l->copyfit_min_size, LP_FLOOR_BODY_PT);
    return FALSE;
  }
  l->copyfit_step = COPYFIT_STEP_DEFAULT;
  const LpYaml *step = lp_yaml_get(n, "step");
  if (step && !lp_yaml_length(step, "copyfit step", &l->copyfit_step, err))
    return FALSE;
  if (l->copyfit_step < COPYFIT_STEP_MIN - 1e-9 || l->copyfit_step > COPYFIT_STEP_MAX + 1e-9) {
    LpPos pos = lp_yaml_pos(step);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "copyfit step: %.4gpt: expected %.2gpt to %.2gpt (e.g. %.2gpt)",
                 l->copyfit_step, COPYFIT_STEP_MIN, COPYFIT_STEP_MAX, COPYFIT_STEP_DEFAULT);
    return FALSE;
  }
  return TRUE;
}

static gboolean read_colors(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  const char *const *names = lp_named_color_names();
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'colors'", err) || !lp_yaml_check_keys(n, "'colors'", names, err))
    return FALSE;
  for (int i = 0; i < LP_NAMED_COUNT; i++) {
    const LpYaml *v = lp_yaml_get(n, names[i]);
    char *what = g_strdup_printf("colour '%s'", names[i]);
    gboolean ok = !v || lp_yaml_color(v, what, &l->colors[i], err);
    g_free(what);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

static gboolean read_style_color(const LpYaml *v, LpStyle *s, const char *what, GError **err) {
  const char *name = lp_yaml_scalar(v);
  const char *const *names = lp_named_color_names();
  for (int i = 0; name && names[i]; i++)
    if (strcmp(name, names[i]) == 0) {
      s->color_ref = (LpNamedColor)i;
      return TRUE;
    }
  if (name && name[0] != '#' && g_ascii_strncasecmp(name, "cmyk(", 5) != 0) {
    char *list = g_strjoinv(", ", (char **)names);
    LpPos pos = lp_yaml_pos(v);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: '%s' is not a colour: expected #rrggbb, cmyk(c, m, y, k) or one of %s",
                 what, name, list);
    g_free(list);
    return FALSE;
  }
  if (!lp_yaml_color(v, what, &s->color, err))
    return FALSE;
  s->color_ref = LP_NAMED_NONE;
  return TRUE;
}

static gboolean read_style(const LpYaml *n, const char *name, LpStyle *s, GError **err) {
  char *what = g_strdup_printf("style '%s'", name);
  gboolean ok = lp_yaml_expect(n, LP_YAML_MAP, what, err) && lp_yaml_check_keys(n, what, style_keys, err);
  s->pos = lp_yaml_pos(n);
  for (guint i = 0; ok && i < lp_yaml_len(n); i++) {
    const char *key = lp_yaml_key(n, i);
    const LpYaml *v = lp_yaml_value(n, i);
    char *kwhat = g_strdup_printf("%s of style '%s'", key, name);
    if (strcmp(key, "font") == 0) {
      char *f = lp_yaml_string(v, kwhat, err);
      ok = f != NULL;
      if (ok) {
        g_free(s->font);
        s->font = f;
      }
    } else if (strcmp(key, "size") == 0) {
      ok = lp_yaml_length(v, kwhat, &s->size, err);
      if (ok && s->size < LP_FLOOR_ANY_PT) {
        LpPos pos = lp_yaml_pos(v);
        lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: %.4gpt is under the readability floor of %.1fpt", kwhat, s->size,
                     LP_FLOOR_ANY_PT);
        ok = FALSE;
      }
    } else if (strcmp(key, "leading") == 0) {
      ok = lp_yaml_length(v, kwhat, &s->leading, err);
    } else if (strcmp(key, "weight") == 0) {
      static const char *const w[] = {"normal", "bold", NULL};
      int idx;
      ok = lp_yaml_enum(v, kwhat, w, &idx, err);
      if (ok)
        s->weight = idx ? 700 : 400;
    } else if (strcmp(key, "italic") == 0) {
      ok = lp_yaml_bool(v, kwhat, &s->italic, err);
    } else if (strcmp(key, "color") == 0) {
      ok = read_style_color(v, s, kwhat, err);
    } else if (strcmp(key, "space_before") == 0) {
      ok = lp_yaml_length(v, kwhat, &s->space_before, err);
    } else if (strcmp(key, "space_after") == 0) {
      ok = lp_yaml_length(v, kwhat, &s->space_after, err);
    } else if (strcmp(key, "align") == 0) {
      int a;
      ok = lp_yaml_enum(v, kwhat, align_names, &a, err);
      if (ok)
        s->align = (LpAlign)a;
    } else if (strcmp(key, "hyphenate") == 0) {
      ok = lp_yaml_bool(v, kwhat, &s->hyphenate, err);
    } else if (strcmp(key, "keep_with_next") == 0) {
      ok = lp_yaml_bool(v, kwhat, &s->keep_with_next, err);
    } else if (strcmp(key, "indent") == 0) {
      ok = lp_yaml_length(v, kwhat, &s->indent, err);
    } else if (strcmp(key, "uppercase") == 0) {
      ok = lp_yaml_bool(v, kwhat, &s->uppercase, err);
    } else if (strcmp(key, "min_size") == 0) {
      ok = lp_yaml_length(v, kwhat, &s->min_size, err);
      if (ok && s->min_size < LP_FLOOR_ANY_PT) {
        LpPos pos = lp_yaml_pos(v);
        lp_set_error(err, LP_EXIT_INPUT, &pos, "%s: %.4gpt is under the readability floor of %.1fpt", kwhat,
                     s->min_size, LP_FLOOR_ANY_PT);
        ok = FALSE;
      }
    }
    g_free(kwhat);
  }
  g_free(what);
  /* Copy-fit never shrinks a style below the size it asks for unless the
   * layout says how far it may go. */
  if (ok && lp_yaml_get(n, "size") && !lp_yaml_get(n, "min_size"))
    s->min_size = MIN(s->min_size, s->size);
  if (ok && s->min_size > s->size)
    s->min_size = s->size;
  return ok;
}

static gboolean read_styles(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  const char *const *names = lp_style_names();
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'styles'", err) || !lp_yaml_check_keys(n, "'styles'", names, err))
    return FALSE;
  for (int i = 0; i < LP_STYLE_COUNT; i++) {
    const LpYaml *v = lp_yaml_get(n, names[i]);
    if (v && !read_style(v, names[i], &l->styles[i], err))
      return FALSE;
  }
  return TRUE;
}

static gboolean read_template(const LpYaml *v, const char *what, char **dst, LpPos *pos, GError **err) {
  char *s = lp_yaml_string(v, what, err);
  if (!s)
    return FALSE;
  g_free(*dst);
  *dst = s;
  *pos = lp_yaml_pos(v);
  return TRUE;
}

static gboolean read_running(const LpYaml *n, const char *what, LpRunning *r, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, what, err) || !lp_yaml_check_keys(n, what, running_keys, err))
    return FALSE;
  for (int slot = 0; slot < LP_SLOT_COUNT; slot++) {
    const LpYaml *v = lp_yaml_get(n, running_keys[slot]);
    if (!v)
      continue;
    GPtrArray *parts = lp_yaml_strings(v, what, err);
    if (!parts)
      return FALSE;
    if (r->parts[slot])
      g_ptr_array_unref(r->parts[slot]);
    r->parts[slot] = parts;
    r->pos[slot] = lp_yaml_pos(v);
  }
  const LpYaml *v = lp_yaml_get(n, "first_page");
  return !v || lp_yaml_bool(v, "first_page", &r->first_page, err);
}

static gboolean read_band(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'band'", err) || !lp_yaml_check_keys(n, "'band'", band_keys, err))
    return FALSE;
  const LpYaml *v;
  if ((v = lp_yaml_get(n, "padding")) && !lp_yaml_length(v, "band padding", &l->band_padding, err))
    return FALSE;
  if ((v = lp_yaml_get(n, "kicker"))) {
    GPtrArray *parts = lp_yaml_strings(v, "band kicker", err);
    if (!parts)
      return FALSE;
    if (l->kicker)
      g_ptr_array_unref(l->kicker);
    l->kicker = parts;
    l->kicker_pos = lp_yaml_pos(v);
  }
  return TRUE;
}

/* How body pictures sit when the article does not say: {place: column|across, width: 60%}. */
static gboolean read_pictures(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'pictures'", err) || !lp_yaml_check_keys(n, "'pictures'", picture_keys, err))
    return FALSE;
  const LpYaml *v;
  int place = l->picture_across;
  if ((v = lp_yaml_get(n, "place"))) {
    if (!lp_yaml_enum(v, "pictures place", place_names, &place, err))
      return FALSE;
    l->picture_across = place == 1;
  }
  if ((v = lp_yaml_get(n, "width"))) {
    char *s = lp_yaml_string(v, "pictures width", err);
    if (!s)
      return FALSE;
    char *end = NULL;
    double f = g_ascii_strtod(s, &end);
    gboolean ok = end && end != s && g_str_equal(end, "%") && f > 0 && f <= 100;
    if (!ok) {
      LpPos pos = lp_yaml_pos(v);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "pictures width '%s': expected a share of the measure from 1%% to 100%% (60%%)", s);
    } else {
      l->picture_width = f / 100;
    }
    g_free(s);
    return ok;
  }
  return TRUE;
}

/* A box a layout may show, with its title: `summary` and `contact`. */
static gboolean read_box(const LpYaml *n, const char *name, gboolean *show, char **title, LpPos *title_pos,
                         GError **err) {
  static const char *const keys[] = {"show", "title", NULL};
  char *what = g_strdup_printf("'%s'", name);
  gboolean ok = lp_yaml_expect(n, LP_YAML_MAP, what, err) && lp_yaml_check_keys(n, what, keys, err);
  g_free(what);
  const LpYaml *v;
  char *show_what = g_strdup_printf("%s show", name), *title_what = g_strdup_printf("%s title", name);
  ok = ok && (!(v = lp_yaml_get(n, "show")) || lp_yaml_bool(v, show_what, show, err)) &&
       (!(v = lp_yaml_get(n, "title")) || read_template(v, title_what, title, title_pos, err));
  g_free(show_what);
  g_free(title_what);
  return ok;
}

/* Where a margin was set in this file: its own value, else `margins`, else `page`
 * (a block mapping starts at its first key, which may be any other setting). */
static LpPos margin_pos(const LpYaml *page, const char *side, LpPos fallback) {
  const LpYaml *m = lp_yaml_get(page, "margins");
  const LpYaml *v = lp_yaml_get(m, side);
  return v ? lp_yaml_pos(v) : m ? lp_yaml_pos(m) : fallback;
}

/* A list of the card's blocks, for a card's side or a booklet's cover; it
 * replaces what *dst held. */
static gboolean read_blocks(const LpYaml *v, const char *what, GArray **dst, GError **err) {
  gboolean ok = lp_yaml_expect(v, LP_YAML_SEQ, what, err);
  GArray *blocks = g_array_new(FALSE, FALSE, sizeof(LpCardBlock));
  for (guint i = 0; ok && i < lp_yaml_len(v); i++) {
    int b;
    ok = lp_yaml_enum(lp_yaml_item(v, i), what, lp_card_block_names(), &b, err);
    if (ok) {
      LpCardBlock cb = (LpCardBlock)b;
      g_array_append_val(blocks, cb);
    }
  }
  if (!ok) {
    g_array_free(blocks, TRUE);
    return FALSE;
  }
  if (*dst)
    g_array_free(*dst, TRUE);
  *dst = blocks;
  return TRUE;
}

static gboolean read_card(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'card'", err) || !lp_yaml_check_keys(n, "'card'", card_keys, err))
    return FALSE;
  for (int side = 0; side < 2; side++) {
    const LpYaml *v = lp_yaml_get(n, card_keys[side]);
    if (!v)
      continue;
    char *what = g_strdup_printf("the card's %s", card_keys[side]);
    gboolean ok = read_blocks(v, what, &l->card_sides[side], err);
    g_free(what);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

/* A leaflet's page roles: the cover and the back cover, each a list of the
 * card's blocks (an empty list: no such page), and what pads a booklet. */
static gboolean read_booklet(const LpYaml *n, LpLayoutSpec *l, GError **err) {
  if (!lp_yaml_expect(n, LP_YAML_MAP, "'booklet'", err) || !lp_yaml_check_keys(n, "'booklet'", booklet_keys, err))
    return FALSE;
  l->booklet_pos = lp_yaml_pos(n);
  static const char *const what[] = {"the booklet's cover", "the booklet's back cover"};
  for (int i = 0; i < 2; i++) {
    const LpYaml *v = lp_yaml_get(n, booklet_keys[i]);
    if (!v)
      continue;
    if (!read_blocks(v, what[i], &l->booklet_pages[i], err))
      return FALSE;
    if (l->booklet_pages[i]->len == 0) {
      g_array_free(l->booklet_pages[i], TRUE);
      l->booklet_pages[i] = NULL;
    }
  }
  const LpYaml *v = lp_yaml_get(n, "padding");
  int pad = (int)l->padding;
  if (v && !lp_yaml_enum(v, "booklet padding", lp_padding_names(), &pad, err))
    return FALSE;
  l->padding = (LpPadding)pad;
  return TRUE;
}

/* Checks that need the whole layout, base and overrides together. */
static gboolean validate(LpLayoutSpec *l, const LpYaml *root, GError **err) {
  LpPos pos = lp_yaml_pos(root);
  const LpYaml *page = lp_yaml_get(root, "page");
  LpPos page_pos = page ? lp_yaml_pos(page) : pos;
  double margins[] = {l->margin_top, l->margin_bottom, l->margin_left, l->margin_right};
  for (int i = 0; i < 4; i++)
    if (margins[i] < MIN_MARGIN) {
      LpPos mpos = margin_pos(page, margin_keys[i], page_pos);
      lp_set_error(err, LP_EXIT_INPUT, &mpos,
                   "the %s margin is %.1fmm: text must stay at least 5mm from the trimmed edge", margin_keys[i],
                   margins[i] / MM);
      return FALSE;
    }
  if (lp_layout_spec_column_width(l) < 72) {
    lp_set_error(err, LP_EXIT_INPUT, &page_pos,
                 "columns are %.1fmm wide: the page, margins, columns and gutter leave under 1 inch a column",
                 lp_layout_spec_column_width(l) / MM);
    return FALSE;
  }
  if (l->margin_top + l->margin_bottom > l->page_h - 144) {
    lp_set_error(err, LP_EXIT_INPUT, &page_pos, "the top and bottom margins leave under 2 inches of page");
    return FALSE;
  }
  static const LpStyleId reading[] = {LP_STYLE_BODY, LP_STYLE_LIST, LP_STYLE_BOX};
  for (gsize i = 0; i < G_N_ELEMENTS(reading); i++) {
    const LpStyle *s = &l->styles[reading[i]];
    LpPos spos = s->pos.file ? s->pos : pos;
    if (s->size < LP_FLOOR_BODY_PT) {
      lp_set_error(err, LP_EXIT_INPUT, &spos, "style '%s' is %.4gpt: running text must be at least %.0fpt",
                   lp_style_name(reading[i]), s->size, LP_FLOOR_BODY_PT);
      return FALSE;
    }
    if (s->min_size < LP_FLOOR_BODY_PT) {
      lp_set_error(err, LP_EXIT_INPUT, &spos, "style '%s' may shrink to %.4gpt: running text must stay at least %.0fpt",
                   lp_style_name(reading[i]), s->min_size, LP_FLOOR_BODY_PT);
      return FALSE;
    }
    if (s->leading < s->size * LP_FLOOR_LEADING_RATIO - 1e-6) {
      lp_set_error(err, LP_EXIT_INPUT, &spos,
                   "style '%s' has leading %.4gpt for %.4gpt type: running text needs at least %.1f × its size "
                   "(%.4gpt)",
                   lp_style_name(reading[i]), s->leading, s->size, LP_FLOOR_LEADING_RATIO,
                   s->size * LP_FLOOR_LEADING_RATIO);
      return FALSE;
    }
  }
  /* A minimum above the size would set the text larger to fit it. */
  static const LpStyleId fitted[] = {LP_STYLE_BODY, LP_STYLE_LIST};
  for (gsize i = 0; l->copyfit_min_size > 0 && i < G_N_ELEMENTS(fitted); i++) {
    const LpStyle *s = &l->styles[fitted[i]];
    if (l->copyfit_min_size > s->size + 1e-6) {
      lp_set_error(err, LP_EXIT_INPUT, &l->copyfit_pos,
                   "copyfit: min_size %.4gpt is above the size of style '%s' (%.4gpt): expected %.4gpt or less",
                   l->copyfit_min_size, lp_style_name(fitted[i]), s->size, s->size);
      return FALSE;
    }
  }
  for (int i = 0; i < LP_STYLE_COUNT; i++) {
    const LpStyle *s = &l->styles[i];
    LpPos spos = s->pos.file ? s->pos : pos;
    if (s->leading < s->size) {
      lp_set_error(err, LP_EXIT_INPUT, &spos, "style '%s' has leading %.4gpt, less than its size %.4gpt",
                   lp_style_name((LpStyleId)i), s->leading, s->size);
      return FALSE;
    }
  }
  return TRUE;
}

/* `extends: NAME`: the layout next to this one. */
static LpLayoutSpec *read_sibling(const LpCtx *ctx, const char *path, const char *name, const LpPos *pos, int depth,
                                  GError **err) {
  char *dir = g_path_get_dirname(path);
  char *file = g_strdup_printf("%s/%s.yaml", dir, name);
  GError *sub = NULL;
  /* The base must not be a link out of the granted folders. */
  char *base_name = g_strdup_printf("%s.yaml", name);
  char *checked = g_file_test(file, G_FILE_TEST_EXISTS)
                      ? lp_paths_resolve(ctx, path, base_name, "extends", pos, LP_PATH_FILE, &sub)
                      : NULL;
  g_free(base_name);
  LpLayoutSpec *l = checked ? read_file(ctx, file, depth + 1, &sub) : NULL;
  g_free(checked);
  if (!l) {
    if (g_file_test(file, G_FILE_TEST_EXISTS))
      g_propagate_error(err, sub);
    else {
      lp_set_error(err, LP_EXIT_INPUT, pos, "extends: no layout '%s' next to this one", name);
      g_clear_error(&sub);
    }
  }
  g_free(dir);
  g_free(file);
  return l;
}

/* `extends: leafpress:NAME`: the layout installed with leafpress. */
static LpLayoutSpec *read_installed(const LpCtx *ctx, const char *name, const LpPos *pos, int depth, GError **err) {
  const char *base = name + strlen(LP_INSTALLED_PREFIX);
  if (!lp_datadir()) {
    lp_set_error_hint(err, LP_EXIT_INPUT, pos, "run an installed leafpress (cmake --install, or the Debian package)",
                      "extends: '%s' is a layout installed with leafpress, and this leafpress is not installed (no "
                      "share/leafpress beside its bin/)",
                      name);
    return NULL;
  }
  char *file = lp_datadir_layout(base);
  if (!file) {
    GPtrArray *names = lp_datadir_layout_names();
    g_ptr_array_add(names, NULL);
    const char *near = lp_nearest(name, (const char *const *)names->pdata);
    char *list = g_strjoinv(", ", (char **)names->pdata);
    char *hint = near ? g_strdup_printf("did you mean '%s'? (installed: %s)", near, list)
                      : g_strdup_printf("installed: %s", list);
    lp_set_error_hint(err, LP_EXIT_INPUT, pos, hint, "extends: no installed layout '%s'", name);
    g_free(hint);
    g_free(list);
    g_ptr_array_unref(names);
    return NULL;
  }
  LpLayoutSpec *l = read_file(ctx, file, depth + 1, err);
  g_free(file);
  return l;
}

static LpLayoutSpec *read_root(const LpCtx *ctx, const char *path, const LpYaml *root, int depth, GError **err) {
  if (!lp_yaml_expect(root, LP_YAML_MAP, "a layout", err) || !lp_yaml_check_keys(root, "a layout", top_keys, err))
    return NULL;
  LpLayoutSpec *l = NULL;
  const LpYaml *ext = lp_yaml_get(root, "extends");
  if (ext) {
    char *name = lp_yaml_string(ext, "extends", err);
    if (!name)
      return NULL;
    LpPos pos = lp_yaml_pos(ext);
    if (depth >= MAX_EXTENDS)
      lp_set_error(err, LP_EXIT_INPUT, &pos, "layouts extend each other more than %d deep (a loop?)", MAX_EXTENDS);
    else if (g_str_has_prefix(name, LP_INSTALLED_PREFIX))
      l = read_installed(ctx, name, &pos, depth, err);
    else if (strchr(name, '/') || name[0] == '.')
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "extends: expected the name of a layout in the same folder or 'leafpress:NAME' (installed), "
                   "found '%s'",
                   name);
    else
      l = read_sibling(ctx, path, name, &pos, depth, err);
    g_free(name);
    if (!l)
      return NULL;
  } else {
    l = lp_layout_spec_new();
  }
  const LpYaml *v;
  int kind = 0;
  gboolean ok = (!(v = lp_yaml_get(root, "kind")) || lp_yaml_enum(v, "layout kind", lp_layout_kind_names(), &kind, err)) &&
                (!(v = lp_yaml_get(root, "page")) || read_page(v, l, err)) &&
                (!(v = lp_yaml_get(root, "colors")) || read_colors(v, l, err)) &&
                (!(v = lp_yaml_get(root, "styles")) || read_styles(v, l, err)) &&
                (!(v = lp_yaml_get(root, "band")) || read_band(v, l, err)) &&
                (!(v = lp_yaml_get(root, "pictures")) || read_pictures(v, l, err)) &&
                (!(v = lp_yaml_get(root, "summary")) ||
                 read_box(v, "summary", &l->summary, &l->summary_title, &l->summary_title_pos, err)) &&
                (!(v = lp_yaml_get(root, "contact")) ||
                 read_box(v, "contact", &l->contact, &l->contact_title, &l->contact_title_pos, err)) &&
                (!(v = lp_yaml_get(root, "header")) || read_running(v, "'header'", &l->header, err)) &&
                (!(v = lp_yaml_get(root, "footer")) || read_running(v, "'footer'", &l->footer, err)) &&
                (!(v = lp_yaml_get(root, "card")) || read_card(v, l, err)) &&
                (!(v = lp_yaml_get(root, "sheet")) || read_sheet(v, l, err)) &&
                (!(v = lp_yaml_get(root, "panels")) || read_panels(v, l, err)) &&
                (!(v = lp_yaml_get(root, "booklet")) || read_booklet(v, l, err)) &&
                (!(v = lp_yaml_get(root, "copyfit")) || read_copyfit(v, l, err)) &&
                validate(l, root, err);
  if (!ok) {
    lp_layout_spec_free(l);
    return NULL;
  }
  if (lp_yaml_get(root, "kind") || !ext)
    l->kind = (LpLayoutKind)kind;
  /* Padding written where the pages are not a booklet's would do nothing. */
  const LpYaml *pad = lp_yaml_get(lp_yaml_get(root, "booklet"), "padding");
  if (pad && l->imposition != LP_IMPOSE_BOOKLET) {
    LpPos ppos = lp_yaml_pos(pad);
    lp_set_error(err, LP_EXIT_INPUT, &ppos,
                 "booklet padding: only a booklet's pages are padded to a multiple of 4: expected "
                 "sheet: {imposition: booklet} with it, or no padding key");
    lp_layout_spec_free(l);
    return NULL;
  }
  if (l->copyfit_min_size > 0 && l->kind != LP_KIND_FOLDED) {
    lp_set_error(err, LP_EXIT_INPUT, &l->copyfit_pos,
                 "copyfit: only a folded layout's text panels are copy-fitted, and this layout is of kind '%s': "
                 "expected kind: folded, or no copyfit key (a card copy-fits with its styles' min_size)",
                 lp_layout_kind_names()[l->kind]);
    lp_layout_spec_free(l);
    return NULL;
  }
  if (l->kind != LP_KIND_LEAFLET && (l->booklet_pages[0] || l->booklet_pages[1])) {
    lp_set_error(err, LP_EXIT_INPUT, &l->booklet_pos,
                 "booklet: a cover and a back cover are pages of a leaflet, and this layout is of kind '%s': "
                 "expected kind: leaflet, or no booklet key",
                 lp_layout_kind_names()[l->kind]);
    lp_layout_spec_free(l);
    return NULL;
  }
  if (l->kind == LP_KIND_CARD && (!l->card_sides[0] || !l->card_sides[1])) {
    LpPos pos = lp_yaml_pos(root);
    lp_set_error(err, LP_EXIT_INPUT, &pos, "a card layout needs 'card: {front: [...], back: [...]}' (blocks: %s)",
                 "band, points, patient, date, contact, heading, timeline, phases, advice, version");
    lp_layout_spec_free(l);
    return NULL;
  }
  if (l->kind == LP_KIND_FOLDED) {
    double sum = 0;
    for (int i = 0; i < l->n_panels; i++)
      sum += l->panel_w[i];
    LpPos pos = l->n_panels ? l->panels_pos : lp_yaml_pos(root);
    if (!l->n_panels) {
      lp_set_error(err, LP_EXIT_INPUT, &pos,
                   "a folded layout needs 'panels: {widths: [...], outside: [...], inside: [...]}'");
    } else if (fabs(sum - l->page_w) > 0.5 * MM) {
      lp_set_error(err, LP_EXIT_INPUT, &pos, "panels: the widths add up to %.1f mm, the page is %.1f mm wide",
                   sum / MM, l->page_w / MM);
    } else {
      lp_layout_spec_resolve_colors(l);
      return l;
    }
    lp_layout_spec_free(l);
    return NULL;
  }
  lp_layout_spec_resolve_colors(l);
  return l;
}

static LpLayoutSpec *parse(const LpCtx *ctx, const char *path, const char *data, gsize length, int depth,
                           GError **err) {
  LpYaml *root = lp_yaml_parse(ctx, data, length, path, 0, err);
  if (!root) {
    if (err && !*err) {
      LpPos pos = lp_pos(path, 0, 0);
      lp_set_error(err, LP_EXIT_INPUT, &pos, "the layout is empty");
    }
    return NULL;
  }
  LpLayoutSpec *l = read_root(ctx, path, root, depth, err);
  lp_yaml_free(root);
  if (l) {
    g_free(l->file);
    l->file = g_strdup(path);
    if (!l->sources)
      l->sources = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(l->sources, g_strdup(path));
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot)
      *dot = '\0';
    g_free(l->name);
    l->name = base;
  }
  return l;
}

static LpLayoutSpec *read_file(const LpCtx *ctx, const char *path, int depth, GError **err) {
  gsize len;
  char *data = lp_source_read(ctx, path, "layout", &len, err);
  if (!data)
    return NULL;
  LpLayoutSpec *l = parse(ctx, path, data, len, depth, err);
  g_free(data);
  return l;
}

LpLayoutSpec *lp_layoutfile_read(const LpCtx *ctx, const char *path, GError **err) {
  return read_file(ctx, path, 0, err);
}

LpLayoutSpec *lp_layoutfile_parse(const LpCtx *ctx, const char *path, const char *data, gsize length, GError **err) {
  if (!lp_source_check_text(path, data, length, 1, err))
    return NULL;
  return parse(ctx, path, data, length, 0, err);
}
