import Pinwheel

/// A log message as a task records it, in the spirit of defmt: the literal parts of the string are `StaticString`s
/// and each interpolated value is a fixed-size ``Piece``, kept inline. Building one allocates nothing; the log's
/// consumer formats it (``text``) on its own thread.
///
/// Write it as a string: `io.log("press #\(presses): settled after \(short: elapsed)")`. Integers, strings that
/// already exist (literals, names), characters and durations are stored as they are; any other value is stored by
/// its `description`.
public struct LogMessage: ExpressibleByStringInterpolation, Sendable {
    /// One part of a message.
    public enum Piece: Sendable {
        /// Literal text.
        case literal(StaticString)
        /// A string value (a literal or an existing string: stored, not copied).
        case text(String)
        /// A signed integer.
        case signed(Int64)
        /// An unsigned integer.
        case unsigned(UInt64)
        /// A duration as seconds with six decimals (``formatSeconds(_:)``).
        case seconds(Duration)
        /// A duration in its short form (``formatShort(_:)``).
        case short(Duration)
        /// Text right-aligned (positive width) or left-aligned (negative width) in `width` columns.
        case aligned(String, width: Int)
        /// Text repeated `count` times.
        case repeated(String, count: Int)
        /// An unsigned integer in hexadecimal (lower case, no prefix).
        case hex(UInt64)
    }

    /// The most pieces a message holds; more are dropped and the message ends with "…".
    public static let capacity = 32

    /// The interpolation that builds a message piece by piece.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        public typealias StringLiteralType = StaticString
        var pieces = InlineArray<32, Piece>(repeating: .unsigned(0))
        var count = 0
        var truncated = false

        /// An empty message.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func append(_ piece: Piece) {
            guard count < LogMessage.capacity else { return truncated = true }
            pieces[count] = piece
            count += 1
        }

        /// Literal text.
        public mutating func appendLiteral(_ literal: StaticString) {
            if literal.utf8CodeUnitCount > 0 { append(.literal(literal)) }
        }

        /// An integer.
        public mutating func appendInterpolation(_ value: some BinaryInteger) {
            append(value < 0 ? .signed(Int64(value)) : .unsigned(UInt64(value)))
        }

        /// A string.
        public mutating func appendInterpolation(_ text: String) { append(.text(text)) }

        /// A character.
        public mutating func appendInterpolation(_ character: Character) { append(.text(String(character))) }

        /// Any other value, by its description (allocation-free when the description is a literal, as an enum's is).
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { append(.text(value.description)) }

        /// A duration as seconds with six decimals.
        public mutating func appendInterpolation(seconds duration: Duration) { append(.seconds(duration)) }

        /// A duration in its short form (`850 ns`, `12.4 µs`).
        public mutating func appendInterpolation(short duration: Duration) { append(.short(duration)) }

        /// Text right-aligned in `width` columns.
        public mutating func appendInterpolation(_ text: String, rightAlignedIn width: Int) { append(.aligned(text, width: width)) }

        /// Text left-aligned in `width` columns.
        public mutating func appendInterpolation(_ text: String, leftAlignedIn width: Int) { append(.aligned(text, width: -width)) }

        /// An integer right-aligned in `width` columns.
        public mutating func appendInterpolation(_ value: some BinaryInteger, rightAlignedIn width: Int) {
            append(.aligned(String(value), width: width))
        }

        /// Text repeated `count` times.
        public mutating func appendInterpolation(repeating text: String, count: Int) { append(.repeated(text, count: count)) }

        /// An unsigned integer in hexadecimal (lower case, no prefix).
        public mutating func appendInterpolation(hex value: some UnsignedInteger) { append(.hex(UInt64(value))) }
    }

    var interpolation: StringInterpolation

    /// A message from an interpolated string.
    public init(stringInterpolation: StringInterpolation) { interpolation = stringInterpolation }

    /// A message from a string literal.
    public init(stringLiteral literal: StaticString) {
        interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        interpolation.appendLiteral(literal)
    }

    /// A message holding one existing string.
    public init(_ text: String) {
        interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: 1)
        interpolation.appendInterpolation(text)
    }

    /// The pieces of `first`, then those of `second` (up to ``capacity``): an optional part of a message is a
    /// message of its own, empty or not, joined in without building a string.
    public static func + (first: LogMessage, second: LogMessage) -> LogMessage {
        var joined = first
        for index in 0..<second.interpolation.count { joined.interpolation.append(second.interpolation.pieces[index]) }
        joined.interpolation.truncated = joined.interpolation.truncated || second.interpolation.truncated
        return joined
    }

    /// The message as text: what the consumer prints.
    public var text: String {
        var text = ""
        for index in 0..<interpolation.count {
            switch interpolation.pieces[index] {
            case .literal(let literal): text += literal.description
            case .text(let string): text += string
            case .signed(let value): text += String(value)
            case .unsigned(let value): text += String(value)
            case .seconds(let duration): text += formatSeconds(duration)
            case .short(let duration): text += formatShort(duration)
            case .aligned(let string, let width): text += width >= 0 ? string.leftPadded(width) : string.rightPadded(-width)
            case .repeated(let string, let count): text += String(repeating: string, count: max(0, count))
            case .hex(let value): text += String(value, radix: 16)
            }
        }
        return interpolation.truncated ? text + "…" : text
    }
}
