# leafpress installed with `cmake --install` (the fixture install/prefix):
# what is installed; the tree copied elsewhere still works, finds its data
# beside itself and opens no file of the source or build tree; a folder with
# no project is an error that says how to make one; `leafpress:NAME` layouts,
# the installed labels under a project's, the installed data read-only; a
# project without a clinic profile gets a warning.
. "$(dirname "$0")/lib.sh"
: "${LP_PREFIX:?}" "${LP_BUILD_DIR:?}"

# ---- what is installed ----
for f in bin/leafpress share/leafpress/fonts/fonts.conf share/leafpress/example/en.md \
  share/man/man1/leafpress.1 share/man/man1/leafpress-build.1 share/man/man1/leafpress-batch.1 \
  share/man/man1/leafpress-check.1 share/man/man1/leafpress-stamp.1 share/man/man1/leafpress-init.1 \
  share/man/man5/leafpress-article.5 share/man/man5/leafpress-layout.5 \
  share/doc/leafpress/README.md share/bash-completion/completions/leafpress; do
  [ -f "$LP_PREFIX/$f" ] || fail "not installed: $f"
done
[ -x "$LP_PREFIX/bin/leafpress" ] || fail "bin/leafpress is not executable"
# Every bundled layout and labels file, byte for byte, and every page of docs/.
for f in "$SRC"/layouts/*.yaml "$SRC"/layouts/labels/*.yaml; do
  rel=${f#"$SRC/"}
  cmp -s "$f" "$LP_PREFIX/share/leafpress/$rel" || fail "$rel is not installed as it is in the source tree"
done
for f in "$SRC"/docs/*.md; do
  cmp -s "$f" "$LP_PREFIX/share/doc/leafpress/${f##*/}" || fail "docs/${f##*/} is not installed in share/doc/leafpress"
done
cmp -s "$SRC/text/botox-headache/en.md" "$LP_PREFIX/share/leafpress/example/en.md" || fail "the example article"

# No string of the binary's read-only data names the source or build tree
# (the file names in GLib's assertion messages are relative). AddressSanitizer
# keeps each file's absolute name for its reports, so this is checked on the
# normal build only; the traces below check every build.
symbols=$(readelf -sW "$LP_PREFIX/bin/leafpress")
if [[ $symbols == *" __asan_"* ]]; then
  echo "note: an AddressSanitizer build: its .rodata is checked in the normal build"
else
  objcopy -O binary --only-section=.rodata "$LP_PREFIX/bin/leafpress" "$T/rodata"
  [ -s "$T/rodata" ] || fail "no .rodata read from the binary"
  if grep -aqF "$SRC" "$T/rodata"; then
    fail "the binary names the source tree: $(strings -a "$T/rodata" | grep -F "$SRC" | head -3 | tr '\n' ' ')"
  fi
fi

# ---- the installed tree moved away from this source tree ----
W=$(mktemp -d "${TMPDIR:-/tmp}/lp-install.XXXXXX")
at_exit 'rm -rf "$W"'
sweep_dir "$W"
cp -a "$LP_PREFIX" "$W/moved"
I="$W/moved/bin/leafpress"
export XDG_CACHE_HOME="$W/cache"
# LeakSanitizer cannot run under ptrace: the traced runs leave leak checks to
# the others.
traced() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace "$@"; }

# No project: an error that says how to make one (exit 1), nothing written.
mkdir "$W/bare"
cp "$SRC/text/botox-headache/en.md" "$W/bare/"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" build en.md' sh "$W/bare" "$I"
expect_eq "no project: exit code" 1 "$status"
expect_contains "no project" "no leafpress project found" "$T/err"
expect_contains "no project" "make one with 'leafpress init DIR'" "$T/err"
[ ! -e "$W/bare/out" ] || fail "a build without a project wrote $(find "$W/bare/out")"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" batch en.md' sh "$W/bare" "$I"
expect_eq "no project (batch): exit code" 1 "$status"
expect_contains "no project (batch)" "leafpress init DIR" "$T/err"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" check en.md' sh "$W/bare" "$I"
expect_eq "no project (check): exit code" 1 "$status"
expect_contains "no project (check)" "leafpress init DIR" "$T/err"
# --project naming a folder that is none, or the installed data: usage errors.
run_status "$T/out" "$T/err" "$I" build "$W/bare/en.md" --project "$W/bare"
expect_eq "--project not a project: exit code" 2 "$status"
expect_contains "--project not a project" "not a leafpress project" "$T/err"
run_status "$T/out" "$T/err" "$I" build "$W/bare/en.md" --project "$W/moved/share/leafpress"
expect_eq "--project at the installed data: exit code" 2 "$status"
expect_contains "--project at the installed data" "leafpress's installed data, not a project" "$T/err"

# A project made by init, built with the source tree out of the picture: the
# trace of every file the process touches names nothing in it.
(cd "$W" && "$I" init -q clinic --name "Riverside Skin Clinic" --phone "+44 20 7946 0000") || fail "init exited $?"
(cd "$W/clinic" && traced -f -qq -e trace=%file -o "$T/trace" "$I" build text/example/en.md -o leaflet.pdf 2>"$T/err") ||
  fail "build in the new project: $(cat "$T/err")"
(cd "$W/clinic" && traced -f -qq -e trace=%file -o "$T/trace-card" "$I" build text/example/en.md -l a5-card -o card.pdf -q) ||
  fail "card in the new project"
cat "$T/trace-card" >>"$T/trace"
grep -q 'share/leafpress/layouts/a4-leaflet.yaml' "$T/trace" || fail "the installed layout was not read: is the trace empty?"
if grep -F "$SRC" "$T/trace" >"$T/hits"; then fail "the installed leafpress opened the source tree: $(head -3 "$T/hits")"; fi
if grep -F "$LP_BUILD_DIR" "$T/trace" >"$T/hits"; then fail "it opened the build tree: $(head -3 "$T/hits")"; fi
grep -F "$W/moved/share/leafpress/" "$T/trace" >/dev/null || fail "the data did not come from beside the moved binary"
expect_contains "the example warns" "example article (example: true)" "$T/err"
pdftotext "$W/clinic/leaflet.pdf" "$T/leaflet.txt"
pdftotext "$W/clinic/card.pdf" "$T/card.txt"
for f in leaflet card; do
  expect_contains "$f: the clinic's name" "Riverside Skin Clinic" "$T/$f.txt"
  expect_contains "$f: the clinic's phone" "+44 20 7946 0000" "$T/$f.txt"
  if grep -q "Example Skin Clinic\|+00 000" "$T/$f.txt"; then fail "$f carries the example clinic"; fi
done
expect_eq "card pages" 2 "$(pdf_field "$W/clinic/card.pdf" Pages)"
expect_eq "card size" "419.528 x 595.276 pts" "$(pdf_field "$W/clinic/card.pdf" "Page size")"
# A project's layout that only extends the installed one makes the same bytes.
(cd "$W/clinic" && "$I" build text/example/en.md -l leafpress:a4-leaflet -o direct.pdf -q)
cmp -s "$W/clinic/leaflet.pdf" "$W/clinic/direct.pdf" || fail "extends: leafpress:a4-leaflet changed the leaflet"
# The installed large print extends the installed leaflet next to it (the
# installed data may be read).
(cd "$W/clinic" && "$I" build text/example/en.md -l a4-large-print -o large.pdf -q) || fail "large print"
[ "$(pdf_field "$W/clinic/large.pdf" Pages)" -gt "$(pdf_field "$W/clinic/leaflet.pdf" Pages)" ] ||
  fail "the large print has no more pages than the leaflet"

# Changing a margin in the project's layout moves the text: the left margin
# of 40 mm puts every line of page 2 (no band) 113 pt or more from the left.
sed -i 's/^# page:$/page:/; s/^#   margins: .*/  margins: {top: 16mm, bottom: 20mm, left: 40mm, right: 16mm}/' \
  "$W/clinic/layouts/a4-leaflet.yaml"
(cd "$W/clinic" && "$I" build text/example/en.md -o margin.pdf -q) || fail "the changed layout"
# (awk reads every line: `sort | head` would end sort early, and pipefail with it.)
xmin() {
  pdftotext -f 2 -l 2 -bbox "$1" - | sed -n 's/.*<word xMin="\([0-9.]*\)".*/\1/p' |
    awk 'NR == 1 || $1 < m { m = $1 } END { print m }'
}
left=$(xmin "$W/clinic/margin.pdf")
awk -v x="$left" 'BEGIN { exit !(x >= 113) }' || fail "left margin 40mm: a word starts at x=$left"
awk -v x="$(xmin "$W/clinic/leaflet.pdf")" 'BEGIN { exit !(x < 60) }' || fail "the installed leaflet's margin is not 16mm"

# A name on the command line: an installed layout that does not exist.
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" build text/example/en.md -l leafpress:a4-leaflt' sh "$W/clinic" "$I"
expect_eq "unknown installed layout: exit code" 2 "$status"
expect_contains "unknown installed layout" "did you mean 'leafpress:a4-leaflet'?" "$T/err"
# ... and as a base.
printf 'extends: leafpress:a5-crad\n' >"$W/clinic/layouts/bad.yaml"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" build text/example/en.md -l bad -o bad.pdf' sh "$W/clinic" "$I"
expect_eq "unknown installed base: exit code" 1 "$status"
expect_contains "unknown installed base" "layouts/bad.yaml:1:10: extends: no installed layout 'leafpress:a5-crad'" "$T/err"
expect_contains "unknown installed base" "did you mean 'leafpress:a5-card'?" "$T/err"
rm "$W/clinic/layouts/bad.yaml"

# The installed labels, overridden key by key by the project's.
mkdir -p "$W/clinic/layouts/labels"
printf 'in_short: At a glance\n' >"$W/clinic/layouts/labels/en.yaml"
(cd "$W/clinic" && "$I" build text/example/en.md -o labels.pdf -q) || fail "the project's labels"
pdftotext "$W/clinic/labels.pdf" "$T/labels.txt"
expect_contains "the project's label" "At a glance" "$T/labels.txt"
expect_contains "an installed label" "Page 1 of" "$T/labels.txt"
if grep -q "In short" "$T/labels.txt"; then fail "the installed label was not overridden"; fi
rm -r "$W/clinic/layouts/labels"

# The installed data is never written, even when granted.
ln -s "$W/moved/share/leafpress" "$W/clinic/shared"
printf 'articles: [text/example]\nlayouts: [a5-card]\noutput: "shared/{lang}.pdf"\n' >"$W/clinic/leafpress.yaml"
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" batch --allow-path "$3"' sh "$W/clinic" "$I" "$W/moved/share/leafpress"
expect_eq "an output in the installed data: exit code" 1 "$status"
expect_contains "an output in the installed data" "is in leafpress's installed data" "$T/err"
[ ! -e "$W/moved/share/leafpress/en.pdf" ] || fail "a batch wrote into the installed data"
rm "$W/clinic/shared"

# A project without a clinic profile: a warning, once, and no clinic on the page.
rm "$W/clinic/text/clinic.yaml"
(cd "$W/clinic" && "$I" build text/example/en.md -o noclinic.pdf 2>"$T/err") || fail "build without a profile"
expect_contains "no profile" "warning: this project has no clinic profile (text/clinic.yaml): the outputs carry no clinic name or phone number" "$T/err"
expect_eq "no profile: warned once" 1 "$(grep -c "no clinic profile" "$T/err")"
(cd "$W/clinic" && "$I" batch -L en -l a4-leaflet,a5-card -o "nc/{layout}.pdf" 2>"$T/err") || fail "batch without a profile"
expect_eq "no profile (batch): warned once" 1 "$(grep -c "no clinic profile" "$T/err")"
(cd "$W/clinic" && "$I" build text/example/en.md -o named.pdf --set clinic.name=Elsewhere 2>"$T/err") || fail "--set clinic.name"
if grep -q "no clinic profile" "$T/err"; then fail "--set clinic.name still warned"; fi
pdftotext "$W/clinic/noclinic.pdf" "$T/noclinic.txt"
if grep -q "Example Skin Clinic\|Riverside" "$T/noclinic.txt"; then fail "a clinic's name without a profile"; fi

# Reached through a symbolic link (a bin/ folder on the PATH), it still finds
# its data beside the real file.
mkdir "$W/bin"
ln -s "$I" "$W/bin/leafpress"
(cd "$W/clinic" && PATH="$W/bin:$PATH" leafpress build text/example/en.md -l a5-card -o linked.pdf -q) ||
  fail "leafpress through a symbolic link"

# The build tree's leafpress is not installed: it says so.
run_status "$T/out" "$T/err" sh -c 'cd "$1" && "$2" build text/example/en.md -l leafpress:a5-card' sh "$W/clinic" "$LP"
expect_eq "not installed: exit code" 2 "$status"
expect_contains "not installed" "this leafpress is not installed" "$T/err"
echo ok
