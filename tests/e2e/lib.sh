# Shared by the end-to-end tests: strict mode, a scratch folder, and checks that
# print what was expected and what was found before failing.
set -euo pipefail
: "${LP_SOURCE_DIR:?}" "${LP_BINARY:?}" "${LP_TEST_TMP:?}"
LP="$LP_BINARY"
SRC="$LP_SOURCE_DIR"
T="$LP_TEST_TMP"
rm -rf "$T"
mkdir -p "$T"
# The tool must not depend on the caller's locale or time zone.
export LC_ALL=C.UTF-8 TZ=UTC
unset SOURCE_DATE_EPOCH

# ---- at the end: every PDF the test made passes the PDF/UA-1 checker ----
# docs/accessibility.md: the Matterhorn checker (tests/tools/ua.cc) runs on
# every PDF the suite builds. Each test leaves its files in $T (and in the
# folders it names with sweep_dir); when the test has passed, every PDF the
# cairo writer made there must pass the checker too. Left out, and only
# these: the haru writer's press files (untagged, as documented; their
# Producer is libharu), files without a Producer (a --merge of outputs, also
# documented untagged), and files a test broke on purpose, named broken-*.
# Tests register their own clean-up with at_exit, not with trap.
lp_exit_cmds=()
lp_sweep_dirs=()
at_exit() { lp_exit_cmds+=("$1"); }
sweep_dir() { lp_sweep_dirs+=("$1"); }
ua_sweep() {
  local f list="$T/.ua-sweep.list"
  : >"$list"
  while IFS= read -r -d '' f; do
    case "${f##*/}" in broken-*) continue ;; esac
    pdfinfo "$f" 2>/dev/null | grep -q '^Producer: *cairo' && printf '%s\n' "$f" >>"$list"
  done < <(find "$T" "${lp_sweep_dirs[@]}" -name '*.pdf' -type f -print0 2>/dev/null)
  [ -s "$list" ] || return 0
  if ! xargs -d '\n' "$LP_UA" <"$list" >"$T/.ua-sweep.out" 2>&1; then
    echo "FAIL: a PDF this test made fails the PDF/UA-1 checker: $(grep -v ': ok (' "$T/.ua-sweep.out" | head -10)" >&2
    return 1
  fi
  echo "ok: the $(wc -l <"$list") PDFs of the cairo writer this test made pass the PDF/UA-1 checker"
}
lp_on_exit() {
  local rc=$? c
  # Not in the sanitizer pass: it builds the same PDFs, which the normal
  # pass checks, and the checker under the sanitizers cost test_batch_csv
  # (322 PDFs) its time limit.
  if [ "$rc" = 0 ] && [ -n "${LP_UA:-}" ] && [ "${LP_SANITIZED:-0}" != 1 ]; then
    ua_sweep || rc=1
  fi
  for c in "${lp_exit_cmds[@]}"; do
    eval "$c" || true
  done
  exit "$rc"
}
trap lp_on_exit EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  [ "$2" = "$3" ] || fail "$1: expected '$2', found '$3'"
}

# expect_contains WHAT NEEDLE FILE
expect_contains() {
  grep -qF -- "$2" "$3" || fail "$1: '$2' not found in $3: $(head -c 600 "$3")"
}

# expect_no_warnings CMD...: the command succeeds and prints nothing on stderr
expect_no_warnings() {
  local err="$T/stderr.$$"
  "$@" >/dev/null 2>"$err" || fail "$* exited $?: $(cat "$err")"
  [ ! -s "$err" ] || fail "$* printed warnings: $(head -c 600 "$err")"
}

# pdf_field FILE NAME: a field of pdfinfo's output
pdf_field() {
  pdfinfo "$1" | sed -n "s/^$2: *//p"
}

# run_status OUT ERR CMD...: runs CMD with stdout to OUT and stderr to ERR and
# sets $status to its exit code, without tripping set -e.
run_status() {
  local out=$1 err=$2
  shift 2
  status=0
  "$@" >"$out" 2>"$err" || status=$?
}

# body_text PDF OUT [TOP BOTTOM]: the text of every page in content-stream
# order (the reading order leafpress writes; pdftotext's geometric guess mixes
# columns whose lines happen to align), without the running header and footer.
# TOP and BOTTOM are in points from the top edge; the defaults fit the A4
# layouts.
body_text() {
  local pdf=$1 out=$2 top=${3:-36} bottom=${4:-785}
  local pages p
  pages=$(pdf_field "$pdf" Pages)
  : >"$out"
  for p in $(seq 1 "$pages"); do
    pdftotext ${LP_TEXT_MODE--raw} -f "$p" -l "$p" -r 72 -x 0 -y "$top" -W 700 -H $((bottom - top)) "$pdf" - >>"$out"
  done
}
# (LP_TEXT_MODE= selects pdftotext's own reading order instead of the content
# stream's: the only one that puts right-to-left lines in logical order.)

# flat FILE: the file's text on one line, white space collapsed, soft hyphens at
# line ends joined (what a reader sees, whatever the line breaks).
flat() {
  sed -z 's/\xc2\xad\n//g; s/\([^ ]\)-\n/\1-/g; s/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g' "$1" |
    nbsp_to_space | tr '\n\f' '  ' | tr -s ' '
}

# No-break spaces (U+00A0, U+202F) as plain spaces: extractors differ on them.
nbsp_to_space() {
  sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g'
}

# expect_in_order WHAT FILE STRING...: each string occurs in FILE (flattened),
# each after the one before.
expect_in_order() {
  local what=$1 file=$2 arg
  shift 2
  local needles=()
  for arg in "$@"; do needles+=("$(printf '%s' "$arg" | nbsp_to_space)"); done
  set -- "${needles[@]}"
  flat "$file" >"$T/flat.$$"
  awk -v what="$what" 'BEGIN { RS = "\001"; n = ARGC - 1; for (i = 1; i <= n; i++) want[i] = ARGV[i]; ARGC = 1 }
    { text = text $0 }
    END {
      pos = 0
      for (i = 1; i <= n; i++) {
        rest = substr(text, pos + 1); at = index(rest, want[i])
        if (!at) { printf "FAIL: %s: \"%s\" missing or out of order\n", what, want[i] > "/dev/stderr"; exit 1 }
        pos += at + length(want[i]) - 1
      }
    }' "$@" <"$T/flat.$$" || exit 1
}

# script_langs: one bundled language per script (and per kind of text the
# script has: Latin with stacked marks, Nastaliq beside Naskh, each CJK face),
# those of them the bundled article has, one tag a line. The tests that build
# every layout with every writer use these; the ones that check each language
# (test_languages, test_readers) take every translation. Under the sanitizers
# or valgrind (LP_SANITIZED=1) a smaller set: one right-to-left, one Indic,
# one CJK.
script_langs() {
  local tags="en vi ru el ar fa he hi bn pa gu ta am th zh-Hans ja ko"
  [ "${LP_SANITIZED:-0}" = 1 ] && tags="en ar hi zh-Hans"
  local t
  for t in $tags; do
    [ -f "$SRC/text/botox-headache/$t.md" ] && echo "$t"
  done
  return 0
}

# built_langs: the bundled languages leafpress.yaml builds (its languages:
# list), one a line: every translation but those the read-back cannot prove
# yet (Urdu; leafpress.yaml says why). test_languages checks that those are
# refused.
built_langs() {
  sed -n 's/^languages: *\[\(.*\)\]/\1/p' "$SRC/leafpress.yaml" | tr ',' '\n' | tr -d ' '
}

# across PPM FROM TO FOLD...: the rows between FROM and TO where ink runs
# across a fold at x = FOLD (2 px either side; at 72 dpi a pixel is a point),
# the first five as "FOLD,ROW"; empty when none does (folded leaflets)
across() {
  python3 - "$@" <<'PY'
import sys
path, y0, y1 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, 'rb').read()
magic, w, h, depth, px = data.split(maxsplit=4)
w, h = int(w), int(h)
def ink(x, y):
    o = (y * w + x) * 3
    return min(px[o], px[o + 1], px[o + 2]) < 235
bad = []
for f in sys.argv[4:]:
    f = float(f)
    for y in range(y0, min(y1, h)):
        if ink(int(f - 2), y) and ink(int(f + 2), y):
            bad.append(f"{f:.1f},{y}")
print(" ".join(bad[:5]))
PY
}
