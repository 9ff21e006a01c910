import Pinwheel
import PinwheelAsync
import PinwheelGPIO

/// A pedestrian crossing: the lights stay green until the button asks for a crossing, then run amber, red (walk),
/// red and amber, and back to green. One task, written as the phases in order; each wait is a `select` of the
/// button's edge interrupt and the phase's deadline.
public enum TrafficLight {
    /// The demo.
    public static let demo = Demo(
        name: "traffic",
        summary: "traffic light state machine with a pedestrian BUTTON",
        guide: "Press BUTTON to ask for a crossing: green holds at least 2 s, then amber 1 s, red 3 s, red+amber 1 s.",
        lines: [
            DemoLine("RED", .output(OutputSettings()), "red lamp"),
            DemoLine("AMBER", .output(OutputSettings()), "amber lamp"),
            DemoLine("GREEN", .output(OutputSettings(initialValue: true)), "green lamp"),
            DemoLine("BUTTON", .input(InputSettings(edges: .rising, bias: .pullDown)), "pedestrian request"),
        ],
        stimulus: """
            at 500ms press BUTTON for 100ms
            at 900ms press BUTTON for 100ms     # a second request while one is waiting changes nothing
            at 9s press BUTTON for 100ms
            """,
        runLength: .seconds(15),
        tasks: [DemoTask("crossing", crossing)])

    static let minimumGreen = Duration.seconds(2)

    static func crossing(_ io: DemoIO) async {
        let button = io.input("BUTTON")
        let (red, amber, green) = (io.output("RED"), io.output("AMBER"), io.output("GREEN"))
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
