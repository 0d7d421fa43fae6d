# The front desk in a real browser (Debian's chromium, headless, driven over
# the DevTools protocol by tests/tools/serve_browser.py): the preview comes by
# itself, the language search filters by the languages' own names, an Arabic
# name is typed and the card downloaded; every control has its label, every
# language its lang attribute, Tab goes name → date → Print; screenshots at
# desk and phone widths; an arrow key picks the next choice, Tab leaves the
# choices for the language search; "two cards on one A4 sheet" picked, its how-to-print
# words and sheet preview, its PDF downloaded (two A4 sides, the name on both
# halves); a ';' Windows-1252 export uploaded, its bad row shown at its line,
# one PDF of all cards downloaded, and the same two to an A4 sheet. Then JavaScript off: the same
# card by clicks and typing, and the preview by its button.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"

command -v chromium >/dev/null || fail "chromium is not installed (tool/deps.sh test)"
/usr/bin/python3 -c 'import websocket' 2>/dev/null || fail "python3-websocket is not installed (tool/deps.sh test)"

proj="$T/proj"
serve_project "$proj"
{
  printf 'Patient;Termin;Notiz\r\n'
  printf 'J\xf6rg M\xfcller;30.11.2026;Kontrolle\r\n'
  printf 'Zoe Stra\xdfer;31.11.2026;\r\n'
  printf '"Fran\xe7ois\r\nDupont";01.12.2026;\r\n'
  printf 'Eva Schmidt;02.12.2026;x\r\n'
} >"$T/heute.csv"
serve_start s "$proj"
# The browser gets a home of its own: nothing of the user's profile.
export HOME="$T/home"
mkdir -p "$HOME"
timeout 240 /usr/bin/python3 "$SRC/tests/tools/serve_browser.py" chromium "$URL" "$T/b" "$T/heute.csv" >"$T/b.out" 2>"$T/b.err" ||
  fail "the browser session: $(grep -v '^ *[0-9.]* s ' "$T/b.err" | tail -5)"
r="$T/b/result.json"
expect_eq "downloaded with JavaScript" card-ar-2026-11-30.pdf "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["js_download"])' "$r")"
expect_eq "focus order after the name" "date print pdf" \
  "$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["tab_order_after_name"]))' "$r")"
grep -q '"print_frame": "application/pdf"' "$r" || fail "Print did not load the PDF into the print frame: $(cat "$r")"
name="فاطمة الزهراء"
for pdf in "$T/b/dl-js/card-ar-2026-11-30.pdf" "$T/b/dl-nojs/card-ar-$(date +%F).pdf"; do
  [ -s "$pdf" ] || fail "no download $pdf: $(ls "$T/b"/dl-*)"
  expect_eq "pages of $pdf" 2 "$(pdf_field "$pdf" Pages)"
  LP_TEXT_MODE= body_text "$pdf" "$T/card.txt" 0 600
  expect_contains "the typed Arabic name in $pdf" "$name" "$T/card.txt"
done
pdftotext "$T/b/dl-js/card-ar-2026-11-30.pdf" - | grep -q "٢٠٢٦" || fail "the date in Arabic digits"
expect_contains "the list counted" "4 rows read: 3 cards to print, 1 row left out" "$r"
expect_contains "the bad row at its line" "heute.csv:3:13: column 2 (Termin, as treatment_date)" "$r"
cards="$T/b/dl-js/cards-3.pdf"
expect_eq "one PDF of the list" 6 "$(pdf_field "$cards" Pages)"
pdftotext "$cards" "$T/cards.txt"
expect_in_order "the list's cards" "$T/cards.txt" "Jörg Müller" "François" "Eva Schmidt"
# Two cards on one A4 sheet, from the page's choice.
json_of() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(" | ".join(v) if isinstance(v, list) else v)' "$r" "$1"; }
expect_eq "arrow, then Tab, in what to print" "card-a4 | $(json_of sheet_how) | card-a4 | lang-search" "$(json_of kind_keys)"
expect_eq "a booklet sets the patient's fields aside" True "$(json_of booklet_patient_disabled)"
case "$(json_of booklet_how)" in *"flip on the short edge"*"fold the stack"*) ;; *) fail "booklet's how to print: $(json_of booklet_how)" ;; esac
case "$(json_of sheet_how)" in "Print on A4 paper on both sides"*"flip on the short edge"*"Cut the sheet in half.") ;;
*) fail "two cards' how to print: $(json_of sheet_how)" ;; esac
expect_eq "the sheet's preview" "Preview: Sheet 1, front | Preview: Sheet 1, back" "$(json_of sheet_preview)"
expect_eq "the sheet downloaded" card-a4-ar-2026-11-30.pdf "$(json_of sheet_download)"
sheet="$T/b/dl-js/card-a4-ar-2026-11-30.pdf"
expect_eq "two sides of one sheet" 2 "$(pdf_field "$sheet" Pages)"
pdfinfo "$sheet" | grep -q '^Page size: *841.89 x 595.276 pts (A4)' || fail "not an A4 landscape sheet: $(pdfinfo "$sheet" | grep size)"
for half in 0 421; do
  pdftotext -f 1 -l 1 -r 72 -x $half -y 0 -W 421 -H 595 "$sheet" "$T/half.txt"
  expect_contains "the name on the half at x=$half" "$name" "$T/half.txt"
done
expect_eq "the list on sheets downloaded" cards-3-a4.pdf "$(json_of list_sheets_download)"
lsheets="$T/b/dl-js/cards-3-a4.pdf"
expect_eq "three cards on two sheets, two sides each" 4 "$(pdf_field "$lsheets" Pages)"
pdftotext "$lsheets" "$T/lsheets.txt"
expect_in_order "the list's cards on sheets" "$T/lsheets.txt" "Jörg Müller" "François" "Eva Schmidt"
grep -q '"nojs_preview_name": true' "$r" || fail "the preview without JavaScript kept the name"
# The DOM as the browser built it: the language of each option.
expect_contains "Arabic marked right to left" '<span lang="ar" dir="rtl">العربية</span>' "$T/b/desk.html"
for f in desk phone sheet list nojs; do
  [ -s "$T/b/$f.png" ] || fail "no screenshot $f.png"
done
serve_stop "$PID"
expect_eq "serve stopped" 0 "$status"
echo "ok: the front desk in chromium (screenshots in $T/b)"
