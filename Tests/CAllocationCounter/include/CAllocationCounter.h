// Counts heap allocations per thread, for the tests that prove steady state allocates nothing.
//
// The test executable defines malloc and friends itself (AllocationCounter.c); being in the executable, these
// definitions take precedence over libc's for every library in the process, the Swift runtime included. Each
// forwards to glibc's allocator and adds one to a thread-local counter, so tests running in parallel on other
// threads do not disturb a measurement.
#ifndef PINWHEEL_ALLOCATION_COUNTER_H
#define PINWHEEL_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Allocations (malloc, calloc, realloc, and the aligned forms) made by the calling thread so far.
uint64_t pw_thread_allocations(void);

/// Allocations made by all threads so far.
uint64_t pw_total_allocations(void);

/// Blocks allocated by any thread and not yet freed (0 in a sanitizer build).
int64_t pw_live_allocations(void);

/// 1 when the counter is linked in; 0 in a sanitizer build, where it is left out and the counts read 0.
int pw_allocation_counter_available(void);

#endif
