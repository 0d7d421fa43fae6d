/* A malloc counter to preload (LD_PRELOAD): counts calls and bytes of
 * malloc, calloc and realloc in every thread and writes "allocs N bytes B" to
 * $LP_ALLOC_LOG at exit. test_linear.sh uses it to see how allocations grow
 * with the input. Not for the sanitizer build, whose allocator is its own. */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static atomic_ullong calls, bytes;

void *malloc(size_t size) {
  atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes, size, memory_order_relaxed);
  return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
  atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes, n * size, memory_order_relaxed);
  return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size) {
  atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes, size, memory_order_relaxed);
  return __libc_realloc(p, size);
}

__attribute__((destructor)) static void report(void) {
  const char *log = getenv("LP_ALLOC_LOG");
  FILE *f = log ? fopen(log, "w") : NULL;
  if (!f)
    return;
  fprintf(f, "allocs %llu bytes %llu\n", (unsigned long long)atomic_load(&calls),
          (unsigned long long)atomic_load(&bytes));
  fclose(f);
}
