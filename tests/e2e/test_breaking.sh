# Line breaking in the scripts that are written without spaces between words
# (docs/translations.md, "Line breaking"): a paragraph of Chinese (both
# scripts), Japanese, Korean and Thai, and the bundled translation in each, in
# a column narrow enough to break them twenty times or more, read back from
# the PDF line by line (pdftotext -raw:
# the content stream's order, column after column). No line starts with
# closing punctuation (、。，」）！ and the like) or ends with opening
# punctuation (「（“); no character is lost, doubled or moved; and every Thai
# and Korean line ends at a word boundary as ICU finds it (for Thai, with its
# dictionary of Thai words, which libthai, pango's own, does not always
# follow: "แม้|ว่า", "เคย|ชิน"; for Korean, the words between spaces).
. "$(dirname "$0")/lib.sh"
: "${LP_BREAKS:?}"

# The checker itself must see a bad break (each case is one it must reject).
printf '肉毒杆菌毒素被认为是一种强效毒素，来源于“细菌”。\n' >"$T/self.src"
printf '肉毒杆菌毒素被认为是一种强效毒素\n，来源于“细菌”。\n' >"$T/self-close.lines"
printf '肉毒杆菌毒素被认为是一种强效毒素，来源于“\n细菌”。\n' >"$T/self-open.lines"
printf '肉毒杆菌毒素被认为是一种强效毒素，来源于“细\n' >"$T/self-lost.lines"
printf 'โบท็อกซ์ซึ่งเป็นที่รู้จัก\n' >"$T/self-th.src"
printf 'โบท็อกซ์ซึ่งเป็นที่รู้\nจัก\n' >"$T/self-th.lines"
for bad in close open lost; do
  if "$LP_BREAKS" "$T/self.src" "$T/self-$bad.lines" >/dev/null 2>&1; then
    fail "the checker passes a bad break ($bad)"
  fi
done
if "$LP_BREAKS" --words th "$T/self-th.src" "$T/self-th.lines" >/dev/null 2>&1; then
  fail "the checker passes a Thai word cut in two"
fi

# A project with a layout of four columns of about 73 pt (7 Han characters
# at 10.5 pt), nothing beside the text.
p="$T/proj"
mkdir -p "$p"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$p/"
cat >"$p/layouts/narrow.yaml" <<'EOF'
extends: a4-leaflet
page:
  columns: 4
  gutter: 25mm
summary: {show: false}
contact: {show: false}
EOF
# The same on a page tall enough for a whole article in four columns.
sed 's/^page:$/page:\n  size: [210mm, 1200mm]/' "$p/layouts/narrow.yaml" >"$p/layouts/narrow-tall.yaml"

# check LANG NAME SOURCE LAYOUT BOTTOM: SOURCE (its paragraphs, plain) set
# in LAYOUT and read back above BOTTOM (pt) is broken by the rules.
check() {
  local lang=$1 name=$2 src=$3 layout=$4 bottom=$5
  printf -- '---\nlang: %s\ntitle: "%s"\nversion: "1"\ndate: 2026-11-01\nreview: reviewed\n---\n\n' \
    "$lang" "$lang" >"$T/$name.md"
  cat "$src" >>"$T/$name.md"
  # --no-verify: this test reads the lines back itself and proves only the
  # breaks; the read-back proof of every page is test_languages' business.
  "$LP" build "$T/$name.md" --project "$p" -l "$layout" -o "$T/$name.pdf" -q --no-verify ||
    fail "$name: does not build"
  expect_eq "$name: pages" 1 "$(pdf_field "$T/$name.pdf" Pages)"
  # The body only: below the title band, above the footer.
  body_text "$T/$name.pdf" "$T/$name.lines" 100 "$bottom"
  n=$(grep -c . "$T/$name.lines")
  [ "$n" -ge 20 ] || fail "$name: the text broke into only $n lines; the test needs a narrower column"
  words=()
  case $lang in ko | th) words=(--words "$lang") ;; esac
  "$LP_BREAKS" "${words[@]}" "$src" "$T/$name.lines" >"$T/$name.out" 2>&1 ||
    fail "$name: $(cat "$T/$name.out")"
  echo "ok: $name: $(tail -1 "$T/$name.out")"
}

# para LANG: the test's paragraph in that language (the clinic's kind of
# text, with every kind of punctuation the language uses).
para() {
  case $1 in
  zh-Hans)
    echo '肉毒杆菌毒素被认为是一种强效毒素，来源于一种名为“肉毒梭状芽孢杆菌”的细菌。虽然它主要用于美容，但实际上也应用于许多医学领域（例如皱纹、多汗症和偏头痛）。有些患者报告说，肉毒杆菌毒素会引起头痛；这种疼痛在2周内缓解。“肉毒杆菌毒素会引起头痛吗？”这是人们最常问的问题。《注意》：请按照专科医生的建议使用止痛药！注射时会用到针头，因此可能会感到轻微的疼痛或酸痛。'
    ;;
  zh-Hant)
    echo '肉毒桿菌毒素被認為是一種強效毒素，來源於一種名為「肉毒梭狀芽孢桿菌」的細菌。雖然它主要用於美容，但實際上也應用於許多醫學領域（例如皺紋、多汗症和偏頭痛）。有些患者表示，肉毒桿菌毒素會引起頭痛；這種疼痛在2週內緩解。「肉毒桿菌毒素會引起頭痛嗎？」這是人們最常問的問題。『注意』：請依照專科醫師的建議使用止痛藥！注射時會用到針頭，因此可能會感到輕微的疼痛或痠痛。'
    ;;
  ja)
    echo 'ボトックスは、強い毒素として知られ、「クロストリジウム・ボツリヌム」という細菌から作られます。主に美容目的で行われますが、実際には多くの医療分野で使われています（しわ、多汗症、片頭痛など）。注射の後、軽い痛みが出ることがあります。数時間から数日で治まります！本当に？はい、そうです。「ボトックスで頭痛が起こりますか？」という質問がよくあります。『注意』：鎮痛薬は、専門医の指示に従って使ってください。'
    ;;
  ko)
    echo '보톡스는 강력한 독소로 알려져 있으며, ‘클로스트리디움 보툴리눔’이라는 세균에서 얻습니다. 주로 미용 목적으로 시술되지만, 실제로는 많은 의료 분야에서 사용됩니다(주름, 다한증, 편두통 등). 일부 환자는 보톡스가 두통을 일으킨다고 보고했습니다. “보톡스가 두통을 일으키나요?”라는 질문이 가장 많습니다. 「주의」: 진통제는 전문의의 지시에 따라 사용하십시오!'
    ;;
  th)
    echo 'โบท็อกซ์ซึ่งเป็นที่รู้จักในฐานะสารพิษที่มีฤทธิ์รุนแรง ได้มาจากแบคทีเรียชื่อ “คลอสทริเดียม โบทูลินัม” (Clostridium botulinum) แม้ว่าโดยหลักแล้วจะใช้เพื่อความงาม แต่ในความเป็นจริงมีการนำไปใช้ในทางการแพทย์หลายด้าน โบท็อกซ์ซึ่งใช้บ่อยกับริ้วรอยและภาวะเหงื่อออกมากเกินไป ยังใช้ในการรักษาไมเกรนด้วย ผู้ป่วยบางรายรายงานว่าโบท็อกซ์ทำให้ปวดศีรษะเมื่อใช้ในการรักษาเหล่านี้ ต่อมา คำถามที่ผู้ที่ต้องการฉีดโบท็อกซ์ถามบ่อยที่สุดคือ “โบท็อกซ์ทำให้ปวดศีรษะหรือไม่” โบท็อกซ์ไม่มีผลข้างเคียงที่เป็นที่ยอมรับ โบท็อกซ์เป็นวิธีการรักษาที่ปลอดภัยมากหากทำโดยผู้ที่มีประสบการณ์ อย่างไรก็ตาม ในบางกรณีโบท็อกซ์อาจทำให้ปวดศีรษะได้ อาการปวดศีรษะอาจพบได้โดยเฉพาะในผู้ป่วยที่ฉีดโบท็อกซ์เป็นครั้งแรก เมื่อฉีดโบท็อกซ์ให้ผู้ที่เคยชินกับการขมวดคิ้ว ผู้ป่วยจะขมวดคิ้วไม่ได้ เมื่อเขายังคงพยายามขมวดคิ้วต้านกล้ามเนื้อ ก็อาจทำให้ปวดศีรษะได้ แต่เนื่องจากความเคยชินในการขมวดคิ้วจะหายไปเองโดยเฉลี่ยหลังจากสองสามสัปดาห์ จึงไม่มีอาการปวดศีรษะอีก'
    ;;
  esac
}

for lang in zh-Hans zh-Hant ja ko th; do
  para "$lang" >"$T/$lang.src"
  check "$lang" "$lang" "$T/$lang.src" narrow 785
  # The bundled translation: its prose, headings included, without the
  # timeline's data.
  article="$SRC/text/botox-headache/$lang.md"
  [ -f "$article" ] || fail "$lang: no bundled translation"
  sed -n '/^```$/,$p' "$article" | sed '1d; s/^## //' >"$T/$lang-article.src"
  check "$lang" "$lang-article" "$T/$lang-article.src" narrow-tall 3350
done
