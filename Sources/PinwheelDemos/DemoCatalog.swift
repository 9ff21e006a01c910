/// Every demo that can be flashed, in the order `pinwheel demos` lists them.
public enum DemoCatalog {
    /// All demos.
    public static let all: [Demo] = [
        Blinky.demo, ButtonLED.demo, Debounce.demo, TrafficLight.demo, Morse.demo, PWMFade.demo, SignalWake.demo,
        WakeWalkthrough.demo, JoinOfMany.demo, LatencyProbe.demo,
    ]

    /// The demo flashed when none is named.
    public static let defaultName = "blinky"

    /// The demo called `name`, if there is one.
    public static func named(_ name: String) -> Demo? { all.first { $0.name == name } }
}
