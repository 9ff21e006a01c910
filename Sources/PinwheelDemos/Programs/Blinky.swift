import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// The LED toggles every 500 ms on a drift-free ticker: the timer interrupt is the only one.
public struct Blinky: Program {
    /// The name to flash it by.
    public static let name = "blinky"
    /// What it shows.
    public static let summary = "LED toggles every 500 ms on a drift-free ticker (timer interrupt)"
    /// What to watch while it runs.
    public static let guide = "Watch LED: one timer deadline per toggle, on a fixed grid that never drifts."
    /// Its inputs on the simulated board.
    public static let stimulus = ""
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = .seconds(3)

    let led = OutputLine("LED", purpose: "toggled every 500 ms")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("blinky") { await Self.blink($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    static func blink(_ io: TaskEnvironment, _ program: Self) async {
        let led = program.led
        var toggles = 0
        for await tick in Ticker(every: .milliseconds(500)) {
            led.toggle()
            toggles += 1
            io.log("LED \(led.isOn ? "on " : "off") (toggle \(toggles))")
            if tick.missed > 0 { io.warn("missed \(tick.missed) period(s): the task ran late") }
        }
    }
}
