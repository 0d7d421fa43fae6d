# A second article with another shape (five sections, a subsection, a numbered
# list with a nested list, emphasis, a link), so nothing is tied to the Botox
# text.
. "$(dirname "$0")/lib.sh"

src="$SRC/tests/data/articles/wound-care/en.md"
pdf="$T/wound.pdf"
"$LP" build "$src" -o "$pdf"
expect_no_warnings pdfinfo "$pdf"
qpdf --check "$pdf" >/dev/null || fail "qpdf --check"
body_text "$pdf" "$T/body.txt"
"$LP_SENTENCES" "$src" "$T/body.txt" || fail "text missing or out of order"
expect_in_order "sections" "$T/body.txt" "Before you leave" "Changing the dressing" "Washing and bathing" \
  "Swimming" "Signs to watch for" "Stitches"
expect_in_order "numbered list" "$T/body.txt" "1. Wash your hands" "2. Remove the old dressing" \
  "3. Clean around" "wipe from the centre" "4. Put on a fresh"
# Emphasis and strong use the italic and bold faces.
pdffonts "$pdf" >"$T/fonts"
expect_contains "italic face" "NotoSans-Italic" "$T/fonts"
expect_contains "bold face" "NotoSans-Bold" "$T/fonts"
# The link is a link.
pdfinfo -url "$pdf" >"$T/urls"
expect_contains "link" "https://example.org/aftercare" "$T/urls"
# Five sections and a subsection in the bookmarks.
mutool show "$pdf" outline >"$T/outline"
expect_eq "bookmarks" 6 "$(grep -c '"' "$T/outline")"
# The structure tree has the nested list.
pdfinfo -struct "$pdf" | grep -c '^ *L (block)' >"$T/lists" || true
[ "$(cat "$T/lists")" -ge 3 ] || fail "expected at least 3 lists in the structure, found $(cat "$T/lists")"
echo ok
