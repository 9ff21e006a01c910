import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// A bouncing switch counted exactly once per press: the input ignores changes that do not hold for 10 ms.
public struct Debounce: Program {
    static let period = Duration.milliseconds(10)

    /// The name to flash it by.
    public static let name = "debounce"
    /// What it shows.
    public static let summary = "a bouncing SWITCH, exactly one press counted per press (10 ms debounce)"
    /// What to watch while it runs.
    public static let guide = "Flip SWITCH: the contact bounces, but a change counts only once it has held for 10 ms."
    /// Its inputs on the simulated board.
    public static let stimulus = """
            # each change bounces before it settles, as a mechanical contact does
            at 100ms bounce SWITCH to high 4 times every 300us
            at 500ms bounce SWITCH to low 3 times every 300us
            at 900ms bounce SWITCH to high 6 times every 200us
            at 1300ms bounce SWITCH to low 2 times every 1ms
            """
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = .milliseconds(1500)

    let contact = InputLine("SWITCH", edges: .both, bias: .pullDown, debounce: period, purpose: "bouncing contact, debounced")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("debounce") { await Self.count($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    static func count(_ io: TaskEnvironment, _ program: Self) async {
        let input = program.contact
        var presses = 0
        var rawSeen: UInt64 = 0
        io.atStop { io.log("\(presses) press(es) counted from \(input.received) raw edges") }
        while true {
            let report = await input.edge()
            let raw = input.received - rawSeen
            rawSeen = input.received
            if report.event.edge == .rising {
                presses += 1
                io.log("press #\(presses): SWITCH settled high after \(raw) raw edges (\(raw - 1) bounces ignored)")
            } else {
                io.log("release: SWITCH settled low after \(raw) raw edges")
            }
        }
    }
}
