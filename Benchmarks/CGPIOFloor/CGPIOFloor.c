#include "CGPIOFloor.h"

#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

static uint64_t monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static int wait_readable(int fd) {
    struct pollfd entry = {.fd = fd, .events = POLLIN};
    for (;;) {
        int ready = poll(&entry, 1, -1);
        if (ready > 0) return 0;
        if (ready < 0 && errno != EINTR) return -errno;
    }
}

int pw_floor_read_pipe(int fd, uint64_t *latency_ns) {
    pw_gpio_event event;
    for (;;) {
        int waited = wait_readable(fd);
        if (waited < 0) return waited;
        ssize_t bytes = read(fd, &event, sizeof event);
        if (bytes == (ssize_t)sizeof event) break;
        if (bytes < 0 && errno != EAGAIN && errno != EINTR) return -errno;
    }
    *latency_ns = monotonic_ns() - event.timestamp_ns;
    return 0;
}

int pw_floor_read_request(pw_gpio_request *request, uint64_t *latency_ns) {
    pw_gpio_event event;
    for (;;) {
        int waited = wait_readable(pw_gpio_event_fd(request));
        if (waited < 0) return waited;
        int read = pw_gpio_read_events(request, &event, 1);
        if (read == 1) break;
        if (read < 0) return read;
    }
    *latency_ns = monotonic_ns() - event.timestamp_ns;
    return 0;
}
