#!/bin/sh
# The main command: installs what is missing, builds leafpress into build/, and
# produces every bundled output (leafpress.yaml) with a PNG proof of each page:
#   out/<article>/<lang>/<layout>.pdf  and  out/<article>/<lang>/<layout>-<page>.png
# Outputs whose inputs have not changed are kept as they are.
set -eu
cd "$(dirname "$0")/.."
. tool/deps.sh
lp_need build

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"

# Every article × language × layout that leafpress.yaml lists, in one process.
build/leafpress batch
