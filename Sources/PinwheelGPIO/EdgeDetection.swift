import CGPIO

/// Which edges of an input line raise an interrupt.
public enum EdgeDetection: Equatable, Sendable {
    /// None: a plain input, read with ``GPIOInput/value()``.
    case none
    /// Inactive to active.
    case rising
    /// Active to inactive.
    case falling
    /// Both.
    case both

    var shimValue: Int32 {
        switch self {
        case .none: PW_GPIO_EDGE_NONE
        case .rising: PW_GPIO_EDGE_RISING
        case .falling: PW_GPIO_EDGE_FALLING
        case .both: PW_GPIO_EDGE_BOTH
        }
    }

    /// Whether an edge of kind `edge` raises an interrupt.
    public func detects(_ edge: Edge) -> Bool {
        switch self {
        case .none: false
        case .both: true
        case .rising: edge == .rising
        case .falling: edge == .falling
        }
    }
}
