#include "finish/finish.h"
#include "finish/artifact.h"
#include "finish/join.h"
#include "finish/order.h"
#include "finish/tounicode.h"

#include <qpdf/qpdf-c.h>
#include <string.h>

static gboolean failed(qpdf_data q, const char *step, GError **err) {
  if (!qpdf_has_error(q))
    return FALSE;
  qpdf_error e = qpdf_get_error(q);
  lp_set_error(err, LP_EXIT_IO, NULL, "internal error finishing the PDF (%s): %s", step,
               qpdf_get_error_full_text(q, e));
  return TRUE;
}

/* cairo 1.16 writes the root outline's /Count as a negative number, which
 * means "closed" for an item but is invalid on the outline root. */
static void fix_outline_count(qpdf_data q, qpdf_oh root) {
  qpdf_oh outlines = qpdf_oh_get_key(q, root, "/Outlines");
  if (qpdf_oh_is_dictionary(q, outlines) && qpdf_oh_has_key(q, outlines, "/Count")) {
    qpdf_oh count = qpdf_oh_get_key(q, outlines, "/Count");
    if (qpdf_oh_is_integer(q, count)) {
      long long n = qpdf_oh_get_int_value(q, count);
      if (n < 0)
        qpdf_oh_replace_key(q, outlines, "/Count", qpdf_oh_new_integer(q, -n));
    }
  }
}

/* cairo 1.16 cannot keep a tag open across pages, so the structure root gets
 * every top-level element as its own child. Tagged PDF wants one Document
 * element there: insert it and hang the old children under it. */
static void wrap_document(qpdf_data q, qpdf_oh root) {
  qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
  if (!qpdf_oh_is_dictionary(q, tree))
    return;
  qpdf_oh kids = qpdf_oh_get_key(q, tree, "/K");
  if (qpdf_oh_is_dictionary(q, kids)) {
    qpdf_oh s = qpdf_oh_get_key(q, kids, "/S");
    if (qpdf_oh_is_name_and_equals(q, s, "/Document"))
      return;
    kids = qpdf_oh_wrap_in_array(q, kids);
  }
  if (!qpdf_oh_is_array(q, kids))
    return;
  qpdf_oh doc = qpdf_make_indirect_object(q, qpdf_oh_parse(q, "<< /Type /StructElem /S /Document >>"));
  qpdf_oh_replace_key(q, doc, "/P", tree);
  qpdf_oh_replace_key(q, doc, "/K", kids);
  int n = qpdf_oh_get_array_n_items(q, kids);
  for (int i = 0; i < n; i++) {
    qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
    if (qpdf_oh_is_dictionary(q, kid))
      qpdf_oh_replace_key(q, kid, "/P", doc);
  }
  qpdf_oh_replace_key(q, tree, "/K", doc);
}

/* Gives the Figure structure elements, in document order, their /Alt. */
static void add_alts(qpdf_data q, qpdf_oh node, const GPtrArray *alts, guint *next, int depth) {
  if (depth > 64 || *next >= alts->len)
    return;
  if (qpdf_oh_is_array(q, node)) {
    int n = qpdf_oh_get_array_n_items(q, node);
    for (int i = 0; i < n; i++)
      add_alts(q, qpdf_oh_get_array_item(q, node, i), alts, next, depth + 1);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, node))
    return;
  if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/Figure")) {
    const char *alt = g_ptr_array_index(alts, (*next)++);
    if (alt && *alt)
      qpdf_oh_replace_key(q, node, "/Alt", qpdf_oh_new_unicode_string(q, alt));
  }
  qpdf_oh kids = qpdf_oh_get_key(q, node, "/K");
  if (qpdf_oh_is_array(q, kids) || qpdf_oh_is_dictionary(q, kids))
    add_alts(q, kids, alts, next, depth + 1);
}

/* Turns the writer's LP_WRITE_LANG_SPAN_ROLE elements, in document order,
 * into Spans with the language of each; counts them in *next. */
static void add_span_langs(qpdf_data q, qpdf_oh node, const GPtrArray *langs, guint *next, int depth) {
  if (depth > 64)
    return;
  if (qpdf_oh_is_array(q, node)) {
    int n = qpdf_oh_get_array_n_items(q, node);
    for (int i = 0; i < n; i++)
      add_span_langs(q, qpdf_oh_get_array_item(q, node, i), langs, next, depth + 1);
    return;
  }
  if (!qpdf_oh_is_dictionary(q, node))
    return;
  if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"), "/" LP_WRITE_LANG_SPAN_ROLE)) {
    if (*next < langs->len) {
      qpdf_oh_replace_key(q, node, "/S", qpdf_oh_new_name(q, "/Span"));
      qpdf_oh_replace_key(q, node, "/Lang", qpdf_oh_new_unicode_string(q, g_ptr_array_index(langs, *next)));
    }
    (*next)++;
  }
  qpdf_oh kids = qpdf_oh_get_key(q, node, "/K");
  if (qpdf_oh_is_array(q, kids) || qpdf_oh_is_dictionary(q, kids))
    add_span_langs(q, kids, langs, next, depth + 1);
}

/* ---- print: the trimmed page and its bleed ---- */

/* The page's MediaBox, inherited from the page tree when the page has none of
 * its own, as x0 y0 x1 y1 with x0 < x1 and y0 < y1. */
static gboolean media_box(qpdf_data q, qpdf_oh page, double box[4]) {
  qpdf_oh node = page;
  for (int depth = 0; depth < 32 && qpdf_oh_is_dictionary(q, node); depth++) {
    qpdf_oh mb = qpdf_oh_get_key(q, node, "/MediaBox");
    if (qpdf_oh_is_array(q, mb)) {
      if (qpdf_oh_get_array_n_items(q, mb) != 4)
        return FALSE;
      for (int i = 0; i < 4; i++) {
        qpdf_oh v = qpdf_oh_get_array_item(q, mb, i);
        if (!qpdf_oh_is_number(q, v))
          return FALSE;
        box[i] = qpdf_oh_get_numeric_value(q, v);
      }
      double x0 = MIN(box[0], box[2]), x1 = MAX(box[0], box[2]);
      double y0 = MIN(box[1], box[3]), y1 = MAX(box[1], box[3]);
      box[0] = x0, box[1] = y0, box[2] = x1, box[3] = y1;
      return TRUE;
    }
    node = qpdf_oh_get_key(q, node, "/Parent");
  }
  return FALSE;
}

static qpdf_oh inset_box(qpdf_data q, const double box[4], double inset) {
  double v[4] = {box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset};
  qpdf_oh a = qpdf_oh_new_array(q);
  for (int i = 0; i < 4; i++)
    qpdf_oh_append_item(q, a, qpdf_oh_new_real_from_double(q, v[i], 4));
  return a;
}

/* The writers grew every page by bleed + slug on each side (lp_write_offset);
 * TrimBox and BleedBox tell a print shop where to cut and how far the ink may
 * run. Each page's own MediaBox is the reference: pages may differ in size. */
static gboolean set_print_boxes(qpdf_data q, double bleed, double slug, GError **err) {
  int n = qpdf_get_num_pages(q);
  if (failed(q, "pages", err))
    return FALSE;
  for (int i = 0; i < n; i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    double box[4];
    if (!media_box(q, page, box) || box[2] - box[0] <= 2 * (bleed + slug) || box[3] - box[1] <= 2 * (bleed + slug)) {
      if (!failed(q, "page boxes", err))
        lp_set_error(err, LP_EXIT_IO, NULL,
                     "internal error finishing the PDF: page %d has no MediaBox larger than its bleed and slug", i + 1);
      return FALSE;
    }
    qpdf_oh_replace_key(q, page, "/TrimBox", inset_box(q, box, bleed + slug));
    qpdf_oh_replace_key(q, page, "/BleedBox", inset_box(q, box, slug));
    if (failed(q, "page boxes", err))
      return FALSE;
  }
  return TRUE;
}

/* ---- document information ---- */

/* The dates come from the book (the article's date or SOURCE_DATE_EPOCH),
 * never the clock. ISO 32000-1 wants the "D:" prefix that cairo 1.16 leaves
 * out; XMP wants the same instant in ISO 8601. */
static gboolean set_dates(qpdf_data q, qpdf_oh info, const LpBookInfo *book, char **xmp_date, GError **err) {
  *xmp_date = NULL;
  if (!book || !book->date || !*book->date)
    return TRUE;
  GDateTime *dt = g_date_time_new_from_iso8601(book->date, NULL);
  if (!dt) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error finishing the PDF: the date '%s' is not ISO 8601",
                 book->date);
    return FALSE;
  }
  GDateTime *utc = g_date_time_to_utc(dt);
  char *pdf_date = g_date_time_format(utc, "D:%Y%m%d%H%M%SZ");
  *xmp_date = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
  g_date_time_unref(utc);
  g_date_time_unref(dt);
  qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, pdf_date));
  qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, pdf_date));
  g_free(pdf_date);
  return !failed(q, "dates", err);
}

static qpdf_oh info_dict(qpdf_data q) {
  qpdf_oh trailer = qpdf_get_trailer(q);
  qpdf_oh info = qpdf_oh_get_key(q, trailer, "/Info");
  if (!qpdf_oh_is_dictionary(q, info)) {
    info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
    qpdf_oh_replace_key(q, trailer, "/Info", info);
  }
  return info;
}

/* A text entry of /Info; where the writer left it out, the book's value, which
 * is then written into /Info too, so that /Info and XMP say the same. */
static char *info_string(qpdf_data q, qpdf_oh info, const char *key, const char *fallback) {
  qpdf_oh v = qpdf_oh_get_key(q, info, key);
  const char *s = qpdf_oh_is_string(q, v) ? qpdf_oh_get_utf8_value(q, v) : NULL;
  if (s && *s)
    return g_strdup(s);
  if (!fallback || !*fallback)
    return NULL;
  qpdf_oh_replace_key(q, info, key, qpdf_oh_new_unicode_string(q, fallback));
  return g_strdup(fallback);
}

/* ---- PDF/A-2b ---- */

/* An output intent's profile, read from a Debian package at run time. */
typedef struct {
  const char *path;
  const char *package;
  const char *space;     /* the colour space its ICC header names */
  int n;                 /* components */
  const char *condition; /* /OutputConditionIdentifier */
  const char *registry;  /* where the condition is registered, or NULL */
  const char *info;      /* /Info: the profile's own description */
} Profile;

static const Profile srgb_profile = {"/usr/share/color/icc/sRGB.icc", "icc-profiles-free", "RGB ", 3,
                                     "sRGB IEC61966-2.1", "http://www.color.org", "sRGB IEC61966-2.1"};
/* icc-profiles-free has no CMYK profile (only FOGRA measurement data); this is
 * Ghostscript's SWOP-like press profile, not a registered condition. */
static const Profile cmyk_profile = {"/usr/share/color/icc/ghostscript/default_cmyk.icc", "libgs-common", "CMYK", 4,
                                     "Custom", NULL, "Artifex CMYK SWOP Profile"};

static GBytes *read_profile(const Profile *p, GError **err) {
  LpPos pos = lp_pos(p->path, 0, 0);
  if (!g_file_test(p->path, G_FILE_TEST_EXISTS)) {
    lp_set_error(err, LP_EXIT_IO, &pos,
                 "--pdfa needs this colour profile from Debian's %s package, which is not installed: "
                 "apt-get install %s",
                 p->package, p->package);
    return NULL;
  }
  char *data;
  gsize len;
  GError *e = NULL;
  if (!g_file_get_contents(p->path, &data, &len, &e)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "cannot read the colour profile --pdfa needs (package %s): %s", p->package,
                 e->message);
    g_error_free(e);
    return NULL;
  }
  /* The header names the profile's class and colour space. PDF/A takes an
   * output (prtr) or monitor (mntr) profile whose space matches /N; refuse
   * anything else rather than write a file that claims what it is not. */
  if (len < 128 || memcmp(data + 36, "acsp", 4) != 0 || memcmp(data + 16, p->space, 4) != 0 ||
      (memcmp(data + 12, "prtr", 4) != 0 && memcmp(data + 12, "mntr", 4) != 0)) {
    lp_set_error(err, LP_EXIT_IO, &pos, "not an ICC output profile of %d components (package %s)", p->n, p->package);
    g_free(data);
    return NULL;
  }
  return g_bytes_new_take(data, len);
}

static gboolean add_output_intent(qpdf_data q, qpdf_oh root, gboolean cmyk, GError **err) {
  const Profile *p = cmyk ? &cmyk_profile : &srgb_profile;
  GBytes *icc = read_profile(p, err);
  if (!icc)
    return FALSE;
  gsize len;
  const unsigned char *data = g_bytes_get_data(icc, &len);
  qpdf_oh stream = qpdf_oh_new_stream(q);
  qpdf_oh_replace_stream_data(q, stream, data, len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
  g_bytes_unref(icc);
  qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, stream), "/N", qpdf_oh_new_integer(q, p->n));
  qpdf_oh intent = qpdf_oh_parse(q, "<< /Type /OutputIntent /S /GTS_PDFA1 >>");
  qpdf_oh_replace_key(q, intent, "/OutputConditionIdentifier", qpdf_oh_new_string(q, p->condition));
  qpdf_oh_replace_key(q, intent, "/Info", qpdf_oh_new_string(q, p->info));
  if (p->registry)
    qpdf_oh_replace_key(q, intent, "/RegistryName", qpdf_oh_new_string(q, p->registry));
  qpdf_oh_replace_key(q, intent, "/DestOutputProfile", stream);
  qpdf_oh intents = qpdf_oh_new_array(q);
  qpdf_oh_append_item(q, intents, intent);
  qpdf_oh_replace_key(q, root, "/OutputIntents", intents);
  return !failed(q, "output intent", err);
}

/* XML text: the five special characters escaped, and the control characters
 * XML 1.0 cannot carry at all left out. */
static void xml_text(GString *out, const char *s) {
  for (const char *p = s; *p; p++) {
    const char *entity = *p == '&'    ? "&amp;"
                         : *p == '<'  ? "&lt;"
                         : *p == '>'  ? "&gt;"
                         : *p == '"'  ? "&quot;"
                         : *p == '\'' ? "&apos;"
                                      : NULL;
    if (entity)
      g_string_append(out, entity);
    else if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
      g_string_append_c(out, *p);
  }
}

static void xmp_text(GString *x, const char *prop, const char *value) {
  if (!value)
    return;
  g_string_append_printf(x, "   <%s>", prop);
  xml_text(x, value);
  g_string_append_printf(x, "</%s>\n", prop);
}

/* A language alternative: the default and, when known, the document's own
 * language, both with the same text. */
static void xmp_alt(GString *x, const char *prop, const char *value, const char *lang) {
  if (!value)
    return;
  g_string_append_printf(x, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", prop);
  xml_text(x, value);
  g_string_append(x, "</rdf:li>");
  if (lang && *lang && g_ascii_strcasecmp(lang, "x-default") != 0) {
    g_string_append(x, "<rdf:li xml:lang=\"");
    xml_text(x, lang);
    g_string_append(x, "\">");
    xml_text(x, value);
    g_string_append(x, "</rdf:li>");
  }
  g_string_append_printf(x, "</rdf:Alt></%s>\n", prop);
}

/* The XMP packet PDF/A-2 wants: its identification plus the document
 * information, every value equal to the /Info entry it mirrors. */
static gboolean add_xmp(qpdf_data q, qpdf_oh root, qpdf_oh info, const LpBookInfo *book, const char *date,
                        gboolean pdfa, gboolean ua, GError **err) {
  char *title = info_string(q, info, "/Title", book ? book->title : NULL);
  char *author = info_string(q, info, "/Author", book ? book->author : NULL);
  char *subject = info_string(q, info, "/Subject", book ? book->subject : NULL);
  char *keywords = info_string(q, info, "/Keywords", book ? book->keywords : NULL);
  char *creator = info_string(q, info, "/Creator", book ? book->creator : NULL);
  char *producer = info_string(q, info, "/Producer", NULL);
  const char *lang = book ? book->lang : NULL;
  GString *x = g_string_new("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
  /* PDF/A-2 accepts only the XMP schemas it predefines, or those the file
   * describes; PDF/UA's identification is not among them (ISO 19005-2
   * 6.6.2.3). */
  if (pdfa && ua)
    lp_finish_xmp_ua_extension(x);
  g_string_append(x, "  <rdf:Description rdf:about=\"\"\n"
                     "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                     "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                     "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                     "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                     "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
  if (pdfa)
    g_string_append(x, "   <pdfaid:part>2</pdfaid:part>\n"
                       "   <pdfaid:conformance>B</pdfaid:conformance>\n");
  if (ua)
    g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n");
  g_string_append(x, "   <dc:format>application/pdf</dc:format>\n");
  xmp_alt(x, "dc:title", title, lang);
  if (author) {
    g_string_append(x, "   <dc:creator><rdf:Seq><rdf:li>");
    xml_text(x, author);
    g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
  }
  xmp_alt(x, "dc:description", subject, lang);
  xmp_text(x, "xmp:CreateDate", date);
  xmp_text(x, "xmp:ModifyDate", date);
  xmp_text(x, "xmp:MetadataDate", date);
  xmp_text(x, "xmp:CreatorTool", creator);
  xmp_text(x, "pdf:Producer", producer);
  xmp_text(x, "pdf:Keywords", keywords);
  g_string_append(x, "  </rdf:Description>\n"
                     " </rdf:RDF>\n"
                     "</x:xmpmeta>\n"
                     "<?xpacket end=\"w\"?>");
  qpdf_oh meta = qpdf_oh_new_stream(q);
  /* No filter: PDF/A wants the packet readable by tools that know no PDF. */
  qpdf_oh_replace_stream_data(q, meta, (const unsigned char *)x->str, x->len, qpdf_oh_new_null(q),
                              qpdf_oh_new_null(q));
  qpdf_oh dict = qpdf_oh_get_dict(q, meta);
  qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
  qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
  qpdf_oh_replace_key(q, root, "/Metadata", meta);
  g_string_free(x, TRUE);
  g_free(title);
  g_free(author);
  g_free(subject);
  g_free(keywords);
  g_free(creator);
  g_free(producer);
  return !failed(q, "XMP metadata", err);
}

/* What cairo 1.16 writes that PDF/A-2 wants said otherwise: a Type 2 CIDFont
 * without /CIDToGIDMap (Identity is the default, PDF/A wants it written out),
 * and images with /Interpolate true (cairo's "good" filter; PDF/A leaves
 * smoothing to nobody). Every object is looked at, so fonts and images inside
 * patterns and forms are found too. */
static gboolean pdfa_objects(qpdf_data q, GError **err) {
  qpdf_oh size = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Size");
  long long n = qpdf_oh_is_integer(q, size) ? qpdf_oh_get_int_value(q, size) : 0;
  for (long long id = 1; id < n && id < G_MAXINT; id++) {
    qpdf_oh o = qpdf_get_object_by_id(q, (int)id, 0);
    qpdf_oh d = qpdf_oh_is_stream(q, o) ? qpdf_oh_get_dict(q, o) : o;
    if (qpdf_oh_is_dictionary(q, d)) {
      qpdf_oh subtype = qpdf_oh_get_key(q, d, "/Subtype");
      if (qpdf_oh_is_name_and_equals(q, subtype, "/CIDFontType2") && !qpdf_oh_has_key(q, d, "/CIDToGIDMap"))
        qpdf_oh_replace_key(q, d, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
      if (qpdf_oh_is_name_and_equals(q, subtype, "/Image") && qpdf_oh_has_key(q, d, "/Interpolate"))
        qpdf_oh_replace_key(q, d, "/Interpolate", qpdf_oh_new_bool(q, QPDF_FALSE));
    }
    if (d != o)
      qpdf_oh_release(q, d);
    qpdf_oh_release(q, o);
    if (failed(q, "PDF/A objects", err))
      return FALSE;
  }
  return TRUE;
}

/* PDF/A wants every annotation but a popup printable and never hidden; cairo
 * writes link annotations without /F. */
#define ANNOT_INVISIBLE 1
#define ANNOT_HIDDEN 2
#define ANNOT_PRINT 4
#define ANNOT_NOVIEW 32
#define ANNOT_TOGGLENOVIEW 256
static gboolean pdfa_annotations(qpdf_data q, GError **err) {
  int n = qpdf_get_num_pages(q);
  for (int i = 0; i < n; i++) {
    qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
    int m = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
    for (int j = 0; j < m; j++) {
      qpdf_oh a = qpdf_oh_get_array_item(q, annots, j);
      if (!qpdf_oh_is_dictionary(q, a) || qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Popup"))
        continue;
      qpdf_oh f = qpdf_oh_get_key(q, a, "/F");
      long long flags = qpdf_oh_is_integer(q, f) ? qpdf_oh_get_int_value(q, f) : 0;
      flags = (flags | ANNOT_PRINT) & ~(ANNOT_INVISIBLE | ANNOT_HIDDEN | ANNOT_NOVIEW | ANNOT_TOGGLENOVIEW);
      qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, flags));
    }
  }
  return !failed(q, "annotations", err);
}

static gboolean make_pdfa(qpdf_data q, qpdf_oh root, qpdf_oh info, const LpFinishOptions *opt, const char *date,
                          GError **err) {
  return add_output_intent(q, root, opt->cmyk, err) && add_xmp(q, root, info, opt->info, date, TRUE, opt->tagged, err) &&
         pdfa_objects(q, err) && pdfa_annotations(q, err);
}

/* ---- encryption ---- */

/* AES-256 (revision 6) with an empty user password: anyone opens the file,
 * the owner password guards the permissions. Text extraction for
 * accessibility stays allowed whatever --allow says: a screen reader must
 * always read a patient leaflet. */
static gboolean encrypt(qpdf_data q, const char *owner, guint allow, GError **err) {
  qpdf_set_r6_encryption_parameters2(q, "", owner, QPDF_TRUE, (allow & LP_ALLOW_COPY) != 0,
                                     (allow & LP_ALLOW_ASSEMBLE) != 0, (allow & LP_ALLOW_ANNOTATE) != 0,
                                     (allow & LP_ALLOW_FORMS) != 0, (allow & LP_ALLOW_MODIFY) != 0,
                                     (allow & LP_ALLOW_PRINT) ? qpdf_r3p_full : qpdf_r3p_none, QPDF_TRUE);
  return !failed(q, "encryption", err);
}

GBytes *lp_finish_pdf(GBytes *pdf, const LpFinishOptions *opt, GError **err) {
  if (opt->pdfa && opt->owner_password) {
    lp_set_error(err, LP_EXIT_IO, NULL, "internal error finishing the PDF: PDF/A cannot be encrypted");
    return NULL;
  }
  qpdf_data q = qpdf_init();
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  gsize len;
  const char *data = g_bytes_get_data(pdf, &len);
  GBytes *out = NULL;
  char *date = NULL;
  LpFinishJoin *join = NULL;
  qpdf_read_memory(q, "leafpress", data, len, NULL);
  if (failed(q, "read", err))
    goto done;
  /* libharu writes CID maps where ToUnicode maps belong (finish/tounicode.h);
   * looking costs each font's map decompressed, so only when asked. */
  if (opt->repairs & LP_REPAIR_TOUNICODE)
    lp_finish_fix_tounicode(q);
  qpdf_oh root = qpdf_get_root(q);
  if (opt->lang && *opt->lang)
    qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, opt->lang));
  if (opt->tagged)
    qpdf_oh_replace_key(q, root, "/MarkInfo", qpdf_oh_parse(q, "<< /Marked true >>"));
  qpdf_oh_replace_key(q, root, "/ViewerPreferences", qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
  fix_outline_count(q, root);
  if ((opt->repairs & LP_REPAIR_ARTIFACTS) && !lp_finish_artifacts(q) && failed(q, "artifacts", err))
    goto done;
  if (opt->tagged) {
    lp_finish_tab_order(q);
    lp_finish_link_contents(q);
  }
  wrap_document(q, root);
  /* Numbered while the tree is in drawing order, joined once it is in
   * reading order (the pieces of a paragraph on two pages of a sheet meet
   * only then). */
  if (opt->tagged && opt->struct_blocks && !(join = lp_finish_join_note(q, opt->struct_blocks, err)))
    goto done;
  if (opt->figure_alts && opt->figure_alts->len) {
    guint next = 0;
    add_alts(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), opt->figure_alts, &next, 0);
  }
  if (opt->tagged && opt->span_langs && opt->span_langs->len) {
    guint next = 0;
    add_span_langs(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), opt->span_langs, &next, 0);
    /* One element per span the pages hold, or the languages would land on
     * the wrong words: a writer's fault, said rather than written. */
    if (next != opt->span_langs->len) {
      lp_set_error(err, LP_EXIT_IO, NULL,
                   "the PDF's structure tree has %u spans in another language where the pages have %u: their "
                   "/Lang cannot be set",
                   next, opt->span_langs->len);
      goto done;
    }
  }
  /* After the alternate texts and the span languages, which are given in the
   * order the pages were drawn. */
  if (opt->tagged && !lp_finish_reading_order(q, opt->placed_order, err))
    goto done;
  lp_finish_join(q, join);
  join = NULL;
  if (failed(q, "update", err))
    goto done;
  qpdf_oh info = info_dict(q);
  if (failed(q, "document information", err) || !set_dates(q, info, opt->info, &date, err))
    goto done;
  if ((opt->bleed > 0 || opt->slug > 0) && !set_print_boxes(q, opt->bleed, opt->slug, err))
    goto done;
  if (opt->pdfa && !make_pdfa(q, root, info, opt, date, err))
    goto done;
  /* A tagged file says it is PDF/UA-1 in its XMP (with --pdfa, above). */
  if (!opt->pdfa && opt->tagged && !add_xmp(q, root, info, opt->info, date, FALSE, TRUE, err))
    goto done;
  qpdf_init_write_memory(q);
  if (failed(q, "write", err))
    goto done;
  if (opt->owner_password) {
    /* No deterministic /ID here: qpdf aborts on that combination, and AES needs
     * random IVs anyway, so an encrypted file differs from build to build. */
    if (!encrypt(q, opt->owner_password, opt->allow, err))
      goto done;
  } else {
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
  }
  /* PDF/A-2 is defined on PDF 1.7 (ISO 32000-1): say so in the header. */
  if (opt->pdfa)
    qpdf_set_minimum_pdf_version(q, "1.7");
  qpdf_set_object_stream_mode(q, qpdf_o_generate);
  qpdf_set_compress_streams(q, QPDF_TRUE);
  if (failed(q, "write options", err))
    goto done;
  qpdf_write(q);
  if (failed(q, "write", err))
    goto done;
  out = g_bytes_new(qpdf_get_buffer(q), qpdf_get_buffer_length(q));
done:
  lp_finish_join_free(join);
  g_free(date);
  qpdf_cleanup(&q);
  return out;
}
