import Pinwheel

/// Something a program did that it cannot do, found while it runs: the run stops with it (exit 64).
public enum ProgramFault: Error, Equatable, Sendable, CustomStringConvertible {
    /// A line handle the program did not declare was used (created outside the program's stored properties).
    case undeclaredLine(String)
    /// A signal handle the program did not declare was used.
    case undeclaredSignal(String)

    /// What happened and how to fix it.
    public var description: String {
        switch self {
        case .undeclaredLine(let name):
            "the line \(name) was used but not declared: make its handle a stored property of the program (`let x = InputLine(\"\(name)\")`), so it is checked against the board and requested"
        case .undeclaredSignal(let name):
            "the signal \(name) was used but not declared: make its handle a stored property of the program (`let x = SignalLine(\"\(name)\")`)"
        }
    }
}
