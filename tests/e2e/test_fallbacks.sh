# No silent fallback: every input that is not used as written is an error or a
# warning that says so, at its place, with the nearest valid choice — a font
# that is not installed or is misspelt, a label a labels file lacks, a logo
# that is no PNG, a language without labels, a date in --set that is no day,
# a running header too wide for its slot, a second original in a folder of
# translations, and a card that cannot hold what a mail merge may bring.
. "$(dirname "$0")/lib.sh"

# A project of this test's own: the bundled layouts, labels, fonts and article.
p="$T/proj"
mkdir -p "$p/text"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$p/"
cp -r "$SRC/text/botox-headache" "$p/text/"
cp "$SRC/text/clinic.yaml" "$p/text/"
en="$p/text/botox-headache/en.md"

# ---- fonts ----
sed 's/^  body: *{font: Noto Sans,/  body:      {font: Noto Sanz,/' "$SRC/layouts/a4-leaflet.yaml" >"$p/layouts/misspelt.yaml"
grep -q 'Noto Sanz' "$p/layouts/misspelt.yaml" || fail "fixture: the body style's font was not replaced"
line=$(grep -n '^  body:' "$p/layouts/misspelt.yaml" | cut -d: -f1)
run_status "$T/out" "$T/err" "$LP" build "$en" -l misspelt -o "$T/x.pdf"
expect_eq "misspelt font: exit" 1 "$status"
grep -q "^$p/layouts/misspelt.yaml:$line:[0-9]*: style 'body': no font of the family 'Noto Sanz' is installed where fonts/fonts.conf looks; did you mean 'Noto Sans'?" "$T/err" ||
  fail "misspelt font: $(cat "$T/err")"
[ ! -e "$T/x.pdf" ] || fail "misspelt font: a file was written"
sed 's/^  body: *{font: Noto Sans,/  body:      {font: Comic Sans MS,/' "$SRC/layouts/a4-leaflet.yaml" >"$p/layouts/absent.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -l absent -o "$T/x.pdf"
expect_eq "absent font: exit" 1 "$status"
expect_contains "absent font" "no font of the family 'Comic Sans MS' is installed" "$T/err"
expect_contains "absent font: the families there are" "the fonts there are: Noto Naskh Arabic, Noto Nastaliq Urdu, Noto Sans, Noto Sans Arabic," "$T/err"
expect_contains "absent font: how to add one" "put the font's files in the project's fonts/ folder" "$T/err"
rm "$p/layouts/misspelt.yaml" "$p/layouts/absent.yaml"
echo "ok: an unknown or misspelt font family is an error at the style, with the nearest family"

# ---- a label a labels file lacks: a warning naming the file and the key ----
cp "$p/layouts/labels/en.yaml" "$T/en-labels.yaml"
grep -v '^figure:' "$T/en-labels.yaml" >"$p/layouts/labels/en.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -o "$T/nolabel.pdf"
expect_eq "missing label: exit" 0 "$status"
expect_contains "missing label" "layouts/labels/en.yaml: warning: the labels have no 'figure', which the a4-leaflet prints" "$T/err"
grep -v '^treatment_date:' "$T/en-labels.yaml" >"$p/layouts/labels/en.yaml"
run_status "$T/out" "$T/err" "$LP" build "$en" -l a5-card -o "$T/nolabel.pdf"
expect_contains "missing card label" "warning: the labels have no 'treatment_date', which the a5-card prints" "$T/err"
cp "$T/en-labels.yaml" "$p/layouts/labels/en.yaml"
echo "ok: a missing label is a warning naming the labels file and the key"

# ---- a logo that is no PNG, JPEG or SVG: at the profile's line, with the formats accepted ----
printf 'GIF89a not really a picture' >"$p/text/logo.gif"
{ cat "$SRC/text/clinic.yaml"; echo "logo: logo.gif"; } >"$p/text/clinic.yaml"
logo_line=$(grep -n '^logo:' "$p/text/clinic.yaml" | cut -d: -f1)
for layout in a5-card a4-leaflet; do
  run_status "$T/out" "$T/err" "$LP" build "$en" -l "$layout" -o "$T/logo.pdf"
  expect_eq "logo ($layout): exit" 1 "$status"
  grep -q "^$p/text/clinic.yaml:$logo_line:7: the clinic's logo 'logo.gif' is not a PNG, JPEG or SVG file (told by its first bytes): the formats accepted are PNG, JPEG and SVG" "$T/err" ||
    fail "logo ($layout): $(cat "$T/err")"
done
cp "$SRC/text/clinic.yaml" "$p/text/clinic.yaml"
echo "ok: a logo that is no PNG, JPEG or SVG is an error at the profile's line, for cards and leaflets"

# ---- a language without labels: at the lang line, with those that have them ----
sed 's/^lang: en$/lang: xx-invalid/' "$en" >"$p/text/xx.md"
run_status "$T/out" "$T/err" "$LP" build "$p/text/xx.md" -o "$T/xx.pdf"
expect_eq "unknown language: exit" 1 "$status"
with_labels=$(cd "$SRC/layouts/labels" && ls -- *.yaml | sed 's/\.yaml$//' | LC_ALL=C sort | paste -sd, - | sed 's/,/, /g')
grep -qF "$p/text/xx.md:2:7: no labels for language 'xx-invalid': add layouts/labels/xx-invalid.yaml with the strings layouts print" "$T/err" &&
  grep -qF "; the languages with labels are: $with_labels" "$T/err" ||
  fail "unknown language: $(cat "$T/err")"
rm "$p/text/xx.md"
echo "ok: a language without labels is an error at its line, naming the languages with labels"

# ---- a --set date that is no day of the calendar: a usage error ----
run_status "$T/out" "$T/err" "$LP" build "$en" -l a5-card --set treatment_date=2026-02-30 -o "$T/d.pdf"
expect_eq "--set treatment_date=2026-02-30: exit" 2 "$status"
expect_contains "--set date" "--set treatment_date: 2026-02-30 is not a day of the calendar" "$T/err"
echo "ok: --set with a date that is no day is a usage error (exit 2)"

# ---- a running header too wide for its slot; short_title fixes it ----
long="Does Botox cause headache? What Is Known, What Is Not, and How Long the Pain Lasts"
sed "s/^title: .*/title: $long/" "$en" >"$p/text/botox-headache/en.md.long"
mv "$p/text/botox-headache/en.md.long" "$T/long.md"
cp "$T/long.md" "$p/text/long.md"
run_status "$T/out" "$T/err" "$LP" build "$p/text/long.md" -l a4-large-print -o "$T/long.pdf"
expect_eq "header too wide: exit" 1 "$status"
grep -Eq "layouts/a4-[a-z-]+.yaml:[0-9]+:[0-9]+: the header's start slot is [0-9]+ mm wide \('Does Botox cause headache\? What Is Known.*'\), wider than the [0-9]+ mm of text width \(a4-large-print\); give the article a short_title" "$T/err" ||
  fail "header too wide: $(cat "$T/err")"
sed "s/^title: .*/&\nshort_title: Botox and headache/" "$T/long.md" >"$p/text/long.md"
"$LP" build "$p/text/long.md" -l a4-large-print -o "$T/long.pdf" -q || fail "short_title: the build failed"
pdftotext -f 2 -l 2 "$T/long.pdf" "$T/long2.txt"
expect_contains "short_title in the running header" "Botox and headache" "$T/long2.txt"
rm "$p/text/long.md"
echo "ok: a header slot wider than the text is an error naming it; a short_title names the article in headers"

# ---- check: a second original beside translations ----
grep -v -e '^translates:' -e '^  source:' -e '^  sections:' -e '^    [a-z0-9]*: "' "$p/text/botox-headache/tr.md" >"$T/tr.md"
cp "$T/tr.md" "$p/text/botox-headache/tr.md"
run_status "$T/out" "$T/err" "$LP" check "$p/text/botox-headache" -l a4-leaflet
grep -q "tr.md:1:1: warning: this article has no 'translates:' while this folder's translations translate en.md: it is not checked against en.md; if it translates en.md, add 'translates: {source: en.md}' to its front matter and run 'leafpress stamp" "$T/out" ||
  fail "unlinked original: $(cat "$T/out" "$T/err")"
cp "$SRC/text/botox-headache/tr.md" "$p/text/botox-headache/tr.md"
echo "ok: check says when a file beside translations is not checked against their source"

# ---- check: a card layout that cannot hold a long patient name ----
sed 's/^  date: .*/  date:      {size: 40pt, leading: 52pt, weight: bold, color: text}/' "$p/layouts/a5-card.yaml" >"$p/layouts/big-date.yaml"
"$LP" build "$en" -l big-date -o "$T/big.pdf" -q || fail "big-date card: a card without a patient must still build"
run_status "$T/out" "$T/err" "$LP" check "$p/text/botox-headache/en.md" -l big-date
expect_eq "card too small for a merge: exit" 1 "$status"
expect_contains "card too small for a merge" "with a patient name of 48 characters and the longest date, as a mail merge may bring" "$T/out"
"$LP" build "$en" -l a5-card --set "patient.name=Wilhelmina-Maximiliane Worthington-Smythe-Brooke" \
  --set treatment_date=2026-09-30 -o "$T/name48.pdf" -q || fail "a5-card: a 48-character name must fit"
# (pdftotext drops a hyphen at a line's end: compare without hyphens.)
pdftotext "$T/name48.pdf" - | tr -d '\n-' | grep -q "WilhelminaMaximiliane WorthingtonSmytheBrooke" ||
  fail "a5-card: the 48-character name is not on the card"
echo "ok: check builds cards with the longest merge values (a 48-character name fits the a5-card)"
