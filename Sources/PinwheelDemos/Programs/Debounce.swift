import Pinwheel
import PinwheelAsync
import PinwheelGPIO

/// A bouncing switch counted exactly once per press: the input ignores changes that do not hold for 10 ms.
public enum Debounce {
    static let period = Duration.milliseconds(10)

    /// The demo.
    public static let demo = Demo(
        name: "debounce",
        summary: "a bouncing SWITCH, exactly one press counted per press (10 ms debounce)",
        guide: "Flip SWITCH: the contact bounces, but a change counts only once it has held for 10 ms.",
        lines: [
            DemoLine("SWITCH", .input(InputSettings(edges: .both, bias: .pullDown, debounce: period)), "bouncing contact, debounced"),
        ],
        stimulus: """
            # each change bounces before it settles, as a mechanical contact does
            at 100ms bounce SWITCH to high 4 times every 300us
            at 500ms bounce SWITCH to low 3 times every 300us
            at 900ms bounce SWITCH to high 6 times every 200us
            at 1300ms bounce SWITCH to low 2 times every 1ms
            """,
        runLength: .milliseconds(1500),
        tasks: [DemoTask("debounce", count)])

    static func count(_ io: DemoIO) async {
        let input = io.input("SWITCH")
        var presses = 0
        var rawSeen: UInt64 = 0
        io.atStop { io.log("\(presses) press(es) counted from \(input.received) raw edges") }
        while true {
            let report = await input.edge()
            let raw = input.received - rawSeen
            rawSeen = input.received
            if report.event.edge == .rising {
                presses += 1
                io.log("press #\(presses): SWITCH settled high after \(raw) raw edges (\(raw - 1) bounces ignored)")
            } else {
                io.log("release: SWITCH settled low after \(raw) raw edges")
            }
        }
    }
}
