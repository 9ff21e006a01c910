import PinwheelGPIO

/// An output line a program declares: a stored property of the program, named as the board names it.
///
/// ```swift
/// let led = OutputLine("LED")
/// // in a task:
/// led.toggle()
/// ```
///
/// A failure to drive is logged as an error (which the run's exit status reports), so a program reads
/// `led.toggle()`, not a `do`/`catch` per line.
public final class OutputLine: @unchecked Sendable {
    // Safety (Sendable): `line` is set once, while the program is programmed and before any task runs; after that
    // the handle is used only on the executor's thread, by the program's tasks.

    /// The board's logical name, such as `LED`.
    public let name: String
    /// How the line is requested: its initial level.
    public let settings: OutputSettings
    /// What the program uses it for (`pinwheel demos` shows it).
    public let purpose: String
    /// The requested line, once programmed.
    public package(set) var line: GPIOOutput?

    /// An output `name` (the board's logical name), driven `initially` from the moment it is requested.
    public init(_ name: String, initially: Bool = false, purpose: String = "") {
        self.name = name
        self.settings = OutputSettings(initialValue: initially)
        self.purpose = purpose
        HandleCensus.note(self, name: name)
    }

    /// The value last driven.
    public var isOn: Bool { line?.driven ?? settings.initialValue }

    /// Drives `value`.
    public func set(_ value: Bool) {
        guard let line else { return undeclared() }
        do { try line.set(value) } catch {
            TaskEnvironment.current?.log("cannot set \(name): \(error)", level: .error)
        }
    }

    /// Drives the opposite of the value last driven.
    public func toggle() { set(!isOn) }

    private func undeclared() { TaskEnvironment.current?.report(.undeclaredLine(name)) }
}
