import Pinwheel
import PinwheelAsync

/// What one task of a program is given when it starts: its log, its slot, and the run's facts. A program never
/// touches a file descriptor: its lines are its own handles (``InputLine``, ``OutputLine``, ``SignalLine``).
///
/// It lives on the executor's thread with the task (hence `@unchecked Sendable`: a task's function is `@Sendable`
/// so that a program can be a value, but it runs only there).
public final class TaskEnvironment: @unchecked Sendable {
    // Safety (Sendable): used only on the executor's thread, by its task (see above).

    /// The environment of the task running now, on the executor's thread (nil outside a program's task). The
    /// handles log through it.
    @TaskLocal public static var current: TaskEnvironment?

    /// The task's name, which its log records carry.
    public let task: String
    /// The task's slot in the executor's table, once spawned.
    public package(set) var slot = -1
    /// The executor of the task's slot, once spawned: its counters tell how the task was resumed.
    public package(set) var slotExecutor: SlotExecutor?
    /// The run's log.
    public let runLog: ProgramLog
    /// The board's name, for messages.
    public let board: String
    /// Whether the run is in real time (interactive, or on hardware) rather than virtual time.
    public let realTime: Bool
    /// The latest wake of each slot, as the wake hook saw it.
    public let wakes: WakeJournal
    /// The task table's capacity.
    public let taskSlots: Int
    private let fault: (ProgramFault) -> Void
    private var stopHooks: [() -> Void] = []

    /// The environment of task `task`; `fault` stops the run when the program does something it cannot (uses a
    /// handle it did not declare).
    package init(
        task: String, log: ProgramLog, board: String, realTime: Bool, wakes: WakeJournal, taskSlots: Int,
        fault: @escaping (ProgramFault) -> Void
    ) {
        self.task = task
        self.runLog = log
        self.board = board
        self.realTime = realTime
        self.wakes = wakes
        self.taskSlots = taskSlots
        self.fault = fault
    }

    /// Logs `message` as this task at `level` (default info).
    public func log(_ message: LogMessage, level: ProgramLog.Level = .info) { runLog.log(level, task, message) }

    /// Logs `message` as a warning.
    public func warn(_ message: LogMessage) { log(message, level: .warn) }

    /// Runs `hook` if the run ends (duration, Ctrl-C, the program's end) while this task is still running: a last
    /// word, such as a summary. The lines are still held then.
    public func atStop(_ hook: @escaping () -> Void) { stopHooks.append(hook) }

    /// The run ended with this task still running: its stop hooks run, in the order they were added.
    package func stopped() {
        for hook in stopHooks { hook() }
    }

    /// The program did something it cannot: logged as an error, and the run stops with it.
    package func report(_ problem: ProgramFault) {
        log("\(problem.description)", level: .error)
        fault(problem)
    }
}
