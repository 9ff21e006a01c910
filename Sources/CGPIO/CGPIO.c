#include "CGPIO.h"

// PW_GPIO_FORCE_NO_LIBRARY lets the stub branch be compiled on a machine that has gpiod.h.
#if defined(PW_GPIO_FORCE_NO_LIBRARY) || !__has_include(<gpiod.h>)
#define PW_GPIO_API 0
#else
#include <gpiod.h>
// Only v1's gpiod.h defines it.
#ifdef GPIOD_LINE_BULK_MAX_LINES
#define PW_GPIO_API 1
#else
#define PW_GPIO_API 2
#endif
#endif

#if PW_GPIO_API == 0

#include <string.h>

int pw_gpio_library_version(void) { return 0; }
const char *pw_gpio_library_version_string(void) { return "none"; }
int pw_gpio_has_kernel_debounce(void) { return 0; }
int pw_gpio_has_sequence_numbers(void) { return 0; }

int pw_gpio_find_line(const char *name, const char *chip_label, pw_gpio_line_info *info) {
    (void)name;
    (void)chip_label;
    if (info) memset(info, 0, sizeof *info);
    return -PW_GPIO_ENOLIB;
}

int pw_gpio_chip_count(void) { return -PW_GPIO_ENOLIB; }

int pw_gpio_request_input(const char *chip_path, unsigned int offset, const char *consumer, int edge, int bias,
                          int active_low, unsigned int debounce_us, unsigned int event_capacity,
                          pw_gpio_request **out) {
    (void)chip_path;
    (void)offset;
    (void)consumer;
    (void)edge;
    (void)bias;
    (void)active_low;
    (void)debounce_us;
    (void)event_capacity;
    (void)out;
    return -PW_GPIO_ENOLIB;
}

int pw_gpio_request_output(const char *chip_path, unsigned int offset, const char *consumer, int initial,
                           int active_low, pw_gpio_request **out) {
    (void)chip_path;
    (void)offset;
    (void)consumer;
    (void)initial;
    (void)active_low;
    (void)out;
    return -PW_GPIO_ENOLIB;
}

int pw_gpio_event_fd(pw_gpio_request *request) {
    (void)request;
    return -PW_GPIO_ENOLIB;
}

int pw_gpio_read_events(pw_gpio_request *request, pw_gpio_event *events, int capacity) {
    (void)request;
    (void)events;
    (void)capacity;
    return -PW_GPIO_ENOLIB;
}

int pw_gpio_get_value(pw_gpio_request *request) {
    (void)request;
    return -PW_GPIO_ENOLIB;
}

int pw_gpio_set_value(pw_gpio_request *request, int value) {
    (void)request;
    (void)value;
    return -PW_GPIO_ENOLIB;
}

void pw_gpio_release(pw_gpio_request *request) { (void)request; }

#else // PW_GPIO_API != 0

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A library call failed: its errno, or EIO if it left errno unset.
static int neg_errno(void) {
    int e = errno;
    return e > 0 ? -e : -EIO;
}

// Accepts exactly "gpiochip" followed by decimal digits.
static int parse_chip_name(const char *name, unsigned int *number) {
    if (strncmp(name, "gpiochip", 8) != 0) return -1;
    const char *digits = name + 8;
    if (*digits < '0' || *digits > '9') return -1;
    char *end;
    errno = 0;
    unsigned long n = strtoul(digits, &end, 10);
    if (*end != '\0' || errno != 0 || n > UINT_MAX) return -1;
    *number = (unsigned int)n;
    return 0;
}

static int compare_numbers(const void *a, const void *b) {
    unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;
    return (x > y) - (x < y);
}

// The chip numbers in /dev, sorted, in a malloc'd array (only counted when numbers is NULL). Returns the count
// or -errno.
static int scan_chips(unsigned int **numbers) {
    DIR *dir = opendir("/dev");
    if (!dir) return neg_errno();
    unsigned int *list = NULL;
    size_t count = 0, allocated = 0;
    int result = 0;
    for (;;) {
        errno = 0;
        struct dirent *entry = readdir(dir);
        if (!entry) {
            if (errno != 0) result = -errno;
            break;
        }
        unsigned int number;
        if (parse_chip_name(entry->d_name, &number) != 0) continue;
        if (numbers) {
            if (count == allocated) {
                size_t grown = allocated ? allocated * 2 : 8;
                unsigned int *bigger = realloc(list, grown * sizeof *list);
                if (!bigger) {
                    result = -ENOMEM;
                    break;
                }
                list = bigger;
                allocated = grown;
            }
            list[count] = number;
        }
        if (++count == INT_MAX) break;
    }
    closedir(dir);
    if (result < 0) {
        free(list);
        return result;
    }
    if (numbers) {
        if (count > 1) qsort(list, count, sizeof *list, compare_numbers);
        *numbers = list;
    }
    return (int)count;
}

int pw_gpio_chip_count(void) { return scan_chips(NULL); }

static int set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return neg_errno();
    if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return neg_errno();
    return 0;
}

// probe_chip's answer for a chip whose label is not the one asked for.
#define PROBE_OTHER_LABEL 1

static int probe_chip(const char *path, const char *name, const char *chip_label, pw_gpio_line_info *info);

int pw_gpio_find_line(const char *name, const char *chip_label, pw_gpio_line_info *info) {
    if (!name || !info) return -EINVAL;
    memset(info, 0, sizeof *info);
    unsigned int *chips = NULL;
    int count = scan_chips(&chips);
    if (count < 0) return count;

    int denied = 0, failed = 0, labelled = 0;
    char denied_path[sizeof info->chip_path] = "";
    for (int i = 0; i < count; i++) {
        char path[sizeof info->chip_path];
        snprintf(path, sizeof path, "/dev/gpiochip%u", chips[i]);
        int result = probe_chip(path, name, chip_label, info);
        if (result == 0) {
            free(chips);
            return 0;
        }
        if (result == PROBE_OTHER_LABEL) continue;
        if (result == -EACCES || result == -EPERM) {
            // The line may well be on this chip; tell the caller which one needs permission.
            if (!denied) {
                denied = result;
                snprintf(denied_path, sizeof denied_path, "%s", path);
            }
            continue;
        }
        labelled = 1;
        if (result != -ENOENT && !failed) failed = result;
    }
    free(chips);

    memset(info, 0, sizeof *info);
    if (denied) {
        snprintf(info->chip_path, sizeof info->chip_path, "%s", denied_path);
        return denied;
    }
    if (failed) return failed;
    if (count == 0 || (chip_label && !labelled)) return -ENODEV;
    return -ENOENT;
}

#if PW_GPIO_API == 1

// libgpiod 1.6 reads at most 16 events per call (a fixed stack buffer); the v1 kernel FIFO holds 16 too.
#define V1_MAX_EVENTS_PER_READ 16

struct pw_gpio_request {
    // The line belongs to the chip, so the chip stays open for the request's lifetime.
    struct gpiod_chip *chip;
    struct gpiod_line *line;
    struct gpiod_line_event *events;
    unsigned int capacity;
    int fd;
};

int pw_gpio_library_version(void) { return 1; }
const char *pw_gpio_library_version_string(void) { return gpiod_version_string(); }
int pw_gpio_has_kernel_debounce(void) { return 0; }
int pw_gpio_has_sequence_numbers(void) { return 0; }

static int probe_chip(const char *path, const char *name, const char *chip_label, pw_gpio_line_info *info) {
    struct gpiod_chip *chip = gpiod_chip_open(path);
    if (!chip) return neg_errno();
    struct gpiod_line *line;
    int result;
    const char *label = gpiod_chip_label(chip);
    if (!label) label = "";
    if (chip_label && strcmp(label, chip_label) != 0) {
        result = PROBE_OTHER_LABEL;
        goto out;
    }
    line = gpiod_chip_find_line(chip, name);
    if (!line) {
        result = neg_errno();
        goto out;
    }
    if (gpiod_line_update(line) < 0) {
        result = neg_errno();
        goto out;
    }
    const char *chip_name = gpiod_chip_name(chip);
    const char *consumer = gpiod_line_consumer(line);
    snprintf(info->chip_path, sizeof info->chip_path, "%s", path);
    snprintf(info->chip_name, sizeof info->chip_name, "%s", chip_name ? chip_name : "");
    snprintf(info->chip_label, sizeof info->chip_label, "%s", label);
    info->offset = gpiod_line_offset(line);
    info->used = gpiod_line_is_used(line) ? 1 : 0;
    snprintf(info->consumer, sizeof info->consumer, "%s", consumer ? consumer : "");
    result = 0;
out:
    gpiod_chip_close(chip);
    return result;
}

static int request_line(const char *chip_path, unsigned int offset, const char *consumer, int request_type,
                        int flags, int default_val, unsigned int event_capacity, pw_gpio_request **out) {
    pw_gpio_request *request = calloc(1, sizeof *request);
    if (!request) return -ENOMEM;
    request->fd = -1;
    int result, requested = 0;
    if (event_capacity) {
        if (event_capacity > V1_MAX_EVENTS_PER_READ) event_capacity = V1_MAX_EVENTS_PER_READ;
        request->events = calloc(event_capacity, sizeof *request->events);
        if (!request->events) {
            result = -ENOMEM;
            goto fail;
        }
        request->capacity = event_capacity;
    }
    request->chip = gpiod_chip_open(chip_path);
    if (!request->chip) {
        result = neg_errno();
        goto fail;
    }
    request->line = gpiod_chip_get_line(request->chip, offset);
    if (!request->line) {
        result = neg_errno();
        goto fail;
    }
    struct gpiod_line_request_config config = {
        .consumer = consumer ? consumer : "",
        .request_type = request_type,
        .flags = flags,
    };
    if (gpiod_line_request(request->line, &config, default_val) < 0) {
        result = neg_errno();
        goto fail;
    }
    requested = 1;
    if (event_capacity) {
        request->fd = gpiod_line_event_get_fd(request->line);
        if (request->fd < 0) {
            result = neg_errno();
            goto fail;
        }
        // read() then never blocks, even if the FIFO was drained since the fd polled readable.
        result = set_nonblocking(request->fd);
        if (result < 0) goto fail;
    }
    *out = request;
    return 0;
fail:
    if (requested) gpiod_line_release(request->line);
    if (request->chip) gpiod_chip_close(request->chip);
    free(request->events);
    free(request);
    return result;
}

int pw_gpio_request_input(const char *chip_path, unsigned int offset, const char *consumer, int edge, int bias,
                          int active_low, unsigned int debounce_us, unsigned int event_capacity,
                          pw_gpio_request **out) {
    if (!chip_path || !out) return -EINVAL;
    if (debounce_us != 0) return -EOPNOTSUPP;
    int request_type;
    switch (edge) {
    case PW_GPIO_EDGE_NONE: request_type = GPIOD_LINE_REQUEST_DIRECTION_INPUT; break;
    case PW_GPIO_EDGE_RISING: request_type = GPIOD_LINE_REQUEST_EVENT_RISING_EDGE; break;
    case PW_GPIO_EDGE_FALLING: request_type = GPIOD_LINE_REQUEST_EVENT_FALLING_EDGE; break;
    case PW_GPIO_EDGE_BOTH: request_type = GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES; break;
    default: return -EINVAL;
    }
    int flags;
    switch (bias) {
    case PW_GPIO_BIAS_AS_IS: flags = 0; break;
    case PW_GPIO_BIAS_DISABLED: flags = GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE; break;
    case PW_GPIO_BIAS_PULL_UP: flags = GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP; break;
    case PW_GPIO_BIAS_PULL_DOWN: flags = GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN; break;
    default: return -EINVAL;
    }
    if (active_low) flags |= GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW;
    if (edge != PW_GPIO_EDGE_NONE && event_capacity == 0) return -EINVAL;
    return request_line(chip_path, offset, consumer, request_type, flags, 0,
                        edge == PW_GPIO_EDGE_NONE ? 0 : event_capacity, out);
}

int pw_gpio_request_output(const char *chip_path, unsigned int offset, const char *consumer, int initial,
                           int active_low, pw_gpio_request **out) {
    if (!chip_path || !out) return -EINVAL;
    int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    return request_line(chip_path, offset, consumer, GPIOD_LINE_REQUEST_DIRECTION_OUTPUT, flags, initial ? 1 : 0,
                        0, out);
}

int pw_gpio_read_events(pw_gpio_request *request, pw_gpio_event *events, int capacity) {
    if (!request || request->fd < 0 || capacity < 0 || (capacity > 0 && !events)) return -EINVAL;
    unsigned int count = (unsigned int)capacity < request->capacity ? (unsigned int)capacity : request->capacity;
    // A zero-length read() is EINVAL in the kernel.
    if (count == 0) return 0;
    int n = gpiod_line_event_read_multiple(request->line, request->events, count);
    if (n < 0) {
        int e = errno;
        if (e == EAGAIN || e == EWOULDBLOCK) return 0;
        return e > 0 ? -e : -EIO;
    }
    for (int i = 0; i < n; i++) {
        const struct gpiod_line_event *event = &request->events[i];
        events[i].timestamp_ns = (uint64_t)event->ts.tv_sec * 1000000000u + (uint64_t)event->ts.tv_nsec;
        events[i].line_seqno = 0;
        events[i].global_seqno = 0;
        events[i].rising = event->event_type == GPIOD_LINE_EVENT_RISING_EDGE;
    }
    return n;
}

int pw_gpio_get_value(pw_gpio_request *request) {
    if (!request) return -EINVAL;
    int value = gpiod_line_get_value(request->line);
    return value < 0 ? neg_errno() : value;
}

int pw_gpio_set_value(pw_gpio_request *request, int value) {
    if (!request) return -EINVAL;
    return gpiod_line_set_value(request->line, value ? 1 : 0) < 0 ? neg_errno() : 0;
}

void pw_gpio_release(pw_gpio_request *request) {
    if (!request) return;
    gpiod_line_release(request->line);
    gpiod_chip_close(request->chip);
    free(request->events);
    free(request);
}

#else // PW_GPIO_API == 2

// The kernel's default event FIFO for a one-line request; larger capacities enlarge it to match.
#define V2_DEFAULT_KERNEL_EVENTS 16

struct pw_gpio_request {
    // Independent of its chip, which is closed once the request is made.
    struct gpiod_line_request *request;
    struct gpiod_edge_event_buffer *buffer;
    unsigned int capacity;
    unsigned int offset;
    int fd;
};

int pw_gpio_library_version(void) { return 2; }
const char *pw_gpio_library_version_string(void) { return gpiod_api_version(); }
int pw_gpio_has_kernel_debounce(void) { return 1; }
int pw_gpio_has_sequence_numbers(void) { return 1; }

static int probe_chip(const char *path, const char *name, const char *chip_label, pw_gpio_line_info *info) {
    struct gpiod_chip *chip = gpiod_chip_open(path);
    if (!chip) return neg_errno();
    struct gpiod_line_info *line_info = NULL;
    int result, offset;
    struct gpiod_chip_info *chip_info = gpiod_chip_get_info(chip);
    if (!chip_info) {
        result = neg_errno();
        goto out;
    }
    const char *label = gpiod_chip_info_get_label(chip_info);
    if (!label) label = "";
    if (chip_label && strcmp(label, chip_label) != 0) {
        result = PROBE_OTHER_LABEL;
        goto out;
    }
    offset = gpiod_chip_get_line_offset_from_name(chip, name);
    if (offset < 0) {
        result = neg_errno();
        goto out;
    }
    line_info = gpiod_chip_get_line_info(chip, (unsigned int)offset);
    if (!line_info) {
        result = neg_errno();
        goto out;
    }
    const char *chip_name = gpiod_chip_info_get_name(chip_info);
    const char *consumer = gpiod_line_info_get_consumer(line_info);
    snprintf(info->chip_path, sizeof info->chip_path, "%s", path);
    snprintf(info->chip_name, sizeof info->chip_name, "%s", chip_name ? chip_name : "");
    snprintf(info->chip_label, sizeof info->chip_label, "%s", label);
    info->offset = (unsigned int)offset;
    info->used = gpiod_line_info_is_used(line_info) ? 1 : 0;
    snprintf(info->consumer, sizeof info->consumer, "%s", consumer ? consumer : "");
    result = 0;
out:
    if (line_info) gpiod_line_info_free(line_info);
    if (chip_info) gpiod_chip_info_free(chip_info);
    gpiod_chip_close(chip);
    return result;
}

// Requests one line with `settings`; the caller keeps ownership of settings.
static int request_line(const char *chip_path, unsigned int offset, const char *consumer,
                        struct gpiod_line_settings *settings, unsigned int event_capacity, pw_gpio_request **out) {
    pw_gpio_request *request = calloc(1, sizeof *request);
    if (!request) return -ENOMEM;
    request->fd = -1;
    request->offset = offset;
    struct gpiod_line_config *line_config = NULL;
    struct gpiod_request_config *request_config = NULL;
    struct gpiod_chip *chip = NULL;
    int result;
    if (event_capacity) {
        request->buffer = gpiod_edge_event_buffer_new(event_capacity);
        if (!request->buffer) {
            result = neg_errno();
            goto out;
        }
        // The library caps the capacity (at 1024).
        request->capacity = (unsigned int)gpiod_edge_event_buffer_get_capacity(request->buffer);
    }
    line_config = gpiod_line_config_new();
    if (!line_config) {
        result = neg_errno();
        goto out;
    }
    if (gpiod_line_config_add_line_settings(line_config, &offset, 1, settings) < 0) {
        result = neg_errno();
        goto out;
    }
    request_config = gpiod_request_config_new();
    if (!request_config) {
        result = neg_errno();
        goto out;
    }
    if (consumer) gpiod_request_config_set_consumer(request_config, consumer);
    // Otherwise a burst longer than the kernel's 16-event FIFO is lost however large the buffer here is.
    if (request->capacity > V2_DEFAULT_KERNEL_EVENTS)
        gpiod_request_config_set_event_buffer_size(request_config, request->capacity);
    chip = gpiod_chip_open(chip_path);
    if (!chip) {
        result = neg_errno();
        goto out;
    }
    request->request = gpiod_chip_request_lines(chip, request_config, line_config);
    if (!request->request) {
        result = neg_errno();
        goto out;
    }
    if (event_capacity) {
        request->fd = gpiod_line_request_get_fd(request->request);
        // read() then never blocks, even if the FIFO was drained since the fd polled readable.
        result = set_nonblocking(request->fd);
        if (result < 0) goto out;
    }
    result = 0;
out:
    if (chip) gpiod_chip_close(chip);
    if (request_config) gpiod_request_config_free(request_config);
    if (line_config) gpiod_line_config_free(line_config);
    if (result < 0) {
        if (request->request) gpiod_line_request_release(request->request);
        if (request->buffer) gpiod_edge_event_buffer_free(request->buffer);
        free(request);
    } else {
        *out = request;
    }
    return result;
}

int pw_gpio_request_input(const char *chip_path, unsigned int offset, const char *consumer, int edge, int bias,
                          int active_low, unsigned int debounce_us, unsigned int event_capacity,
                          pw_gpio_request **out) {
    if (!chip_path || !out) return -EINVAL;
    enum gpiod_line_edge line_edge;
    switch (edge) {
    case PW_GPIO_EDGE_NONE: line_edge = GPIOD_LINE_EDGE_NONE; break;
    case PW_GPIO_EDGE_RISING: line_edge = GPIOD_LINE_EDGE_RISING; break;
    case PW_GPIO_EDGE_FALLING: line_edge = GPIOD_LINE_EDGE_FALLING; break;
    case PW_GPIO_EDGE_BOTH: line_edge = GPIOD_LINE_EDGE_BOTH; break;
    default: return -EINVAL;
    }
    enum gpiod_line_bias line_bias;
    switch (bias) {
    case PW_GPIO_BIAS_AS_IS: line_bias = GPIOD_LINE_BIAS_AS_IS; break;
    case PW_GPIO_BIAS_DISABLED: line_bias = GPIOD_LINE_BIAS_DISABLED; break;
    case PW_GPIO_BIAS_PULL_UP: line_bias = GPIOD_LINE_BIAS_PULL_UP; break;
    case PW_GPIO_BIAS_PULL_DOWN: line_bias = GPIOD_LINE_BIAS_PULL_DOWN; break;
    default: return -EINVAL;
    }
    if (edge != PW_GPIO_EDGE_NONE && event_capacity == 0) return -EINVAL;

    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    if (!settings) return neg_errno();
    int result;
    if (gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_INPUT) < 0 ||
        gpiod_line_settings_set_edge_detection(settings, line_edge) < 0 ||
        gpiod_line_settings_set_bias(settings, line_bias) < 0 ||
        gpiod_line_settings_set_event_clock(settings, GPIOD_LINE_CLOCK_MONOTONIC) < 0) {
        result = neg_errno();
    } else {
        gpiod_line_settings_set_active_low(settings, active_low != 0);
        gpiod_line_settings_set_debounce_period_us(settings, debounce_us);
        result = request_line(chip_path, offset, consumer, settings,
                              edge == PW_GPIO_EDGE_NONE ? 0 : event_capacity, out);
    }
    gpiod_line_settings_free(settings);
    return result;
}

int pw_gpio_request_output(const char *chip_path, unsigned int offset, const char *consumer, int initial,
                           int active_low, pw_gpio_request **out) {
    if (!chip_path || !out) return -EINVAL;
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    if (!settings) return neg_errno();
    int result;
    if (gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT) < 0 ||
        gpiod_line_settings_set_output_value(settings,
                                             initial ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE) < 0) {
        result = neg_errno();
    } else {
        gpiod_line_settings_set_active_low(settings, active_low != 0);
        result = request_line(chip_path, offset, consumer, settings, 0, out);
    }
    gpiod_line_settings_free(settings);
    return result;
}

int pw_gpio_read_events(pw_gpio_request *request, pw_gpio_event *events, int capacity) {
    if (!request || request->fd < 0 || capacity < 0 || (capacity > 0 && !events)) return -EINVAL;
    unsigned int count = (unsigned int)capacity < request->capacity ? (unsigned int)capacity : request->capacity;
    // A zero-length read() is EINVAL in the kernel.
    if (count == 0) return 0;
    int n = gpiod_line_request_read_edge_events(request->request, request->buffer, count);
    if (n < 0) {
        int e = errno;
        if (e == EAGAIN || e == EWOULDBLOCK) return 0;
        return e > 0 ? -e : -EIO;
    }
    for (int i = 0; i < n; i++) {
        struct gpiod_edge_event *event = gpiod_edge_event_buffer_get_event(request->buffer, (unsigned long)i);
        events[i].timestamp_ns = gpiod_edge_event_get_timestamp_ns(event);
        events[i].line_seqno = gpiod_edge_event_get_line_seqno(event);
        events[i].global_seqno = gpiod_edge_event_get_global_seqno(event);
        events[i].rising = gpiod_edge_event_get_event_type(event) == GPIOD_EDGE_EVENT_RISING_EDGE;
    }
    return n;
}

int pw_gpio_get_value(pw_gpio_request *request) {
    if (!request) return -EINVAL;
    enum gpiod_line_value value = gpiod_line_request_get_value(request->request, request->offset);
    if (value == GPIOD_LINE_VALUE_ERROR) return neg_errno();
    return value == GPIOD_LINE_VALUE_ACTIVE;
}

int pw_gpio_set_value(pw_gpio_request *request, int value) {
    if (!request) return -EINVAL;
    enum gpiod_line_value line_value = value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE;
    return gpiod_line_request_set_value(request->request, request->offset, line_value) < 0 ? neg_errno() : 0;
}

void pw_gpio_release(pw_gpio_request *request) {
    if (!request) return;
    gpiod_line_request_release(request->request);
    if (request->buffer) gpiod_edge_event_buffer_free(request->buffer);
    free(request);
}

#endif // PW_GPIO_API == 2

int pw_gpio_event_fd(pw_gpio_request *request) {
    if (!request || request->fd < 0) return -EINVAL;
    return request->fd;
}

#endif // PW_GPIO_API != 0
