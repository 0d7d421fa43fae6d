# PNG and SVG proofs from the same pages, several formats in one run, and PDF
# on standard output.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"
"$LP" build "$article" -o "$T/leaflet.pdf" --format pdf,png,svg --dpi 50
pages=$(pdf_field "$T/leaflet.pdf" Pages)
for n in $(seq 1 "$pages"); do
  [ -s "$T/leaflet-$n.png" ] || fail "no PNG for page $n"
  [ -s "$T/leaflet-$n.svg" ] || fail "no SVG for page $n"
  grep -q "89 50 4e 47" <(head -c 8 "$T/leaflet-$n.png" | od -An -tx1) || fail "page $n is not a PNG"
  grep -q "<svg" "$T/leaflet-$n.svg" || fail "page $n is not an SVG"
done
[ ! -e "$T/leaflet-$((pages + 1)).png" ] || fail "an extra PNG page"

# 50 dpi: A4 is 414 x 585 pixels.
size=$(file "$T/leaflet-1.png" 2>/dev/null | grep -o '[0-9]* x [0-9]*' || true)
if [ -z "$size" ]; then
  size=$(od -An -tu1 -j16 -N8 "$T/leaflet-1.png" | awk '{ printf "%d x %d", $3*256+$4, $7*256+$8 }')
fi
expect_eq "PNG size at 50 dpi" "414 x 585" "$size"

# The PNG shows the page: the band's colour at the top, white paper below.
"$LP_PIXELS" "$T/leaflet-1.png" 20 20 >"$T/px" || fail "cannot read the PNG"
expect_eq "band colour" "1f6e8c" "$(cat "$T/px")"
"$LP_PIXELS" "$T/leaflet-1.png" 200 560 >"$T/px"
expect_eq "paper" "ffffff" "$(cat "$T/px")"

# A shorter document later removes the stale page files of a longer one.
touch "$T/leaflet-9.png"
"$LP" build "$article" -o "$T/leaflet.png" --dpi 30
[ ! -e "$T/leaflet-9.png" ] || fail "stale page file left behind"

# PDF on standard output.
"$LP" build "$article" -o - >"$T/stdout.pdf"
expect_eq "stdout PDF" "%PDF-" "$(head -c 5 "$T/stdout.pdf")"
qpdf --check "$T/stdout.pdf" >/dev/null || fail "the PDF on stdout is broken"
cmp -s "$T/stdout.pdf" "$T/leaflet.pdf" || fail "the PDF on stdout differs from the file"

# A multi-page PNG cannot go to standard output.
run_status /dev/null "$T/err" "$LP" build "$article" -o - --format png
expect_eq "png to stdout" 2 "$status"
expect_contains "png to stdout" "give a file name" "$T/err"
echo ok
