import Pinwheel
import PinwheelProgram

/// `--trace`: every wake (who woke which task, which bit it set) and every poll (pending, or ready and the slot
/// freed), printed as they happen.
final class WakeTrace: RunSink {
    let console: Console
    let taskNames: [Int: String]
    /// The vector table's names, shown after an interrupt's number.
    let irqNames: [UInt16: String]
    private var origin = Instant.zero

    init(console: Console, taskNames: [Int: String], irqNames: [UInt16: String]) {
        self.console = console
        self.taskNames = taskNames
        self.irqNames = irqNames
    }

    /// Who woke a task, with the vector's name after an interrupt's number: `IRQ 2 (BUTTON)`.
    func describe(_ source: WakeSource) -> String {
        source.words.text + (source.irq.flatMap { irqNames[$0] }.map { " (\($0))" } ?? "")
    }

    func name(_ slot: Int) -> String { taskNames[slot] ?? "slot \(slot)" }

    func started(at origin: Instant) { self.origin = origin }

    func woke(_ wake: WakeRecorder.Record) {
        console.trace(time: wake.time - origin, kind: "wake", task: name(wake.slot), slot: wake.slot,
                      detail: "← \(describe(wake.source)): bit \(wake.slot) set")
    }

    func pollEnded(slot: Int, finished: Bool, at now: Instant) {
        console.trace(time: now - origin, kind: "poll", task: name(slot), slot: slot,
                      detail: finished ? "→ ready: finished, slot \(slot) freed" : "→ pending")
    }
}
