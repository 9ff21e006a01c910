// The floor for edge-to-task latency: the least a program can do to learn of an edge. It blocks in poll() on the
// line's event descriptor, reads one event, and reads the clock. Nothing else: no executor, no ring, no waker.
#ifndef PINWHEEL_CGPIOFLOOR_H
#define PINWHEEL_CGPIOFLOOR_H

#include <stdint.h>
#include <CGPIO.h>

/// Waits for one event on a simulated line's pipe (records of pw_gpio_event) and returns CLOCK_MONOTONIC now minus
/// the event's timestamp in *latency_ns. Returns 0, or -errno.
int pw_floor_read_pipe(int fd, uint64_t *latency_ns);

/// The same for a libgpiod request: poll() its event descriptor, then read one event through libgpiod.
int pw_floor_read_request(pw_gpio_request *request, uint64_t *latency_ns);

#endif
