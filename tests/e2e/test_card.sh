# The A5 aftercare card: two sides of 419.5 x 595.3 pt, the timeline on the
# back with every phase and the marker, calendar dates under the ticks when a
# treatment date is given, and copy-fit that shrinks text down to the
# readability floor and no further.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"
pdf="$T/card.pdf"
"$LP" build "$article" --layout a5-card -o "$pdf"
expect_no_warnings pdfinfo "$pdf"
expect_no_warnings pdftotext "$pdf" /dev/null
expect_eq "pages" 2 "$(pdf_field "$pdf" Pages)"
pdfinfo -f 1 -l 2 "$pdf" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p' >"$T/sizes"
expect_eq "sides" 2 "$(wc -l <"$T/sizes")"
while read -r w h; do
  awk -v w="$w" -v h="$h" 'BEGIN { exit !((w - 419.53)^2 < 0.25 && (h - 595.28)^2 < 0.25) }' ||
    fail "a side is $w x $h pt, not A5"
done <"$T/sizes"
qpdf --check "$pdf" >/dev/null || fail "qpdf --check"
pdffonts "$pdf" | tail -n +3 | awk '$(NF-4) != "yes" { exit 1 }' || fail "a font is not embedded"

# Front: the clinic, the card's title, the key points, the phone.
pdftotext -raw -f 1 -l 1 "$pdf" "$T/front.txt"
expect_in_order "front" "$T/front.txt" "Example Skin Clinic" "After your Botox treatment" "WHAT TO EXPECT" \
  "Mild pain or soreness may be felt after the injections" "relieved by the end of the second week" \
  "Your treatment date" "Questions? Call us" "+00 000 000 000" "1 Example Street"
# Back: the caption, every phase label and the marker, each phase explained.
pdftotext -raw -f 2 -l 2 "$pdf" "$T/back.txt"
expect_in_order "back" "$T/back.txt" "When headache can occur after Botox" \
  "Needle soreness" "Frowning habit" "Migraine" "Frowns, spasms, migraine" "Treatment" "Week 3" "relieved" \
  "Needle soreness — the needles and injections" "IF YOU HAVE MIGRAINE" \
  "If you have a migraine problem, we recommend that you use painkillers"
# The figure has its alternate text.
qpdf --qdf --object-streams=disable "$pdf" "$T/qdf.pdf"
grep -aq '/Alt (When headache can occur after Botox' "$T/qdf.pdf" || fail "the figure has no /Alt"

# With the patient's treatment date: the date on the front, calendar dates
# under the ticks, in English conventions.
"$LP" build "$article" --layout a5-card --set treatment_date=2026-11-28 -o "$T/dated.pdf"
pdftotext -raw -f 1 -l 1 "$T/dated.pdf" "$T/dated-front.txt"
expect_contains "treatment date" "Saturday, November 28, 2026" "$T/dated-front.txt"
pdftotext -raw -f 2 -l 2 "$T/dated.pdf" "$T/dated-back.txt"
expect_in_order "tick dates" "$T/dated-back.txt" "Treatment" "Nov 28" "Day 1" "Nov 29" "Week 1" "Dec 5" \
  "Week 2" "Dec 12" "Week 3" "Dec 19"
# Across a month end and a leap day.
"$LP" build "$article" --layout a5-card --set treatment_date=2028-02-27 -o "$T/leap.pdf"
pdftotext -raw -f 2 -l 2 "$T/leap.pdf" "$T/leap.txt"
expect_in_order "leap year" "$T/leap.txt" "Feb 27" "Feb 28" "Mar 5" "Mar 12" "Mar 19"
# The leaflet's figure shows them too.
"$LP" build "$article" --set treatment_date=2026-11-28 -o "$T/leaflet.pdf"
pdftotext -raw -f 1 -l 1 "$T/leaflet.pdf" "$T/leaflet.txt"
expect_in_order "leaflet tick dates" "$T/leaflet.txt" "Figure 1" "Nov 28" "Dec 19"

run_status /dev/null "$T/err" "$LP" build "$article" --layout a5-card --set treatment_date=2026-02-30 -o "$T/bad.pdf"
expect_eq "impossible treatment date (a usage error)" 2 "$status"
expect_contains "impossible treatment date" "treatment_date: 2026-02-30 is not a day of the calendar" "$T/err"
[ ! -e "$T/bad.pdf" ] || fail "a card was written for a bad date"

# Copy-fit: longer points shrink to fit, never under the 9 pt floor.
a="$T/text/long/en.md"
mkdir -p "$(dirname "$a")"
point="Keep the treated area clean and dry, avoid pressing or rubbing it, and call the clinic if anything worries you."
# card_article N: an article whose card has N long points, and the timeline.
card_article() {
  printf -- '---\nlang: en\ntitle: T\nversion: "1"\ndate: 2026-01-01\nreview: draft\ncard:\n  title: A card\n  points:\n'
  for i in $(seq 1 "$1"); do printf '    - %s\n' "$point"; done
  printf -- '---\n\n'
  sed -n '/^```timeline/,/^```$/p' "$article"
}
card_article 9 >"$a"
"$LP" build "$a" --layout a5-card -o "$T/fit.pdf" 2>"$T/fit.err" || fail "copy-fit card: $(cat "$T/fit.err")"
expect_contains "copy-fit warning" "text shrunk" "$T/fit.err"
mutool draw -q -F stext -o "$T/fit.stext" "$T/fit.pdf" 1 2>/dev/null
# The points are most of the front's characters: the size most characters have.
pointsize=$(awk '/<font / { match($0, /size="[0-9.]*"/); size = substr($0, RSTART + 6, RLENGTH - 7) }
  /<char / { n[size]++ } END { for (s in n) if (n[s] > best) { best = n[s]; mode = s } print mode }' "$T/fit.stext")
awk -v s="$pointsize" 'BEGIN { exit !(s >= 8.99 && s < 10.5) }' || fail "points at $pointsize pt: expected shrunk, at least 9"

# Too long even at the floor: a clear error, and no card.
card_article 16 >"$a"
run_status /dev/null "$T/err" "$LP" build "$a" --layout a5-card -o "$T/nofit.pdf"
expect_eq "overflow exit code" 1 "$status"
grep -Eq "^$a:1:1: the card's front \(points\) overflows by [0-9]+\.[0-9] mm even at the smallest allowed text size \(9 pt\); shorten the text \(language en\)" "$T/err" ||
  fail "overflow message: $(cat "$T/err")"
[ ! -e "$T/nofit.pdf" ] || fail "a card was written although it overflows"
# A date in two calendars on two lines (Thai: Buddhist and Gregorian): the
# line to write on lies below both, never through the second.
"$LP" build "$SRC/text/botox-headache/th.md" -l a5-card --set treatment_date=2026-12-01 -o "$T/th.pdf" -q ||
  fail "the Thai card with a date"
pdftoppm -r 72 -f 1 -l 1 -png "$T/th.pdf" "$T/th"
read -r top bottom < <(pdftotext -bbox -f 1 -l 1 "$T/th.pdf" - |
  awk -F'"' '/<word / && />2569</ { t = $4 } /<word / && />2026\)</ { b = $8 } END { printf "%d %d\n", t, b }')
[ "$bottom" -gt "$top" ] || fail "the Thai card's date is not on two lines (top $top, bottom $bottom)"
full_row() { awk -v s="$("$LP_PIXELS" "$T/th-1.png" 40 "$1" 300 1 | cut -d' ' -f1)" 'BEGIN { exit !(s > 0.9) }'; }
for y in $(seq $((top + 2)) $((bottom - 2))); do
  ! full_row "$y" || fail "the date's rule runs through its text at y=$y"
done
found=0
for y in $(seq "$bottom" $((bottom + 15))); do full_row "$y" && found=1; done
[ "$found" = 1 ] || fail "no rule below the two-line date"
echo "ok: a two-line date has its rule below it"
echo ok
