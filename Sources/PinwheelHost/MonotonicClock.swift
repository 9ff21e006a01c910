import CFutex
import Pinwheel

/// `CLOCK_MONOTONIC`: the one reader of real time that every hosted layer uses (the host and Linux platforms, the
/// simulated chip's default clock, the flash command's deadlines).
public enum MonotonicClock {
    /// Nanoseconds on `CLOCK_MONOTONIC`.
    public static func nanoseconds() -> UInt64 { pw_monotonic_ns() }

    /// `CLOCK_MONOTONIC` now, as an `Instant`.
    public static var now: Instant { Instant(ticks: pw_monotonic_ns()) }

    /// A `ClockReader` function that reads `CLOCK_MONOTONIC` and needs no driver.
    public static var read: ClockReader.Function { { _ in pw_monotonic_ns() } }
}
