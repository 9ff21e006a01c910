/// An output line: set, toggle, read back.
///
/// Dropping it (or ``release()``) gives the line back.
public final class GPIOOutput {
    /// The line's name.
    public let name: String
    /// How it was requested.
    public let settings: OutputSettings
    let request: LineRequest
    /// The logical value last driven.
    public private(set) var driven: Bool

    package init(name: String, settings: OutputSettings, request: LineRequest) {
        self.name = name
        self.settings = settings
        self.request = request
        driven = settings.initialValue
    }

    deinit { request.release() }

    /// Drives the logical value.
    public func set(_ value: Bool) throws(GPIOError) {
        try request.setValue(value)
        driven = value
    }

    /// Drives the opposite of the value last driven.
    public func toggle() throws(GPIOError) { try set(!driven) }

    /// The value read back from the line.
    public func value() throws(GPIOError) -> Bool { try request.value() }

    /// Gives the line back.
    public func release() { request.release() }
}
