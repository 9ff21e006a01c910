import CFutex
import Synchronization

/// A Linux futex on a 32-bit atomic word: sleep while it holds a value, wake its sleepers. Neither call allocates;
/// ``wake(_:)`` is async-signal-safe.
public enum Futex {
    /// Sleeps while `word` holds `expected`, until woken, or for at most `timeout` nanoseconds when one is given
    /// (or a spurious return: callers re-check their condition).
    public static func wait(_ word: UnsafePointer<Atomic<UInt32>>, whileEqualTo expected: UInt32, timeout: UInt64? = nil) {
        let deadline = timeout.map { pw_monotonic_ns() &+ $0 } ?? 0
        // Safety: an Atomic<UInt32> is a UInt32 in memory; the futex only reads it atomically.
        _ = pw_futex_wait(UnsafeRawPointer(word).assumingMemoryBound(to: UInt32.self), expected, deadline)
    }

    /// Wakes every thread sleeping on `word`.
    public static func wake(_ word: UnsafePointer<Atomic<UInt32>>) {
        _ = pw_futex_wake(UnsafeRawPointer(word).assumingMemoryBound(to: UInt32.self), Int32.max)
    }
}
