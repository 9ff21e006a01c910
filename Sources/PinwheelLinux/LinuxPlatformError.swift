import CLinuxInterrupts
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Why the Linux platform could not start or bind an interrupt source: what failed, and how to fix it.
public enum LinuxPlatformError: Error, Equatable, CustomStringConvertible {
    /// A system call failed: the call, and the `errno` it left.
    case systemCall(String, Errno)
    /// Every interrupt vector is bound; the capacity is the platform's `vectors` parameter.
    case vectorTableFull(capacity: Int)
    /// The signal cannot be an interrupt: SIGKILL, SIGSTOP, a signal the C library reserves, or out of range.
    case unusableSignal(Int32)
    /// The signal is already bound to a vector of this platform.
    case signalAlreadyBound(Int32)
    /// Another Linux platform in this process already handles the signal.
    case signalHandledElsewhere(Int32)
    /// Real-time scheduling at this priority is not permitted for this process.
    case realtimeSchedulingNotPermitted(priority: Int32)
    /// This process may not write `/dev/cpu_dma_latency`.
    case cpuWakeLatencyNotPermitted
    /// The real-time priority is outside what SCHED_FIFO accepts.
    case realtimePriorityOutOfRange(Int32, range: ClosedRange<Int32>)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .systemCall(let call, let errno):
            "\(call) failed: \(errno) (errno \(errno.rawValue))"
        case .vectorTableFull(let capacity):
            "the interrupt vector table is full (\(capacity) vectors, two of them the timer and the doorbell): "
                + "raise the platform's vector capacity"
        case .unusableSignal(let signo):
            "signal \(signo) cannot be an interrupt: use SIGUSR1, SIGUSR2, SIGINT, SIGTERM, SIGHUP, SIGALRM or "
                + "SIGRTMIN+n (n from 0 to \(pw_sigrtmax() - pw_sigrtmin()))"
        case .signalAlreadyBound(let signo):
            "signal \(signo) is already bound to an interrupt vector of this platform"
        case .signalHandledElsewhere(let signo):
            "signal \(signo) is already an interrupt of another Linux platform in this process: release that one first"
        case .realtimeSchedulingNotPermitted(let priority):
            "SCHED_FIFO priority \(priority) is not permitted: run as root, grant CAP_SYS_NICE "
                + "(setcap cap_sys_nice+ep on the binary), or raise RLIMIT_RTPRIO (`ulimit -r \(priority)`, "
                + "or rtprio in /etc/security/limits.conf)"
        case .cpuWakeLatencyNotPermitted:
            "/dev/cpu_dma_latency is not writable: run as root, or add a udev rule such as "
                + "KERNEL==\"cpu_dma_latency\", GROUP=\"realtime\", MODE=\"0660\" and join that group"
        case .realtimePriorityOutOfRange(let priority, let range):
            "real-time priority \(priority) is out of range: SCHED_FIFO takes \(range.lowerBound) to \(range.upperBound)"
        }
    }
}
