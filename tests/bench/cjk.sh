#!/usr/bin/env bash
# cairo 1.16's PDF surface and Noto Sans CJK (fonts-noto-cjk), measured with
# tests/bench/cjk.c: for each face (the font file; a HarfBuzz subset with glyph
# ids kept; the same without subroutines) and two samples (about 600 glyphs;
# about 4800 with every 5th Han character of U+4E00-9FFF), the glyphs poppler
# draws without ink or otherwise than cairo, MuPDF's warnings
# (`mutool draw -o /dev/null`), the time to make the faces and to write, and the
# file size. Measures and prints; never fails on a result.
#
# Usage: tests/bench/cjk.sh [-k]    (-k keeps the scratch folder and prints it)
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
KEEP=0
[ "${1:-}" = -k ] && KEEP=1
TMP=$(mktemp -d)
[ $KEEP = 1 ] || trap 'rm -rf "$TMP"' EXIT
gcc -O2 -Wall -o "$TMP/cjk" "$HERE/cjk.c" $(pkg-config --cflags --libs pangocairo pangoft2 cairo-pdf cairo-ft \
  poppler-glib harfbuzz harfbuzz-subset freetype2 fontconfig) -lm
for step in 0 5; do
  for face in font subset desubr; do
    out="$TMP/$face-$step.pdf"
    line=$("$TMP/cjk" --face "$face" --han-step "$step" "$out")
    warn=$(mutool draw -o /dev/null "$out" 2>&1 | grep -v 'ICC support' | grep -c '^warning' || true)
    echo "$line; MuPDF warnings: $warn"
  done
done
[ $KEEP = 1 ] && echo "kept: $TMP"
exit 0
