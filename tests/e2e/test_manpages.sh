# The man pages (docs/man/): every option each command's --help-all lists is
# in the command's page, with its short form, and every option a page lists
# is in --help-all; leafpress(1) names every command of `leafpress --help`;
# every page renders with man -l without a warning and names itself.
. "$(dirname "$0")/lib.sh"
M="$SRC/docs/man"
# Every command `leafpress --help` lists.
mapfile -t commands < <("$LP" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')

# help_options CMD: "--long" or "-s --long", one option a line, from the
# Application Options of --help-all.
help_options() {
  "$LP" "$1" --help-all | awk '/^Application Options:/ { on = 1; next } on && /^$/ { on = 0 } on' |
    sed -n 's/^ *\(-\([A-Za-z0-9]\), \)\{0,1\}--\([a-z0-9-]*\).*/\2 \3/p' | sed 's/^ //' | sort
}
# page_options PAGE: the same from the tag lines (after .TP) of the page's
# OPTIONS section, skipping --help.
page_options() {
  awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH / { on = 0 } on && tag { print; tag = 0 } on && /^\.TP/ { tag = 1 }' "$1" |
    { grep -- '\\-\\-' || true; } | while IFS= read -r line; do
      long=$(printf '%s\n' "$line" | grep -oE '\\-\\-([a-z0-9]|\\-)+' | awk 'NR == 1' | sed 's/\\-/-/g; s/^--//')
      short=$(printf '%s\n' "$line" | sed -n 's/^\\fB\\-\([A-Za-z0-9]\)\\fR, .*/\1/p')
      [ "$long" = help ] && continue
      printf '%s\n' "${short:+$short }$long"
    done | sort
}

for c in "${commands[@]}"; do
  page="$M/leafpress-$c.1"
  [ -f "$page" ] || fail "no man page for $c: $page"
  help_options "$c" >"$T/help.$c"
  page_options "$page" >"$T/page.$c"
  [ -s "$T/page.$c" ] || [ ! -s "$T/help.$c" ] || fail "leafpress-$c.1 lists no options"
  if ! diff "$T/help.$c" "$T/page.$c" >"$T/diff.$c"; then
    fail "leafpress $c: options in --help-all (<) and in leafpress-$c.1 (>) differ: $(grep '^[<>]' "$T/diff.$c" | tr '\n' ' ')"
  fi
  echo "ok: leafpress $c: $(wc -l <"$T/help.$c") options in --help-all and the page"
done
# A command's page that lists no options says so: stamp takes none.
[ ! -s "$T/help.stamp" ] || fail "stamp has options now: list them in leafpress-stamp.1"

# leafpress(1): every command of `leafpress --help`, and a page for each.
"$LP" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' >"$T/commands"
[ "$(wc -l <"$T/commands")" -ge 5 ] || fail "leafpress --help lists $(wc -l <"$T/commands") commands"
while IFS= read -r c; do
  grep -q "^\.BR $c " "$M/leafpress.1" || fail "leafpress.1 does not describe the command '$c'"
  [ -f "$M/leafpress-$c.1" ] || fail "no man page leafpress-$c.1"
  grep -q "leafpress\\\\-$c (1)" "$M/leafpress.1" || fail "leafpress.1 does not refer to leafpress-$c(1)"
done <"$T/commands"
for opt in help version; do
  grep -q "\\\\-\\\\-$opt" "$M/leafpress.1" || fail "leafpress.1 does not list --$opt"
done

# Every page renders without a warning, and its NAME and .TH name the file.
for page in "$M"/*.[15]; do
  base=${page##*/}
  name=${base%.*}
  section=${base##*.}
  LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=w -l "$page" >"$T/rendered" 2>"$T/warnings" || fail "man -l $base failed"
  [ ! -s "$T/warnings" ] || fail "$base: $(head -3 "$T/warnings")"
  [ "$(wc -l <"$T/rendered")" -gt 15 ] || fail "$base renders to $(wc -l <"$T/rendered") lines"
  th=$(sed -n 's/^\.TH \([^ ]*\) \([0-9]\).*/\1 \2/p' "$page" | sed 's/\\-/-/g')
  expect_eq "$base: .TH" "$(printf '%s' "$name" | tr a-z A-Z) $section" "$th"
  grep -q "^${name} - " <(sed -n '/^NAME/,/^[A-Z]/p' "$T/rendered" | sed 's/^ *//; s/‐/-/g' | tr -s ' ') ||
    fail "$base: NAME does not start with '$name - '"
done
echo ok
