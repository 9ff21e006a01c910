import Foundation

/// A demo that runs as firmware on an emulated board: a folder of `Firmware/Demos` with its Swift sources and a
/// `demo` file saying what `pinwheel flash` needs to know (`key = value` lines, `#` comments):
///
/// ```
/// about = One sentence about what it shows.
/// lines = LED                 # the board lines it drives
/// time = virtual              # or real
/// drivers = UARTReceiver      # for Firmware/build
/// input = aZ9 x!              # sent once the firmware prints "... waiting for UART input"
/// instructions = Walkthrough  # count the instructions from each interrupt to this task's poll
/// ```
public struct FirmwareDemo: Equatable, Sendable {
    /// The demo's name: its folder, in lower case.
    public let name: String
    /// One sentence about what it shows.
    public let about: String
    /// The logical names of the board lines it uses (LED, ...): the board file must name each.
    public let lines: [String]
    /// Whether it runs in virtual time (QEMU's `-icount`: deterministic and instant) or follows the wall clock.
    public let virtualTime: Bool
    /// What the UART receives once the firmware says it is waiting for input, when nobody is at the keys.
    public let input: String?
    /// The task type whose `poll` ends each interrupt path that the run counts in instructions, if any.
    public let countedTask: String?

    /// The keys a `demo` file may set.
    static let keys = ["about", "lines", "time", "drivers", "input", "instructions"]

    /// Parses the `demo` file `text` of the demo `name`; `path` names the file in errors.
    init(name: String, text: String, path: String) throws(FirmwareError) {
        var values: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .demoFile(path: path, line: index + 1, "expected `key = value`")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.keys.contains(key) else {
                throw .demoFile(path: path, line: index + 1, "unknown key `\(key)`: expected one of \(Self.keys.joined(separator: ", "))")
            }
            values[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard let about = values["about"], !about.isEmpty else { throw .demoFile(path: path, line: 1, "missing `about = …`") }
        guard let time = values["time"], time == "virtual" || time == "real" else {
            throw .demoFile(path: path, line: 1, "expected `time = virtual` or `time = real`")
        }
        self.name = name
        self.about = about
        self.lines = (values["lines"] ?? "").split(separator: " ").map(String.init)
        self.virtualTime = time == "virtual"
        self.input = values["input"].flatMap { $0.isEmpty ? nil : $0 }
        self.countedTask = values["instructions"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
