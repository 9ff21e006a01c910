#include "CAllocationCounter.h"

#include <errno.h>
#include <stddef.h>

// Under a sanitizer the counter is left out: ThreadSanitizer and AddressSanitizer bring their own malloc, and
// TSan's start-up (resolving its interceptors with dlsym) would call ours before it is initialised. The counts
// then read 0 and pw_allocation_counter_available says so, so the allocation tests are skipped, not passed.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define PW_UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define PW_UNDER_SANITIZER 1
#endif

#ifdef PW_UNDER_SANITIZER

uint64_t pw_thread_allocations(void) { return 0; }
uint64_t pw_total_allocations(void) { return 0; }
int64_t pw_live_allocations(void) { return 0; }
int pw_allocation_counter_available(void) { return 0; }

#else

// glibc's own entry points, which its public malloc & co. are aliases of.
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

// initial-exec TLS: no allocation of its own on first use, safe inside malloc.
static __thread uint64_t thread_count __attribute__((tls_model("initial-exec")));
static uint64_t total_count;
// Blocks allocated and not yet freed (the soak's leak check): +1 per block handed out, -1 per block freed.
static int64_t live_count;

static inline void count_one(void) {
    thread_count++;
    __atomic_fetch_add(&total_count, 1, __ATOMIC_RELAXED);
}

static inline void *live(void *p) {
    if (p != NULL) __atomic_fetch_add(&live_count, 1, __ATOMIC_RELAXED);
    return p;
}

void *malloc(size_t size) { count_one(); return live(__libc_malloc(size)); }
void *calloc(size_t n, size_t size) { count_one(); return live(__libc_calloc(n, size)); }
void *realloc(void *p, size_t size) {
    count_one();
    void *result = __libc_realloc(p, size);
    // A new block from NULL; a block freed by a zero size; otherwise one block for another.
    if (p == NULL && result != NULL) __atomic_fetch_add(&live_count, 1, __ATOMIC_RELAXED);
    if (p != NULL && size == 0 && result == NULL) __atomic_fetch_sub(&live_count, 1, __ATOMIC_RELAXED);
    return result;
}
void free(void *p) {
    if (p != NULL) __atomic_fetch_sub(&live_count, 1, __ATOMIC_RELAXED);
    __libc_free(p);
}
void *memalign(size_t alignment, size_t size) { count_one(); return live(__libc_memalign(alignment, size)); }
void *aligned_alloc(size_t alignment, size_t size) { count_one(); return live(__libc_memalign(alignment, size)); }

int posix_memalign(void **out, size_t alignment, size_t size) {
    count_one();
    void *p = live(__libc_memalign(alignment, size));
    if (p == NULL) return ENOMEM;
    *out = p;
    return 0;
}

uint64_t pw_thread_allocations(void) { return thread_count; }
uint64_t pw_total_allocations(void) { return __atomic_load_n(&total_count, __ATOMIC_RELAXED); }
int64_t pw_live_allocations(void) { return __atomic_load_n(&live_count, __ATOMIC_RELAXED); }
int pw_allocation_counter_available(void) { return 1; }

#endif
