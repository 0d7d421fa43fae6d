/* Artifacts and the rest of PDF/UA-1 that the finish stage adds.
 *
 * cairo 1.16 cannot mark content as an artifact: cairo_tag_begin takes only
 * standard structure types. The cairo writer writes what the pages mark as
 * decoration (LP_ROLE_ARTIFACT) as structure elements of the type
 * LP_WRITE_ARTIFACT_ROLE; lp_finish_artifacts turns their marked content
 * into /Artifact sequences and takes the elements out of the structure tree
 * and the parent tree, so a reader skips them and every other piece of
 * content keeps its element. lp_finish_tab_order asks readers to follow the
 * structure when tabbing (PDF/UA-1 7.18.3 wants it on every page with
 * annotations; leafpress sets it on every page). */
#pragma once
#include <glib.h>
#include <qpdf/qpdf-c.h>

/* Returns FALSE when libqpdf reported an error on `q` (the caller reports it). */
gboolean lp_finish_artifacts(qpdf_data q);
void lp_finish_tab_order(qpdf_data q);
/* Link annotations without /Contents get their address there. */
void lp_finish_link_contents(qpdf_data q);
/* The XMP extension schema that lets a PDF/A file carry pdfuaid:part: an
 * rdf:Description appended to `x`, inside rdf:RDF. */
void lp_finish_xmp_ua_extension(GString *x);
