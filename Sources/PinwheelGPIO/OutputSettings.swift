/// How an output line is requested.
public struct OutputSettings: Equatable, Sendable {
    /// The logical value driven from the moment of the request.
    public var initialValue: Bool
    /// Whether the line is active when low: logical values are then inverted on the pin.
    public var activeLow: Bool

    /// Settings for an output.
    public init(initialValue: Bool = false, activeLow: Bool = false) {
        self.initialValue = initialValue
        self.activeLow = activeLow
    }
}
