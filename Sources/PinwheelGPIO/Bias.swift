import CGPIO

/// The pull resistor a line is requested with.
public enum Bias: Equatable, Sendable {
    /// Leave the line's bias as it is.
    case asIs
    /// No pull: the line floats unless something drives it.
    case disabled
    /// Pulled up: reads high when nothing drives it.
    case pullUp
    /// Pulled down: reads low when nothing drives it.
    case pullDown

    var shimValue: Int32 {
        switch self {
        case .asIs: PW_GPIO_BIAS_AS_IS
        case .disabled: PW_GPIO_BIAS_DISABLED
        case .pullUp: PW_GPIO_BIAS_PULL_UP
        case .pullDown: PW_GPIO_BIAS_PULL_DOWN
        }
    }
}
