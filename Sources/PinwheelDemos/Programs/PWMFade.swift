import Pinwheel
import PinwheelAsync
import PinwheelGPIO
import PinwheelProgram

/// Software PWM: the PWM line switches on and off every 10 ms period, with a duty cycle that fades from 0 to
/// 100 % and back in 10 % steps. Every edge is a timer deadline on a fixed grid.
public struct PWMFade: Program {
    static let period = Duration.milliseconds(10)
    static let stepLength = Duration.milliseconds(200)

    /// The name to flash it by.
    public static let name = "pwm"
    /// What it shows.
    public static let summary = "software PWM fade on PWM: 100 Hz, duty 0 → 100 % → 0 in 10 % steps"
    /// What to watch while it runs.
    public static let guide = "Watch PWM (an LED on it fades): the duty cycle changes every 200 ms, each edge is a timer deadline."
    /// Its inputs on the simulated board.
    public static let stimulus = ""
    /// How long a virtual-time run lasts.
    public static let runLength: Duration? = .seconds(4)

    let pwm = OutputLine("PWM", purpose: "software PWM output")

    /// Its task.
    public var tasks: [ProgramTask] { [ProgramTask("pwm") { await Self.fade($0, self) }] }

    /// The program, its lines not yet programmed.
    public init() {}

    /// Duty in percent for fade step `step`: 0, 10 … 100, 90 … 10, and again.
    static func duty(step: UInt64) -> UInt64 {
        let position = step % 20
        return position <= 10 ? position * 10 : (20 - position) * 10
    }

    static func fade(_ io: TaskEnvironment, _ program: Self) async {
        let output = program.pwm
        let origin = Instant.now
        var periodStart = origin
        var lastStep: UInt64?
        var periods: UInt64 = 0
        io.atStop { io.log("\(periods) PWM periods") }
        while true {
            let step = (periodStart - origin) / stepLength
            let duty = duty(step: step)
            if step != lastStep {
                lastStep = step
                io.log("duty \(duty) %")
            }
            if output.isOn != (duty > 0) { output.set(duty > 0) }
            if duty > 0, duty < 100 {
                await Timer.at(periodStart + Duration(nanoseconds: period.nanoseconds * duty / 100))
                output.set(false)
            }
            periodStart = periodStart + period
            await Timer.at(periodStart)
            periods += 1
        }
    }
}
