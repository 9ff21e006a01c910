import CFutex
import Pinwheel

/// A platform for an ordinary Linux thread: `CLOCK_MONOTONIC` for time and a futex for "wait for interrupt".
///
/// It has no interrupt controller (that is the Linux platform's job): wakes come from tasks, from other threads
/// and from the timer alarm, which is the futex wait's deadline. Under the <doc:/documentation/Pinwheel/IdleHook> contract the sleep is a
/// futex wait on `WakeTarget/state` expecting the value with `WakeTarget/sleeping` set; a waker on another
/// thread clears that bit and wakes the futex (the `Pender`), so a wake between the executor's re-check and
/// the wait makes the wait return at once instead of being lost.
public struct HostPlatform: Platform, ~Copyable {
    /// The armed alarm.
    public private(set) var alarm: Instant?
    /// Futex waits that returned; each is one sleep of the executor.
    public private(set) var sleeps: UInt64 = 0

    /// A host platform with no alarm.
    public init() {}

    /// `CLOCK_MONOTONIC` now.
    public func now() -> Instant { MonotonicClock.now }

    /// Sets the deadline for the next sleep.
    public mutating func schedule(at deadline: Instant?) { alarm = deadline }

    /// Reads `CLOCK_MONOTONIC`; needs no state.
    public static var readClock: ClockReader.Function { MonotonicClock.read }

    /// Wakes the futex the executor sleeps on.
    public mutating func pender() -> Pender? {
        Pender { target, _ in
            _ = pw_futex_wake(target.assumingMemoryBound(to: WakeTarget.self).pointee.stateAddress, 1)
        }
    }

    /// Waits on the futex until a pender call or the alarm, if nothing is ready.
    public mutating func sleep(_ target: borrowing WakeTarget, whileIdle isIdle: () -> Bool) -> IdleOutcome {
        guard isIdle() else { return .resumed }
        let expected = target.state.load(ordering: .sequentiallyConsistent)
        // A waker already cleared `sleeping`: its bit is set, so there is nothing to wait for. (A waker passing
        // through the slow path changes the word too; the wait then returns at once and the executor looks again.)
        guard expected & WakeTarget.sleeping != 0 else { return .resumed }
        // 0 means "no deadline" to pw_futex_wait; a real deadline is never 0 on CLOCK_MONOTONIC.
        let deadline = alarm.map { $0 == .distantFuture ? 0 : max($0.ticks, 1) } ?? 0
        _ = pw_futex_wait(target.stateAddress, expected, deadline)
        sleeps &+= 1
        return .resumed
    }
}
