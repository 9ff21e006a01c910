#define _GNU_SOURCE
#include "CLinuxInterrupts.h"

#include <errno.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <unistd.h>

// One slot per signal number; _NSIG is 65 on Linux (signals 1 to 64).
static void *signal_contexts[_NSIG];

int pw_set_timer_slack(unsigned long nanoseconds) {
    return prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0) == 0 ? 0 : errno;
}

pid_t pw_gettid(void) { return (pid_t)syscall(SYS_gettid); }

int pw_sigrtmin(void) { return SIGRTMIN; }
int pw_sigrtmax(void) { return SIGRTMAX; }

void *pw_signal_context(int signo) {
    if (signo <= 0 || signo >= _NSIG) return NULL;
    return __atomic_load_n(&signal_contexts[signo], __ATOMIC_ACQUIRE);
}

void pw_set_signal_context(int signo, void *context) {
    if (signo <= 0 || signo >= _NSIG) return;
    __atomic_store_n(&signal_contexts[signo], context, __ATOMIC_RELEASE);
}

int pw_sigqueue(pid_t pid, int signo, int value) {
    union sigval sv = { .sival_int = value };
    return sigqueue(pid, signo, sv) == 0 ? 0 : errno;
}

int pw_tgkill(pid_t tid, int signo) {
    return syscall(SYS_tgkill, getpid(), tid, signo) == 0 ? 0 : errno;
}

// The signals bound as interrupts, process-wide: changed while binding and releasing vectors (on each platform's
// executor thread; several platforms may do so at once), read by interruptFree on any thread. Each word is read and
// changed atomically, so no lock is needed and a handler may read it. A zeroed sigset_t is the empty set (glibc).
#define ISR_WORDS (sizeof(sigset_t) / sizeof(unsigned long))
_Static_assert(sizeof(sigset_t) % sizeof(unsigned long) == 0, "sigset_t is whole words");
static unsigned long isr_signals[ISR_WORDS];

// glibc's layout: signal n is bit (n - 1) % bits-per-word of word (n - 1) / bits-per-word.
static unsigned long isr_bit(int signo) { return 1UL << ((unsigned)(signo - 1) % (8 * sizeof(unsigned long))); }
static size_t isr_word(int signo) { return (size_t)(signo - 1) / (8 * sizeof(unsigned long)); }

void pw_isr_signals_add(int signo) { __atomic_fetch_or(&isr_signals[isr_word(signo)], isr_bit(signo), __ATOMIC_SEQ_CST); }
void pw_isr_signals_remove(int signo) { __atomic_fetch_and(&isr_signals[isr_word(signo)], ~isr_bit(signo), __ATOMIC_SEQ_CST); }

void pw_isr_signals(sigset_t *out) {
    unsigned long *words = (unsigned long *)out;
    for (size_t index = 0; index < ISR_WORDS; index++) words[index] = __atomic_load_n(&isr_signals[index], __ATOMIC_SEQ_CST);
}

int pw_isr_signals_block(sigset_t *old) {
    sigset_t set;
    pw_isr_signals(&set);
    return pthread_sigmask(SIG_BLOCK, &set, old);
}

int pw_isr_signals_unblock(void) {
    sigset_t set;
    pw_isr_signals(&set);
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int pw_restore_signal_mask(const sigset_t *mask) { return pthread_sigmask(SIG_SETMASK, mask, NULL); }

int pw_ppoll(struct pollfd *fds, nfds_t count, const sigset_t *mask) {
    int rc = ppoll(fds, count, NULL, mask);
    return rc >= 0 ? rc : -errno;
}

int pw_ppoll_timeout(struct pollfd *fds, nfds_t count, const sigset_t *mask, long nanoseconds) {
    struct timespec timeout = { .tv_sec = nanoseconds / 1000000000L, .tv_nsec = nanoseconds % 1000000000L };
    int rc = ppoll(fds, count, &timeout, mask);
    return rc >= 0 ? rc : -errno;
}

