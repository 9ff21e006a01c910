/// Observes an executor: polls, idling, and (through a ``WakeHook``) every wake with its source.
///
/// The executor is generic over its trace, so with ``NoTrace`` every call specialises to nothing and
/// observability costs nothing when off. A trace's methods run on the executor's thread between polls; only the
/// wake hook runs in the waking context.
public protocol ExecutorTrace: ~Copyable {
    /// The task in `slot` is about to be polled.
    mutating func pollStarted(slot: Int, context: Context)
    /// The task in `slot` was polled; `finished` if it completed and freed its slot.
    mutating func pollEnded(slot: Int, finished: Bool, context: Context)
    /// No task was ready and the executor is about to sleep.
    mutating func idleEntered()
    /// The sleep ended.
    mutating func idleExited()
    /// A hook for every wake, or nil. Called once when a run starts, with this trace at a fixed address that
    /// lasts the run, so the hook may point into it; `slots` is the task table's capacity.
    mutating func wakeHook(slots: Int) -> WakeHook?
}

extension ExecutorTrace where Self: ~Copyable {
    @inlinable public mutating func pollStarted(slot: Int, context: Context) {}
    @inlinable public mutating func pollEnded(slot: Int, finished: Bool, context: Context) {}
    @inlinable public mutating func idleEntered() {}
    @inlinable public mutating func idleExited() {}
    @inlinable public mutating func wakeHook(slots: Int) -> WakeHook? { nil }
}

/// The trace that observes nothing and costs nothing.
public struct NoTrace: ExecutorTrace, Sendable {
    // One byte, never read: it gives each run's trace an address of its own. An empty type's every value shares
    // one placeholder address, and ThreadSanitizer took two executors on two threads, each pinning its own empty
    // trace, for a race on that address. The optimiser removes the byte.
    @usableFromInline var unused: UInt8 = 0

    /// No trace.
    @inlinable public init() {}
}
