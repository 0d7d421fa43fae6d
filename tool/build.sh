#!/bin/sh
# The main command: installs what is missing, builds leafpress into build/, and
# produces every bundled output with a PNG proof of each page:
#   out/<article>/<lang>/<layout>.pdf  and  out/<article>/<lang>/<layout>-<page>.png
set -eu
cd "$(dirname "$0")/.."
. tool/deps.sh
lp_need build

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"

n=0
for article in text/*/; do
  for md in "$article"*.md; do
    [ -e "$md" ] || continue
    id=$(basename "$article")
    lang=$(basename "$md" .md)
    for layout in layouts/*.yaml; do
      name=$(basename "$layout" .yaml)
      build/leafpress build "$md" --layout "$name" --format pdf,png -o "out/$id/$lang/$name.pdf"
      echo "out/$id/$lang/$name.pdf"
      n=$((n + 1))
    done
  done
done
echo "$n outputs in out/"
