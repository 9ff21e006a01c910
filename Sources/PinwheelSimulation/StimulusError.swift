import PinwheelText

/// A mistake in a stimulus file.
public typealias StimulusError = ParseError
