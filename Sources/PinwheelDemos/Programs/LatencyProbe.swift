import Pinwheel
import PinwheelGPIO

/// Interrupt-to-task latency: for each SENSOR edge, the time from the edge's timestamp (the kernel's, or the
/// simulated chip's) to the task running, as a histogram.
public enum LatencyProbe {
    /// Rising edges measured before the demo prints its histogram and ends.
    static let samples = 100
    /// Bucket upper bounds, in nanoseconds; the last bucket is everything above.
    static let bounds: [UInt64] = [1_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]

    /// The demo.
    public static let demo = Demo(
        name: "latency",
        summary: "histogram of interrupt-to-task latency on SENSOR edges",
        guide: "Each SENSOR rising edge is timed from its timestamp to the task running; after \(samples) edges the histogram is printed.",
        lines: [DemoLine("SENSOR", .input(InputSettings(edges: .rising, bias: .pullDown)), "edges are timed")],
        stimulus: "every 10ms pulse SENSOR for 2ms \(samples) times",
        runLength: nil,
        program: { io in [Task(io: io)] })

    final class Task: DemoTask {
        let name = "latency"
        let io: DemoIO
        let sensor: GPIOInput
        var counts = [Int](repeating: 0, count: LatencyProbe.bounds.count + 1)
        var taken = 0
        var lost: UInt64 = 0
        var worst = Duration.zero
        var total: UInt64 = 0

        init(io: DemoIO) {
            self.io = io
            sensor = io.input("SENSOR")
        }

        func poll(_ context: Context) -> Poll<Void> {
            while case .ready(let report) = sensor.poll(context) {
                lost += report.droppedBefore
                let latency = context.now() - report.event.timestamp
                counts[LatencyProbe.bounds.firstIndex { latency.nanoseconds < $0 } ?? LatencyProbe.bounds.count] += 1
                worst = max(worst, latency)
                total += latency.nanoseconds
                taken += 1
                if taken == LatencyProbe.samples {
                    printHistogram()
                    return .ready(())
                }
            }
            return .pending
        }

        func stopped() { printHistogram() }

        func printHistogram() {
            guard taken > 0 else { return log(io, "no SENSOR edges measured") }
            log(io, "interrupt-to-task latency over \(taken) edges (\(io.realTime ? "real time" : "virtual time: 0 by construction")):")
            var lower: UInt64 = 0
            let widest = counts.max() ?? 1
            for (index, count) in counts.enumerated() {
                let label = index < LatencyProbe.bounds.count
                    ? "\(formatShort(.nanoseconds(lower))) – \(formatShort(.nanoseconds(LatencyProbe.bounds[index])))"
                    : "≥ \(formatShort(.nanoseconds(lower)))"
                if index < LatencyProbe.bounds.count { lower = LatencyProbe.bounds[index] }
                let bar = String(repeating: "█", count: count == 0 ? 0 : max(1, count * 40 / widest))
                log(io, "\(label.rightPadded(19)) \(String(count).leftPadded(5)) \(bar)")
            }
            log(io, "mean \(formatShort(.nanoseconds(total / UInt64(taken)))), worst \(formatShort(worst)), edges lost \(lost)")
        }
    }
}
