import Pinwheel
import PinwheelLinux
#if canImport(Glibc)
import Glibc
#endif

/// A Unix signal as an interrupt: `kill -USR1 PID` runs the signal handler, which sets the waiting task's ready
/// bit; the task then runs on the executor's thread like any other.
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
        program: { io in [Task(io: io)] })

    final class Task: DemoTask {
        let name = "signals"
        let io: DemoIO
        let interrupt: SignalInterrupt
        var started = false
        var received: UInt = 0

        init(io: DemoIO) {
            self.io = io
            interrupt = io.signal("USR1")
        }

        func poll(_ context: Context) -> Poll<Void> {
            if !started {
                started = true
                log(io, "waiting for SIGUSR1 (IRQ \(interrupt.irq)); try: kill -USR1 \(getpid())")
            }
            while case .ready(let events) = interrupt.poll(context) {
                received += events.count
                let coalesced = events.count > 1 ? " (\(events.count) deliveries since the last poll)" : ""
                log(io, "SIGUSR1 #\(received): the handler set my ready bit, and here I am\(coalesced)")
            }
            return .pending
        }

        func stopped() { log(io, "\(received) SIGUSR1 delivery(ies) handled") }
    }
}
