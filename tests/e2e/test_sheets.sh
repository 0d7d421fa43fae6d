# Cards on office sheets (docs/printing.md): an A5 card two to an A4 sheet and
# an A6 card four, fronts on one side and each back behind its front for the
# duplex mode (default and the other), a mail merge's rows in order with the
# last sheet partly empty, cut marks that never touch a card or its bleed
# (pixels), both writers, proofs, --cmyk, --pdfa, and the read-back
# verification on the sheets.
. "$(dirname "$0")/lib.sh"

article="$SRC/text/botox-headache/en.md"

# sizes PDF: "W H" of every page, rounded to the point
sizes() {
  pdfinfo -f 1 -l 999 "$1" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p' |
    awk '{ printf "%.0f %.0f\n", $1, $2 }' | sort -u
}

# crop PDF PAGE X Y W H: the text inside a box of the page (pt)
crop() {
  local x y w h
  read -r x y w h <<<"$(printf '%.0f %.0f %.0f %.0f' "$3" "$4" "$5" "$6")"
  pdftotext -r 72 -f "$2" -l "$2" -x "$x" -y "$y" -W "$w" -H "$h" "$1" - | tr '\n' ' ' | tr -s ' '
}

# centre PDF PAGE WORD: "x y" of the middle of the first word WORD on the page
centre() {
  pdftotext -f "$2" -l "$2" -bbox "$1" - |
    awk -v w="$3" -F'"' '$0 ~ ">" w "</word>" { printf "%.1f %.1f\n", ($2 + $6) / 2, ($4 + $8) / 2; exit }'
}

# --- A5 on A4: two up, landscape, each half a whole card ---------------------
"$LP" build "$article" -l a5-card --sheet a4 -o "$T/a5.pdf" -f pdf,png,svg
expect_eq "A5 on A4: sides" 2 "$(pdf_field "$T/a5.pdf" Pages)"
expect_eq "A5 on A4: size" "842 595" "$(sizes "$T/a5.pdf")"
for half in 0 421; do
  crop "$T/a5.pdf" 1 $half 0 421 595 >"$T/front"
  expect_contains "A5 front half at $half" "After your Botox treatment" "$T/front"
  expect_contains "A5 front half at $half" "+00 000 000 000" "$T/front"
  crop "$T/a5.pdf" 2 $half 0 421 595 >"$T/back"
  expect_contains "A5 back half at $half" "When headache can occur after Botox" "$T/back"
done
for p in 1 2; do
  [ -s "$T/a5-$p.png" ] && [ -s "$T/a5-$p.svg" ] || fail "the proofs of side $p are missing"
done
expect_eq "PNG proof size" "PNG image data, 1123 x 794" "$(file -b "$T/a5-1.png" | cut -d, -f1-2)"

# --- A6 on A4: four up, portrait ---------------------------------------------
"$LP" build "$article" -l a6-card --sheet a4 -o "$T/a6.pdf"
expect_eq "A6 on A4: sides" 2 "$(pdf_field "$T/a6.pdf" Pages)"
expect_eq "A6 on A4: size" "595 842" "$(sizes "$T/a6.pdf")"
for x in 0 298; do
  for y in 0 421; do
    expect_contains "A6 quarter at $x,$y" "After your Botox treatment" <(crop "$T/a6.pdf" 1 $x $y 297 421; echo)
    expect_contains "A6 back quarter at $x,$y" "When headache can occur after Botox" <(crop "$T/a6.pdf" 2 $x $y 297 421; echo)
  done
done

# --- errors -------------------------------------------------------------------
run_status "$T/out" "$T/err" "$LP" build "$article" -l a5-card --sheet a44 -o "$T/x.pdf"
expect_eq "unknown sheet: exit" 2 "$status"
expect_contains "unknown sheet" "did you mean 'a4'?" "$T/err"
run_status "$T/out" "$T/err" "$LP" build "$article" -l a5-card --sheet a4 --duplex lung -o "$T/x.pdf"
expect_eq "unknown duplex: exit" 2 "$status"
expect_contains "unknown duplex" "did you mean 'long'?" "$T/err"
run_status "$T/out" "$T/err" "$LP" build "$article" -l a5-card --duplex long -o "$T/x.pdf"
expect_eq "--duplex without --sheet: exit" 2 "$status"
run_status "$T/out" "$T/err" "$LP" build "$article" -l a4-leaflet --sheet a5 -o "$T/x.pdf"
expect_eq "A4 on A5: exit" 2 "$status"
expect_contains "A4 on A5" "does not fit" "$T/err"

# --- a mail merge on sheets: rows in order, backs behind fronts ----------------
printf 'patient.name,treatment_date\n' >"$T/day.csv"
names=(Lovelace Babbage Hopper Turing Noether)
days=(02 09 16 23 30)
for i in 0 1 2 3 4; do printf 'Ada %s,2026-03-%s\n' "${names[$i]}" "${days[$i]}" >>"$T/day.csv"; done
# the back's own date: the tick under "Day 1", the day after the treatment
day1=("Mar 3" "Mar 10" "Mar 17" "Mar 24" "Mar 31")

# check_merge PDF CELL_W CELL_H SHEET_W SHEET_H PER_SHEET MIRROR(x|y)
check_merge() {
  local pdf=$1 cw=$2 ch=$3 sw=$4 sh=$5 per=$6 mirror=$7 i
  local sides=$(((5 + per - 1) / per * 2))
  expect_eq "$pdf: sides" "$sides" "$(pdf_field "$pdf" Pages)"
  for i in 0 1 2 3 4; do
    local sheet=$((i / per)) front back fx fy bx by
    front=$((sheet * 2 + 1))
    back=$((front + 1))
    read -r fx fy <<<"$(centre "$pdf" $front "${names[$i]}")"
    [ -n "$fx" ] || fail "$pdf: ${names[$i]} is not on side $front"
    # The row's slot in reading order on the front.
    local col=$(awk -v x="$fx" -v w="$cw" -v W="$sw" 'BEGIN { n = int(W / w); off = (W - n * w) / 2; print int((x - off) / w) }')
    local row=$(awk -v y="$fy" -v h="$ch" -v H="$sh" 'BEGIN { n = int(H / h); off = (H - n * h) / 2; print int((y - off) / h) }')
    local cols=$(awk -v w="$cw" -v W="$sw" 'BEGIN { print int(W / w) }')
    expect_eq "$pdf: ${names[$i]}'s slot" $((i % per)) $((row * cols + col))
    # The back: the row's own tick date lies in the mirrored cell.
    crop "$pdf" $back 0 0 "$sw" "$sh" >"$T/back-all"
    local bw bh
    if [ "$mirror" = x ]; then
      bx=$(awk -v x="$fx" -v W="$sw" 'BEGIN { print W - x }')
      by=$fy
    else
      bx=$fx
      by=$(awk -v y="$fy" -v H="$sh" 'BEGIN { print H - y }')
    fi
    local x0=$(awk -v c="$bx" -v w="$cw" -v W="$sw" 'BEGIN { n = int(W / w); off = (W - n * w) / 2; printf "%d", off + int((c - off) / w) * w }')
    local y0=$(awk -v c="$by" -v h="$ch" -v H="$sh" 'BEGIN { n = int(H / h); off = (H - n * h) / 2; printf "%d", off + int((c - off) / h) * h }')
    crop "$pdf" $back "$x0" "$y0" "$cw" "$ch" >"$T/behind"
    expect_contains "$pdf: the back behind ${names[$i]}'s front" "${day1[$i]}" "$T/behind"
    local j
    for j in 0 1 2 3 4; do
      [ $j = $i ] || ! grep -qF "${day1[$j]} " "$T/behind" || fail "$pdf: ${day1[$j]} (row $((j + 1))) behind row $((i + 1))'s front"
    done
  done
}

"$LP" batch "$article" -l a5-card --data "$T/day.csv" --sheet a4 --merge "$T/day-a5.pdf" -o "$T/rows/{row}.{format}" -q
check_merge "$T/day-a5.pdf" 419.53 595.28 841.89 595.28 2 x
expect_eq "rows' own files are plain cards" "420 595" "$(sizes "$T/rows/1.pdf")"
# The last sheet: one card; its other half is blank on both sides (no marks).
[ -z "$(crop "$T/day-a5.pdf" 5 421 0 421 595 | tr -d ' \f')" ] || fail "the empty half of the last front has text"
pdftoppm -r 20 -f 5 -l 6 -png "$T/day-a5.pdf" "$T/last"
expect_eq "empty half of the last front" 0.0000 "$("$LP_PIXELS" "$T/last-5.png" 118 0 115 165 | cut -d' ' -f1)"
expect_eq "empty half of the last back" 0.0000 "$("$LP_PIXELS" "$T/last-6.png" 0 0 115 165 | cut -d' ' -f1)"

"$LP" batch "$article" -l a5-card --data "$T/day.csv" --sheet a4 --duplex long --merge "$T/day-a5-long.pdf" \
  -o "$T/rows/{row}.{format}" -q
check_merge "$T/day-a5-long.pdf" 419.53 595.28 841.89 595.28 2 y

"$LP" batch "$article" -l a6-card --data "$T/day.csv" --sheet a4 --merge "$T/day-a6.pdf" -o "$T/rows6/{row}.{format}" -q
check_merge "$T/day-a6.pdf" 297.64 419.53 595.28 841.89 4 x
"$LP" batch "$article" -l a6-card --data "$T/day.csv" --sheet a4 --duplex short --merge "$T/day-a6-short.pdf" \
  -o "$T/rows6/{row}.{format}" -q
check_merge "$T/day-a6-short.pdf" 297.64 419.53 595.28 841.89 4 y

# --- marks and bleed: A5 on SRA4 has room for both ------------------------------
# SRA4 is 320 x 225 mm; two A5 cards leave 24 mm across, shared by the gap and
# the margins (8 mm each) and 15 mm down (7.5 mm margins); each card keeps its
# 3 mm bleed.
"$LP" build "$article" -l a5-card --sheet sra4 --crop-marks -o "$T/marks.pdf"
"$LP" build "$article" -l a5-card --sheet sra4 --crop-marks --writer haru --cmyk -o "$T/marks-haru.pdf"
"$LP" build "$article" -l a5-card --sheet sra4 --crop-marks --pdfa -o "$T/marks-pdfa.pdf"
for pdf in "$T/marks.pdf" "$T/marks-haru.pdf" "$T/marks-pdfa.pdf"; do
  expect_eq "$pdf: size" "907 638" "$(sizes "$pdf")"
  qpdf --check "$pdf" >/dev/null || fail "qpdf --check $pdf"
  pdftoppm -r 150 -f 1 -l 2 "$pdf" "$T/m"
  python3 - "$T/m-1.ppm" "$T/m-2.ppm" <<'PY' || fail "$pdf: marks"
import sys
mm = 150 / 25.4
def read(path):
    data = open(path, 'rb').read()
    parts = data.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4]
for path in sys.argv[1:]:
    w, h, px = read(path)
    def ink(x, y):
        o = (y * w + x) * 3
        return min(px[o], px[o + 1], px[o + 2]) < 160
    # The cards' boxes, trim plus bleed, in pixels.
    boxes = [(8 - 3, 7.5 - 3, 8 + 148 + 3, 7.5 + 210 + 3), (8 + 148 + 8 - 3, 7.5 - 3, 8 + 296 + 8 + 3, 7.5 + 210 + 3)]
    boxes = [tuple(round(v * mm) for v in b) for b in boxes]
    # Marks in the top margin, above the cards and the gap between them.
    outside = 0
    for y in range(0, boxes[0][1] - 1):
        for x in range(w):
            if ink(x, y):
                outside += 1
    if outside < 20:
        sys.exit(f"{path}: {outside} pixels of marks outside the cards: expected some")
    # A ring 1 to 3 px outside each card's bleed is bare: no mark reaches a card.
    for b in boxes:
        for d in (2, 3):
            for x in range(b[0] - d, b[2] + d + 1):
                for y in (b[1] - d, b[3] + d):
                    if 0 <= y < h and ink(x, y):
                        sys.exit(f"{path}: ink at {x},{y}, {d} px from a card's bleed")
            for y in range(b[1] - d, b[3] + d + 1):
                for x in (b[0] - d, b[2] + d):
                    if ink(x, y):
                        sys.exit(f"{path}: ink at {x},{y}, {d} px from a card's bleed")
    # Each card's bleed shows on the front: the band's colour 2 mm above its trim.
    for b in boxes if path.endswith('-1.ppm') else []:
        x, y = (b[0] + b[2]) // 2, round((7.5 - 2) * mm)
        if not ink(x, y):
            sys.exit(f"{path}: no bleed above a card at {x},{y}")
    # Between the cards, the gap's middle is paper: the bleeds do not meet.
    mid = round(160 * mm)
    for y in range(round(20 * mm), round(200 * mm)):
        if ink(mid, y):
            sys.exit(f"{path}: ink in the middle of the gap at {mid},{y}")
PY
done
pdfinfo "$T/marks-pdfa.pdf" >/dev/null
pdffonts "$T/marks-haru.pdf" | tail -n +3 | awk '$(NF-4) != "yes" { exit 1 }' || fail "haru: a font is not embedded"
# A5 on A4 fills the sheet: no room for a mark, and both writers still write it.
# The bleed and marks asked for and not printed are told.
for w in cairo haru; do
  "$LP" build "$article" -l a5-card --sheet a4 --crop-marks --writer $w -o "$T/full-$w.pdf" 2>"$T/full-err"
  expect_eq "A5 on A4 with marks ($w)" 2 "$(pdf_field "$T/full-$w.pdf" Pages)"
  expect_contains "no room for the bleed" "each keeps 0.0 mm of its 3.0 mm bleed" "$T/full-err"
  expect_contains "no room for marks" "there is no room for a crop mark" "$T/full-err"
done
"$LP" build "$article" -l a5-card --sheet sra4 --crop-marks -o "$T/x.pdf" 2>"$T/sra-err"
[ ! -s "$T/sra-err" ] || fail "SRA4 has room for the bleed and marks, yet: $(cat "$T/sra-err")"
