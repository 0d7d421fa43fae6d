# Spans in another language, [words]{lang=de} (docs/article.md): an English
# article with German, Hebrew, Japanese and Chinese words and an Arabic one
# with English and French words. In every layout each span is a structure
# element with its /Lang, read back by pdf.js (getStructTree) in reading
# order — a right-to-left line with a Latin word too, and a booklet on sheets
# in the plain booklet's order; the printed text holds the words without the
# markup; each span is set in its language's font; a span whose letters are
# not of its language's script warns; the haru writer builds the
# same articles; the checker catches a span whose /Lang is no language tag;
# and every mistake in the markup is an error at its line and column, with no
# output file.
. "$(dirname "$0")/lib.sh"

D="$SRC/tests/data/articles/spans"
PDFJS_HOME="$LP_BUILD_DIR/test-clients"
if [ ! -f "$PDFJS_HOME/node_modules/pdfjs-dist/package.json" ]; then
  command -v npm >/dev/null || fail "pdf.js needs npm: tool/deps.sh's test step installs it (. tool/deps.sh; lp_need test)"
  (. "$SRC/tool/deps.sh" && lp_need_pdfjs "$PDFJS_HOME") || fail "could not install pdf.js (pdfjs-dist) into $PDFJS_HOME"
fi
PDFJS="$PDFJS_HOME/node_modules/pdfjs-dist"
langs() { node "$SRC/tests/tools/pdfjs-langs.mjs" "$PDFJS" "$1"; }

# The passages each layout must hold, in reading order (LANG<TAB>words; a
# passage a line end splits inside a link is two elements, one per link).
want_en_body='de	Deutschland
de	Botulinumtoxin Typ A
de	Faltenbehandlung mit Botulinumtoxin
he	בוטולינום
de	Spritze
ja	ボツリヌス毒素
zh-Hans	肉毒杆菌毒素'
want_en_card='de	Botulinumtoxin Typ A
he	בוטולינום
de	Botulinumtoxin'
want_ar_body='en	botulinum toxin type A
fr	toxine botulique
en	Botox'
want_ar_card='en	botulinum toxin type A
fr	toxine botulique'

for lang in en ar; do
  for layout in a4-leaflet a5-booklet dl-trifold a5-card; do
    pdf="$T/$lang-$layout.pdf"
    expect_no_warnings "$LP" build "$D/$lang.md" -l "$layout" -o "$pdf"
    langs "$pdf" >"$T/$lang-$layout.langs"
    expect_eq "$lang $layout: the document's language" "document	$lang" "$(head -1 "$T/$lang-$layout.langs")"
    # The link's words may be one passage or two (a line end in the link).
    tail -n +2 "$T/$lang-$layout.langs" | grep -v -e '^de	Informationen' -e '^de	Patienten$' -e '^de	für Patienten$' \
      >"$T/$lang-$layout.got"
    case $lang-$layout in
      en-a5-card) want=$want_en_card ;;
      ar-a5-card) want=$want_ar_card ;;
      en-*) want="de	Botulinumtoxin Typ A
he	בוטולינום
$want_en_body" ;; # the card's points stand in the "in short" box first
      ar-*) want="$want_ar_card
$want_ar_body" ;;
    esac
    diff <(printf '%s\n' "$want") "$T/$lang-$layout.got" >"$T/diff" ||
      fail "$lang $layout: the passages in another language (pdf.js): $(cat "$T/diff")"
    # The printed words, without the markup.
    pdftotext "$pdf" - | tr '\n' ' ' >"$T/$lang-$layout.txt"
    ! grep -qE 'lang=|\]\{' "$T/$lang-$layout.txt" || fail "$lang $layout: markup printed: $(grep -oE '.{20}lang=.{10}' "$T/$lang-$layout.txt")"
  done
  echo "ok: $lang: every span is an element with its /Lang, in reading order, in 4 layouts"
done
grep -qE '^de	Informationen für( Patienten)?$' "$T/en-a4-leaflet.langs" ||
  fail "the span inside the link is not German: $(cat "$T/en-a4-leaflet.langs")"

# A right-to-left line: its Latin words are elements in the order they are
# read, not the order they stand from the left. The Arabic leaflet has
# "botulinum toxin type A" and then "toxine botulique" in one paragraph.
expect_in_order "ar: the English span before the French one" "$T/ar-a4-leaflet.langs" \
  "en	botulinum toxin type A" "fr	toxine botulique" "en	Botox"

# A booklet on sheets reads as the plain booklet.
"$LP" build "$D/en.md" -l a5-booklet --sheet a4 -o "$T/en-sheet.pdf"
langs "$T/en-sheet.pdf" >"$T/en-sheet.langs"
diff "$T/en-a5-booklet.langs" "$T/en-sheet.langs" >"$T/diff" ||
  fail "the booklet on sheets has its spans in another order: $(cat "$T/diff")"
echo "ok: the booklet on A4 sheets has the plain booklet's spans in its order"

# Each span in its language's font: the Hebrew, Japanese and Chinese faces.
pdffonts "$T/en-a4-leaflet.pdf" >"$T/fonts"
for face in NotoSansHebrew NotoSansCJKjp NotoSansCJKsc; do
  grep -q "$face" "$T/fonts" || fail "the leaflet has no $face font: $(cat "$T/fonts")"
done
echo "ok: the Hebrew, Japanese and Chinese spans are set in their languages' faces"

# The haru writer (untagged press files) sets the same text; it refuses the
# Japanese and Chinese spans when the plan is made, as it refuses those
# languages (libharu embeds no CFF outlines), so the English article goes in
# without its East Asian list.
grep -v -e 'lang=ja' -e 'lang=zh' "$D/en.md" >"$T/en-latin.md"
for md in "$T/en-latin.md" "$D/ar.md"; do
  "$LP" build "$md" -w haru -o "$T/haru-${md##*/}.pdf" 2>"$T/haru.err" || fail "${md##*/}: the haru writer: $(cat "$T/haru.err")"
done
pdftotext "$T/haru-en-latin.md.pdf" - | tr '\n' ' ' >"$T/en-haru.txt"
expect_contains "haru: the German words" "Botulinumtoxin Typ A" "$T/en-haru.txt"
run_status "$T/haru.out" "$T/haru.err" "$LP" build "$D/en.md" -w haru -o "$T/haru-cjk.pdf"
expect_eq "haru with a Japanese span: exit (the writer chosen, usage)" 2 "$status"
expect_contains "haru with a Japanese span" "the haru writer cannot embed Noto Sans CJK JP" "$T/haru.err"
[ ! -e "$T/haru-cjk.pdf" ] || fail "haru with a Japanese span: an output file was written"
echo "ok: the haru writer builds the Latin, Hebrew and Arabic spans and refuses the CJK ones"

# The checker catches a span whose /Lang is no language tag.
"$LP_UA" --break span-lang "$T/en-a4-leaflet.pdf" "$T/broken-span-lang.pdf"
run_status "$T/ua.out" "$T/ua.err" "$LP_UA" "$T/broken-span-lang.pdf"
expect_eq "broken span-lang: exit" 1 "$status"
expect_contains "broken span-lang" "[11] a Span element's /Lang 'de_DE' is not a language tag" "$T/ua.out"
echo "ok: a span's /Lang that is no language tag is caught"

# A span whose letters are not of its language's script is built, with a
# warning at its place: the tag is likely a wrong one (a copied span).
printf -- '---\nlang: en\ntitle: Spans\nversion: "1"\ndate: 2026-11-01\nreview: reviewed\n---\n\nAsk for [ሰላም]{lang=de} and [Москва]{lang=ru}.\n' >"$T/script.md"
"$LP" build "$T/script.md" -o "$T/script.pdf" 2>"$T/script.err" || fail "a span in another script: $(cat "$T/script.err")"
expect_contains "a span in another script" "$T/script.md:9:9: warning: the span 'ሰላም' is marked as 'de', but its letters are Ethiopic, which 'de' is not written in: is the tag right?" "$T/script.err"
expect_eq "warnings for a span in another script" 1 "$(grep -c warning "$T/script.err")"
echo "ok: a span whose letters are not its language's script is a warning at its place"

# ---- mistakes: each an error at its place, exit 1, no file ----
# bad NAME TEXT WHERE MESSAGE: a paragraph TEXT (on the article's line 9)
# fails at WHERE (line:col) with MESSAGE.
cat >"$T/head.md" <<'EOF'
---
lang: en
title: Spans
version: "1"
date: 2026-11-01
review: reviewed
---

EOF
bad() {
  local name=$1 text=$2 where=$3 msg=$4 md="$T/bad-$1.md"
  { cat "$T/head.md"; printf '%s\n' "$text"; } >"$md"
  run_status "$T/bad.out" "$T/bad.err" "$LP" build "$md" -o "$T/bad-$name.pdf"
  expect_eq "$name: exit" 1 "$status"
  expect_contains "$name" "$md:$where: $msg" "$T/bad.err"
  [ ! -e "$T/bad-$name.pdf" ] || fail "$name: an output file was written"
}
bad unknown-key 'A [Wort]{lan=de} b.' 9:9 "unknown span attribute 'lan': expected lang=… (a language tag) (did you mean lang?)"
bad not-a-tag 'A [Wort]{lang=de_DE} b.' 9:9 "a span's language 'de_DE' is not a language tag: expected one like en, de, pt-BR or zh-Hant"
bad unknown-lang 'A [Wort]{lang=xx} b.' 9:3 "a span in the language 'xx', which the language data does not know"
bad not-closed 'A [Wort]{lang=de b.' 9:9 "a span's attributes are not closed: expected '}'"
bad no-lang 'A [Wort]{} b.' 9:9 "a span without a language: expected [words]{lang=de}"
bad empty 'A []{lang=de} b.' 9:3 "an empty span: expected the words between [ and ]{lang=de}"
bad no-opener 'A x]{lang=de} b.' 9:4 "']{' without its '[': a span in another language is [words]{lang=de}"
bad two-langs 'A [Wort]{lang=de}{lang=fr} b.' 9:18 "a language that follows no [words]: expected [words]{lang=de}, one language per span"
bad after-link 'A [x](https://example.org){lang=de} b.' 9:27 "a language after a link, which takes none: put the span inside the link's words, [[words]{lang=de}](…)"
sed -i 's/^title: Spans$/title: Spans [Wort]{lang=de}/' "$T/head.md"
bad in-title 'A b.' 3:8 "front matter key 'title' is plain text: a span in another language ([words]{lang=…}) cannot be marked there"
echo "ok: 10 mistakes in the markup, each an error at its line and column"
