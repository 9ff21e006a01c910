import Pinwheel
import PinwheelAsync
import PinwheelLinux
#if canImport(Glibc)
import Glibc
#endif

/// A Unix signal as an interrupt: `kill -USR1 PID` runs the signal handler, which sets the waiting task's ready
/// bit; the task's `await` then returns on the executor's thread like any other.
public enum SignalWake {
    /// The demo.
    public static let demo = Demo(
        name: "signals",
        summary: "kill -USR1 PID wakes a task through the signal's interrupt handler",
        guide: "From another terminal: kill -USR1 <pid> (the pid is printed when the demo starts).",
        lines: [],
        signals: ["USR1"],
        stimulus: """
            at 500ms signal USR1
            at 1200ms signal USR1
            """,
        runLength: .seconds(2),
        tasks: [DemoTask("signals", listen)])

    static func listen(_ io: DemoIO) async {
        let interrupt = io.signal("USR1")
        var received: UInt = 0
        io.atStop { io.log("\(received) SIGUSR1 delivery(ies) handled") }
        io.log("waiting for SIGUSR1 (IRQ \(interrupt.irq)); try: kill -USR1 \(getpid())")
        while true {
            let events = await interrupt.next()
            received += events.count
            let coalesced = events.count > 1 ? " (\(events.count) deliveries since the last poll)" : ""
            io.log("SIGUSR1 #\(received): the handler set my ready bit, and here I am\(coalesced)")
        }
    }
}
