#!/bin/sh
# leafpress under valgrind memcheck, for the end-to-end tests (LP_BINARY):
# any invalid read or write, use of uninitialised memory, or definite or
# indirect leak makes the run exit 99 and the test fail. Leaks inside the
# libraries are theirs (tests/valgrind.supp says which and why).
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=definite,indirect --track-origins=yes --num-callers=30 \
  --suppressions="$LP_SOURCE_DIR/tests/valgrind.supp" "$LP_VALGRIND_BINARY" "$@"
