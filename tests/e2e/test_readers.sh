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
# all of pdf.js's), whatever number of languages text/botox-headache/ holds;
# small articles in scripts not bundled yet (Persian, Hindi, Chinese) are
# made here.
source "$(dirname "$0")/lib.sh"
: "${LP_SENTENCES:?}" "${LP_BUILD_DIR:?}"
# build ARTICLE ARGS...: leafpress build. cairo 1.16's leak in CFF subsetting
# (the Chinese article) is suppressed by its entry point, which only ASan's
# slow unwinder reaches (tests/lsan.supp): that one article gets it.
build() {
  if [ "${LP_SANITIZED:-0}" = 1 ] && [ "$(basename "$1")" = zh.md ]; then
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" "$LP" build "$@"
  else
    "$LP" build "$@"
  fi
}

# ---- the sentence finder itself ----
# A spaced en dash at a line end keeps its space; one attached to its word
# joins (a range, a compound), like a hard hyphen.
printf 'Rest a day – and drink water.\nWeeks 1–2 are the worst.\n' >"$T/dash.txt"
printf 'Rest a day –\nand drink water. Weeks 1–\n2 are the worst.\n' >"$T/dash.pdf.txt"
"$LP_SENTENCES" "$T/dash.txt" "$T/dash.pdf.txt" >"$T/dash.out" 2>&1 || fail "line-ending en dash: $(cat "$T/dash.out")"
printf 'Rest a day –and drink water.\n' >"$T/dash-wrong.pdf.txt"
! "$LP_SENTENCES" "$T/dash.txt" "$T/dash-wrong.pdf.txt" >/dev/null 2>&1 || fail "sentences joined a spaced dash"
# A hyphen at a line end is the word's own or a hyphenation point's (both
# written "-"): either reading is found, in order.
printf 'Treatment for Botox-Induced Headache\nPatients may experience a headache.\n' >"$T/hyph.txt"
printf 'Treatment for Botox-\nInduced Headache\nPatients may experi-\nence a headache.\n' >"$T/hyph.pdf.txt"
"$LP_SENTENCES" "$T/hyph.txt" "$T/hyph.pdf.txt" >"$T/hyph.out" 2>&1 || fail "line-end hyphens: $(cat "$T/hyph.out")"
printf 'Patients may experi-\nence a headache. Treatment for Botox-\nInduced Headache\n' >"$T/hyph-order.pdf.txt"
! "$LP_SENTENCES" "$T/hyph.txt" "$T/hyph-order.pdf.txt" >/dev/null 2>&1 || fail "sentences out of order were found"
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
# A line break inside a sentence in a script without spaces is no space;
# between two words it is.
printf '注射后可能会出现轻微头痛。经常皱眉的人可能会感到头痛。\n' >"$T/cjk.txt"
printf '注射后可能会出现\n轻微头痛。经常皱眉的人\n可能会感到头痛。\n' >"$T/cjk.pdf.txt"
"$LP_SENTENCES" --exact "$T/cjk.txt" "$T/cjk.pdf.txt" >"$T/cjk.out" 2>&1 || fail "--exact and CJK line ends: $(cat "$T/cjk.out")"
expect_contains "CJK sentences split at 。" "2 sentences found, 0 known differences, 0 missing" "$T/cjk.out"
# A sentence of a script without spaces may be in two parts with a whole
# line between them (a page's header line, poppler's order: `order`): split
# between two Han letters, each part whole; a letter dropped at the split,
# inside a part, or a part that does not end its line is still missing.
printf '注射后可能会出现轻微头痛。如果您有偏头痛问题，我们建议您使用止痛药。\n' >"$T/cjk-order.txt"
printf '注射后可能会出现轻微头痛。如果您有偏头痛\nExample Skin Clinic\n问题，我们建议您使用\n止痛药。\n' >"$T/cjk-order.pdf.txt"
"$LP_SENTENCES" --exact --known=order "$T/cjk-order.txt" "$T/cjk-order.pdf.txt" >"$T/cjk-order.out" 2>&1 ||
  fail "--known=order and a Han sentence in two parts: $(cat "$T/cjk-order.out")"
expect_contains "a Han sentence in two parts is the known order" "1 sentences found, 1 known differences, 0 missing (order 1)" "$T/cjk-order.out"
for wrong in '如果您有偏头\nExample Skin Clinic\n问题，我们建议您使用' '如果您有偏头痛\nExample Skin Clinic\n问题，我们建议您用' \
  '如果您有偏头痛Example Skin Clinic问题，我们建议您使用'; do
  printf "注射后可能会出现轻微头痛。$wrong\n止痛药。\n" >"$T/cjk-order-wrong.pdf.txt"
  ! "$LP_SENTENCES" --exact --known=order "$T/cjk-order.txt" "$T/cjk-order-wrong.pdf.txt" >/dev/null 2>&1 ||
    fail "--known=order found a Han sentence that is not there: $(cat "$T/cjk-order-wrong.pdf.txt")"
done
# Thai: spaces between phrases, none between words; a line ends at either,
# and a reader drops the space at a line end (in every script), so a line
# break between two Thai letters is a space or nothing. A phrase space lost
# inside a line, or a letter changed, is still missing.
printf 'อาการปวดศีรษะอาจพบได้ ในผู้ป่วยที่ฉีดเป็นครั้งแรก เมื่อฉีดให้ผู้ที่เคยชิน\n' >"$T/thai.txt"
printf 'อาการปวดศีรษะ\nอาจพบได้\nในผู้ป่วยที่ฉีดเป็นครั้งแรก เมื่อฉีดให้\nผู้ที่เคยชิน\n' >"$T/thai.pdf.txt"
"$LP_SENTENCES" --exact "$T/thai.txt" "$T/thai.pdf.txt" >"$T/thai.out" 2>&1 || fail "--exact and Thai line ends: $(cat "$T/thai.out")"
expect_contains "a Thai sentence over three line ends" "1 sentences found, 0 known differences, 0 missing" "$T/thai.out"
for wrong in 'อาการปวดศีรษะ\nอาจพบได้ในผู้ป่วยที่ฉีดเป็นครั้งแรก เมื่อฉีดให้\nผู้ที่เคยชิน' \
  'อาการปวดศีรษะ\nอาจพบได้\nในผู้ป่วยที่ฉีดเป็นครั้งแรก เมื่อฉีดให้\nผู้ที่เคยชน'; do
  printf "$wrong\n" >"$T/thai-wrong.pdf.txt"
  ! "$LP_SENTENCES" --exact "$T/thai.txt" "$T/thai-wrong.pdf.txt" >/dev/null 2>&1 ||
    fail "--exact found a Thai sentence that is not there: $(cat "$T/thai-wrong.pdf.txt")"
done
# The same over a page break: the first part ends page 1 (before its
# footer), the rest starts a line on page 2 after its running header, each
# with Thai line breaks inside; a changed letter is still missing.
printf 'อาการปวดศีรษะ\nอาจพบได้ ในผู้ป่วย\nหน้า 1\n\fExample Skin Clinic\nที่ฉีดเป็นครั้งแรก เมื่อฉีดให้\nผู้ที่เคยชิน\n' >"$T/thai-page.pdf.txt"
"$LP_SENTENCES" --exact "$T/thai.txt" "$T/thai-page.pdf.txt" >"$T/thai-page.out" 2>&1 ||
  fail "--exact and a Thai sentence over a page break: $(cat "$T/thai-page.out")"
sed 's/ผู้ที่เคยชิน/ผู้ที่เคยชน/' "$T/thai-page.pdf.txt" >"$T/thai-page-wrong.pdf.txt"
! "$LP_SENTENCES" --exact "$T/thai.txt" "$T/thai-page-wrong.pdf.txt" >/dev/null 2>&1 ||
  fail "--exact found a Thai sentence over a page break that is not there"
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
# "Readers", has the table with examples). Right-to-left and Indic scripts
# add theirs.
known_for() { # READER WRITER RTL(0|1) INDIC(0|1)
  local k
  case $1 in
  poppler) k=hyphen,order ;;     # drops a hard hyphen at a line end ("BotoxInduced"); its own column order
  mupdf | pdfjs) k=hyphen ;;     # no ActualText: a hyphenated word reads as two
  esac
  if [ "$3" = 1 ]; then
    # leafpress leaves ZWNJ out of the text: poppler breaks a right-to-left
    # line at it, pdf.js drops it.
    k=$k,zwnj
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
  if [ "$4" = 1 ]; then
    k=$k,zwnj
    # MuPDF and pdf.js read the gap after a positioned vowel sign as a space
    # ("कु छ"; pdf.js in Bengali).
    [ "$1" != poppler ] && k=$k,extra-space
  fi
  echo "$k"
}

# The articles: every bundled translation, and small ones in scripts not
# bundled yet (Persian's ZWNJ, Devanagari's vowel signs, Han), in a project
# of their own with English labels.
P="$T/scripts"
mkdir -p "$P/layouts"
cp -r "$SRC/layouts/." "$P/layouts/"
cp -r "$SRC/fonts" "$SRC/languages.yaml" "$P/"
printf 'articles: [.]\n' >"$P/leafpress.yaml"
for l in fa hi zh-Hans; do cp "$SRC/layouts/labels/en.yaml" "$P/layouts/labels/$l.yaml"; done
front() { # LANG TITLE
  printf -- '---\nlang: %s\ntitle: %s\nversion: "2026-11"\ndate: 2026-11-01\nreview: draft\n---\n\n' "$1" "$2"
}
{
  front fa 'آیا بوتاکس باعث سردرد می‌شود؟'
  printf '## درمان\n\nسردرد پس از تزریق معمولاً طی چند روز برطرف می‌شود. بیماران می‌توانند پس از درمان به کارهای روزمره برگردند. این دردها در هفته‌های اول و دوم کاهش می‌یابند.\n'
} >"$P/fa.md"
{
  front hi 'क्या बोटॉक्स से सिरदर्द होता है?'
  printf '## उपचार\n\nइंजेक्शन के बाद हल्का दर्द हो सकता है, जो कुछ घंटों या दिनों में ठीक हो जाता है। जिन लोगों को भौंहें सिकोड़ने की आदत है, उन्हें सिरदर्द हो सकता है। यह आदत कुछ हफ़्तों में चली जाती है।\n'
} >"$P/hi.md"
{
  front zh-Hans '肉毒杆菌注射后会头痛吗？'
  printf '## 简介\n\n注射后可能会出现轻微头痛，通常几天内消失。经常皱眉的人可能会感到头痛。\n'
} >"$P/zh.md"

mkdir -p "$T/pdf"
# The translations leafpress.yaml builds (Urdu's every output is refused by
# the read-back: test_languages), and the small articles above.
articles=()
for l in $(built_langs); do articles+=("$SRC/text/botox-headache/$l.md"); done
articles+=("$P/fa.md" "$P/hi.md" "$P/zh.md")
names=()
for md in "${articles[@]}"; do
  name=$(basename "$(dirname "$md")")-$(basename "$md" .md)
  names+=("$name")
  for w in cairo haru; do
    run_status "$T/pdf/$name-$w.out" "$T/pdf/$name-$w.err" \
      build "$md" --writer "$w" -q -o "$T/pdf/$name-$w.pdf"
    if [ "$status" -ne 0 ]; then
      # The refusals a writer may give, before anything is written: haru and
      # a CFF font; haru and a language languages.yaml gives other writers.
      if [ "$w" = haru ] && [ "$status" = 2 ] &&
        grep -q "the haru writer cannot embed .*CFF outlines.*use the cairo writer\|the haru writer does not set .* so that its text reads back as written.*use the cairo writer" "$T/pdf/$name-$w.err"; then
        [ ! -e "$T/pdf/$name-$w.pdf" ] || fail "$name: haru refused but wrote a file"
        echo "$name haru: refused ($(head -c 160 "$T/pdf/$name-$w.err"))"
        continue
      fi
      fail "$name: the $w writer failed ($status): $(cat "$T/pdf/$name-$w.err")"
    fi
    pdftotext -enc UTF-8 "$T/pdf/$name-$w.pdf" "$T/pdf/$name-$w.poppler.txt"
    mutool draw -q -F txt -o "$T/pdf/$name-$w.mupdf.txt" "$T/pdf/$name-$w.pdf" 2>/dev/null
  done
done
pdfs=("$T"/pdf/*.pdf)
node "$SRC/tests/tools/pdfjs-text.mjs" "$PDFJS" "${pdfs[@]}" 2>"$T/pdfjs.err" || fail "pdf.js: $(cat "$T/pdfjs.err")"

# Open: combinations that miss sentences for reasons not yet analysed (the
# translations came after the readers' table was made): each is counted and
# printed, never as a pass, and one that starts to pass fails the test so
# that the list and docs/translations.md ("Readers", open items) stay true.
OPEN=" botox-headache-ta:cairo:mupdf
  botox-headache-ta:cairo:pdfjs botox-headache-th:cairo:mupdf botox-headache-th:cairo:pdfjs "
opens=0
passes=0 fails=0 knowns=0
i=0
for md in "${articles[@]}"; do
  name=${names[$i]}
  i=$((i + 1))
  tag=$(sed -n '2,/^---$/s/^lang: *//p' "$md" | head -1)
  facts=$(grep -E "^${tag}: " "$SRC/languages.yaml" || true)
  rtl=0 indic=0
  case $facts in *"dir: rtl"*) rtl=1 ;; esac
  case $facts in *Devanagari* | *Bengali* | *Gurmukhi* | *Gujarati* | *Tamil*) indic=1 ;; esac
  for w in cairo haru; do
    [ -e "$T/pdf/$name-$w.pdf" ] || continue
    mv "$T/pdf/$name-$w.pdf.pdfjs.txt" "$T/pdf/$name-$w.pdfjs.txt"
    for r in poppler mupdf pdfjs; do
      txt="$T/pdf/$name-$w.$r.txt"
      if [ "$w" = cairo ] && [ "$indic" = 1 ] && [ "$r" != poppler ] && grep -q $'\xef\xbf\xbd' "$txt"; then
        # cairo writes a conjunct or a reordered vowel sign as ActualText
        # alone; MuPDF and pdf.js read its glyphs' ToUnicode entries, which
        # have no character (U+FFFD). Recorded while it is so; poppler reads
        # the same file (its own line of this loop).
        knowns=$((knowns + 1))
        echo "$name $w $r: known difference: ActualText only (U+FFFD for conjuncts)"
        continue
      fi
      open=0
      [[ $OPEN =~ (^|[[:space:]])$name:$w:$r([[:space:]]|$) ]] && open=1
      if "$LP_SENTENCES" --exact --known="$(known_for $r $w $rtl $indic)" "$md" "$txt" >"$txt.count" 2>"$txt.why"; then
        [ "$open" = 0 ] || fail "$name $w $r: listed as open but reads every sentence now: take it off OPEN and the docs"
        if grep -q " 0 known differences" "$txt.count"; then
          passes=$((passes + 1))
        else
          knowns=$((knowns + 1))
          echo "$name $w $r: known difference: $(cat "$txt.count")"
        fi
      elif [ "$open" = 1 ]; then
        opens=$((opens + 1))
        echo "$name $w $r: open (not analysed yet): $(cat "$txt.count")"
      else
        fails=$((fails + 1))
        echo "FAIL: $name $w $r: $(cat "$txt.count") $(grep missing "$txt.why" | head -3)" >&2
      fi
    done
  done
done
echo "readers: $passes passed, $fails failed, $knowns known differences, $opens open (article × writer × reader)"
[ "$fails" -eq 0 ] || fail "$fails article × writer × reader combinations miss sentences no known difference explains"

# ---- the haru writer and a CJK article: refused before anything is laid out ----
# When the build is planned: the language's own font, at the article's
# language line.
err="$T/pdf/scripts-zh-haru.err"
expect_eq "haru and Noto Sans CJK: exit code" 2 "$(
  run_status /dev/null "$err" build "$P/zh.md" --writer haru -q -o "$T/zh-haru.pdf"
  echo "$status"
)"
expect_contains "haru and Noto Sans CJK: the place" "zh.md:2:7: " "$err"
expect_contains "haru and Noto Sans CJK: the font" "the haru writer cannot embed Noto Sans CJK SC (NotoSansCJK-Regular.ttc: CFF outlines" "$err"
expect_contains "haru and Noto Sans CJK: the language" "'zh-Hans' (简体中文)" "$err"
expect_contains "haru and Noto Sans CJK: the way out" "use the cairo writer (--writer cairo)" "$err"
! grep -q "0x" "$err" || fail "a libharu error code in the message: $(cat "$err")"
[ ! -e "$T/zh-haru.pdf" ] || fail "haru refused the CJK article but wrote a file"
# A Han word in an English article gets its font from the configuration, not
# from the language: the laid-out pages are checked before anything is drawn.
{
  front en 'Headache'
  printf '## Words\n\nThe Chinese word for headache is 头痛.\n'
} >"$P/en-han.md"
err="$T/en-han.err"
expect_eq "haru and a Han word: exit code" 2 "$(
  run_status /dev/null "$err" build "$P/en-han.md" --writer haru -q -o "$T/en-han.pdf"
  echo "$status"
)"
expect_contains "haru and a Han word: the font" "the haru writer cannot embed Noto Sans CJK" "$err"
expect_contains "haru and a Han word: the script and text" "Hani text (\"头痛\")" "$err"
[ ! -e "$T/en-han.pdf" ] || fail "haru refused the Han word but wrote a file"
