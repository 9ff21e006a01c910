import Pinwheel
import PinwheelGPIO

/// Narrates one interrupt's whole path with the run's real numbers: handler, waker, ready bit, executor, poll,
/// task. It answers "how does a waker wake a future, and how does it know which task?"
public enum WakeWalkthrough {
    /// The demo.
    public static let demo = Demo(
        name: "wake",
        summary: "a walkthrough of one interrupt's path: handler, waker, ready bit, executor, poll, task",
        guide: "Press BUTTON: the task explains how the edge reached it, with this run's IRQ, slot, bit and times.",
        lines: [
            DemoLine("BUTTON", .input(InputSettings(edges: .both, bias: .pullDown)), "the interrupt followed"),
            DemoLine("LED", .output(OutputSettings()), "follows the button"),
        ],
        stimulus: """
            at 120ms press BUTTON for 40ms
            at 400ms press BUTTON for 40ms
            """,
        runLength: nil,
        program: { io in [Task(io: io)] })

    /// Edges the walkthrough waits for before it ends: two presses.
    static let edges = 4

    final class Task: DemoTask {
        let name = "listener"
        let io: DemoIO
        let button: GPIOInput
        let led: GPIOOutput
        var introduced = false
        var seen = 0

        init(io: DemoIO) {
            self.io = io
            button = io.input("BUTTON")
            led = io.output("LED")
        }

        func say(_ message: String) { log(io, message) }

        func poll(_ context: Context) -> Poll<Void> {
            let slot = context.waker.slot
            let word = slot / UInt.bitWidth
            let bit = slot % UInt.bitWidth
            let irq = button.irq.map { "IRQ \($0)" } ?? "an unbound line"
            guard introduced else {
                introduced = true
                _ = button.poll(context)  // registers the waker; the walkthrough starts before any edge
                say("I am the task in slot \(slot) of a \(io.taskSlots)-slot table. My waker is two words: the address of the executor's wake target (its ready bitmap) and my slot, \(slot). Nothing is reference-counted.")
                say("I wait for BUTTON: EdgeWait.poll stored my waker in BUTTON's WakerCell, found no edge, and returned pending.")
                say("BUTTON's edges arrive on file descriptor \(button.eventDescriptor), bound as \(irq) in the platform's vector table. Nothing is ready, so the executor sleeps in ppoll: its wait-for-interrupt.")
                return .pending
            }
            while case .ready(let report) = button.poll(context) {
                seen += 1
                let pressed = report.event.edge == .rising
                set(led, pressed, io)
                let polled = context.now()
                let wake = io.wakes.latest(slot: slot)
                if seen == 1 {
                    narrate(report, wake: wake, polled: polled, slot: slot, word: word, bit: bit, irq: irq)
                } else {
                    let path = wake.map { "\(describe($0.source)) → waker → bit \(bit) → poll \(formatShort(polled - $0.time)) later" } ?? "woken"
                    say("edge #\(seen) (\(report.event.edge)): \(path) → LED \(pressed ? "on" : "off")")
                }
            }
            guard seen >= WakeWalkthrough.edges else { return .pending }
            say("That is the whole path: a handler sets one bit; the bit's index is the task's slot; the executor polls exactly the tasks whose bits are set.")
            return .ready(())
        }

        func narrate(_ report: EdgeReport, wake: WakeJournal.Entry?, polled: Instant, slot: Int, word: Int, bit: Int, irq: String) {
            let edgeTime = formatSeconds(report.event.timestamp - io.log.origin)
            say("1 interrupt: the line went \(report.event.edge == .rising ? "high" : "low") at \(edgeTime); ppoll returned with descriptor \(button.eventDescriptor) readable and \(irq)'s handler read the edge into BUTTON's fixed event ring.")
            if let wake {
                say("2 waker: the handler took my waker from BUTTON's WakerCell and called wake(from: \(describe(wake.source))) at \(formatSeconds(wake.time - io.log.origin)).")
            }
            let mask = "0x" + String(UInt(1) << UInt(bit), radix: 16)
            say("3 ready bit: wake() is one atomic fetch-or, ready word \(word) |= \(mask). That bit's index is my slot, \(slot): this is how a waker knows which task it wakes.")
            let after = wake.map { ", \(formatShort(polled - $0.time)) after the wake" } ?? ""
            say("4 executor: its loop swapped ready word \(word) for zero, found bit \(bit) (count trailing zeros) and polled slot \(slot) at \(formatSeconds(polled - io.log.origin))\(after).")
            say("5 poll: EdgeWait.poll took a \(report.event.edge) edge from the ring and returned ready; the future is done.")
            say("6 task: I run on: LED \(report.event.edge == .rising ? "on" : "off"). Then I wait again, and my waker goes back into the cell.")
        }

        func describe(_ source: WakeSource) -> String {
            if let irq = source.irq { return "interrupt \(irq)" }
            switch source {
            case .timer: return "timer"
            case .spawn: return "spawn"
            case .task: return "task"
            default: return "source \(source.rawValue)"
            }
        }
    }
}
