import Pinwheel

/// The demos' log: each record carries the executor clock's time since the run started, a level, the task and a
/// message, and goes to the sink the flashing session chose (text on a terminal, JSON lines, a test's buffer).
///
/// A message is a ``LogMessage``: literal text and fixed-size values, built without allocating. By default the sink
/// is called at once, on the logging thread. After ``printOnOwnThread(capacity:waitWhenFull:)`` records go into a
/// fixed ring instead and a printer thread formats them and calls the sink: logging then allocates nothing on the
/// executor's thread, as the core allocates nothing.
public final class ProgramLog {
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

        /// The record as `flash` prints it: `[   2.000000] INFO  crossing   amber`.
        public var formatted: String {
            "[\(formatSeconds(time).leftPadded(11))] \(level.rawValue.uppercased().rightPadded(5)) \(task.rightPadded(10)) \(message)"
        }
    }

    private let clock: () -> Instant
    /// When the run started: record times count from here.
    public var origin: Instant
    private let sink: (Record) -> Void
    /// Records logged at ``Level/error``: the session's exit status says whether there were any.
    public private(set) var errors = 0
    /// Records logged at ``Level/warn``.
    public private(set) var warnings = 0
    private var ring: LogRing?

    /// A log reading `clock` and writing to `sink`.
    public init(clock: @escaping () -> Instant, origin: Instant = .zero, sink: @escaping (Record) -> Void) {
        self.clock = clock
        self.origin = origin
        self.sink = sink
    }

    /// The time since the run started.
    public var elapsed: Duration { clock() - origin }

    /// Logs `message` for `task` at `level`.
    public func log(_ level: Level, _ task: String, _ message: LogMessage) {
        if level == .error { errors += 1 }
        if level == .warn { warnings += 1 }
        if let ring {
            ring.record(LogRing.Entry(time: elapsed, level: level, task: task, message: message))
        } else {
            sink(Record(time: elapsed, level: level, task: task, message: message.text))
        }
    }

    /// From now on, records go into a ring of `capacity` records (a power of two) and a printer thread of the log's
    /// own formats them and calls the sink. A full ring waits for room when `waitWhenFull` (virtual time: every line
    /// appears, and waiting costs no simulated time), or drops the record and counts it (``droppedRecords``).
    public func printOnOwnThread(capacity: Int = 256, waitWhenFull: Bool) {
        guard ring == nil else { return }
        let sink = self.sink
        ring = LogRing(capacity: capacity, policy: waitWhenFull ? .wait : .drop) { entry in
            sink(Record(time: entry.time, level: entry.level, task: entry.task, message: entry.message.text))
        }
    }

    /// Prints what is left, stops the printer thread, and goes back to calling the sink at once.
    public func printHere() {
        guard let ring else { return }
        ring.finish()
        droppedRecords &+= ring.dropped
        self.ring = nil
    }

    /// Records dropped because the ring was full, counted when printing comes back here (``printHere()``).
    public private(set) var droppedRecords: UInt64 = 0
}
