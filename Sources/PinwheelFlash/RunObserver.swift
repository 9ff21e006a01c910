import Pinwheel
import PinwheelDemos
import PinwheelProgram

/// Everything a run shows besides the demos' own log: the wakes and polls for `--trace`, the task states and
/// line levels for `--vcd`, the live status line in interactive mode, and per-task counts for the summary.
///
/// It is fed by ``FlashTrace`` on the executor's thread between polls; wakes reach it through the
/// ``WakeRecorder`` ring, filled by the wake hook wherever the wake happened.
final class RunObserver {
    /// A board line watched for changes.
    struct WatchedLine {
        let name: String
        let read: () -> Bool
        var level: Bool
        var wire: ValueChangeDump.Wire?
    }

    let console: Console
    let recorder: WakeRecorder
    let clock: () -> Instant
    var origin: Instant = .zero
    var tracing = false
    var vcd: ValueChangeDump?
    /// The run's record in memory, when a test keeps one.
    var recording: RunRecording?
    var taskNames: [Int: String] = [:]
    /// Reads the executor thread's allocation count (``FlashOptions/allocationCounter``).
    var allocationCounter: (() -> UInt64)?
    /// The count when the executor first went idle: start-up is over, every task waits at its first await.
    var allocationsAtStartUp: UInt64?
    var irqNames: [UInt16: String] = [:]
    private var taskWires: [Int: (ready: ValueChangeDump.Wire, running: ValueChangeDump.Wire)] = [:]
    private(set) var lines: [WatchedLine] = []
    private var edgesSinceDraw = false
    /// Called after lines changed (interactive mode redraws its status line).
    var linesChanged: (() -> Void)?
    // Polls and wakes per slot, counted in fixed storage: counting allocates nothing (a dictionary's `+= 1`
    // through a class property copied the dictionary on every count in a debug build).
    private let pollCounts: UnsafeMutableBufferPointer<UInt64>
    private let wakeCounts: UnsafeMutableBufferPointer<UInt64>
    /// The most slots counted; wakes and polls of higher slots are not counted.
    static let countedSlots = 64
    /// Every poll of the run.
    private(set) var totalPolls: UInt64 = 0
    /// Called once, at the poll that reaches this many (a virtual-time run's work limit).
    var pollLimit: (count: UInt64, reached: () -> Void)?
    /// Polls of `slot`.
    func polls(slot: Int) -> UInt64 { slot < Self.countedSlots ? pollCounts[slot] : 0 }
    /// Wakes of `slot`.
    func wakes(slot: Int) -> UInt64 { slot < Self.countedSlots ? wakeCounts[slot] : 0 }
    /// Whether lines are sampled after each poll (for the VCD and the interactive display).
    var watchesLines: Bool { vcd != nil || linesChanged != nil || recording != nil }

    init(console: Console, recorder: WakeRecorder, clock: @escaping () -> Instant) {
        pollCounts = .allocate(capacity: Self.countedSlots)
        pollCounts.initialize(repeating: 0)
        wakeCounts = .allocate(capacity: Self.countedSlots)
        wakeCounts.initialize(repeating: 0)
        self.console = console
        self.recorder = recorder
        self.clock = clock
    }

    deinit {
        pollCounts.deallocate()
        wakeCounts.deallocate()
    }

    /// Watches a line by reading it after each poll; returns its index for ``edge(on:high:at:)``.
    @discardableResult
    func watch(_ name: String, read: @escaping () -> Bool) -> Int {
        let level = read()
        recording?.start(name, high: level)
        lines.append(WatchedLine(name: name, read: read, level: level, wire: vcd?.declare(name, in: "board", initial: level)))
        return lines.count - 1
    }

    /// An input's edge, from its interrupt handler, at the time the kernel stamped it: so the waveform shows the
    /// edge, then the task's wake, then its poll, each at its own time. Sampling after polls still follows, and
    /// corrects the level if an edge was lost.
    func edge(on index: Int, high: Bool, at time: Instant) {
        guard lines[index].level != high else { return }
        lines[index].level = high
        edgesSinceDraw = true
        // A stamp from another clock (a kernel before 5.7 stamps line events with CLOCK_REALTIME) is not used.
        let now = clock()
        let stamped = time >= origin && time <= now ? time : now
        if let wire = lines[index].wire { vcd?.change(wire, to: high, at: nanoseconds(stamped)) }
        recording?.change(lines[index].name, high: high, at: stamped - origin)
    }

    func watchTasks() {
        guard let vcd else { return }
        for slot in taskNames.keys.sorted() {
            let name = taskNames[slot]!
            // Spawned tasks start ready.
            taskWires[slot] = (vcd.declare("\(name)_ready", in: "tasks", initial: true),
                               vcd.declare("\(name)_running", in: "tasks", initial: false))
        }
    }

    func nanoseconds(_ time: Instant) -> UInt64 { (time - origin).nanoseconds }

    func describe(_ source: WakeSource) -> String {
        source.words.text + (source.irq.flatMap { irqNames[$0] }.map { " (\($0))" } ?? "")
    }

    func drainWakes() {
        recorder.drain { record in
            if record.slot < Self.countedSlots { wakeCounts[record.slot] &+= 1 }
            let name = taskNames[record.slot] ?? "slot \(record.slot)"
            if tracing {
                console.trace(time: record.time - origin, kind: "wake", task: name, slot: record.slot,
                              detail: "← \(describe(record.source)): bit \(record.slot) set")
            }
            if let wires = taskWires[record.slot] { vcd?.change(wires.ready, to: true, at: nanoseconds(record.time)) }
        }
    }

    func pollStarted(slot: Int, at now: Instant) {
        drainWakes()
        if slot < Self.countedSlots { pollCounts[slot] &+= 1 }
        totalPolls += 1
        if let pollLimit, totalPolls == pollLimit.count { pollLimit.reached() }
        if let wires = taskWires[slot] {
            vcd?.change(wires.ready, to: false, at: nanoseconds(now))
            vcd?.change(wires.running, to: true, at: nanoseconds(now))
        }
    }

    func pollEnded(slot: Int, finished: Bool, at now: Instant) {
        if let wires = taskWires[slot] { vcd?.change(wires.running, to: false, at: nanoseconds(now)) }
        if tracing {
            console.trace(time: now - origin, kind: "poll", task: taskNames[slot] ?? "slot \(slot)", slot: slot,
                          detail: finished ? "→ ready: finished, slot \(slot) freed" : "→ pending")
        }
        sampleLines(at: now)
    }

    func sampleLines(at now: Instant) {
        guard watchesLines else { return }
        var changed = edgesSinceDraw
        edgesSinceDraw = false
        for index in lines.indices {
            let level = lines[index].read()
            guard level != lines[index].level else { continue }
            lines[index].level = level
            changed = true
            if let wire = lines[index].wire { vcd?.change(wire, to: level, at: nanoseconds(now)) }
            recording?.change(lines[index].name, high: level, at: now - origin)
        }
        if changed { linesChanged?() }
    }
}

/// The executor's trace for a flashing session: forwards polls to the ``RunObserver`` and installs the
/// ``WakeRecorder``'s hook.
struct FlashTrace: ExecutorTrace {
    let observer: RunObserver

    mutating func pollStarted(slot: Int, context: Context) { observer.pollStarted(slot: slot, at: context.now()) }

    mutating func pollEnded(slot: Int, finished: Bool, context: Context) {
        observer.pollEnded(slot: slot, finished: finished, at: context.now())
    }

    mutating func wakeHook(slots: Int) -> WakeHook? { observer.recorder.hook }

    mutating func idleEntered() {
        // The end of start-up: every task has run to its first await.
        if observer.allocationsAtStartUp == nil, let counter = observer.allocationCounter {
            observer.allocationsAtStartUp = counter()
        }
    }
}
