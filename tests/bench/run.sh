#!/usr/bin/env bash
# Start-up and whole-process benchmark of leafpress against a "floor": the
# cheapest pango/cairo program that writes the same article to a PDF page
# (tests/bench/floor.c). Measures and prints; never fails on a slow result.
#
# Usage: tests/bench/run.sh [-n RUNS] [-r RSS_RUNS] [-b BINARY] [-k]
#   -n RUNS      timed runs of each case (default 30)
#   -r RSS_RUNS  extra runs of each case under /usr/bin/time for peak RSS (default 5)
#   -b BINARY    also time another leafpress (an earlier build) on the leaflet and card, in turns
#   -k           keep the scratch folder (outputs, callgrind files) and print its path
#
# Wall time: each case runs RUNS times, the cases taking turns (round-robin) so
# that a noisy neighbour slows all of them alike, after 3 warm-up runs each. A
# run is timed with bash's $EPOCHREALTIME around the bare command (no fork for
# the clock, no wrapper process). Peak RSS: GNU time's %M (the "Maximum
# resident set size" of `time -v`) over RSS_RUNS separate runs, median.
# Instruction counts: one run of each under valgrind --tool=callgrind, if
# valgrind is installed; they do not depend on the machine's load.
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../.." && pwd)
ARTICLE="$ROOT/text/botox-headache/en.md"
LP="$ROOT/build/leafpress"
NOTO=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf

RUNS=30
RSS_RUNS=5
KEEP=0
BASE=
usage() { sed -n '6,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while getopts ':n:r:b:kh' opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    b) BASE=$OPTARG ;;
    r) RSS_RUNS=$OPTARG ;;
    k) KEEP=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
for v in "$RUNS" "$RSS_RUNS"; do
  if [[ ! $v =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh: run counts must be positive integers, not '$v'" >&2
    exit 2
  fi
done

# --- What the benchmark needs: Debian packages only. ------------------------
missing=()
command -v gcc >/dev/null || missing+=(gcc)
if ! command -v pkg-config >/dev/null; then
  missing+=(pkg-config)
elif ! pkg-config --exists pangocairo; then
  missing+=(libpango1.0-dev)
fi
[[ -x /usr/bin/time ]] || missing+=(time)
[[ -f $NOTO ]] || missing+=(fonts-noto-core)
if [[ ! -x $LP ]]; then
  command -v cmake >/dev/null || missing+=(cmake)
fi
if ((${#missing[@]})); then
  echo "run.sh: missing Debian packages: ${missing[*]}" >&2
  echo "        install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
HAVE_VALGRIND=0
if command -v valgrind >/dev/null; then
  HAVE_VALGRIND=1
else
  echo "run.sh: valgrind is not installed (optional, package valgrind): no instruction counts" >&2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/leafpress-bench.XXXXXX")
if ((KEEP)); then
  trap 'echo "scratch folder kept: $TMP" >&2' EXIT
else
  trap 'rm -rf -- "$TMP"' EXIT
fi
OUT="$TMP/out"
mkdir -p "$OUT"

# --- Build the floor program and, if it is not there, leafpress. ------------
FLOOR="$TMP/floor"
# shellcheck disable=SC2046  # pkg-config's flags are meant to be split
gcc -O2 -Wall -Wextra -o "$FLOOR" "$HERE/floor.c" $(pkg-config --cflags --libs pangocairo)

if [[ ! -x $LP ]]; then
  echo "run.sh: $LP not found; building it with cmake" >&2
  if ! { cmake -S "$ROOT" -B "$ROOT/build" && cmake --build "$ROOT/build" -j2 --target leafpress; } >"$TMP/build.log" 2>&1; then
    tail -n 30 "$TMP/build.log" >&2
    echo "run.sh: building leafpress failed (it needs cmake, libpango1.0-dev, libcmark-dev," >&2
    echo "        libyaml-dev, libqpdf-dev, libhyphen-dev, libhpdf-dev, hyphen-en-us, fonts-noto-core)" >&2
    exit 1
  fi
fi

# --- The cases. ----------------------------------------------------------------
# name|label|reference case for the ratio ("" for none)
CASES=(
  "leaflet|leafpress: A4 leaflet, PDF|floor"
  "noverify|  same, --no-verify (what reading it back costs)|leaflet"
  "nohyph|  same, hyphenation off (ablation)|floor"
  "floor|floor: same article, 1-page PDF|"
  "lp-start|leafpress --version (start-up)|fl-start"
  "fl-start|floor --version (start-up)|"
  "large|leafpress: A4 large print, PDF|floor"
  "haru|leafpress: A4 leaflet, haru writer|leaflet"
  "card|leafpress: A5 card, PDF|"
  "card-nov|  same, --no-verify|card"
  "haru-card|leafpress: A5 card, haru writer|card"
  "png|leafpress: A4 leaflet, PNG 96 dpi|floor"
  "true|/bin/true (process spawn)|"
)
if [[ -n $BASE ]]; then
  CASES+=("base-leaflet|base binary: A4 leaflet, PDF|leaflet" "base-card|base binary: A5 card, PDF|card")
fi
# The ablation: the leaflet layout with hyphenation switched off, to show what
# hyphenation costs (nothing else changes). Dropped if there is nothing to switch.
NOHYPH="$TMP/a4-leaflet-nohyph.yaml"
sed 's/hyphenate: *true/hyphenate: false/g' "$ROOT/layouts/a4-leaflet.yaml" >"$NOHYPH"
HAVE_NOHYPH=1
if cmp -s "$NOHYPH" "$ROOT/layouts/a4-leaflet.yaml"; then
  HAVE_NOHYPH=0
  kept=()
  for c in "${CASES[@]}"; do [[ $c == nohyph\|* ]] || kept+=("$c"); done
  CASES=("${kept[@]}")
fi
# Sets CMD to the argv of case $1.
case_cmd() {
  case $1 in
    leaflet) CMD=("$LP" build "$ARTICLE" --layout a4-leaflet -o "$OUT/leaflet.pdf") ;;
    nohyph) CMD=("$LP" build "$ARTICLE" --layout "$NOHYPH" -o "$OUT/nohyph.pdf") ;;
    noverify) CMD=("$LP" build "$ARTICLE" --layout a4-leaflet --no-verify -o "$OUT/noverify.pdf") ;;
    card-nov) CMD=("$LP" build "$ARTICLE" --layout a5-card --no-verify -o "$OUT/card-nov.pdf") ;;
    base-leaflet) CMD=("$BASE" build "$ARTICLE" --layout a4-leaflet -o "$OUT/base-leaflet.pdf") ;;
    base-card) CMD=("$BASE" build "$ARTICLE" --layout a5-card -o "$OUT/base-card.pdf") ;;
    floor) CMD=("$FLOOR" "$ARTICLE" "$OUT/floor.pdf") ;;
    lp-start) CMD=("$LP" --version) ;;
    fl-start) CMD=("$FLOOR" --version) ;;
    large) CMD=("$LP" build "$ARTICLE" --layout a4-large-print -o "$OUT/large.pdf") ;;
    haru) CMD=("$LP" build "$ARTICLE" --layout a4-leaflet --writer haru -o "$OUT/haru.pdf") ;;
    card) CMD=("$LP" build "$ARTICLE" --layout a5-card -o "$OUT/card.pdf") ;;
    haru-card) CMD=("$LP" build "$ARTICLE" --layout a5-card --writer haru -o "$OUT/haru-card.pdf") ;;
    png) CMD=("$LP" build "$ARTICLE" --layout a4-leaflet --format png --dpi 96 -o "$OUT/proof.png") ;;
    true) CMD=(/bin/true) ;;
  esac
}
field() { local IFS='|' f; read -r -a f <<<"$1"; printf '%s' "${f[$2]:-}"; }
NAMES=()
for c in "${CASES[@]}"; do NAMES+=("$(field "$c" 0)"); done
# 1234567 -> 1,234,567
commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta' <<<"$1"; }

# Runs case $1 once with its output discarded; stops the benchmark if it fails.
run_once() {
  case_cmd "$1"
  if ! "${CMD[@]}" >/dev/null 2>"$TMP/err"; then
    echo "run.sh: this command failed:" >&2
    printf '  %q' "${CMD[@]}" >&2
    echo >&2
    cat "$TMP/err" >&2
    exit 1
  fi
}

# Microseconds since the epoch.
if [[ -n ${EPOCHREALTIME:-} ]]; then
  now_us() { NOW=${EPOCHREALTIME//[.,]/}; }
else # bash < 5: one fork per reading, a constant bias of about 1 ms
  now_us() { NOW=$(($(date +%s%N) / 1000)); }
fi

echo "leafpress bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $RUNS timed runs per case"
echo "  article: ${ARTICLE#"$ROOT"/}; leafpress: ${LP#"$ROOT"/} ($("$LP" --version))"

for name in "${NAMES[@]}"; do
  : >"$TMP/t.$name"
  for _ in 1 2 3; do run_once "$name"; done
done

printf '  timing' >&2
for ((i = 1; i <= RUNS; i++)); do
  for name in "${NAMES[@]}"; do
    case_cmd "$name"
    now_us; t0=$NOW
    if ! "${CMD[@]}" >/dev/null 2>"$TMP/err"; then run_once "$name"; fi
    now_us
    echo $((NOW - t0)) >>"$TMP/t.$name"
  done
  ((i % 5)) || printf '.' >&2
done
echo >&2

printf '  peak RSS' >&2
for name in "${NAMES[@]}"; do
  case_cmd "$name"
  : >"$TMP/m.$name"
  for ((i = 1; i <= RSS_RUNS; i++)); do
    /usr/bin/time -f '%e %M' -o "$TMP/rss" "${CMD[@]}" >/dev/null 2>"$TMP/err" || run_once "$name"
    awk 'END { print $2 }' "$TMP/rss" >>"$TMP/m.$name"
  done
  printf '.' >&2
done
echo >&2

# median and min of a file of numbers, divided by $2
stats() {
  sort -n "$1" | awk -v d="$2" '{ v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%.2f %.2f\n", m / d, v[1] / d }'
}
declare -A MED MIN RSS
for name in "${NAMES[@]}"; do
  read -r med min < <(stats "$TMP/t.$name" 1000)
  read -r rss _ < <(stats "$TMP/m.$name" 1024)
  MED[$name]=$med MIN[$name]=$min RSS[$name]=$rss
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }

echo
printf '%-36s %9s %9s %10s  %s\n' "case" "median ms" "min ms" "RSS MB" "ratio time / RSS"
printf '%-36s %9s %9s %10s  %s\n' "----" "---------" "------" "------" "----------------"
for c in "${CASES[@]}"; do
  name=$(field "$c" 0) label=$(field "$c" 1) ref=$(field "$c" 2)
  r=""
  if [[ -n $ref ]]; then
    r="$(ratio "${MED[$name]}" "${MED[$ref]}") / $(ratio "${RSS[$name]}" "${RSS[$ref]}") of $ref"
  fi
  printf '%-36s %9.1f %9.1f %10.1f  %s\n' "$label" "${MED[$name]}" "${MIN[$name]}" "${RSS[$name]}" "$r"
done
echo
echo "File sizes (the haru writer against the cairo writer; aim: at most 3x):"
for pair in "leaflet haru" "card haru-card"; do
  read -r a b <<<"$pair"
  sa=$(stat -c %s "$OUT/$a.pdf") sb=$(stat -c %s "$OUT/$b.pdf")
  printf '  %-10s cairo %8s bytes   haru %8s bytes   %s\n' "$a" "$(commas "$sa")" "$(commas "$sb")" "$(ratio "$sb" "$sa")"
done
echo
echo "Aim (our issue): the leaflet within 1.3x of the floor, and under 40 MB."
awk -v t="${MED[leaflet]}" -v f="${MED[floor]}" -v m="${RSS[leaflet]}" 'BEGIN {
  printf "  time: %.2fx the floor (%s)\n", t / f, (t <= 1.3 * f) ? "within the aim" : "not yet"
  printf "  RSS:  %.1f MB (%s)\n", m, (m < 40) ? "under 40 MB" : "over 40 MB" }'

# --- Instruction counts (callgrind). --------------------------------------------
if ((HAVE_VALGRIND)); then
  echo
  echo "Instructions executed (valgrind --tool=callgrind, one run each; all threads):"
  declare -A IR
  printf '  (callgrind runs' >&2
  for name in leaflet nohyph floor lp-start fl-start png; do
    if [[ $name == nohyph ]] && ((!HAVE_NOHYPH)); then continue; fi
    printf ' %s' "$name" >&2
    case_cmd "$name"
    if ! valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.$name" "${CMD[@]}" \
      >/dev/null 2>"$TMP/cg.$name.log"; then
      echo "run.sh: callgrind run of $name failed:" >&2
      tail -n 20 "$TMP/cg.$name.log" >&2
      exit 1
    fi
    IR[$name]=$(awk -F': *' '/^(summary|totals):/ { print $2; exit }' "$TMP/cg.$name")
  done
  echo ')' >&2
  printf '  %-34s %14s\n' "leafpress: A4 leaflet, PDF" "$(commas "${IR[leaflet]}")"
  if [[ -n ${IR[nohyph]:-} ]]; then
    printf '  %-34s %14s\n' "  same, hyphenation off" "$(commas "${IR[nohyph]}")"
  fi
  printf '  %-34s %14s   leafpress / floor = %s\n' "floor: same article" "$(commas "${IR[floor]}")" \
    "$(ratio "${IR[leaflet]}" "${IR[floor]}")"
  printf '  %-34s %14s\n' "leafpress --version" "$(commas "${IR[lp-start]}")"
  printf '  %-34s %14s   leafpress / floor = %s\n' "floor --version" "$(commas "${IR[fl-start]}")" \
    "$(ratio "${IR[lp-start]}" "${IR[fl-start]}")"
  printf '  %-34s %14s   / floor = %s\n' "leafpress: A4 leaflet, PNG 96 dpi" "$(commas "${IR[png]}")" \
    "$(ratio "${IR[png]}" "${IR[floor]}")"

  # Self cost per shared object, read from the callgrind file itself: a cost
  # line counts for the current ob= unless it follows calls= (that one is the
  # callee's inclusive cost).
  by_object() {
    awk '
      /^ob=/ { s = substr($0, 4); if (match(s, /^\([0-9]+\)/)) { id = substr(s, 2, RLENGTH - 2); rest = substr(s, RLENGTH + 2)
                 if (rest != "") name[id] = rest; cur = name[id] } else cur = s; next }
      /^cob=/ { s = substr($0, 5); if (match(s, /^\([0-9]+\)/)) { id = substr(s, 2, RLENGTH - 2); rest = substr(s, RLENGTH + 2)
                 if (rest != "") name[id] = rest }; next }
      /^calls=/ { skip = 1; next }
      /^[0-9+*-]/ { if (skip) { skip = 0; next } self[cur] += $2; total += $2; next }
      END { for (o in self) { n = o; sub(/.*\//, "", n); sub(/\.so[.0-9]*$/, ".so", n)
              printf "%.0f %s\n", self[o], n } }' "$1" | sort -rn | head -n "$2" |
      while read -r n obj; do
        printf '    %-28s %14s %5.1f%%\n' "$obj" "$(commas "$n")" "$(awk -v a="$n" -v b="$3" 'BEGIN { print 100 * a / b }')"
      done
  }
  echo
  echo "  leafpress leaflet, instructions by shared object (self cost, top 12):"
  by_object "$TMP/cg.leaflet" 12 "${IR[leaflet]}"
  echo "  floor, instructions by shared object (self cost, top 8):"
  by_object "$TMP/cg.floor" 8 "${IR[floor]}"

  # Inclusive cost of named stages; a name that no longer exists shows "-".
  if command -v callgrind_annotate >/dev/null && callgrind_annotate --inclusive=yes --threshold=100 \
    "$TMP/cg.leaflet" >"$TMP/cg.leaflet.txt" 2>/dev/null &&
    callgrind_annotate --inclusive=yes --threshold=100 "$TMP/cg.floor" >"$TMP/cg.floor.txt" 2>/dev/null; then
    stage() { # file total function label
      local n
      n=$(grep -E ":$3( \[|\$)" "$1" | awk '{ gsub(",", "", $1); if ($1 + 0 > m) m = $1 + 0 } END { print m + 0 }')
      if ((n > 0)); then
        printf '    %-48s %14s %5.1f%%\n' "$4" "$(commas "$n")" "$(awk -v a="$n" -v b="$2" 'BEGIN { print 100 * a / b }')"
      else
        printf '    %-48s %14s\n' "$4" "-"
      fi
    }
    L="$TMP/cg.leaflet.txt" T=${IR[leaflet]}
    echo
    echo "  leafpress leaflet, inclusive instructions of its stages (they overlap):"
    stage "$L" "$T" _dl_start "load + relocate libraries (_dl_start)"
    stage "$L" "$T" _dl_init "library constructors (_dl_init)"
    stage "$L" "$T" lp_fonts_new "private fontconfig (lp_fonts_new)"
    stage "$L" "$T" lp_layout_run "layout, all (lp_layout_run)"
    stage "$L" "$T" hnj_hyphen_load "  of which: hyphenation dictionary load"
    stage "$L" "$T" pango_shape_item "  of which: shaping (pango_shape_item)"
    stage "$L" "$T" lp_write_cairo "cairo PDF writing (lp_write_cairo)"
    stage "$L" "$T" lp_finish_pdf "qpdf finishing (lp_finish_pdf)"
    stage "$L" "$T" start_thread "all work on helper threads (start_thread)"
    if callgrind_annotate --inclusive=yes --threshold=100 "$TMP/cg.png" >"$TMP/cg.png.txt" 2>/dev/null; then
      P="$TMP/cg.png.txt" T=${IR[png]}
      echo "  leafpress PNG proofs, inclusive instructions of its stages:"
      stage "$P" "$T" lp_layout_run "layout, all (lp_layout_run)"
      stage "$P" "$T" lp_write_cairo "cairo writing (lp_write_cairo)"
      stage "$P" "$T" cairo_surface_write_to_png_stream "  of which: PNG encoding (libpng + zlib)"
      stage "$P" "$T" deflate "    of which: zlib deflate"
    fi
    F="$TMP/cg.floor.txt" T=${IR[floor]}
    echo "  floor, inclusive instructions of its stages:"
    stage "$F" "$T" _dl_start "load + relocate libraries (_dl_start)"
    stage "$F" "$T" FcInit "system fontconfig (FcInit)"
    stage "$F" "$T" FcFontSetSort "font sorting (FcFontSetSort)"
    stage "$F" "$T" pango_shape_item "shaping (pango_shape_item)"
    stage "$F" "$T" cairo_show_page "cairo PDF page + fonts (cairo_show_page)"
    stage "$F" "$T" cairo_surface_finish "cairo PDF finish (cairo_surface_finish)"
  else
    echo "  (callgrind_annotate did not run: no breakdown by stage; it needs perl)"
  fi
fi
