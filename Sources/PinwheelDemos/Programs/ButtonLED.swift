import Pinwheel
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
        program: { io in [Task(io: io)] })

    final class Task: DemoTask {
        let name = "button"
        let io: DemoIO
        let button: GPIOInput
        let led: GPIOOutput
        var presses = 0

        init(io: DemoIO) {
            self.io = io
            button = io.input("BUTTON")
            led = io.output("LED")
        }

        func poll(_ context: Context) -> Poll<Void> {
            while case .ready(let report) = button.poll(context) {
                noteDropped(report, on: button, io)
                let pressed = report.event.edge == .rising
                if pressed { presses += 1 }
                set(led, pressed, io)
                let latency = context.now() - report.event.timestamp
                log(io, "BUTTON \(pressed ? "pressed " : "released") → LED \(pressed ? "on " : "off") (edge to task: \(formatShort(latency)))")
            }
            return .pending
        }

        func stopped() { log(io, "\(presses) press(es)") }
    }
}
