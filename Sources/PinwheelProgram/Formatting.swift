import Pinwheel

/// Formats a duration since the run started as seconds with microseconds: `1.250000 s`.
public func formatSeconds(_ duration: Duration) -> String {
    let micros = duration.nanoseconds / 1_000
    let fraction = String(micros % 1_000_000)
    return "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
}

/// A short human form of a duration: `850 ns`, `12.4 µs`, `3.2 ms`.
public func formatShort(_ duration: Duration) -> String {
    let ns = Double(duration.nanoseconds)
    if ns < 1_000 { return "\(duration.nanoseconds) ns" }
    if ns < 1_000_000 { return "\((ns / 100).rounded() / 10) µs" }
    if ns < 1_000_000_000 { return "\((ns / 100_000).rounded() / 10) ms" }
    return "\((ns / 100_000_000).rounded() / 10) s"
}

extension String {
    /// The string right-aligned in `width` columns (longer strings are left as they are).
    public func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }

    /// The string left-aligned in `width` columns (longer strings are left as they are).
    public func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
