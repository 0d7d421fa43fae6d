# Work grows linearly with the input: an article whose body is repeated 4, 8
# and 16 times is laid out, and the growth from 8 to 16 copies must be about
# twice the growth from 4 to 8 — in pages, and in allocations and bytes
# allocated (counted by a preloaded malloc counter). Quadratic work would
# give four times. Measured on the output and the allocator, not on time.
# (Registered in tests/CMakeLists.txt for the normal build only.)
. "$(dirname "$0")/lib.sh"
: "${LP_ALLOCCOUNT:?}"

src="$SRC/text/botox-headache/en.md"
fm_end=$(grep -n '^---$' "$src" | sed -n 2p | cut -d: -f1)
body="$T/body.md"
# The body without its timeline block (an article has one).
tail -n "+$((fm_end + 1))" "$src" | awk '/^```/ { f = !f; next } !f' >"$body"

# Counts must not depend on what earlier runs left in the caches (the
# hyphenation automaton, fontconfig's cache for fonts/): a cache folder of
# this test's own, filled by a warm-up build that is not counted.
export XDG_CACHE_HOME="$T/cache"
"$LP" build "$src" --project "$SRC" -o "$T/warm.pdf" -q || fail "warm-up build"

declare -A PAGES ALLOCS BYTES
for k in 4 8 16; do
  a="$T/x$k.md"
  { head -n "$fm_end" "$src"; for _ in $(seq 1 "$k"); do cat "$body"; done; } >"$a"
  LD_PRELOAD="$LP_ALLOCCOUNT" LP_ALLOC_LOG="$T/alloc.$k" "$LP" build "$a" --project "$SRC" -o "$T/x$k.pdf" \
    --limit pages=1000 -q || fail "build of $k copies"
  PAGES[$k]=$(pdf_field "$T/x$k.pdf" Pages)
  read -r _ ALLOCS[$k] _ BYTES[$k] <"$T/alloc.$k"
  echo "copies $k: ${PAGES[$k]} pages, ${ALLOCS[$k]} allocations, ${BYTES[$k]} bytes"
done
# growth NAME A2 A4 A8: (A8 - A4) / (A4 - A2) between 1.5 and 2.6.
growth() {
  awk -v n="$1" -v a="$2" -v b="$3" -v c="$4" 'BEGIN {
    if (b - a <= 0) { printf "FAIL: %s does not grow: %s, %s, %s\n", n, a, b, c > "/dev/stderr"; exit 1 }
    r = (c - b) / (b - a)
    printf "%s: growth 8→16 copies / growth 4→8 = %.2f\n", n, r
    if (r < 1.5 || r > 2.6) { printf "FAIL: %s grows by %.2f, not about 2\n", n, r > "/dev/stderr"; exit 1 } }'
}
growth pages "${PAGES[4]}" "${PAGES[8]}" "${PAGES[16]}"
growth allocations "${ALLOCS[4]}" "${ALLOCS[8]}" "${ALLOCS[16]}"
growth "bytes allocated" "${BYTES[4]}" "${BYTES[8]}" "${BYTES[16]}"
echo "ok: linear in the input"
