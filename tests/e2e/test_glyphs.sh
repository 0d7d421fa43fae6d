# A character no configured font can print is an error that says where to fix
# it and how: at the character's own source (the article's line and column, a
# labels file's, the clinic profile's; a --set value by its name) and naming
# the installed font file and the Debian package that have it, or saying that
# no font on this machine has it. Nothing is written.
. "$(dirname "$0")/lib.sh"

p="$T/project"
mkdir -p "$p"
cp -r "$SRC/leafpress.yaml" "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$SRC/text" "$p/"
art="$p/text/botox-headache/en.md"

# glyph NAME WHERE FRAGMENT -- build arguments: the build fails with exit 1,
# the message starts at WHERE ("" for no place) and holds FRAGMENT.
glyph() {
  local name=$1 where=$2 fragment=$3
  shift 4
  rm -f "$T/out.pdf"
  run_status "$T/stdout" "$T/err" "$LP" build "$@" -o "$T/out.pdf"
  expect_eq "$name: exit" 1 "$status"
  local first
  first=$(head -1 "$T/err")
  if [ -n "$where" ]; then
    case "$first" in "$where: no configured font has a glyph"*) ;; *) fail "$name: expected '$where: …', found: $first" ;; esac
  else
    case "$first" in "no configured font has a glyph"*) ;; *) fail "$name: expected no place, found: $first" ;; esac
  fi
  case "$first" in *"$fragment"*) ;; *) fail "$name: expected '$fragment' in: $first" ;; esac
  [ ! -e "$T/out.pdf" ] || fail "$name: an output was written"
  echo "ok: $name"
}

# Cuneiform: Debian's fonts-noto-core has it, but the project's fonts.conf
# does not admit that file, so the message can name it.
cover="NotoSansCuneiform-Regular.ttf (Debian package fonts-noto-core)"

# In a labels file: the label's line and the character's column.
cp "$p/layouts/labels/en.yaml" "$T/labels.keep"
sed -i 's/^in_short: .*/in_short: In 𒀀 short/' "$p/layouts/labels/en.yaml"
line=$(grep -n '^in_short:' "$p/layouts/labels/en.yaml" | cut -d: -f1)
glyph "a label" "$p/layouts/labels/en.yaml:$line:14" "U+12000 '𒀀' (language en); the installed font $cover has it" -- "$art"
grep -q "copy that font's file into the project's fonts/ folder" "$T/err" || fail "a label: no hint: $(cat "$T/err")"
cp "$T/labels.keep" "$p/layouts/labels/en.yaml"

# In the clinic profile, printed on the card.
cp "$p/text/clinic.yaml" "$T/clinic.keep"
sed -i 's/^name: \(.*\)$/name: \1 𒀀/' "$p/text/clinic.yaml"
line=$(grep -n '^name:' "$p/text/clinic.yaml" | cut -d: -f1)
col=$(($(grep '^name:' "$p/text/clinic.yaml" | sed 's/ 𒀀$//' | wc -m)))
glyph "the clinic profile" "$p/text/clinic.yaml:$line:$((col + 1))" "$cover" -- "$art" -l a5-card
cp "$T/clinic.keep" "$p/text/clinic.yaml"

# In the article: its own line.
awk '/^## / && !done { print; getline; print; print "A sign: 𒀀."; done = 1; next } { print }' "$art" >"$T/a.md"
cp "$T/a.md" "$p/text/botox-headache/glyph.md"
line=$(grep -n '^A sign: 𒀀' "$p/text/botox-headache/glyph.md" | cut -d: -f1)
glyph "the article" "$p/text/botox-headache/glyph.md:$line:9" "$cover" -- "$p/text/botox-headache/glyph.md"
rm "$p/text/botox-headache/glyph.md"

# A --set value has no file: the message names the value.
glyph "a --set value" "" "U+12000 '𒀀' in {patient.name} (language en)" -- "$art" -l a5-card --set "patient.name=Ann 𒀀"

# A character no installed font has (an emoji, where no emoji font is
# installed) says so, and names the packages that cover most scripts.
if fc-list ':charset=1f984' file | grep -q .; then
  have=$(fc-list ':charset=1f984' file | head -1)
  glyph "a character an unadmitted font has" "" "the installed font" -- "$art" -l a5-card --set "patient.name=Ann 🦄"
  echo "note: this machine has a font for U+1F984 ($have): the no-font message is not reached here"
else
  glyph "a character no font has" "" "U+1F984 '🦄' in {patient.name} (language en), and no font on this machine has one" \
    -- "$art" -l a5-card --set "patient.name=Ann 🦄"
  grep -q "fonts-noto-core, fonts-noto-extra and fonts-noto-cjk" "$T/err" || fail "no font: the packages are not named"
fi
