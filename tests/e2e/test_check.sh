# leafpress check on an article folder: clean on the bundled set, and each
# kind of problem caught in a fixture of its own — a missing section, a changed
# phase time, a character without a glyph, a card that overflows, and a stale
# translation after the source changed (cured by leafpress stamp). build
# --release refuses drafts and stale translations.
. "$(dirname "$0")/lib.sh"

src="$SRC/text/botox-headache"
run_status "$T/out" "$T/err" "$LP" check "$src"
expect_eq "bundled set" 0 "$status"
expect_contains "bundled set" "no problems" "$T/err"
# Warnings (copy-fit shrinking a card) are printed, problems are not there.
if grep -v ': warning: ' "$T/out" | grep -q .; then fail "problems reported on the bundled set: $(cat "$T/out")"; fi
grep -q ': warning: the card.s back: text shrunk by .* (language [a-zA-Z-]*) (layout a5-card)$' "$T/out" ||
  fail "check prints the builds' warnings with their layout: $(cat "$T/out")"
# The layouts run on threads (--jobs): the report is the same, line for line
# and in order, on one thread and on three (six languages of five scripts,
# every layout; the whole set once is enough under the sanitizers).
j="$T/jobs/botox-headache"
mkdir -p "$j"
cp "$src/en.md" "$src/tr.md" "$src/ru.md" "$src/ar.md" "$src/hi.md" "$src/zh-Hans.md" "$j/"
run_status "$T/out1" "$T/err1" "$LP" check --project "$SRC" --jobs 1 "$j"
expect_eq "check --jobs 1" 0 "$status"
grep -q ': warning: ' "$T/out1" || fail "check --jobs 1 printed no warnings to compare: $(cat "$T/out1")"
run_status "$T/out3" "$T/err3" "$LP" check --project "$SRC" -j 3 "$j"
expect_eq "check -j 3" 0 "$status"
cmp -s "$T/out1" "$T/out3" || fail "check's report differs between --jobs 1 and 3: $(diff "$T/out1" "$T/out3" | head -5)"
cmp -s "$T/err1" "$T/err3" || fail "check's summary differs between --jobs 1 and 3"
run_status /dev/null "$T/err" "$LP" check --jobs 0 "$src"
expect_eq "check --jobs 0" 2 "$status"
expect_contains "check --jobs 0" "--jobs: expected a number from 1 to 256" "$T/err"

# fixture NAME: a copy of English and Turkish in a folder of its own.
fixture() {
  local d="$T/$1/botox-headache"
  mkdir -p "$d"
  cp "$src/en.md" "$src/tr.md" "$d/"
  echo "$d"
}
# expect_problem NAME DIR PATTERN: check exits 1 and reports PATTERN (a grep -E
# pattern) as one line starting with file:line:col.
expect_problem() {
  run_status "$T/out" "$T/err" "$LP" check --project "$SRC" "$2"
  expect_eq "$1: exit code" 1 "$status"
  grep -Eq "^$2/[a-z]+\.md:[0-9]+:[0-9]+: .*$3" "$T/out" || fail "$1: expected /$3/ in: $(cat "$T/out")"
  echo "ok: $1"
}

d=$(fixture missing-section)
# Drop the last "##" section of the translation.
awk '/^## / { n++ } n < 3 { print }' "$src/tr.md" >"$d/tr.md"
expect_problem "missing section" "$d" "s3 is missing: en.md has it at line [0-9]+"

d=$(fixture phase-time)
sed -i '0,/    end: 3w/s//    end: 2w/' "$d/tr.md"
expect_problem "changed phase time" "$d" "phase 'frowning-habit': its end is 2w here but 3w in en.md"

d=$(fixture extra-point)
sed -i '0,/^  points:/s//  points:\n    - Ek bir madde./' "$d/tr.md"
expect_problem "extra card point" "$d" "card .* it has 5 card points.*the source has 4 card points"

d=$(fixture glyph)
sed -i '0,/^## /s//## 𒀀 /' "$d/tr.md"
expect_problem "missing glyph" "$d" "no configured font has a glyph for U\+12000 .*\(language tr\)"

d=$(fixture overflow)
long="Enjeksiyonlardan sonra hafif ağrı veya hassasiyet hissedilebilir; birkaç saat veya birkaç gün sonra geçer, lütfen sabırlı olun."
awk -v long="$long" '/^  points:/ { print; for (i = 0; i < 14; i++) print "    - " long; skip = 1; next }
  skip && /^    - / { next } { skip = 0; print }' "$src/tr.md" >"$d/tr.md"
expect_problem "card overflow" "$d" "the card's front \(points\) overflows by [0-9.]+ mm .*\(language tr\) \(layout a5-card\)"

d=$(fixture stale)
sed -i 's/Botox has no recognized side effects./Botox has no widely recognized side effects./' "$d/en.md"
expect_problem "stale translation" "$d" "out of date: s1 of en.md \('Why does my head hurt after Botox\?', line [0-9]+\) changed"
grep -c "out of date" "$T/out" | grep -qx 1 || fail "only the changed section should be stale: $(cat "$T/out")"
# --release refuses it, even reviewed.
sed -i 's/^review: draft/review: reviewed/' "$d/tr.md"
run_status /dev/null "$T/err" "$LP" build "$d/tr.md" --release --project "$SRC" -o "$T/stale.pdf"
expect_eq "--release stale" 1 "$status"
expect_contains "--release stale" "--release refuses stale translations" "$T/err"
[ ! -e "$T/stale.pdf" ] || fail "--release wrote a stale translation"
# Once the translation is updated, stamp records it and check is clean.
"$LP" stamp "$d/tr.md"
run_status "$T/out" "$T/err" "$LP" check --project "$SRC" "$d"
expect_eq "after stamp" 0 "$status"
grep -q "^translates:" "$d/tr.md" && grep -q '^    s1: "[0-9a-f]\{12\}"$' "$d/tr.md" || fail "stamp did not write the hashes"
# The rest of the file is as it was.
diff <(sed '/^translates:/,/^---$/d' "$src/tr.md" | sed 's/^review: draft/review: reviewed/') \
  <(sed '/^translates:/,/^---$/d' "$d/tr.md") || fail "stamp changed more than the hashes"
"$LP" build "$d/tr.md" --release --project "$SRC" -o "$T/released.pdf"
[ -s "$T/released.pdf" ] || fail "--release did not build an up-to-date reviewed translation"

# --release refuses a draft.
run_status /dev/null "$T/err" "$LP" build "$src/tr.md" --release -o "$T/draft.pdf"
expect_eq "--release draft" 1 "$status"
expect_contains "--release draft" "this translation is a draft (review: draft): --release builds reviewed documents only" "$T/err"
[ ! -e "$T/draft.pdf" ] || fail "--release wrote a draft"
"$LP" build "$src/en.md" --release -o "$T/en.pdf"
[ -s "$T/en.pdf" ] || fail "--release refused the reviewed source"

# stamp on a file that is not a translation, and check on nothing.
run_status /dev/null "$T/err" "$LP" stamp "$src/en.md"
expect_eq "stamp a source" 1 "$status"
expect_contains "stamp a source" "not a translation" "$T/err"
run_status /dev/null "$T/err" "$LP" check
expect_eq "check without a folder" 2 "$status"
echo "check ok"
