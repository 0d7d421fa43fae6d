# Several builds at once, in many languages (many fonts, CJK among them):
# cairo 1.16 shares scaled fonts between threads and its glyph cache is not
# safe under that, so before the engine's text lock one such batch in two to
# five crashed inside libcairo (SIGSEGV) or hung on its locks. Three batches
# at eight workers must each exit 0 and write exactly what one worker writes.
. "$(dirname "$0")/lib.sh"

langs=en,ar,de,ru,zh-Hans,ja,th,hi,el,fr,he,ko,am,ta
[ "${LP_SANITIZED:-0}" = 1 ] && langs=en,ar,de,zh-Hans,ja,hi,ko,th
out() { echo "$T/$1/{lang}-{layout}.{format}"; }
run_status /dev/null "$T/err" "$LP" batch "$SRC/text/botox-headache" -l a5-card,a4-leaflet -L "$langs" \
  -f pdf,png -j 1 --force -q -o "$(out one)"
expect_eq "one worker" 0 "$status"
n=$(find "$T/one" -type f -name "*.pdf" -o -type f -name "*.png" | wc -l)
[ "$n" -ge 16 ] || fail "one worker wrote only $n files"
for i in 1 2 3; do
  rm -rf "$T/many"
  # A hang is a failure too, not a wait for the test's timeout.
  run_status /dev/null "$T/err" timeout 240 "$LP" batch "$SRC/text/botox-headache" -l a5-card,a4-leaflet \
    -L "$langs" -f pdf,png -j 8 --force -q -o "$(out many)"
  expect_eq "eight workers, run $i" 0 "$status"
  diff -r -x "*.lpstamp" "$T/one" "$T/many" >/dev/null || fail "eight workers wrote other bytes than one (run $i): $(diff -rq -x "*.lpstamp" "$T/one" "$T/many" | head -3)"
  echo "ok: run $i, $n files as one worker writes them"
done
echo "threads ok"
