#!/usr/bin/env bash
# Benchmark: leafpress serve (the warm process) against a cold `leafpress
# build` of the same card, then the latency of card PDFs and previews under 1
# and 8 concurrent clients, and of two cards on an A4 sheet (the sheets the
# page offers). A benchmark: it prints numbers and asserts none.
#
#   tests/bench/serve.sh [-n ROUNDS] [-m REQUESTS] [-b BINARY]
#
# -n  rounds of the warm-against-cold comparison (default 30): each round runs
#     a warm card PDF, a warm preview and a cold build, one after the other, so
#     a noisy neighbour slows them all alike; medians and minima are printed.
# -m  requests per load case (default 400, 8 at a time for the concurrent ones).
# -b  the leafpress binary (default build/leafpress).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=30 requests=400 lp=build/leafpress
while getopts "n:m:b:" o; do
  case $o in
    n) rounds=$OPTARG ;;
    m) requests=$OPTARG ;;
    b) lp=$OPTARG ;;
    *) exit 2 ;;
  esac
done
[ -x "$lp" ] || { echo "no $lp: build first (tool/build.sh)" >&2; exit 2; }
export LC_ALL=C.UTF-8
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$lp" serve --port 0 -q >"$work/out" 2>"$work/err" &
server=$!
url=
for _ in $(seq 1 300); do
  url=$(sed -n 's/^leafpress serve: the front desk is at \(http[^ ]*\)$/\1/p' "$work/out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve did not start: $(cat "$work/err")" >&2; exit 1; }
csrf=$(curl -sS "$url" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
form=(--data-urlencode "csrf=$csrf" --data lang=de --data-urlencode "name=Jörg Müller"
  --data date=2026-11-30)

card() { curl -sS -o "$work/card.pdf" -w '%{time_total}\n' "${form[@]}" --data kind=card --data do=pdf "${url}card"; }
preview() { curl -sS -o "$work/preview.html" -w '%{time_total}\n' "${form[@]}" --data kind=card --data do=preview "${url}card"; }
cold() {
  "$lp" build text/botox-headache/de.md -l a5-card --set "patient.name=Jörg Müller" \
    --set treatment_date=2026-11-30 -q -o "$work/cold.pdf"
}
ms() { awk '{ printf "%.1f\n", $1 * 1000 }'; }
# median and minimum of a file of numbers
stats() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "median %7.1f ms   min %7.1f ms", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1] }'; }
pct() { sort -g "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }

# ---- warm against cold, taking turns ----
for _ in 1 2 3; do card >/dev/null; preview >/dev/null; cold; done
: >"$work/t.card"; : >"$work/t.preview"; : >"$work/t.cold"; : >"$work/w.card"
for _ in $(seq 1 "$rounds"); do
  t0=$EPOCHREALTIME; card | ms >>"$work/t.card"; t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }' >>"$work/w.card"
  preview | ms >>"$work/t.preview"
  t0=$EPOCHREALTIME; cold; t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }' >>"$work/t.cold"
done
cmp -s "$work/card.pdf" "$work/cold.pdf" && same=yes || same=NO
echo "leafpress serve against a cold leafpress build: A5 card, German, $rounds rounds in turns"
printf '  %-44s %s\n' "warm card PDF (request, as curl times it)" "$(stats "$work/t.card")"
printf '  %-44s %s\n' "warm card PDF (with curl's own start)" "$(stats "$work/w.card")"
printf '  %-44s %s\n' "warm preview (page with both sides as PNG)" "$(stats "$work/t.preview")"
printf '  %-44s %s\n' "cold leafpress build of the same card" "$(stats "$work/t.cold")"
echo "  the served PDF is the same bytes as the build's: $same"

# ---- load: 1 and 8 clients ----
load() { # WHAT CLIENTS [KIND]: KIND as the page sends it (default card; card-a4: two on an A4 sheet)
  local what=$1 n=$2 kind=${3:-card} t0 t1
  t0=$EPOCHREALTIME
  seq 1 "$requests" | xargs -P "$n" -I{} curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' "${form[@]}" \
    --data "kind=$kind" --data "do=$what" "${url}card" >"$work/load"
  t1=$EPOCHREALTIME
  local bad
  bad=$(grep -vc '^200 ' "$work/load" || true)
  awk '{ print $2 * 1000 }' "$work/load" >"$work/lat"
  printf '  %-8s %-7s %d client%s  p50 %7.1f ms  p99 %7.1f ms  %6.1f requests/s  errors %d  server RSS %s\n' "$what" "$kind" "$n" \
    "$([ "$n" = 1 ] && echo " " || echo s)" "$(pct "$work/lat" 50)" "$(pct "$work/lat" 99)" \
    "$(awk -v n="$requests" -v a="$t0" -v b="$t1" 'BEGIN { print n / (b - a) }')" "$bad" \
    "$(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status)"
}
fds0=$(ls /proc/$server/fd | wc -l)
rss0=$(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status)
echo "load: $requests requests a case on $(nproc) cores"
load pdf 1
load preview 1
load pdf 8
load preview 8
load pdf 8
load pdf 1 card-a4
load pdf 8 card-a4
fds1=$(ls /proc/$server/fd | wc -l)
echo "  server: RSS $rss0 before the load, $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status) after (peak $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status)); file descriptors $fds0 before, $fds1 after"
