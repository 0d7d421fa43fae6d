#!/usr/bin/env bash
# Layout time against a paragraph's length: one paragraph of 10,000, 100,000
# and 1,000,000 characters (words, and one word with no break in it), built
# with --no-verify and with the read-back, RUNS times each in turns; prints
# the median wall time and the time per 1,000 characters, so that linear
# growth shows as a flat last column. Measures and prints; never fails on a
# slow result.
#
# Usage: tests/bench/long.sh [-n RUNS]   (default 3)
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../.." && pwd)
LP="$ROOT/build/leafpress"
RUNS=3
while getopts ':n:' opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    *) sed -n '9p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done
[[ -x $LP ]] || { echo "long.sh: build leafpress first (tool/build.sh)" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/leafpress-long.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT
python3 - "$TMP" <<'PY'
import random, sys
random.seed(7)
words = "the pain after treatment is mild and goes away within a few hours or days".split()
for n in (10000, 100000, 1000000):
    for kind in ("words", "word"):
        if kind == "word":
            body = "x" * n
        else:
            out, length = [], 0
            while length < n:
                w = random.choice(words); out.append(w); length += len(w) + 1
            body = " ".join(out)[:n].rstrip()
        open(f"{sys.argv[1]}/{kind}-{n}.md", "w").write(
            "---\nlang: en\ntitle: Long\nversion: \"1\"\ndate: 2026-11-01\nreview: reviewed\n---\n\n" + body + "\n")
PY
limits=(--limit paragraph-length=1000000 --limit pages=10000 --project "$ROOT" -q)
cases=()
for n in 10000 100000 1000000; do for kind in words word; do for v in no-verify verify; do cases+=("$kind-$n-$v"); done; done; done
for ((r = 0; r < RUNS; r++)); do
  for c in "${cases[@]}"; do
    IFS=- read -r kind n v _ <<<"$c"
    flag=(); [[ $v == no ]] && flag=(--no-verify)
    t0=$(date +%s%N)
    "$LP" build "$TMP/$kind-$n.md" "${limits[@]}" "${flag[@]}" -o "$TMP/out.pdf"
    echo $((($(date +%s%N) - t0) / 1000000)) >>"$TMP/t.$c"
  done
done
printf '%-30s %10s %14s\n' "case ($RUNS runs, median)" "ms" "ms / 1000 ch"
for c in "${cases[@]}"; do
  IFS=- read -r kind n _ <<<"$c"
  med=$(sort -n "$TMP/t.$c" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  awk -v c="$c" -v m="$med" -v n="$n" 'BEGIN { printf "%-30s %10d %14.2f\n", c, m, m / (n / 1000) }'
done
