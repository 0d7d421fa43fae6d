# Mail merge from CSV as practice software and Excel export it: ';' and tab
# separators, Windows-1252, CRLF, German and US dates, headings that are not
# placeholder names (the column map), a column nothing prints, a 10 MB field,
# errors a row causes in the layout placed at its line, and a report streamed
# in plan order with memory flat in the number of rows.
. "$(dirname "$0")/lib.sh"

src="$SRC/text/botox-headache"

# ---- German Excel: ';', Windows-1252, CRLF, DD.MM.YYYY, its own headings ----
# Lines: 1 header, 2 Jörg Müller, 3-4 a name with a line break in quotes,
# 5 a bad date, 6 Ayşe (not in Windows-1252: Excel would have written '?').
{
  printf 'Name;Termin;Sprache;Notiz\r\n'
  printf 'J\xf6rg M\xfcller;30.11.2026;de;Kontrolle in 2 Wochen\r\n'
  printf '"Fran\xe7ois\r\nDupont";01.12.2026;fr;\r\n'
  printf 'Zoe Stra\xdfer;31.11.2026;de;\r\n'
  printf 'Ay?e;02.12.2026;tr;\r\n'
} >"$T/excel.csv"
map=(--column Name=patient.name --column Termin=treatment_date --column Sprache=lang --column Notiz=)
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/excel.csv" "${map[@]}" -k \
  -o "$T/de/{row}.pdf" --report "$T/de.json"
expect_eq "German Excel export: exit (one bad date)" 1 "$status"
expect_eq "the encoding warning, once" 1 "$(grep -c "warning: the data file is not UTF-8" "$T/err")"
grep -q "^$T/excel.csv:2:1: warning: the data file is not UTF-8 (this field is the first that is not): it is read as Windows-1252" "$T/err" ||
  fail "encoding warning: $(cat "$T/err")"
grep -qx "$T/excel.csv:5:13: column 2 (Termin, as treatment_date): 31.11.2026 is not a day of the calendar" "$T/err" ||
  fail "bad date in a ';' file: $(cat "$T/err")"
pdftotext "$T/de/1.pdf" "$T/de1.txt"
expect_contains "Windows-1252 name on the card" "Jörg Müller" "$T/de1.txt"
expect_contains "DD.MM.YYYY date in German" "Montag, 30. November 2026" "$T/de1.txt"
pdftotext "$T/de/2.pdf" "$T/de2.txt"
expect_in_order "a quoted line break in a ';' file" "$T/de2.txt" "François" "Dupont"
expect_contains "French date" "mardi 1 décembre 2026" "$T/de2.txt"
python3 - "$SRC/tests/data/report.schema.json" "$T/de.json" <<'EOF' || fail "report of the German export"
import json, sys, jsonschema
schema, report = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.validate(report, schema)
rows = [(o["row"], o["line"], o["status"]) for o in report["outputs"]]
assert rows == [(1, 2, "built"), (2, 3, "built"), (3, 5, "failed"), (4, 6, "built")], rows
assert len(report["warnings"]) == 1 and "Windows-1252" in report["warnings"][0], report["warnings"]
EOF
echo "ok: German Excel (';', Windows-1252, CRLF, DD.MM.YYYY, a column map): cards, one warning, lines"

# The same from the manifest: separator, date_format and columns.
P="$T/project"
mkdir -p "$P/text"
cp -r "$SRC/layouts" "$SRC/fonts" "$P/"
cp -r "$src" "$P/text/"
cp "$SRC/text/clinic.yaml" "$P/text/"
sed 's/31.11.2026/30.11.2026/' "$T/excel.csv" >"$P/today.csv"
cat >"$P/leafpress.yaml" <<'EOF'
articles: [text/botox-headache]
layouts: [a5-card]
output: "cards/{row}.pdf"
data: today.csv
separator: ";"
date_format: DD.MM.YYYY
columns: {Name: patient.name, Termin: treatment_date, Sprache: lang, Notiz: ""}
EOF
(cd "$P" && "$LP" batch -q) || fail "batch from a manifest with a column map exited $?"
[ "$(find "$P/cards" -name '*.pdf' | wc -l)" = 4 ] || fail "manifest: expected 4 cards: $(ls "$P/cards")"
pdftotext "$P/cards/3.pdf" "$T/m3.txt"
expect_contains "manifest: the third row's name" "Zoe Straßer" "$T/m3.txt"
# The command line's map replaces the manifest's for a column.
run_status "$T/out" "$T/err" "$LP" batch --project "$P" --manifest "$P/leafpress.yaml" --column Notiz=patient.notes
expect_eq "manifest map overridden: exit" 1 "$status"
grep -q "today.csv:1:21: column 4 'Notiz' is mapped to {patient.notes}, which nothing prints" "$T/err" ||
  fail "command line over the manifest's map: $(cat "$T/err")"
printf 'articles: [text/botox-headache]\ndata: today.csv\ncolumns: {name: patient.name}\n' >"$P/bad.yaml"
run_status "$T/out" "$T/err" "$LP" batch --project "$P" --manifest "$P/bad.yaml" -l a5-card
expect_eq "a manifest map of a column the file lacks: exit" 1 "$status"
grep -q "^$P/bad.yaml:3:17: --column name=patient.name: .*today.csv has no column 'name' (its columns: 'Name', 'Termin', 'Sprache', 'Notiz'); did you mean 'Name'?" "$T/err" ||
  fail "manifest map of a missing column: $(cat "$T/err")"
printf 'articles: [text/botox-headache]\ndata: today.csv\ndate_format: D.M.Y\n' >"$P/bad.yaml"
run_status "$T/out" "$T/err" "$LP" batch --project "$P" --manifest "$P/bad.yaml"
expect_eq "a bad date_format: exit" 1 "$status"
expect_contains "a bad date_format" "bad.yaml:3:14: date_format 'D.M.Y': expected DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD" "$T/err"
echo "ok: the manifest's separator, date_format and columns; the command line's map over it; their errors"

# ---- a US export: tab-separated, UTF-8 with a BOM, MM/DD/YYYY ----
{
  printf '\xef\xbb\xbfpatient.name\ttreatment_date\n'
  printf 'Mary Major\t11/30/2026\n'
  printf 'John Doe\t03/04/2026\n'
} >"$T/us.tsv"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/us.tsv" -k -o "$T/us/{row}.pdf"
expect_eq "US dates without the order: exit" 1 "$status"
grep -qx "$T/us.tsv:3:10: column 2 (treatment_date): '03/04/2026' could be 3 April or 4 March 2026, and which of day and month comes first is not known for language 'en': say it with --date-format DD/MM/YYYY or MM/DD/YYYY (date_format: in leafpress.yaml), or write the date as YYYY-MM-DD or DD.MM.YYYY" "$T/err" ||
  fail "ambiguous date: $(cat "$T/err")"
pdftotext "$T/us/1.pdf" "$T/us1.txt"
expect_contains "11/30/2026 is unambiguous" "Monday, November 30, 2026" "$T/us1.txt"
[ ! -e "$T/us/2.pdf" ] || fail "an ambiguous date was built"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/us.tsv" --date-format MM/DD/YYYY -o "$T/us/{row}.pdf"
expect_eq "--date-format MM/DD/YYYY: exit" 0 "$status"
pdftotext "$T/us/2.pdf" "$T/us2.txt"
expect_contains "03/04/2026 read month first" "Wednesday, March 4, 2026" "$T/us2.txt"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/us.tsv" --date-format DD.MM.YYYY -o "$T/us/{row}.pdf"
expect_contains "a slash date where DD.MM.YYYY was said" "'11/30/2026' is not a date written DD.MM.YYYY (--date-format) or YYYY-MM-DD" "$T/err"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/us.tsv" --date-format D.M.Y
expect_eq "--date-format D.M.Y: exit" 2 "$status"
# German rows write the day first: a US date there is refused, not misread.
printf 'patient.name,treatment_date,lang\nA,03/04/2026,de\nB,11/30/2026,de\n' >"$T/de-slash.csv"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/de-slash.csv" -k -o "$T/ds/{row}.pdf"
pdftotext "$T/ds/1.pdf" "$T/ds1.txt"
expect_contains "03/04/2026 in a German row: 3 April" "Freitag, 3. April 2026" "$T/ds1.txt"
expect_contains "11/30/2026 in a German row" "'11/30/2026' is not a date written day first, as language 'de' writes dates (30 is no month)" "$T/err"
echo "ok: tab-separated UTF-8 with a BOM; US and German slash dates by the article's language; --date-format"

# ---- a column nothing prints: an error before anything is built ----
printf 'name,treatment_date\nJane Doe,2026-11-30\n' >"$T/name.csv"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/name.csv" -o "$T/nm/{row}.pdf" -k --report "$T/nm.json"
expect_eq "unused column: exit" 1 "$status"
grep -qx "$T/name.csv:1:1: column 1 'name' fills {name}, which nothing prints: not the layout a5-card, the labels or the output pattern; did you mean {patient.name}? map it with --column \"name=patient.name\" (columns: {name: patient.name} in leafpress.yaml), or leave it out with --column \"name=\"" "$T/err" ||
  fail "unused column message: $(cat "$T/err")"
[ ! -e "$T/nm" ] || fail "an unused column still built: $(ls "$T/nm")"
"$LP" batch "$src" -l a5-card --data "$T/name.csv" -o "$T/nm/{row}.pdf" -q --column name=patient.name || fail "mapped name exited $?"
pdftotext "$T/nm/1.pdf" "$T/nm1.txt"
expect_in_order "the mapped name under Patient" "$T/nm1.txt" "Patient" "Jane Doe"
# A column the output pattern uses is used.
printf 'patient.name,treatment_date,case\nJane,2026-11-30,C-17\n' >"$T/case.csv"
"$LP" batch "$src" -l a5-card --data "$T/case.csv" -o "$T/case/{case}.pdf" -q || fail "a column for the pattern exited $?"
[ -s "$T/case/C-17.pdf" ] || fail "pattern column: $(ls "$T/case")"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/case.csv" -o "$T/case/{row}.pdf"
expect_contains "a column only the old pattern used" "column 3 'case' fills {case}, which nothing prints" "$T/err"
echo "ok: a column nothing prints is an error before anything is built, naming the placeholder it means"

# --set that nothing uses: a warning (build and batch), the output as asked.
run_status "$T/out" "$T/err" "$LP" build "$src/en.md" -l a5-card --set treatmnt_date=2026-11-30 -o "$T/set.pdf"
expect_eq "unused --set: exit" 0 "$status"
grep -qx "warning: --set treatmnt_date: no layout or output name uses {treatmnt_date}, so it changes nothing; did you mean --set treatment_date=…?" "$T/err" ||
  fail "unused --set in build: $(cat "$T/err")"
run_status "$T/out" "$T/err" "$LP" batch "$src" -L en -l a5-card --set clinic.fax=1 -o "$T/set/{layout}.pdf" --report "$T/set.json"
expect_contains "unused --set in batch" "warning: --set clinic.fax: no layout or output name uses {clinic.fax}, so it changes nothing" "$T/err"
python3 -c "import json,sys; w=json.load(open(sys.argv[1]))['warnings']; assert any('clinic.fax' in x for x in w), w" "$T/set.json" ||
  fail "the --set warning is not in the report"
expect_no_warnings "$LP" build "$src/en.md" -l a5-card --set treatment_date=2026-11-30 -o "$T/set.pdf"
echo "ok: a --set key nothing uses is a warning"

# ---- one 10 MB field: that row fails alone, the rest is built ----
{
  printf 'patient.name,treatment_date\nAnna,2026-11-30\nBig,"'
  head -c 10485760 /dev/zero | tr '\0' x
  printf '"\nCarl,2026-12-01\n'
} >"$T/big.csv"
# Peak memory is compared with the same batch on a short field, so that a
# sanitizer build's own memory does not count (and its quarantine of freed
# blocks is off: the memory in use is what is measured).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0"
sed 's/^Big,"x*"$/Big,"2026-11-30"/' "$T/big.csv" >"$T/small.csv"
/usr/bin/time -f "%M" -o "$T/small.rss" "$LP" batch "$src" -l a5-card --data "$T/small.csv" -k -o "$T/small/{row}.pdf" \
  --report "$T/small.json" >/dev/null 2>&1 || fail "the same batch with a short field exited $?"
run_status "$T/out" "$T/err" /usr/bin/time -f "%M" -o "$T/big.rss" "$LP" batch "$src" -l a5-card --data "$T/big.csv" -k \
  -o "$T/big/{row}.pdf" --report "$T/big.json"
expect_eq "10 MB field: exit" 1 "$status"
grep -qx "$T/big.csv:3:5: field 2 is 10485760 bytes, over the limit of 4096 (limit 'csv-field-size'; raise it with --limit csv-field-size=N)" "$T/err" ||
  fail "10 MB field message: $(cat "$T/err")"
expect_contains "the summary after a 10 MB field" "3 outputs: 2 built, 0 up to date, 1 failed" "$T/err"
[ -s "$T/big/1.pdf" ] && [ -s "$T/big/3.pdf" ] || fail "rows around the 10 MB field not built: $(ls "$T/big")"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert [o['status'] for o in r['outputs']] == ['built','failed','built'], r" "$T/big.json" ||
  fail "report after a 10 MB field"
# The field is never held whole (libcsv's buffer is cut as it grows): held,
# it would cost 10 to 16 MB more.
rss=$(tail -n 1 "$T/big.rss") base=$(tail -n 1 "$T/small.rss")
[ $((rss - base)) -lt 5000 ] || fail "a 10 MB field took ${rss} KB of memory, a short one ${base} KB"
echo "ok: a 10 MB field fails its row alone (${rss} KB peak against ${base} KB), the others are built, report and summary written"

# ---- errors a row causes in the layout, at the row's line ----
long=$(printf 'Maximiliane %.0s' $(seq 1 60))
printf 'patient.name,treatment_date\nAnna,2026-11-30\n%s,2026-11-30\n𒀀𒀭,2026-11-30\n王小明,2026-11-30\n' "$long" >"$T/layout.csv"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a5-card --data "$T/layout.csv" -k -o "$T/lay/{row}.pdf"
expect_eq "rows the layout cannot hold: exit" 1 "$status"
grep -q "^$T/layout.csv:3:1: the card's front .* overflows by" "$T/err" || fail "overflow not at the row: $(cat "$T/err")"
grep -q "^$T/layout.csv:4:1: no configured font has a glyph for U+12000 '𒀀'" "$T/err" || fail "glyph not at the row: $(cat "$T/err")"
! grep -q "en.md:1:1" "$T/err" || fail "a row's error blamed on the article: $(cat "$T/err")"
# A Chinese name is no error: the CJK fonts print it, and the PDF holds it.
pdftotext "$T/lay/4.pdf" - | grep -q '王小明' || fail "the Chinese name's card: $(ls "$T/lay")"
# An article that fails for every row keeps its own place: a character no
# font has in its first card point.
mkdir -p "$T/zh"
awk '!done && /^    - / { sub(/^    - /, "    - 𒀀 "); done = 1 } { print }' "$src/en.md" >"$T/zh/en.md"
at=$(grep -n '^    - 𒀀' "$T/zh/en.md" | cut -d: -f1)
printf 'patient.name,treatment_date\nAnna,2026-11-30\nBen,2026-11-30\n' >"$T/two.csv"
run_status "$T/out" "$T/err" "$LP" batch "$T/zh/en.md" -l a5-card --data "$T/two.csv" -k -o "$T/zh/{row}.pdf"
expect_eq "an article no row can build: exit" 1 "$status"
expect_eq "the article's error, at the article, for each row" 2 "$(grep -c "^$T/zh/en.md:$at:[0-9]*: no configured font has a glyph for U+12000" "$T/err")"
echo "ok: a name the card cannot hold and a character no font has are placed at the CSV line"

# ---- memory flat in the rows with --report and --depfile ----
# Rows that fail as they are planned (a date that is no day) go through the
# same report as built ones, without the cost of building: 2000 and 20000
# rows, and --list over 20000 rows that plan outputs.
rows() { # N FILE DATE
  { echo "patient.name,treatment_date"; for ((i = 1; i <= $1; i++)); do echo "Patient $i,$3"; done; } >"$2"
}
rows 2000 "$T/r2k.csv" 2026-02-30
rows 20000 "$T/r20k.csv" 2026-02-30
peak() { # FILE → peak RSS in KB of a -k run with report and depfile
  /usr/bin/time -f "%M" -o "$T/peak" "$LP" batch "$src" -l a5-card --data "$1" -k -q -o "$T/mem/{row}.pdf" \
    --report "$T/mem.json" --depfile "$T/mem.d" >/dev/null 2>&1 || true
  tail -n 1 "$T/peak"
}
small=$(peak "$T/r2k.csv")
large=$(peak "$T/r20k.csv")
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['failed'] == 20000 and len(r['outputs']) == 20000, r['failed']" "$T/mem.json" ||
  fail "the 20000-row report"
# Kept whole, the records cost 2.3 KB a row: 18000 more rows would be 40 MB.
[ $((large - small)) -lt 4000 ] || fail "report memory grows with the rows: 2000 rows ${small} KB, 20000 rows ${large} KB"
rows 20000 "$T/ok20k.csv" 2026-11-30
/usr/bin/time -f "%M" -o "$T/peak" "$LP" batch "$src" -l a5-card --data "$T/ok20k.csv" --list -o "$T/mem/{row}.pdf" >"$T/list" ||
  fail "--list over 20000 rows exited $?"
expect_eq "--list: 20000 paths" 20000 "$(wc -l <"$T/list")"
listed=$(tail -n 1 "$T/peak")
# What grows is the set of planned paths (one per output, to refuse two rows
# that would make one file): under 200 bytes a row.
[ $((listed - small)) -lt 8000 ] || fail "planning 20000 rows took ${listed} KB against ${small} KB for 2000 failing rows"
echo "ok: memory with --report and --depfile: 2000 rows ${small} KB, 20000 rows ${large} KB; --list of 20000 rows ${listed} KB"
