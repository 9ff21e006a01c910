import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelLinux

/// What one demo task is given: the lines and signals its demo declared, its log, and a view of the wake path.
/// A demo never touches a file descriptor: it awaits these.
///
/// It lives on the executor's thread with the task (hence `@unchecked Sendable`: the task's function is
/// `@Sendable` so that a demo can be a static value, but it runs only there).
public final class DemoIO: @unchecked Sendable {
    // Safety (Sendable): used only on the executor's thread, by its task (see above).
    /// The task's name, which its log records carry.
    public let task: String
    /// The task's slot in the executor's table, once spawned.
    public var slot = -1
    /// The executor of the task's slot, once spawned: its counters tell how the task was resumed.
    public var slotExecutor: SlotExecutor?
    /// The run's log.
    public let runLog: DemoLog
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
    private var stopHooks: [() -> Void] = []

    /// The IO of task `task`: the inputs and outputs by logical name, the bound signals by name (`USR1`).
    public init(
        task: String, log: DemoLog, board: String, realTime: Bool, wakes: WakeJournal, taskSlots: Int,
        inputs: [String: GPIOInput], outputs: [String: GPIOOutput], signals: [String: SignalInterrupt]
    ) {
        self.task = task
        self.runLog = log
        self.board = board
        self.realTime = realTime
        self.wakes = wakes
        self.taskSlots = taskSlots
        self.inputs = inputs
        self.outputs = outputs
        self.signals = signals
    }

    /// Logs `message` as this task at `level` (default info).
    public func log(_ message: LogMessage, level: DemoLog.Level = .info) { runLog.log(level, task, message) }

    /// Logs `message` as a warning.
    public func warn(_ message: LogMessage) { log(message, level: .warn) }

    /// The input the demo declared as `name`.
    public func input(_ name: String) -> DemoInput {
        guard let input = inputs[name] else { preconditionFailure("the demo did not declare \(name) as an input") }
        return DemoInput(line: input, io: self)
    }

    /// The output the demo declared as `name`.
    public func output(_ name: String) -> DemoOutput {
        guard let output = outputs[name] else { preconditionFailure("the demo did not declare \(name) as an output") }
        return DemoOutput(line: output, io: self)
    }

    /// The signal interrupt the demo declared as `name` (`USR1`).
    public func signal(_ name: String) -> SignalInterrupt {
        guard let signal = signals[name] else { preconditionFailure("the demo did not declare the signal \(name)") }
        return signal
    }

    /// Runs `hook` if the run ends (duration, Ctrl-C, the demo's end) while this task is still running: a last
    /// word, such as a summary. The lines are still held then.
    public func atStop(_ hook: @escaping () -> Void) { stopHooks.append(hook) }

    /// The run ended with this task still running: its stop hooks run, in the order they were added.
    public func stopped() {
        for hook in stopHooks { hook() }
    }
}
