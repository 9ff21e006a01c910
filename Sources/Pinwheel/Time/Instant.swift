/// A point in time: nanoseconds since the time driver's epoch, held in 64 bits.
///
/// Instants from different time drivers are not comparable in meaning; within one executor there is exactly one
/// driver. Arithmetic saturates: ``distantFuture`` plus anything is still ``distantFuture``.
public struct Instant: Comparable, Hashable, Sendable, BitwiseCopyable {
    /// Nanoseconds since the time driver's epoch.
    public var ticks: UInt64

    /// The instant `ticks` nanoseconds after the epoch.
    @inlinable public init(ticks: UInt64) { self.ticks = ticks }

    /// The driver's epoch.
    public static let zero = Instant(ticks: 0)
    /// Later than any deadline a program can reach; a timer set for it never fires.
    public static let distantFuture = Instant(ticks: .max)

    @inlinable public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.ticks < rhs.ticks }

    /// The instant `duration` later, saturating at ``distantFuture``.
    @inlinable public static func + (lhs: Instant, rhs: Duration) -> Instant {
        let (sum, overflow) = lhs.ticks.addingReportingOverflow(rhs.nanoseconds)
        return Instant(ticks: overflow ? .max : sum)
    }

    /// The instant `duration` earlier, saturating at ``zero``.
    @inlinable public static func - (lhs: Instant, rhs: Duration) -> Instant {
        Instant(ticks: lhs.ticks > rhs.nanoseconds ? lhs.ticks &- rhs.nanoseconds : 0)
    }

    /// The time from `rhs` to `lhs`, or ``Duration/zero`` if `rhs` is later.
    @inlinable public static func - (lhs: Instant, rhs: Instant) -> Duration {
        Duration(nanoseconds: lhs.ticks > rhs.ticks ? lhs.ticks &- rhs.ticks : 0)
    }
}
