/// Where a board's logical name points: a header pin, or a line by its name on the chip.
public enum LineReference: Equatable, Sendable, CustomStringConvertible {
    /// A header pin that carries a line.
    case pin(Int)
    /// A line name on the board's chip.
    case line(String)

    /// As a board file writes it.
    public var description: String {
        switch self {
        case .pin(let number): "pin \(number)"
        case .line(let name): "line \(name)"
        }
    }
}
