#define _GNU_SOURCE
#include "CLinuxInterrupts.h"

#include <errno.h>
#include <malloc.h>
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

// Changed only while binding and releasing vectors (start-up and shutdown, on the executor's thread), read by
// interruptFree on any thread.
static sigset_t isr_signals;
static int isr_signals_ready;

static void ensure_isr_signals(void) {
    if (!isr_signals_ready) {
        sigemptyset(&isr_signals);
        isr_signals_ready = 1;
    }
}

void pw_isr_signals_add(int signo) { ensure_isr_signals(); sigaddset(&isr_signals, signo); }
void pw_isr_signals_remove(int signo) { ensure_isr_signals(); sigdelset(&isr_signals, signo); }

int pw_isr_signals_block(sigset_t *old) {
    ensure_isr_signals();
    return pthread_sigmask(SIG_BLOCK, &isr_signals, old);
}

int pw_isr_signals_unblock(void) {
    ensure_isr_signals();
    return pthread_sigmask(SIG_UNBLOCK, &isr_signals, NULL);
}

int pw_restore_signal_mask(const sigset_t *mask) { return pthread_sigmask(SIG_SETMASK, mask, NULL); }

void pw_isr_signals(sigset_t *out) { ensure_isr_signals(); *out = isr_signals; }

int pw_ppoll(struct pollfd *fds, nfds_t count, const sigset_t *mask) {
    int rc = ppoll(fds, count, NULL, mask);
    return rc >= 0 ? rc : -errno;
}

int pw_ppoll_timeout(struct pollfd *fds, nfds_t count, const sigset_t *mask, long nanoseconds) {
    struct timespec timeout = { .tv_sec = nanoseconds / 1000000000L, .tv_nsec = nanoseconds % 1000000000L };
    int rc = ppoll(fds, count, &timeout, mask);
    return rc >= 0 ? rc : -errno;
}

size_t pw_heap_block_size(void *block) { return malloc_usable_size(block); }
