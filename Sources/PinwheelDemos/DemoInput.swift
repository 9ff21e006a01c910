import Pinwheel
import PinwheelAsync
import PinwheelGPIO

/// An input line as a demo awaits it: each edge comes with a warning in the log if edges were lost before it
/// (never silent).
public struct DemoInput {
    /// The line.
    public let line: GPIOInput
    let io: DemoIO

    /// The line's logical name.
    public var name: String { line.name }

    /// Every edge the interrupt handler received.
    public var received: UInt64 { line.received }

    /// Waits for the next edge.
    public func edge() async -> EdgeReport {
        let future: DemoEdgeWait = edge()
        return await future.value
    }

    /// A future for the next edge, to race against others with `select`.
    public func edge() -> DemoEdgeWait { DemoEdgeWait(wait: line.edge(), input: self) }

    func noteDropped(_ report: EdgeReport) {
        if report.droppedBefore > 0 {
            io.warn("\(report.droppedBefore) edge(s) on \(line.name) were lost before this one")
        }
    }
}

/// A future for a demo input's next edge that logs edges lost before it; from ``DemoInput/edge()->DemoEdgeWait``.
public struct DemoEdgeWait: Future {
    var wait: EdgeWait
    let input: DemoInput

    /// Ready with the next edge.
    public mutating func poll(_ context: Context) -> Poll<EdgeReport> {
        guard case .ready(let report) = wait.poll(context) else { return .pending }
        input.noteDropped(report)
        return .ready(report)
    }
}
