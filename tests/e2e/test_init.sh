# leafpress init DIR (installed: the fixture install/prefix): the files it
# writes and what they say; the options in the clinic profile exactly as
# given; the questions on a terminal; a non-empty folder refused, --force
# keeping what is there; bad values refused with nothing written; the example
# article refused by --release; every command finding the project from the
# working folder or the article.
. "$(dirname "$0")/lib.sh"
: "${LP_PREFIX:?}"
I="$LP_PREFIX/bin/leafpress"
W=$(mktemp -d "${TMPDIR:-/tmp}/lp-init.XXXXXX")
at_exit 'rm -rf "$W"'
sweep_dir "$W"
export XDG_CACHE_HOME="$W/cache"

# ---- the files ----
name='Clinique "Saint-Luc": Dr. Ayşe Öztürk #2'
"$I" init "$W/p" --name "$name" --phone "+90 212 555 01 02" --color "#7a2e8c" >"$T/out" || fail "init exited $?"
for f in leafpress.yaml text/clinic.yaml layouts/a4-leaflet.yaml layouts/a4-large-print.yaml layouts/a5-card.yaml \
  layouts/a5-booklet.yaml layouts/a6-card.yaml layouts/dl-trifold.yaml text/example/en.md; do
  [ -s "$W/p/$f" ] || fail "init did not write $f"
  expect_contains "init's summary" "$f" "$T/out"
done
[ ! -e "$W/p/fonts" ] || fail "init wrote fonts/: the installed fonts.conf serves"
for l in a4-leaflet a4-large-print a5-booklet a5-card a6-card dl-trifold; do
  expect_eq "layouts/$l.yaml extends" "extends: leafpress:$l" "$(grep -v '^#' "$W/p/layouts/$l.yaml")"
done
expect_contains "the manifest" "layouts: [a4-large-print, a4-leaflet, a5-booklet, a5-card, a6-card, dl-trifold]" \
  "$W/p/leafpress.yaml"
# Every key of the profile is explained in a comment.
for k in name phone address web email color logo; do
  grep -q "^# $k: " "$W/p/text/clinic.yaml" || fail "the profile does not explain '$k'"
done
# The example: the installed article, marked.
expect_contains "example: true" "example: true" "$W/p/text/example/en.md"
expect_contains "example is a draft" "review: draft" "$W/p/text/example/en.md"
diff <(sed -n '/^```timeline/,$p' "$LP_PREFIX/share/leafpress/example/en.md") \
  <(sed -n '/^```timeline/,$p' "$W/p/text/example/en.md") >/dev/null || fail "the example's body differs from the installed article"

# The values reach the page exactly (quotes, a colon, a '#', non-ASCII).
(cd "$W/p" && "$I" batch -q) || fail "batch in the new project"
for l in a4-leaflet a4-large-print a5-card; do
  pdf="$W/p/out/example/en/$l.pdf"
  [ -s "$pdf" ] || fail "batch did not make $l"
  pdftotext "$pdf" "$T/$l.txt"
  expect_contains "$l: the name" "$name" "$T/$l.txt"
  expect_contains "$l: the phone" "+90 212 555 01 02" "$T/$l.txt"
  expect_contains "$l: the draft band" "Draft — not yet reviewed" "$T/$l.txt"
done
expect_eq "PDF author" "$name" "$(pdf_field "$W/p/out/example/en/a4-leaflet.pdf" Author)"
(cd "$W/p" && "$I" build text/example/en.md -f png --dpi 30 -o "$T/band.png" -q)
expect_eq "the band in --color" "7a2e8c" "$("$LP_PIXELS" "$T/band-1.png" 3 20)"

# The example is refused by --release, with its place; a build says what it is.
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" build text/example/en.md --release -o r.pdf' sh "$W/p" "$I"
expect_eq "--release on the example: exit code" 1 "$status"
expect_contains "--release on the example" "text/example/en.md:5:10: this is an example article (example: true), not your clinic's: --release refuses it" "$T/err"
[ ! -e "$W/p/r.pdf" ] || fail "--release wrote the example"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" batch --release -q' sh "$W/p" "$I"
expect_eq "batch --release on the example: exit code" 1 "$status"
# Once the key is gone (and the text reviewed), it is released.
sed -i '/^example: true$/d; s/^review: draft$/review: reviewed/' "$W/p/text/example/en.md"
(cd "$W/p" && "$I" build text/example/en.md --release -o r.pdf 2>"$T/err") || fail "--release without the key: $(cat "$T/err")"
if grep -q "example" "$T/err"; then fail "a warning about an example that is none: $(cat "$T/err")"; fi

# Every command finds the project from the working folder or the article.
mkdir -p "$W/p/text/example/notes"
(cd "$W/p/text/example" && "$I" build en.md -l a5-card -q) || fail "build from the article's folder"
[ -s "$W/p/out/example/en/a5-card.pdf" ] || fail "build from the article's folder: not in the project's out/"
(cd "$W/p/text/example/notes" && "$I" batch -q --force) || fail "batch from a folder below the project"
(cd "$W/p/text/example" && "$I" check . 2>"$T/err") || fail "check from the article's folder: $(cat "$T/err")"
expect_contains "check found the layouts" "6 layouts (leafpress.yaml's): no problems" "$T/err"
(cd "$W" && "$I" build p/text/example/en.md -o from-outside.pdf -q) || fail "build from outside, by the article"
(cd "$W/p/text/example" && "$I" stamp en.md 2>"$T/err") && fail "stamp of a source succeeded"
expect_contains "stamp" "not a translation" "$T/err"

# ---- refusals: nothing is written ----
mkdir "$W/full"
echo "the clinic's notes" >"$W/full/notes.txt"
run_status "$T/out" "$T/err" "$I" init "$W/full" --name X
expect_eq "non-empty folder: exit code" 2 "$status"
expect_contains "non-empty folder" "is not empty" "$T/err"
expect_contains "non-empty folder" "--force" "$T/err"
expect_eq "non-empty folder: untouched" "notes.txt" "$(ls "$W/full")"
# --force writes what is missing and keeps every file that exists.
printf 'name: The Clinic We Have\n' >"$T/mine.yaml"
mkdir -p "$W/full/text"
cp "$T/mine.yaml" "$W/full/text/clinic.yaml"
"$I" init "$W/full" --force --name "Another" >"$T/out" 2>"$T/err" || fail "--force exited $?"
cmp -s "$T/mine.yaml" "$W/full/text/clinic.yaml" || fail "--force overwrote the clinic profile"
expect_contains "--force names what it kept" "text/clinic.yaml: warning: kept as it is" "$T/err"
[ -s "$W/full/leafpress.yaml" ] && [ -s "$W/full/layouts/a5-card.yaml" ] || fail "--force did not write the missing files"
expect_eq "--force kept notes.txt" "the clinic's notes" "$(cat "$W/full/notes.txt")"

refused() { # refused NAME CODE FRAGMENT ARGS…: exit CODE, FRAGMENT on stderr, no project made
  local what=$1 code=$2 fragment=$3
  shift 3
  rm -rf "$W/r"
  run_status "$T/out" "$T/err" "$I" init "$W/r" "$@"
  expect_eq "$what: exit code" "$code" "$status"
  expect_contains "$what" "$fragment" "$T/err"
  [ ! -e "$W/r" ] || fail "$what: wrote $(find "$W/r")"
}
refused "a bad colour" 2 "--color teal: " --name X --color teal
refused "an empty name" 2 "--name: expected one line of text, found nothing" --name " "
refused "a name with a line break" 2 "--name: expected one line of text, found a line break" --name "$(printf 'A\nB')"
refused "a bidi override in the name" 2 "U+202E" --name "$(printf 'Clinic \342\200\256x')"
refused "invalid UTF-8" 2 "not valid UTF-8" --phone "$(printf '\377')"
printf 'not a picture' >"$T/logo.png"
refused "a logo that is no PNG, JPEG or SVG" 1 "the logo is not a PNG, JPEG or SVG file" --name X --logo "$T/logo.png"
refused "a missing logo" 1 "cannot read the logo" --name X --logo "$T/none.png"
run_status "$T/out" "$T/err" "$I" init --name X
expect_eq "no folder: exit code" 2 "$status"
expect_contains "no folder" "expected the project's folder" "$T/err"
refused "two folders" 2 "expected one folder, found more" "$W/r2"
[ ! -e "$W/r2" ] || fail "two folders: wrote the second"
printf 'x' >"$W/afile"
run_status "$T/out" "$T/err" "$I" init "$W/afile"
expect_eq "a file: exit code" 2 "$status"
expect_contains "a file" "exists and is not a folder" "$T/err"

# The build tree's leafpress is not installed: init says so, exit 3.
run_status "$T/out" "$T/err" "$LP" init "$W/r" --name X
expect_eq "not installed: exit code" 3 "$status"
expect_contains "not installed" "this leafpress is not installed" "$T/err"
[ ! -e "$W/r" ] || fail "init without installed data wrote $(find "$W/r")"

# ---- a logo ----
(cd "$W/p" && "$I" build text/example/en.md -l a5-card -f png --dpi 20 -o "$T/logo-src.png" -q)
"$I" init "$W/logo" -q --name "Logo Clinic" --logo "$T/logo-src-1.png" || fail "init --logo"
cmp -s "$T/logo-src-1.png" "$W/logo/text/logo.png" || fail "the logo was not copied as it is"
expect_contains "the profile names the logo" "logo: logo.png" "$W/logo/text/clinic.yaml"
(cd "$W/logo" && "$I" build text/example/en.md -l a5-card -o card.pdf -q) || fail "a card with the logo"
[ "$(pdfimages -list "$W/logo/card.pdf" | tail -n +3 | wc -l)" -ge 1 ] || fail "the card has no image"
# An SVG logo: copied as text/logo.svg, drawn (as vectors) on the leaflet's band.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#e02060"/></svg>\n' >"$T/logo.svg"
"$I" init "$W/svglogo" -q --name "Logo Clinic" --logo "$T/logo.svg" || fail "init --logo SVG"
cmp -s "$T/logo.svg" "$W/svglogo/text/logo.svg" || fail "the SVG logo was not copied as text/logo.svg"
expect_contains "the profile names the SVG logo" "logo: logo.svg" "$W/svglogo/text/clinic.yaml"
(cd "$W/svglogo" && "$I" build text/example/en.md -o leaflet.pdf -q) || fail "a leaflet with the SVG logo"

# ---- no name: left to fill in, and builds stop until it is ----
"$I" init "$W/noname" </dev/null >"$T/out" 2>"$T/err" || fail "init without a name exited $?"
expect_contains "no name: the warning" "the clinic's name is not filled in" "$T/err"
grep -q '^name:' "$W/noname/text/clinic.yaml" && fail "a name was written without one given"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" build text/example/en.md' sh "$W/noname" "$I"
expect_eq "no name: build exit code" 1 "$status"
expect_contains "no name: build" "text/clinic.yaml" "$T/err"
expect_contains "no name: build" "the clinic profile is empty: it needs at least the clinic's name" "$T/err"

# ---- on a terminal: two questions ----
printf 'Harbour Dental\n+1 555 0100\n' >"$T/answers"
script -qec "'$I' init '$W/asked'" /dev/null <"$T/answers" >"$T/tty" || fail "init on a terminal: $(cat "$T/tty")"
expect_contains "the question" "The clinic's name" "$T/tty"
expect_contains "the answer" 'name: "Harbour Dental"' "$W/asked/text/clinic.yaml"
expect_contains "the answer" 'phone: "+1 555 0100"' "$W/asked/text/clinic.yaml"

# ---- every commented key of a written layout is valid ----
for l in a4-leaflet a5-card; do
  sed -i 's/^# \(page\|colors\|styles\):/\1:/; s/^#   /  /' "$W/p/layouts/$l.yaml"
  (cd "$W/p" && "$I" build text/example/en.md -l "$l" -o "keys-$l.pdf" -q) ||
    fail "layouts/$l.yaml with its commented keys set: $(cat "$W/p/layouts/$l.yaml")"
done
echo ok
