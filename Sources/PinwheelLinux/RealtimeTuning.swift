import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The real-time knobs of the executor's thread: `SCHED_FIFO` priority and the CPU wake-latency request. Each is
/// undone when the tuning is dropped (with its platform).
struct RealtimeTuning: ~Copyable {
    /// /dev/cpu_dma_latency, held open while the request stands: the kernel keeps it only while it is open.
    private(set) var wakeLatencyRequest: Int32 = -1
    /// The thread's scheduling before the first ``setPriority(_:)``.
    private var schedulingAtStart: (policy: Int32, parameters: sched_param)?

    init() {}

    deinit {
        if let (policy, parameters) = schedulingAtStart {
            var parameters = parameters
            pthread_setschedparam(pthread_self(), policy, &parameters)
        }
        if wakeLatencyRequest >= 0 { close(wakeLatencyRequest) }
    }

    /// Runs this thread under `SCHED_FIFO` at `priority`.
    mutating func setPriority(_ priority: Int32) throws(LinuxPlatformError) {
        let range = sched_get_priority_min(SCHED_FIFO)...sched_get_priority_max(SCHED_FIFO)
        guard range.contains(priority) else { throw .realtimePriorityOutOfRange(priority, range: range) }
        var policy: Int32 = 0
        var previous = sched_param()
        pthread_getschedparam(pthread_self(), &policy, &previous)
        var parameters = sched_param(sched_priority: priority)
        switch pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters) {
        case 0: break
        case EPERM: throw .realtimeSchedulingNotPermitted(priority: priority)
        case let failure: throw .systemCall("pthread_setschedparam(SCHED_FIFO, \(priority))", Errno(rawValue: failure))
        }
        if schedulingAtStart == nil { schedulingAtStart = (policy, previous) }
    }

    /// Asks the kernel to keep every CPU's wake-up latency at or under `microseconds`.
    mutating func limitWakeLatency(microseconds: Int32) throws(LinuxPlatformError) {
        let fd = wakeLatencyRequest >= 0 ? wakeLatencyRequest : open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let failure = Errno.current
            if failure == .permissionDenied || failure == .notPermitted { throw .cpuWakeLatencyNotPermitted }
            throw .systemCall("open(/dev/cpu_dma_latency)", failure)
        }
        wakeLatencyRequest = fd
        var value = microseconds
        guard write(fd, &value, 4) == 4 else { throw .systemCall("write(/dev/cpu_dma_latency)", Errno.current) }
    }
}
