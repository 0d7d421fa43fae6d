# The haru writer against the cairo writer, for every layout and one language
# of each script (script_langs; test_readers builds every translation with it): the
# same pages (count and boxes), the same text, the same picture; a clean qpdf
# check and no poppler warning; exact CMYK with --cmyk; shaped scripts and
# ligatures drawn right and still extractable; byte-identical rebuilds.
. "$(dirname "$0")/lib.sh"

# Share of pixels allowed to differ (by more than 64 of 255 in a channel) at
# 72 dpi. Measured here: at most 0.15 % (Arabic), under 0.06 % for Latin and
# Cyrillic. What differs: the edges of glyphs haru draws as outlines where
# poppler renders font glyphs (and vice versa) and a gradient haru draws as
# 2-pt strips. A glyph out of place, missing or in the wrong font changes
# several tenths of a percent of a page on its own.
LIMIT=0.005

boxes() { pdfinfo -box -f 1 -l 99 "$1" | grep -E "^Page +[0-9]+ +(MediaBox|CropBox|BleedBox|TrimBox|ArtBox)"; }
words() { pdftotext "$1" - | tr -s ' \n\f' '   '; }

for lang in $(script_langs); do
  md="$SRC/text/botox-headache/$lang.md"
  # A language languages.yaml gives other writers: refused before anything
  # is laid out, with the reason, and nothing written.
  # So is one whose fonts have CFF outlines (Noto Sans CJK).
  facts=$(grep "^$lang: {" "$SRC/languages.yaml")
  refused=""
  [[ $facts == *"writers: ["* && $facts != *"writers: ["*haru* ]] && refused="the haru writer does not set .* so that its text reads back as written"
  [[ $facts == *"Noto Sans CJK"* ]] && refused="the haru writer cannot embed Noto Sans CJK .*CFF outlines"
  if [ -n "$refused" ]; then
    run_status "$T/out" "$T/err" "$LP" build "$md" --writer haru -o "$T/refused.pdf" -q
    expect_eq "$lang haru: exit" 2 "$status"
    grep -q "$refused.*use the cairo writer" "$T/err" || fail "$lang haru: $(cat "$T/err")"
    [ ! -e "$T/refused.pdf" ] || fail "$lang haru: refused but written"
    echo "ok: $lang: the haru writer refused, as languages.yaml says"
    continue
  fi
  for layout in a4-leaflet a4-large-print a5-card; do
    c="$T/$lang-$layout-cairo.pdf" h="$T/$lang-$layout-haru.pdf"
    "$LP" build "$md" --layout "$layout" -o "$c" -q
    "$LP" build "$md" --layout "$layout" --writer haru -o "$h" -q || fail "haru: $lang $layout"
    for tool in pdfinfo pdffonts; do expect_no_warnings "$tool" "$h"; done
    expect_no_warnings pdftotext "$h" /dev/null
    qpdf --check "$h" >"$T/check" || fail "qpdf --check $lang $layout: $(tail -3 "$T/check")"
    expect_eq "$lang $layout pages" "$(pdf_field "$c" Pages)" "$(pdf_field "$h" Pages)"
    [ "$(boxes "$c")" = "$(boxes "$h")" ] || fail "$lang $layout: page boxes differ"
    [ "$(words "$c")" = "$(words "$h")" ] || fail "$lang $layout: extracted text differs: $(diff <(words "$c" | fold -w 80) <(words "$h" | fold -w 80) | head -6)"
    pdffonts "$h" | tail -n +3 | awk '$(NF-4) != "yes" { exit 1 }' || fail "$lang $layout: a font is not embedded"
    pdftoppm -r 72 -png "$c" "$T/c"
    pdftoppm -r 72 -png "$h" "$T/h"
    for png in "$T"/c-*.png; do
      page=${png##*/c-}
      share=$("$LP_PIXDIFF" "$png" "$T/h-$page")
      awk -v s="$share" -v l="$LIMIT" 'BEGIN { exit !(s <= l) }' ||
        fail "$lang $layout page ${page%.png}: $share of the pixels differ (limit $LIMIT)"
    done
    rm -f "$T"/c-*.png "$T"/h-*.png
  done
  echo "ok: $lang"
done

en="$SRC/text/botox-headache/en.md"
# Byte-identical rebuilds, and standard output.
"$LP" build "$en" --writer haru -o "$T/a.pdf"
"$LP" build "$en" --writer haru -o - >"$T/b.pdf"
cmp "$T/a.pdf" "$T/b.pdf" || fail "two haru builds differ"

# --cmyk: nothing but DeviceCMYK in the content, text in 100 % K, and a colour
# written as cmyk() in the layout comes out exactly.
mkdir -p "$T/layouts"
printf 'extends: a4-leaflet\ncolors:\n  brand: cmyk(1, 0.45, 0, 0.25)\n' >"$T/layouts/cmyk.yaml"
cp "$SRC/layouts/a4-leaflet.yaml" "$T/layouts/"
"$LP" build "$en" --writer haru --cmyk --layout "$T/layouts/cmyk.yaml" --set clinic.color= -o "$T/cmyk.pdf"
qpdf --qdf --object-streams=disable "$T/cmyk.pdf" "$T/cmyk-qdf.pdf"
if grep -a -q -E "(^| )(rg|RG|g|G|sc|SC|scn|SCN|cs|CS)$" "$T/cmyk-qdf.pdf"; then
  fail "--cmyk content has non-CMYK colour operators: $(grep -a -E "(^| )(rg|RG|g|G|sc|SC|scn|SCN|cs|CS)$" "$T/cmyk-qdf.pdf" | head -3)"
fi
grep -a -q "^0 0 0 1 k$" "$T/cmyk-qdf.pdf" || fail "--cmyk: no text in 100% K"
grep -a -q "^1 0.45 0 0.25 k$" "$T/cmyk-qdf.pdf" || fail "--cmyk: the layout's cmyk() colour is not written exactly"
[ "$(words "$T/cmyk.pdf")" = "$(words "$T/a.pdf")" ] || fail "--cmyk changed the text"
run_status /dev/null "$T/err" "$LP" build "$en" --cmyk -o "$T/no.pdf"
expect_eq "--cmyk with cairo" 2 "$status"
expect_contains "--cmyk with cairo" "--cmyk needs --writer haru" "$T/err"
# Proofs are rendered from the finished PDF, so the haru writer has them too:
# its PNG proof is the page poppler (its cairo backend) renders from its PDF.
"$LP" build "$en" --writer haru --format pdf,png -o "$T/hp.pdf" || fail "haru PNG proofs"
pdftocairo -r 96 -f 1 -l 1 -png -singlefile "$T/hp.pdf" "$T/hp-ref"
d=$("$LP_PIXDIFF" "$T/hp-1.png" "$T/hp-ref.png" 32) || fail "haru PNG: cannot compare"
awk -v d="$d" 'BEGIN { exit !(d < 0.001) }' || fail "haru PNG proof differs from its PDF on $d of the pixels"

# Ligatures (Noto Sans has ff, fi, ffl …): drawn as in cairo's PDF, extracted as
# their letters.
lig="$T/text/lig/en.md"
mkdir -p "$(dirname "$lig")"
printf -- '---\nlang: en\ntitle: Office hours\nversion: "1"\ndate: 2026-01-01\nreview: reviewed\n---\n\nThe office is affluent in fifty waffles and baffling shuffles, firmly fixed.\n' >"$lig"
"$LP" build "$lig" --project "$SRC" -o "$T/lig-cairo.pdf"
"$LP" build "$lig" --project "$SRC" --writer haru -o "$T/lig-haru.pdf"
words "$T/lig-haru.pdf" >"$T/lig.txt"
for w in office affluent fifty waffles baffling shuffles firmly fixed; do
  grep -qw "$w" "$T/lig.txt" || fail "ligature word '$w' not extracted from the haru PDF: $(cat "$T/lig.txt")"
done
pdftoppm -r 144 -f 1 -l 1 -png "$T/lig-cairo.pdf" "$T/lc"
pdftoppm -r 144 -f 1 -l 1 -png "$T/lig-haru.pdf" "$T/lh"
share=$("$LP_PIXDIFF" "$T/lc-1.png" "$T/lh-1.png")
awk -v s="$share" 'BEGIN { exit !(s <= 0.002) }' || fail "ligature page differs from cairo's: $share"

# Arabic: letters with marks are drawn as outlines with the text laid invisibly
# over them (text render mode 3), and the words still extract.
qpdf --qdf --object-streams=disable "$T/ar-a4-leaflet-haru.pdf" "$T/ar-qdf.pdf"
grep -a -q "^3 Tr$" "$T/ar-qdf.pdf" || fail "no invisible text over outlined Arabic glyphs"
pdftotext "$T/ar-a4-leaflet-haru.pdf" "$T/ar.txt"
grep -q "يقلّ مع مرور" <(flat "$T/ar.txt") || fail "Arabic word with a shadda not extracted"
echo "haru ok"
