# Every resource limit: past it, exit 1 with a message that names the limit
# and the option that raises it, and no output file; with the limit raised
# (--limit NAME=N), the same input builds. Limits lowered here keep the inputs
# small; the defaults are in docs/reliability.md ("Limits"). The CSV limits are tested in
# test_batch_csv.sh.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"

# past NAME ARTICLE [ARGS…]: the build fails on limit NAME.
past() {
  local name=$1 art=$2
  shift 2
  rm -f "$T/out.pdf"
  run_status "$T/out" "$T/err" "$LP" build "$art" -o "$T/out.pdf" "$@"
  expect_eq "$name: exit" 1 "$status"
  expect_contains "$name: message" "(limit '$name'; raise it with --limit $name=N)" "$T/err"
  grep -Eq "^$art(:[0-9]+:[0-9]+)?: |^$T/" "$T/err" || fail "$name: no file:line:col in: $(cat "$T/err")"
  [ ! -e "$T/out.pdf" ] || fail "$name: an output was written"
}
# within NAME ARTICLE [ARGS…]: the build succeeds.
within() {
  local name=$1 art=$2
  shift 2
  "$LP" build "$art" -o "$T/out.pdf" "$@" 2>"$T/err" || fail "$name raised: $(cat "$T/err")"
  [ -s "$T/out.pdf" ] || fail "$name raised: no output"
  echo "ok: limit $name"
}

past input-size "$article" --limit input-size=1K
within input-size "$article"
past front-matter-size "$article" --limit front-matter-size=200
within front-matter-size "$article"
past timeline-size "$article" --limit timeline-size=300
within timeline-size "$article"
past paragraph-length "$article" --limit paragraph-length=100
within paragraph-length "$article"
past phases "$article" --limit phases=3
within phases "$article" --limit phases=4
past ticks "$article" --limit ticks=4
within ticks "$article" --limit ticks=5
past pages "$article" --limit pages=1
within pages "$article" --limit pages=2

# Nine markers, one over the default of eight.
m="$T/markers.md"
awk '/^markers:/ { print; for (i = 1; i <= 9; i++) printf "  - {at: %dd, label: m%d}\n", i, i; skip = 1; next }
     skip && /^  - / { next } { skip = 0; print }' "$article" >"$m"
past markers "$m"
within markers "$m" --limit markers=9

# Lists four deep, one over the default of three.
l="$T/lists.md"
{ head -n "$(grep -n '^---$' "$article" | sed -n 2p | cut -d: -f1)" "$article"
  printf '\nText.\n\n- one\n  - two\n    - three\n      - four\n'; } >"$l"
past list-depth "$l"
within list-depth "$l" --limit list-depth=4

# Emphasis two deep, over a limit of one.
e="$T/emphasis.md"
{ head -n "$(grep -n '^---$' "$article" | sed -n 2p | cut -d: -f1)" "$article"
  printf '\nText with *emphasis and **strong inside** it*.\n'; } >"$e"
past inline-depth "$e" --limit inline-depth=1
within inline-depth "$e"

# YAML nested 40 deep in a layout, over the default of 32.
y="$T/deep.yaml"
{ printf 'styles: '; for _ in $(seq 1 40); do printf '['; done; for _ in $(seq 1 40); do printf ']'; done; echo; } >"$y"
run_status "$T/out" "$T/err" "$LP" build "$article" -l "$y" -o "$T/out.pdf"
expect_eq "yaml-depth: exit" 1 "$status"
expect_contains "yaml-depth: message" "YAML nested deeper than 32 levels (limit 'yaml-depth'; raise it with --limit yaml-depth=N)" "$T/err"
run_status "$T/out" "$T/err" "$LP" build "$article" -l "$y" -o "$T/out.pdf" --limit yaml-depth=64
grep -q "yaml-depth" "$T/err" && fail "yaml-depth raised: still refused: $(cat "$T/err")"
expect_contains "yaml-depth raised: the next check speaks" "styles" "$T/err"
echo "ok: limit yaml-depth"

# output-size: a build, and a batch where the total runs over.
past_out() {
  expect_eq "output-size: exit" 1 "$status"
  expect_contains "output-size: message" "(limit 'output-size'; raise it with --limit output-size=N)" "$T/err"
}
rm -f "$T/out.pdf"
run_status "$T/out" "$T/err" "$LP" build "$article" -o "$T/out.pdf" --limit output-size=10K
past_out
[ ! -e "$T/out.pdf" ] || fail "output-size: a file was written"
run_status "$T/out" "$T/err" "$LP" batch "$SRC/text/botox-headache" -L ar,de,en,es,fr,ru,tr -l a5-card -o "$T/b/{lang}.pdf" -k \
  --limit output-size=100K -j1
past_out
made=$(find "$T/b" -name '*.pdf' | wc -l)
[ "$made" -ge 1 ] && [ "$made" -lt 7 ] || fail "output-size over a batch: expected some of 7 cards, found $made"
total=$(find "$T/b" -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { print s }')
[ "$total" -le 102400 ] || fail "output-size over a batch: $total bytes written"
within output-size "$article" --limit output-size=10M

# Bad --limit arguments are usage errors.
for bad in pages=0 pages=abc nope=3 pages pages=99999999 input-size=1X; do
  run_status "$T/out" "$T/err" "$LP" build "$article" -o "$T/out.pdf" --limit "$bad"
  expect_eq "--limit $bad: exit" 2 "$status"
  case $bad in
    nope=3) expect_contains "--limit lists the names" "input-size, front-matter-size" "$T/err" ;;
    pages=99999999) expect_contains "--limit names its ceiling" "at most 10000" "$T/err" ;;
  esac
done
echo "ok: bad --limit arguments"

# A 7 MB article (400 paragraphs of 20 000 characters, each within the
# paragraph limit): the page limit stops it while it is being set, before all
# of it is held in memory. Peak memory of the run, from the kernel's rusage.
huge="$T/huge.md"
python3 - "$article" "$huge" <<'EOF'
import sys
lines = open(sys.argv[1]).read().split("\n")
end = [i for i, l in enumerate(lines) if l == "---"][1]
para = ("Botox has no recognized side effects, repeated to make a long paragraph. " * 270).strip()
open(sys.argv[2], "w").write("\n".join(lines[:end + 1]) + "\n\n" + "\n\n".join([para] * 400) + "\n")
EOF
python3 - "$LP" "$huge" "$T/huge.pdf" >"$T/huge.txt" <<'EOF' || fail "huge article: $(cat "$T/huge.txt")"
import resource, subprocess, sys
p = subprocess.run([sys.argv[1], "build", sys.argv[2], "-o", sys.argv[3]], capture_output=True, text=True)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(p.returncode, round(peak_mb), p.stderr.strip())
assert p.returncode == 1, p.returncode
assert "(limit 'pages'; raise it with --limit pages=N)" in p.stderr, p.stderr
assert peak_mb < 300, peak_mb
EOF
[ ! -e "$T/huge.pdf" ] || fail "huge article: an output was written"
echo "ok: a 7 MB article stops at the page limit early ($(cut -d' ' -f2 "$T/huge.txt") MB peak)"
