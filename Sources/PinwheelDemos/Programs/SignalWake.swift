import Pinwheel
import PinwheelAsync
import PinwheelProgram
import PinwheelLinux
#if canImport(Glibc)
import Glibc
#endif

/// A Unix signal as an interrupt: `kill -USR1 PID` runs the signal handler, which sets the waiting task's ready
/// bit; the task's `await` then returns on the executor's thread like any other.
public struct SignalWake: Program {
    /// The name to flash it by.
    public static let name = "signals"
    /// What it shows.
    public static let summary = "kill -USR1 PID wakes a task through the signal's interrupt handler"
    /// What to watch while it runs.
    public static let guide = "From another terminal: kill -USR1 <pid> (the pid is printed when the demo starts)."
    /// Its inputs on the simulated board.
    public static let stimulus = """
            at 500ms signal USR1
            at 1200ms signal USR1
            """
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = .seconds(2)

    let usr1 = SignalLine("USR1")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("signals") { await Self.listen($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    static func listen(_ io: TaskEnvironment, _ program: Self) async {
        let interrupt = program.usr1
        var received: UInt = 0
        io.atStop { io.log("\(received) SIGUSR1 delivery(ies) handled") }
        io.log("waiting for SIGUSR1 (IRQ \(interrupt.irq ?? 0)); try: kill -USR1 \(getpid())")
        while true {
            let events = await interrupt.next()
            received += events.count
            let coalesced = events.count > 1 ? " (\(events.count) deliveries since the last poll)" : ""
            io.log("SIGUSR1 #\(received): the handler set my ready bit, and here I am\(coalesced)")
        }
    }
}
