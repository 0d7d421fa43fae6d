# Bad input is a first-class case: each malformed input gives
# "file:line:col: message" naming what was expected, the documented exit code,
# and leaves the output file exactly as it was (here: a sentinel file).
. "$(dirname "$0")/lib.sh"

out="$T/out/leaflet.pdf"
mkdir -p "$T/out"
printf 'previous build\n' >"$out"

front() { # the start of a valid article
  printf -- '---\nlang: en\ntitle: T\nversion: "1"\ndate: 2026-01-01\nreview: draft\n'
}

# expect_bad NAME EXIT WHERE FRAGMENT -- leafpress build arguments…
# WHERE is the expected "file:line:col" (or "file" for whole-file problems,
# or "-" when the problem is on the command line).
expect_bad() {
  local name=$1 code=$2 where=$3 fragment=$4
  shift 5
  run_status "$T/stdout" "$T/err" "$LP" build "$@" -o "$out"
  [ "$status" = "$code" ] || fail "$name: exit code $status, expected $code: $(cat "$T/err")"
  [ "$(wc -l <"$T/err")" -ge 1 ] || fail "$name: no message"
  local first
  first=$(head -1 "$T/err")
  if [ "$where" != "-" ]; then
    case "$first" in
    "$where: "*) ;;
    *) fail "$name: expected the message to start with '$where: ', found: $first" ;;
    esac
  fi
  case "$first" in
  *"$fragment"*) ;;
  *) fail "$name: expected '$fragment' in: $first" ;;
  esac
  expect_eq "$name: output untouched" "previous build" "$(cat "$out")"
  [ -z "$(ls "$T/out" | grep -v '^leaflet.pdf$')" ] || fail "$name: left files behind: $(ls "$T/out")"
  [ ! -s "$T/stdout" ] || fail "$name: wrote to stdout"
  echo "ok: $name"
}

a="$T/text/art/en.md"
mkdir -p "$(dirname "$a")"

printf -- '---\nlang: [en\ntitle: T\n---\nBody.\n' >"$a"
expect_bad "broken front matter" 1 "$a:3:6" "YAML syntax error" -- "$a"

{ printf -- '---\nlang: en\ntitle: T\nversion: "1"\ndate: 2026-01-01\nreview: draft\nsubtitel: S\n---\nBody.\n'; } >"$a"
expect_bad "unknown key" 1 "$a:7:1" "unknown key 'subtitel' in the front matter; did you mean 'subtitle'?" -- "$a"

printf -- '---\nlang: en\ntitle: [a, b]\nversion: "1"\ndate: 2026-01-01\nreview: draft\n---\nBody.\n' >"$a"
expect_bad "wrong type" 1 "$a:3:8" "expected a single value for front matter key 'title', found a list" -- "$a"

printf -- '---\nlang: en\ntitle: T\nversion: "1"\ndate: 2026-02-30\nreview: draft\n---\nBody.\n' >"$a"
expect_bad "impossible date" 1 "$a:5:7" "2026-02-30 is not a day of the calendar" -- "$a"

printf -- '---\nlang: en\ntitle: T\n' >"$a"
expect_bad "unclosed front matter" 1 "$a:1:1" "is not closed" -- "$a"

printf 'Just text, no front matter.\n' >"$a"
expect_bad "no front matter" 1 "$a:1:1" "expected front matter" -- "$a"

{ front; printf -- '---\n\nText.\n\n<div>raw</div>\n'; } >"$a"
expect_bad "raw HTML" 1 "$a:11:1" "raw HTML is not supported" -- "$a"

{ front; printf -- '---\n\nSee ![a figure](figure.png) here.\n'; } >"$a"
expect_bad "picture in a line" 1 "$a:9:5" "a picture with text beside it" -- "$a"

{ front; printf -- '---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'; } >"$a"
expect_bad "table" 1 "$a:9:1" "tables are not supported" -- "$a"

{ front; printf -- '---\n\n# Title again\n'; } >"$a"
expect_bad "level-1 heading" 1 "$a:9:1" "the title comes from the front matter" -- "$a"

{ front; printf -- '---\n\nGood line.\nBad \xff byte.\n'; } >"$a"
expect_bad "invalid UTF-8" 1 "$a:10:5" "invalid UTF-8" -- "$a"

: >"$a"
expect_bad "empty file" 1 "$a" "article is empty" -- "$a"

expect_bad "missing file" 1 "$T/none.md" "cannot read article: No such file" -- "$T/none.md"
expect_bad "a folder" 1 "$T/text" "not a regular file" -- "$T/text"

{ front; printf -- '---\n\nThe sign for gods is 𒀀 in cuneiform.\n'; } >"$a"
expect_bad "missing glyph" 1 "$a:9:22" "no configured font has a glyph for U+12000" -- "$a"
grep -q "(language en)" "$T/err" || fail "missing glyph: the language is not named"

# The timeline block
tl() { # tl PHASE-LINES: an article with a one-phase timeline
  front
  printf -- '---\n\n```timeline\nscale: 3w\nticks:\n  - {at: 0, label: T}\n  - {at: 3w, label: W3}\nphases:\n'
  printf '%s\n' "$@"
  printf '```\n\nText.\n'
}
tl "  - {id: a, label: A, start: 2d, end: 1d}" >"$a"
expect_bad "timeline: ends before it starts" 1 "$a:15:39" "phase 'a' ends (1d) before it starts (2d)" -- "$a"
tl "  - {id: a, label: A, start: 0, end: 5m}" >"$a"
expect_bad "timeline: unknown unit" 1 "$a:15:38" "unknown unit 'm' in '5m'" -- "$a"
tl "  - {id: a, label: A, start: 0, end: 4w}" >"$a"
expect_bad "timeline: outside the scale" 1 "$a:15:38" "outside the time scale" -- "$a"
tl "  - {id: a, label: A, start: 0, end: 1w}" "  - {id: a, label: B, start: 0, end: 2w}" >"$a"
expect_bad "timeline: duplicate id" 1 "$a:16:10" "duplicate phase id 'a'" -- "$a"
expect_bad "card without a timeline" 1 "$SRC/tests/data/articles/wound-care/en.md" "the article has no \`\`\`timeline block" -- \
  "$SRC/tests/data/articles/wound-care/en.md" --layout a5-card

# Layouts
{ front; printf -- '---\n\nText.\n'; } >"$a"
l="$T/layouts/mine.yaml"
mkdir -p "$(dirname "$l")"
printf 'page:\n  gutter: 7furlongs\n' >"$l"
expect_bad "bad length" 1 "$l:2:11" "unknown unit 'furlongs'" -- "$a" --layout "$l"
printf 'colors:\n  brand: "#12345g"\n' >"$l"
expect_bad "bad colour" 1 "$l:2:10" "is not a colour" -- "$a" --layout "$l"
printf 'styles:\n  body: {size: 6pt}\n' >"$l"
expect_bad "under the floor" 1 "$l:2:16" "under the readability floor" -- "$a" --layout "$l"
printf 'pages:\n  size: A4\n' >"$l"
expect_bad "unknown layout key" 1 "$l:1:1" "did you mean 'page'?" -- "$a" --layout "$l"
expect_bad "unknown layout" 2 "-" "unknown layout 'a4-leafet'; did you mean 'a4-leaflet'?" -- "$a" --layout a4-leafet

# Clinic profile and --set
c="$T/clinic.yaml"
printf 'name: A clinic\nphone: 1\nfax: 2\n' >"$c"
expect_bad "unknown clinic key" 1 "$c:3:1" "unknown key 'fax' in the clinic profile" -- "$a" --clinic "$c"
expect_bad "bad --set" 2 "-" "expected key=value" -- "$a" --set nothing
expect_bad "bad clinic colour" 2 "-" "clinic.color" -- "$a" --set clinic.color=teal

# The output cannot be written: nothing half-written appears anywhere.
printf 'x' >"$T/afile"
run_status /dev/null "$T/err" "$LP" build "$a" -o "$T/afile/leaflet.pdf"
expect_eq "unwritable output" 3 "$status"
grep -q "^$T/afile/leaflet.pdf: cannot create the folder" "$T/err" || fail "unwritable output: $(cat "$T/err")"

# An output path that is an input is refused before anything is written.
cp "$a" "$T/keep.md"
run_status /dev/null "$T/err" "$LP" build "$a" -o "$a"
expect_eq "output over input" 2 "$status"
cmp -s "$a" "$T/keep.md" || fail "the article was overwritten"
echo "all bad inputs answered"
