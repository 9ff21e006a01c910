import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// Interrupt-to-task latency: for each SENSOR edge, the time from the edge's timestamp (the kernel's, or the
/// simulated chip's) to the task running, as a histogram.
public struct LatencyProbe: Program {
    /// Rising edges measured before the demo prints its histogram and ends.
    static let samples = 100
    /// Bucket upper bounds, in nanoseconds; the last bucket is everything above.
    static let bounds: [UInt64] = [1_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]

    /// The name to flash it by.
    public static let name = "latency"
    /// What it shows.
    public static let summary = "histogram of interrupt-to-task latency on SENSOR edges"
    /// What to watch while it runs.
    public static let guide = "Each SENSOR rising edge is timed from its timestamp to the task running; after \(samples) edges the histogram is printed."
    /// Its inputs on the simulated board.
    public static let stimulus = "every 10ms pulse SENSOR for 2ms \(samples) times"
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = nil

    let sensor = InputLine("SENSOR", edges: .rising, bias: .pullDown, purpose: "edges are timed")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("latency") { await Self.measure($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    static func measure(_ io: TaskEnvironment, _ program: Self) async {
        let sensor = program.sensor
        // The bucket labels are made before the first await, with the rest of the task's start-up.
        var histogram = Histogram(labels: Histogram.labels())
        io.atStop { histogram.print(to: io) }
        while histogram.taken < samples {
            // Edges lost before this one are counted in the histogram's report rather than warned about one by one.
            let report = await sensor.edge(warnsOfLosses: false).value
            histogram.add(Instant.now - report.event.timestamp, lostBefore: report.droppedBefore)
        }
        histogram.print(to: io)
    }

    /// Latencies counted into ``bounds``' buckets, with the mean, the worst and the edges lost.
    struct Histogram {
        let labels: [String]
        var counts = [Int](repeating: 0, count: LatencyProbe.bounds.count + 1)
        var taken = 0
        var lost: UInt64 = 0
        var worst = Duration.zero
        var total: UInt64 = 0

        mutating func add(_ latency: Duration, lostBefore: UInt64) {
            lost += lostBefore
            var bucket = 0
            while bucket < LatencyProbe.bounds.count, latency.nanoseconds >= LatencyProbe.bounds[bucket] { bucket += 1 }
            counts[bucket] += 1
            worst = max(worst, latency)
            total += latency.nanoseconds
            taken += 1
        }

        /// Each bucket's label: `1.0 µs – 2.0 µs`, the last `≥ 1.0 ms`.
        static func labels() -> [String] {
            var lower: UInt64 = 0
            var labels: [String] = []
            for upper in LatencyProbe.bounds {
                labels.append("\(formatShort(.nanoseconds(lower))) – \(formatShort(.nanoseconds(upper)))")
                lower = upper
            }
            return labels + ["≥ \(formatShort(.nanoseconds(lower)))"]
        }

        func print(to io: TaskEnvironment) {
            guard taken > 0 else { return io.log("no SENSOR edges measured") }
            io.log("interrupt-to-task latency over \(taken) edges (\(io.realTime ? "real time" : "virtual time: 0 by construction")):")
            var widest = 1
            for index in counts.indices where counts[index] > widest { widest = counts[index] }
            for index in counts.indices {
                let (label, count) = (labels[index], counts[index])
                io.log("\(label, leftAlignedIn: 19) \(count, rightAlignedIn: 5) \(repeating: "█", count: count == 0 ? 0 : max(1, count * 40 / widest))")
            }
            io.log("mean \(short: .nanoseconds(total / UInt64(taken))), worst \(short: worst), edges lost \(lost)")
        }
    }
}
