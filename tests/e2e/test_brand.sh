# The online version, the review cycle and the clinic's brand: the QR code
# decoded from a 300 dpi render of the leaflet's contact panel and of the card
# (both writers) equals the front matter's address; the address in words and
# the clinic's e-mail beside it; "Published … · Review due …" in the footer in
# the language; the front matter's errors at their line and column; --release
# past the review date; check's warning 90 days before; the boxes' tint from
# the brand or the profile; the draft band redrawn next to a red brand;
# {reviewed} in a layout's slot.
. "$(dirname "$0")/lib.sh"

URL="https://example.org/leaflets/botox-headache"
P="$T/project"
mkdir -p "$P/text/a"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$P/"
cp "$SRC/text/clinic.yaml" "$P/text/"
# article KEYS... < SOURCE: the source with front-matter lines added after `review:`.
article() {
  local extra
  extra=$(printf '%s\\n' "$@")
  sed "s|^review: .*|&\\n${extra%\\n}|"
}
article "online: $URL" "published: 2026-11-01" "review_due: 2029-11-01" "reviewed_by: Dr A. Example" \
  <"$SRC/text/botox-headache/en.md" >"$P/text/a/en.md"
for lang in de ar; do
  article "online: $URL" "published: 2026-11-01" "review_due: 2029-11-01" \
    <"$SRC/text/botox-headache/$lang.md" >"$P/text/a/$lang.md"
done
cd "$P"

# ---- the QR code scans to the address, on the leaflet's last page and the card's front ----
for writer in cairo haru; do
  "$LP" build text/a/en.md --writer "$writer" -o "$T/leaflet-$writer.pdf" -q
  "$LP" build text/a/en.md -l a5-card --writer "$writer" -o "$T/card-$writer.pdf" -q
  last=$(pdf_field "$T/leaflet-$writer.pdf" Pages)
  pdftoppm -r 300 -png -f "$last" -l "$last" "$T/leaflet-$writer.pdf" "$T/l-$writer"
  pdftoppm -r 300 -png -f 1 -l 1 "$T/card-$writer.pdf" "$T/c-$writer"
  for png in "$T"/l-"$writer"-*.png "$T"/c-"$writer"-*.png; do
    got=$(zbarimg -q --raw "$png" 2>/dev/null) || fail "$writer: no code found in $(basename "$png")"
    expect_eq "$writer $(basename "$png") decoded" "$URL" "$got"
  done
  # Nothing else on the leaflet's first page is a code.
  pdftoppm -r 150 -png -f 1 -l 1 "$T/leaflet-$writer.pdf" "$T/first-$writer"
  ! zbarimg -q --raw "$T"/first-"$writer"-*.png >/dev/null 2>&1 || fail "$writer: a code on page 1"
done
pdftotext -layout "$T/leaflet-cairo.pdf" "$T/leaflet.txt"
pdftotext -layout "$T/card-cairo.pdf" "$T/card.txt"
for f in leaflet card; do
  expect_contains "$f: the address in words" "$URL" "$T/$f.txt"
  expect_contains "$f: the clinic's e-mail" "info@example.org" "$T/$f.txt"
  expect_contains "$f: the label" "This leaflet online" "$T/$f.txt"
done
# Large print: the address and the code in a row below the contact text, on one line.
"$LP" build text/a/en.md -l a4-large-print -o "$T/large.pdf" 2>"$T/err"
[ ! -s "$T/err" ] || fail "large print warned: $(cat "$T/err")"
last=$(pdf_field "$T/large.pdf" Pages)
pdftoppm -r 300 -png -f "$last" -l "$last" "$T/large.pdf" "$T/large"
expect_eq "large print decoded" "$URL" "$(zbarimg -q --raw "$T"/large-*.png 2>/dev/null)"
pdftotext -f "$last" -l "$last" "$T/large.pdf" - | grep -qxF "$URL" || fail "large print: the address is not on a line of its own"
# Right to left: the panel mirrored, the code the same.
"$LP" build text/a/ar.md -o "$T/ar.pdf" -q
last=$(pdf_field "$T/ar.pdf" Pages)
pdftoppm -r 300 -png -f "$last" -l "$last" "$T/ar.pdf" "$T/ar"
expect_eq "ar leaflet decoded" "$URL" "$(zbarimg -q --raw "$T"/ar-*.png 2>/dev/null)"
# The address's link annotations.
qpdf --qdf --object-streams=disable "$T/card-cairo.pdf" "$T/card.qdf"
[ "$(grep -ac "/URI ($URL)" "$T/card.qdf")" -ge 2 ] || fail "card: the code and the address are not links to $URL"

# An address too long for one line still scans, and the build says it is broken.
long="https://example.org/$(printf 'a%.0s' $(seq 1 120))"
article "online: $long" <"$SRC/text/botox-headache/en.md" >text/a/long.md
run_status "$T/out" "$T/err" "$LP" build text/a/long.md -o "$T/long.pdf"
expect_eq "a long address: exit" 0 "$status"
expect_contains "a long address" "text/a/long.md:$(grep -n '^online:' text/a/long.md | cut -d: -f1):9: warning: the online address is" "$T/err"
pdftoppm -r 300 -png -f 2 -l 2 "$T/long.pdf" "$T/long"
expect_eq "a long address decoded" "$long" "$(zbarimg -q --raw "$T"/long-*.png 2>/dev/null)"
printf -v huge 'https://example.org/%0400d' 0
article "online: $huge" <"$SRC/text/botox-headache/en.md" >text/a/long.md
run_status "$T/out" "$T/err" "$LP" build text/a/long.md -o "$T/long.pdf"
expect_eq "a huge address: exit" 1 "$status"
expect_contains "a huge address" "the online address is 420 characters: its QR code would need more than 57 modules" "$T/err"

# ---- the review dates in the footer, in the language (ICU) ----
expect_contains "en footer" "Published Nov 1, 2026 · Review due Nov 1, 2029" "$T/leaflet.txt"
"$LP" build text/a/de.md -o "$T/de.pdf" -q
pdftotext -layout "$T/de.pdf" "$T/de.txt"
expect_contains "de footer" "Veröffentlicht 1. Nov. 2026 · Nächste Prüfung 1. Nov. 2029" "$T/de.txt"

# ---- the batch report carries the review cycle ----
"$LP" batch text/a/en.md text/a/long.md -k -l a5-card --report "$T/report.json" -o "$T/out/{lang}-{article}.pdf" -q 2>/dev/null || true
python3 - "$T/report.json" "$SRC/tests/data/report.schema.json" <<'PY'
import json, sys, jsonschema
report = json.load(open(sys.argv[1]))
jsonschema.validate(report, json.load(open(sys.argv[2])))
dates = {o["article"].split("/")[-1]: (o["published"], o["review_due"]) for o in report["outputs"]}
assert dates.get("en.md") == ("2026-11-01", "2029-11-01"), dates
PY

# ---- {reviewed}: a layout's slot prints the reviewer ----
cat >layouts/reviewed.yaml <<'EOF'
extends: a4-leaflet
header: {start: "{title}", end: "{reviewed}", first_page: false}
EOF
"$LP" build text/a/en.md -l reviewed -o "$T/reviewed.pdf" -q
pdftotext -f 2 -l 2 "$T/reviewed.pdf" - | grep -qF "Reviewed by Dr A. Example" || fail "{reviewed} not printed"

# ---- errors at their place ----
bad() { # bad LINE-TO-ADD EXPECTED-MESSAGE-PART
  article "$1" <"$SRC/text/botox-headache/en.md" >text/a/bad.md
  run_status "$T/out" "$T/err" "$LP" build text/a/bad.md -o "$T/bad.pdf"
  expect_eq "exit for '$1'" 1 "$status"
  local line
  line=$(grep -n "^${1%%:*}:" text/a/bad.md | cut -d: -f1)
  expect_contains "position for '$1'" "text/a/bad.md:$line:" "$T/err"
  expect_contains "message for '$1'" "$2" "$T/err"
}
bad "online: ftp://example.org/x" "'ftp://example.org/x' is not an absolute http(s) address"
bad "online: example.org/leaflet" "is not an absolute http(s) address"
bad "published: 2026-13-01" "front matter key 'published': 2026-13-01 is not a day of the calendar"
article "published: 2026-11-01" "review_due: 2026-10-01" <"$SRC/text/botox-headache/en.md" >text/a/bad.md
run_status "$T/out" "$T/err" "$LP" build text/a/bad.md -o "$T/bad.pdf"
expect_eq "review before publication: exit" 1 "$status"
expect_contains "review before publication" "text/a/bad.md:$(grep -n '^review_due:' text/a/bad.md | cut -d: -f1):13: front matter key 'review_due': 2026-10-01 is not after the publication date 2026-11-01" "$T/err"

# ---- --release and check against the clock (SOURCE_DATE_EPOCH) ----
due_line=$(grep -n '^review_due:' text/a/en.md | cut -d: -f1)
after=$(date -u -d 2029-11-02 +%s) before=$(date -u -d 2029-09-01 +%s) early=$(date -u -d 2027-01-01 +%s)
SOURCE_DATE_EPOCH=$after run_status "$T/out" "$T/err" "$LP" build text/a/en.md --release -o "$T/rel.pdf"
expect_eq "--release past the review date: exit" 1 "$status"
expect_contains "--release refusal" "text/a/en.md:$due_line:13: this article was due for review on 2029-11-01 (review_due) and today is 2029-11-02" "$T/err"
[ ! -e "$T/rel.pdf" ] || fail "--release wrote a PDF past the review date"
SOURCE_DATE_EPOCH=$before "$LP" build text/a/en.md --release -o "$T/rel.pdf" -q || fail "--release before the review date"
SOURCE_DATE_EPOCH=$before run_status "$T/out" "$T/err" "$LP" check text/a/en.md
expect_eq "check 61 days before: exit" 0 "$status"
expect_contains "check warns" "text/a/en.md:$due_line:13: warning: the review date 2029-11-01 (review_due) is 61 days away (today is 2029-09-01)" "$T/out"
SOURCE_DATE_EPOCH=$early run_status "$T/out" "$T/err" "$LP" check text/a/en.md
! grep -q "review date" "$T/out" || fail "check warned long before the review date: $(cat "$T/err")"

# ---- the brand: tint from the colour or the profile; the draft band next to a red brand ----
printf 'name: Red Clinic\nphone: "+00 111"\naddress: 2 Red Road\nemail: desk@red.example\ncolor: "#b3202a"\n' >text/red.yaml
sed 's/^review: reviewed/review: draft/' text/a/en.md >text/a/en-draft.md
run_status "$T/out" "$T/err" "$LP" build text/a/en-draft.md --clinic text/red.yaml -o "$T/red.pdf"
expect_eq "red brand draft: exit" 0 "$status"
expect_contains "red brand warning" "the draft band's colour #a4262c is close to the brand colour #b3202a (CIEDE2000 difference 2.9, under 20): the band is drawn in #5b2a86" "$T/err"
pdftoppm -r 70 -png -f 1 -l 1 "$T/red.pdf" "$T/red"
png=$(ls "$T"/red-*.png)
expect_eq "the draft band" 5b2a86 "$("$LP_PIXELS" "$png" 10 5)"
expect_eq "the brand band" b3202a "$("$LP_PIXELS" "$png" 10 60)"
# 10 % of #b3202a on white: 255 - 0.1 × (255 - c) per channel.
expect_eq "the key points' tint" f7e9ea "$("$LP_PIXELS" "$png" 300 185)"
pdftotext "$T/red.pdf" - | grep -qF "desk@red.example" || fail "the red clinic's e-mail is missing"
printf 'tint: "#fff4d6"\n' >>text/red.yaml
"$LP" build text/a/en-draft.md --clinic text/red.yaml -o "$T/red2.pdf" -q 2>/dev/null
pdftoppm -r 70 -png -f 1 -l 1 "$T/red2.pdf" "$T/red2"
expect_eq "the profile's tint" fff4d6 "$("$LP_PIXELS" "$(ls "$T"/red2-*.png)" 300 185)"
# The stock brand is far from the stock alert: no warning.
expect_no_warnings "$LP" build text/a/en-draft.md -o "$T/draft.pdf"
printf 'name: X\ntint: "#12"\n' >text/badtint.yaml
run_status "$T/out" "$T/err" "$LP" build text/a/en.md --clinic text/badtint.yaml -o "$T/x.pdf"
expect_eq "a bad tint: exit" 1 "$status"
expect_contains "a bad tint" "text/badtint.yaml:2:7: clinic 'tint':" "$T/err"
echo "ok: QR codes decode to the address (leaflet, card; cairo, haru); review dates; the brand's tint and draft band"
