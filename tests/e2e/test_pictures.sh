# Pictures in the body (docs/article.md): a PNG, a JPEG and an SVG in an
# English and an Arabic article. Each is in the PDF (the PNG and the JPEG as
# image XObjects, the JPEG's own bytes kept as DCT; the SVG as vectors, no
# image), at its place in a render (pictures are never mirrored; a narrower
# one stands at the start side), with its alt text as the Figure's /Alt and
# its caption; a missing alt text is an error at its line and column; a coarse
# raster warns with its numbers; a picture stays with the paragraph before it
# and whole on one page; the haru writer takes PNG and JPEG and refuses SVG;
# the clinic's logo in SVG stands on the leaflet's band and the card's.
. "$(dirname "$0")/lib.sh"

D="$SRC/tests/data/articles/pictures"
: "${LP_PIXELS:?}"

# find PNG RRGGBB: the box of that colour in a render, "X0 Y0 X1 Y1 COUNT"
find_colour() { "$LP_PIXELS" "$1" find "$2" 40; }
# alts PDF: the /Alt of every Figure, one a line, from qpdf's JSON
alts() {
  qpdf --json "$1" | python3 -c '
import json, sys
j = json.load(sys.stdin)
for k, v in sorted(j["qpdf"][1].items()):
    val = v.get("value", {}) if isinstance(v, dict) else {}
    if isinstance(val, dict) and val.get("/S") == "/Figure" and "/Alt" in val:
        print(val["/Alt"][2:] if val["/Alt"].startswith("u:") else val["/Alt"])
'
}

for lang in en ar; do
  pdf="$T/$lang.pdf"
  "$LP" build "$D/$lang.md" -o "$pdf" 2>"$T/$lang.err" || fail "$lang: build: $(cat "$T/$lang.err")"
  [ ! -s "$T/$lang.err" ] || fail "$lang: warnings: $(cat "$T/$lang.err")"
  qpdf --check "$pdf" >/dev/null || fail "$lang: qpdf --check"

  # Two image XObjects, both 900 x 600: the PNG (flate) and the JPEG (DCT).
  pdfimages -list "$pdf" | tail -n +3 >"$T/$lang.images"
  expect_eq "$lang: images in the PDF" 2 "$(wc -l <"$T/$lang.images")"
  awk '{ print $4 "x" $5, $9 }' "$T/$lang.images" | sort >"$T/$lang.kinds"
  expect_eq "$lang: the rasters" "900x600 image|900x600 jpeg" "$(paste -sd'|' "$T/$lang.kinds")"
  # The JPEG goes in as its own bytes.
  pdfimages -j "$pdf" "$T/$lang-img"
  cmp -s "$T/$lang-img-001.jpg" "$D/room.jpg" || fail "$lang: the JPEG's bytes were not kept"

  # The alt texts, in the article's order, are the Figures' /Alt.
  alts "$pdf" >"$T/$lang.alts"
  grep -o '!\[[^]]*\]' "$D/$lang.md" | sed 's/^!\[//; s/\]$//' >"$T/$lang.want"
  diff "$T/$lang.want" "$T/$lang.alts" >/dev/null || fail "$lang: /Alt texts: $(diff "$T/$lang.want" "$T/$lang.alts")"
  pdfinfo -struct "$pdf" >"$T/$lang.struct"
  expect_eq "$lang: Figure elements" 3 "$(grep -c '^ *Figure' "$T/$lang.struct")"
  expect_eq "$lang: Caption elements" 2 "$(grep -c '^ *Caption' "$T/$lang.struct")"

  # Places in a render at 72 dpi (1 px = 1 pt): the PNG's green and yellow
  # halves, the JPEG's magenta over cyan, the SVG's orange band and purple disc.
  pdftoppm -r 72 -f 1 -l 1 -png "$pdf" "$T/$lang"
  png="$T/$lang-1.png"
  read -r gx0 gy0 gx1 gy1 gn < <(find_colour "$png" 20a040)
  read -r yx0 yy0 yx1 yy1 yn < <(find_colour "$png" f0c800)
  read -r mx0 my0 mx1 my1 mn < <(find_colour "$png" c800a0)
  read -r cx0 cy0 cx1 cy1 cn < <(find_colour "$png" 00aad2)
  read -r ox0 oy0 ox1 oy1 on < <(find_colour "$png" ff8000)
  read -r px0 py0 px1 py1 pn < <(find_colour "$png" 8000c0)
  for c in gn yn mn cn on pn; do [ "${!c}" -gt 500 ] || fail "$lang: a picture's colour is missing ($c=${!c})"; done
  # Not mirrored: green left of yellow, magenta above cyan, orange left of purple.
  [ "$gx1" -lt "$yx0" ] || fail "$lang: the PNG is mirrored or torn (green $gx0-$gx1, yellow $yx0-$yx1)"
  [ "$my1" -lt "$cy0" ] || fail "$lang: the JPEG is turned (magenta to $my1, cyan from $cy0)"
  [ "$ox1" -lt "$px0" ] || fail "$lang: the SVG is mirrored (orange to $ox1, purple from $px0)"
  # The PNG fills its column at 3:2; the SVG is 60% of the text width (the
  # band is 120 of its 200 units wide), under the column pictures.
  w=$((yx1 - gx0)) h=$((gy1 - gy0))
  awk -v w="$w" -v h="$h" 'BEGIN { exit !(w > 200 && w < 270 && h * 3 > w * 2 - 9 && h * 3 < w * 2 + 9) }' ||
    fail "$lang: the PNG is $w x $h pt, not its column's width at 3:2"
  ow=$((ox1 - ox0))
  awk -v ow="$ow" 'BEGIN { t = (595.28 - 2 * 45.35) * 0.6 * 120 / 200; exit !(ow > t - 4 && ow < t + 4) }' ||
    fail "$lang: the SVG's orange band is $ow pt wide, not 60% of the text width's share"
  [ "$oy0" -gt "$gy1" ] || fail "$lang: the SVG across the columns is not below the first picture"
  if [ "$lang" = en ]; then
    # Left to right: the PNG in the left column, the 70% JPEG at its column's left.
    [ "$gx0" -lt 100 ] || fail "en: the PNG is not in the left column (x $gx0)"
    [ "$mx0" -lt 320 ] || fail "en: the JPEG does not start at its column's left (x $mx0)"
    [ "$ox0" -lt 60 ] || fail "en: the SVG does not start at the text's left (x $ox0)"
    pdftotext "$pdf" "$T/$lang.txt"
    expect_in_order "captions" "$T/$lang.txt" \
      "Figure 1 · The marked places on the upper arm" "Figure 2 · The injection band and the place to avoid"
  else
    # Right to left: the PNG in the right column, the JPEG and the SVG at the right.
    [ "$gx0" -gt 290 ] || fail "ar: the PNG is not in the right column (x $gx0)"
    # (the JPEG is in the second column, the left one: 70% of it, at its right)
    [ "$mx1" -gt 270 ] && [ "$mx0" -gt 100 ] || fail "ar: the JPEG does not stand at its column's right (x $mx0-$mx1)"
    [ "$px1" -gt 540 ] || fail "ar: the SVG does not end at the text's right (x $px1)"
  fi
done
echo "ok: a PNG, a JPEG (its own bytes) and an SVG (vectors) in English and Arabic, placed, with /Alt and captions"

# ---- errors and warnings, in an article of our own ----
mkdir -p "$T/a"
cp "$D/arm.png" "$D/coarse.png" "$T/a/"
# (the scratch folder lies inside the source tree, the project: a link leads out)
ln -s /etc/passwd "$T/a/link.png"
head_matter() { printf -- '---\nlang: en\ntitle: Pictures\nversion: "1"\ndate: 2026-01-01\nreview: draft\n---\n\n'; }
{ head_matter; printf 'Text.\n\nMore text.\n\n   ![](arm.png)\n'; } >"$T/a/noalt.md"
run_status "$T/out" "$T/err" "$LP" build "$T/a/noalt.md" --project "$SRC" -o "$T/noalt.pdf"
expect_eq "missing alt: exit" 1 "$status"
grep -q "^$T/a/noalt.md:13:4: a picture without alternate text ('arm.png')" "$T/err" ||
  fail "missing alt: $(cat "$T/err")"
[ ! -e "$T/noalt.pdf" ] || fail "missing alt: a PDF was written"

{ head_matter; printf 'Text ![a green block](arm.png) beside.\n'; } >"$T/a/inline.md"
run_status "$T/out" "$T/err" "$LP" build "$T/a/inline.md" --project "$SRC" -o "$T/inline.pdf"
expect_eq "inline picture: exit" 1 "$status"
expect_contains "inline picture" "inline.md:9:6: a picture with text beside it" "$T/err"

{ head_matter; printf 'Text.\n\n![a green block](link.png)\n'; } >"$T/a/out.md"
run_status "$T/out" "$T/err" "$LP" build "$T/a/out.md" --project "$SRC" -o "$T/out.pdf"
expect_eq "outside the folders: exit" 1 "$status"
expect_contains "outside the folders" "out.md:11:1: the picture 'link.png' leads out of the project" "$T/err"

{ head_matter; printf 'Text.\n\n![the text itself](out.md)\n'; } >"$T/a/kind.md"
run_status "$T/out" "$T/err" "$LP" build "$T/a/kind.md" --project "$SRC" -o "$T/kind.pdf"
expect_eq "not a picture: exit" 1 "$status"
expect_contains "not a picture" "kind.md:11:1: the picture 'out.md' is not a PNG, JPEG or SVG file (told by its first bytes): the formats accepted are PNG, JPEG and SVG" "$T/err"

printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="9">A</text></svg>\n' >"$T/a/text.svg"
{ head_matter; printf 'Text.\n\n![a letter](text.svg)\n'; } >"$T/a/svgtext.md"
run_status "$T/out" "$T/err" "$LP" build "$T/a/svgtext.md" --project "$SRC" -o "$T/svgtext.pdf"
expect_eq "SVG with text: exit" 1 "$status"
expect_contains "SVG with text" "svgtext.md:11:1: the picture 'text.svg' has text in it" "$T/err"

{ head_matter; printf 'Text.\n\n![a green block](arm.png){wdth=50%%}\n'; } >"$T/a/attr.md"
run_status "$T/out" "$T/err" "$LP" build "$T/a/attr.md" --project "$SRC" -o "$T/attr.pdf"
expect_eq "unknown attribute: exit" 1 "$status"
expect_contains "unknown attribute" "attr.md:11:1: unknown picture attribute 'wdth': expected width=… or place=… (did you mean width?)" "$T/err"

# 60 x 40 pixels across an 85 mm column: 18 dpi, a warning with the numbers;
# at 8 mm wide it prints at 190 dpi, no warning.
{ head_matter; printf 'Text.\n\n![a coarse green block](coarse.png)\n'; } >"$T/a/coarse.md"
"$LP" build "$T/a/coarse.md" --project "$SRC" -o "$T/coarse.pdf" 2>"$T/err" || fail "coarse: $(cat "$T/err")"
expect_contains "coarse raster" "coarse.md:11:1: warning: the picture 'coarse.png' is 60 by 40 pixels printed 85 by 57 mm: 18 dpi, under the 150 dpi print needs (at 150 dpi it prints at most 10 mm wide)" "$T/err"
{ head_matter; printf 'Text.\n\n![a coarse green block](coarse.png){width=8mm}\n'; } >"$T/a/small.md"
"$LP" build "$T/a/small.md" --project "$SRC" -o "$T/small.pdf" 2>"$T/err" || fail "small: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "a raster at 190 dpi warned: $(cat "$T/err")"
# Never wider than its column: a wider one is set at the column's width, said.
{ head_matter; printf 'Text.\n\n![a green block](arm.png){width=300mm}\n'; } >"$T/a/wide.md"
"$LP" build "$T/a/wide.md" --project "$SRC" -o "$T/wide.pdf" 2>"$T/err" || fail "wide: $(cat "$T/err")"
expect_contains "too wide" "wide.md:11:1: warning: the picture 'arm.png' is 300 mm wide, wider than its column (85 mm): printed 85 mm wide" "$T/err"
pdftoppm -r 72 -f 1 -l 1 -png "$T/wide.pdf" "$T/wide"
read -r gx0 _ _ _ _ < <(find_colour "$T/wide-1.png" 20a040)
read -r _ _ yx1 _ _ < <(find_colour "$T/wide-1.png" f0c800)
[ $((yx1 - gx0)) -le 243 ] || fail "wide: the picture is $((yx1 - gx0)) pt wide, past its 241 pt column"
echo "ok: missing alt text, a picture in a line, outside the folders, not a picture, SVG text, attributes: errors at the image; a coarse raster warns with its numbers"

# ---- kept with its paragraph, never split ----
# Fillers push the introducing paragraph's last line down to the foot of page
# 1; wherever the picture goes, that line goes with it, just above it.
for n in 20 22 24; do
  {
    head_matter
    for i in $(seq 1 "$n"); do
      printf 'Filler paragraph %d with some words in it to take a few lines of the column, nothing more than that.\n\n' "$i"
    done
    printf 'The paragraph that introduces the picture below ends with ENDWORD.\n\n![A green and yellow block](arm.png)\n\nAfter.\n'
  } >"$T/a/keep$n.md"
  "$LP" build "$T/a/keep$n.md" --project "$SRC" -o "$T/keep$n.pdf" -q || fail "keep $n: build"
  pdftoppm -r 72 -png "$T/keep$n.pdf" "$T/keep$n"
  pic_page="" box=""
  for f in "$T/keep$n"-*.png; do
    b=$(find_colour "$f" 20a040)
    [ "${b##* }" -gt 0 ] || continue
    [ -z "$pic_page" ] || fail "keep $n: the picture is on two pages"
    pic_page=${f##*-}
    pic_page=${pic_page%.png}
    box=$b
  done
  [ -n "$pic_page" ] || fail "keep $n: no picture"
  read -r gx0 gy0 gx1 gy1 _ <<<"$box"
  # Whole: green is half the picture's width, at 3:2 the picture is 1.33 x that tall.
  awk -v w=$((gx1 - gx0)) -v h=$((gy1 - gy0)) 'BEGIN { exit !(h > w * 4 / 3 - 4 && h < w * 4 / 3 + 4) }' ||
    fail "keep $n: the picture is cut ($((gx1 - gx0)) x $((gy1 - gy0)))"
  read -r wpage wx wy < <(pdftotext -bbox "$T/keep$n.pdf" - |
    awk -F'"' '/<page / { p++ } /ENDWORD/ { printf "%d %d %d\n", p, $2, $8 }')
  expect_eq "keep $n: the paragraph's last line and the picture share a page" "$pic_page" "$wpage"
  [ $((wx > 297)) = $((gx0 > 297)) ] || fail "keep $n: ENDWORD (x $wx) is not in the picture's column (x $gx0)"
  [ "$wy" -le "$gy0" ] && [ $((gy0 - wy)) -lt 20 ] || fail "keep $n: ENDWORD (y $wy) is not just above the picture (y $gy0)"
done
echo "ok: a picture stays whole with the paragraph before it, across a page turn"

# ---- the haru writer: PNG and JPEG, not SVG ----
run_status "$T/out" "$T/err" "$LP" build "$D/en.md" --writer haru -o "$T/haru.pdf"
expect_eq "haru and SVG: exit" 2 "$status"
grep -q "en.md:$(grep -n 'sites.svg' "$D/en.md" | cut -d: -f1):1: the haru writer cannot draw the SVG picture 'sites.svg' as vectors.*use the cairo writer (--writer cairo)" "$T/err" ||
  fail "haru and SVG: $(cat "$T/err")"
[ ! -e "$T/haru.pdf" ] || fail "haru and SVG: a PDF was written"
cp "$D/room.jpg" "$T/a/"
{ head_matter; printf 'Text.\n\n![A green and yellow block](arm.png)\n\n![A magenta wall over a cyan floor](room.jpg){width=50%%}\n'; } >"$T/a/raster.md"
"$LP" build "$T/a/raster.md" --project "$SRC" --writer haru -o "$T/haru.pdf" -q || fail "haru with rasters"
pdfimages -list "$T/haru.pdf" | tail -n +3 | awk '{ print $4 "x" $5, $9 }' | sort | paste -sd'|' >"$T/haru.kinds"
expect_eq "haru: the rasters" "900x600 image|900x600 jpeg" "$(cat "$T/haru.kinds")"
pdfimages -j "$T/haru.pdf" "$T/haru-img"
cmp -s "$T/haru-img-001.jpg" "$D/room.jpg" || fail "haru: the JPEG's bytes were not kept"
echo "ok: the haru writer embeds PNG and JPEG (its own bytes) and refuses SVG at the picture, naming the cairo writer"

# ---- the clinic's logo: SVG on the leaflet's band and the card ----
cp "$SRC/text/clinic.yaml" "$T/clinic.yaml"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#ffffff"/><circle cx="30" cy="30" r="20" fill="#e02060"/><rect x="60" y="15" width="45" height="30" fill="#10a050"/></svg>\n' >"$T/logo.svg"
echo "logo: logo.svg" >>"$T/clinic.yaml"
for lang in en ar; do
  for layout in a4-leaflet a5-card; do
    out="$T/logo-$lang-$layout"
    "$LP" build "$SRC/text/botox-headache/$lang.md" -l "$layout" --clinic "$T/clinic.yaml" -o "$out.pdf" -q ||
      fail "logo ($lang, $layout)"
    pdftoppm -r 72 -f 1 -l 1 -png "$out.pdf" "$out"
    pw=$(pdf_field "$out.pdf" "Page size" | awk '{ print int($1) }')
    read -r lx0 ly0 lx1 ly1 ln < <(find_colour "$out-1.png" e02060)
    [ "$ln" -gt 200 ] || fail "logo ($lang, $layout): not on page 1"
    [ "$ly1" -lt 200 ] || fail "logo ($lang, $layout): not on the band (y $ly0-$ly1)"
    # At the band's end: the right in English, the left in Arabic.
    if [ "$lang" = en ]; then
      [ "$lx0" -gt $((pw / 2)) ] || fail "logo ($lang, $layout): not at the right (x $lx0 of $pw)"
    else
      [ "$lx1" -lt $((pw / 2)) ] || fail "logo ($lang, $layout): not at the left (x $lx1 of $pw)"
    fi
    expect_eq "logo ($lang, $layout): drawn as vectors" 0 "$(pdfimages -list "$out.pdf" | tail -n +3 | wc -l)"
  done
done
echo "ok: an SVG logo on the leaflet's band and the card's, at the end side"

echo ok
