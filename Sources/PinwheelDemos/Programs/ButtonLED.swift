import Pinwheel
import PinwheelAsync
import PinwheelGPIO

/// The LED follows the button: each edge is an interrupt that wakes the task, which copies the level.
public enum ButtonLED {
    /// The demo.
    public static let demo = Demo(
        name: "button",
        summary: "LED follows BUTTON through an edge interrupt",
        guide: "Press BUTTON: its edge interrupt wakes the task, which copies the level to LED.",
        lines: [
            DemoLine("BUTTON", .input(InputSettings(edges: .both, bias: .pullDown)), "edges wake the task"),
            DemoLine("LED", .output(OutputSettings()), "shows the button's level"),
        ],
        stimulus: """
            at 200ms press BUTTON for 300ms
            at 1s press BUTTON for 100ms
            """,
        runLength: .milliseconds(1500),
        tasks: [DemoTask("button", follow)])

    static func follow(_ io: DemoIO) async {
        let button = io.input("BUTTON")
        let led = io.output("LED")
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
