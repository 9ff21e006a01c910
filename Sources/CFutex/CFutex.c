#define _GNU_SOURCE
#include "CFutex.h"

#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int pw_futex_wait(const uint32_t *word, uint32_t expected, uint64_t deadline_ns) {
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline: the alarm, as the time driver set it.
    struct timespec deadline = {
        .tv_sec = (time_t)(deadline_ns / 1000000000u),
        .tv_nsec = (long)(deadline_ns % 1000000000u),
    };
    long rc = syscall(SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, expected,
                      deadline_ns == 0 ? NULL : &deadline, NULL, FUTEX_BITSET_MATCH_ANY);
    return rc == 0 ? 0 : errno;
}

int pw_futex_wake(const uint32_t *word, int count) {
    int saved = errno;  // callable from a signal handler: leave errno as we found it
    long rc = syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
    int result = rc < 0 ? -errno : (int)rc;
    errno = saved;
    return result;
}

uint64_t pw_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}
