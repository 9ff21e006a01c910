/// A platform whose time moves only when told: timers in tests and simulations are exact and instant.
///
/// ``advance(by:)`` moves time by hand. When the executor idles, ``sleep(_:whileIdle:)`` jumps time straight to
/// the armed alarm, so `run` plays a whole timed program in no real time, deterministically. With no alarm and
/// nothing ready, nothing can ever happen again (a virtual clock has no other interrupts), so it tells the
/// executor to stop.
///
/// It is for one thread: wakes from other threads do not end its sleep.
public struct VirtualClock: TimeDriver, IdleHook, Sendable {
    /// The current virtual instant.
    public private(set) var current: Instant
    /// The armed alarm.
    public private(set) var alarm: Instant?
    /// How many times the executor idled and time jumped to the alarm.
    public private(set) var jumps: UInt64 = 0

    /// A clock reading `start`.
    public init(start: Instant = .zero) { current = start }

    /// Moves time forward by `duration`.
    public mutating func advance(by duration: Duration) { current = current + duration }

    /// Moves time forward to `instant`; an instant in the past leaves the clock where it is (time is monotonic).
    public mutating func advance(to instant: Instant) { current = max(current, instant) }

    /// The current virtual instant.
    public func now() -> Instant { current }

    /// Arms (or disarms) the alarm.
    public mutating func schedule(at deadline: Instant?) { alarm = deadline }

    /// Reads ``current`` through the clock's address.
    public static var readClock: ClockReader.Function {
        { unsafe $0!.assumingMemoryBound(to: VirtualClock.self).pointee.current.ticks }
    }

    /// No pender: nothing outside the executor's thread wakes a virtual clock.
    public mutating func pender() -> Pender? { nil }

    /// Jumps to the alarm if one is armed and nothing is ready; stops if nothing is armed either.
    public mutating func sleep(_ target: borrowing WakeTarget, whileIdle isIdle: () -> Bool) -> IdleOutcome {
        guard isIdle() else { return .resumed }
        return jumpToAlarm() ? .resumed : .stop
    }

    /// Jumps to the armed alarm (never backwards) and counts the jump; false when no alarm is armed. The idle step
    /// of every virtual-time platform: this clock's own ``sleep(_:whileIdle:)`` and the Linux platform's.
    public mutating func jumpToAlarm() -> Bool {
        guard let alarm, alarm != .distantFuture else { return false }
        advance(to: alarm)
        jumps &+= 1
        return true
    }
}
