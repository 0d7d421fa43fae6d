#!/bin/bash
# tests/guard.sh [COMMIT] — proves that a change of the code changes no output.
#
# Builds leafpress at COMMIT (default HEAD) in a scratch worktree and at the
# working tree, makes every bundled output with each (every language, layout
# and writer; PNG and SVG proofs; --bleed --crop-marks; --pdfa; the second
# article; a card with a treatment date; a mail merge of 20 rows with
# --merge), all from the working tree's inputs, and compares the two sets of
# files byte for byte (all but the up-to-date stamps, which name the
# binary's build ID). Prints the count and exits 1 on a difference.
# For refactors: a change that means to change output will fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
base=${1:-HEAD}
export LC_ALL=C.UTF-8 TZ=UTC
unset SOURCE_DATE_EPOCH

scratch=$(mktemp -d)
cleanup() {
  git -C "$root" worktree remove --force "$scratch/base" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "guard: building $base"
git worktree add -q --detach "$scratch/base" "$base"
cmake -S "$scratch/base" -B "$scratch/base-build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$scratch/base-build" -j "$(nproc)" --target leafpress >/dev/null
echo "guard: building the working tree"
cmake -S . -B "$scratch/tree-build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$scratch/tree-build" -j "$(nproc)" --target leafpress >/dev/null

# outputs BINARY DIR: every output the guard compares, from the working
# tree's project.
outputs() {
  local lp=$1 d=$2 md lang layout
  mkdir -p "$d"
  for md in text/botox-headache/*.md tests/data/articles/wound-care/en.md; do
    lang=$(basename "$md" .md)
    [ "$md" = tests/data/articles/wound-care/en.md ] && lang=wound-en
    for layout in a4-leaflet a4-large-print a5-card; do
      [ "$lang" = wound-en ] && [ "$layout" = a5-card ] && continue
      "$lp" build "$md" --project "$root" -q -l "$layout" -f pdf,png,svg -o "$d/$lang-$layout.pdf"
      "$lp" build "$md" --project "$root" -q -l "$layout" -w haru -o "$d/$lang-$layout-haru.pdf"
      "$lp" build "$md" --project "$root" -q -l "$layout" --bleed --crop-marks -o "$d/$lang-$layout-marks.pdf"
      "$lp" build "$md" --project "$root" -q -l "$layout" -w haru --cmyk --bleed -o "$d/$lang-$layout-cmyk.pdf"
      "$lp" build "$md" --project "$root" -q -l "$layout" --pdfa -o "$d/$lang-$layout-pdfa.pdf"
    done
  done
  "$lp" build text/botox-headache/en.md --project "$root" -q -l a5-card --set treatment_date=2026-02-27 \
    --set patient.name="Jane Doe" -o "$d/en-card-dated.pdf"
  {
    echo "patient.name,treatment_date,lang"
    local i langs=(en de fr es tr ru ar)
    for i in $(seq 1 20); do
      echo "Patient $i,2026-11-$(printf %02d "$i"),${langs[$((i % 7))]}"
    done
  } >"$d/rows.csv"
  "$lp" batch text/botox-headache --project "$root" -q -l a5-card --data "$d/rows.csv" -j 2 \
    -o "$d/merge/{lang}/{patient.name}.{format}" --merge "$d/merge.pdf"
}

outputs "$scratch/base-build/leafpress" "$scratch/out-base"
outputs "$scratch/tree-build/leafpress" "$scratch/out-tree"

# Up-to-date stamps name the binary's build ID: they differ by design.
find "$scratch/out-base" "$scratch/out-tree" -name '.*.lpstamp' -delete
n=$(find "$scratch/out-base" -type f | wc -l)
if diff -r -q "$scratch/out-base" "$scratch/out-tree"; then
  echo "guard: $n files, byte-identical between $base ($(git rev-parse --short "$base")) and the working tree"
else
  echo "guard: outputs differ between $base and the working tree ($n files at $base)" >&2
  exit 1
fi
