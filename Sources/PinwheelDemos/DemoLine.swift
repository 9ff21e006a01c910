import PinwheelBoards

/// A line a demo needs: its logical name on the board, how it is requested, and what the demo does with it.
public struct DemoLine: Sendable {
    /// The board's logical name, such as `LED`.
    public let name: String
    /// Input or output, with settings.
    public let role: LineRole
    /// What the demo uses it for, for `pinwheel demos`.
    public let purpose: String

    /// A line `name` requested as `role`.
    public init(_ name: String, _ role: LineRole, _ purpose: String) {
        self.name = name
        self.role = role
        self.purpose = purpose
    }

    /// Whether the line is an input.
    public var isInput: Bool {
        if case .input = role { return true }
        return false
    }
}
