import PinwheelProgram

/// Every built-in program that can be flashed, in the order `pinwheel demos` lists them. They are ordinary
/// programs (<doc:/documentation/PinwheelProgram/Program>): `pinwheel` is the same entry point a user's executable gets, over this list.
public enum DemoCatalog {
    /// All demos.
    public static let all: [any Program.Type] = [
        Blinky.self, ButtonLED.self, Debounce.self, TrafficLight.self, Morse.self, PWMFade.self, SignalWake.self,
        WakeWalkthrough.self, JoinOfMany.self, LatencyProbe.self,
    ]

    /// The demo flashed when none is named.
    public static let defaultName = "blinky"

    /// The demo called `name`, if there is one.
    public static func named(_ name: String) -> (any Program.Type)? { all.first { $0.name == name } }
}
