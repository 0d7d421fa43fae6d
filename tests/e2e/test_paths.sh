# Files that inputs name stay where the user meant: the clinic's logo, a
# layout's base, a translation's source and everything a manifest names must
# lie in the project or the article's folder (or a folder granted with
# --allow-path). Absolute names, ".." that climbs out, symbolic links that
# lead out, folders and devices are refused with file:line:col, exit 1 and no
# output. A logo that claims a huge picture is refused before it is decoded.
. "$(dirname "$0")/lib.sh"

# A project of our own, and a folder outside it.
P="$T/project"
OUT="$T/elsewhere"
mkdir -p "$P/text" "$OUT"
cp -r "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$P/"
cp -r "$SRC/text/botox-headache" "$P/text/"
article="$P/text/botox-headache/en.md"
# A real PNG for a logo: a proof page of the card, small.
"$LP" build "$article" --project "$P" -l a5-card -f png --dpi 12 -o "$T/logo.png"
cp "$T/logo-1.png" "$OUT/logo.png"
cp "$T/logo-1.png" "$P/text/logo.png"

# refused NAME PATTERN CMD…: exit 1, the message (grep -E), no output file.
refused() {
  local name=$1 pat=$2
  shift 2
  rm -f "$T/out.pdf"
  run_status "$T/out" "$T/err" "$@"
  expect_eq "$name: exit" 1 "$status"
  grep -Eq -- "$pat" "$T/err" || fail "$name: expected /$pat/ in: $(cat "$T/err")"
  [ ! -e "$T/out.pdf" ] || fail "$name: an output was written"
  echo "ok: $name refused"
}

# ---- the clinic's logo ----
clinic() { printf 'name: Clinic\nlogo: %s\n' "$1" >"$P/text/clinic.yaml"; }
build_card() { "$LP" build "$article" --project "$P" -l a5-card -o "$T/out.pdf" "$@"; }
clinic logo.png
build_card || fail "a logo next to the profile"
echo "ok: a logo next to the profile"
clinic "$OUT/logo.png"
refused "absolute logo" "^$P/text/clinic.yaml:2:7: the clinic's logo '$OUT/logo.png' is an absolute path: " build_card
build_card --allow-path "$OUT" || fail "an absolute logo in an --allow-path folder"
echo "ok: --allow-path grants an absolute logo"
clinic ../../elsewhere/logo.png
refused "logo climbing out" "^$P/text/clinic.yaml:2:7: .*climbs out of the project" build_card
ln -sf "$OUT/logo.png" "$P/text/link.png"
clinic link.png
refused "logo linked out" "^$P/text/clinic.yaml:2:7: .*leads out of the project .*symbolic link" build_card
mkdir -p "$P/text/folder.png"
clinic folder.png
refused "logo that is a folder" "^$P/text/clinic.yaml:2:7: .*'folder.png' is a folder, not a file" build_card
ln -sf /dev/zero "$P/text/zero.png"
clinic zero.png
refused "logo linked to a device" "^$P/text/clinic.yaml:2:7: .*'zero.png' leads out" build_card
mkfifo "$P/text/fifo.png"
clinic fifo.png
refused "logo that is a pipe" "^$P/text/clinic.yaml:2:7: .*'fifo.png' is a device or special file" build_card
clinic missing.png
refused "missing logo" "^$P/text/clinic.yaml:2:7: the clinic's logo 'missing.png': No such file" build_card
# A PNG header that claims 100000 x 100000 pixels (40 GB decoded).
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x06\x00\x00\x00\x00\x00\x00\x00' >"$P/text/bomb.png"
clinic bomb.png
refused "logo bomb" "is 100000 by 100000 pixels, over the limit of 16777216 pixels \(limit 'image-pixels'" build_card
clinic logo.png

# ---- a layout's base and a translation's source, linked out ----
cp "$SRC/layouts/a4-leaflet.yaml" "$OUT/base.yaml"
ln -sf "$OUT/base.yaml" "$P/layouts/base.yaml"
printf 'extends: base\n' >"$P/layouts/mine.yaml"
refused "layout base linked out" "^$P/layouts/mine.yaml:1:10: extends 'base.yaml' leads out" \
  "$LP" build "$article" --project "$P" -l mine -o "$T/out.pdf"
rm "$P/layouts/base.yaml" "$P/layouts/mine.yaml"
tr_dir="$T/tr/botox-headache"
mkdir -p "$tr_dir"
cp "$SRC/text/botox-headache/tr.md" "$tr_dir/"
ln -sf "$SRC/text/botox-headache/en.md" "$tr_dir/en.md"
refused "translation source linked out (stamp)" "^$tr_dir/tr.md:[0-9]+:[0-9]+: the translation's source 'en.md' leads out" \
  "$LP" stamp "$tr_dir/tr.md"

# ---- the manifest ----
manifest() { printf '%s\n' "$@" >"$P/leafpress.yaml"; }
batch() { (cd "$P" && "$LP" batch -q --list "$@"); }
manifest "articles: [text/botox-headache]" "output: \"out/{lang}.{format}\""
batch >/dev/null || fail "a plain manifest"
manifest "articles: [../elsewhere]"
refused "manifest article outside" "^$P/leafpress.yaml:1:12: an article '../elsewhere' climbs out" batch
manifest "articles: [$SRC/text/botox-headache]"
refused "manifest article absolute" "^$P/leafpress.yaml:1:12: an article '.*' is an absolute path" batch
manifest "articles: [text/botox-headache]" "output: \"out/{lang}/../../../x/{layout}.pdf\""
refused "manifest output climbing" "^$P/leafpress.yaml:2:9: output '.*': a manifest's outputs must not climb out" batch
manifest "articles: [text/botox-headache]" "output: \"$OUT/{lang}.pdf\""
refused "manifest output absolute" "^$P/leafpress.yaml:2:9: the output pattern '.*' is an absolute path" batch
manifest "articles: [text/botox-headache]" "data: /dev/zero"
refused "manifest data a device" "^$P/leafpress.yaml:2:7: the data file '/dev/zero' is an absolute path" batch
ln -sf /dev/zero "$P/zero.csv"
manifest "articles: [text/botox-headache]" "data: zero.csv"
refused "manifest data linked to a device" "^$P/leafpress.yaml:2:7: the data file 'zero.csv' leads out" batch
manifest "articles: [text/botox-headache]" "clinic: text"
refused "manifest clinic a folder" "^$P/leafpress.yaml:2:9: the clinic profile 'text' is a folder" batch
# Granted, the same absolute article builds.
manifest "articles: [$OUT]"
cp "$article" "$OUT/en.md"
batch --allow-path "$OUT" >"$T/list" || fail "--allow-path for a manifest article: $(cat "$T/list")"
echo "ok: --allow-path grants a manifest article"
