import Synchronization

/// A bounded queue from interrupt handlers and threads to one task, in static storage: what ``Channel`` (any number
/// of senders) and ``SingleProducerChannel`` (one sender, no compare-and-swap) have in common.
///
/// A conforming type provides the queue itself, ``enqueue(_:from:)`` and ``tryReceive()``, and the parts both forms
/// share, ``signals``; this protocol's extension gives every channel the same API on top:
/// - ``trySend(_:from:)`` returns false when the channel is full, and ``rejected`` counts it (an interrupt handler's
///   choice: it cannot wait);
/// - ``send(_:)`` throws ``ChannelError/full(capacity:)``;
/// - ``sendWhenRoom(_:)`` is a future that waits until the receiver has taken an element (a task's choice);
/// - ``receive()`` is the receiving task's future.
///
/// A full channel never drops silently. A channel lives at a stable address (a global) while anything uses it, as an
/// executor does: its futures and its wakers point into it.
public protocol BoundedChannel: ~Copyable {
    /// What the channel carries: bitwise-copyable, so a handler never retains or releases.
    associatedtype Element: BitwiseCopyable

    /// How many elements it holds at most: its `capacity` type parameter.
    static var maximumCount: Int { get }

    /// Puts `value` in the next free place and wakes the receiver as `source`; false when the channel is full. It
    /// counts nothing: ``trySend(_:from:)`` is the send to call, and counts a refusal.
    func enqueue(_ value: Element, from source: WakeSource) -> Bool

    /// Takes the oldest element, if one has been published, and tells senders waiting for room. The receiving task
    /// only.
    func tryReceive() -> Element?

    /// Elements accepted since the channel was made (wrapping).
    var accepted: UInt { get }

    /// Elements sent and not yet received (a snapshot).
    var count: Int { get }

    /// The receiver's waker cell, the room notify and the refusal count, inside the channel (which does not move).
    var signals: UnsafePointer<ChannelSignals> { get }
}

extension BoundedChannel where Self: ~Copyable {
    /// Sends `value` if there is room, and wakes the receiver as `source` (an interrupt handler passes its IRQ, so
    /// the trace shows who woke the receiver). Returns false when the channel is full (counted in ``rejected``).
    /// Safe from a signal handler and from any thread (from one at a time for a ``SingleProducerChannel``).
    @inlinable @discardableResult
    public func trySend(_ value: Element, from source: WakeSource = .task) -> Bool {
        if enqueue(value, from: source) { return true }
        unsafe signals.pointee.refused.wrappingAdd(1, ordering: .relaxed)
        return false
    }

    /// Sends `value`, or throws ``ChannelError/full(capacity:)`` (counted in ``rejected``).
    @inlinable public func send(_ value: Element) throws(ChannelError) {
        guard trySend(value) else { throw .full(capacity: Self.maximumCount) }
    }

    /// A future for the next element. One task receives from a channel.
    @inlinable public func receive() -> Receive<Self> {
        // The address escapes on purpose: a channel's contract is a stable address (see above).
        unsafe withUnsafePointer(to: self) { unsafe Receive(channel: $0) }
    }

    /// A future that sends `value` once there is room: at once if there is, else after the receiver takes an
    /// element. For tasks of an executor of up to 64 slots.
    @inlinable public func sendWhenRoom(_ value: Element) -> SendWhenRoom<Self> {
        unsafe withUnsafePointer(to: self) { unsafe SendWhenRoom(channel: $0, value: value) }
    }

    /// Sends refused because the channel was full, since it was made.
    @inlinable public var rejected: UInt { unsafe signals.pointee.refused.load(ordering: .relaxed) }
}
