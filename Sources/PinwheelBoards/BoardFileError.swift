import PinwheelGPIO
import PinwheelText

/// A mistake in a board file, with where it is and what was expected there.
public typealias BoardFileError = ParseError
