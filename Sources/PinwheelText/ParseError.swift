/// A mistake in a human-edited file (a board file, a stimulus file), with where it is (file, line, column: 1-based)
/// and what was expected there.
public struct ParseError: Error, Equatable, CustomStringConvertible {
    /// The file's path, as it was given.
    public var path: String
    /// The line, counting from 1.
    public var line: Int
    /// The column, counting from 1.
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String

    /// An error at `line`:`column` of `path`.
    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`.
    public var description: String { "\(path):\(line):\(column): \(message)" }
}
