import Pinwheel

/// The demos' log: each record carries the executor clock's time since the run started, a level, the task and a
/// message, and goes to the sink the flashing session chose (text on a terminal, JSON lines, a test's buffer).
public final class DemoLog {
    /// How much a record matters.
    public enum Level: String, Sendable, CaseIterable {
        /// Detail.
        case debug
        /// What the demo does.
        case info
        /// Something went unexpectedly but the demo goes on (a missed deadline, a dropped edge).
        case warn
        /// The demo could not do something (an output that could not be set).
        case error
    }

    /// One log record.
    public struct Record: Sendable, Equatable {
        /// Time since the run started, on the executor's clock (virtual or monotonic).
        public var time: Duration
        /// The level.
        public var level: Level
        /// The task that logged it.
        public var task: String
        /// The message.
        public var message: String
    }

    private let clock: () -> Instant
    /// When the run started: record times count from here.
    public var origin: Instant
    private let sink: (Record) -> Void
    /// Records logged at ``Level/error``: the session's exit status says whether there were any.
    public private(set) var errors = 0
    /// Records logged at ``Level/warn``.
    public private(set) var warnings = 0

    /// A log reading `clock` and writing to `sink`.
    public init(clock: @escaping () -> Instant, origin: Instant = .zero, sink: @escaping (Record) -> Void) {
        self.clock = clock
        self.origin = origin
        self.sink = sink
    }

    /// The time since the run started.
    public var elapsed: Duration { clock() - origin }

    /// Logs `message` for `task` at `level`.
    public func log(_ level: Level, _ task: String, _ message: String) {
        if level == .error { errors += 1 }
        if level == .warn { warnings += 1 }
        sink(Record(time: elapsed, level: level, task: task, message: message))
    }
}
