# The command line: help, version, usage errors and their exit code (2), the
# default output path, --set and --clinic reaching the page.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"

run_status "$T/out" "$T/err" "$LP" --help
expect_eq "--help" 0 "$status"
expect_contains "--help" "build ARTICLE" "$T/out"
expect_contains "--help" "Exit codes" "$T/out"

run_status "$T/out" "$T/err" "$LP" build --help
expect_eq "build --help" 0 "$status"
for opt in --layout --output --format --set --clinic; do expect_contains "build --help" "$opt" "$T/out"; done

run_status "$T/out" "$T/err" "$LP" --version
expect_eq "--version" 0 "$status"
grep -Eq '^leafpress [0-9]+\.[0-9]+\.[0-9]+$' "$T/out" || fail "--version: $(cat "$T/out")"

usage() { # usage NAME FRAGMENT ARGS…
  local name=$1 fragment=$2
  shift 2
  run_status "$T/out" "$T/err" "$LP" "$@"
  expect_eq "$name: exit code" 2 "$status"
  expect_contains "$name" "$fragment" "$T/err"
}
usage "no command" "Usage: leafpress COMMAND"
usage "unknown command" "unknown command 'bild'" bild
usage "no article" "expected an article file" build
usage "two articles" "expected one article file" build "$article" "$article"
usage "unknown option" "Unknown option" build "$article" --colour red
usage "unknown format" "unknown format 'tiff'" build "$article" --format tiff
usage "bad dpi" "--dpi" build "$article" --dpi 5 --format png
usage "several formats to stdout" "single format" build "$article" -o - --format pdf,png

# Without -o the output goes to out/<article>/<lang>/<layout>.pdf in the
# project: here a copy of the project, to leave the source tree alone.
proj="$T/project"
mkdir -p "$proj/text"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$proj/"
cp -r "$SRC/text/botox-headache" "$SRC/text/clinic.yaml" "$proj/text/"
(cd "$T" && "$LP" build "$proj/text/botox-headache/en.md")
[ -s "$proj/out/botox-headache/en/a4-leaflet.pdf" ] || fail "no default output: $(find "$proj/out" 2>/dev/null)"

# --set and --clinic fill the placeholders.
printf 'name: Clinique Exemple\nphone: "+99 123"\ncolor: "#6a3d9a"\n' >"$T/clinic.yaml"
"$LP" build "$article" --clinic "$T/clinic.yaml" --set clinic.phone="+11 222 333" -o "$T/c.pdf" --format pdf,png --dpi 40
pdftotext "$T/c.pdf" "$T/c.txt"
expect_contains "clinic name" "Clinique Exemple" "$T/c.txt"
expect_contains "--set phone" "+11 222 333" "$T/c.txt"
grep -q "+99 123" "$T/c.txt" && fail "--set did not override the profile"
expect_eq "author" "Clinique Exemple" "$(pdf_field "$T/c.pdf" Author)"
# The clinic's colour fills the band.
expect_eq "band in the clinic colour" "6a3d9a" "$("$LP_PIXELS" "$T/c-1.png" 10 10)"
echo ok

# A UTF-8 value from a CI job in the C locale: taken as it is, not refused as
# "invalid byte sequence" (GOption would convert it from the locale's charset).
LC_ALL=C "$LP" build "$article" -l a5-card --set "patient.name=Zeynep Yılmaz-Øberg" -o "$T/c-locale.pdf" ||
  fail "--set with UTF-8 in the C locale"
pdftotext "$T/c-locale.pdf" "$T/c-locale.txt"
expect_contains "UTF-8 value in the C locale, on the card" "Zeynep Yılmaz-Øberg" "$T/c-locale.txt"
run_status "$T/out" "$T/err" env LC_ALL=C "$LP" build "$article" --set "$(printf 'a=\xff')" -o "$T/bad-utf8.pdf"
expect_eq "--set with invalid UTF-8: exit" 2 "$status"
expect_contains "--set with invalid UTF-8" "the value is not valid UTF-8" "$T/err"
# A card without a patient's name leaves the block out.
"$LP" build "$article" -l a5-card -o "$T/card-noname.pdf"
if grep -q "^Patient$" <(pdftotext "$T/card-noname.pdf" -); then fail "a card without a name shows 'Patient'"; fi
echo ok: UTF-8 values in the C locale, the patient block

# build --depfile: one make rule, its targets the files made, its
# prerequisites the real inputs and exactly the fonts the PDF embeds; make,
# reading it, rebuilds when an input changes and not otherwise.
M="$T/make"
mkdir -p "$M"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$M/"
mkdir -p "$M/text/botox-headache"
cp "$SRC/text/clinic.yaml" "$M/text/"
cp "$SRC/text/botox-headache/de.md" "$M/text/botox-headache/"
cat >"$M/Makefile" <<MK
card.pdf:
	"$LP" build text/botox-headache/de.md -l a5-card -f pdf,png --dpi 30 -o card.pdf --depfile card.d
-include card.d
MK
make -s -C "$M" >/dev/null 2>&1 || fail "make with the depfile"
rule=$(tr -d '\\\n' <"$M/card.d")
for want in "card.pdf card-1.png card-2.png:" text/botox-headache/de.md layouts/a5-card.yaml layouts/labels/de.yaml \
  text/clinic.yaml fonts/fonts.conf /usr/share/hyphen/hyph_de_DE.dic; do
  case "$rule" in *"$want"*) ;; *) fail "depfile: '$want' missing from: $rule" ;; esac
done
fonts=$(tr ' ' '\n' <<<"$rule" | sed -n 's|.*/\(.*\)\.ttf$|\1|p' | sort | tr '\n' ' ')
embedded=$(pdffonts "$M/card.pdf" | sed -n '3,$p' | awk '{print $1}' | sed 's/^[A-Z]\{6\}+//' | sort -u | tr '\n' ' ')
expect_eq "depfile fonts are the embedded ones" "$embedded" "$fonts"
[ "$(make -C "$M" -q card.pdf; echo $?)" = 0 ] || fail "make thinks card.pdf is out of date right after building it"
sleep 1
touch "$M/layouts/labels/de.yaml"
[ "$(make -C "$M" -q card.pdf; echo $?)" = 1 ] || fail "make does not see the changed labels through the depfile"
run_status "$T/out" "$T/err" "$LP" build "$article" -o - --depfile "$T/x.d"
expect_eq "--depfile with -o -: exit" 2 "$status"
expect_contains "--depfile with -o -" "a rule needs a file to make, not standard output" "$T/err"
echo "ok: build --depfile: the rule make reads, the real inputs and fonts, rebuilt when an input changes"
