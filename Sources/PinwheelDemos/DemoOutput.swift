import PinwheelGPIO

/// An output line as a demo drives it: a failure to drive is logged as an error (which the session's exit status
/// reports), so a program reads `led.toggle()`, not a `do`/`catch` per line.
public struct DemoOutput {
    /// The line.
    public let line: GPIOOutput
    let io: DemoIO

    /// The line's logical name.
    public var name: String { line.name }

    /// The value last driven.
    public var isOn: Bool { line.driven }

    /// Drives `value`.
    public func set(_ value: Bool) {
        do { try line.set(value) } catch { io.log("cannot set \(line.name): \(error)", level: .error) }
    }

    /// Drives the opposite of the value last driven.
    public func toggle() { set(!isOn) }
}
