import Synchronization

/// Ends a ``LinuxPlatform`` run from a task, another thread or a signal handler: the run stops at its next idle
/// point (after the tasks that are ready have been polled), as after a shutdown signal, and returns `.stopped`.
///
/// A program with tasks that never finish (a blinker, a monitor) stops this way at the end of its duration. Use it
/// only while its platform lives.
public struct RunStopper: @unchecked Sendable {
    // Safety (Sendable): both pointers are to platform storage that lives as long as the platform and is touched only
    // through atomics and `write`.
    let word: UnsafePointer<Atomic<UInt32>>
    let doorbell: UnsafePointer<Doorbell.Shared>

    /// Asks the run to stop, and ends the executor's sleep so that it notices. Async-signal-safe.
    public func stop() {
        word.pointee.store(1, ordering: .releasing)
        // On the executor's thread the sleep reads the word before it sleeps (or a handler's return ends it).
        doorbell.pointee.ringFromAnotherThread()
    }

    /// Whether a stop was asked for.
    public var isStopRequested: Bool { word.pointee.load(ordering: .acquiring) != 0 }
}
