import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// The LED follows the button: each edge is an interrupt that wakes the task, which copies the level.
public struct ButtonLED: Program {
    /// The name to flash it by.
    public static let name = "button"
    /// What it shows.
    public static let summary = "LED follows BUTTON through an edge interrupt"
    /// What to watch while it runs.
    public static let guide = "Press BUTTON: its edge interrupt wakes the task, which copies the level to LED."
    /// Its inputs on the simulated board.
    public static let stimulus = """
            at 200ms press BUTTON for 300ms
            at 1s press BUTTON for 100ms
            """
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = .milliseconds(1500)

    let button = InputLine("BUTTON", edges: .both, bias: .pullDown, purpose: "edges wake the task")
    let led = OutputLine("LED", purpose: "shows the button's level")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("button") { await Self.follow($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    static func follow(_ io: TaskEnvironment, _ program: Self) async {
        let button = program.button
        let led = program.led
        var presses = 0
        io.atStop { io.log("\(presses) press(es)") }
        while true {
            let report = await button.edge()
            let pressed = report.event.edge == .rising
            if pressed { presses += 1 }
            led.set(pressed)
            let latency = Instant.now - report.event.timestamp
            io.log("BUTTON \(pressed ? "pressed " : "released") → LED \(pressed ? "on " : "off") (edge to task: \(short: latency))")
        }
    }
}
