import Synchronization

/// A latest-value cell: an interrupt handler (or any thread) stores a value, and one waiting task takes it.
///
/// The value lives in one atomic word, with `UInt.max` meaning empty. ``signal(_:from:)`` is a store and a wake;
/// ``take()`` is an exchange with empty. Both are wait-free, so a handler that interrupts a task in the middle
/// of taking can never deadlock with it. Values signalled faster than the task takes them are overwritten: the
/// task always receives the latest, and ``overwritten`` counts the ones it never saw.
///
/// A signal must live at a stable address, such as a global, while futures from ``next()`` exist. One task waits
/// on it at a time.
public struct Signal<Value: SignalValue>: ~Copyable, @unchecked Sendable {
    // Safety (Sendable): the value and the waiter are atomics (a WakerCell is atomics only).
    private static var empty: UInt { .max }

    private let slot = Atomic<UInt>(.max)
    private let lost = Atomic<UInt>(0)
    private let waiter = WakerCell()

    /// An empty signal.
    public init() {}

    /// Stores `value`, replacing any value not yet taken, and wakes the waiting task. Safe from a signal
    /// handler and from any thread.
    public func signal(_ value: Value, from source: WakeSource = .signal) {
        if slot.exchange(value.signalBits, ordering: .acquiringAndReleasing) != Self.empty {
            lost.wrappingAdd(1, ordering: .relaxed)
        }
        waiter.wake(from: source)
    }

    /// Takes the value, leaving the signal empty; `nil` if there is none.
    public func take() -> Value? {
        let bits = slot.exchange(Self.empty, ordering: .acquiringAndReleasing)
        return bits == Self.empty ? nil : Value(signalBits: bits)
    }

    /// Whether a value is waiting.
    public var isSignalled: Bool { slot.load(ordering: .acquiring) != Self.empty }

    /// How many values were replaced before any task took them.
    public var overwritten: UInt { lost.load(ordering: .relaxed) }

    /// Takes the value if there is one; otherwise registers the task's waker and is pending.
    public func poll(_ context: Context) -> Poll<Value> {
        // Register before looking, so a value stored between the two still wakes us.
        waiter.register(context.waker)
        if let value = take() { return .ready(value) }
        return .pending
    }

    /// A future that completes with the next value.
    ///
    /// `@unsafe` (SE-0458): the future keeps this signal's address, so the signal must stay where it is (a global, a
    /// pinned value) for as long as the future exists. Strict-memory-safety code writes `unsafe signal.next()`.
    @unsafe public func next() -> SignalFuture<Value> {
        // The address escapes on purpose: the signal's contract is a stable address.
        unsafe withUnsafePointer(to: self) { unsafe SignalFuture(signal: $0) }
    }
}

/// A future that completes with a ``Signal``'s next value; from ``Signal/next()``.
@safe public struct SignalFuture<Value: SignalValue>: Future {
    // Safety (@safe): the future holds the address of its signal, which its contract keeps in place (a global) while
    // futures from it exist.
    private let signal: UnsafePointer<Signal<Value>>

    init(signal: UnsafePointer<Signal<Value>>) { unsafe self.signal = signal }

    /// Ready with the value, once there is one.
    public mutating func poll(_ context: Context) -> Poll<Value> { unsafe signal.pointee.poll(context) }
}
