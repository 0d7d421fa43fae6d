#!/bin/sh
# The test command: installs what is missing, builds with warnings as errors,
# runs the whole suite, then builds again with AddressSanitizer and UBSan and
# runs the suite once more. --quick skips the sanitizer pass.
set -eu
cd "$(dirname "$0")/.."
. tool/deps.sh
lp_need test

jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLP_WERROR=ON
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${1:-}" != "--quick" ]; then
  # verify_asan_link_order=0: the determinism test runs leafpress under
  # faketime, whose LD_PRELOAD library would otherwise precede ASan's runtime.
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DLP_WERROR=ON -DLP_SANITIZE=ON
  cmake --build build-sanitize -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:verify_asan_link_order=0 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-sanitize --output-on-failure -j "$jobs"
fi
echo "all tests passed"
