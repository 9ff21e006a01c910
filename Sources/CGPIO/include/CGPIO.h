// One interface over libgpiod v1 (1.6.x: Debian 12, Raspberry Pi OS bookworm) and v2 (2.x: Debian 13, Raspberry Pi
// OS trixie, bookworm-backports), chosen at build time by the gpiod.h the compiler sees. Without any gpiod.h the
// shim still builds, and every call reports that libgpiod is missing (pw_gpio_library_version() == 0), so the
// simulated chip works on machines without libgpiod.
//
// Every function that can fail returns 0 (or a count) on success and a negative errno value on failure.
#ifndef PINWHEEL_CGPIO_H
#define PINWHEEL_CGPIO_H

#include <stddef.h>
#include <stdint.h>

#define PW_GPIO_EDGE_NONE 0
#define PW_GPIO_EDGE_RISING 1
#define PW_GPIO_EDGE_FALLING 2
#define PW_GPIO_EDGE_BOTH 3

#define PW_GPIO_BIAS_AS_IS 0
#define PW_GPIO_BIAS_DISABLED 1
#define PW_GPIO_BIAS_PULL_UP 2
#define PW_GPIO_BIAS_PULL_DOWN 3

/// The error pw_gpio_* calls return when the shim was built without libgpiod.
#define PW_GPIO_ENOLIB 1000

/// One edge event as the kernel reported it.
typedef struct pw_gpio_event {
    /// Kernel timestamp, CLOCK_MONOTONIC nanoseconds.
    uint64_t timestamp_ns;
    /// The line's own event sequence number (v2: from the kernel, starting at 1; v1: 0, the kernel gives none).
    uint64_t line_seqno;
    /// The request's sequence number across its lines (v2: from the kernel; v1: 0).
    uint64_t global_seqno;
    /// 1 for a rising edge (inactive to active, so active-low inverts it), 0 for falling.
    int32_t rising;
} pw_gpio_event;

/// Where a named line was found.
typedef struct pw_gpio_line_info {
    char chip_path[64];    // "/dev/gpiochip0"
    char chip_name[32];    // "gpiochip0"
    char chip_label[64];   // "pinctrl-rp1", "gpio-sim.0-node0"
    unsigned int offset;
    int used;              // 1 if another consumer holds the line
    char consumer[64];     // that consumer's name, if used
} pw_gpio_line_info;

/// 1 or 2: the libgpiod API the shim was built against; 0 if built without libgpiod.
int pw_gpio_library_version(void);
/// libgpiod's own version string ("1.6.3", "2.1.3"), or "none".
const char *pw_gpio_library_version_string(void);
/// 1 if the library can ask the kernel to debounce a line (v2), else 0.
int pw_gpio_has_kernel_debounce(void);
/// 1 if events carry the kernel's sequence numbers (v2), else 0.
int pw_gpio_has_sequence_numbers(void);

/// Finds the line called `name` by scanning /dev/gpiochip* in order; if `chip_label` is not NULL, only on the chip
/// with that label. Fills *info. Returns 0, -ENOENT (no chip has such a line), -ENODEV (no chip has that label, or
/// there are no GPIO chips), -EACCES or -EPERM (a chip could not be opened: info->chip_path names it), or -errno.
int pw_gpio_find_line(const char *name, const char *chip_label, pw_gpio_line_info *info);

/// The number of GPIO chips in /dev, or -errno.
int pw_gpio_chip_count(void);

typedef struct pw_gpio_request pw_gpio_request;

/// Requests one line as an input with edge detection `edge`, `bias`, `active_low` (0/1), and a kernel debounce
/// period (0 for none; v1 cannot debounce and returns -EOPNOTSUPP for a non-zero period). Events are buffered in a
/// fixed buffer of `event_capacity` events allocated here, once. *out is set on success.
int pw_gpio_request_input(const char *chip_path, unsigned int offset, const char *consumer, int edge, int bias,
                          int active_low, unsigned int debounce_us, unsigned int event_capacity,
                          pw_gpio_request **out);

/// Requests one line as an output driving `initial` (0/1, logical: active-low inverts it).
int pw_gpio_request_output(const char *chip_path, unsigned int offset, const char *consumer, int initial,
                           int active_low, pw_gpio_request **out);

/// The descriptor that becomes readable when edge events are pending (inputs with edge detection).
int pw_gpio_event_fd(pw_gpio_request *request);

/// Reads the pending events, at most `capacity` (and at most the request's event_capacity), without blocking.
/// Returns how many were read (0 if none were pending) or -errno.
int pw_gpio_read_events(pw_gpio_request *request, pw_gpio_event *events, int capacity);

/// The line's logical value (0/1) or -errno.
int pw_gpio_get_value(pw_gpio_request *request);
/// Sets an output's logical value (0/1). Returns 0 or -errno.
int pw_gpio_set_value(pw_gpio_request *request, int value);

/// Releases the line and frees the request. NULL is ignored.
void pw_gpio_release(pw_gpio_request *request);

#endif
