import Pinwheel
import PinwheelAsync
import PinwheelGPIO

/// An input line a program declares: a stored property of the program, named as the board names it.
///
/// ```swift
/// let button = InputLine("BUTTON", edges: .rising, bias: .pullDown)
/// // in a task:
/// let report = await button.edge()
/// ```
///
/// The handle is bound to the requested line when the program is programmed onto a board. Each edge comes with a
/// warning in the log if edges were lost before it (never silent).
public final class InputLine: @unchecked Sendable {
    // Safety (Sendable): `line` is set once, while the program is programmed and before any task runs; after that
    // the handle is used only on the executor's thread, by the program's tasks.

    /// The board's logical name, such as `BUTTON`.
    public let name: String
    /// How the line is requested: edges, bias, debounce.
    public let settings: InputSettings
    /// What the program uses it for (`pinwheel demos` shows it).
    public let purpose: String
    /// The requested line, once programmed.
    public package(set) var line: GPIOInput?

    /// An input `name` (the board's logical name), raising interrupts on `edges`, with `bias`; changes that do not
    /// hold for `debounce` are ignored.
    public init(
        _ name: String, edges: EdgeDetection = .both, bias: Bias = .asIs, debounce: Duration? = nil, purpose: String = ""
    ) {
        self.name = name
        self.settings = InputSettings(edges: edges, bias: bias, debounce: debounce)
        self.purpose = purpose
        HandleCensus.note(self, name: name)
    }

    /// The IRQ its line events are bound to, once programmed.
    public var irq: UInt16? { line?.irq }

    /// The file descriptor its line events arrive on, once programmed (-1 before).
    public var eventDescriptor: Int32 { line?.eventDescriptor ?? -1 }

    /// Every edge the interrupt handler received (0 before the program is programmed).
    public var received: UInt64 { line?.received ?? 0 }

    /// Waits for the next edge.
    public func edge() async -> EdgeReport {
        let future: InputEdge = edge()
        return await future.value
    }

    /// A future for the next edge, to race against others with `select`. With `warnsOfLosses` false, edges lost
    /// before it are only counted in the report's `droppedBefore` (a program that reports them itself).
    public func edge(warnsOfLosses: Bool = true) -> InputEdge {
        InputEdge(input: self, wait: line?.edge(), warnsOfLosses: warnsOfLosses)
    }

    func noteDropped(_ report: EdgeReport) {
        guard report.droppedBefore > 0 else { return }
        TaskEnvironment.current?.warn("\(report.droppedBefore) edge(s) on \(name) were lost before this one")
    }
}

/// A future for an input's next edge that logs edges lost before it; from ``InputLine/edge(warnsOfLosses:)``.
///
/// On a handle the program did not declare (never bound) it reports the mistake, which stops the run, and stays
/// pending.
public struct InputEdge: Future {
    let input: InputLine
    var wait: EdgeWait?
    let warnsOfLosses: Bool

    /// Ready with the next edge.
    public mutating func poll(_ context: Context) -> Poll<EdgeReport> {
        guard var wait else {
            TaskEnvironment.current?.report(.undeclaredLine(input.name))
            return .pending
        }
        defer { self.wait = wait }
        guard case .ready(let report) = wait.poll(context) else { return .pending }
        if warnsOfLosses { input.noteDropped(report) }
        return .ready(report)
    }
}
