import Synchronization

/// A bounded queue from one sender (an interrupt handler, a thread, a task) to one task: `capacity` elements in
/// static storage. The sender owns the send position outright, so sending has no compare-and-swap loop: on a
/// Cortex-M that is no `ldrex`/`strex` retry in the handler.
///
/// Exactly one context sends at a time (one interrupt handler, say); with several, use ``Channel``. The API is
/// ``BoundedChannel``'s, as for ``Channel``: ``BoundedChannel/trySend(_:from:)`` (full: false, and counted),
/// ``BoundedChannel/send(_:)``, ``BoundedChannel/sendWhenRoom(_:)``, ``BoundedChannel/receive()``.
public struct SingleProducerChannel<Element: BitwiseCopyable, let capacity: Int>: BoundedChannel, ~Copyable,
    @unchecked Sendable
{
    // Safety (Sendable): the sender and the receiver share only atomics (the ring's cell sequences and positions, the
    // signals); an element is written before its cell's release store and read after the matching acquire load.
    @usableFromInline let ring = ChannelRing<Element, capacity>()
    @usableFromInline let shared = ChannelSignals()

    /// An empty channel.
    public init() {}

    /// How many elements it holds at most: `capacity`.
    @inlinable public static var maximumCount: Int { capacity }

    /// Puts `value` in the next free position and wakes the receiver as `source`; false when full. One sender.
    @inlinable public func enqueue(_ value: Element, from source: WakeSource) -> Bool {
        let position = ring.tail.load(ordering: .relaxed)  // ours: only the one sender writes it
        // Not free yet: the receiver has not taken the element from a lap ago (the only other sequence a cell can
        // show a single sender).
        guard ring.lag(at: position) == 0 else { return false }
        ring.publish(value, at: position)
        ring.tail.store(position &+ 1, ordering: .relaxed)
        shared.receiver.wake(from: source)
        return true
    }

    /// Takes the oldest element, if one has been published, and tells senders waiting for room. The receiving task
    /// only.
    @inlinable public func tryReceive() -> Element? {
        guard let value = ring.take() else { return nil }
        shared.room.notify(from: .task)
        return value
    }

    /// Elements sent and not yet received (a snapshot).
    public var count: Int { ring.count }

    /// Elements accepted since the channel was made (wrapping).
    public var accepted: UInt { ring.tail.load(ordering: .relaxed) }

    /// The receiver's waker cell, the room notify and the refusal count.
    @inlinable public var signals: UnsafePointer<ChannelSignals> {
        // Safety: the channel does not move while used (its contract), and the signals hold atomics, so this is
        // their address in the channel.
        unsafe withUnsafePointer(to: shared) { unsafe $0 }
    }
}
