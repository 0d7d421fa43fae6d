# The haru writer keeps the letters of a word touching where the layout set
# them touching. Poppler reads every letter of a right-to-left line as a word
# of its own, and in a line whose gaps are all above zero it takes a gap
# clearly wider than the narrowest for a space; so a rounding gap of a
# thousandth of a point between two letters reads as a space ("اون ۍ"). Checked
# on the Pashto A5 booklet, which the read-back verification used to refuse
# for that (exit 3), and on Arabic and Hebrew: no gap between neighbouring
# letters of a line that is wider than 0.0001 pt and narrower than 0.005 pt
# (a space is above 1 pt; the cairo writer leaves none in that range). Only
# between words poppler found of one letter each: a line with a longer word
# in it is read with a fixed threshold of a fraction of the font size.
. "$(dirname "$0")/lib.sh"

# near_gaps PDF: "page y gap" for each such gap
near_gaps() {
  pdftotext -bbox "$1" - | awk -F'"' '
    /<page /{ p++ }
    /<word / { x0 = $2 + 0; y = $4; x1 = $6 + 0; t = $0; sub(/^.*">/, "", t); sub(/<.*$/, "", t)
               one = length(t) == 1
               if (y == py && one && pone) { g = x0 - px1; if (g > 0.0001 && g < 0.005) printf "page %d y %s: gap %.5f pt at x %.3f\n", p, y, g, x0 }
               py = y; px1 = x1; pone = one }'
}

for case in ps:a5-booklet ar:a5-booklet he:dl-trifold ps:a4-leaflet; do
  lang=${case%%:*} layout=${case#*:}
  out="$T/$lang-$layout.pdf"
  run_status "$T/out" "$T/err" "$LP" build "$SRC/text/botox-headache/$lang.md" -l "$layout" -w haru -o "$out" -q
  expect_eq "$lang $layout haru: exit ($(head -c 400 "$T/err"))" 0 "$status"
  near_gaps "$out" >"$T/gaps"
  [ ! -s "$T/gaps" ] || fail "$lang $layout haru: $(wc -l <"$T/gaps") rounding gaps between letters: $(head -3 "$T/gaps")"
  echo "ok: $lang $layout: haru builds, verified, no rounding gap between letters"
done
pdftotext -f 2 -l 2 "$T/ps-a5-booklet.pdf" - | grep -q 'اونۍ' || fail "ps booklet: 'اونۍ' not read on page 2"
echo "ok: the Pashto timeline reads 'اونۍ'"
