import PinwheelApp

/// A pedestrian crossing as a user writes it: the lights stay green until BUTTON asks for a crossing, then run
/// amber, red (walk), red and amber, and back to green. `swift run pinwheel-example-crossing` flashes it onto the
/// simulated board; its log is the same as `pinwheel flash traffic`'s.
@main
struct Crossing: Program {
    static let stimulus = """
        at 500ms press BUTTON for 100ms
        at 900ms press BUTTON for 100ms
        at 9s press BUTTON for 100ms
        """
    static let runLength: Duration? = .seconds(15)

    let red = OutputLine("RED"), amber = OutputLine("AMBER"), green = OutputLine("GREEN", initially: true)
    let button = InputLine("BUTTON", edges: .rising, bias: .pullDown)

    func main(_ task: TaskEnvironment) async {
        func show(_ name: LogMessage, red r: Bool, amber a: Bool, green g: Bool) {
            red.set(r); amber.set(a); green.set(g)
            task.log(name)
        }
        /// Holds a phase until `deadline`; a press meanwhile is noted, since a crossing is already coming.
        func hold(until deadline: Instant) async {
            while case .first = await select(button.edge(), Timer.at(deadline)) {
                task.log("BUTTON pressed: a crossing is already on its way")
            }
        }
        var crossings = 0
        task.atStop { task.log("\(crossings) crossing(s) completed") }
        task.log("green, waiting for a pedestrian")
        var greenSince = Instant.now
        while true {
            _ = await button.edge()
            task.log("BUTTON pressed: crossing requested")
            await hold(until: greenSince + .seconds(2))
            show("amber", red: false, amber: true, green: false)
            await hold(until: Instant.now + .seconds(1))
            show("red: walk", red: true, amber: false, green: false)
            await hold(until: Instant.now + .seconds(3))
            show("red+amber", red: true, amber: true, green: false)
            await hold(until: Instant.now + .seconds(1))
            show("green", red: false, amber: false, green: true)
            crossings += 1
            greenSince = Instant.now
        }
    }
}
