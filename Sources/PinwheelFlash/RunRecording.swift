import Pinwheel
import PinwheelProgram
import Synchronization

/// A run's record kept in memory, for tests of a program (module `PinwheelTesting`): every log record with its
/// time, every change of a line's level with its time, polls and wakes per task. Given in
/// ``FlashOptions/recording``; filled by the run (log records may arrive on the log's printer thread).
public final class RunRecording: @unchecked Sendable {
    // Safety (Sendable): every field is behind the mutex.

    /// One change of a line's level.
    public struct LineChange: Equatable, Sendable, CustomStringConvertible {
        /// The line's board name.
        public var line: String
        /// The level it changed to.
        public var high: Bool
        /// When, since the run started.
        public var time: Duration

        /// A change of `line` to `high` at `time`.
        public init(line: String, high: Bool, time: Duration) {
            self.line = line
            self.high = high
            self.time = time
        }

        /// `AMBER high at 2.000000 s`.
        public var description: String { "\(line) \(high ? "high" : "low") at \(formatSeconds(time)) s" }
    }

    /// One task's figures at the end of the run.
    public struct TaskFigures: Equatable, Sendable {
        /// The task's slot.
        public var slot: Int
        /// The task's name.
        public var name: String
        /// Polls of its slot.
        public var polls: UInt64
        /// Wakes of its slot.
        public var wakes: UInt64
    }

    private struct State {
        var records: [ProgramLog.Record] = []
        var changes: [LineChange] = []
        var tasks: [TaskFigures] = []
        var initial: [String: Bool] = [:]
    }

    private let state = Mutex(State())

    /// Room taken when the recording is made, so that keeping a run's record allocates nothing on the executor's
    /// thread while it runs (``FlashOutcome/steadyAllocations`` counts the program, not its record): records and
    /// line changes. A longer run grows the arrays, which allocates.
    public static let reservedRecords = 1024, reservedChanges = 8192

    /// An empty recording, with room for ``reservedRecords`` records and ``reservedChanges`` changes.
    public init() {
        state.withLock { state in
            state.records.reserveCapacity(Self.reservedRecords)
            state.changes.reserveCapacity(Self.reservedChanges)
        }
    }

    /// The log's records, in order.
    public var records: [ProgramLog.Record] { state.withLock { $0.records } }
    /// Every line's changes, in time order.
    public var changes: [LineChange] { state.withLock { $0.changes } }
    /// Every task's figures, by slot.
    public var tasks: [TaskFigures] { state.withLock { $0.tasks } }
    /// Each line's level when the run started.
    public var initialLevels: [String: Bool] { state.withLock { $0.initial } }

    func log(_ record: ProgramLog.Record) { state.withLock { $0.records.append(record) } }
    func start(_ line: String, high: Bool) { state.withLock { $0.initial[line] = high } }
    func change(_ line: String, high: Bool, at time: Duration) {
        state.withLock { $0.changes.append(LineChange(line: line, high: high, time: time)) }
    }
    func task(slot: Int, name: String, polls: UInt64, wakes: UInt64) {
        state.withLock { $0.tasks.append(TaskFigures(slot: slot, name: name, polls: polls, wakes: wakes)) }
    }
}
