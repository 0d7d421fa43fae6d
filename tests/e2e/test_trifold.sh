# The DL tri-fold (layouts/dl-trifold.yaml, docs/printing.md): one A4 sheet,
# landscape, two sides of three panels. Outside, left to right: the flap with
# the key points (97 mm), the back with the contact (100 mm), the cover with
# the band (100 mm); inside: the text's three panels (100, 100, 97 mm) in
# reading order. Checked on the PDF: which text lands in which panel, nothing
# across a fold (pixels), the panel widths (the cover band's edge, the fold
# marks in the slug), right to left mirrored, both writers, verification.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"
mm() { awk -v v="$1" 'BEGIN { printf "%.2f", v * 72 / 25.4 }'; }

# panel PDF PAGE X0 X1: the text of the panel between X0 and X1 pt, on one line
panel() {
  local x w
  x=$(printf '%.0f' "$3")
  w=$(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.0f", b - a }')
  pdftotext -r 72 -f "$2" -l "$2" -x "$x" -y 0 -W "$w" -H 595 "$1" - | tr '\n' ' ' | tr -s ' '
}

"$LP" build "$article" -l dl-trifold -o "$T/dl.pdf" -f pdf,png --dpi 72
expect_eq "sides" 2 "$(pdf_field "$T/dl.pdf" Pages)"
pdfinfo -f 1 -l 2 "$T/dl.pdf" >"$T/info"
expect_eq "A4 landscape sides" 2 "$(grep -c "^Page .*size: *841.8[0-9]* x 595.2[0-9]*" "$T/info" || true)"

f1=$(mm 97) f2=$(mm 197) i1=$(mm 100) i2=$(mm 200)
# Outside: flap | back | cover.
panel "$T/dl.pdf" 1 0 "$f1" >"$T/flap"
panel "$T/dl.pdf" 1 "$f1" "$f2" >"$T/back"
panel "$T/dl.pdf" 1 "$f2" 842 >"$T/cover"
expect_contains "the flap holds the key points" "Mild pain or soreness may be felt" "$T/flap"
expect_contains "the back holds the contact" "+00 000 000 000" "$T/back"
expect_contains "the back holds the version" "Version 2026-11" "$T/back"
expect_contains "the cover holds the article's title" "Does Botox cause headache?" "$T/cover"
! grep -qF "Mild pain" "$T/back" "$T/cover" || fail "the key points are outside the flap"
! grep -qF "Does Botox cause" "$T/flap" "$T/back" || fail "the title is outside the cover"
# Inside: the text in reading order across the three panels.
panel "$T/dl.pdf" 2 0 "$i1" >"$T/in1"
panel "$T/dl.pdf" 2 "$i1" "$i2" >"$T/in2"
panel "$T/dl.pdf" 2 "$i2" 842 >"$T/in3"
expect_contains "inside 1: the figure first" "When headache can occur after Botox" "$T/in1"
expect_contains "inside 1: the first paragraph" "Botox, known as" "$T/in1"
expect_contains "inside 2: the text goes on" "What are the Causes of" "$T/in2"
expect_contains "inside 3: the end of the text" "without the use of painkillers" "$T/in3"
# No "page X of Y" on a folded leaflet.
! pdftotext "$T/dl.pdf" - | grep -q "Page [0-9]* of" || fail "a folded leaflet carries page numbers"

# Nothing crosses a fold: on no row is there ink both 2 pt left and 2 pt right
# of a fold (a panel's tint may reach its fold, never past it), on both sides
# (the sheet rendered at 72 dpi: a pixel is a point).
pdftoppm -r 72 "$T/dl.pdf" "$T/dl"
expect_eq "outside: ink across a fold" "" "$(across "$T/dl-1.ppm" 0 595 "$f1" "$f2")"
expect_eq "inside: ink across a fold" "" "$(across "$T/dl-2.ppm" 0 595 "$i1" "$i2")"
# The inside's folds are bare paper: the text panels have margins.
for f in $i1 $i2; do
  x=$(awk -v f="$f" 'BEGIN { printf "%d", f - 1.5 }')
  expect_eq "inside: ink on the fold at $f pt" 0.0000 "$("$LP_PIXELS" "$T/dl-2.png" "$x" 0 3 595 | cut -d' ' -f1)"
done
# The cover is 100 mm: its band starts at the fold, 197 mm from the left.
band=$("$LP_PIXELS" "$T/dl-1.png" "$(awk -v f="$f2" 'BEGIN { printf "%d", f + 2 }')" 20)
expect_eq "the cover's band at its left edge" 1f6e8c "$band"
expect_eq "left of the cover's fold" ffffff \
  "$("$LP_PIXELS" "$T/dl-1.png" "$(awk -v f="$f2" 'BEGIN { printf "%d", f - 3 }')" 20)"

# Fold marks in the slug (--crop-marks) on each fold: 97 and 197 mm outside,
# 100 and 200 mm inside, past the bleed and the 2 pt gap.
"$LP" build "$article" -l dl-trifold --crop-marks -o "$T/marks.pdf" -f pdf,png --dpi 72
off=$(mm 13) # bleed 3 mm + slug 10 mm
for side in 1 2; do
  if [ $side = 1 ]; then folds="$f1 $f2"; else folds="$i1 $i2"; fi
  for f in $folds; do
    x=$(awk -v f="$f" -v o="$off" 'BEGIN { printf "%d", f + o - 1 }')
    share=$("$LP_PIXELS" "$T/marks-$side.png" "$x" 2 3 20 | cut -d' ' -f1)
    awk -v s="$share" 'BEGIN { exit !(s > 0.05) }' || fail "side $side: no fold mark above the fold at $f mm ($share)"
  done
done

# Right to left: the mirror image. The cover is the left panel, the flap the
# right; inside, the text starts in the right panel.
"$LP" build "$SRC/text/botox-headache/ar.md" -l dl-trifold -o "$T/ar.pdf" -f pdf,png --dpi 72
panel "$T/ar.pdf" 2 "$(mm 197)" 842 >"$T/ar-in1"
expect_contains "Arabic: the figure in the right panel" "$(sed -n 's/^caption: //p' "$SRC/text/botox-headache/ar.md" | head -1)" \
  "$T/ar-in1"
# The band's colour at the left of the outside, paper at its right.
expect_eq "Arabic: the cover at the left (below the draft band)" 1f6e8c "$("$LP_PIXELS" "$T/ar-1.png" 30 45)"
expect_eq "Arabic: no band at the right" ffffff "$("$LP_PIXELS" "$T/ar-1.png" 800 45)"
pdftoppm -r 72 "$T/ar.pdf" "$T/ar"
# the draft band runs across each panel up to its folds: look below it
expect_eq "Arabic inside: ink across a fold" "" "$(across "$T/ar-2.ppm" 40 595 "$(mm 97)" "$(mm 197)")"
expect_eq "Arabic outside: ink across a fold" "" "$(across "$T/ar-1.ppm" 40 595 "$(mm 100)" "$(mm 200)")"

# Hebrew, both writers, and the Arabic pictures article: built with the
# read-back verification on (it once refused them: a line poppler-glib leaves
# out of a right-to-left page's selection, read run by run, had a word
# boundary between its runs, "'?' and 'גורם לכאב ראש'", where the PDF has
# none; docs/verify.md). The same mirrored panels, read by poppler and MuPDF.
he="$SRC/text/botox-headache/he.md"
he_title=$(sed -n 's/^title: //p' "$he")
for w in cairo haru; do
  run_status "$T/he-$w.out" "$T/he-$w.err" "$LP" build "$he" -l dl-trifold --writer "$w" -o "$T/he-$w.pdf"
  expect_eq "Hebrew ($w): exit" 0 "$status"
  panel "$T/he-$w.pdf" 1 0 "$(mm 100)" >"$T/he-$w-cover"
  panel "$T/he-$w.pdf" 1 "$(mm 100)" "$(mm 200)" >"$T/he-$w-back"
  panel "$T/he-$w.pdf" 1 "$(mm 200)" 842 >"$T/he-$w-flap"
  # the title wraps after its second word, the question mark stays with the last
  expect_contains "Hebrew ($w): the title's first line on the cover, at the left" "${he_title% גורם*}" "$T/he-$w-cover"
  expect_contains "Hebrew ($w): the title's second line on the cover" "גורם לכאב ראש?" "$T/he-$w-cover"
  expect_contains "Hebrew ($w): the contact on the back, in the middle" "+00 000 000 000" "$T/he-$w-back"
  expect_contains "Hebrew ($w): the key points on the flap, at the right" "לאחר הזריקות ייתכנו" "$T/he-$w-flap"
  ! grep -qF "${he_title% גורם*}" "$T/he-$w-back" "$T/he-$w-flap" || fail "Hebrew ($w): the title is outside the cover"
  panel "$T/he-$w.pdf" 2 "$(mm 197)" 842 >"$T/he-$w-in1"
  expect_contains "Hebrew ($w): the figure in the right panel inside" \
    "$(sed -n 's/^caption: //p' "$he" | head -1)" "$T/he-$w-in1"
  mutool draw -q -F txt -o "$T/he-$w.mupdf.txt" "$T/he-$w.pdf" 1 2>/dev/null
  # MuPDF gives a right-to-left line's runs from left to right ("?גורם …":
  # docs/translations.md, "Readers"); each run reads whole.
  expect_contains "Hebrew ($w): MuPDF reads the title's first line" "${he_title% גורם*}" "$T/he-$w.mupdf.txt"
  expect_contains "Hebrew ($w): MuPDF reads the title's second line" "גורם לכאב ראש" "$T/he-$w.mupdf.txt"
  pdftoppm -r 72 "$T/he-$w.pdf" "$T/he-$w"
  expect_eq "Hebrew ($w) outside: ink across a fold" "" "$(across "$T/he-$w-1.ppm" 40 595 "$(mm 100)" "$(mm 200)")"
  expect_eq "Hebrew ($w) inside: ink across a fold" "" "$(across "$T/he-$w-2.ppm" 40 595 "$(mm 97)" "$(mm 197)")"
done
pics="$SRC/tests/data/articles/pictures/ar.md"
run_status "$T/pics.out" "$T/pics.err" "$LP" build "$pics" -l dl-trifold -o "$T/pics.pdf"
expect_eq "Arabic pictures: exit" 0 "$status"
# balanced over the panels (below), the treatment room is the middle panel's
panel "$T/pics.pdf" 2 "$(mm 97)" "$(mm 197)" >"$T/pics-in2"
expect_contains "Arabic pictures: the treatment room in the middle panel" "في غرفة العلاج سرير ومغسلة" "$T/pics-in2"
expect_contains "Arabic pictures: the same line, after its full stop" "يمكنك أن تحضر شخصًا معك" "$T/pics-in2"
pdftoppm -r 72 "$T/pics.pdf" "$T/pics"
expect_eq "Arabic pictures inside: ink across a fold" "" "$(across "$T/pics-2.ppm" 40 595 "$(mm 97)" "$(mm 197)")"

# The press writer, CMYK, PDF/A: the same panels, proven.
"$LP" build "$article" -l dl-trifold --writer haru --cmyk -o "$T/haru.pdf"
panel "$T/haru.pdf" 1 "$f2" 842 >"$T/haru-cover"
expect_contains "haru: the cover" "Does Botox cause headache?" "$T/haru-cover"
"$LP" build "$article" -l dl-trifold --pdfa -o "$T/pdfa.pdf"
qpdf --check "$T/pdfa.pdf" >/dev/null || fail "qpdf --check"

# A layout whose widths are not the page's is refused at its line.
printf 'extends: dl-trifold\npanels: {widths: [100mm, 100mm, 100mm], outside: [flap, back, cover], inside: [text, text, text]}\n' \
  >"$T/bad.yaml"
cp "$SRC/layouts/dl-trifold.yaml" "$SRC/layouts/a4-leaflet.yaml" "$T/"
run_status "$T/out" "$T/err" "$LP" build "$article" -l "$T/bad.yaml" -o "$T/x.pdf"
expect_eq "bad widths: exit" 1 "$status"
expect_contains "bad widths" "bad.yaml:2:9: panels: the widths add up to 300.0 mm, the page is 297.0 mm wide" "$T/err"

# A short text is balanced over the three inside panels (panels: {fill:
# balance}, the default): each panel holds text, and their last lines stand
# within three lines of each other. The English text used to fill two panels
# and leave two lines on the third; the Hebrew left the left panel empty.
# depths PDF F1 F2: per inside panel (split at the folds F1, F2 pt from the
# left), the number of words and the foot of the lowest, "n:depth n:depth n:depth"
depths() {
  pdftotext -f 2 -l 2 -bbox "$1" - | awk -F'"' -v f1="$2" -v f2="$3" '
    /<word / { x = $2 + 0; p = x < f1 ? 0 : x < f2 ? 1 : 2; n[p]++; if ($8 + 0 > d[p]) d[p] = $8 + 0 }
    END { printf "%d:%.0f %d:%.0f %d:%.0f\n", n[0], d[0], n[1], d[1], n[2], d[2] }'
}
# balanced DESC "n:d n:d n:d": every panel has 20 words or more, depths within 38 pt
balanced() {
  awk -v s="$2" 'BEGIN { k = split(s, a, " "); lo = 1e9; hi = 0
    for (i = 1; i <= k; i++) { split(a[i], b, ":"); if (b[1] < 20) exit 1; if (b[2] < lo) lo = b[2]; if (b[2] > hi) hi = b[2] }
    exit !(hi - lo < 38) }' || fail "$1: the inside panels are not balanced (words:depth from the left): $2"
}
for lang in en de he; do
  f1=$(mm 100) f2=$(mm 200)
  [ "$lang" = he ] && f1=$(mm 97) f2=$(mm 197)
  "$LP" build "$SRC/text/botox-headache/$lang.md" -l dl-trifold -o "$T/bal-$lang.pdf" -q
  d=$(depths "$T/bal-$lang.pdf" "$f1" "$f2")
  balanced "$lang" "$d"
  echo "ok: $lang: the inside panels balanced ($d)"
done
pdftoppm -r 72 "$T/bal-en.pdf" "$T/bal-en"
expect_eq "balanced inside: ink across a fold" "" "$(across "$T/bal-en-2.ppm" 40 595 "$(mm 100)" "$(mm 200)")"
# fill: in-turn fills each panel before the next: the Hebrew text's last
# panel (the left) stays empty, which is what balancing is for.
printf 'extends: dl-trifold\npanels: {widths: [100mm, 100mm, 97mm], outside: [flap, back, cover], inside: [text, text, text], fill: in-turn}\n' \
  >"$T/inturn.yaml"
"$LP" build "$SRC/text/botox-headache/he.md" -l "$T/inturn.yaml" -o "$T/inturn-he.pdf" -q
d=$(depths "$T/inturn-he.pdf" "$(mm 97)" "$(mm 197)")
expect_eq "in-turn: the left panel's words" 0 "${d%%:*}"
echo "ok: fill: in-turn leaves the Hebrew left panel empty ($d)"
printf 'extends: dl-trifold\npanels: {widths: [100mm, 100mm, 97mm], outside: [flap, back, cover], inside: [text, text, text], fill: balanced}\n' \
  >"$T/badfill.yaml"
run_status "$T/out" "$T/err" "$LP" build "$article" -l "$T/badfill.yaml" -o "$T/x.pdf"
expect_eq "bad fill: exit" 1 "$status"
expect_contains "bad fill" "badfill.yaml:2:" "$T/err"
expect_contains "bad fill names the choice" "balance" "$T/err"

# ---- the structure tree in reading order ----
# A side holds its panels out of reading order (outside: flap | back |
# cover). The tree reads the cover, the flap that opening it shows, the
# inside panels, the back last (docs/accessibility.md); also right to left,
# and on a sheet. The title, the headings and the clinic's address stand for
# the panels.
struct_order() { # PDF: the tree's text, one line per piece
  pdfinfo -struct-text "$1" | grep '^ *"' | sed 's/^ *"//; s/"$//' >"$T/struct.txt"
}
for lang in en ar; do
  for sheet in "" "--sheet a4"; do
    # shellcheck disable=SC2086
    "$LP" build "$SRC/text/botox-headache/$lang.md" -l dl-trifold $sheet -o "$T/order.pdf"
    struct_order "$T/order.pdf"
    title=$(sed -n 's/^title: //p' "$SRC/text/botox-headache/$lang.md" | cut -c1-8)
    first_h2=$(sed -n 's/^## //p' "$SRC/text/botox-headache/$lang.md" | head -1 | cut -c1-8)
    grep -n . "$T/struct.txt" >"$T/struct.n"
    at() { grep -m1 -F -- "$1" "$T/struct.n" | cut -d: -f1; }
    t=$(at "$title") k=$(at "$(sed -n 's/^what_to_expect: //p' "$SRC/layouts/labels/$lang.yaml" | tr -d '"' | cut -c1-6)")
    h=$(at "$first_h2") v=$(at "1 Example Street") # the back's contact panel
    [ -n "$t" ] && [ -n "$k" ] && [ -n "$h" ] && [ -n "$v" ] || fail "$lang $sheet: not found in the tree: title '$t' key points '$k' first section '$h' version '$v'"
    [ "$t" -lt "$k" ] && [ "$k" -lt "$h" ] && [ "$h" -lt "$v" ] ||
      fail "$lang $sheet: the tree's order is not cover ($t), flap ($k), inside ($h), back ($v)"
    [ "$v" -gt "$(($(wc -l <"$T/struct.txt") - 5))" ] || fail "$lang $sheet: the back panel is not last (line $v of $(wc -l <"$T/struct.txt"))"
  done
done
echo "ok: the tree reads cover, flap, inside, back (en, ar, on a sheet too)"
