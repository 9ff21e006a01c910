import Synchronization

/// The parts every ``BoundedChannel`` keeps beside its queue: the receiving task's waker cell, the bitmap of tasks
/// waiting for room, and the count of refused sends.
public struct ChannelSignals: ~Copyable, @unchecked Sendable {
    // Safety (Sendable): every field is an atomic or a WakerCell (atomics only).
    /// Where the receiving task leaves its waker; each accepted send wakes it.
    @usableFromInline let receiver = WakerCell()
    /// Tasks waiting for room (``BoundedChannel/sendWhenRoom(_:)``): a task-slot bitmap of one executor of up to 64
    /// tasks, notified each time the receiver takes an element.
    @usableFromInline let room = Notify<1>()
    /// Sends refused because the channel was full.
    @usableFromInline let refused = Atomic<UInt>(0)

    /// Empty: no receiver, no one waiting, nothing refused.
    @inlinable public init() {}

    @inlinable deinit {}
}
