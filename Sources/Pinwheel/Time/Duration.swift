/// A span of time in nanoseconds, held in 64 bits (about 584 years).
///
/// Arithmetic saturates instead of trapping: a deadline computed far in the future stays far in the future
/// rather than wrapping round to the past or crashing an interrupt-driven program.
public struct Duration: Comparable, Hashable, Sendable, BitwiseCopyable {
    /// The length in nanoseconds.
    public var nanoseconds: UInt64

    /// A duration of `nanoseconds` nanoseconds.
    @inlinable public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// No time at all.
    public static let zero = Duration(nanoseconds: 0)
    /// The longest representable duration.
    public static let max = Duration(nanoseconds: .max)

    /// `n` nanoseconds.
    @inlinable public static func nanoseconds(_ n: UInt64) -> Duration { Duration(nanoseconds: n) }
    /// `n` microseconds, saturating.
    @inlinable public static func microseconds(_ n: UInt64) -> Duration { .scaled(n, by: 1_000) }
    /// `n` milliseconds, saturating.
    @inlinable public static func milliseconds(_ n: UInt64) -> Duration { .scaled(n, by: 1_000_000) }
    /// `n` seconds, saturating.
    @inlinable public static func seconds(_ n: UInt64) -> Duration { .scaled(n, by: 1_000_000_000) }

    @inlinable static func scaled(_ n: UInt64, by unit: UInt64) -> Duration {
        let (product, overflow) = n.multipliedReportingOverflow(by: unit)
        return Duration(nanoseconds: overflow ? .max : product)
    }

    @inlinable public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The sum, saturating at ``max``.
    @inlinable public static func + (lhs: Duration, rhs: Duration) -> Duration {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.nanoseconds)
        return Duration(nanoseconds: overflow ? .max : sum)
    }

    /// The difference, saturating at ``zero``.
    @inlinable public static func - (lhs: Duration, rhs: Duration) -> Duration {
        Duration(nanoseconds: lhs.nanoseconds > rhs.nanoseconds ? lhs.nanoseconds &- rhs.nanoseconds : 0)
    }

    /// `count` back-to-back copies of `lhs`, saturating at ``max``.
    @inlinable public static func * (lhs: Duration, count: UInt64) -> Duration { .scaled(count, by: lhs.nanoseconds) }

    /// How many whole `rhs` fit in `lhs`; a zero `rhs` gives `UInt64.max`.
    @inlinable public static func / (lhs: Duration, rhs: Duration) -> UInt64 {
        rhs.nanoseconds == 0 ? .max : lhs.nanoseconds / rhs.nanoseconds
    }
}
