import Pinwheel
import PinwheelGPIO
import PinwheelText
#if canImport(Glibc)
import Glibc
#endif

/// A timed plan of level changes on input lines: "at 120 ms press BUTTON for 40 ms", a pulse every 250 ms, a
/// bouncing switch. ``StimulusPlayer`` plays it from inside a task, so each change happens at its time on the
/// executor's clock: instantly and deterministically in virtual time, for real in real time.
public struct Stimulus: Equatable, Sendable {
    /// One change: a line driven to a level, or a signal sent to this process.
    public struct Step: Equatable, Sendable {
        /// What happens at a step.
        public enum Action: Equatable, Sendable {
            /// The line (its name on the chip) is driven to a level.
            case drive(line: String, high: Bool)
            /// The signal is sent to this process, as `kill -USR1 PID` would.
            case raise(signal: Int32, name: String)
        }

        /// When, from the start of the stimulus.
        public var offset: Duration
        /// What happens.
        public var action: Action

        /// A step doing `action` at `offset`.
        public init(offset: Duration, action: Action) {
            self.offset = offset
            self.action = action
        }
    }

    /// The most steps a stimulus may hold: four million (two million pulses, or two million edges each way). A
    /// file whose statements would expand past it is refused at the statement that crosses it.
    public static let stepLimit = 4_000_000

    /// The latest time a stimulus may name, and its longest duration: 366 days. Every step then lies within two
    /// years, so no sum of times can overflow the clock.
    public static let timeLimit = Duration.seconds(366 * 86_400)

    /// The changes, in time order (changes at the same time keep the order they were added in).
    public private(set) var steps: [Step] = []

    /// Whether ``steps`` may be out of order until ``settle()``: the parser adds a file's steps in its order and
    /// sorts once, rather than inserting each in place.
    private var unsettled = false

    /// An empty stimulus.
    public init() {}

    /// An empty stimulus that takes steps in any order until ``settle()`` puts them in time order.
    init(settlingLater: Void) { unsettled = true }

    /// Adds a change of `line` to `high` at `offset`.
    public mutating func set(_ line: String, high: Bool, at offset: Duration) {
        add(Step(offset: offset, action: .drive(line: line, high: high)))
    }

    /// Adds a signal sent to this process at `offset`; `name` is how it is shown (`USR1`).
    public mutating func raise(_ signal: Int32, name: String, at offset: Duration) {
        add(Step(offset: offset, action: .raise(signal: signal, name: name)))
    }

    /// Adds a step after those at the same time or earlier: an append when steps come in time order (pulse trains,
    /// most files); otherwise a binary search for its place.
    private mutating func add(_ step: Step) {
        guard let last = steps.last, last.offset > step.offset else { return steps.append(step) }
        if unsettled { return steps.append(step) }
        var low = 0
        var high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].offset > step.offset { high = middle } else { low = middle + 1 }
        }
        steps.insert(step, at: low)
    }

    /// Puts the steps in time order, steps at the same time in the order they were added: one stable sort,
    /// O(n log n), however the file was ordered.
    mutating func settle() {
        guard unsettled else { return }
        unsettled = false
        var isOrdered = true
        for index in steps.indices.dropFirst() where steps[index - 1].offset > steps[index].offset {
            isOrdered = false
            break
        }
        if isOrdered { return }
        steps = steps.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
    }

    /// The names of the lines the stimulus drives, each once, in order of first use.
    public var lines: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for case .drive(let line, _) in steps.lazy.map(\.action) where seen.insert(line).inserted { names.append(line) }
        return names
    }

    /// A press: `line` goes to `level` at `offset` and back after `duration`.
    public mutating func press(_ line: String, at offset: Duration, for duration: Duration, level: Bool = true) {
        set(line, high: level, at: offset)
        set(line, high: !level, at: offset + duration)
    }

    /// `count` pulses of `width`, one every `period`, the first at `offset`.
    public mutating func pulse(_ line: String, every period: Duration, width: Duration, count: Int, from offset: Duration = .zero) {
        precondition(width < period, "a pulse must end before the next begins")
        for index in 0..<count { press(line, at: offset + period * UInt64(index), for: width) }
    }

    /// A bouncing change to `level` at `offset`: the line flips `bounces` extra times, `spacing` apart, before it
    /// settles, as a mechanical contact does. It settles at `offset + spacing × 2 × bounces`.
    public mutating func bounce(_ line: String, to level: Bool, at offset: Duration, bounces: Int, spacing: Duration) {
        var time = offset
        for _ in 0..<bounces {
            set(line, high: level, at: time)
            set(line, high: !level, at: time + spacing)
            time = time + spacing * 2
        }
        set(line, high: level, at: time)
    }

    /// Adds every step of `other`, `shift` later than in `other`; each goes after the steps already at its time.
    public mutating func add(_ other: Stimulus, shiftedBy shift: Duration) {
        for step in other.steps { add(Step(offset: step.offset + shift, action: step.action)) }
    }

    /// When the last change happens.
    public var end: Duration { steps.last?.offset ?? .zero }
}

/// Plays a ``Stimulus``: a future that drives each step when its time comes and finishes after the last one.
/// Signals are sent with `kill(getpid(), signal)`.
///
/// The player takes its origin from its first poll (or the one given). It drives a step with the clock's time
/// at that moment, which in virtual time is exactly the planned time. More steps can be given to it while it plays
/// (``play(_:at:)``: interactive mode's keys); ready after its last step, it may be given more and polled again.
public struct StimulusPlayer: Future {
    /// Drives one line to a level at an instant.
    public typealias Drive = (_ line: String, _ high: Bool, _ at: Instant) throws(GPIOError) -> Void

    /// The steps played and to come, in time order from the origin.
    public private(set) var stimulus: Stimulus
    let drive: Drive
    var origin: Instant?
    var next = 0

    /// A player driving `stimulus` with `drive`, from `origin` (by default its first poll).
    public init(_ stimulus: Stimulus, from origin: Instant? = nil, drive: @escaping Drive) {
        self.stimulus = stimulus
        self.origin = origin
        self.drive = drive
    }

    /// The steps driven so far.
    public var driven: Int { next }

    /// Adds `more`'s steps, offset from `instant` (the player's origin, if it has none yet); a step due already is
    /// driven at the next poll. Each goes after the steps already at its time, and never before a step driven.
    public mutating func play(_ more: Stimulus, at instant: Instant) {
        let origin = self.origin ?? instant
        self.origin = origin
        stimulus.add(more, shiftedBy: instant - origin)
    }

    /// Drives every step that is due and asks to be woken for the next; ready (nil) after the last step, or with
    /// the error of a step that could not be driven.
    public mutating func poll(_ context: Context) -> Poll<GPIOError?> {
        let now = context.now()
        let origin = self.origin ?? now
        self.origin = origin
        while next < stimulus.steps.count, origin + stimulus.steps[next].offset <= now {
            let step = stimulus.steps[next]
            next += 1
            switch step.action {
            case .drive(let line, let high):
                do { try drive(line, high, now) } catch { return .ready(error) }
            case .raise(let signal, _):
                kill(getpid(), signal)
            }
        }
        guard next < stimulus.steps.count else { return .ready(nil) }
        context.wake(at: origin + stimulus.steps[next].offset)
        return .pending
    }
}

extension SimulatedChip {
    /// A player that drives `stimulus` on this chip's lines.
    public func play(_ stimulus: Stimulus, from origin: Instant? = nil) -> StimulusPlayer {
        StimulusPlayer(stimulus, from: origin) { [self] line, high, time throws(GPIOError) in
            try drive(line, high: high, at: time)
        }
    }
}
