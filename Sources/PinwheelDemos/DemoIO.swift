import Pinwheel
import PinwheelGPIO
import PinwheelLinux

/// What a demo's tasks are given: the lines it declared, the signals it binds, the log, and a view of the wake
/// path. A demo never touches a file descriptor: it waits on futures of these.
public final class DemoIO {
    /// The log.
    public let log: DemoLog
    /// The board's name, for messages.
    public let board: String
    /// Whether the run is in real time (interactive, or on hardware) rather than virtual time.
    public let realTime: Bool
    /// The latest wake of each slot, as the wake hook saw it.
    public let wakes: WakeJournal
    /// The task table's capacity.
    public let taskSlots: Int
    private let inputs: [String: GPIOInput]
    private let outputs: [String: GPIOOutput]
    private let signals: [String: SignalInterrupt]

    /// The inputs and outputs by logical name, the bound signals by name (`USR1`).
    public init(
        log: DemoLog, board: String, realTime: Bool, wakes: WakeJournal, taskSlots: Int,
        inputs: [String: GPIOInput], outputs: [String: GPIOOutput], signals: [String: SignalInterrupt]
    ) {
        self.log = log
        self.board = board
        self.realTime = realTime
        self.wakes = wakes
        self.taskSlots = taskSlots
        self.inputs = inputs
        self.outputs = outputs
        self.signals = signals
    }

    /// The input the demo declared as `name`.
    public func input(_ name: String) -> GPIOInput {
        guard let input = inputs[name] else { preconditionFailure("the demo did not declare \(name) as an input") }
        return input
    }

    /// The output the demo declared as `name`.
    public func output(_ name: String) -> GPIOOutput {
        guard let output = outputs[name] else { preconditionFailure("the demo did not declare \(name) as an output") }
        return output
    }

    /// The signal interrupt the demo declared as `name` (`USR1`).
    public func signal(_ name: String) -> SignalInterrupt {
        guard let signal = signals[name] else { preconditionFailure("the demo did not declare the signal \(name)") }
        return signal
    }
}

extension DemoTask {
    /// Logs `message` as this task at `level` (default info).
    public func log(_ io: DemoIO, _ message: String, level: DemoLog.Level = .info) {
        io.log.log(level, name, message)
    }

    /// Drives `output` to `value`; a failure is logged as an error, which the session's exit status reports.
    public func set(_ output: GPIOOutput, _ value: Bool, _ io: DemoIO) {
        do { try output.set(value) } catch { log(io, "cannot set \(output.name): \(error)", level: .error) }
    }

    /// Reports edges an input lost before this one: never silent.
    public func noteDropped(_ report: EdgeReport, on input: GPIOInput, _ io: DemoIO) {
        if report.droppedBefore > 0 {
            log(io, "\(report.droppedBefore) edge(s) on \(input.name) were lost before this one", level: .warn)
        }
    }
}
