import Pinwheel
import PinwheelAsync
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
        tasks: [DemoTask("blinky", blink)])

    static func blink(_ io: DemoIO) async {
        let led = io.output("LED")
        var toggles = 0
        for await tick in Ticker(every: .milliseconds(500)) {
            led.toggle()
            toggles += 1
            io.log("LED \(led.isOn ? "on " : "off") (toggle \(toggles))")
            if tick.missed > 0 { io.warn("missed \(tick.missed) period(s): the task ran late") }
        }
    }
}
