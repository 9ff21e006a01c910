/// A demo that runs as firmware on an emulated board: a folder of `Firmware/Demos`, described by a line of
/// `Firmware/Demos/catalog` (`NAME | LINES | TIME | ABOUT`).
public struct FirmwareDemo: Equatable, Sendable {
    /// The demo's name: its folder, in lower case.
    public let name: String
    /// The logical names of the board lines it uses (LED, ...): the board file must name each.
    public let lines: [String]
    /// Whether it runs in virtual time (QEMU's `-icount`: deterministic and instant) or follows the wall clock.
    public let virtualTime: Bool
    /// One sentence about what it shows.
    public let about: String

    /// Parses the catalog `text`; `path` names it in errors.
    static func catalog(_ text: String, path: String) throws(FirmwareError) -> [FirmwareDemo] {
        var demos: [FirmwareDemo] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 4, !fields[0].isEmpty, fields[2] == "virtual" || fields[2] == "real" else {
                throw .catalog(path: path, line: index + 1, "expected `NAME | LINES | virtual or real | ABOUT`")
            }
            demos.append(FirmwareDemo(
                name: fields[0].lowercased(), lines: fields[1].split(separator: " ").map(String.init),
                virtualTime: fields[2] == "virtual", about: fields[3]))
        }
        return demos
    }
}

import Foundation
