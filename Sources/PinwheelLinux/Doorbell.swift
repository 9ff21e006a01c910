import CLinuxInterrupts
import Pinwheel
import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The doorbell: an eventfd in the vector table (IRQ 1) that ends the executor's sleep on another thread's behalf.
///
/// It is rung only from another thread: by the ``pender`` when a wake finds the executor asleep, by a
/// ``RunStopper``, and by a signal handler that ran on another thread and had no task to wake (so the executor
/// still looks at the signal: a shutdown). A wake on the executor's own thread never rings it: the only one that
/// can find the executor asleep comes from a signal handler running inside `ppoll`, and that handler's return ends
/// the `ppoll` by itself (EINTR). Ringing there cost an extra idle round to drain the bell.
struct Doorbell: ~Copyable {
    /// What handlers and other threads reach: one allocation at a fixed address, alive as long as the doorbell.
    struct Shared: ~Copyable {
        /// The eventfd.
        let fd: Int32
        /// The executor's thread (`pthread_self()`), recorded when a run starts; 0 before the first run.
        let executorThread = Atomic<UInt>(0)

        init(fd: Int32) { self.fd = fd }

        /// Rings unless called on the executor's thread. Async-signal-safe: an atomic load, `pthread_self` (a
        /// thread-pointer read) and `write`.
        func ringFromAnotherThread() {
            guard pthread_self() != executorThread.load(ordering: .relaxed) else { return }
            let savedErrno = errno
            var one: UInt64 = 1
            _ = write(fd, &one, 8)
            errno = savedErrno
        }
    }

    let shared: UnsafeMutablePointer<Shared>

    /// Opens the eventfd (non-blocking, close-on-exec).
    init() throws(LinuxPlatformError) {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw .systemCall("eventfd", Errno.current) }
        shared = .allocate(capacity: 1)
        shared.initialize(to: Shared(fd: fd))
    }

    deinit {
        close(shared.pointee.fd)
        shared.deinitialize(count: 1)
        shared.deallocate()
    }

    /// The eventfd.
    var fd: Int32 { shared.pointee.fd }

    /// Records the calling thread as the executor's; called when a run starts, on that thread.
    func bindExecutorThread() {
        shared.pointee.executorThread.store(pthread_self(), ordering: .relaxed)
    }

    /// The pender a run installs: a wake that found the executor asleep rings the bell, from another thread only.
    var pender: Pender {
        Pender(context: UnsafeMutableRawPointer(shared)) { _, context in
            // Safety: the context is `shared`, which lives until the doorbell is dropped, after every run.
            context.unsafelyUnwrapped.assumingMemoryBound(to: Shared.self).pointee.ringFromAnotherThread()
        }
    }

    /// The vector's handler, run when the eventfd is readable: drains it (the wake it stood for is in the ready bits).
    static let drain: LinuxPlatform.DescriptorHandler = { fd, _ in
        var count: UInt64 = 0
        _ = read(fd, &count, 8)
    }
}
