import Pinwheel
import PinwheelFlash
import PinwheelProgram

/// A program's run as a test reads it: the log with times, each line's changes with times, polls and wakes per
/// task, why it stopped and its exit status, and everything it printed.
public struct ProgramRun: Sendable {
    /// Every log record, in order.
    public let records: [ProgramLog.Record]
    /// Every change of every line, in time order.
    public let changes: [RunRecording.LineChange]
    /// Each task's polls and wakes, by slot (the session's own tasks included).
    public let tasks: [RunRecording.TaskFigures]
    /// Each line's level when the run started.
    public let initialLevels: [String: Bool]
    /// Why the run stopped.
    public let reason: StopReason?
    /// The exit status `flash` would end with.
    public let exitCode: Int32
    /// Everything the run printed, as `flash` prints it (the memory map, the log, the summary).
    public let output: String
    /// The heap allocations the executor's thread made after start-up (from its first idle entry, every task waiting
    /// at its first await, to the end of the run), counted by a malloc interposer in the test executable; nil where
    /// it cannot count (under a sanitizer, which brings its own malloc: ``ProgramTest/countsAllocations``). A
    /// process's first run of a program also counts the Swift runtime's one-time lazy work: run it once first.
    public let allocationsAfterStartUp: UInt64?
    /// The executor thread's allocations from the first poll to the end: start-up's (each async task's first frames)
    /// and those after it. Nil where it cannot count.
    public let allocationsWhileRunning: UInt64?

    init(recording: RunRecording, outcome: FlashOutcome, output: String) {
        records = recording.records
        changes = recording.changes
        tasks = recording.tasks
        initialLevels = recording.initialLevels
        reason = outcome.reason
        exitCode = outcome.exitCode
        self.output = output
        allocationsAfterStartUp = outcome.steadyAllocations
        allocationsWhileRunning = outcome.runAllocations
    }

    /// The changes of `line`, as ``Change`` values: `[.high(at: .seconds(2)), .low(at: .seconds(3))]`.
    public func changes(of line: String) -> [Change] {
        changes.filter { $0.line == line }.map { Change(high: $0.high, time: $0.time) }
    }

    /// The level of `line` at `time` (after every change at or before it).
    public func level(of line: String, at time: Duration) -> Bool? {
        let before = changes.last { $0.line == line && $0.time <= time }
        return before?.high ?? initialLevels[line]
    }

    /// The messages logged by `task` (every task when nil), in order.
    public func messages(of task: String? = nil) -> [String] {
        records.filter { task == nil || $0.task == task }.map(\.message)
    }

    /// Whether `message` was logged (by `task`, if given) at exactly `time`.
    public func logged(_ message: String, at time: Duration, by task: String? = nil) -> Bool {
        records.contains { $0.message == message && $0.time == time && (task == nil || $0.task == task) }
    }

    /// When `message` was first logged, if it was.
    public func time(of message: String) -> Duration? { records.first { $0.message == message }?.time }

    /// The log as `flash` prints it: `[   2.000000] INFO  crossing   amber`, one record a line.
    public var log: [String] {
        records.map(\.formatted)
    }

    /// Polls of the task called `name`.
    public func polls(of name: String) -> UInt64? { tasks.first { $0.name == name }?.polls }

    /// Wakes of the task called `name`.
    public func wakes(of name: String) -> UInt64? { tasks.first { $0.name == name }?.wakes }

    /// One change of a line, as a specification states it: `.high(at: .milliseconds(2500))`.
    public struct Change: Equatable, Sendable, CustomStringConvertible {
        /// The level it changed to.
        public var high: Bool
        /// When, since the run started.
        public var time: Duration

        /// The line went high at `time`.
        public static func high(at time: Duration) -> Change { Change(high: true, time: time) }
        /// The line went low at `time`.
        public static func low(at time: Duration) -> Change { Change(high: false, time: time) }

        /// `high at 2.500000 s`.
        public var description: String { "\(high ? "high" : "low") at \(formatSeconds(time)) s" }
    }
}
