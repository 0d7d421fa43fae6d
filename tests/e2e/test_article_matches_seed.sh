# The bundled article is the clinic's text: every sentence of the seed, word for
# word and in order, under its three headings. leafpress lays it out; nobody
# edits it on the way.
. "$(dirname "$0")/lib.sh"

"$LP_SENTENCES" "$SRC/tests/data/seed/botox-headache.txt" "$SRC/text/botox-headache/en.md" ||
  fail "text/botox-headache/en.md differs from the clinic's text"
# The headings are the seed's own lines.
for h in "Why does my head hurt after Botox?" "What are the Causes of Headache After Botox?" \
  "Treatment for Botox-Induced Headache"; do
  grep -qxF "## $h" "$SRC/text/botox-headache/en.md" || fail "heading '$h' is not a ## section"
  grep -qxF "$h" "$SRC/tests/data/seed/botox-headache.txt" || fail "heading '$h' is not in the seed"
done
echo ok
