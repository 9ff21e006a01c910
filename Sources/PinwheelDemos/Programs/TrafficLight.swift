import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// A pedestrian crossing: the lights stay green until the button asks for a crossing, then run amber, red (walk),
/// red and amber, and back to green. One task, written as the phases in order; each wait is a `select` of the
/// button's edge interrupt and the phase's deadline.
public struct TrafficLight: Program {
    /// The name to flash it by.
    public static let name = "traffic"
    /// What it shows.
    public static let summary = "traffic light state machine with a pedestrian BUTTON"
    /// What to watch while it runs.
    public static let guide = "Press BUTTON to ask for a crossing: green holds at least 2 s, then amber 1 s, red 3 s, red+amber 1 s."
    /// Its inputs on the simulated board.
    public static let stimulus = """
            at 500ms press BUTTON for 100ms
            at 900ms press BUTTON for 100ms     # a second request while one is waiting changes nothing
            at 9s press BUTTON for 100ms
            """
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = .seconds(15)

    let red = OutputLine("RED", purpose: "red lamp")
    let amber = OutputLine("AMBER", purpose: "amber lamp")
    let green = OutputLine("GREEN", initially: true, purpose: "green lamp")
    let button = InputLine("BUTTON", edges: .rising, bias: .pullDown, purpose: "pedestrian request")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("crossing") { await Self.crossing($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    static let minimumGreen = Duration.seconds(2)

    static func crossing(_ io: TaskEnvironment, _ program: Self) async {
        let button = program.button
        let (red, amber, green) = (program.red, program.amber, program.green)
        func show(_ name: String, _ lit: (red: Bool, amber: Bool, green: Bool)) {
            red.set(lit.red)
            amber.set(lit.amber)
            green.set(lit.green)
            io.log(LogMessage(name))
        }
        /// Waits until `deadline`; a press meanwhile is noted, since a crossing is already coming.
        func hold(until deadline: Instant) async {
            while case .first = await select(button.edge(), Timer.at(deadline)) {
                io.log("BUTTON pressed: a crossing is already on its way")
            }
        }
        var crossings = 0
        io.atStop { io.log("\(crossings) crossing(s) completed") }
        io.log("green, waiting for a pedestrian")
        var greenSince = Instant.now
        while true {
            _ = await button.edge()
            io.log("BUTTON pressed: crossing requested")
            await hold(until: greenSince + minimumGreen)
            show("amber", (red: false, amber: true, green: false))
            await hold(until: Instant.now + .seconds(1))
            show("red: walk", (red: true, amber: false, green: false))
            await hold(until: Instant.now + .seconds(3))
            show("red+amber", (red: true, amber: true, green: false))
            await hold(until: Instant.now + .seconds(1))
            show("green", (red: false, amber: false, green: true))
            crossings += 1
            greenSince = Instant.now
        }
    }
}
