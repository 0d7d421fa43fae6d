# Text is never dropped, however long a paragraph: paragraphs of 10,000,
# 100,000 and (at the ceiling of --limit paragraph-length) 1,000,000
# characters are laid out whole — every character of the source is in the
# PDF, in order — in words and as one word with no break in it. And a long
# build stops soon after SIGINT or SIGTERM at any stage, with exit 130/143
# and no output written. (Time is measured and printed, never asserted; the
# bound is on work: the interrupted build must stop long before it would
# have finished.)
#
# Under the sanitizers (LP_SANITIZED=1) every step is 5-10 times slower, so
# that pass stops at 100,000 characters and interrupts the 100,000-character
# build; the normal pass runs the ceiling. It says which it ran.
. "$(dirname "$0")/lib.sh"

limits=(--limit paragraph-length=1000000 --limit pages=10000)

# article FILE N KIND: an article whose body is one paragraph of N characters,
# of words (KIND words) or of one letter (KIND word).
article() {
  python3 - "$1" "$2" "$3" <<'EOF'
import random, sys
path, n, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(7)
words = "the pain after treatment is mild and goes away within a few hours or days".split()
if kind == "word":
    body = "x" * n
else:
    out, length = [], 0
    while length < n:
        w = random.choice(words)
        out.append(w)
        length += len(w) + 1
    body = " ".join(out)[:n].rstrip()
open(path, "w").write("---\nlang: en\ntitle: Long\nversion: \"1\"\ndate: 2026-11-01\nreview: reviewed\n---\n\n"
                      + body + "\n")
EOF
}

# whole PDF SOURCE: every word of the source's body is in the PDF's text, in
# order (running headers and footers in between are skipped over).
whole() {
  python3 - "$1" "$2" <<'EOF' || fail "$1: text is missing"
import subprocess, sys
pdf, src = sys.argv[1], sys.argv[2]
body = open(src).read().split("---", 2)[2].split()
text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
words = text.replace("\u00ad\n", "").replace("\u00ad", "").split()
# One word cut into lines (the "x" case): join the text and compare characters.
if len(body) == 1:
    joined = "".join(w for w in words if set(w) == {"x"})
    if joined != body[0]:
        sys.exit(f"{pdf}: {len(joined)} of {len(body[0])} characters are in the PDF")
    sys.exit(0)
i = 0
for w in words:
    if i < len(body) and w == body[i]:
        i += 1
if i != len(body):
    sys.exit(f"{pdf}: word {i + 1} of {len(body)} ('{body[i]}') is not where it belongs")
EOF
}

sizes="10000 100000 1000000"
if [ "${LP_SANITIZED:-0}" = 1 ]; then
  sizes="10000 100000"
  echo "note: sanitizer build: paragraphs up to 100000 characters (the normal build runs 1000000)"
fi
longest=${sizes##* }
for n in $sizes; do
  for kind in words word; do
    a="$T/$kind-$n.md"
    article "$a" "$n" "$kind"
    t0=$(date +%s%N)
    "$LP" build "$a" --project "$SRC" -o "$T/$kind-$n.pdf" -q "${limits[@]}" || fail "$kind $n: build failed"
    ms=$((($(date +%s%N) - t0) / 1000000))
    [ "$n" = "$longest" ] && [ "$kind" = words ] && full_ms=$ms
    whole "$T/$kind-$n.pdf" "$a"
    echo "ok: a paragraph of $n characters ($kind) laid out whole, $(pdf_field "$T/$kind-$n.pdf" Pages) pages, $ms ms"
  done
done

# ---- interrupted at any stage ----
# stop SIGNAL AFTER_MS: starts the longest build (of words), sends SIGNAL
# after AFTER_MS, and checks the exit code, that nothing was written, and
# that it stopped well before an uninterrupted build ends (full_ms: that
# build's time in the loop above).
stop() {
  local sig=$1 after=$2 want=$3
  rm -f "$T/stopped.pdf"
  set -m
  "$LP" build "$T/words-$longest.md" --project "$SRC" -o "$T/stopped.pdf" -q "${limits[@]}" &
  local pid=$!
  set +m
  sleep "$(awk -v ms="$after" 'BEGIN { print ms / 1000 }')"
  local t0
  t0=$(date +%s%N)
  kill "-$sig" "$pid" 2>/dev/null || true
  status=0
  wait "$pid" || status=$?
  local ms=$((($(date +%s%N) - t0) / 1000000))
  if [ "$status" = 0 ]; then
    # It finished before the signal came: the file must then be whole.
    qpdf --check "$T/stopped.pdf" >/dev/null || fail "$sig after $after ms: exit 0 with a broken file"
    echo "ok: $sig after $after ms came after the build had finished"
    return
  fi
  expect_eq "$sig after $after ms: exit" "$want" "$status"
  [ ! -e "$T/stopped.pdf" ] || fail "$sig after $after ms: an output was written"
  [ -z "$(find "$T" -name '*.tmp*' -o -name '.stopped*' | head -1)" ] || fail "$sig: a temporary file was left"
  [ "$ms" -lt $((full_ms / 2 + 1000)) ] || fail "$sig after $after ms: it took $ms ms to stop (the whole build: $full_ms ms)"
  echo "ok: $sig after $after ms: exit $status in $ms ms (the whole build takes $full_ms ms)"
}
for after in 100 $((full_ms / 3)) $((full_ms * 2 / 3)); do
  stop INT "$after" 130
done
stop TERM $((full_ms / 2)) 143
