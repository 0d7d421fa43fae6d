# The A5 booklet (docs/printing.md): a plain A5 PDF in reading order with a
# cover (page 1: the title, no text, no page number), the text from page 2,
# the clinic's contact and the review line on the back cover (the last page,
# no page number), a page count that is a multiple of 4 padded with notes
# pages right before the back cover (never a blank page inside the text), and
# with --sheet a4 the sheets of a saddle-stitched booklet: for 8 pages 8|1,
# 2|7 on the outer sheet and 6|3, 4|5 on the inner, page numbers in reading
# order wherever a page sits, right-to-left booklets the other way round,
# creep moving inner pages towards the fold; both writers, and the
# read-back verification (exit 0) on plain pages and sheets.
. "$(dirname "$0")/lib.sh"

# An article long enough for 5 to 8 A5 pages: the bundled article's front
# matter with a review cycle and an online address, then numbered sections of
# filler text (a fixture, not a leaflet).
mkdir -p "$T/long"
{
  echo ---
  printf 'published: 2026-11-01\nreview_due: 2028-11-01\nonline: https://example.org/botox-headache\n'
  sed -n '2,/^---$/p' "$SRC/text/botox-headache/en.md"
} >"$T/long/en.md"
for s in $(seq 1 14); do
  printf '\n## Section %d\n\n' "$s"
  for p in 1 2; do
    printf 'Paragraph %d.%d tells the reader what to expect after the treatment, when to rest, ' "$s" "$p"
    printf 'when to call the clinic and what the nurse will ask about the days since the visit. '
    printf 'It is here so that the booklet has enough pages to fold, and so that each page can be told apart.\n\n'
  done
done >>"$T/long/en.md"

# footer_page PDF PAGE X W: the page number in the footer line of the half at X
footer_page() {
  pdftotext -r 72 -f "$2" -l "$2" -x "$3" -y 560 -W "$4" -H 35 "$1" - | grep -o '· [0-9]*' | tr -dc '0-9' || true
}
# text PDF PAGE: the page's text on one line
text() { pdftotext -f "$2" -l "$2" "$1" - | tr '\n' ' ' | tr -s ' '; }

# --- plain A5, reading order ----------------------------------------------------
run_status "$T/out" "$T/err" "$LP" build "$T/long/en.md" -l a5-booklet -o "$T/plain.pdf"
expect_eq "the plain booklet's build (and its read-back verification): exit" 0 "$status"
n=$(pdf_field "$T/plain.pdf" Pages)
[ $((n % 4)) = 0 ] || fail "the booklet has $n pages, not a multiple of 4"
[ "$n" -ge 8 ] || fail "the fixture was meant to make at least 8 pages, made $n"
pdfinfo -f 1 -l "$n" "$T/plain.pdf" >"$T/info"
expect_eq "A5 pages" "$n" "$(grep -c "size: *419.5[0-9]* x 595.2[0-9]*" "$T/info" || true)"

# Page 1, the cover: the title, the subtitle and the version; no text of the
# article's body, not the key points, no page number.
text "$T/plain.pdf" 1 >"$T/p1"
expect_contains "cover: the title" "Does Botox cause headache?" "$T/p1"
expect_contains "cover: the subtitle" "how long it lasts" "$T/p1"
expect_contains "cover: the kicker" "Example Skin Clinic · Patient information" "$T/p1"
expect_contains "cover: the version" "Version 2026-11" "$T/p1"
for body in "Paragraph" "Botox, known as" "In short" "Section 1"; do
  ! grep -qF "$body" "$T/p1" || fail "cover: body text '$body' on page 1: $(cat "$T/p1")"
done
expect_eq "cover: no page number" "" "$(footer_page "$T/plain.pdf" 1 0 420)"

# The last page, the back cover: the clinic's phone, name and address, the
# online address (beside its QR code), the version with the review dates; no
# page number, no text of the body.
text "$T/plain.pdf" "$n" >"$T/pn"
for want in "+00 000 000 000" "Example Skin Clinic" "1 Example Street" "info@example.org" \
  "https://example.org/botox-headache" "Version 2026-11 · Published Nov 1, 2026 · Review due Nov 1, 2028"; do
  expect_contains "back cover" "$want" "$T/pn"
done
! grep -qF "Paragraph" "$T/pn" || fail "back cover: body text on the last page"
expect_eq "back cover: no page number" "" "$(footer_page "$T/plain.pdf" "$n" 0 420)"
# the QR code at the end of the tinted contact panel: dark modules on white
# among the tint (the tint alone is no white at all)
pdftoppm -r 72 -f "$n" -l "$n" -png "$T/plain.pdf" "$T/back"
qr=$("$LP_PIXELS" "$(ls "$T"/back-*.png | head -1)" 335 470 40 40 | cut -d' ' -f1)
awk -v i="$qr" 'BEGIN { exit !(i > 0.2 && i < 0.95) }' || fail "back cover: no QR code at the end of the contact panel ($qr)"

# The other writer's plain booklet: the same covers and pages.
run_status "$T/out" "$T/err" "$LP" build "$T/long/en.md" -l a5-booklet --writer haru -o "$T/plain-haru.pdf"
expect_eq "haru: the plain booklet's build (and its verification): exit" 0 "$status"
expect_eq "haru: pages" "$n" "$(pdf_field "$T/plain-haru.pdf" Pages)"
text "$T/plain-haru.pdf" 1 | grep -qF "Does Botox cause headache?" || fail "haru: no title on the cover"
text "$T/plain-haru.pdf" "$n" | grep -qF "Review due Nov 1, 2028" || fail "haru: no review line on the back cover"
expect_eq "haru: page 2's number" 2 "$(footer_page "$T/plain-haru.pdf" 2 0 420)"

# Page numbers in reading order from page 2: the cover counts as page 1.
for p in $(seq 2 $((n - 1))); do
  expect_eq "page $p's number" "$p" "$(footer_page "$T/plain.pdf" "$p" 0 420)"
done
# The text runs from page 2 to its last paragraph; the pages after it, up to
# the back cover, are the padding: notes pages with their heading, ruled.
last=
for p in $(seq 1 "$n"); do
  if text "$T/plain.pdf" "$p" | grep -qF "Paragraph 14.2"; then last=$p; fi
done
[ -n "$last" ] || fail "the text's last paragraph is on no page"
[ "$last" -lt $((n - 1)) ] || fail "the fixture was meant to leave notes pages (text ends on $last of $n)"
for p in $(seq 2 "$last"); do
  body=$(pdftotext -r 72 -f "$p" -l "$p" -x 0 -y 40 -W 420 -H 510 "$T/plain.pdf" - | tr -d ' \n\f')
  [ -n "$body" ] || fail "page $p, inside the text, is blank"
done
for p in $(seq $((last + 1)) $((n - 1))); do
  body=$(pdftotext -r 72 -f "$p" -l "$p" -x 0 -y 40 -W 420 -H 510 "$T/plain.pdf" - | tr -d ' \n\f')
  expect_eq "padding page $p's text: its heading only" "Notes" "$body"
  # ruled for notes: ink across the text area
  pdftoppm -r 20 -f "$p" -l "$p" -png "$T/plain.pdf" "$T/pad"
  ink=$("$LP_PIXELS" "$(ls "$T"/pad-*.png | head -1)" 10 30 90 100 | cut -d' ' -f1)
  awk -v i="$ink" 'BEGIN { exit !(i > 0.01) }' || fail "padding page $p is not ruled ($ink)"
  rm -f "$T"/pad-*.png
done

# The bookmarks point at the pages in reading order too (the cover counted).
for sec in 1 9; do
  at=
  for p in $(seq 2 "$last"); do
    if text "$T/plain.pdf" "$p" | grep -qF "Section $sec Paragraph"; then at=$p; break; fi
  done
  mark=$(qpdf --json=2 --json-key=outlines "$T/plain.pdf" |
    awk -v t="\"Section $sec\"" '/destpageposfrom1/ { sub(/.*: */, ""); gsub(/[^0-9]/, ""); p = $0 } index($0, t) { print p; exit }')
  expect_eq "the bookmark of section $sec" "$at" "$mark"
done

# --- on A4 sheets, as folded --------------------------------------------------------
# half PDF SIDE WORD: L or R, the half of the sheet side where WORD is (-bbox)
half() {
  pdftotext -f "$2" -l "$2" -bbox "$1" - |
    awk -v w="$3" -F'"' 'index($0, ">" w "</word>") { print ($2 + $6) / 2 < 421 ? "L" : "R"; exit }'
}
# side_pages PDF SIDE N: "left right" page numbers of a sheet side: the
# footer's number, the cover (its kicker) as 1, the back cover (its
# "Questions?") as N
side_pages() {
  local l r
  l=$(footer_page "$1" "$2" 0 421)
  r=$(footer_page "$1" "$2" 421 421)
  case $(half "$1" "$2" information) in L) l=1 ;; R) r=1 ;; esac
  case $(half "$1" "$2" "Questions?") in L) l=$3 ;; R) r=$3 ;; esac
  echo "$l $r"
}
# want N SHEET BACK: the pages a printer puts there (1-based)
want() {
  local n=$1 s=$2 back=$3
  if [ "$back" = 0 ]; then echo "$((n - 2 * s)) $((2 * s + 1))"; else echo "$((2 * s + 2)) $((n - 2 * s - 1))"; fi
}
for w in cairo haru; do
  run_status "$T/out" "$T/err" "$LP" build "$T/long/en.md" -l a5-booklet --sheet a4 --writer $w -o "$T/sheets-$w.pdf"
  expect_eq "$w: the sheets' build (and their read-back verification): exit" 0 "$status"
  expect_eq "$w: sides" $((n / 2)) "$(pdf_field "$T/sheets-$w.pdf" Pages)"
  pdfinfo -f 1 -l 99 "$T/sheets-$w.pdf" >"$T/info"
  other=$(grep "^Page .*size:" "$T/info" | grep -vc "841.8[0-9]* x 595.2[0-9]*" || true)
  expect_eq "$w: sheets not A4 landscape" 0 "$other"
  for s in $(seq 0 $((n / 4 - 1))); do
    for back in 0 1; do
      expect_eq "$w: sheet $((s + 1)) $([ $back = 1 ] && echo back || echo front)" "$(want "$n" "$s" "$back")" \
        "$(side_pages "$T/sheets-$w.pdf" $((2 * s + back + 1)) "$n")"
    done
  done
done
if [ "$n" = 8 ]; then
  expect_eq "8 pages" "8 1|2 7|6 3|4 5" "$(for i in 1 2 3 4; do side_pages "$T/sheets-cairo.pdf" $i 8; done | paste -sd'|')"
fi

# --- right to left: the booklet opens the other way ------------------------------------
"$LP" build "$SRC/text/botox-headache/ar.md" -l a5-booklet -o "$T/ar.pdf"
nar=$(pdf_field "$T/ar.pdf" Pages)
[ $((nar % 4)) = 0 ] || fail "the Arabic booklet has $nar pages, not a multiple of 4"
text "$T/ar.pdf" 1 | grep -qF "$(sed -n 's/^title: //p' "$SRC/text/botox-headache/ar.md" | head -1)" ||
  fail "Arabic: the title is not on the cover"
expect_contains "Arabic: the phone on the back cover" "+00 000 000 000" <(text "$T/ar.pdf" "$nar")
"$LP" build "$SRC/text/botox-headache/ar.md" -l a5-booklet --sheet a4 -o "$T/ar-sheets.pdf"
expect_eq "Arabic: sheet sides" $((nar / 2)) "$(pdf_field "$T/ar-sheets.pdf" Pages)"
# Page 1 (the cover, with the title) is the left half of the first front, the
# back cover (the phone) the right; on the back, page 2 is on the right.
crop_text() { pdftotext -r 72 -f "$2" -l "$2" -x "$3" -y 0 -W 421 -H 595 "$1" - | tr '\n' ' '; }
crop_text "$T/ar-sheets.pdf" 1 0 >"$T/ar-left"
crop_text "$T/ar-sheets.pdf" 1 421 >"$T/ar-right"
expect_contains "Arabic: the cover is the left half of the first front" "Example Skin Clinic" "$T/ar-left"
! grep -qF "+00 000 000 000" "$T/ar-left" || fail "Arabic: the phone on the cover's half"
expect_contains "Arabic: the back cover is the right half of the first front" "+00 000 000 000" "$T/ar-right"
pdftotext -r 72 -f 2 -l 2 -x 421 -y 560 -W 421 -H 35 "$T/ar-sheets.pdf" "$T/foot2"
expect_contains "Arabic: page 2's number on the right of the first back" "$(printf '\xd9\xa2') ·" "$T/foot2"

# --- creep: the inner sheet's pages move towards the fold -----------------------------------
# the bundled layouts beside a layout of the test's own that extends one
cp "$SRC/layouts/a5-booklet.yaml" "$SRC/layouts/a4-leaflet.yaml" "$T/long/"
printf 'extends: a5-booklet\nsheet:\n  creep: 1mm\n' >"$T/long/creep.yaml"
"$LP" build "$T/long/en.md" -l "$T/long/creep.yaml" --sheet a4 -o "$T/creep.pdf"
"$LP" build "$T/long/en.md" -l "$T/long/a5-booklet.yaml" --sheet a4 -o "$T/nocreep.pdf"
# x of the left page's footer rule text ("Version") on each front
xof() { pdftotext -f "$2" -l "$2" -bbox "$1" - | awk -F'"' '/>Version</ { print $2; exit }'; }
outer=$(awk -v a="$(xof "$T/creep.pdf" 1)" -v b="$(xof "$T/nocreep.pdf" 1)" 'BEGIN { printf "%.2f", a - b }')
inner=$(awk -v a="$(xof "$T/creep.pdf" 3)" -v b="$(xof "$T/nocreep.pdf" 3)" 'BEGIN { printf "%.2f", a - b }')
expect_eq "creep: the outer sheet does not move" "0.00" "$(echo "$outer" | sed 's/-0.00/0.00/')"
# the base layout's 0.1 mm per sheet is replaced by 1 mm: 2.83 - 0.28 pt more
expect_eq "creep: the inner sheet's left page moves right by 1 mm - 0.1 mm" "2.55" "$inner"

# --- the layout's page roles: misspelt keys and values are errors ------------------------
# bad YAML EXPECTED: a layout extending the bundled booklet is refused, naming
# the place and what was expected
bad() {
  printf 'extends: a5-booklet\n%s\n' "$1" >"$T/long/bad.yaml"
  run_status "$T/out" "$T/err" "$LP" build "$T/long/en.md" -l "$T/long/bad.yaml" -o "$T/bad.pdf"
  [ "$status" != 0 ] || fail "layout '$1' was accepted"
  expect_contains "layout '$1'" "$2" "$T/err"
  expect_contains "layout '$1': the place" "bad.yaml:" "$T/err"
}
bad "booklet: {cover: [band], covers: [band]}" "covers"
bad "booklet: {padding: blank}" "notes"
bad "booklet: {back_cover: [contact, phone]}" "contact"
printf 'extends: a5-card\nbooklet: {cover: [band]}\n' >"$T/long/card-cover.yaml"
cp "$SRC/layouts/a5-card.yaml" "$T/long/"
run_status "$T/out" "$T/err" "$LP" build "$T/long/en.md" -l "$T/long/card-cover.yaml" -o "$T/bad.pdf"
[ "$status" != 0 ] || fail "a card layout with a booklet cover was accepted"
expect_contains "a card with a cover" "kind: leaflet" "$T/err"
# An empty list leaves the page out: no cover, the title band on page 1.
printf 'extends: a5-booklet\nbooklet: {cover: []}\n' >"$T/long/nocover.yaml"
"$LP" build "$T/long/en.md" -l "$T/long/nocover.yaml" -o "$T/nocover.pdf"
text "$T/nocover.pdf" 1 | grep -qF "Paragraph 1.1" || fail "without a cover the text does not start on page 1"
expect_eq "without a cover, page 1's number" 1 "$(footer_page "$T/nocover.pdf" 1 0 420)"
