# Mail merge: leafpress batch --data: a card per row of a booking system's CSV.
# RFC 4180 edge cases (BOM, CRLF, quoted commas, quotes and line breaks, blank
# lines), the promised messages for a missing column and a bad date with their
# line numbers, --keep-going, safe file names from row values, --merge, and an
# interrupt in the middle of a batch leaving only complete outputs.
. "$(dirname "$0")/lib.sh"

src="$SRC/text/botox-headache"

# Lines:  1 header (with a byte-order mark), 2 Doe, 3 blank, 4 Ali, 5-6 a name
# with a line break, 7 a bad date, 8 a missing column, 9 a name that is a path,
# 10 an empty name (the pattern needs it), 11 a language the folder lacks.
printf '\xef\xbb\xbfpatient.name,treatment_date,lang\r\n' >"$T/p.csv"
printf '"Doe, Jane",2026-11-28,en\r\n\r\n' >>"$T/p.csv"
printf '"Ali ""Al"" Veli",2026-12-01,tr\r\n' >>"$T/p.csv"
printf '"Anna\nSchmidt",2026-12-02,de\r\n' >>"$T/p.csv"
printf 'Bad Date,2026-02-30,en\r\n' >>"$T/p.csv"
printf 'Short,2026-12-03\r\n' >>"$T/p.csv"
printf '../../etc/passwd,2026-12-04,ar\r\n' >>"$T/p.csv"
printf ',2026-12-05,en\r\n' >>"$T/p.csv"
printf 'Nomen,2026-12-06,la\r\n' >>"$T/p.csv"

pattern="$T/cards/{lang}/{patient.name}.{format}"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/p.csv" -o "$pattern" -k \
  --merge "$T/cards/all.pdf" --report "$T/report.json" -j2
expect_eq "keep-going over bad rows: exit" 1 "$status"
grep -qx "$T/p.csv:7:10: column 2 (treatment_date): 2026-02-30 is not a day of the calendar" "$T/err" ||
  fail "bad date message: $(cat "$T/err")"
grep -qx "$T/p.csv:8:1: expected 3 fields (patient.name, treatment_date, lang), found 2: a column is missing" "$T/err" ||
  fail "missing column message: $(cat "$T/err")"
grep -q "^$T/p.csv:10:1: {patient.name} is empty, and the output's name is made from it" "$T/err" ||
  fail "empty name message: $(cat "$T/err")"
grep -q "^$T/p.csv:11:18: $src has no article in 'la'" "$T/err" || fail "unknown language message: $(cat "$T/err")"
expect_contains "summary" "8 outputs: 4 built, 0 up to date, 4 failed" "$T/err"
echo "ok: bad date, missing column, empty name, unknown language: lines, the field's column, messages"

# The good rows: quoted comma and quotes, a line break inside quotes, the BOM
# not part of the first column's name, a path turned into a safe name inside
# the output folder.
for f in en/Doe-Jane.pdf tr/Ali-Al-Veli.pdf de/Anna-Schmidt.pdf ar/etc-passwd.pdf; do
  [ -s "$T/cards/$f" ] || fail "row output $f missing: $(cd "$T/cards" && find . -type f)"
  qpdf --check "$T/cards/$f" >/dev/null || fail "$f fails qpdf --check"
done
[ ! -e "$T/etc" ] && [ ! -e "$T/cards/../etc" ] || fail "a row value escaped the output folder"
pdftotext "$T/cards/en/Doe-Jane.pdf" "$T/doe.txt"
expect_contains "the patient's name on the card" "Doe, Jane" "$T/doe.txt"
expect_contains "the treatment date on the card" "Saturday, November 28, 2026" "$T/doe.txt"
pdftotext "$T/cards/tr/Ali-Al-Veli.pdf" "$T/ali.txt"
expect_contains "quotes inside a quoted field" 'Ali "Al" Veli' "$T/ali.txt"
expect_contains "the row's language (Turkish date)" "1 Aralık 2026 Salı" "$T/ali.txt"
pdftotext "$T/cards/de/Anna-Schmidt.pdf" "$T/anna.txt"
expect_in_order "a line break inside quotes" "$T/anna.txt" "Anna" "Schmidt"
echo "ok: quoted commas, quotes, line breaks, BOM, CRLF; the row's language and date on the card"

# --merge: one PDF of the cards that were made, in row order.
qpdf --check "$T/cards/all.pdf" >/dev/null || fail "merged PDF fails qpdf --check"
expect_eq "merged pages" 8 "$(pdf_field "$T/cards/all.pdf" Pages)"
pdftotext -f 1 -l 1 "$T/cards/all.pdf" "$T/m1.txt"
pdftotext -f 7 -l 7 "$T/cards/all.pdf" "$T/m7.txt"
expect_contains "merged: first card is the first row" "Doe, Jane" "$T/m1.txt"
grep -q "etc/passwd" "$T/m7.txt" || fail "merged: the fourth card is not the row with the path: $(cat "$T/m7.txt")"
python3 - "$SRC/tests/data/report.schema.json" "$T/report.json" <<'EOF' || fail "report"
import json, sys, jsonschema
schema, report = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.validate(report, schema)
rows = [(o["row"], o["line"], o["status"]) for o in report["outputs"]]
assert rows == [(1, 2, "built"), (2, 4, "built"), (3, 5, "built"), (4, 7, "failed"), (5, 8, "failed"),
                (6, 9, "built"), (7, 10, "failed"), (8, 11, "failed")], rows
EOF
echo "ok: --merge holds the cards made, in row order; report rows and lines"

# Without --keep-going the first bad row stops the batch: exit 1, and no
# merged file.
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/p.csv" -o "$T/stop/{row}.pdf" --merge "$T/stop/all.pdf" -j1
expect_eq "first bad row: exit" 1 "$status"
[ ! -e "$T/stop/all.pdf" ] || fail "a merged file after a failure without --keep-going"
[ ! -e "$T/stop/5.pdf" ] && [ ! -e "$T/stop/6.pdf" ] || fail "rows after the bad row were built: $(ls "$T/stop")"
echo "ok: without --keep-going the batch stops at the first bad row"

# The header: a column named like a built-in value, a bad column name, an
# empty file, a placeholder the data file lacks, a quote left open.
expect_data_error() { # NAME EXIT PATTERN(grep -E) CSV [ARGS]
  local name=$1 code=$2 pat=$3 csv=$4
  shift 4
  run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$csv" -o "$T/h/{row}.pdf" "$@"
  expect_eq "$name: exit" "$code" "$status"
  grep -Eq "$pat" "$T/err" || fail "$name: expected /$pat/ in: $(cat "$T/err")"
  echo "ok: $name"
}
printf 'title,treatment_date\nX,2026-11-28\n' >"$T/h1.csv"
expect_data_error "column named like a built-in value" 1 "^$T/h1.csv:1:1: column 1 is named 'title', a value leafpress fills in itself" "$T/h1.csv"
printf 'patient name,treatment_date\nX,2026-11-28\n' >"$T/h2.csv"
expect_data_error "column name with a space" 1 "^$T/h2.csv:1:1: column 1 is named 'patient name', which is no placeholder name .*; did you mean \\{patient.name\\}\\? map it with --column \"patient name=patient.name\"" "$T/h2.csv"
: >"$T/h3.csv"
expect_data_error "empty data file" 1 "^$T/h3.csv:0:0: the data file is empty|^$T/h3.csv: the data file is empty" "$T/h3.csv"
printf 'patient.name\nX\n' >"$T/h4.csv"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/h4.csv" -o "$T/h/{patient.surname}.pdf"
expect_eq "placeholder not in the data: exit" 2 "$status"
expect_contains "placeholder not in the data" "unknown placeholder {patient.surname}" "$T/err"
{ printf 'patient.name,treatment_date\n"Open quote,2026-11-28\n'; for i in $(seq 1 3000); do printf 'row %d, more text\n' "$i"; done; } >"$T/h5.csv"
expect_data_error "a quote left open" 1 "^$T/h5.csv:2:1: the file ends inside the quoted field that starts here \(it runs on for [0-9]+ bytes and 3001 lines\): is its closing quote missing\?" "$T/h5.csv"
printf 'patient.name,treatment_date\n"x"y,2026-11-28\n' >"$T/h6.csv"
expect_data_error "text after a closing quote" 1 "^$T/h6.csv:2:4: text after the closing quote of a quoted field" "$T/h6.csv"
# UTF-8 from its first non-ASCII field on (Gül), then a byte that is not.
printf 'patient.name,treatment_date\nG\xc3\xbcl,2026-11-28\nX\xff,2026-11-28\n' >"$T/h7.csv"
expect_data_error "not UTF-8 in a UTF-8 file" 1 "^$T/h7.csv:3:1: field 1 is not valid UTF-8 \(byte 0xFF\), though the file is UTF-8 before it" "$T/h7.csv"
{ printf 'patient.name\n'; for i in 1 2 3 4; do echo "P$i"; done; } >"$T/h8.csv"
expect_data_error "more rows than --max-csv-rows" 1 "^$T/h8.csv:4:1: more than 2 rows \(limit 'csv-rows'; raise it with --limit csv-rows=N\)" "$T/h8.csv" --max-csv-rows 2
expect_data_error "more rows than --limit csv-rows" 1 "^$T/h8.csv:5:1: more than 3 rows" "$T/h8.csv" --limit csv-rows=3
printf 'patient.name\n%s\n' "$(head -c 5000 /dev/zero | tr '\0' x)" >"$T/h9.csv"
expect_data_error "a field over --max-field-size" 1 "^$T/h9.csv:2:1: field 1 is 5000 bytes, over the limit of 4096 \(limit 'csv-field-size'" "$T/h9.csv"
# LF line ends, no BOM, no final newline, and no lang column: the original
# article's language.
printf 'patient.name,treatment_date\nLF Only,2026-11-28' >"$T/lf.csv"
"$LP" batch "$src" -l a5-card --data "$T/lf.csv" -q -o "$T/lf/{lang}-{row}.pdf" || fail "LF file exited $?"
[ -s "$T/lf/en-1.pdf" ] || fail "LF file: expected en-1.pdf (the original's language): $(ls "$T/lf")"
echo "ok: LF, no final newline, no lang column: the original article"

# One thread sets each paragraph once and reuses it for the next cards
# (layout/para.c): every card of a one-thread batch must be byte for byte the
# card a fresh process makes for the same row. The rows come back to earlier
# values after others (a stale reuse would show), change language in between,
# and one name is long enough to wrap.
{
  echo "patient.name,treatment_date,lang"
  echo "Ayşe Yılmaz,2026-11-28,tr"
  echo "John Smith,2026-11-28,en"
  echo "Ayşe Yılmaz,2026-12-24,tr"
  echo "Maximiliane Hildegard Bartholomäa von Hohenzollern-Sigmaringen,2027-02-28,de"
  echo "John Smith,2024-02-29,en"
  echo "أحمد,2026-11-28,ar"
  echo "Ayşe Yılmaz,2026-11-28,tr"
} >"$T/reuse.csv"
"$LP" batch "$src" -l a5-card --data "$T/reuse.csv" -o "$T/reuse/{row}.pdf" -j1 -q
row=0
while IFS=, read -r name date lang; do
  row=$((row + 1))
  "$LP" build "$src/$lang.md" -l a5-card --set "patient.name=$name" --set "treatment_date=$date" \
    -o "$T/reuse/single-$row.pdf" -q
  cmp -s "$T/reuse/$row.pdf" "$T/reuse/single-$row.pdf" ||
    fail "row $row ($name, $lang): the batch's card differs from a single build's"
done < <(tail -n +2 "$T/reuse.csv")
expect_eq "rows compared" 7 "$row"
# The same rows 40 times over on four threads, which share the articles: every
# card still equals the single build of its row (workers only read what they
# share; one once appended to an article's keyword list to join it, and -j2
# mail merges crashed now and then).
{ head -1 "$T/reuse.csv"; for _ in $(seq 1 40); do tail -n +2 "$T/reuse.csv"; done; } >"$T/reuse40.csv"
"$LP" batch "$src" -l a5-card --data "$T/reuse40.csv" -o "$T/reuse40/{row}.pdf" -j4 -q
for r in $(seq 1 280); do
  single=$(( (r - 1) % 7 + 1 ))
  cmp -s "$T/reuse40/$r.pdf" "$T/reuse/single-$single.pdf" ||
    fail "row $r on four threads differs from the single build of row $single"
done
echo "ok: a one-thread batch's cards, and 280 on four threads, equal single builds, byte for byte"

# ---- an interrupt in the middle: complete outputs only, exit 130 or 143 ----
{ printf 'patient.name,treatment_date\n'; for i in $(seq 1 400); do printf 'Patient %d,2026-11-28\n' "$i"; done; } >"$T/many.csv"
# interrupt SIGNAL DIR: starts a batch of 400 cards into DIR, sends SIGNAL once
# six cards are there, and sets $status and $n (the cards made).
interrupt() {
  local sig=$1 dir=$2
  set -m # the batch in a process group of its own, where SIGINT is not ignored
  "$LP" batch "$src" -l a5-card --data "$T/many.csv" -o "$dir/{row}.pdf" -j2 -q --report "$dir.json" &
  pid=$!
  set +m
  for _ in $(seq 1 200); do
    [ "$(find "$dir" -name '*.pdf' 2>/dev/null | wc -l)" -ge 6 ] && break
    sleep 0.05
  done
  kill "-$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  n=$(find "$dir" -name '*.pdf' | wc -l)
  [ "$n" -ge 6 ] && [ "$n" -lt 400 ] || fail "$sig: expected a part of the 400 cards, found $n"
  for f in "$dir"/*.pdf; do
    qpdf --check "$f" >/dev/null 2>&1 || fail "$sig left a broken file: $f"
  done
  left=$(find "$dir" -type f ! -name '*.pdf' ! -name '.*.lpstamp' | head -3)
  [ -z "$left" ] || fail "$sig left temporary files: $left"
  python3 - "$SRC/tests/data/report.schema.json" "$dir.json" "$n" <<'EOF' || fail "$sig: the report"
import json, sys, jsonschema
schema, report = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.validate(report, schema)
assert report["built"] == int(sys.argv[3]) and report["failed"] == 0, report["built"]
EOF
}
interrupt INT "$T/int"
expect_eq "SIGINT: exit" 130 "$status"
echo "ok: SIGINT mid-batch: exit 130, $n complete cards, no partial or temporary files, a report"
interrupt TERM "$T/term"
expect_eq "SIGTERM: exit" 143 "$status"
echo "ok: SIGTERM mid-batch: exit 143, $n complete cards"
