# leafpress serve, driven over HTTP with curl: the page (labels, languages
# marked with their language, the clinic's colour, security headers), a card
# in Arabic whose PDF is the same bytes `leafpress build` makes, previews,
# Print and Download, errors beside their fields in the command line's words,
# today's list from a German Excel export (';', Windows-1252, DD.MM.YYYY,
# headings mapped, a bad row at its CSV line) merged into one PDF, every
# refusal (CSRF, origin, host, size, length, paths, methods), the access token
# off the loopback, concurrent requests without leaked descriptors, nothing
# written, nothing of a patient printed, and a clean stop on SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"

export SOURCE_DATE_EPOCH=1764547200 # the same PDF dates for serve and build
proj="$T/proj"
serve_project "$proj"
export TMPDIR="$T/tmpdir"
mkdir -p "$TMPDIR"
(cd "$proj" && find . -type f -exec sha256sum {} + | sort -k2) >"$T/before.sum"

# ---- usage ----
run_status "$T/o" "$T/e" "$LP" serve extra
expect_eq "serve with an argument" 2 "$status"
run_status "$T/o" "$T/e" "$LP" serve --listen nowhere --port 0 --project "$proj"
expect_eq "--listen that is no address" 2 "$status"
grep -q "expected an IP address" "$T/e" || fail "--listen message: $(cat "$T/e")"
run_status "$T/o" "$T/e" timeout 60 "$LP" serve --port 70000
expect_eq "--port out of range" 2 "$status"
mkdir -p "$T/noproject"
run_status "$T/o" "$T/e" timeout 60 "$LP" serve --port 0 --project "$T/noproject"
expect_eq "serve outside a project (as build says it)" 2 "$status"
grep -q "noproject: not a leafpress project" "$T/e" || fail "no project message: $(cat "$T/e")"

serve_start s1 "$proj"
case "$URL" in http://127.0.0.1:[0-9]*/) ;; *) fail "address printed: $URL" ;; esac
port=${URL#http://127.0.0.1:}
port=${port%/}
run_status "$T/o" "$T/e" timeout 60 "$LP" serve --port "$port" --project "$proj"
expect_eq "a port in use: I/O error" 3 "$status"
grep -q "cannot listen on 127.0.0.1 port $port" "$T/e" || fail "port in use message: $(cat "$T/e")"

# ---- the page ----
curl -sS -D "$T/h.txt" -o "$T/page.html" "$URL"
grep -q "^HTTP/1.1 200" "$T/h.txt" || fail "GET /: $(head -1 "$T/h.txt")"
grep -qi "^Cache-Control: no-store" "$T/h.txt" || fail "no Cache-Control: no-store"
grep -qi "^Content-Security-Policy: default-src 'none'; style-src 'self'; script-src 'self'" "$T/h.txt" ||
  fail "Content-Security-Policy: $(grep -i security "$T/h.txt")"
grep -qi "^X-Content-Type-Options: nosniff" "$T/h.txt" || fail "no nosniff"
expect_contains "the clinic's name" "<h1>Example Skin Clinic</h1>" "$T/page.html"
# The article's languages, English first, then by tag.
langs=$( (echo en; ls "$proj/text/botox-headache" | sed -n 's/\.md$//p' | grep -vx en | LC_ALL=C sort) | paste -sd ' ')
have=$(echo "$langs" | sed 's/ /, /g')
for l in $langs; do
  grep -q "<input type=\"radio\" name=\"lang\" value=\"$l\"[^>]*> <span lang=\"$l\"" "$T/page.html" ||
    fail "language $l not marked with its language"
done
expect_contains "Arabic by its own name, right to left" '<span lang="ar" dir="rtl">العربية</span>' "$T/page.html"
expect_contains "Russian by its own name" '<span lang="ru" dir="ltr">Русский</span>' "$T/page.html"
expect_contains "the list's languages marked too" '<option value="ar" lang="ar" dir="rtl">العربية</option>' "$T/page.html"
grep -q ' autofocus' "$T/page.html" && fail "the page without errors moves the focus"
expect_contains "name label" '<label for="name">Patient' "$T/page.html"
expect_contains "date label" '<label for="date">Treatment date</label>' "$T/page.html"
expect_contains "the date input, today" "type=\"date\" id=\"date\" name=\"date\" required aria-describedby=\"date-error\" value=\"$(date +%F)\"" "$T/page.html"
expect_contains "the card form posts (works without JavaScript)" '<form method="post" action="/card#preview"' "$T/page.html"
expect_contains "the list form posts its file" 'enctype="multipart/form-data"' "$T/page.html"
grep -q 'https\?://' "$T/page.html" && fail "the page refers to another site: $(grep -o 'https\?://[^"]*' "$T/page.html" | head -3)"
curl -sS -o "$T/style.css" "$BASE""style.css"
expect_contains "the clinic's colour in the style sheet" "--c:#1f6e8c" "$T/style.css"
curl -sS -D "$T/hj.txt" -o "$T/desk.js" "$BASE""desk.js"
grep -qi "^Content-Type: text/javascript" "$T/hj.txt" || fail "desk.js type"
csrf=$(csrf_of "$T/page.html")
[ ${#csrf} = 32 ] || fail "CSRF token: '$csrf'"

post_card() { # OUT FIELD=VALUE…: the card form, URL-encoded; sets $code
  local out=$1 a
  shift
  local args=(--data-urlencode "csrf=$csrf")
  for a in "$@"; do args+=(--data-urlencode "$a"); done
  code=$(curl -sS -o "$out" -D "$out.h" -w '%{http_code}' "${args[@]}" "$BASE""card")
}

# ---- a card in Arabic ----
name="فاطمة الزهراء"
post_card "$T/card.pdf" kind=card lang=ar "name=$name" date=2026-11-30 do=pdf
expect_eq "card PDF status" 200 "$code"
grep -qi '^Content-Type: application/pdf' "$T/card.pdf.h" || fail "card type: $(cat "$T/card.pdf.h")"
grep -qi '^Content-Disposition: attachment; filename="card-ar-2026-11-30.pdf"' "$T/card.pdf.h" ||
  fail "card disposition: $(grep -i disposition "$T/card.pdf.h")"
expect_eq "card pages" 2 "$(pdf_field "$T/card.pdf" Pages)"
LP_TEXT_MODE= body_text "$T/card.pdf" "$T/card.txt" 0 600
expect_contains "the Arabic name on the card" "$name" "$T/card.txt"
# The same card from the command line (which reads it back and proves it):
# the same bytes.
(cd "$proj" && "$LP" build text/botox-headache/ar.md -l a5-card --set "patient.name=$name" \
  --set treatment_date=2026-11-30 -q -o "$T/cli-card.pdf")
cmp -s "$T/card.pdf" "$T/cli-card.pdf" || fail "the served card differs from leafpress build's"
post_card "$T/print.pdf" kind=card lang=ar "name=$name" date=2026-11-30 do=print
grep -qi '^Content-Disposition: inline' "$T/print.pdf.h" || fail "Print is not inline"
grep -qi '^Content-Security-Policy' "$T/print.pdf.h" && fail "a PDF with the page's policy (it would block the viewer)"
grep -qi '^Cache-Control: no-store' "$T/print.pdf.h" || fail "a PDF without no-store"
cmp -s "$T/print.pdf" "$T/card.pdf" || fail "Print and Download differ"

# The preview: both sides as PNG in the page.
post_card "$T/preview.html" kind=card lang=ar "name=$name" date=2026-11-30 do=preview
expect_eq "preview status" 200 "$code"
expect_eq "preview images" 2 "$(grep -c '<img src="data:image/png;base64,' "$T/preview.html")"
expect_contains "alt text" 'alt="Preview: Front of the card"' "$T/preview.html"
sed -n 's/.*<img src="data:image\/png;base64,\([^"]*\)" alt="Preview: Front.*/\1/p' "$T/preview.html" | base64 -d >"$T/front.png"
size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print("%dx%d" % struct.unpack(">II", d[16:24]))' "$T/front.png")
expect_eq "front preview: an A5 page at 72 dpi" 420x596 "$size"
expect_contains "the form keeps the name" "value=\"$name\"" "$T/preview.html"

# A leaflet: the patient's name is not asked for (the same for everyone).
post_card "$T/leaflet.pdf" kind=leaflet lang=de do=pdf
expect_eq "leaflet status" 200 "$code"
[ "$(pdf_field "$T/leaflet.pdf" Pages)" -ge 2 ] || fail "leaflet pages"
grep -qi 'filename="leaflet-de.pdf"' "$T/leaflet.pdf.h" || fail "leaflet name"
post_card "$T/large.pdf" kind=large lang=en do=pdf
expect_eq "large print status" 200 "$code"
[ "$(pdf_field "$T/large.pdf" Pages)" -gt "$(pdf_field "$T/leaflet.pdf" Pages)" ] || fail "large print pages"

# ---- the sheets and folds: each choice as leafpress build makes it ----
# (The command line reads every PDF back and proves it: the same bytes are
# proven too.) Sizes in pt as pdfinfo prints them.
A5="419.528 x 595.276" A4P="595.276 x 841.89" A4L="841.89 x 595.276"
size_of() { pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\) pts.*/\1/p'; }
kind_pdf() { # KIND LAYOUT SHEET(or -) PAGES SIZE: served, sized, and the same as built
  local k=$1 layout=$2 sheet=$3 pages=$4 size=$5 opts=()
  post_card "$T/k-$k.pdf" kind="$k" lang=en "name=Anna Example" date=2026-11-30 do=pdf
  expect_eq "$k: status" 200 "$code"
  [ "$pages" = - ] || expect_eq "$k: pages" "$pages" "$(pdf_field "$T/k-$k.pdf" Pages)"
  expect_eq "$k: page size" "$size" "$(size_of "$T/k-$k.pdf")"
  [ "$sheet" = - ] || opts=(--sheet "$sheet")
  [ "$layout" = a5-card ] || [ "$layout" = a6-card ] &&
    opts+=(--set "patient.name=Anna Example" --set treatment_date=2026-11-30)
  (cd "$proj" && "$LP" build text/botox-headache/en.md -l "$layout" "${opts[@]}" -q -o "$T/cli-$k.pdf")
  cmp -s "$T/k-$k.pdf" "$T/cli-$k.pdf" || fail "$k: the served PDF differs from leafpress build -l $layout ${opts[*]}"
}
kind_pdf card-a4 a5-card a4 2 "$A4L"
grep -qi 'filename="card-a4-en-2026-11-30.pdf"' "$T/k-card-a4.pdf.h" || fail "card-a4 name: $(grep -i disposition "$T/k-card-a4.pdf.h")"
expect_eq "two cards on the sheet's front" 2 "$(pdftotext -f 1 -l 1 "$T/k-card-a4.pdf" - | grep -c 'Anna Example')"
kind_pdf a6-a4 a6-card a4 2 "$A4P"
expect_eq "four A6 cards on the sheet's front" 4 "$(pdftotext -f 1 -l 1 "$T/k-a6-a4.pdf" - | grep -c 'Anna Example')"
kind_pdf booklet a5-booklet - - "$A5"
n=$(pdf_field "$T/k-booklet.pdf" Pages)
[ $((n % 4)) = 0 ] || fail "the booklet has $n pages: no multiple of 4"
kind_pdf booklet-a4 a5-booklet a4 $((n / 2)) "$A4L"
kind_pdf trifold dl-trifold - 2 "$A4L"
pdftotext "$T/k-trifold.pdf" - | grep -q 'Anna' && fail "the tri-fold printed the patient's name"
# How to print each, beside the choice: the duplex edge is the engine's
# default for the sheet (short for a landscape sheet, long for a portrait one).
how() { sed -n "s/.*name=\"kind\" value=\"$1\" data-patient=\"[a-z]*\" data-how=\"\([^\"]*\)\".*/\1/p" "$T/page.html"; }
expect_eq "how: one card" "Print on A5 paper on both sides: in the print window choose two-sided, flip on the long edge." "$(how card)"
expect_eq "how: two cards" "Print on A4 paper on both sides: in the print window choose two-sided, flip on the short edge. Cut the sheet in half." "$(how card-a4)"
expect_eq "how: four cards" "Print on A4 paper on both sides: in the print window choose two-sided, flip on the long edge. Cut the sheet into four." "$(how a6-a4)"
how booklet | grep -q "^Not for the office printer: this is the file a print shop asks for" || fail "how: booklet: $(how booklet)"
how booklet-a4 | grep -q "flip on the short edge. Keep the sheets in order, fold the stack" || fail "how: booklet on A4: $(how booklet-a4)"
how trifold | grep -q "flip on the short edge. Fold the narrower third in first" || fail "how: tri-fold: $(how trifold)"
expect_contains "the chosen one's words shown" '<span id="how-text">Print on A5 paper on both sides' "$T/page.html"
expect_contains "cards take the patient" 'value="a6-a4" data-patient="yes"' "$T/page.html"
expect_contains "a leaflet does not" 'value="leaflet" data-patient="no"' "$T/page.html"

# ---- errors beside their fields, in the command line's words ----
note() { # FILE FIELD: the text of a field's note
  sed -n "s/.*<p class=\"error\" id=\"$2-error\" data-note>\([^<]*\)<\/p>.*/\1/p" "$1"
}
post_card "$T/e1.html" kind=card lang=de name=Anna date=2026-02-30 do=pdf
expect_eq "bad date status" 422 "$code"
expect_eq "bad date note" "2026-02-30 is not a day of the calendar" "$(note "$T/e1.html" date)"
(cd "$proj" && run_status "$T/o" "$T/e" "$LP" build text/botox-headache/de.md -l a5-card --set treatment_date=2026-02-30 -o "$T/x.pdf")
grep -q "2026-02-30 is not a day of the calendar" "$T/e" || fail "the command line's message differs: $(cat "$T/e")"
expect_contains "the date input marked invalid, and given the focus" 'aria-describedby="date-error" aria-invalid="true" autofocus value=' "$T/e1.html"
expect_eq "one field has the focus" 1 "$(grep -c ' autofocus' "$T/e1.html")"
post_card "$T/e2.html" kind=card lang=de "name=Anna$(printf '\u202e')X" do=pdf
expect_eq "bidi override status" 422 "$code"
note "$T/e2.html" name | grep -q "^a bidi control character (U+202E RIGHT-TO-LEFT OVERRIDE)" ||
  fail "bidi note: $(note "$T/e2.html" name)"
post_card "$T/e3.html" kind=card lang=de "name=$(printf 'A%.0s' $(seq 1 121))" do=pdf
expect_eq "long name note" "the name has 121 characters: at most 120 fit on a card" "$(note "$T/e3.html" name)"
post_card "$T/e4.html" kind=card lang=xx do=pdf
expect_eq "unknown language" "this article has no translation in &apos;xx&apos; (it has: $have)" \
  "$(note "$T/e4.html" lang)"
# Paths in fields are ids that are not found, never files.
post_card "$T/e5.html" kind=card lang=../../../../etc/passwd do=pdf
expect_eq "a path as the language" 422 "$code"
post_card "$T/e6.html" article=../../etc kind=../layouts/a5-card lang=en do=pdf
expect_eq "a path as the article" 422 "$code"
note "$T/e6.html" article | grep -q "^there is no article &apos;../../etc&apos;: expected one of botox-headache$" ||
  fail "article note: $(note "$T/e6.html" article)"
post_card "$T/e7.html" kind=poster lang=en do=pdf
grep -q 'name="kind" value="card" [^>]* checked autofocus>' "$T/e7.html" || fail "the kind in error has not the focus"
expect_eq "unknown kind" "&apos;poster&apos; is not something this project prints: expected card, card-a4, a6-a4, leaflet, large, booklet, booklet-a4, trifold" "$(note "$T/e7.html" kind)"
for f in "$T"/e[1-7].html; do
  grep -q "$proj\|$SRC\|/tmp\|\.c:[0-9]" "$f" && fail "a server path in $f: $(grep -o "$proj[^ ]*\|$SRC[^ ]*" "$f" | head -2)"
done

# ---- refusals ----
code_of() { curl -sS -o "$T/r.html" -w '%{http_code}' "$@"; }
expect_eq "no CSRF token" 403 "$(code_of --data 'kind=card&lang=en&do=pdf' "$BASE""card")"
expect_eq "a wrong CSRF token" 403 "$(code_of --data "csrf=${csrf%?}x&kind=card&do=pdf" "$BASE""card")"
expect_eq "another origin" 403 "$(code_of -H 'Origin: http://evil.example' --data "csrf=$csrf&kind=card&do=pdf" "$BASE""card")"
expect_eq "a cross-site fetch" 403 "$(code_of -H 'Sec-Fetch-Site: cross-site' --data "csrf=$csrf&do=pdf" "$BASE""card")"
expect_eq "the same origin" 200 "$(code_of -H "Origin: http://127.0.0.1:$port" --data "csrf=$csrf&kind=card&lang=en&do=pdf" "$BASE""card")"
expect_eq "another Host (DNS rebinding)" 421 "$(code_of -H 'Host: evil.example' "$URL")"
expect_eq "localhost is this computer" 200 "$(code_of -H "Host: localhost:$port" "$URL")"
head -c 100000 /dev/zero | tr '\0' a >"$T/big"
expect_eq "an oversized card form" 413 "$(code_of --data-binary @"$T/big" "$BASE""card")"
head -c 5000000 /dev/zero | tr '\0' a >"$T/huge"
expect_eq "an oversized list" 413 "$(code_of -F "csrf=$csrf" -F "csv=@$T/huge" "$BASE""list")"
expect_eq "a body without a length" 411 "$(code_of -H 'Transfer-Encoding: chunked' --data-binary @"$T/big" "$BASE""card")"
expect_eq "a path outside" 404 "$(code_of --path-as-is "$BASE../../etc/passwd")"
expect_eq "an encoded path outside" 404 "$(code_of --path-as-is "$BASE%2e%2e/%2e%2e/etc/passwd")"
expect_eq "a file of the project" 404 "$(code_of "$BASE""text/clinic.yaml")"
expect_eq "PUT" 405 "$(code_of -X PUT --data x "$URL")"
expect_eq "POST to the page" 405 "$(code_of --data x "$BASE""style.css")"
expect_eq "a form that is not text" 400 "$(code_of -H 'Content-Type: application/x-www-form-urlencoded' --data-binary $'csrf=1&name=\xff' "$BASE""card")"
expect_eq "GET of a form's address: the page" 200 "$(code_of "$BASE""card")"

# ---- today's list: a German Excel export ----
{
  printf 'Patient;Termin;Notiz\r\n'
  printf 'J\xf6rg M\xfcller;30.11.2026;Kontrolle\r\n'
  printf 'Zoe Stra\xdfer;31.11.2026;\r\n'
  printf '"Fran\xe7ois\r\nDupont";01.12.2026;\r\n'
  printf 'Eva Schmidt;02.12.2026;x\r\n'
} >"$T/excel.csv"
code=$(curl -sS -o "$T/list.html" -w '%{http_code}' -F "csrf=$csrf" -F lang=de -F do=check \
  -F "csv=@$T/excel.csv;filename=heute.csv" "$BASE""list")
expect_eq "list check" 200 "$code"
grep -q '<label for="map-0">Patient</label>.*' "$T/list.html" || fail "column Patient not shown"
sed -n '/name="map.0"/,/<\/select>/p' "$T/list.html" | grep -q '<option value="patient.name" selected>' ||
  fail "Patient not mapped to the name: $(sed -n '/name="map.0"/,/<\/select>/p' "$T/list.html")"
sed -n '/name="map.1"/,/<\/select>/p' "$T/list.html" | grep -q '<option value="treatment_date" selected>' ||
  fail "Termin not mapped to the date"
sed -n '/name="map.2"/,/<\/select>/p' "$T/list.html" | grep -q '<option value="" selected>(not used)' ||
  fail "Notiz not left out"
expect_contains "rows counted" "4 rows read: 3 cards to print, 1 row left out" "$T/list.html"
expect_contains "the bad row at its CSV line, as batch says it" \
  "<li>heute.csv:3:13: column 2 (Termin, as treatment_date): 31.11.2026 is not a day of the calendar</li>" "$T/list.html"
expect_contains "the encoding warning" "it is read as Windows-1252" "$T/list.html"
expect_eq "the first card's preview" 2 "$(grep -c '<img src="data:image/png;base64,' "$T/list.html")"
b64=$(sed -n 's/.*name="csv_b64" value="\([^"]*\)".*/\1/p' "$T/list.html")
echo "$b64" | base64 -d | cmp -s - "$T/excel.csv" || fail "the file carried in the form differs from the upload"
list_post() { # OUT FIELDS…
  local out=$1
  shift
  code=$(curl -sS -o "$out" -D "$out.h" -w '%{http_code}' -F "csrf=$csrf" -F lang=de -F "csv_b64=$b64" \
    -F csv_name=heute.csv "$@" "$BASE""list")
}
# The map changed with two clicks: Notiz, a column nothing prints, mapped to
# itself is the command line's error, beside the column.
list_post "$T/l2.html" -F map.0=patient.name -F map.1=treatment_date -F map.2=Notiz -F do=check
expect_eq "a column nothing uses" 422 "$code"
note "$T/l2.html" map-2 | grep -q "^column 3 &apos;Notiz&apos; fills {Notiz}, which nothing prints: not the card&apos;s layout or its labels$" ||
  fail "unused column note: $(note "$T/l2.html" map-2)"
grep -q '<select id="map-2" name="map.2" aria-describedby="map-2-error" aria-invalid="true" autofocus>' "$T/l2.html" ||
  fail "the column in error has not the focus"
list_post "$T/cards.pdf" -F map.0=patient.name -F map.1=treatment_date -F map.2= -F do=pdf
expect_eq "merged PDF" 200 "$code"
grep -qi 'filename="cards-3.pdf"' "$T/cards.pdf.h" || fail "merged name: $(grep -i disposition "$T/cards.pdf.h")"
expect_eq "three cards, two sides each" 6 "$(pdf_field "$T/cards.pdf" Pages)"
pdftotext "$T/cards.pdf" "$T/cards.txt"
expect_in_order "every card, in the list's order" "$T/cards.txt" "Jörg Müller" "François" "Eva Schmidt"
expect_contains "DD.MM.YYYY read in German" "Montag, 30. November 2026" "$T/cards.txt"
grep -q "Zoe" "$T/cards.txt" && fail "the bad row was printed"
# Beside it, the same cards two to an A4 sheet, in row order: the same
# bytes as leafpress batch --sheet a4 --merge.
list_post "$T/sheets.pdf" -F map.0=patient.name -F map.1=treatment_date -F map.2= -F do=sheets
expect_eq "cards on sheets" 200 "$code"
grep -qi 'filename="cards-3-a4.pdf"' "$T/sheets.pdf.h" || fail "sheets name: $(grep -i disposition "$T/sheets.pdf.h")"
expect_eq "three cards on two sheets, both sides" 4 "$(pdf_field "$T/sheets.pdf" Pages)"
expect_eq "A4 landscape sheets" "$A4L" "$(size_of "$T/sheets.pdf")"
pdftotext "$T/sheets.pdf" "$T/sheets.txt"
expect_in_order "the sheets in the list's order" "$T/sheets.txt" "Jörg Müller" "François" "Eva Schmidt"
(cd "$proj" && "$LP" batch text/botox-headache -L de -l a5-card --data "$T/excel.csv" --column Patient=patient.name \
  --column Termin=treatment_date --column Notiz= -k --sheet a4 --merge "$T/batch-sheets.pdf" -o "$T/rows/{row}.pdf" -q 2>/dev/null) || true
[ -s "$T/batch-sheets.pdf" ] || fail "leafpress batch made no sheets"
cmp -s "$T/sheets.pdf" "$T/batch-sheets.pdf" || fail "the served sheets differ from leafpress batch --sheet a4 --merge"
expect_contains "the sheets' button" '<button type="submit" name="do" value="sheets" aria-describedby="list-how">Download all 3 on A4 sheets (two cards a sheet)</button>' "$T/list.html"
expect_contains "how to print them" "each card's back behind its front (2 sheets). Print on A4 paper on both sides: in the print window choose two-sided, flip on the short edge." "$T/list.html"
# The map offers every value a row may fill, as --column takes them; a
# clinic's value replaced from a column is printed.
opts=$(sed -n '/name="map.2"/,/<\/select>/p' "$T/list.html" | sed -n 's/.*<option value="\([^"]*\)".*/\1/p' | paste -sd ' ')
expect_eq "what a column may fill" " patient.name treatment_date lang online clinic.address clinic.email clinic.name clinic.phone clinic.web" "$opts"
list_post "$T/phone.pdf" -F map.0=patient.name -F map.1=treatment_date -F map.2=clinic.phone -F do=pdf
expect_eq "a column as the clinic's phone" 200 "$code"
pdftotext -f 1 -l 1 "$T/phone.pdf" - | grep -qx "Kontrolle" || fail "the mapped phone is not on the first card"
list_post "$T/l6.html" -F map.0=patient.name -F map.1=treatment_date -F map.2=clinic.logo -F do=check
expect_eq "a column as the logo (a file)" 422 "$code"
expect_eq "the logo's note" "the clinic&apos;s logo is a file of the project: a list cannot name another one" "$(note "$T/l6.html" map-2)"
list_post "$T/l7.html" -F map.0=patient.name -F "map.1=treatment date" -F map.2= -F do=check
expect_eq "no placeholder name" 422 "$code"
expect_eq "as --column says it" "&apos;treatment date&apos; is no placeholder name (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;)" "$(note "$T/l7.html" map-1)"
list_post "$T/l8.html" -F map.0=patient.name -F map.1=title -F map.2= -F do=check
expect_eq "the article's own value" "{title} is a value leafpress fills in itself; a column cannot replace it" "$(note "$T/l8.html" map-1)"
list_post "$T/l9.html" -F map.0=patient.name -F map.1=patient.name -F map.2= -F do=check
expect_eq "two columns, one value" "columns &apos;Patient&apos; and &apos;Termin&apos; both fill {patient.name}" "$(note "$T/l9.html" map-1)"
# Month first, said in the form: 30.11 is then no date at all.
list_post "$T/l3.html" -F map.0=patient.name -F map.1=treatment_date -F map.2= -F date_form=MM/DD/YYYY -F do=check
expect_eq "every row refused" 422 "$code"
expect_eq "the list's note" "no row of the list makes a card" "$(note "$T/l3.html" csv)"
code=$(curl -sS -o "$T/l4.html" -w '%{http_code}' -F "csrf=$csrf" -F lang=de -F do=check "$BASE""list")
expect_eq "no file" 422 "$code"
note "$T/l4.html" csv | grep -q "^choose the list to print" || fail "no file note"

# A language column: each row's card in its language; one the article lacks
# fails its row at that field.
printf 'Name,Datum,Sprache\nAyşe Yılmaz,2026-12-01,tr\nMarie Curie,2026-12-01,fr\nNobody,2026-12-01,xx\n' >"$T/langs.csv"
code=$(curl -sS -o "$T/l5.html" -w '%{http_code}' -F "csrf=$csrf" -F lang=en -F do=check -F "csv=@$T/langs.csv" "$BASE""list")
expect_eq "a list with languages" 200 "$code"
sed -n '/name="map.2"/,/<\/select>/p' "$T/l5.html" | grep -q '<option value="lang" selected>' || fail "Sprache not mapped to lang"
expect_contains "a language the article lacks, at its field" "<li>langs.csv:4:19: the article has no translation in &apos;xx&apos; (it has: $have)</li>" "$T/l5.html"
b64l=$(sed -n 's/.*name="csv_b64" value="\([^"]*\)".*/\1/p' "$T/l5.html")
code=$(curl -sS -o "$T/langs.pdf" -w '%{http_code}' -F "csrf=$csrf" -F lang=en -F "csv_b64=$b64l" -F csv_name=langs.csv \
  -F map.0=patient.name -F map.1=treatment_date -F map.2=lang -F do=pdf "$BASE""list")
expect_eq "the cards in their languages" 200 "$code"
pdftotext "$T/langs.pdf" "$T/langs.txt"
expect_contains "the Turkish card's date" "1 Aralık 2026" "$T/langs.txt"
expect_contains "the French card's date" "1 décembre 2026" "$T/langs.txt"

# ---- at the same time: 24 cards, 8 at once, twice ----
# The first round warms a font set for each worker thread (its open font
# files); the second must open nothing more.
parallel() {
  seq 1 24 | xargs -P 8 -I{} curl -sS -o "$T/par-{}.pdf" -w '%{http_code}\n' --data-urlencode "csrf=$csrf" \
    --data kind=card --data lang=fr --data-urlencode "name=Patient {}" --data date=2026-12-01 --data do=pdf \
    "$BASE""card" >"$T/par.codes"
  expect_eq "concurrent requests all answered" "24" "$(grep -c '^200$' "$T/par.codes")"
}
parallel
sleep 0.5
fds_before=$(ls "/proc/$PID/fd" | wc -l)
parallel
for i in 1 13 24; do
  pdftotext "$T/par-$i.pdf" - | grep -q "Patient $i$" || fail "concurrent card $i has another's name"
done
sleep 0.5
fds_after=$(ls "/proc/$PID/fd" | wc -l)
[ "$fds_after" -le "$fds_before" ] || fail "file descriptors: $fds_before before, $fds_after after"

# A client that goes away while its cards are built: the answer is dropped,
# the server goes on.
curl -sS -m 0.05 -o /dev/null -F "csrf=$csrf" -F lang=de -F "csv_b64=$b64" -F csv_name=heute.csv -F do=pdf \
  "$BASE""list" 2>/dev/null || true
sleep 2
kill -0 "$PID" 2>/dev/null || fail "the server died when a client went away"
expect_eq "after a client went away" 200 "$(code_of "$URL")"

# ---- stop: counts only, nothing written ----
# A list being built when the signal comes: the server still stops at once.
curl -sS -o /dev/null -F "csrf=$csrf" -F lang=de -F "csv_b64=$b64" -F csv_name=heute.csv -F do=pdf \
  "$BASE""list" 2>/dev/null &
inflight=$!
sleep 0.05
t0=$EPOCHREALTIME
serve_stop "$PID"
wait "$inflight" 2>/dev/null || true
awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { exit !(b - a < 5) }' || fail "stopping took more than 5 s"
expect_eq "exit after SIGTERM" 0 "$status"
grep -q "^leafpress serve: stopped after [0-9]* requests: [0-9]* PDFs" "$T/s1.err" || fail "summary: $(cat "$T/s1.err")"
expect_eq "nothing on stderr but the summary" 1 "$(wc -l <"$T/s1.err")"
grep -q "Müller\|Patient 1\|$name\|Eva" "$T/s1.out" "$T/s1.err" && fail "a patient's name was printed"
(cd "$proj" && find . -type f -exec sha256sum {} + | sort -k2) >"$T/after.sum"
diff "$T/before.sum" "$T/after.sum" >/dev/null || fail "the project changed: $(diff "$T/before.sum" "$T/after.sum")"
[ -z "$(ls -A "$TMPDIR")" ] || fail "files left in TMPDIR: $(ls -A "$TMPDIR")"

# ---- another loopback address: no token, its own Host ----
# (Its project has no A6 card: the page offers what the layouts make.)
proj2="$T/proj2"
serve_project "$proj2"
rm "$proj2/layouts/a6-card.yaml"
serve_start s3 "$proj2" --listen 127.0.0.2
case "$URL" in http://127.0.0.2:[0-9]*/) ;; *) fail "loopback address: $URL" ;; esac
expect_eq "another loopback address" 200 "$(code_of "$URL")"
grep -q 'value="card-a4"' "$T/r.html" || fail "two cards on A4 not offered"
grep -q 'value="a6-a4"' "$T/r.html" && fail "A6 cards offered by a project without a6-card"
csrf=$(csrf_of "$T/r.html")
post_card "$T/e8.html" kind=a6-a4 lang=en do=pdf
expect_eq "A6 from a project without it" 422 "$code"
expect_eq "its note" "&apos;a6-a4&apos; is not something this project prints: expected card, card-a4, leaflet, large, booklet, booklet-a4, trifold" "$(note "$T/e8.html" kind)"
serve_stop "$PID"

# ---- another address: the access token ----
serve_start s2 "$proj" --listen 0.0.0.0
case "$URL" in http://0.0.0.0:*/\?token=[0-9a-f]*) ;; *) fail "address with token: $URL" ;; esac
grep -q "open to other computers" "$T/s2.out" || fail "no word of the open address"
token=${URL#*token=}
expect_eq "no token" 401 "$(code_of "$BASE")"
expect_eq "a wrong token" 401 "$(code_of "$BASE?token=0123")"
code=$(curl -sS -o /dev/null -D "$T/t.h" -w '%{http_code}' "$URL")
expect_eq "the printed address" 303 "$code"
grep -qi "^Set-Cookie: leafpress_token=$token; HttpOnly; SameSite=Strict" "$T/t.h" || fail "token cookie: $(cat "$T/t.h")"
expect_eq "with the cookie" 200 "$(code_of -H "Cookie: leafpress_token=$token" "$BASE")"
expect_eq "a POST without the token" 401 "$(code_of --data "csrf=$csrf&do=pdf" "$BASE""card")"
serve_stop "$PID"
echo "ok: serve over HTTP"
