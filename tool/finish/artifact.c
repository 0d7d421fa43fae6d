#include "finish/artifact.h"
#include "finish/tree.h"

#include <string.h>

#include "write/writer.h"

/* ---- content streams: finding the marked-content operators ----
 *
 * libqpdf's C interface parses objects but not content streams, so this is
 * the lexical part of ISO 32000-1 7.2 and 7.8.2, enough to tell operators
 * from operands: white space, comments, strings (which may hold anything),
 * arrays and dictionaries (whose keywords are operands), and inline image
 * data, which is skipped up to its EI. The operands of a BDC are handed to
 * libqpdf as one array to read. */

static gboolean is_space(unsigned char c) {
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean is_delim(unsigned char c) { return c && strchr("()<>[]{}/%", c) != NULL; }

typedef struct {
  const unsigned char *s;
  size_t n, i;
} Lex;

static void skip_literal(Lex *x) {
  int depth = 0;
  while (x->i < x->n) {
    unsigned char c = x->s[x->i++];
    if (c == '\\')
      x->i++;
    else if (c == '(')
      depth++;
    else if (c == ')' && --depth == 0)
      return;
  }
  if (x->i > x->n) /* a backslash as the last byte */
    x->i = x->n;
}

static void skip_to(Lex *x, unsigned char end) {
  while (x->i < x->n && x->s[x->i] != end)
    x->i++;
  if (x->i < x->n)
    x->i++;
}

/* Past inline image data: "ID", one white-space byte, data, white space, "EI". */
static void skip_inline_image(Lex *x) {
  x->i++;
  while (x->i + 2 <= x->n) {
    if (is_space(x->s[x->i]) && x->i + 2 < x->n && x->s[x->i + 1] == 'E' && x->s[x->i + 2] == 'I' &&
        (x->i + 3 == x->n || is_space(x->s[x->i + 3]) || is_delim(x->s[x->i + 3]))) {
      x->i += 3;
      return;
    }
    x->i++;
  }
  x->i = x->n;
}

static gboolean is_operand_keyword(const unsigned char *s, size_t len) {
  if (len == 4 && (memcmp(s, "true", 4) == 0 || memcmp(s, "null", 4) == 0))
    return TRUE;
  if (len == 5 && memcmp(s, "false", 5) == 0)
    return TRUE;
  /* Numbers: digits, signs and a point. */
  for (size_t k = 0; k < len; k++)
    if (!strchr("+-.0123456789", s[k]))
      return FALSE;
  return TRUE;
}

/* The next operator at nesting depth 0: its bytes [*op, *op + *op_len), and
 * where its operands begin (*operands). FALSE at the end of the stream. */
static gboolean next_operator(Lex *x, size_t *operands, size_t *op, size_t *op_len) {
  int depth = 0;
  *operands = x->i;
  while (x->i < x->n) {
    unsigned char c = x->s[x->i];
    if (is_space(c)) {
      x->i++;
    } else if (c == '%') {
      while (x->i < x->n && x->s[x->i] != '\n' && x->s[x->i] != '\r')
        x->i++;
    } else if (c == '(') {
      skip_literal(x);
    } else if (c == '<' && x->i + 1 < x->n && x->s[x->i + 1] == '<') {
      depth++;
      x->i += 2;
    } else if (c == '>' && x->i + 1 < x->n && x->s[x->i + 1] == '>') {
      depth--;
      x->i += 2;
    } else if (c == '<') {
      skip_to(x, '>');
    } else if (c == '[' || c == '{') {
      depth++;
      x->i++;
    } else if (c == ']' || c == '}') {
      depth--;
      x->i++;
    } else if (c == '/') {
      x->i++;
      while (x->i < x->n && !is_space(x->s[x->i]) && !is_delim(x->s[x->i]))
        x->i++;
    } else if (is_delim(c)) {
      x->i++; /* a stray ')' or '>' */
    } else {
      size_t start = x->i;
      while (x->i < x->n && !is_space(x->s[x->i]) && !is_delim(x->s[x->i]))
        x->i++;
      size_t len = x->i - start;
      if (depth > 0 || is_operand_keyword(x->s + start, len))
        continue;
      *op = start;
      *op_len = len;
      if (len == 2 && memcmp(x->s + start, "ID", 2) == 0)
        skip_inline_image(x);
      return TRUE;
    }
  }
  return FALSE;
}

/* Whether the operands of a BDC, s[from, to), are the artifact role and a
 * property list with an MCID. */
static gboolean is_artifact_bdc(qpdf_data q, const unsigned char *s, size_t from, size_t to) {
  GString *text = g_string_new("[");
  g_string_append_len(text, (const char *)s + from, (gssize)(to - from));
  g_string_append(text, "]");
  qpdf_oh a = qpdf_oh_parse(q, text->str);
  g_string_free(text, TRUE);
  gboolean yes = qpdf_oh_is_array(q, a) && qpdf_oh_get_array_n_items(q, a) == 2 &&
                 qpdf_oh_is_name_and_equals(q, qpdf_oh_get_array_item(q, a, 0), "/" LP_WRITE_ARTIFACT_ROLE) &&
                 qpdf_oh_is_dictionary(q, qpdf_oh_get_array_item(q, a, 1)) &&
                 qpdf_oh_is_integer(q, qpdf_oh_get_key(q, qpdf_oh_get_array_item(q, a, 1), "/MCID"));
  qpdf_oh_release(q, a);
  return yes;
}

/* The content with every "/Private <</MCID n>> BDC" as "/Artifact BMC" (the
 * EMC that closes it stays), or NULL when there is none. */
static GString *rewrite(qpdf_data q, const unsigned char *s, size_t n) {
  Lex x = {s, n, 0};
  GString *out = NULL;
  size_t copied = 0, operands, op, op_len;
  while (next_operator(&x, &operands, &op, &op_len)) {
    if (op_len != 3 || memcmp(s + op, "BDC", 3) != 0 || !is_artifact_bdc(q, s, operands, op))
      continue;
    if (!out)
      out = g_string_sized_new(n);
    /* From the first operand on; the white space before it stays. */
    size_t from = operands;
    while (from < op && is_space(s[from]))
      from++;
    g_string_append_len(out, (const char *)s + copied, (gssize)(from - copied));
    g_string_append(out, "/Artifact BMC");
    copied = op + op_len;
  }
  if (out)
    g_string_append_len(out, (const char *)s + copied, (gssize)(n - copied));
  return out;
}

/* The stream's data becomes `out`, unfiltered (qpdf compresses it when the
 * file is written); takes out. */
static void set_stream_data(qpdf_data q, qpdf_oh stream, GString *out) {
  qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)out->str, out->len, qpdf_oh_new_null(q),
                              qpdf_oh_new_null(q));
  g_string_free(out, TRUE);
}

static void rewrite_stream(qpdf_data q, qpdf_oh stream) {
  unsigned char *buf = NULL;
  size_t len = 0;
  QPDF_BOOL filtered = QPDF_FALSE;
  if (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered, &buf, &len) != QPDF_SUCCESS ||
      !filtered) {
    free(buf);
    return;
  }
  GString *out = rewrite(q, buf, len);
  free(buf);
  if (out)
    set_stream_data(q, stream, out);
}

/* A page's content as one stream, rewritten; a page whose content is an array
 * of streams gets one stream of their concatenation (a marked-content
 * sequence may run across them). */
static void rewrite_page(qpdf_data q, qpdf_oh page) {
  qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
  if (qpdf_oh_is_stream(q, contents)) {
    rewrite_stream(q, contents);
    return;
  }
  if (!qpdf_oh_is_array(q, contents))
    return;
  unsigned char *buf = NULL;
  size_t len = 0;
  if (qpdf_oh_get_page_content_data(q, page, &buf, &len) != QPDF_SUCCESS) {
    free(buf);
    return;
  }
  GString *out = rewrite(q, buf, len);
  free(buf);
  if (!out)
    return;
  qpdf_oh stream = qpdf_oh_new_stream(q);
  set_stream_data(q, stream, out);
  qpdf_oh_replace_key(q, page, "/Contents", stream);
}

/* ---- the structure tree without the artifacts' elements ---- */

static gboolean is_artifact_elem(qpdf_data q, qpdf_oh o) {
  return qpdf_oh_is_dictionary(q, o) &&
         qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, o, "/S"), "/" LP_WRITE_ARTIFACT_ROLE);
}

/* Removes artifact elements from `node`'s /K, and from its descendants'. */
static void prune(qpdf_data q, qpdf_oh node, int depth) {
  if (depth > 256 || !qpdf_oh_is_dictionary(q, node))
    return;
  qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
  if (is_artifact_elem(q, k)) {
    qpdf_oh_remove_key(q, node, "/K");
    return;
  }
  if (qpdf_oh_is_dictionary(q, k)) {
    prune(q, k, depth + 1);
    return;
  }
  if (!qpdf_oh_is_array(q, k))
    return;
  for (int i = qpdf_oh_get_array_n_items(q, k) - 1; i >= 0; i--) {
    qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
    if (is_artifact_elem(q, kid))
      qpdf_oh_erase_item(q, k, i);
    else
      prune(q, kid, depth + 1);
  }
}

/* The parent tree maps each page's MCIDs to their elements: an artifact has
 * none, so its entries become null. */
static void prune_slot(qpdf_data q, qpdf_oh holder, int index, gpointer data) {
  if (is_artifact_elem(q, qpdf_oh_get_array_item(q, holder, index)))
    qpdf_oh_set_array_item(q, holder, index, qpdf_oh_new_null(q));
}

gboolean lp_finish_artifacts(qpdf_data q) {
  qpdf_oh tree = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
  if (!qpdf_oh_is_dictionary(q, tree))
    return !qpdf_has_error(q);
  int pages = qpdf_get_num_pages(q);
  for (int i = 0; i < pages; i++)
    rewrite_page(q, qpdf_get_page_n(q, (size_t)i));
  /* Form XObjects (groups, patterns) may hold marked content too. */
  qpdf_oh size = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Size");
  long long n = qpdf_oh_is_integer(q, size) ? qpdf_oh_get_int_value(q, size) : 0;
  for (long long id = 1; id < n && id < G_MAXINT; id++) {
    qpdf_oh o = qpdf_get_object_by_id(q, (int)id, 0);
    if (qpdf_oh_is_stream(q, o) &&
        qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, o), "/Subtype"), "/Form"))
      rewrite_stream(q, o);
    qpdf_oh_release(q, o);
  }
  prune(q, tree, 0);
  lp_finish_each_parent_slot(q, qpdf_oh_get_key(q, tree, "/ParentTree"), prune_slot, NULL);
  return !qpdf_has_error(q);
}

void lp_finish_tab_order(qpdf_data q) {
  int pages = qpdf_get_num_pages(q);
  for (int i = 0; i < pages; i++)
    qpdf_oh_replace_key(q, qpdf_get_page_n(q, (size_t)i), "/Tabs", qpdf_oh_new_name(q, "/S"));
}

void lp_finish_xmp_ua_extension(GString *x) {
  g_string_append(x, "  <rdf:Description rdf:about=\"\"\n"
                     "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                     "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                     "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                     "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                     "    <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
                     "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                     "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                     "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                     "     <pdfaProperty:name>part</pdfaProperty:name>\n"
                     "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                     "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
                     "     <pdfaProperty:description>the part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
                     "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
                     "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
                     "  </rdf:Description>\n");
}

/* PDF/UA-1 7.18.1 wants every annotation described in /Contents; cairo 1.16
 * writes a link without one. A link to an address says the address. */
void lp_finish_link_contents(qpdf_data q) {
  int pages = qpdf_get_num_pages(q);
  for (int i = 0; i < pages; i++) {
    qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
    int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
    for (int j = 0; j < n; j++) {
      qpdf_oh a = qpdf_oh_get_array_item(q, annots, j);
      if (!qpdf_oh_is_dictionary(q, a) || !qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link") ||
          qpdf_oh_has_key(q, a, "/Contents"))
        continue;
      qpdf_oh action = qpdf_oh_get_key(q, a, "/A");
      qpdf_oh uri = qpdf_oh_get_key(q, action, "/URI");
      if (qpdf_oh_is_dictionary(q, action) && qpdf_oh_is_string(q, uri))
        qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, qpdf_oh_get_utf8_value(q, uri)));
      else
        qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, "a link within the document"));
    }
  }
}
