import Pinwheel
import PinwheelGPIO

/// A pedestrian crossing: the lights stay green until the button asks for a crossing, then run amber, red (walk),
/// red and amber, and back to green. One task is the state machine; the button's edge interrupt and the timer both
/// wake it.
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
        program: { io in [Task(io: io)] })

    enum Phase: String {
        case green, amber, red, redAmber = "red+amber"

        var lamps: (red: Bool, amber: Bool, green: Bool) {
            switch self {
            case .green: (false, false, true)
            case .amber: (false, true, false)
            case .red: (true, false, false)
            case .redAmber: (true, true, false)
            }
        }
    }

    static let minimumGreen = Duration.seconds(2)

    final class Task: DemoTask {
        let name = "crossing"
        let io: DemoIO
        let button: GPIOInput
        let red, amber, green: GPIOOutput
        var phase = Phase.green
        var phaseStarted: Instant?
        var requested = false
        var crossings = 0

        init(io: DemoIO) {
            self.io = io
            button = io.input("BUTTON")
            red = io.output("RED")
            amber = io.output("AMBER")
            green = io.output("GREEN")
        }

        func enter(_ next: Phase, at now: Instant) {
            phase = next
            phaseStarted = now
            let lamps = next.lamps
            set(red, lamps.red, io)
            set(amber, lamps.amber, io)
            set(green, lamps.green, io)
            log(io, "\(next.rawValue)\(next == .red ? ": walk" : "")")
        }

        func poll(_ context: Context) -> Poll<Void> {
            let now = context.now()
            if phaseStarted == nil {
                phaseStarted = now
                log(io, "green, waiting for a pedestrian")
            }
            while case .ready(let report) = button.poll(context) {
                noteDropped(report, on: button, io)
                if requested || phase != .green {
                    log(io, "BUTTON pressed: a crossing is already on its way")
                } else {
                    requested = true
                    log(io, "BUTTON pressed: crossing requested")
                }
            }
            // Advance through every phase whose time is up (more than one if the task ran late).
            while true {
                let started = phaseStarted!
                let next: (Phase, Instant)?
                switch phase {
                case .green: next = requested ? (.amber, started + TrafficLight.minimumGreen) : nil
                case .amber: next = (.red, started + .seconds(1))
                case .red: next = (.redAmber, started + .seconds(3))
                case .redAmber: next = (.green, started + .seconds(1))
                }
                guard let (phase, due) = next else { return .pending }
                guard now >= due else {
                    context.wake(at: due)
                    return .pending
                }
                if phase == .amber { requested = false }
                if phase == .green { crossings += 1 }
                enter(phase, at: max(due, started))
            }
        }

        func stopped() { log(io, "\(crossings) crossing(s) completed") }
    }
}
