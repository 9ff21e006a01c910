/// What a header pin carries.
public enum HeaderPin: Equatable, Sendable, CustomStringConvertible {
    /// A GPIO line, by its name on the board's chip.
    case line(String)
    /// A supply pin (`power 3V3`, `power 5V`).
    case power(String)
    /// A ground pin.
    case ground

    /// As a board file writes it.
    public var description: String {
        switch self {
        case .line(let name): name
        case .power(let voltage): "power \(voltage)"
        case .ground: "ground"
        }
    }
}
