import PinwheelBoards

/// What a program declares, found in its stored properties: its lines (``InputLine``, ``OutputLine``) and signals
/// (``SignalLine``), in the order the properties are declared, arrays and nested structures included.
public struct ProgramDeclaration: Sendable {
    /// A declared line.
    public enum Line: Sendable {
        /// An input.
        case input(InputLine)
        /// An output.
        case output(OutputLine)

        /// The board's logical name.
        public var name: String {
            switch self {
            case .input(let line): line.name
            case .output(let line): line.name
            }
        }

        /// How it is requested.
        public var role: LineRole {
            switch self {
            case .input(let line): .input(line.settings)
            case .output(let line): .output(line.settings)
            }
        }

        /// What the program uses it for.
        public var purpose: String {
            switch self {
            case .input(let line): line.purpose
            case .output(let line): line.purpose
            }
        }

        /// Whether it is an input.
        public var isInput: Bool {
            if case .input = self { return true }
            return false
        }
    }

    /// The lines, in declaration order.
    public let lines: [Line]
    /// The signals, in declaration order.
    public let signals: [SignalLine]

    /// The declaration of `program`, read from its stored properties.
    public init(of program: some Program) {
        var lines: [Line] = []
        var signals: [SignalLine] = []
        Self.collect(program, lines: &lines, signals: &signals, depth: 0)
        self.lines = lines
        self.signals = signals
    }

    /// Names declared twice: the first problem with a declaration, checked before the board is.
    public var duplicates: [String] {
        var seen: Set<String> = []
        return (lines.map(\.name) + signals.map(\.name)).filter { !seen.insert($0).inserted }
    }

    private static func collect(_ value: Any, lines: inout [Line], signals: inout [SignalLine], depth: Int) {
        switch value {
        case let input as InputLine: lines.append(.input(input))
        case let output as OutputLine: lines.append(.output(output))
        case let signal as SignalLine: signals.append(signal)
        default:
            // Structures of handles (a struct of lamps, an array of LEDs), a few levels down; never into classes
            // other than handles, which could be cyclic.
            let mirror = Mirror(reflecting: value)
            guard depth < 4, mirror.displayStyle != .class else { return }
            for child in mirror.children {
                collect(child.value, lines: &lines, signals: &signals, depth: depth + 1)
            }
        }
    }
}
