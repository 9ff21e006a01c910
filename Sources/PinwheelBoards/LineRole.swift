import PinwheelGPIO

/// How a demo wants one of the board's lines: as an input or an output, with its settings.
public enum LineRole: Equatable, Sendable {
    /// An input with these settings.
    case input(InputSettings)
    /// An output with these settings.
    case output(OutputSettings)
}
