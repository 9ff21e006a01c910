import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ends a ``LinuxPlatform`` run from a task, another thread or a signal handler: the run stops at its next idle
/// point (after the tasks that are ready have been polled), as after a shutdown signal, and returns `.stopped`.
///
/// A program with tasks that never finish (a blinker, a monitor) stops this way at the end of its duration. Use it
/// only while its platform lives.
public struct RunStopper: @unchecked Sendable {
    let word: UnsafeMutablePointer<Atomic<UInt32>>
    let doorbell: Int32

    /// Asks the run to stop, and ends the executor's sleep so that it notices. Async-signal-safe.
    public func stop() {
        word.pointee.store(1, ordering: .releasing)
        var one: UInt64 = 1
        _ = write(doorbell, &one, 8)
    }

    /// Whether a stop was asked for.
    public var isStopRequested: Bool { word.pointee.load(ordering: .acquiring) != 0 }
}
