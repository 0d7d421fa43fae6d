# leafpress batch: the manifest, output patterns, --shard, --keep-going and exit
# codes, the report against its schema, the depfile against the real inputs,
# up-to-date skipping and --force, the same bytes with -j1 and -j4, --list,
# and the progress bar only on a terminal. Mail merge has test_batch_csv.sh.
. "$(dirname "$0")/lib.sh"

src="$SRC/text/botox-headache"
# Every language the folder has, as "ar, de, …" (the batch's own messages).
have=$(cd "$src" && ls -- *.md | sed 's/\.md$//' | LC_ALL=C sort | paste -sd, - | sed 's/,/, /g')
# The whole set below: one language per script (lib.sh), both layouts.
sample=$(script_langs | paste -sd, -)
nsample=$(script_langs | wc -l)

# ---- a project of its own, with a manifest at its root ----
P="$T/project"
mkdir -p "$P/text"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$P/"
cp -r "$src" "$P/text/"
cp "$SRC/text/clinic.yaml" "$P/text/"
cat >"$P/leafpress.yaml" <<'EOF'
articles: [text/botox-headache]
languages: [en, tr]
layouts: [a4-leaflet, a5-card]
formats: [pdf]
output: "build-out/{lang}/{layout}.{format}"
set: {clinic.phone: "+44 20 7946 0000"}
EOF
(cd "$P" && "$LP" batch -q) || fail "batch from the manifest exited $?"
for l in en tr; do
  for lay in a4-leaflet a5-card; do
    f="$P/build-out/$l/$lay.pdf"
    [ -s "$f" ] || fail "manifest: $f not made"
    qpdf --check "$f" >/dev/null || fail "manifest: $f does not pass qpdf --check"
  done
done
[ "$(find "$P/build-out" -name '*.pdf' | wc -l)" = 4 ] || fail "manifest: expected 4 PDFs: $(find "$P/build-out" -name '*.pdf')"
pdftotext "$P/build-out/en/a5-card.pdf" "$T/card.txt"
expect_contains "manifest set: the clinic phone on the card" "+44 20 7946 0000" "$T/card.txt"
echo "ok: manifest (languages, layouts, formats, output, set)"

# The command line overrides the manifest: -L and -o.
(cd "$P" && "$LP" batch -q -L de -o "cli-out/{lang}-{layout}.{format}") || fail "override exited"
[ -s "$P/cli-out/de-a4-leaflet.pdf" ] && [ -s "$P/cli-out/de-a5-card.pdf" ] || fail "override: $(ls "$P/cli-out")"
[ ! -e "$P/cli-out/en-a4-leaflet.pdf" ] || fail "override: -L de built en too"
echo "ok: the command line overrides the manifest"

# A broken manifest: file:line:col and exit 1.
printf 'articles: [text/botox-headache]\nlayout: [a5-card]\n' >"$T/bad.yaml"
run_status "$T/out" "$T/err" "$LP" batch --project "$P" --manifest "$T/bad.yaml"
expect_eq "bad manifest: exit" 1 "$status"
grep -Eq "^$T/bad.yaml:2:1: .*'layout'" "$T/err" || fail "bad manifest message: $(cat "$T/err")"
echo "ok: a manifest with an unknown key"

# ---- output patterns ----
run_status "$T/out" "$T/err" "$LP" batch "$src" -o "$T/x/{language}.pdf" --list
expect_eq "unknown placeholder: exit" 2 "$status"
expect_contains "unknown placeholder" "unknown placeholder {language}" "$T/err"
run_status "$T/out" "$T/err" "$LP" batch "$src" -l a4-leaflet,a5-card -o "$T/x/{lang}.pdf"
expect_eq "colliding outputs: exit" 2 "$status"
expect_contains "colliding outputs" "would be made twice" "$T/err"
[ ! -e "$T/x" ] || fail "colliding outputs: something was written before the plan was checked"
run_status "$T/out" "$T/err" "$LP" batch "$src" -L en -o "$src/en.md" -f pdf
expect_eq "output over the article: exit" 2 "$status"
expect_contains "output over the article" "would overwrite an input file" "$T/err"
echo "ok: pattern errors (unknown placeholder, collision, an input overwritten)"

# ---- the whole set: -j1 and -j4 give the same bytes; report and depfile ----
all="-L $sample -l a4-leaflet,a5-card -f pdf,png --dpi 40"
# shellcheck disable=SC2086
"$LP" batch "$src" $all -j1 -q -o "$T/j1/{article}/{lang}/{layout}.{format}" || fail "-j1 exited $?"
# shellcheck disable=SC2086
TZ=Pacific/Kiritimati LC_ALL=tr_TR.UTF-8 "$LP" batch "$src" $all -j4 -q -o "$T/j4/{article}/{lang}/{layout}.{format}" \
  --report "$T/report.json" --depfile "$T/deps.d" || fail "-j4 exited $?"
n=0
for f in $(cd "$T/j1" && find . -type f ! -name '.*' | sort); do
  cmp -s "$T/j1/$f" "$T/j4/$f" || fail "-j1 and -j4 differ: $f"
  n=$((n + 1))
done
[ "$(cd "$T/j4" && find . -type f ! -name '.*' | wc -l)" = "$n" ] || fail "-j4 made a different set of files"
[ "$n" -ge $((nsample * 2 * 3)) ] || fail "expected at least $((nsample * 6)) files ($((nsample * 2)) PDFs and their proofs), found $n"
echo "ok: $n files byte-identical with -j1 and -j4 (another TZ and locale)"

# The report is valid against its documented schema and says what the files say.
python3 - "$SRC/tests/data/report.schema.json" "$T/report.json" "$((nsample * 2))" <<'EOF' || fail "report"
import json, os, subprocess, sys
import jsonschema
schema, report = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.validate(report, schema)
outs = report["outputs"]
want = int(sys.argv[3])
assert len(outs) == want and report["built"] == want and report["failed"] == 0, report
for o in outs:
    pdf = o["files"][0]
    assert pdf.endswith(".pdf") and o["status"] == "built", o
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int([l.split()[1] for l in info.splitlines() if l.startswith("Pages:")][0])
    assert o["pages"] == pages, (pdf, o["pages"], pages)
    assert o["bytes"] == sum(os.path.getsize(f) for f in o["files"]), pdf
    assert len(o["files"]) == 1 + pages, o["files"]  # the PDF and a PNG per page
order = [(o["lang"], o["layout"]) for o in outs]
assert order == sorted(order), order  # the plan's order, whatever finished first
EOF
echo "ok: report valid against tests/data/report.schema.json; pages and bytes match the files"

# The depfile names, for each output, its real inputs and the font files its
# PDF embeds (checked against pdffonts).
python3 - "$T/deps.d" "$SRC" "$((nsample * 2))" <<'EOF' || fail "depfile"
import re, subprocess, sys, os
text = open(sys.argv[1]).read().replace("\\\n", " ")
src = sys.argv[2]
rules = [l for l in text.splitlines() if l.strip()]
assert len(rules) == int(sys.argv[3]), len(rules)
for rule in rules:
    outs, deps = rule.split(":", 1)
    outs, deps = outs.split(), deps.split()
    pdf = outs[0]
    lang = os.path.basename(os.path.dirname(pdf))
    layout = os.path.basename(pdf)[:-4]
    want = [f"{src}/text/botox-headache/{lang}.md", f"{src}/layouts/{layout}.yaml",
            f"{src}/layouts/labels/{lang}.yaml", f"{src}/text/clinic.yaml", f"{src}/fonts/fonts.conf"]
    # The hyphenation dictionary the language reads (Debian's hyphen-*, as
    # languages.yaml names it); Turkish is hyphenated by rule, Arabic not at all.
    dicts = {}
    for line in open(f"{src}/languages.yaml"):
        m = re.match(r"^([A-Za-z-]+): \{.*hyphenation: (hyph_[^,}\s]+)", line)
        if m:
            dicts[m.group(1)] = m.group(2)
    if lang in dicts:
        want.append("/usr/share/hyphen/" + dicts[lang])
    assert len([d for d in deps if d.endswith(".dic")]) == (lang in dicts), (pdf, deps)
    for w in want:
        assert os.path.realpath(w) in [os.path.realpath(d) for d in deps], (pdf, w, deps)
    fonts = {os.path.splitext(os.path.basename(d))[0] for d in deps if d.endswith((".ttf", ".otf", ".ttc"))}
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    embedded = {re.sub(r"^[A-Z]{6}\+", "", l.split()[0]) for l in out.splitlines()[2:]}
    # A face of a collection (NotoSansCJK-Regular.ttc) embeds under its own
    # name (NotoSansCJKjp-Regular): named by its file here.
    embedded = {re.sub(r"^NotoSansCJK(jp|sc|tc|kr|hk)-", "NotoSansCJK-", e) for e in embedded}
    assert fonts == embedded, (pdf, fonts, embedded)
    assert all(os.path.exists(d) for d in deps), deps
EOF
echo "ok: depfile lists article, layout, labels, clinic, fonts.conf, the hyphenation dictionary and exactly the embedded fonts"

# ---- up to date, --force, and a changed input ----
one="$T/one"
cp -r "$src" "$one"
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" -q --report "$T/r1.json" || fail "first"
before=$(stat -c %Y.%i "$T/u/en.pdf")
sleep 1
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" --report "$T/r2.json" 2>"$T/err" || fail "second"
expect_contains "second run" "0 built, 2 up to date" "$T/err"
expect_eq "untouched output" "$before" "$(stat -c %Y.%i "$T/u/en.pdf")"
# A change of content (not of time) rebuilds just that output.
sed -i 's/^title: .*/&/' "$one/de.md"
touch "$one/en.md"
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" 2>"$T/err" || fail "third"
expect_contains "touch is not a change" "0 built, 2 up to date" "$T/err"
printf '\n' >>"$one/de.md"
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" 2>"$T/err" || fail "fourth"
expect_contains "a changed article" "1 built, 1 up to date" "$T/err"
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" --set clinic.phone=1 2>"$T/err" || fail "fifth"
expect_contains "a changed value" "2 built, 0 up to date" "$T/err"
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" --set clinic.phone=1 --force 2>"$T/err" || fail "sixth"
expect_contains "--force" "2 built, 0 up to date" "$T/err"
rm "$T/u/de.pdf"
"$LP" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" --set clinic.phone=1 2>"$T/err" || fail "seventh"
expect_contains "a deleted output" "1 built, 1 up to date" "$T/err"
python3 - "$SRC/tests/data/report.schema.json" "$T/r2.json" <<'EOF' || fail "up-to-date report"
import json, sys, jsonschema
schema, report = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.validate(report, schema)
assert [o["status"] for o in report["outputs"]] == ["up-to-date"] * 2, report
assert all(o["pages"] == 2 and o["bytes"] > 0 for o in report["outputs"]), report
EOF
echo "ok: up to date by content, --force, a changed article, value or deleted output rebuilds"

# Another leafpress (here: this one with another build ID, as a rebuild from
# changed sources would have) makes the outputs anew; then it finds them up to date.
# (Under valgrind, $LP is a wrapper: copy the binary it runs.)
cp "${LP_VALGRIND_BINARY:-$LP}" "$T/lp-other"
python3 - "$T/lp-other" <<'EOF' || fail "could not change the build ID of a copy"
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
# An ELF note: name size 4, descriptor size 20 (SHA-1), type 3 (NT_GNU_BUILD_ID), "GNU\0".
head = struct.pack("<III", 4, 20, 3) + b"GNU\0"
at = data.find(head)
assert at > 0 and data.find(head, at + 1) < 0
data[at + len(head)] ^= 0xFF
open(sys.argv[1], "wb").write(data)
EOF
"$T/lp-other" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" --set clinic.phone=1 2>"$T/err" ||
  fail "another build"
expect_contains "another build of leafpress" "2 built, 0 up to date" "$T/err"
"$T/lp-other" batch "$one" --project "$SRC" -L en,de -l a5-card -o "$T/u/{lang}.pdf" --set clinic.phone=1 2>"$T/err" ||
  fail "another build, again"
expect_contains "another build, run again" "0 built, 2 up to date" "$T/err"
echo "ok: a rebuilt leafpress (another build ID) rebuilds its outputs"

# ---- --shard: the shards together are the whole, each output once ----
"$LP" batch "$src" -L "$sample" -l a4-leaflet,a5-card -f pdf,png -o "$T/s/{lang}/{layout}.{format}" --list | sort >"$T/all.list"
: >"$T/shards.list"
for k in 1 2 3; do
  "$LP" batch "$src" -L "$sample" -l a4-leaflet,a5-card -f pdf,png -o "$T/s/{lang}/{layout}.{format}" --list --shard "$k/3" >>"$T/shards.list"
done
sort "$T/shards.list" | cmp -s - "$T/all.list" || fail "shards: $(diff <(sort "$T/shards.list") "$T/all.list")"
[ "$(sort -u "$T/shards.list" | wc -l)" = "$(wc -l <"$T/shards.list")" ] || fail "shards overlap"
[ "$(wc -l <"$T/all.list")" = $((nsample * 4)) ] || fail "--list: expected $((nsample * 4)) paths, found $(wc -l <"$T/all.list")"
"$LP" batch "$src" -L "$sample" -l a4-leaflet,a5-card -o "$T/s/{lang}/{layout}.{format}" --shard 2/3 -q
built=$(cd "$T/s" && find . -name '*.pdf' | sort | sed 's|^\./||')
want=$("$LP" batch "$src" -L "$sample" -l a4-leaflet,a5-card -o "$T/s/{lang}/{layout}.{format}" --list --shard 2/3 | sed "s|^$T/s/||" | sort)
expect_eq "shard 2/3 builds its outputs only" "$want" "$built"
for bad in 0/3 4/3 3 a/b 1/0; do
  run_status "$T/out" "$T/err" "$LP" batch "$src" --shard "$bad" --list
  expect_eq "--shard $bad" 2 "$status"
done
echo "ok: --shard K/N partitions the outputs; bad K/N refused"

# ---- --keep-going and exit codes ----
k="$T/keep/botox-headache"
mkdir -p "$k"
cp "$src/en.md" "$src/de.md" "$k/"
sed '0,/^title:/s//titel:/' "$src/tr.md" >"$k/tr.md"
run_status "$T/out" "$T/err" "$LP" batch "$k" --project "$SRC" -l a5-card -o "$T/k1/{lang}.pdf"
expect_eq "a broken article: exit" 1 "$status"
grep -Eq "^$k/tr.md:[0-9]+:[0-9]+: " "$T/err" || fail "broken article message: $(cat "$T/err")"
[ ! -e "$T/k1" ] || fail "without --keep-going nothing is built after a bad input: $(ls "$T/k1")"
run_status "$T/out" "$T/err" "$LP" batch "$k" --project "$SRC" -l a5-card -o "$T/k2/{lang}.pdf" -k --report "$T/k.json"
expect_eq "--keep-going: exit" 1 "$status"
[ -s "$T/k2/en.pdf" ] && [ -s "$T/k2/de.pdf" ] || fail "--keep-going: the good articles were not built"
expect_contains "--keep-going summary" "3 outputs: 2 built, 0 up to date, 1 failed" "$T/err"
python3 - "$SRC/tests/data/report.schema.json" "$T/k.json" <<'EOF' || fail "keep-going report"
import json, sys, jsonschema
schema, report = (json.load(open(p)) for p in sys.argv[1:3])
jsonschema.validate(report, schema)
failed = [o for o in report["outputs"] if o["status"] == "failed"]
assert len(failed) == 1 and failed[0]["article"].endswith("tr.md") and "title" in failed[0]["errors"][0], failed
EOF
# A missing layout is the command line's mistake: exit 2 even with -k.
run_status "$T/out" "$T/err" "$LP" batch "$src" -l no-such-layout -k -o "$T/k3/{lang}.pdf"
expect_eq "unknown layout: exit" 2 "$status"
# A language the folder does not have.
run_status "$T/out" "$T/err" "$LP" batch "$src" -L en,pt-BR -o "$T/k4/{lang}.pdf"
expect_eq "missing language: exit" 1 "$status"
expect_contains "missing language" "has no article in 'pt-BR' (it has: $have)" "$T/err"
run_status "$T/out" "$T/err" "$LP" batch "$T/nowhere" -o "$T/k5/{lang}.pdf"
expect_eq "missing folder: exit" 2 "$status"
run_status "$T/out" "$T/err" "$LP" batch --project "$SRC" -j 0 "$src" --list
expect_eq "-j 0 is a usage error" 2 "$status"
expect_contains "-j 0 message" "--jobs: expected a number from 1 to 256" "$T/err"
run_status "$T/out" "$T/err" "$LP" batch --project "$SRC" -j 999 "$src" --list
expect_eq "-j 999" 2 "$status"
echo "ok: --keep-going builds the rest and exits 1; usage errors exit 2"

# ---- the progress bar: on a terminal only, never with -q ----
"$LP" batch "$src" -L en -o "$T/p/{lang}.pdf" --force 2>"$T/err.notty"
if grep -q $'\r' "$T/err.notty"; then fail "progress bar drawn when stderr is not a terminal"; fi
if command -v script >/dev/null; then
  script -qec "'$LP' batch '$src' -L en,de -o '$T/p/{lang}.pdf' --force" /dev/null >"$T/tty.out"
  grep -q $'\r\[#' "$T/tty.out" || fail "no progress bar on a terminal: $(od -c "$T/tty.out" | head -5)"
  script -qec "'$LP' batch '$src' -L en,de -o '$T/p/{lang}.pdf' --force -q" /dev/null >"$T/tty.q"
  [ ! -s "$T/tty.q" ] || fail "-q printed on a terminal: $(cat "$T/tty.q")"
  echo "ok: progress bar on a terminal, none when piped or -q"
else
  fail "script (bsdutils) is needed to test the progress bar"
fi
