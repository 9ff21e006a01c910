import Pinwheel

/// `--vcd`: the board's lines and each task's ready and running states, as a value change dump. Lines are declared
/// by the ``LineWatcher``, which reports their changes; tasks by ``declareTasks(_:)``.
final class Waveform: RunSink {
    let vcd: ValueChangeDump
    private var origin = Instant.zero
    private var taskWires: [Int: (ready: ValueChangeDump.Wire, running: ValueChangeDump.Wire)] = [:]

    init(_ vcd: ValueChangeDump) { self.vcd = vcd }

    /// A wire for a board line at `initial`.
    func declareLine(_ name: String, initial: Bool) -> ValueChangeDump.Wire {
        vcd.declare(name, in: "board", initial: initial)
    }

    /// Two wires per task, ready and running; spawned tasks start ready.
    func declareTasks(_ names: [Int: String]) {
        for slot in names.keys.sorted() {
            let name = names[slot]!
            taskWires[slot] = (vcd.declare("\(name)_ready", in: "tasks", initial: true),
                               vcd.declare("\(name)_running", in: "tasks", initial: false))
        }
    }

    /// Nanoseconds from the run's start.
    func nanoseconds(_ time: Instant) -> UInt64 { (time - origin).nanoseconds }

    func change(_ wire: ValueChangeDump.Wire, to high: Bool, at time: Instant) {
        vcd.change(wire, to: high, at: nanoseconds(time))
    }

    func started(at origin: Instant) { self.origin = origin }

    func woke(_ wake: WakeRecorder.Record) {
        if let wires = taskWires[wake.slot] { change(wires.ready, to: true, at: wake.time) }
    }

    func pollStarted(slot: Int, at now: Instant) {
        guard let wires = taskWires[slot] else { return }
        change(wires.ready, to: false, at: now)
        change(wires.running, to: true, at: now)
    }

    func pollEnded(slot: Int, finished: Bool, at now: Instant) {
        if let wires = taskWires[slot] { change(wires.running, to: false, at: now) }
    }
}
