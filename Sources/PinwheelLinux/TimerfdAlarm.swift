import CLinuxInterrupts
import Pinwheel
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The timer peripheral of real time: a `CLOCK_MONOTONIC` timerfd armed with absolute deadlines (IRQ 0). When it
/// fires, the vector's handler reads the expiration count, which ends the sleep.
struct TimerfdAlarm: ~Copyable {
    /// The timerfd.
    let fd: Int32
    /// Expirations read so far: written by the vector's handler through its context, so it has a fixed address.
    let expirations: UnsafeMutablePointer<UInt64>

    /// Creates the timerfd (non-blocking, close-on-exec), disarmed.
    init() throws(LinuxPlatformError) {
        let fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard fd >= 0 else { throw .systemCall("timerfd_create(CLOCK_MONOTONIC)", Errno.current) }
        self.fd = fd
        expirations = .allocate(capacity: 1)
        expirations.initialize(to: 0)
    }

    deinit {
        close(fd)
        expirations.deallocate()
    }

    /// Arms the timerfd for `deadline` (absolute), or disarms it (nil or the distant future).
    func arm(_ deadline: Instant?) {
        var spec = itimerspec()
        if let deadline, deadline != .distantFuture {
            // A zero it_value would disarm: a deadline at the epoch is long past, so make it 1 ns.
            let ticks = max(deadline.ticks, 1)
            spec.it_value = timespec(tv_sec: Int(ticks / 1_000_000_000), tv_nsec: Int(ticks % 1_000_000_000))
        }
        timerfd_settime(fd, Int32(TFD_TIMER_ABSTIME), &spec, nil)
    }

    /// The vector, with a handler that adds the expiration count to ``expirations``.
    var vector: DescriptorVector {
        DescriptorVector(fd: fd, handler: { fd, context in
            var count: UInt64 = 0
            // Safety: the context is `expirations`, which lives as long as the alarm, longer than any sleep.
            if read(fd, &count, 8) == 8 { context.unsafelyUnwrapped.assumingMemoryBound(to: UInt64.self).pointee &+= count }
        }, context: UnsafeMutableRawPointer(expirations))
    }
}
