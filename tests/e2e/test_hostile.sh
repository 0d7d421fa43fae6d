# Hostile YAML and text, through the command line: each answered with a clear
# file:line:col error and exit 1 (no output written), or handled correctly.
# Alias bombs, deep nesting, enormous scalars, invalid and overlong UTF-8,
# UTF-16 surrogates, NUL bytes, byte-order marks, mixed newlines, and bidi
# control characters in labels, profiles, values and data rows.
. "$(dirname "$0")/lib.sh"

src="$SRC/text/botox-headache/en.md"
fm_end=$(grep -n '^---$' "$src" | sed -n 2p | cut -d: -f1)
# front: the article's front matter without its closing line.
front() { head -n "$((fm_end - 1))" "$src"; }
body() { tail -n "+$((fm_end + 1))" "$src"; }

# How long each case takes, for the log: the slowest is printed at the end
# (a case is meant to take well under 2 s in a normal build; the timeout is
# only a guard against a hang, wide enough for the sanitizer build under load).
slowest_ms=0
slowest_name=
timed() { # NAME CMD…
  local name=$1 t0 ms
  shift
  t0=$(date +%s%N)
  "$@"
  ms=$((($(date +%s%N) - t0) / 1000000))
  if [ "$ms" -gt "$slowest_ms" ]; then slowest_ms=$ms slowest_name=$name; fi
}
at_exit 'echo "slowest case: $slowest_name, $slowest_ms ms"'

refused() { # NAME FILE PATTERN(grep -E) [ARGS…]
  local name=$1 file=$2 pat=$3
  shift 3
  rm -f "$T/out.pdf"
  timed "$name" run_status "$T/out" "$T/err" timeout 300 "$LP" build "$file" --project "$SRC" -o "$T/out.pdf" "$@"
  expect_eq "$name: exit" 1 "$status"
  grep -Eq -- "$pat" "$T/err" || fail "$name: expected /$pat/ in: $(head -c 400 "$T/err")"
  [ ! -e "$T/out.pdf" ] || fail "$name: an output was written"
  echo "ok: $name"
}
builds() { # NAME FILE [ARGS…]
  local name=$1 file=$2
  shift 2
  status=0
  timed "$name" run_status /dev/null "$T/err" timeout 300 "$LP" build "$file" --project "$SRC" -o "$T/ok.pdf" "$@"
  [ "$status" = 0 ] || fail "$name: $(cat "$T/err")"
  qpdf --check "$T/ok.pdf" >/dev/null || fail "$name: the PDF fails qpdf --check"
}

# ---- YAML ----
a="$T/alias.md"
{ printf -- '---\nx: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  printf 'y: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
  printf 'w: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'; front | tail -n +2; echo ---; body; } >"$a"
refused "alias bomb" "$a" "^$a:2:4: YAML anchors \(&a\) are not supported"

d="$T/deep.md"
{ printf -- '---\nx: '; head -c 30000 /dev/zero | tr '\0' '['; head -c 30000 /dev/zero | tr '\0' ']'
  echo; front | tail -n +2; echo ---; body; } >"$d"
refused "YAML nested 30000 deep" "$d" "^$d:2:[0-9]+: YAML nested deeper than 32 levels \(limit 'yaml-depth'"

s="$T/scalar.md"
{ front | sed "s/^title: .*/title: \"$(head -c 30000 /dev/zero | tr '\0' 'x')\"/"; echo ---; body; } >"$s"
refused "a 30000-character title" "$s" "^$s:[0-9]+:8: front matter key 'title': 30000 characters, over the limit of 20000"
refused "a title band taller than the page" "$s" "^$s:1:1: the title band is (at least )?[0-9]+ mm tall, taller than the page" \
  --limit paragraph-length=40000

big="$T/bigfm.md"
{ front; printf 'comment: "%s"\n' "$(head -c 70000 /dev/zero | tr '\0' 'y')"; echo ---; body; } >"$big"
refused "a 70 KB front matter" "$big" "^$big:1:1: a front matter of [0-9]+ bytes, over the limit of 65536"

# ---- bytes that are not text ----
u="$T/utf8.md"
for case in "invalid:\xff:0xFF" "overlong slash:\xc0\xaf:0xC0" "surrogate:\xed\xa0\x80:0xED" "truncated:\xe2\x82:0xE2"; do
  IFS=: read -r name bytes shown <<<"$case"
  { front; echo ---; printf '\nGood line.\nBad %b here.\n' "$bytes"; } >"$u"
  line=$((fm_end + 3))
  refused "UTF-8: $name" "$u" "^$u:$line:5: invalid UTF-8 \(byte $shown\): save the file as UTF-8"
done
{ front; echo ---; printf '\nText with a NUL \0 byte.\n'; } >"$u"
refused "a NUL byte" "$u" "^$u:$((fm_end + 2)):17: NUL character in text"

# ---- byte-order marks and newlines: handled ----
b="$T/bom.md"
{ printf '\xef\xbb\xbf'; cat "$src"; } >"$b"
builds "a byte-order mark" "$b"
echo "ok: a byte-order mark is dropped"
c="$T/crlf.md"
sed 's/$/\r/' "$src" >"$c"
builds "CRLF line ends" "$c"
pdftotext "$T/ok.pdf" "$T/crlf.txt"
"$LP" build "$src" -o "$T/lf.pdf"
pdftotext "$T/lf.pdf" "$T/lf.txt"
cmp -s "$T/crlf.txt" "$T/lf.txt" || fail "CRLF: the text differs from the LF file's: $(diff "$T/lf.txt" "$T/crlf.txt" | head -5)"
# An error in a CRLF file points at the right line and column.
{ front; echo ---; printf '\nGood.\n\n## Heading\n\n# Title again\n'; } | sed 's/$/\r/' >"$c"
refused "CRLF: the error's line" "$c" "^$c:$((fm_end + 6)):1: a level-1 heading in the text"
m="$T/mixed.md"
{ front | sed 's/$/\r/'; echo ---; body; } >"$m"
builds "mixed CRLF and LF" "$m"
echo "ok: CRLF and mixed line ends"

# ---- bidi controls ----
rlo=$(printf '\u202e')
lri=$(printf '\u2066') pdi=$(printf '\u2069')
l="$T/label.md"
{ front; printf 'labels:\n  questions: "Call %s999 321"\n' "$rlo"; echo ---; body; } >"$l"
refused "RLO in a label" "$l" "^$l:$((fm_end + 1)):[0-9]+: a bidi control character \(U\+202E RIGHT-TO-LEFT OVERRIDE\)"
{ front; echo ---; printf '\nTake %s5 mg%s daily.\n' "$rlo" ""; } >"$l"
refused "RLO in the text" "$l" "^$l:$((fm_end + 2)):6: a bidi control character \(U\+202E"
{ front; echo ---; printf '\nA number %s+44 20%s and an open %sisolate.\n' "$lri" "$pdi" "$lri"; } >"$l"
refused "an isolate left open" "$l" "^$l:$((fm_end + 2)):[0-9]+: a directional isolate .* is not closed"
{ front; echo ---; body; printf '\nA phone number %s+44 20 7946 0000%s in a sentence.\n' "$lri" "$pdi"; } >"$l"
builds "balanced isolates" "$l"
echo "ok: balanced isolates are text"
printf 'name: Clinic\nphone: "%s123"\n' "$rlo" >"$T/clinic.yaml"
refused "RLO in the clinic profile" "$src" "^$T/clinic.yaml:2:9: a bidi control character" --clinic "$T/clinic.yaml"
run_status "$T/out" "$T/err" "$LP" build "$src" --set "clinic.phone=${rlo}123" -o "$T/out.pdf"
expect_eq "RLO in --set: exit" 2 "$status"
expect_contains "RLO in --set" "--set clinic.phone: a bidi control character (U+202E" "$T/err"
echo "ok: RLO in --set"
printf 'patient.name,treatment_date\nGood,2026-11-28\n"Eve %s(drawkcab)",2026-11-28\n' "$rlo" >"$T/rows.csv"
run_status "$T/out" "$T/err" "$LP" batch "$SRC/text/botox-headache" -l a5-card --data "$T/rows.csv" -k -o "$T/rows/{row}.pdf"
expect_eq "RLO in a data row: exit" 1 "$status"
expect_contains "RLO in a data row" "$T/rows.csv:3:1: column 1 (patient.name): a bidi control character (U+202E" "$T/err"
[ -s "$T/rows/1.pdf" ] && [ ! -e "$T/rows/2.pdf" ] || fail "RLO in a data row: the other row should build"
echo "ok: RLO in a data row"
