# A translator's start and a translator's update:
# - `leafpress translate SOURCE LANG` writes LANG.md beside the source with the
#   source's structure and every text marked TODO-translate, lang/review/
#   translates set, and a labels file when the language has none; check
#   refuses both until each mark is replaced, then passes them; bad requests
#   (an existing file, an unknown language, a translation as the source) fail
#   with their exit code and write nothing;
# - `leafpress stamp` keeps a snapshot of the source, so that when the source
#   changes, check shows each stale section's change word by word.
. "$(dirname "$0")/lib.sh"

p="$T/project"
mkdir -p "$p"
cp -r "$SRC/leafpress.yaml" "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$SRC/text" "$p/"
dir="$p/text/botox-headache"
# A language with no labels anywhere, so that translate makes them: one the
# data knows, whatever the bundled labels are by now.
lang=""
for t in sq so lt hu pl; do
  [ -e "$p/layouts/labels/$t.yaml" ] || [ -e "$dir/$t.md" ] || { lang=$t; break; }
done
[ -n "$lang" ] || { rm -f "$p/layouts/labels/sq.yaml" "$dir/sq.md"; lang=sq; }

cd "$p"
run_status "$T/out" "$T/err" "$LP" translate text/botox-headache/en.md "$lang"
expect_eq "translate: exit" 0 "$status"
[ -s "$dir/$lang.md" ] || fail "no $lang.md"
[ -s "$p/layouts/labels/$lang.yaml" ] || fail "no labels for $lang"
grep -q "^lang: $lang\$" "$dir/$lang.md" || fail "lang not set"
grep -q '^review: draft$' "$dir/$lang.md" || fail "not a draft"
grep -q '^  source: en.md$' "$dir/$lang.md" || fail "no translates: source"
# Every text the source has is there, marked: title, card points, timeline
# labels, headings, paragraphs; the numbers and ids are not.
grep -q '^title: TODO-translate Does Botox cause headache?$' "$dir/$lang.md" || fail "title not marked"
[ "$(grep -c '^    - TODO-translate ' "$dir/$lang.md")" = "$(grep -c '^    - ' "$SRC/text/botox-headache/en.md")" ] ||
  fail "card points not all marked"
grep -q '^## TODO-translate Why does my head hurt after Botox?$' "$dir/$lang.md" || fail "heading not marked"
grep -q '^  - {at: 1d, label: TODO-translate Day 1}$' "$dir/$lang.md" || fail "tick label not marked"
grep -q '^  - id: needle-soreness$' "$dir/$lang.md" || fail "a phase id changed"
! grep -q 'TODO-translate [0-9]' <(grep -E '^\s*(start|end|peak|at):' "$dir/$lang.md") || fail "a number was marked"
grep -q "^page_of: TODO-translate Page {page} of {pages}\$" "$p/layouts/labels/$lang.yaml" || fail "labels not marked"
echo "ok: translate wrote $lang.md and its labels, every text marked"

# check refuses the marks, in the article and in the labels, at the first one.
run_status "$T/err" "$T/sum" "$LP" check "text/botox-headache/$lang.md"
expect_eq "check with marks: exit" 1 "$status"
n=$(grep -c 'TODO-translate' "$dir/$lang.md")
grep -q "^text/botox-headache/$lang.md:3:8: $n texts are still to translate (marked TODO-translate), the first here" "$T/err" ||
  fail "check does not count the article's marks: $(cat "$T/err")"
grep -q "^layouts/labels/$lang.yaml:[0-9]*:[0-9]*: [0-9]* texts are still to translate" "$T/err" ||
  fail "check does not see the labels' marks: $(cat "$T/err")"
! grep -q "differs from\|is missing\|out of date" "$T/err" || fail "the new translation's structure is not the source's: $(cat "$T/err")"
echo "ok: check refuses the marks"

# Replaced (here: the mark removed, as if translated word for word), check passes.
sed -i 's/TODO-translate //' "$dir/$lang.md" "$p/layouts/labels/$lang.yaml"
run_status "$T/err" "$T/sum" "$LP" check "text/botox-headache/$lang.md"
expect_eq "check after translating: exit ($(cat "$T/err"))" 0 "$status"
echo "ok: replaced, check passes"

# Requests that fail write nothing.
cp "$dir/$lang.md" "$T/keep.md"
run_status "$T/out" "$T/err" "$LP" translate text/botox-headache/en.md "$lang"
expect_eq "an existing translation: exit" 2 "$status"
grep -q "text/botox-headache/$lang.md exists: translate never overwrites a file" "$T/err" || fail "exists: $(cat "$T/err")"
cmp -s "$T/keep.md" "$dir/$lang.md" || fail "an existing translation was changed"
run_status "$T/out" "$T/err" "$LP" translate text/botox-headache/en.md pq
expect_eq "an unknown language: exit" 2 "$status"
grep -q "unknown language 'pq'" "$T/err" && grep -q "did you mean 'pa'" "$T/err" || fail "unknown language: $(cat "$T/err")"
[ ! -e "$dir/pq.md" ] || fail "an unknown language's file was written"
run_status "$T/out" "$T/err" "$LP" translate text/botox-headache/de.md pt -o "$T/pt.md"
expect_eq "a translation as the source: exit" 1 "$status"
grep -q "^text/botox-headache/de.md:[0-9]*:[0-9]*: this is a translation of en.md: translate from the original" "$T/err" ||
  fail "translation as source: $(cat "$T/err")"
[ ! -e "$T/pt.md" ] || fail "a file was written for a translation as the source"
echo "ok: an existing file, an unknown language, a translation as the source: refused, nothing written"

# ---- stale sections, word by word ----
run_status "$T/out" "$T/err" "$LP" stamp text/botox-headache/de.md
expect_eq "stamp: exit" 0 "$status"
snap=$(ls "$dir/.sources/" | grep '^en\.[0-9a-f]\{12\}\.md$' | head -1)
[ -n "$snap" ] || fail "stamp kept no snapshot of the source"
cmp -s "$dir/.sources/$snap" "$dir/en.md" || fail "the snapshot is not the source as it was"
sed -i 's/the habit of frowning disappears spontaneously after a few weeks on average/the habit of frowning disappears spontaneously after two or three weeks on average/' "$dir/en.md"
grep -q 'after two or three weeks' "$dir/en.md" || fail "the fixture's sentence is gone from en.md"
run_status "$T/err" "$T/sum" "$LP" check text/botox-headache/de.md
expect_eq "stale: exit" 1 "$status"
grep -q "^text/botox-headache/de.md:[0-9]*:[0-9]*: out of date: s1 of en.md ('Why does my head hurt after Botox?', line [0-9]*) changed since this translation was made: … .*after \[-a few-\] {+two or three+} weeks on average.*; update the translation, then run leafpress stamp" "$T/err" ||
  fail "the stale section does not show what changed: $(cat "$T/err")"
# Without the snapshot it still says which section changed.
mv "$dir/.sources" "$T/sources"
run_status "$T/err" "$T/sum" "$LP" check text/botox-headache/de.md
grep -q "out of date: s1 of en.md ('Why does my head hurt after Botox?', line [0-9]*) changed since this translation was made; update" "$T/err" ||
  fail "without a snapshot: $(cat "$T/err")"
echo "ok: a stale section shows its change word by word (and without a snapshot, that it changed)"
