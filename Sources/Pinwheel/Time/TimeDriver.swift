/// A platform's clock and its one alarm: what the executor's timer queue runs on.
///
/// The executor keeps deadlines in its ``TimerQueue`` and arms the driver's single alarm for the earliest one,
/// as embassy's time driver does. After arming it reads ``now()`` again and expires anything already due, so a
/// deadline that passes while the alarm is being armed is never lost. When the alarm fires it must end the
/// executor's sleep (see ``IdleHook``).
public protocol TimeDriver: ~Copyable {
    /// The current instant. Monotonic: it never goes backwards.
    func now() -> Instant

    /// Arms the alarm for `deadline` (replacing any earlier setting), or disarms it when `deadline` is nil.
    mutating func schedule(at deadline: Instant?)

    /// Reads the clock given this driver's address. Implement it with a closure that captures nothing, such as
    /// `{ $0!.assumingMemoryBound(to: Self.self).pointee.now().ticks }`.
    static var readClock: ClockReader.Function { get }
}
