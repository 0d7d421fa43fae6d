# The large-print leaflet: the same content, every character at 16 pt or more,
# one column.
. "$(dirname "$0")/lib.sh"

pdf="$T/lp.pdf"
"$LP" build "$SRC/text/botox-headache/en.md" --layout a4-large-print -o "$pdf"
expect_no_warnings pdfinfo "$pdf"

# Font sizes of every character, from mupdf's structured text.
mutool draw -q -F stext -o "$T/lp.stext" "$pdf" 2>/dev/null
sed -n 's/.*<font name="[^"]*" size="\([0-9.]*\)".*/\1/p' "$T/lp.stext" | sort -n | uniq >"$T/sizes"
[ -s "$T/sizes" ] || fail "no text found"
min=$(head -1 "$T/sizes")
awk -v m="$min" 'BEGIN { exit !(m >= 15.99) }' || fail "text at ${min} pt: large print needs 16 pt or more"

# One column: no line of running text (a line over a third of the page wide,
# between header and footer) starts right of the page's middle; the diagram's
# short tick labels may.
sed -n 's/.*<line bbox="\([0-9.]*\) \([0-9.]*\) \([0-9.]*\) .*/\1 \2 \3/p' "$T/lp.stext" >"$T/xs"
right=$(awk '$2 > 56 && $2 < 760 && $3 - $1 > 200 && $1 > 297.6 { n++ } END { print n + 0 }' "$T/xs")
long=$(awk '$2 > 56 && $2 < 760 && $3 - $1 > 200 { n++ } END { print n + 0 }' "$T/xs")
[ "$long" -gt 40 ] || fail "only $long lines of running text found"
expect_eq "lines in a second column" 0 "$right"
pages=$(pdf_field "$pdf" Pages)

body_text "$pdf" "$T/body.txt" 60 740
"$LP_SENTENCES" "$SRC/tests/data/seed/botox-headache.txt" "$T/body.txt" || fail "text missing"
echo "ok: $pages pages, smallest text $min pt"
