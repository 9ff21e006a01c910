import Pinwheel
import PinwheelGPIO

/// Software PWM: the PWM line switches on and off every 10 ms period, with a duty cycle that fades from 0 to
/// 100 % and back in 10 % steps. Every edge is a timer deadline on a fixed grid.
public enum PWMFade {
    static let period = Duration.milliseconds(10)
    static let stepLength = Duration.milliseconds(200)

    /// The demo.
    public static let demo = Demo(
        name: "pwm",
        summary: "software PWM fade on PWM: 100 Hz, duty 0 → 100 % → 0 in 10 % steps",
        guide: "Watch PWM (an LED on it fades): the duty cycle changes every 200 ms, each edge is a timer deadline.",
        lines: [DemoLine("PWM", .output(OutputSettings()), "software PWM output")],
        stimulus: "",
        runLength: .seconds(4),
        program: { io in [Task(io: io)] })

    final class Task: DemoTask {
        let name = "pwm"
        let io: DemoIO
        let output: GPIOOutput
        var origin: Instant?
        var periodStart: Instant = .zero
        var onPhase = false
        var duty: UInt64 = 0
        var lastLoggedStep: UInt64?
        var periods: UInt64 = 0

        init(io: DemoIO) {
            self.io = io
            output = io.output("PWM")
        }

        /// Duty in percent for fade step `step`: 0, 10 … 100, 90 … 10, and again.
        static func duty(step: UInt64) -> UInt64 {
            let position = step % 20
            return position <= 10 ? position * 10 : (20 - position) * 10
        }

        func poll(_ context: Context) -> Poll<Void> {
            let now = context.now()
            if origin == nil {
                origin = now
                periodStart = now
                startPeriod()
            }
            while true {
                let onEnd = periodStart + Duration(nanoseconds: PWMFade.period.nanoseconds * duty / 100)
                let periodEnd = periodStart + PWMFade.period
                if onPhase, now >= onEnd, duty < 100 {
                    onPhase = false
                    set(output, false, io)
                }
                guard now >= periodEnd else {
                    context.wake(at: onPhase ? onEnd : periodEnd)
                    return .pending
                }
                periodStart = periodEnd
                periods += 1
                startPeriod()
            }
        }

        private func startPeriod() {
            let step = (periodStart - origin!) / PWMFade.stepLength
            duty = Self.duty(step: step)
            if step != lastLoggedStep {
                lastLoggedStep = step
                log(io, "duty \(duty) %")
            }
            onPhase = duty > 0
            if output.driven != onPhase { set(output, onPhase, io) }
        }

        func stopped() { log(io, "\(periods) PWM periods") }
    }
}
