#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) into build-fuzz/
# and runs them. See tests/fuzz/README.md.
#
#   tests/fuzz/run.sh [--smoke] [-t SECONDS] [-n RUNS] [TARGET…]
#     --smoke     every target once over its seed corpus and its regression
#                 cases, then RUNS (default 2000) mutations: what CI runs
#     -t SECONDS  fuzz each target for at most this long (default 60)
#     -n RUNS     ... or this many executions, whichever comes first
#     TARGET      frontmatter markdown timeline layout clinic csv hyphcache pages (default: all)
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../.." && pwd)
B="$ROOT/build-fuzz"
ALL=(frontmatter markdown timeline layout clinic csv hyphcache pages)

smoke=0 secs=60 runs=""
targets=()
while (($#)); do
  case $1 in
    --smoke) smoke=1 ;;
    -t) secs=$2; shift ;;
    -n) runs=$2; shift ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
((${#targets[@]})) || targets=("${ALL[@]}")

CC=clang cmake -S "$ROOT" -B "$B" -DLP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$B" -j "$(nproc)" >/dev/null

# Leaks inside fontconfig and libhyphen are theirs (tests/lsan.supp says why);
# the layouts and fonts come from this source tree; the hyphenation cache from
# a folder of the fuzz build's own.
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LP_SOURCE_DIR="$ROOT" XDG_CACHE_HOME="$B/cache"

status=0
for t in "${targets[@]}"; do
  bin="$B/tests/fuzz/fuzz_$t"
  [[ -x $bin ]] || { echo "run.sh: no target '$t' (have: ${ALL[*]})" >&2; exit 2; }
  max_len=4096
  [[ $t == pages || $t == markdown ]] && max_len=32768
  common=(-dict="$HERE/dict/$t.dict" -max_len=$max_len -timeout=20 -rss_limit_mb=2048 -print_final_stats=1)
  if ((smoke)); then
    # The seeds and every input that once crashed, each must pass; then a few
    # mutations of them.
    inputs=("$HERE/corpus/$t")
    [[ -d $HERE/regress/$t ]] && inputs+=("$HERE/regress/$t")
    echo "== $t: seeds and regression cases"
    if ! "$bin" "${common[@]}" -runs=0 "${inputs[@]}" >"$B/smoke-$t.log" 2>&1; then
      tail -n 40 "$B/smoke-$t.log" >&2; status=1; continue
    fi
    mkdir -p "$B/smoke/$t"
    if ! "$bin" "${common[@]}" -runs="${runs:-2000}" -seed=1 "$B/smoke/$t" "${inputs[@]}" >"$B/smoke-$t.log" 2>&1; then
      tail -n 40 "$B/smoke-$t.log" >&2; status=1; continue
    fi
    grep -E "^stat::number_of_executed_units" "$B/smoke-$t.log" || true
    continue
  fi
  mkdir -p "$B/corpus/$t" "$B/artifacts/$t"
  echo "== $t: fuzzing for ${secs}s${runs:+ or $runs runs}"
  if ! "$bin" "${common[@]}" -max_total_time="$secs" ${runs:+-runs=$runs} -artifact_prefix="$B/artifacts/$t/" \
    "$B/corpus/$t" "$HERE/corpus/$t" >"$B/$t.log" 2>&1; then
    status=1
    echo "   found a problem: $(ls "$B/artifacts/$t/" | head -3)" >&2
    grep -E "ERROR|SUMMARY" "$B/$t.log" | head -5 >&2
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^Done" "$B/$t.log" || true
done
exit $status
