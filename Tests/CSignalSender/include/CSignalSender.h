// A child process that sends signals to its parent, for tests with real, queued real-time signals.
#ifndef PINWHEEL_CSIGNALSENDER_H
#define PINWHEEL_CSIGNALSENDER_H

#include <sys/types.h>

/// Forks a child that queues `signo` `count` times (value = sequence number, from 1), retrying while the kernel's
/// queue is full, then exits 0: to this process when `thread` is 0 (any thread not blocking it may take each one),
/// else to that thread alone (rt_tgsigqueueinfo). Returns the child's pid, or -errno.
pid_t pw_spawn_sigqueue_child(int signo, int count, pid_t thread);

/// Waits for the child; returns its exit status, or -1.
int pw_wait_child(pid_t child);

/// Whether descriptor `fd` still names the open file that `witness` (a dup of it) names: 1 yes; 0 no (it was
/// closed, or its number was since reused for another file); -1 if kcmp(2) cannot tell. Unlike counting open
/// descriptors, this holds while other threads open and close their own.
int pw_same_open_file(int fd, int witness);

/// A handler for queued signals that gets each signal's value (sigqueue's `sival_int`).
typedef void (*pw_value_handler)(int value);

/// Installs `handler` for `signo` (SA_SIGINFO, through a C trampoline that reads the value) and unblocks `signo` in
/// the calling thread. Returns 0 or -errno.
int pw_install_value_handler(int signo, pw_value_handler handler);

/// Puts back the default disposition of `signo`.
void pw_restore_default_handler(int signo);

/// 1 in a ThreadSanitizer build, else 0. TSan delivers a signal to its handler later, from its own per-thread
/// table with one entry per signal number, so several queued instances of one real-time signal pending at once
/// arrive as one: tests that count queued signals cannot run under it.
int pw_under_thread_sanitizer(void);

#endif
