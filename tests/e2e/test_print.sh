# Print shops and archives: --bleed (TrimBox, BleedBox), --crop-marks (marks in
# the slug, never in the bleed), --pdfa (PDF/A-2b: XMP, output intent, what the
# file must not carry), --owner-password and --allow (AES-256 and its
# permissions), and the combinations the command line refuses.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"
# In points: 3 mm of bleed (both layouts), 10 mm of slug for the crop marks,
# the trimmed A4 and A5 pages.
read -r BLEED SLUG < <(awk 'BEGIN { mm = 72 / 25.4; printf "%.6f %.6f\n", 3 * mm, 10 * mm }')
A4="595.2756 841.8898"
A5="419.5276 595.2756"

# Every output: qpdf finds nothing wrong and poppler prints no warning.
sound() {
  qpdf --check "$1" >/dev/null || fail "qpdf --check $1: $(qpdf --check "$1" 2>&1 | tail -3)"
  expect_no_warnings pdfinfo "$1"
  expect_no_warnings pdftotext "$1" /dev/null
}

# expect_box PDF PAGE NAME X0 Y0 X1 Y1: pdfinfo's box, to 0.02 pt.
expect_box() {
  local got
  got=$(pdfinfo -box -f "$2" -l "$2" "$1" | sed -n "s/^Page *$2 $3: *//p")
  awk -v got="$got" -v want="$4 $5 $6 $7" 'BEGIN {
    if (split(got, g, " ") != 4) exit 1; split(want, w, " ")
    for (i = 1; i <= 4; i++) if ((g[i] - w[i])^2 > 0.0004) exit 1 }' ||
    fail "$1: page $2 $3 is '$got', expected '$4 $5 $6 $7'"
}

# expect_print_boxes PDF TRIM_W TRIM_H SLUG: on every page, the MediaBox is the
# trimmed page grown by bleed and slug on each side, the TrimBox the trimmed
# page in its middle and the BleedBox the trimmed page plus the bleed.
expect_print_boxes() {
  local pdf=$1 slug=$4 p mw mh off tx ty bx by
  read -r mw mh off tx ty bx by < <(awk -v w="$2" -v h="$3" -v b="$BLEED" -v s="$slug" 'BEGIN {
    o = b + s
    printf "%.4f %.4f %.4f %.4f %.4f %.4f %.4f\n", w + 2 * o, h + 2 * o, o, w + o, h + o, w + o + b, h + o + b }')
  for p in $(seq 1 "$(pdf_field "$pdf" Pages)"); do
    expect_box "$pdf" "$p" MediaBox 0 0 "$mw" "$mh"
    expect_box "$pdf" "$p" TrimBox "$off" "$off" "$tx" "$ty"
    expect_box "$pdf" "$p" BleedBox "$slug" "$slug" "$bx" "$by"
  done
}

# share PNG X Y W H: the share of inked pixels in the rectangle.
share() {
  "$LP_PIXELS" "$@" | cut -d' ' -f1
}
expect_ink() {
  local what=$1 s
  shift
  s=$(share "$@")
  awk -v s="$s" 'BEGIN { exit !(s > 0.1) }' || fail "$what: no ink at $*: share $s"
}
expect_clean() {
  local what=$1 s
  shift
  s=$(share "$@")
  awk -v s="$s" 'BEGIN { exit !(s == 0) }' || fail "$what: ink at $*: share $s"
}

# expect_marks PNG W H: a page rendered at 72 dpi (1 px = 1 pt) whose MediaBox
# is W x H pt. Each trim corner has its two marks in the slug; the 2 pt just
# outside the bleed and the slug between the marks have no ink at all.
expect_marks() {
  local png=$1 W=${2%.*} H=${3%.*} o near right bottom in_l in_r in_t in_b
  # o: the trim's offset (bleed + slug); near, right, bottom: 4 px windows
  # around the trim's edge lines; in_*: a 1 px line wholly inside the 2 pt band
  # outside the bleed on each side.
  read -r o near right bottom in_l in_r in_t in_b < <(awk -v W="$2" -v H="$3" -v b="$BLEED" -v s="$SLUG" 'BEGIN {
    o = b + s; printf "%d %d %d %d %d %d %d %d\n", o, int(o) - 1, int(W - o) - 1, int(H - o) - 1,
      int(s) - 1, int(W - s) + 1, int(s) - 1, int(H - s) + 1 }')
  # Horizontal marks on the trim's top and bottom edge lines, vertical ones on
  # its left and right edge lines, each out in the slug (4 to 24 px from the
  # sheet's edge).
  expect_ink "top-left mark" "$png" 4 "$near" 20 4
  expect_ink "top-left mark" "$png" "$near" 4 4 20
  expect_ink "top-right mark" "$png" $((W - 24)) "$near" 20 4
  expect_ink "top-right mark" "$png" "$right" 4 4 20
  expect_ink "bottom-left mark" "$png" 4 "$bottom" 20 4
  expect_ink "bottom-left mark" "$png" "$near" $((H - 24)) 4 20
  expect_ink "bottom-right mark" "$png" $((W - 24)) "$bottom" 20 4
  expect_ink "bottom-right mark" "$png" "$right" $((H - 24)) 4 20
  # Nothing in the 2 pt band just outside the bleed, all round.
  expect_clean "band outside the left bleed" "$png" "$in_l" 0 1 $((H + 1))
  expect_clean "band outside the right bleed" "$png" "$in_r" 0 1 $((H + 1))
  expect_clean "band outside the top bleed" "$png" 0 "$in_t" $((W + 1)) 1
  expect_clean "band outside the bottom bleed" "$png" 0 "$in_b" $((W + 1)) 1
  # Nothing else in the slug: only the marks.
  expect_clean "top slug" "$png" $((o + 4)) 0 $((W - 2 * o - 8)) "$in_t"
  expect_clean "bottom slug" "$png" $((o + 4)) $((in_b + 1)) $((W - 2 * o - 8)) "$in_t"
  expect_clean "left slug" "$png" 0 $((o + 4)) "$in_l" $((H - 2 * o - 8))
  expect_clean "right slug" "$png" $((in_r + 1)) $((o + 4)) "$in_l" $((H - 2 * o - 8))
}

# expect_bleed_corners_clean PNG W H: the bleed's four corners (outside the
# trim) have no ink, on a page where nothing runs into the bleed.
expect_bleed_corners_clean() {
  local png=$1 W=${2%.*} H=${3%.*} in out
  read -r in out < <(awk -v b="$BLEED" -v s="$SLUG" 'BEGIN { printf "%d %d\n", s + 1, b + s - 1 }')
  local n=$((out - in))
  expect_clean "bleed, top left" "$png" "$in" "$in" "$n" "$n"
  expect_clean "bleed, top right" "$png" $((W - out)) "$in" "$n" "$n"
  expect_clean "bleed, bottom left" "$png" "$in" $((H - out)) "$n" "$n"
  expect_clean "bleed, bottom right" "$png" $((W - out)) $((H - out)) "$n" "$n"
}

media_size() {
  pdfinfo -box -f "$2" -l "$2" "$1" | sed -n "s/^Page *$2 MediaBox: *[0-9.]* *[0-9.]* *\([0-9.]*\) *\([0-9.]*\)/\1 \2/p"
}

# ---- --bleed: the page grows by the bleed, TrimBox and BleedBox say where ----
"$LP" build "$article" --bleed -o "$T/bleed.pdf"
sound "$T/bleed.pdf"
# shellcheck disable=SC2086
expect_print_boxes "$T/bleed.pdf" $A4 0
expect_box "$T/bleed.pdf" 1 TrimBox 8.50 8.50 603.78 850.39
# The band runs into the bleed: the brand colour next to the top edge.
pdftoppm -r 72 -f 1 -l 1 -png "$T/bleed.pdf" "$T/bleed"
expect_eq "band in the top bleed" 1f6e8c "$("$LP_PIXELS" "$T/bleed-1.png" 100 4)"
expect_eq "band in the left bleed" 1f6e8c "$("$LP_PIXELS" "$T/bleed-1.png" 4 60)"
# Without --bleed the page is the trimmed page and has no print boxes.
"$LP" build "$article" -o "$T/plain.pdf"
grep -q "^TrimBox: *0.00 *0.00 *595.28 *841.89" <(pdfinfo -box "$T/plain.pdf") ||
  fail "plain TrimBox: $(pdfinfo -box "$T/plain.pdf")"
qpdf --qdf --object-streams=disable "$T/plain.pdf" "$T/plain-qdf.pdf"
grep -aq "/TrimBox\|/BleedBox" "$T/plain-qdf.pdf" && fail "a PDF without --bleed has print boxes"

"$LP" build "$article" --layout a5-card --bleed -o "$T/card-bleed.pdf"
sound "$T/card-bleed.pdf"
# shellcheck disable=SC2086
expect_print_boxes "$T/card-bleed.pdf" $A5 0

# ---- --crop-marks: bleed and slug, marks at the trim corners ----
for layout in a4-leaflet a5-card; do
  pdf="$T/$layout-marks.pdf"
  "$LP" build "$article" --layout "$layout" --crop-marks -o "$pdf"
  sound "$pdf"
  if [ "$layout" = a4-leaflet ]; then trim=$A4; else trim=$A5; fi
  # shellcheck disable=SC2086
  expect_print_boxes "$pdf" $trim "$SLUG"
  pdftoppm -r 72 -png "$pdf" "$T/$layout-marks"
  for p in 1 2; do
    read -r W H < <(media_size "$pdf" "$p")
    expect_marks "$T/$layout-marks-$p.png" "$W" "$H"
  done
  # The back of either has nothing in the bleed: the marks stay out of it.
  expect_bleed_corners_clean "$T/$layout-marks-2.png" "$W" "$H"
  # The front's band still runs into the bleed.
  expect_eq "$layout: band in the top bleed" 1f6e8c "$("$LP_PIXELS" "$T/$layout-marks-1.png" 100 32)"
done
expect_eq "leaflet: band in the left bleed" 1f6e8c "$("$LP_PIXELS" "$T/a4-leaflet-marks-1.png" 32 100)"
expect_box "$T/a4-leaflet-marks.pdf" 1 MediaBox 0 0 668.98 915.59
# A draft translation: its band sits under the draft band and still fills the
# bleed on both sides, and no further.
"$LP" build "$SRC/text/botox-headache/tr.md" --crop-marks -q -o "$T/tr-marks.pdf"
sound "$T/tr-marks.pdf"
pdftoppm -r 72 -f 1 -l 1 -png "$T/tr-marks.pdf" "$T/tr-marks"
read -r W H < <(media_size "$T/tr-marks.pdf" 1)
expect_marks "$T/tr-marks-1.png" "$W" "$H"
expect_eq "draft: band in the left bleed" 1f6e8c "$("$LP_PIXELS" "$T/tr-marks-1.png" 32 100)"
expect_eq "draft: band in the right bleed" 1f6e8c "$("$LP_PIXELS" "$T/tr-marks-1.png" 636 100)"
# PNG proofs carry the marks too.
"$LP" build "$article" --crop-marks -f png --dpi 72 -o "$T/proof.png"
expect_marks "$T/proof-1.png" 668.98 915.59

# ---- --pdfa: PDF/A-2b ----
# xmp FILE XPATH: a string from the XMP packet.
xmp() {
  xmllint --xpath "string($2)" "$1"
}
# prop NAME: an XMP property by its local name.
prop() {
  printf "//*[local-name()='%s']" "$1"
}
check_pdfa() {
  local pdf=$1 meta="$1.xmp" q="$1.qdf.pdf"
  sound "$pdf"
  awk -v v="$(pdf_field "$pdf" 'PDF version')" 'BEGIN { exit !(v >= 1.4) }' || fail "$pdf: PDF version under 1.4"
  head -c 8 "$pdf" | grep -q '^%PDF-1\.[4-7]$' || fail "$pdf: header $(head -c 8 "$pdf")"
  # A binary comment on the second line, and nothing after the last %%EOF.
  head -c 15 "$pdf" | tail -c 6 | od -An -tu1 |
    awk '{ n = 0; for (i = 2; i <= 5; i++) n += ($i > 127); exit n != 4 }' ||
    fail "$pdf: no binary comment after the header"
  [ "$(tail -c 6 "$pdf")" = "%%EOF" ] || fail "$pdf: data after %%EOF"
  expect_eq "$pdf: encrypted" no "$(pdf_field "$pdf" Encrypted)"
  expect_eq "$pdf: metadata stream" yes "$(pdf_field "$pdf" 'Metadata Stream')"
  pdfinfo -meta "$pdf" | sed -n '/^<?xpacket begin/,$p' >"$meta"
  xmllint --noout "$meta" || fail "$pdf: the XMP is not well-formed XML"
  expect_eq "$pdf: pdfaid:part" 2 "$(xmp "$meta" "$(prop part)")"
  expect_eq "$pdf: pdfaid:conformance" B "$(xmp "$meta" "$(prop conformance)")"
  # Every XMP property says what /Info says.
  expect_eq "$pdf: dc:title" "$(pdf_field "$pdf" Title)" \
    "$(xmp "$meta" "$(prop title)//*[local-name()='li'][@xml:lang='x-default']")"
  expect_eq "$pdf: dc:title in its language" "$(pdf_field "$pdf" Title)" \
    "$(xmp "$meta" "$(prop title)//*[local-name()='li'][@xml:lang='$2']")"
  expect_eq "$pdf: dc:creator" "$(pdf_field "$pdf" Author)" "$(xmp "$meta" "$(prop creator)//*[local-name()='li']")"
  expect_eq "$pdf: dc:description" "$(pdf_field "$pdf" Subject)" \
    "$(xmp "$meta" "$(prop description)//*[local-name()='li'][@xml:lang='x-default']")"
  expect_eq "$pdf: xmp:CreatorTool" "$(pdf_field "$pdf" Creator)" "$(xmp "$meta" "$(prop CreatorTool)")"
  expect_eq "$pdf: pdf:Producer" "$(pdf_field "$pdf" Producer)" "$(xmp "$meta" "$(prop Producer)")"
  expect_eq "$pdf: pdf:Keywords" "$(pdf_field "$pdf" Keywords)" "$(xmp "$meta" "$(prop Keywords)")"
  local created modified
  created=$(pdfinfo -isodates "$pdf" | sed -n 's/^CreationDate: *//p')
  modified=$(pdfinfo -isodates "$pdf" | sed -n 's/^ModDate: *//p')
  expect_eq "$pdf: xmp:CreateDate" "$created" "$(xmp "$meta" "$(prop CreateDate)")"
  expect_eq "$pdf: xmp:ModifyDate" "$modified" "$(xmp "$meta" "$(prop ModifyDate)")"
  expect_eq "$pdf: xmp:MetadataDate" "$modified" "$(xmp "$meta" "$(prop MetadataDate)")"
  # The packet is stored as it is: readable without a PDF parser.
  grep -aq '<pdfaid:part>2</pdfaid:part>' "$pdf" || fail "$pdf: the XMP stream is compressed"
  qpdf --qdf --object-streams=disable "$pdf" "$q"
  # /Info dates in the form ISO 32000-1 wants.
  grep -aq "/CreationDate (D:[0-9]\{14\}Z)" "$q" || fail "$pdf: /CreationDate $(grep -a /CreationDate "$q")"
  grep -aq "/ModDate (D:[0-9]\{14\}Z)" "$q" || fail "$pdf: /ModDate $(grep -a /ModDate "$q")"
  # One output intent, GTS_PDFA1, with the sRGB profile of icc-profiles-free.
  expect_eq "$pdf: output intents" 1 "$(grep -ac '/S /GTS_PDFA1' "$q")"
  grep -aq '/OutputConditionIdentifier (sRGB IEC61966-2.1)' "$q" || fail "$pdf: output condition"
  local icc
  icc=$(sed -n 's|^ */DestOutputProfile \([0-9]*\) 0 R|\1|p' "$q")
  [ -n "$icc" ] || fail "$pdf: no /DestOutputProfile"
  grep -q '/N 3' <(qpdf --show-object="$icc" "$q") ||
    fail "$pdf: the profile is not /N 3: $(qpdf --show-object="$icc" "$q")"
  qpdf --show-object="$icc" --filtered-stream-data "$q" >"$pdf.icc"
  cmp -s "$pdf.icc" /usr/share/color/icc/sRGB.icc ||
    fail "$pdf: the output profile is not icc-profiles-free's sRGB.icc"
  grep -aq '/Metadata [0-9]* 0 R' "$q" || fail "$pdf: no /Metadata on the catalog"
  grep -aq '/Subtype /XML' "$q" || fail "$pdf: the metadata stream is not /Subtype /XML"
  grep -q '/ID \[' <(qpdf --show-object=trailer "$pdf") || fail "$pdf: no /ID"
  # Fonts embedded; every Type 2 CIDFont with its CIDToGIDMap.
  pdffonts "$pdf" | tail -n +3 | awk '$(NF-4) != "yes" { exit 1 }' || fail "$pdf: a font is not embedded"
  expect_eq "$pdf: CIDToGIDMap" "$(grep -ac '/Subtype /CIDFontType2' "$q")" "$(grep -ac '/CIDToGIDMap' "$q")"
  # Nothing PDF/A forbids that can be seen in the objects: actions of the
  # forbidden types, JavaScript, embedded files, optional content, encryption,
  # external streams, PostScript, interpolated images, alternate images.
  local forbidden='^ */S /(JavaScript|Launch|Sound|Movie|ResetForm|ImportData|Hide|SetOCGState|Rendition|Trans'
  forbidden+='|GoTo3DView)$|^ */(JS|AA|EmbeddedFiles|OCProperties|Encrypt|FFilter|FDecodeParms|NeedsRendering'
  forbidden+='|Alternates|OPI|PS|Subtype2) '
  forbidden+='|^ */F [^0-9]|^ */Subtype /PS$|^ */Interpolate true$'
  if grep -aE "$forbidden" "$q" >"$q.bad"; then
    fail "$pdf: carries what PDF/A forbids: $(sort -u "$q.bad" | head -5)"
  fi
  # Every link annotation printable.
  expect_eq "$pdf: printable annotations" "$(grep -ac '/Subtype /Link' "$q")" \
    "$(awk '/^[0-9]+ 0 obj/ { link = 0; f = 0 } /\/Subtype \/Link/ { link = 1 } /^  \/F 4$/ { f = 1 }
      /^endobj/ { n += link && f } END { print n + 0 }' "$q")"
}

"$LP" build "$article" --pdfa -o "$T/a.pdf"
check_pdfa "$T/a.pdf" en
"$LP" build "$article" --pdfa -o "$T/a2.pdf"
cmp -s "$T/a.pdf" "$T/a2.pdf" || fail "two --pdfa builds differ"
# The dates are the article's, whatever the clock.
expect_eq "XMP date" "2026-11-01T00:00:00Z" "$(xmp "$T/a.pdf.xmp" "$(prop CreateDate)")"
"$LP" build "$article" --layout a5-card --pdfa -o "$T/card-a.pdf"
check_pdfa "$T/card-a.pdf" en
# A Turkish title (Unicode in /Info and XMP), print boxes and marks together.
"$LP" build "$SRC/text/botox-headache/tr.md" --pdfa --crop-marks -q -o "$T/tr-a.pdf"
check_pdfa "$T/tr-a.pdf" tr
expect_eq "Turkish dc:title" "Botoks baş ağrısı yapar mı?" \
  "$(xmp "$T/tr-a.pdf.xmp" "$(prop title)//*[local-name()='li'][1]")"
# shellcheck disable=SC2086
expect_print_boxes "$T/tr-a.pdf" $A4 "$SLUG"
# A link annotation (the second article) and an image (a clinic's logo).
"$LP" build "$SRC/tests/data/articles/wound-care/en.md" --project "$SRC" --pdfa -o "$T/link-a.pdf"
check_pdfa "$T/link-a.pdf" en
grep -aq '/Subtype /Link' "$T/link-a.pdf.qdf.pdf" || fail "the wound-care article has no link annotation to check"
pdftoppm -r 8 -f 1 -l 1 -png "$T/plain.pdf" "$T/logo"
printf 'name: Logo Clinic\nlogo: logo-1.png\n' >"$T/clinic.yaml"
"$LP" build "$article" --layout a5-card --clinic "$T/clinic.yaml" --pdfa -o "$T/logo-a.pdf"
check_pdfa "$T/logo-a.pdf" en
grep -aq '/Subtype /Image' "$T/logo-a.pdf.qdf.pdf" || fail "the logo card has no image to check"
grep -aq '/Interpolate false' "$T/logo-a.pdf.qdf.pdf" || fail "the logo's /Interpolate was not turned off"
# Without icc-profiles-free: an I/O error naming the package, and the old file
# stays. (Needs a private mount namespace, so only where unshare may make one.)
if unshare -m true 2>/dev/null; then
  echo old >"$T/noicc.pdf"
  mkdir -p "$T/empty"
  # shellcheck disable=SC2016 # $1 and $@ are the inner shell's
  run_status /dev/null "$T/err" unshare -m sh -c 'mount --bind "$1" /usr/share/color/icc && shift && exec "$@"' \
    sh "$T/empty" "$LP" build "$article" --pdfa -o "$T/noicc.pdf"
  expect_eq "--pdfa without the profile" 3 "$status"
  expect_contains "--pdfa without the profile" \
    "/usr/share/color/icc/sRGB.icc: --pdfa needs this colour profile from Debian's icc-profiles-free package" "$T/err"
  expect_eq "the old file stays" old "$(cat "$T/noicc.pdf")"
else
  echo "note: unshare -m is not allowed here; the missing-profile error is not checked" >&2
fi
# XML's special characters in the title and keywords are escaped.
mkdir -p "$T/text/odd"
sed -e 's/^title: .*/title: "Botox \& headache: <when> \\"why\\" it'"'"'s so"/' \
  -e 's/^keywords: .*/keywords: ["a<b", "c\&d"]/' "$article" >"$T/text/odd/en.md"
"$LP" build "$T/text/odd/en.md" --project "$SRC" --pdfa -o "$T/odd-a.pdf"
check_pdfa "$T/odd-a.pdf" en
expect_eq "escaped title" "Botox & headache: <when> \"why\" it's so" "$(pdf_field "$T/odd-a.pdf" Title)"

# ---- --owner-password and --allow: AES-256 ----
"$LP" build "$article" --owner-password secret --allow print -o "$T/enc.pdf"
sound "$T/enc.pdf"
expect_eq "encryption" "yes (print:yes copy:no change:no addNotes:no algorithm:AES-256)" \
  "$(pdf_field "$T/enc.pdf" Encrypted)"
qpdf --show-encryption "$T/enc.pdf" >"$T/enc.txt"
expect_contains "revision 6" "R = 6" "$T/enc.txt"
expect_contains "print" "print high resolution: allowed" "$T/enc.txt"
expect_contains "accessibility" "extract for accessibility: allowed" "$T/enc.txt"
expect_contains "copy" "extract for any purpose: not allowed" "$T/enc.txt"
expect_contains "empty user password" "Supplied password is user password" "$T/enc.txt"
# The text still reads (no user password), the owner password opens it too.
pdftotext "$T/enc.pdf" "$T/enc-text.txt"
expect_contains "text of the encrypted file" "Does Botox cause headache?" "$T/enc-text.txt"
grep -q "Supplied password is owner password" <(qpdf --password=secret --show-encryption "$T/enc.pdf") ||
  fail "the owner password does not open the file"
# Without --allow: nothing but extraction for accessibility.
"$LP" build "$article" --owner-password secret -o "$T/enc-none.pdf"
sound "$T/enc-none.pdf"
expect_eq "no permissions" "yes (print:no copy:no change:no addNotes:no algorithm:AES-256)" \
  "$(pdf_field "$T/enc-none.pdf" Encrypted)"
qpdf --show-encryption "$T/enc-none.pdf" >"$T/enc-none.txt"
expect_contains "accessibility stays" "extract for accessibility: allowed" "$T/enc-none.txt"
for p in "print low resolution" "modify document assembly" "modify forms" "modify annotations" "modify other"; do
  expect_contains "no permission" "$p: not allowed" "$T/enc-none.txt"
done
# Every permission, on the card.
"$LP" build "$article" --layout a5-card --owner-password secret --allow print,copy,modify,annotate,forms,assemble \
  -o "$T/enc-all.pdf"
sound "$T/enc-all.pdf"
qpdf --show-encryption "$T/enc-all.pdf" >"$T/enc-all.txt"
for p in "extract for any purpose" "print high resolution" "modify document assembly" "modify forms" \
  "modify annotations" "modify other"; do
  expect_contains "permission" "$p: allowed" "$T/enc-all.txt"
done

# ---- what the command line refuses ----
run_status /dev/null "$T/err" "$LP" build "$article" --pdfa --owner-password secret -o "$T/refused.pdf"
expect_eq "--pdfa with --owner-password" 2 "$status"
expect_contains "--pdfa with --owner-password" \
  "--pdfa and --owner-password cannot go together: PDF/A forbids encryption" "$T/err"
run_status /dev/null "$T/err" "$LP" build "$article" --allow print -o "$T/refused.pdf"
expect_eq "--allow without --owner-password" 2 "$status"
expect_contains "--allow without --owner-password" "--allow needs --owner-password" "$T/err"
run_status /dev/null "$T/err" "$LP" build "$article" --owner-password secret --allow prnt -o "$T/refused.pdf"
expect_eq "unknown permission" 2 "$status"
expect_contains "unknown permission" "--allow prnt: expected a list of print, copy" "$T/err"
[ ! -e "$T/refused.pdf" ] || fail "a refused build wrote a file"
echo ok

# Links stay on their words when the page grows by bleed and slug: the
# annotation's Rect (PDF space, y up) spans "our web page" as poppler places
# the words, its middle inside their line, in both writers (cairo 1.16 takes a link's rect in page space,
# so the bleed's offset must be added by the writer).
wound="$SRC/tests/data/articles/wound-care/en.md"
for w in cairo haru; do
  "$LP" build "$wound" --project "$SRC" -w "$w" --crop-marks -o "$T/link-$w.pdf" -q
  qpdf --qdf --object-streams=disable "$T/link-$w.pdf" "$T/link-$w.qdf"
  rect=$(grep -a -A5 '/Rect \[' "$T/link-$w.qdf" | sed -n 2,5p | tr -d ' ' | tr '\n' ' ')
  [ -n "$rect" ] || rect=$(grep -a -o '/Rect \[[^]]*\]' "$T/link-$w.qdf" | head -1 | sed 's/.*\[//; s/\]//')
  page_h=$(pdfinfo "$T/link-$w.pdf" | awk '/^Page size/ { print $5 }')
  words=$(pdftotext -bbox "$T/link-$w.pdf" - | grep -A2 '>our<' | head -3 |
    sed -n 's/.*xMin="\([^"]*\)" yMin="\([^"]*\)" xMax="\([^"]*\)" yMax="\([^"]*\)".*/\1 \2 \3 \4/p' | tr '\n' ' ')
  awk -v r="$rect" -v w="$words" -v H="$page_h" 'BEGIN {
    split(r, a, " "); n = split(w, b, " ")
    if (n < 12) exit 1
    x0 = b[1]; x1 = b[11]; ytop = H - b[4]; ybot = H - b[2]  # the three words, in PDF space
    cy = (a[2] + a[4]) / 2  # the rect is the text line; the word box runs from ascent to descent
    if (a[1] > x0 + 1 || a[3] < x1 - 1 || cy < ytop || cy > ybot) exit 1 }' ||
    fail "$w writer: the link's Rect [$rect] does not cover the words at [$words] (page height $page_h)"
done
echo "ok: links cover their words with bleed and crop marks (both writers)"
