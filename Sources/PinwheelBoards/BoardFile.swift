import PinwheelText

/// A board file: a board's GPIO chip, its header pins, and the logical names demos use (LED, BUTTON, …), as parsed
/// from the human-editable text in `boards/NAME.board`.
///
/// The format, line by line (`#` starts a comment; blank lines are ignored):
///
/// ```
/// name = rpi5                     # the file's name without .board
/// description = Raspberry Pi 5    # free text, one line
/// driver = libgpiod               # or: simulated, qemu
/// chip = pinctrl-rp1              # the header chip's label (gpiodetect), never its number
/// emulator = qemu-system-arm      # driver = qemu only: see Emulation
/// machine = mps2-an386
/// firmware = mps2-an386
///
/// [header]                        # pin number = line name | power 3V3 | power 5V | ground
/// 11 = GPIO17
///
/// [names]                         # logical name = pin N | line NAME
/// LED = pin 11
/// ```
public struct BoardFile: Equatable, Sendable {
    /// The board's name, as `--board` takes it.
    public let name: String
    /// One line about the board.
    public let description: String
    /// Where its lines come from.
    public let driver: BoardDriver
    /// The label of the chip that carries its lines.
    public let chipLabel: String
    /// What each header pin carries, by pin number.
    public let header: [Int: HeaderPin]
    /// Logical names and where they point, in file order.
    public let names: [(name: String, reference: LineReference)]
    /// How the board is emulated, for driver `qemu`; nil otherwise.
    public let emulation: Emulation?
    /// Each logical name's index in ``names``, and each header line's pin: ``resolve(_:)`` costs a lookup, not a
    /// scan, however many names a board has.
    private let nameIndex: [String: Int]
    private let pinOfLine: [String: Int]

    init(
        name: String, description: String, driver: BoardDriver, chipLabel: String, header: [Int: HeaderPin],
        names: [(name: String, reference: LineReference)], emulation: Emulation?
    ) {
        self.name = name
        self.description = description
        self.driver = driver
        self.chipLabel = chipLabel
        self.header = header
        self.names = names
        self.emulation = emulation
        nameIndex = Dictionary(names.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        pinOfLine = Dictionary(
            header.compactMap { pin, content in if case .line(let line) = content { (line, pin) } else { nil } },
            uniquingKeysWith: min)
    }

    /// Every line the board names: header lines in pin order, then lines named only under [names].
    public var lineNames: [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for pin in header.keys.sorted() {
            if case .line(let line) = header[pin]!, seen.insert(line).inserted { result.append(line) }
        }
        for (_, reference) in names { if case .line(let line) = reference, seen.insert(line).inserted { result.append(line) } }
        return result
    }

    /// The line a logical name resolves to, and the header pin it is on (if any); nil for an unknown name.
    public func resolve(_ logical: String) -> (line: String, pin: Int?)? {
        guard let index = nameIndex[logical] else { return nil }
        switch names[index].reference {
        case .line(let line):
            return (line, pinOfLine[line])
        case .pin(let pin):
            guard case .line(let line) = header[pin] else { return nil }  // parse() rejects this
            return (line, pin)
        }
    }

    public static func == (lhs: BoardFile, rhs: BoardFile) -> Bool {
        lhs.name == rhs.name && lhs.description == rhs.description && lhs.driver == rhs.driver
            && lhs.chipLabel == rhs.chipLabel && lhs.header == rhs.header
            && lhs.names.map(\.name) == rhs.names.map(\.name) && lhs.names.map(\.reference) == rhs.names.map(\.reference)
            && lhs.emulation == rhs.emulation
    }

    /// Parses `text`; `path` is used in error messages. Every mistake is reported at its line and column with
    /// what was expected there. With `expectedName` (the file's name), `name` must match it.
    public static func parse(_ text: String, path: String, expectedName: String? = nil) throws(BoardFileError) -> BoardFile {
        var parser = Parser(path: path, expectedName: expectedName)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try parser.take(line, number: index + 1)
        }
        return try parser.finish()
    }
}

/// The board file grammar, one line at a time.
private struct Parser {
    enum Section { case top, header, names }
    let path: String
    let expectedName: String?
    var section = Section.top
    var keys: [String: (value: String, line: Int, column: Int)] = [:]
    var header: [Int: HeaderPin] = [:]
    var headerLines: [String: Int] = [:]
    var names: [(name: String, reference: LineReference)] = []
    var nameLines: [(line: Int, column: Int)] = []
    var nameIndex: [String: Int] = [:]

    init(path: String, expectedName: String?) {
        self.path = path
        self.expectedName = expectedName
    }

    func error(_ line: Int, _ column: Int, _ message: String) -> BoardFileError {
        BoardFileError(path: path, line: line, column: column, message: message)
    }

    /// A piece of a line with its 1-based column.
    struct Field {
        var text: Substring
        var column: Int
    }

    static func trimmed(_ text: Substring, column: Int) -> Field {
        let leading = text.prefix(while: { $0 == " " || $0 == "\t" }).count
        var body = text.dropFirst(leading)
        while let last = body.last, last == " " || last == "\t" || last == "\r" { body = body.dropLast() }
        return Field(text: body, column: column + leading)
    }

    mutating func take(_ raw: Substring, number: Int) throws(BoardFileError) {
        let content = raw.prefix(while: { $0 != "#" })
        let field = Self.trimmed(content, column: 1)
        guard !field.text.isEmpty else { return }
        if field.text.hasPrefix("[") {
            guard field.text.hasSuffix("]") else { throw error(number, field.column, "expected `]` to close the section name") }
            let name = field.text.dropFirst().dropLast()
            switch name {
            case "header": section = .header
            case "names": section = .names
            default: throw error(number, field.column + 1, "unknown section [\(name)]: expected [header] or [names]")
            }
            return
        }
        guard let equals = field.text.firstIndex(of: "=") else {
            throw error(number, field.column, "expected `key = value`" + hint)
        }
        let keyOffset = field.text.distance(from: field.text.startIndex, to: equals)
        let key = Self.trimmed(field.text[..<equals], column: field.column)
        let value = Self.trimmed(field.text[field.text.index(after: equals)...], column: field.column + keyOffset + 1)
        guard !key.text.isEmpty else { throw error(number, field.column, "expected a key before `=`" + hint) }
        guard !value.text.isEmpty else { throw error(number, value.column, "expected a value after `=`" + hint) }
        switch section {
        case .top: try topLevel(key, value, number)
        case .header: try headerPin(key, value, number)
        case .names: try logicalName(key, value, number)
        }
    }

    var hint: String {
        switch section {
        case .top: " (top-level keys: \(Self.topLevelKeys.joined(separator: ", ")))"
        case .header: " (in [header]: `PIN = LINE`, `PIN = power 3V3`, `PIN = ground`)"
        case .names: " (in [names]: `NAME = pin N` or `NAME = line LINE`)"
        }
    }

    static let topLevelKeys = ["name", "description", "driver", "chip"] + Emulation.keys

    mutating func topLevel(_ key: Field, _ value: Field, _ number: Int) throws(BoardFileError) {
        let name = String(key.text)
        guard Self.topLevelKeys.contains(name) else {
            throw error(number, key.column, "unknown key `\(name)`: expected one of \(Self.topLevelKeys.joined(separator: ", "))")
        }
        if let earlier = keys[name] { throw error(number, key.column, "`\(name)` is already set on line \(earlier.line)") }
        if name == "driver", BoardDriver(rawValue: String(value.text)) == nil {
            throw error(number, value.column, "unknown driver `\(value.text)`: expected libgpiod, simulated or qemu")
        }
        if name == "name" || name == "chip" || Emulation.keys.contains(name), value.text.contains(where: { $0 == " " || $0 == "\t" }) {
            throw error(number, value.column, "expected one word for `\(name)`, without spaces")
        }
        keys[name] = (String(value.text), number, value.column)
    }

    mutating func headerPin(_ key: Field, _ value: Field, _ number: Int) throws(BoardFileError) {
        guard let pin = Int(key.text), pin > 0 else {
            throw error(number, key.column, "expected a header pin number (1, 2, …), found `\(key.text)`")
        }
        if header[pin] != nil { throw error(number, key.column, "pin \(pin) is already listed") }
        let words = value.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let content: HeaderPin
        switch words.first {
        case "power":
            guard words.count == 2 else {
                throw error(number, value.column, "expected `power VOLTAGE`, for example `power 3V3`")
            }
            content = .power(String(words[1]))
        case "ground":
            guard words.count == 1 else { throw error(number, value.column, "expected just `ground`") }
            content = .ground
        default:
            guard words.count == 1 else {
                throw error(number, value.column, "expected one line name (as gpioinfo shows it), found `\(value.text)`")
            }
            let line = String(words[0])
            if let earlier = headerLines[line] {
                throw error(number, value.column, "line \(line) is already on pin \(earlier)")
            }
            headerLines[line] = pin
            content = .line(line)
        }
        header[pin] = content
    }

    mutating func logicalName(_ key: Field, _ value: Field, _ number: Int) throws(BoardFileError) {
        let name = String(key.text)
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else {
            throw error(number, key.column, "expected a logical name (letters, digits, _), found `\(name)`")
        }
        if let index = nameIndex[name] {
            throw error(number, key.column, "\(name) is already named on line \(nameLines[index].line)")
        }
        nameIndex[name] = names.count
        let words = value.text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let reference: LineReference
        switch (words.first, words.count) {
        case ("pin", 2):
            guard let pin = Int(words[1]) else {
                throw error(number, value.column + 4, "expected a header pin number after `pin`, found `\(words[1])`")
            }
            reference = .pin(pin)
        case ("line", 2):
            reference = .line(String(words[1]))
        default:
            throw error(number, value.column, "expected `pin N` or `line NAME`, found `\(value.text)`")
        }
        names.append((name, reference))
        nameLines.append((number, value.column))
    }

    func finish() throws(BoardFileError) -> BoardFile {
        for required in ["name", "chip"] where keys[required] == nil {
            let example = required == "name" ? "name = my-board" : "chip = pinctrl-bcm2711"
            throw error(1, 1, "missing `\(example)`: every board file sets name and chip")
        }
        if let expectedName, let name = keys["name"], name.value != expectedName {
            throw error(name.line, name.column, "the board is called `\(name.value)` but its file is \(expectedName).board: "
                + "make them the same, as `--board` finds a board by its file name")
        }
        // Pins are checked at the end, so [names] may come before [header].
        for (index, entry) in names.enumerated() {
            guard case .pin(let pin) = entry.reference else { continue }
            let (line, column) = nameLines[index]
            switch header[pin] {
            case .line: continue
            case nil:
                throw error(line, column, "pin \(pin) is not in [header]: add `\(pin) = LINE` there, or use `line NAME`")
            case let other?:
                throw error(line, column, "pin \(pin) is \(other), not a GPIO line")
            }
        }
        let driver = keys["driver"].flatMap { BoardDriver(rawValue: $0.value) } ?? .libgpiod
        var emulation: Emulation?
        if driver == .qemu {
            for key in Emulation.keys where keys[key] == nil {
                throw error(keys["driver"]!.line, 1, "driver = qemu needs `\(key) = …` too: an emulated board sets "
                    + Emulation.keys.joined(separator: ", "))
            }
            emulation = Emulation(emulator: keys["emulator"]!.value, machine: keys["machine"]!.value, firmware: keys["firmware"]!.value)
        } else if let key = Emulation.keys.first(where: { keys[$0] != nil }) {
            throw error(keys[key]!.line, 1, "`\(key)` is for emulated boards (driver = qemu); this board's driver is \(driver.rawValue)")
        }
        return BoardFile(
            name: keys["name"]!.value, description: keys["description"]?.value ?? "", driver: driver,
            chipLabel: keys["chip"]!.value, header: header, names: names, emulation: emulation)
    }
}
