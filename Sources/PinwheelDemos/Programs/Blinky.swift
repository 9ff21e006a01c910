import Pinwheel
import PinwheelGPIO

/// The LED toggles every 500 ms on a drift-free ticker: the timer interrupt is the only one.
public enum Blinky {
    /// The demo.
    public static let demo = Demo(
        name: "blinky",
        summary: "LED toggles every 500 ms on a drift-free ticker (timer interrupt)",
        guide: "Watch LED: one timer deadline per toggle, on a fixed grid that never drifts.",
        lines: [DemoLine("LED", .output(OutputSettings()), "toggled every 500 ms")],
        stimulus: "",
        runLength: .seconds(3),
        program: { io in [Task(io: io)] })

    final class Task: DemoTask {
        let name = "blinky"
        let io: DemoIO
        let led: GPIOOutput
        var ticker = Ticker(every: .milliseconds(500))
        var on = false
        var toggles = 0

        init(io: DemoIO) {
            self.io = io
            led = io.output("LED")
        }

        func poll(_ context: Context) -> Poll<Void> {
            while case .ready(let tick) = ticker.poll(context) {
                on.toggle()
                toggles += 1
                set(led, on, io)
                log(io, "LED \(on ? "on " : "off") (toggle \(toggles))")
                if tick.missed > 0 { log(io, "missed \(tick.missed) period(s): the task ran late", level: .warn) }
            }
            return .pending
        }
    }
}
