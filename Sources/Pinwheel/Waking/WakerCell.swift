import Synchronization

/// Where a leaf future leaves its waker for an interrupt handler (or another thread) to wake.
///
/// A future registers its task's waker on every poll that returns pending; the handler calls ``wake(from:)``.
/// Registration and wake may race from any two contexts, including a signal handler interrupting the very task
/// that is registering: neither side ever waits for the other. The protocol (after the futures crate's
/// `AtomicWaker`): `state` guards the two waker words, which only the side that won `state` touches.
/// - register: take `registering`, write the waker, release; if a wake arrived meanwhile, wake it now.
/// - wake: set `waking`; if nobody was registering, take the waker and wake it.
///
/// A registered waker fires once; the future registers again when it is polled again.
@safe public struct WakerCell: ~Copyable, @unchecked Sendable {
    // Safety (@safe): the stored target is a waker's, valid while its executor is pinned; one owner at a time takes and
    // clears it.
    // Safety (Sendable): the state, the target and the slot are atomics, ordered by the state word's protocol.
    private static let idle: UInt = 0
    private static let registering: UInt = 1
    private static let waking: UInt = 2

    private let state = Atomic<UInt>(0)
    // The waker, split into words so that the side owning `state` can store it without a lock.
    private let target = unsafe Atomic<UnsafeRawPointer?>(nil)
    private let slot = Atomic<Int>(0)

    /// An empty cell.
    public init() {}

    /// Stores `waker`, replacing any earlier one, so that the next ``wake(from:)`` makes its task ready.
    public func register(_ waker: Waker) {
        let (won, seen) = state.compareExchange(
            expected: Self.idle, desired: Self.registering, ordering: .acquiring)
        guard won else {
            // A wake is running right now and may have read the old waker: wake the new one so its task polls
            // again and sees whatever the wake was about. A concurrent register (`registering`) means two tasks
            // share one cell, which the cell's contract forbids; the later one is dropped, as it would be overwritten.
            if seen & Self.waking != 0 { waker.wake() }
            return
        }
        unsafe target.store(UnsafeRawPointer(waker.target), ordering: .relaxed)
        slot.store(waker.slot, ordering: .relaxed)
        let (released, _) = state.compareExchange(
            expected: Self.registering, desired: Self.idle, ordering: .acquiringAndReleasing)
        if !released {
            // A wake arrived while we held the cell and deferred to us: do its work. An exchange, not a store, so
            // that a later wake's read-modify-write in between stays ordered before whatever our task reads next.
            let pending = takeStoredWaker()
            _ = state.exchange(Self.idle, ordering: .acquiringAndReleasing)
            pending?.wake()
        }
    }

    /// Wakes the registered waker, if any, and clears the cell. Safe from a signal handler and from any thread.
    /// Returns whether a waker was registered.
    @discardableResult
    public func wake(from source: WakeSource = .task) -> Bool {
        let before = state.bitwiseOr(Self.waking, ordering: .acquiringAndReleasing).oldValue
        guard before == Self.idle else {
            // A register is in progress (it will see `waking` and wake), or another wake is (it takes the waker).
            return before & Self.registering != 0
        }
        let waker = takeStoredWaker()
        state.bitwiseAnd(~Self.waking, ordering: .releasing)
        waker?.wake(from: source)
        return waker != nil
    }

    /// Removes the registered waker without waking it, for a future that no longer waits.
    public func clear() {
        let (won, _) = state.compareExchange(expected: Self.idle, desired: Self.registering, ordering: .acquiring)
        guard won else { return }
        _ = takeStoredWaker()
        state.store(Self.idle, ordering: .releasing)
    }

    /// Whether a waker is registered now. A snapshot, for tests and diagnostics.
    public var isRegistered: Bool { unsafe target.load(ordering: .acquiring) != nil }

    // Only the side that owns `state` calls this.
    private func takeStoredWaker() -> Waker? {
        guard let raw = unsafe target.exchange(nil, ordering: .relaxed) else { return nil }
        return unsafe Waker(target: raw.assumingMemoryBound(to: WakeTarget.self), slot: slot.load(ordering: .relaxed))
    }
}
