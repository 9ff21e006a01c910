import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// Narrates one interrupt's whole path with the run's real numbers: the await that parks, the handler, the waker,
/// the ready bit, the executor, the slot's poll resuming the await, the line after it. It answers "how does a
/// waker wake a future, and how does it know which task?"
public struct WakeWalkthrough: Program {
    /// The name to flash it by.
    public static let name = "wake"
    /// What it shows.
    public static let summary = "a walkthrough of one interrupt's path: handler, waker, ready bit, executor, poll, task"
    /// What to watch while it runs.
    public static let guide = "Press BUTTON: the task explains how the edge reached it, with this run's IRQ, slot, bit and times."
    /// Its inputs on the simulated board.
    public static let stimulus = """
            at 120ms press BUTTON for 40ms
            at 400ms press BUTTON for 40ms
            """
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = nil

    let button = InputLine("BUTTON", edges: .both, bias: .pullDown, purpose: "the interrupt followed")
    let led = OutputLine("LED", purpose: "follows the button")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("listener") { await Self.listen($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    /// Edges the walkthrough waits for before it ends: two presses.
    static let edges = 4

    static func listen(_ io: TaskEnvironment, _ program: Self) async {
        let button = program.button
        let led = program.led
        let slot = io.slot
        let (word, bit) = (slot / UInt.bitWidth, slot % UInt.bitWidth)
        let irq = button.irq.map { "IRQ \($0)" } ?? "an unbound line"
        io.log("I am an async function, running as the task in slot \(slot) of a \(io.taskSlots)-slot table. My waker is two words: the address of the executor's wake target (its ready bitmap) and my slot, \(slot). Nothing is reference-counted.")
        io.log("My next line is `await button.edge()`. It polls BUTTON's EdgeWait with my waker; with no edge yet, EdgeWait.poll stores the waker in BUTTON's WakerCell and returns pending, and the await parks me: my continuation is kept in slot \(slot), and the slot's poll returns pending.")
        io.log("BUTTON's edges arrive on file descriptor \(button.eventDescriptor), bound as \(irq) in the platform's vector table. Nothing is ready, so the executor sleeps in ppoll: its wait-for-interrupt.")
        for seen in 1...edges {
            let report = await button.edge()
            let polled = Instant.now
            let pressed = report.event.edge == .rising
            led.set(pressed)
            let wake = io.wakes.latest(slot: slot)
            if seen == 1 {
                narrate(report, wake: wake, polled: polled, io: io, word: word, bit: bit, irq: irq, descriptor: button.eventDescriptor)
            } else {
                let path = wake.map { wake -> LogMessage in
                    wake.source.words + " → waker → bit \(bit) → poll \(short: polled - wake.time) later → await returns"
                } ?? "woken"
                io.log("edge #\(seen) (\(report.event.edge)): " + path + " → LED \(pressed ? "on" : "off")")
            }
        }
        io.log("That is the whole path: a handler sets one bit; the bit's index is the task's slot; the executor polls exactly the tasks whose bits are set, and polling an async task's slot resumes the await that parked there.")
    }

    static func narrate(
        _ report: EdgeReport, wake: WakeJournal.Entry?, polled: Instant, io: TaskEnvironment, word: Int, bit: Int, irq: String,
        descriptor: Int32
    ) {
        let slot = io.slot
        io.log("1 interrupt: the line went \(report.event.edge == .rising ? "high" : "low") at \(seconds: report.event.timestamp - io.runLog.origin); ppoll returned with descriptor \(descriptor) readable and \(irq)'s handler read the edge into BUTTON's fixed event ring.")
        if let wake {
            io.log("2 waker: the handler took my waker from BUTTON's WakerCell and called wake(from: " + wake.source.words + ") at \(seconds: wake.time - io.runLog.origin). It did not touch my continuation or the Swift runtime.")
        }
        io.log("3 ready bit: wake() is one atomic fetch-or, ready word \(word) |= 0x\(hex: UInt(1) << UInt(bit)). That bit's index is my slot, \(slot): this is how a waker knows which task it wakes.")
        let after = wake.map { wake -> LogMessage in ", \(short: polled - wake.time) after the wake" } ?? ""
        io.log("4 executor: its loop swapped ready word \(word) for zero, found bit \(bit) (count trailing zeros) and polled slot \(slot) at \(seconds: polled - io.runLog.origin)" + after + ".")
        let resumes = io.slotExecutor.map { executor -> LogMessage in " (resume #\(executor.resumes) of this task)" } ?? ""
        io.log("5 resume: slot \(slot)'s poll resumed my parked continuation" + resumes + "; the runtime handed my next job to the slot's executor on this same thread, and the await polled EdgeWait again: it took a \(report.event.edge) edge from the ring and returned ready.")
        io.log("6 the line after the await: here I am, on the executor's thread: LED \(report.event.edge == .rising ? "on" : "off"). Then I await again: my waker goes back into the cell and I park in slot \(slot).")
    }
}
