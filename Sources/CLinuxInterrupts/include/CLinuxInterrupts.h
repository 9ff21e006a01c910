// What the Linux platform needs from C: calls Swift cannot make (variadic prctl and syscall), and storage a signal
// handler can reach without touching a lazily initialised Swift global.
#ifndef PINWHEEL_CLINUXINTERRUPTS_H
#define PINWHEEL_CLINUXINTERRUPTS_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

/// Sets this thread's timer slack (prctl PR_SET_TIMERSLACK). Returns 0 or an errno value.
int pw_set_timer_slack(unsigned long nanoseconds);

/// This thread's kernel id (gettid).
pid_t pw_gettid(void);

/// The first and last real-time signal numbers.
int pw_sigrtmin(void);
int pw_sigrtmax(void);

/// Per-signal context pointers for handlers: a fixed C array, zeroed at load, read with an atomic load.
void *pw_signal_context(int signo);
void pw_set_signal_context(int signo, void *context);

/// Sends `signo` with `value` to process `pid` (sigqueue). Returns 0 or an errno value.
int pw_sigqueue(pid_t pid, int signo, int value);

/// Sends `signo` to thread `tid` of this process (tgkill). Returns 0 or an errno value.
int pw_tgkill(pid_t tid, int signo);

/// ppoll with no timeout: sleeps until a descriptor is ready or a signal not blocked by `mask` is handled.
/// Returns the number of ready descriptors, or -errno (-EINTR after a handler ran).
int pw_ppoll(struct pollfd *fds, nfds_t count, const sigset_t *mask);

/// ppoll with a timeout: returns the number of ready descriptors, 0 after the timeout, or -errno.
int pw_ppoll_timeout(struct pollfd *fds, nfds_t count, const sigset_t *mask, long nanoseconds);

/// The set of signals bound as interrupts in this process, kept in C so a handler-free, lock-free read is possible.
void pw_isr_signals_add(int signo);
void pw_isr_signals_remove(int signo);
/// Blocks the interrupt signals on this thread, storing the previous mask in *old. Returns 0 or an errno value.
int pw_isr_signals_block(sigset_t *old);
/// Unblocks them on this thread. Returns 0 or an errno value.
int pw_isr_signals_unblock(void);
/// Restores a mask saved by pw_isr_signals_block. Returns 0 or an errno value.
int pw_restore_signal_mask(const sigset_t *mask);
/// The interrupt signals, copied into *out.
void pw_isr_signals(sigset_t *out);


#endif
