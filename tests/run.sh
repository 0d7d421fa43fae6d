#!/bin/sh
# The test command: installs what is missing, then
#   1. builds with warnings as errors and runs the whole suite;
#   2. builds with AddressSanitizer and UBSan and runs the suite again;
#   3. runs the leaflet, card and batch end-to-end tests under valgrind memcheck;
#   4. builds the fuzz targets with clang and runs each over its seeds and
#      regression cases, then a fixed number of mutations.
# Any failure, sanitizer report, memcheck error or leak stops it with a
# non-zero exit. --quick runs step 1 only.
set -eu
cd "$(dirname "$0")/.."
. tool/deps.sh
lp_need test

jobs=$(nproc)
echo "== 1. normal build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLP_WERROR=ON
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs" -LE valgrind

if [ "${1:-}" != "--quick" ]; then
  echo "== 2. AddressSanitizer and UBSan"
  # verify_asan_link_order=0: the determinism test runs leafpress under
  # faketime, whose LD_PRELOAD library would otherwise precede ASan's runtime.
  # fast_unwind_on_malloc=0: libcairo has no frame pointers, so only the slow
  # unwinder reaches the entry point that tests/lsan.supp names for cairo's
  # own CFF leak (any CJK text); a suppression of all of libcairo would hide
  # a cairo object leafpress forgot to free.
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DLP_WERROR=ON -DLP_SANITIZE=ON
  cmake --build build-sanitize -j "$jobs"
  lp_need_pdfjs build-sanitize/test-clients # the readers test's pdf.js, in this build tree too
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:verify_asan_link_order=0:fast_unwind_on_malloc=0 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-sanitize --output-on-failure -j "$jobs"

  echo "== 3. valgrind memcheck"
  ctest --test-dir build --output-on-failure -j "$jobs" -L valgrind

  echo "== 4. fuzz targets (regression smoke)"
  tests/fuzz/run.sh --smoke
fi
echo "all tests passed"
