# Copy-fit on the DL tri-fold (layouts/dl-trifold.yaml, copyfit: in
# docs/layout.md): the Tamil article, too long for the three inside panels at
# 9/12.5 pt, is set with a tighter leading, says so in a warning, reads back
# whole and stays inside its panels; a layout whose smallest setting is still
# too big refuses it as before, saying what was tried; a text that fits is not
# touched (the same bytes as from the layout without copyfit:); the layout
# reader refuses a copyfit under the floor, above the body's size or on a card.
. "$(dirname "$0")/lib.sh"

ta="$SRC/text/botox-headache/ta.md"
en="$SRC/text/botox-headache/en.md"
mm() { awk -v v="$1" 'BEGIN { printf "%.2f", v * 72 / 25.4 }'; }

# Tamil on the DL: exit 0, one warning naming the size it was set at.
run_status "$T/ta.out" "$T/ta.err" "$LP" build "$ta" -l dl-trifold -o "$T/ta.pdf" -f pdf,png --dpi 72
expect_eq "Tamil DL: exit ($(cat "$T/ta.err"))" 0 "$status"
expect_contains "Tamil DL: the copy-fit warning" \
  "ta.md:1:1: warning: the dl-trifold's text was set at 9/11.81 pt instead of 9/12.5 pt to fit its 3 text panels (copyfit: min_size 9pt, step 0.25pt)" \
  "$T/ta.err"
expect_eq "Tamil DL: warnings" 1 "$(grep -c 'warning:' "$T/ta.err")"
expect_eq "Tamil DL: sides" 2 "$(pdf_field "$T/ta.pdf" Pages)"

# The text reads back, in order, the first body paragraph in the first inside
# panel and the article's last sentence at the end of the third.
i1=$(mm 100) i2=$(mm 200)
# panel PDF PAGE X0 X1: the text of the panel between X0 and X1 pt
panel() {
  pdftotext -r 72 -f "$2" -l "$2" -x "$(printf '%.0f' "$3")" -y 0 -W "$(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.0f", b - a }')" \
    -H 595 "$1" -
}
{ panel "$T/ta.pdf" 2 0 "$i1"; panel "$T/ta.pdf" 2 "$i1" "$i2"; panel "$T/ta.pdf" 2 "$i2" 842; } >"$T/ta.txt"
expect_in_order "Tamil DL: the inside's text" "$T/ta.txt" \
  "சக்திவாய்ந்த நச்சு என அறியப்படும் போடாக்ஸ்" \
  "போடாக்ஸுக்கு அங்கீகரிக்கப்பட்ட பக்கவிளைவுகள்" \
  "போடாக்ஸால் ஏற்படும்" \
  "இந்த வலி காலப்போக்கில் குறைவதை நீங்கள் காண்பீர்கள்."
panel "$T/ta.pdf" 2 "$i2" 842 | tr '\n' ' ' >"$T/ta-in3"
expect_contains "Tamil DL: the last sentence in the third inside panel" "குறைவதை நீங்கள் காண்பீர்கள்." "$T/ta-in3"

# Inside the panels: every word above the bottom margin (10 mm), each panel
# holding text (balanced), and no ink across a fold on either side.
pdftotext -f 2 -l 2 -bbox "$T/ta.pdf" - | awk -F'"' -v f1="$i1" -v f2="$i2" '
  /<word / { x = $2 + 0; p = x < f1 ? 0 : x < f2 ? 1 : 2; n[p]++; if ($8 + 0 > d[p]) d[p] = $8 + 0 }
  END { printf "%d %d %d %.1f %.1f %.1f\n", n[0], n[1], n[2], d[0], d[1], d[2] }' >"$T/ta-depths"
read -r n1 n2 n3 d1 d2 d3 <"$T/ta-depths"
foot=$(awk 'BEGIN { printf "%.1f", 595.28 - 10 * 72 / 25.4 }')
for d in $d1 $d2 $d3; do
  awk -v d="$d" -v f="$foot" 'BEGIN { exit !(d <= f + 0.5) }' || fail "Tamil DL: a panel's text runs to $d pt, below the margin at $foot pt"
done
for n in $n1 $n2 $n3; do
  [ "$n" -ge 20 ] || fail "Tamil DL: an inside panel holds $n words ($(cat "$T/ta-depths"))"
done
echo "ok: Tamil DL inside panels: words and depths $(cat "$T/ta-depths")"
pdftoppm -r 72 "$T/ta.pdf" "$T/ta"
# the draft band runs to each panel's folds: look below it (two lines in Tamil)
band=$(awk 'BEGIN { print int(5 * 72 / 25.4 + 1.05 * 8.5 + 11.5 + 0.3 * 8.5 + 3 * 72 / 25.4) + 2 }')
expect_eq "Tamil DL inside: ink across a fold" "" "$(across "$T/ta-2.ppm" "$band" 595 "$i1" "$i2")"
expect_eq "Tamil DL outside: ink across a fold" "" "$(across "$T/ta-1.ppm" "$band" 595 "$(mm 97)" "$(mm 197)")"
# The draft band's label, too long for a panel's measure, is on two lines
# and stays 5 mm clear of each panel's edges (pdftotext -bbox: the words above
# the band's foot, on both sides, each inside its panel's margins).
for side in 1 2; do
  if [ $side = 1 ]; then edges="0 $(mm 97) $(mm 197) 841.89"; else edges="0 $i1 $i2 841.89"; fi
  pdftotext -f $side -l $side -bbox "$T/ta.pdf" - | awk -F'"' -v band="$band" -v edges="$edges" -v e="$(mm 5)" '
    BEGIN { split(edges, x, " ") }
    /<word / && $8 + 0 < band { n++; lines[int(($4 + 0) / 6)] = 1
      for (p = 1; p <= 3; p++) if ($2 + 0 >= x[p] && $2 + 0 < x[p + 1]) break
      if ($2 + 0 < x[p] + e - 0.5 || $6 + 0 > x[p + 1] - e + 0.5) { printf "%s %.1f-%.1f ", $10, $2, $6; bad++ } }
    END { k = 0; for (l in lines) k++; if (!n) print "no words"; else if (k != 2) print k " lines" }' >"$T/band-$side"
  expect_eq "Tamil DL side $side: the draft band's words within their panels, on two lines" "" "$(cat "$T/band-$side")"
done
# Deterministic: built again, the same bytes.
"$LP" build "$ta" -l dl-trifold -o "$T/ta2.pdf" -q
cmp -s "$T/ta.pdf" "$T/ta2.pdf" || fail "Tamil DL: two builds differ"

# fill: in-turn copy-fits the same way: the same setting, each panel filled
# in turn, the third to near its foot (the text only just fits).
cp "$SRC/layouts/dl-trifold.yaml" "$SRC/layouts/a4-leaflet.yaml" "$T/"
printf 'extends: dl-trifold\npanels: {widths: [100mm, 100mm, 97mm], outside: [flap, back, cover], inside: [text, text, text], fill: in-turn}\n' \
  >"$T/inturn.yaml"
run_status "$T/inturn.out" "$T/inturn.err" "$LP" build "$ta" -l "$T/inturn.yaml" -o "$T/inturn.pdf"
expect_eq "in-turn: exit" 0 "$status"
expect_contains "in-turn: the warning" "the inturn's text was set at 9/11.81 pt instead of 9/12.5 pt" "$T/inturn.err"
d3=$(pdftotext -f 2 -l 2 -bbox "$T/inturn.pdf" - | awk -F'"' -v f2="$i2" '/<word / && $2 + 0 >= f2 { if ($8 + 0 > d) d = $8 + 0 } END { printf "%.1f", d }')
awk -v d="$d3" -v f="$foot" 'BEGIN { exit !(d > f - 40 && d <= f + 0.5) }' || fail "in-turn: the third panel ends at $d3 pt (foot $foot)"

# A setting that cannot fit: body and list at 10/13 pt, copy-fit no smaller
# than 10 pt (the leading stops at 1.3 x 10 = 13 pt): the error, naming it.
printf 'extends: dl-trifold\nstyles:\n  body: {size: 10pt, leading: 13pt}\n  list: {size: 10pt, leading: 13pt}\ncopyfit: {min_size: 10pt}\n' \
  >"$T/big.yaml"
run_status "$T/big.out" "$T/big.err" "$LP" build "$ta" -l "$T/big.yaml" -o "$T/big.pdf"
expect_eq "min_size too big: exit" 1 "$status"
expect_contains "min_size too big: the error says what was tried" \
  "ta.md:1:1: the big's text needs 4 panels even at 10/13 pt, the smallest its copyfit allows (min_size 10pt, leading 1.3 x the size), and it has 3 text panels" \
  "$T/big.err"
expect_contains "min_size too big: the hint" "shorten the text, or print it as a leaflet or booklet" "$T/big.err"
[ ! -e "$T/big.pdf" ] || fail "min_size too big: a PDF was written"

# A text that fits is not touched: English from the layout without copyfit:
# (a copy, beside its base) and from the bundled one, byte for byte, both
# writers, and no copy-fit warning.
mkdir -p "$T/plain"
cp "$SRC/layouts/a4-leaflet.yaml" "$T/plain/"
grep -v '^copyfit:' "$SRC/layouts/dl-trifold.yaml" >"$T/plain/dl-trifold.yaml"
! grep -q copyfit "$T/plain/dl-trifold.yaml" || fail "the copy still copy-fits"
for w in cairo haru; do
  run_status "$T/en-$w.out" "$T/en-$w.err" "$LP" build "$en" -l dl-trifold -w "$w" -o "$T/en-$w.pdf"
  expect_eq "en ($w): exit" 0 "$status"
  ! grep -q 'was set at' "$T/en-$w.err" || fail "en ($w): copy-fitted: $(cat "$T/en-$w.err")"
  "$LP" build "$en" -l "$T/plain/dl-trifold.yaml" -w "$w" -o "$T/en-$w-plain.pdf" -q
  cmp -s "$T/en-$w.pdf" "$T/en-$w-plain.pdf" || fail "en ($w): copyfit: changed a text that fits"
done

# The layout reader: under the floor, above the body's size, not folded.
printf 'extends: dl-trifold\ncopyfit: {min_size: 8pt}\n' >"$T/low.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -l "$T/low.yaml" -o "$T/x.pdf"
expect_eq "min_size under the floor: exit" 1 "$status"
expect_contains "min_size under the floor" \
  "low.yaml:2:21: copyfit min_size: 8pt is under the running text's readability floor: expected 9pt or more" "$T/err"
printf 'extends: dl-trifold\ncopyfit: {min_size: 9.5pt}\n' >"$T/high.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -l "$T/high.yaml" -o "$T/x.pdf"
expect_eq "min_size above the body: exit" 1 "$status"
expect_contains "min_size above the body" \
  "high.yaml:2:10: copyfit: min_size 9.5pt is above the size of style 'body' (9pt): expected 9pt or less" "$T/err"
printf 'extends: dl-trifold\ncopyfit: {min_size: 9pt, step: 2pt}\n' >"$T/step.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -l "$T/step.yaml" -o "$T/x.pdf"
expect_eq "step too big: exit" 1 "$status"
expect_contains "step too big" "step.yaml:2:" "$T/err"
expect_contains "step too big: the range" "expected 0.05pt to 1pt" "$T/err"
cp "$SRC/layouts/a5-card.yaml" "$T/"
printf 'extends: a5-card\ncopyfit: {min_size: 9pt}\n' >"$T/card.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -l "$T/card.yaml" -o "$T/x.pdf"
expect_eq "copyfit on a card: exit" 1 "$status"
expect_contains "copyfit on a card" "card.yaml:2:10: copyfit: only a folded layout's text panels are copy-fitted" "$T/err"
