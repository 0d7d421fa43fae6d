# The A5 booklet (docs/printing.md): a plain A5 PDF in reading order with a
# page count that is a multiple of 4, padded after the text with notes pages
# (never a blank page inside the text), and with --sheet a4 the sheets of a
# saddle-stitched booklet: for 8 pages 8|1, 2|7 on the outer sheet and 6|3,
# 4|5 on the inner, page numbers in reading order wherever a page sits,
# right-to-left booklets the other way round, creep moving inner pages
# towards the fold; both writers, and the verification on the sheets.
. "$(dirname "$0")/lib.sh"

# An article long enough for 5 to 8 A5 pages: the bundled article's front
# matter, then numbered sections of filler text (a fixture, not a leaflet).
mkdir -p "$T/long"
sed -n '1,/^---$/{p}' "$SRC/text/botox-headache/en.md" | sed -n '1p' >"$T/long/en.md"
sed -n '2,/^---$/p' "$SRC/text/botox-headache/en.md" >>"$T/long/en.md"
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
  pdftotext -r 72 -f "$2" -l "$2" -x "$3" -y 560 -W "$4" -H 35 "$1" - | grep -o '· [0-9]*' | tr -dc '0-9'
}

# --- plain A5, reading order ----------------------------------------------------
"$LP" build "$T/long/en.md" -l a5-booklet -o "$T/plain.pdf"
n=$(pdf_field "$T/plain.pdf" Pages)
[ $((n % 4)) = 0 ] || fail "the booklet has $n pages, not a multiple of 4"
[ "$n" -ge 8 ] || fail "the fixture was meant to make at least 8 pages, made $n"
pdfinfo -f 1 -l "$n" "$T/plain.pdf" >"$T/info"
expect_eq "A5 pages" "$n" "$(grep -c "size: *419.5[0-9]* x 595.2[0-9]*" "$T/info" || true)"
for p in $(seq 1 "$n"); do
  expect_eq "page $p's number" "$p" "$(footer_page "$T/plain.pdf" "$p" 0 420)"
done
# The text runs from page 1 to the contact box; the pages after it are the
# padding: notes pages with their heading, ruled, and the running lines.
last=
for p in $(seq 1 "$n"); do
  pdftotext -f "$p" -l "$p" "$T/plain.pdf" "$T/page.txt"
  if grep -qF "Questions? Call us" "$T/page.txt"; then last=$p; fi
done
[ -n "$last" ] || fail "no contact box"
for p in $(seq 1 "$last"); do
  body=$(pdftotext -r 72 -f "$p" -l "$p" -x 0 -y 40 -W 420 -H 510 "$T/plain.pdf" - | tr -d ' \n\f')
  [ -n "$body" ] || fail "page $p, inside the text, is blank"
done
for p in $(seq $((last + 1)) "$n"); do
  body=$(pdftotext -r 72 -f "$p" -l "$p" -x 0 -y 40 -W 420 -H 510 "$T/plain.pdf" - | tr -d ' \n\f')
  expect_eq "padding page $p's text: its heading only" "Notes" "$body"
  # ruled for notes: ink across the text area
  pdftoppm -r 20 -f "$p" -l "$p" -png "$T/plain.pdf" "$T/pad"
  ink=$("$LP_PIXELS" "$(ls "$T"/pad-*.png | head -1)" 10 30 90 100 | cut -d' ' -f1)
  awk -v i="$ink" 'BEGIN { exit !(i > 0.01) }' || fail "padding page $p is not ruled ($ink)"
  rm -f "$T"/pad-*.png
done

# --- on A4 sheets, as folded --------------------------------------------------------
# side_pages PDF SIDE: "left right" page numbers of a sheet side
side_pages() {
  echo "$(footer_page "$1" "$2" 0 421) $(footer_page "$1" "$2" 421 421)"
}
# want N SHEET BACK: the pages a printer puts there (1-based)
want() {
  local n=$1 s=$2 back=$3
  if [ "$back" = 0 ]; then echo "$((n - 2 * s)) $((2 * s + 1))"; else echo "$((2 * s + 2)) $((n - 2 * s - 1))"; fi
}
for w in cairo haru; do
  "$LP" build "$T/long/en.md" -l a5-booklet --sheet a4 --writer $w -o "$T/sheets-$w.pdf"
  expect_eq "$w: sides" $((n / 2)) "$(pdf_field "$T/sheets-$w.pdf" Pages)"
  pdfinfo -f 1 -l 99 "$T/sheets-$w.pdf" >"$T/info"
  other=$(grep "^Page .*size:" "$T/info" | grep -vc "841.8[0-9]* x 595.2[0-9]*" || true)
  expect_eq "$w: sheets not A4 landscape" 0 "$other"
  for s in $(seq 0 $((n / 4 - 1))); do
    for back in 0 1; do
      expect_eq "$w: sheet $((s + 1)) $([ $back = 1 ] && echo back || echo front)" "$(want "$n" "$s" "$back")" \
        "$(side_pages "$T/sheets-$w.pdf" $((2 * s + back + 1)))"
    done
  done
done
if [ "$n" = 8 ]; then
  expect_eq "8 pages" "8 1|2 7|6 3|4 5" "$(for i in 1 2 3 4; do side_pages "$T/sheets-cairo.pdf" $i; done | paste -sd'|')"
fi

# --- right to left: the booklet opens the other way ------------------------------------
"$LP" build "$SRC/text/botox-headache/ar.md" -l a5-booklet --sheet a4 -o "$T/ar-sheets.pdf"
sides=$(pdf_field "$T/ar-sheets.pdf" Pages)
[ $((sides % 2)) = 0 ] || fail "the Arabic booklet has $sides sheet sides"
# Page 1 (the title band) is the left half of the first front, the last page
# (notes, ruled, no body text) the right; on the back, page 2 is on the right.
band() { pdftotext -r 72 -f "$2" -l "$2" -x "$3" -y 0 -W 421 -H 150 "$1" - | tr -d ' \n\f' | wc -c; }
[ "$(band "$T/ar-sheets.pdf" 1 0)" -gt "$(band "$T/ar-sheets.pdf" 1 421)" ] ||
  fail "Arabic: the title page is not the left half of the first front"
pdftotext -r 72 -f 1 -l 1 -x 0 -y 560 -W 421 -H 35 "$T/ar-sheets.pdf" "$T/foot1"
expect_contains "Arabic: page 1's number on the left of the first front" "$(printf '\xd9\xa1') ·" "$T/foot1"
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
