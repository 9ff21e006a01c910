// What the async layer needs from C: the size of a heap block, and a thread-local word naming the async task slot whose poll is running on this
// thread. Swift has no thread-local storage of its own; C's, in the initial-exec model, is one load relative to
// the thread pointer (no __tls_get_addr call), because this code is linked into the executable.
#ifndef PINWHEEL_CPINWHEELASYNC_H
#define PINWHEEL_CPINWHEELASYNC_H

extern __thread void *pw_running_slot __attribute__((tls_model("initial-exec")));

/// The slot state of the async task being polled on this thread, or NULL outside such a poll.
static inline void *pw_running_slot_get(void) { return pw_running_slot; }

/// Makes `slot` the running slot on this thread and returns the one it replaces (polls can nest when an async
/// task's poll runs inside another executor's poll, as in tests).
static inline void *pw_running_slot_exchange(void *slot) {
    void *previous = pw_running_slot;
    pw_running_slot = slot;
    return previous;
}

#include <malloc.h>
#include <stddef.h>

/// The size of the heap block at `pointer`, as the allocator sized it (glibc's malloc_usable_size): an async
/// task's blocks, and the memory map's measure of every task.
static inline size_t pw_heap_block_size(void *pointer) { return malloc_usable_size(pointer); }

#endif
