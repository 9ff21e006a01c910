// Linux futex wait and wake for the host idle hook. Swift cannot call the variadic syscall(2) directly.
#ifndef PINWHEEL_CFUTEX_H
#define PINWHEEL_CFUTEX_H

#include <stdint.h>

/// Sleeps while *word == expected, until woken or until CLOCK_MONOTONIC reaches deadline_ns (0: no deadline).
/// Returns 0 when woken, or an errno value: EAGAIN (the word had already changed), ETIMEDOUT, EINTR.
int pw_futex_wait(const uint32_t *word, uint32_t expected, uint64_t deadline_ns);

/// Wakes up to `count` threads sleeping on word. Async-signal-safe. Returns the number woken, or -errno.
int pw_futex_wake(const uint32_t *word, int count);

/// CLOCK_MONOTONIC in nanoseconds.
uint64_t pw_monotonic_ns(void);

#endif
