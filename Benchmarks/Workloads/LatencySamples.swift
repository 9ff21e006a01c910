/// Latencies in nanoseconds, sorted, and the statistics the latency benchmarks report.
public struct LatencySamples {
    /// The samples, smallest first.
    public let sorted: [UInt64]

    /// Samples from any sequence of latencies.
    public init<S: Sequence<UInt64>>(_ values: S) { sorted = values.sorted() }

    /// The sample below which a fraction `p` of them lies.
    public func percentile(_ p: Double) -> UInt64 { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    /// The median.
    public var median: UInt64 { percentile(0.5) }
    /// The 99th percentile.
    public var p99: UInt64 { percentile(0.99) }
    /// The largest.
    public var max: UInt64 { sorted.last! }
    /// The mean.
    public var mean: Double { Double(sorted.reduce(0, +)) / Double(sorted.count) }
}
