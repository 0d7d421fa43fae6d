# The English A4 leaflet, checked on the PDF itself: size, fonts, text, tags,
# language, bookmarks, metadata, and a clean qpdf check.
. "$(dirname "$0")/lib.sh"

pdf="$T/en.pdf"
"$LP" build "$SRC/text/botox-headache/en.md" --layout a4-leaflet -o "$pdf"
[ -s "$pdf" ] || fail "no PDF written"

expect_no_warnings pdfinfo "$pdf"
expect_no_warnings pdffonts "$pdf"
expect_no_warnings pdftotext "$pdf" /dev/null

# A4 to 0.5 pt on every page.
pdfinfo -f 1 -l 99 "$pdf" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p' >"$T/sizes"
[ -s "$T/sizes" ] || fail "no page sizes"
while read -r w h; do
  awk -v w="$w" -v h="$h" 'BEGIN { exit !((w - 595.276)^2 < 0.25 && (h - 841.890)^2 < 0.25) }' ||
    fail "page is $w x $h pt, not A4"
done <"$T/sizes"
pages=$(pdf_field "$pdf" Pages)
[ "$pages" -ge 1 ] && [ "$pages" -le 3 ] || fail "expected 1 to 3 pages, found $pages"

# Metadata, tags and language.
expect_eq "title" "Does Botox cause headache?" "$(pdf_field "$pdf" Title)"
expect_eq "author" "Example Skin Clinic" "$(pdf_field "$pdf" Author)"
expect_eq "tagged" "yes" "$(pdf_field "$pdf" Tagged)"
expect_eq "creator" "leafpress" "$(pdf_field "$pdf" Creator | cut -d' ' -f1)"
qpdf --qdf --object-streams=disable "$pdf" "$T/qdf.pdf"
grep -aq '/Lang (en)' "$T/qdf.pdf" || fail "no /Lang (en) in the catalog"
grep -aq '/MarkInfo' "$T/qdf.pdf" || fail "no /MarkInfo"
pdfinfo -struct "$pdf" >"$T/struct"
expect_eq "structure root" "Document" "$(head -1 "$T/struct")"
for role in H1 H2 P L LI Lbl LBody; do
  grep -q "^ *$role\b" "$T/struct" || fail "no $role element in the structure tree"
done

# Every font embedded and subset.
pdffonts "$pdf" | tail -n +3 >"$T/fonts"
[ -s "$T/fonts" ] || fail "no fonts listed"
if awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1 } END { exit !bad }' "$T/fonts"; then
  fail "a font is not embedded or not subset: $(cat "$T/fonts")"
fi

# Every sentence of the clinic's original text, word for word, in order.
body_text "$pdf" "$T/body.txt"
"$LP_SENTENCES" "$SRC/tests/data/seed/botox-headache.txt" "$T/body.txt" ||
  fail "the leaflet does not hold the clinic's text"
pdftotext "$pdf" "$T/en.txt"
# The three headings, in order, and the page numbering.
expect_in_order "title and headings" "$T/body.txt" "Does Botox cause headache?" \
  "Why does my head hurt after Botox?" "What are the Causes of Headache After Botox?" \
  "Treatment for Botox-Induced Headache"
expect_contains "page numbers" "Page 1 of $pages" "$T/en.txt"
expect_contains "clinic phone in the footer" "+00 000 000 000" "$T/en.txt"

# Bookmarks from the headings.
mutool show "$pdf" outline >"$T/outline"
expect_eq "bookmarks" 3 "$(grep -c '"' "$T/outline")"
expect_contains "bookmark" "Why does my head hurt after Botox?" "$T/outline"

qpdf --check "$pdf" >"$T/check" || fail "qpdf --check: $(cat "$T/check")"
expect_contains "qpdf" "No syntax or stream encoding errors" "$T/check"
echo "ok: $pages pages"

# The clinic's contact panel ends the leaflet: after the last sentence of the
# text, on the last page, "Questions? Call us", the phone, name and address.
pdftotext -f "$pages" -l "$pages" "$pdf" "$T/last.txt"
expect_in_order "contact panel after the text, on the last page" "$T/last.txt" \
  "without the use of painkillers." "Questions? Call us" "+00 000 000 000" "Example Skin Clinic" "1 Example Street"
# A profile with neither phone nor address: no panel.
printf 'name: Quiet Clinic\n' >"$T/quiet.yaml"
"$LP" build "$SRC/text/botox-headache/en.md" --clinic "$T/quiet.yaml" -o "$T/quiet.pdf"
if pdftotext "$T/quiet.pdf" - | grep -q "Questions? Call us"; then fail "a contact panel with nothing to say"; fi
echo "ok: the contact panel after the text, none without phone or address"
