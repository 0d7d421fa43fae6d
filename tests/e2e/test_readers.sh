#!/bin/bash
# Three independent readers find every sentence of every translation of the
# bundled article, from both writers: poppler (pdftotext), MuPDF (mutool draw
# -F txt) and pdf.js (pdfjs-dist under Node.js), compared after Unicode NFC
# and nothing else (sentences --exact). What a reader gets wrong that the PDF
# cannot mend is a known difference (docs/translations.md, "Readers"): it is
# reported as such, never counted as found, and a sentence that no known
# difference of that reader explains fails the test.
#
# Cost: the leaflet alone, one process per reader per PDF (one Node.js for
# all of pdf.js's), whatever number of languages text/botox-headache/ holds.
source "$(dirname "$0")/lib.sh"
: "${LP_SENTENCES:?}" "${LP_BUILD_DIR:?}"

# ---- the sentence finder itself ----
# A spaced en dash at a line end keeps its space; one attached to its word
# joins (a range, a compound), like a hard hyphen.
printf 'Rest a day – and drink water.\nWeeks 1–2 are the worst.\n' >"$T/dash.txt"
printf 'Rest a day –\nand drink water. Weeks 1–\n2 are the worst.\n' >"$T/dash.pdf.txt"
"$LP_SENTENCES" "$T/dash.txt" "$T/dash.pdf.txt" >"$T/dash.out" 2>&1 || fail "line-ending en dash: $(cat "$T/dash.out")"
printf 'Rest a day –and drink water.\n' >"$T/dash-wrong.pdf.txt"
! "$LP_SENTENCES" "$T/dash.txt" "$T/dash-wrong.pdf.txt" >/dev/null 2>&1 || fail "sentences joined a spaced dash"
# --exact forgives white space and Unicode composition only: a decomposed
# "é" is found, a soft hyphen at a line end is not, unless named known.
printf 'Le café est prêt.\n' >"$T/nfc.txt"
printf 'Le cafe\xcc\x81\n  est pre\xcc\x82t.\n' >"$T/nfc.pdf.txt"
"$LP_SENTENCES" --exact "$T/nfc.txt" "$T/nfc.pdf.txt" >/dev/null 2>&1 || fail "--exact: NFC not applied"
printf 'A long explanation follows.\n' >"$T/hy.txt"
printf 'A long expla\xc2\xad\nnation follows.\n' >"$T/hy.pdf.txt"
! "$LP_SENTENCES" --exact "$T/hy.txt" "$T/hy.pdf.txt" >/dev/null 2>&1 || fail "--exact forgave a hyphenated line end"
"$LP_SENTENCES" --exact --known=hyphen "$T/hy.txt" "$T/hy.pdf.txt" >"$T/hy.out" 2>&1 ||
  fail "--known=hyphen: $(cat "$T/hy.out")"
expect_contains "a known difference is reported as one" "0 sentences found, 1 known differences, 0 missing" "$T/hy.out"
printf 'A long explanation\n' >"$T/hy-wrong.pdf.txt"
! "$LP_SENTENCES" --exact --known=hyphen "$T/hy.txt" "$T/hy-wrong.pdf.txt" >/dev/null 2>&1 ||
  fail "--known=hyphen found a sentence that is not there"

# ---- the readers ----
PDFJS_HOME="$LP_BUILD_DIR/test-clients"
if [ ! -f "$PDFJS_HOME/node_modules/pdfjs-dist/package.json" ]; then
  command -v npm >/dev/null || fail "pdf.js needs npm: tool/deps.sh's test step installs it (. tool/deps.sh; lp_need test)"
  (. "$SRC/tool/deps.sh" && lp_need_pdfjs "$PDFJS_HOME") || fail "could not install pdf.js (pdfjs-dist) into $PDFJS_HOME"
fi
PDFJS="$PDFJS_HOME/node_modules/pdfjs-dist"

# What each reader gets wrong (sentences --known; docs/translations.md,
# "Readers", has the table with examples). Right-to-left languages add theirs.
known_for() { # READER WRITER RTL(0|1)
  local k
  case $1 in
  poppler) k=hyphen,order ;;     # drops a hard hyphen at a line end ("BotoxInduced"); footers between columns
  mupdf | pdfjs) k=hyphen ;;     # no ActualText: a hyphenated word reads as two
  esac
  if [ "$3" = 1 ]; then
    case $1 in
    poppler) k=$k,bidi-controls,rtl-punct,rtl-words ;;
    mupdf) k=$k,rtl-words ;;
    pdfjs) k=$k,rtl-space,rtl-words ;;
    esac
    # cairo writes a right-to-left ligature's letters as ActualText, which
    # MuPDF 1.21 and pdf.js 4.8 do not read: they take its presentation form
    # from the ToUnicode map (the haru writer's arrangement reads right).
    [ "$2" = cairo ] && [ "$1" != poppler ] && k=$k,rtl-ligature
  fi
  echo "$k"
}

mkdir -p "$T/pdf"
langs=()
for md in "$SRC"/text/botox-headache/*.md; do
  lang=$(basename "$md" .md)
  langs+=("$lang")
  for w in cairo haru; do
    run_status "$T/pdf/$lang-$w.out" "$T/pdf/$lang-$w.err" \
      "$LP" build "$md" --writer "$w" -q --no-verify -o "$T/pdf/$lang-$w.pdf"
    if [ "$status" -ne 0 ]; then
      # The one refusal a writer may give: haru and a CFF font, before anything is written.
      if [ "$w" = haru ] && [ "$status" = 2 ] && grep -q "the haru writer cannot embed .*CFF outlines.*use the cairo writer" "$T/pdf/$lang-$w.err"; then
        [ ! -e "$T/pdf/$lang-$w.pdf" ] || fail "$lang: haru refused but wrote a file"
        echo "$lang haru: refused ($(sed 's/.*cannot embed \([^(]*\)(.*/\1/' "$T/pdf/$lang-$w.err"))"
        continue
      fi
      fail "$lang: the $w writer failed ($status): $(cat "$T/pdf/$lang-$w.err")"
    fi
    pdftotext -enc UTF-8 "$T/pdf/$lang-$w.pdf" "$T/pdf/$lang-$w.poppler.txt"
    mutool draw -q -F txt -o "$T/pdf/$lang-$w.mupdf.txt" "$T/pdf/$lang-$w.pdf" 2>/dev/null
  done
done
pdfs=("$T"/pdf/*.pdf)
node "$SRC/tests/tools/pdfjs-text.mjs" "$PDFJS" "${pdfs[@]}" 2>"$T/pdfjs.err" || fail "pdf.js: $(cat "$T/pdfjs.err")"

passes=0 fails=0 knowns=0
for lang in "${langs[@]}"; do
  md="$SRC/text/botox-headache/$lang.md"
  tag=$(sed -n '2,/^---$/s/^lang: *//p' "$md" | head -1)
  rtl=0
  grep -qE "^${tag:-$lang}: .*dir: rtl" "$SRC/languages.yaml" && rtl=1
  for w in cairo haru; do
    [ -e "$T/pdf/$lang-$w.pdf" ] || continue
    mv "$T/pdf/$lang-$w.pdf.pdfjs.txt" "$T/pdf/$lang-$w.pdfjs.txt"
    for r in poppler mupdf pdfjs; do
      txt="$T/pdf/$lang-$w.$r.txt"
      if "$LP_SENTENCES" --exact --known="$(known_for $r $w $rtl)" "$md" "$txt" >"$txt.count" 2>"$txt.why"; then
        if grep -q " 0 known differences" "$txt.count"; then
          passes=$((passes + 1))
        else
          knowns=$((knowns + 1))
          echo "$lang $w $r: known difference: $(cat "$txt.count")"
        fi
      else
        fails=$((fails + 1))
        echo "FAIL: $lang $w $r: $(cat "$txt.count") $(grep missing "$txt.why" | head -3)" >&2
      fi
    done
  done
done
echo "readers: $passes passed, $fails failed, $knowns known differences (language × writer × reader)"
[ "$fails" -eq 0 ] || fail "$fails language × writer × reader combinations miss sentences no known difference explains"

# ---- the haru writer and a CJK article: refused before anything is written ----
mkdir -p "$T/zh/layouts/labels"
cp -r "$SRC/layouts/." "$T/zh/layouts/"
cp -r "$SRC/fonts" "$T/zh/"
cp "$SRC/languages.yaml" "$T/zh/"
cp "$SRC/layouts/labels/en.yaml" "$T/zh/layouts/labels/zh-Hans.yaml"
printf 'articles: [.]\n' >"$T/zh/leafpress.yaml"
cat >"$T/zh/zh.md" <<'EOF'
---
lang: zh-Hans
title: 肉毒杆菌注射后会头痛吗？
version: "2026-11"
date: 2026-11-01
review: draft
---

## 简介

注射后可能会出现轻微头痛，通常几天内消失。
EOF
run_status "$T/zh/out" "$T/zh/err" "$LP" build "$T/zh/zh.md" --writer haru -q -o "$T/zh/zh.pdf"
expect_eq "haru and Noto Sans CJK: exit code" 2 "$status"
expect_contains "haru and Noto Sans CJK: the reason" "the haru writer cannot embed Noto Sans CJK SC" "$T/zh/err"
expect_contains "haru and Noto Sans CJK: the script" "Hani text" "$T/zh/err"
expect_contains "haru and Noto Sans CJK: the way out" "use the cairo writer (--writer cairo)" "$T/zh/err"
grep -q "0x" "$T/zh/err" && fail "a libharu error code in the message: $(cat "$T/zh/err")"
[ ! -e "$T/zh/zh.pdf" ] || fail "haru refused the CJK article but wrote a file"
# The cairo writer sets it, and the readers find it.
"$LP" build "$T/zh/zh.md" -q -o "$T/zh/zh.pdf" || fail "the cairo writer failed on the CJK article"
pdftotext -enc UTF-8 "$T/zh/zh.pdf" "$T/zh/zh.poppler.txt"
"$LP_SENTENCES" --exact "$T/zh/zh.md" "$T/zh/zh.poppler.txt" >/dev/null 2>"$T/zh/why" ||
  fail "poppler on the CJK article: $(cat "$T/zh/why")"
