# Same inputs, same bytes: two builds, then a third under another time zone,
# locale and clock. SOURCE_DATE_EPOCH changes the dates, deterministically.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"
"$LP" build "$article" -o "$T/a.pdf"
"$LP" build "$article" -o "$T/b.pdf"
cmp "$T/a.pdf" "$T/b.pdf" || fail "two builds differ"

TZ=Pacific/Chatham LC_ALL=C faketime '2031-07-04 23:59:30' "$LP" build "$article" -o "$T/c.pdf"
cmp "$T/a.pdf" "$T/c.pdf" || fail "another time zone, locale and clock changed the PDF"
faketime '2031-07-04 23:59:30' date +%Y | grep -q 2031 || fail "faketime did not change the clock"

# PDF dates come from the article's version date, not the clock.
expect_eq "creation date" "2026-11-01T00:00:00Z" "$(pdfinfo -isodates "$T/a.pdf" | sed -n 's/^CreationDate: *//p')"

SOURCE_DATE_EPOCH=1700000000 "$LP" build "$article" -o "$T/d.pdf"
SOURCE_DATE_EPOCH=1700000000 "$LP" build "$article" -o "$T/e.pdf"
cmp "$T/d.pdf" "$T/e.pdf" || fail "SOURCE_DATE_EPOCH builds differ"
expect_eq "SOURCE_DATE_EPOCH date" "2023-11-14T22:13:20Z" "$(pdfinfo -isodates "$T/d.pdf" | sed -n 's/^CreationDate: *//p')"

# Proofs too.
"$LP" build "$article" -o "$T/p1.png" --dpi 40
mv "$T/p1-1.png" "$T/first.png"
TZ=Asia/Kathmandu "$LP" build "$article" -o "$T/p1.png" --dpi 40
cmp "$T/first.png" "$T/p1-1.png" || fail "PNG proofs differ"
echo ok
