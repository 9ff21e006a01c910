// A child process that sends signals to its parent, for tests with real, queued real-time signals.
#ifndef PINWHEEL_CSIGNALSENDER_H
#define PINWHEEL_CSIGNALSENDER_H

#include <sys/types.h>

/// Forks a child that sigqueues `signo` to this process `count` times (value = sequence number, from 1), retrying
/// while the kernel's queue is full, then exits 0. Returns the child's pid, or -errno.
pid_t pw_spawn_sigqueue_child(int signo, int count);

/// Waits for the child; returns its exit status, or -1.
int pw_wait_child(pid_t child);

/// Number of open file descriptors of this process (entries in /proc/self/fd), or -1.
int pw_open_descriptor_count(void);

#endif
