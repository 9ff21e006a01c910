import Synchronization

/// A bounded queue from any number of interrupt handlers and threads to one task: `capacity` elements in static
/// storage, sent lock-free from anywhere, received by one task through a future.
///
/// Sending is lock-free and allocation-free, so it is safe in a signal handler, an interrupt service routine and
/// any thread, by any number of senders at once (a bounded multi-producer ring with a sequence number per cell, after
/// Dmitry Vyukov's). With one sender, ``SingleProducerChannel`` does the same without compare-and-swap. The API,
/// shared by both, is ``BoundedChannel``'s: ``BoundedChannel/trySend(_:from:)``, ``BoundedChannel/send(_:)``,
/// ``BoundedChannel/sendWhenRoom(_:)``, ``BoundedChannel/receive()``.
public struct Channel<Element: BitwiseCopyable, let capacity: Int>: BoundedChannel, ~Copyable, @unchecked Sendable {
    // Safety (Sendable): senders claim a cell with a compare-and-swap on the send position; an element is written
    // before its cell's release store and read after the matching acquire load; the rest is atomics.
    @usableFromInline let ring = ChannelRing<Element, capacity>()
    @usableFromInline let shared = ChannelSignals()

    /// An empty channel.
    public init() {}

    /// How many elements it holds at most: `capacity`.
    @inlinable public static var maximumCount: Int { capacity }

    /// Puts `value` in the next free position and wakes the receiver as `source`; false when full. Any number of
    /// senders at once: each claims its position with a compare-and-swap on `tail`.
    @inlinable public func enqueue(_ value: Element, from source: WakeSource) -> Bool {
        var position = ring.tail.load(ordering: .relaxed)
        while true {
            let lag = ring.lag(at: position)
            if lag == 0 {
                // The cell is free for this position: claim the position, then fill the cell and publish it.
                let (claimed, seen) = ring.tail.weakCompareExchange(
                    expected: position, desired: position &+ 1, ordering: .relaxed)
                if claimed {
                    ring.publish(value, at: position)
                    shared.receiver.wake(from: source)
                    return true
                }
                position = seen
            } else if lag < 0 {
                return false  // the cell still holds the element from one lap ago: full
            } else {
                position = ring.tail.load(ordering: .relaxed)  // another sender took this position
            }
        }
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
