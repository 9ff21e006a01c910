import Foundation
import Testing

/// `--vcd` writes a Value Change Dump that a waveform viewer can open: parsed back here, it must hold every line
/// and each task's ready and running state, with the values the run produced at the times it produced them.
@Suite struct WaveformTests {
    /// A minimal VCD reader: the declared one-bit wires and their changes.
    struct Dump {
        var timescale = ""
        var wires: [String: String] = [:]  // code → scope.name
        var changes: [(time: UInt64, wire: String, value: Bool)] = []
        var initial: [String: Bool] = [:]

        init(_ text: String) throws {
            var scope: [String] = []
            var time: UInt64 = 0
            var inDumpvars = false
            var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)[...]
            while let token = tokens.popFirst() {
                switch token {
                case "$timescale":
                    timescale = tokens.prefix { $0 != "$end" }.joined(separator: " ")
                    tokens = tokens.drop { $0 != "$end" }.dropFirst()
                case "$scope":
                    scope.append(tokens.dropFirst().first!)
                    tokens = tokens.drop { $0 != "$end" }.dropFirst()
                case "$upscope": scope.removeLast(); tokens = tokens.dropFirst()
                case "$var":
                    let fields = Array(tokens.prefix { $0 != "$end" })
                    tokens = tokens.drop { $0 != "$end" }.dropFirst()
                    try #require(fields.count == 4 && fields[0] == "wire" && fields[1] == "1", "unexpected $var \(fields)")
                    wires[fields[2]] = (scope + [fields[3]]).joined(separator: ".")
                case "$dumpvars": inDumpvars = true
                case "$end": inDumpvars = false
                case "$date", "$version", "$comment", "$enddefinitions":
                    tokens = tokens.drop { $0 != "$end" }.dropFirst()
                default:
                    if token.hasPrefix("#") {
                        let next = try #require(UInt64(token.dropFirst()))
                        #expect(next >= time, "time went backwards: #\(next) after #\(time)")
                        time = next
                    } else {
                        let digit = token.first
                        try #require(digit == "0" || digit == "1", "bad change \(token)")
                        let value = digit == "1"
                        let code = String(token.dropFirst())
                        try #require(wires[code] != nil, "change of undeclared wire \(code)")
                        if inDumpvars { initial[wires[code]!] = value } else { changes.append((time, wires[code]!, value)) }
                    }
                }
            }
        }

        func changes(of name: String) -> [String] {
            changes.filter { $0.wire == name }.map { "\($0.time) \($0.value ? 1 : 0)" }
        }
    }

    @Test func theDumpHoldsEveryLineAndTaskStateAtTheirTimes() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("button.vcd").path
        let result = try await PinwheelProcess.run(["flash", "button", "--vcd", path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("waveform: \(path)"))
        let dump = try Dump(String(contentsOfFile: path, encoding: .utf8))
        #expect(dump.timescale == "1 ns")
        #expect(Set(dump.wires.values) == [
            "board.BUTTON", "board.LED",
            "tasks.button_ready", "tasks.button_running", "tasks.stimulus_ready", "tasks.stimulus_running",
            "tasks.supervisor_ready", "tasks.supervisor_running",
        ])
        #expect(dump.initial["board.LED"] == false)
        #expect(dump.initial["tasks.button_ready"] == true, "a spawned task starts ready")
        // The built-in stimulus presses BUTTON at 200 ms for 300 ms and at 1 s for 100 ms; the LED follows.
        #expect(dump.changes(of: "board.BUTTON") == ["200000000 1", "500000000 0", "1000000000 1", "1100000000 0"])
        #expect(dump.changes(of: "board.LED") == ["200000000 1", "500000000 0", "1000000000 1", "1100000000 0"])
        // The button task: ready at each edge's wake, running while polled, waiting otherwise.
        let button = dump.changes.filter { $0.wire.hasPrefix("tasks.button_") && $0.time == 200_000_000 }
            .map { "\($0.wire) \($0.value ? 1 : 0)" }
        #expect(button == ["tasks.button_ready 1", "tasks.button_ready 0", "tasks.button_running 1", "tasks.button_running 0"])
        #expect(dump.changes(of: "tasks.button_running").count == 10, "5 polls: the first, then one per edge")
    }

    /// In real time the waveform keeps the interrupt path's order: each input edge inside the stimulus poll that
    /// drove it, then the button task's wake, then its poll. (Edges from outside the process, stamped by the
    /// kernel, are checked on gpio-sim in the VM: Tests/FlashOnGPIOSim.)
    @Test func inRealTimeEachEdgeComesBeforeItsWakeAndItsWakeBeforeItsPoll() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("button.vcd").path
        let result = try await PinwheelProcess.run(["flash", "button", "--real-time", "--duration", "1.3s", "--vcd", path])
        #expect(result.status == 0, "\(result.error)")
        let dump = try Dump(String(contentsOfFile: path, encoding: .utf8))
        func times(_ wire: String, _ value: Bool) -> [UInt64] {
            dump.changes.filter { $0.wire == wire && $0.value == value }.map(\.time)
        }
        let edges = dump.changes.filter { $0.wire == "board.BUTTON" }.map(\.time)
        #expect(edges.count == 4, "two presses, two releases")
        let driving = zip(times("tasks.stimulus_running", true), times("tasks.stimulus_running", false))
        for edge in edges {
            #expect(driving.contains { $0.0 <= edge && edge < $0.1 }, "the edge at \(edge) ns is inside a stimulus poll")
            let ready = try #require(times("tasks.button_ready", true).first { $0 >= edge }, "a wake after \(edge)")
            let running = try #require(times("tasks.button_running", true).first { $0 >= ready }, "a poll after \(ready)")
            #expect(edge < ready && ready <= running, "edge \(edge), wake \(ready), poll \(running)")
        }
    }
}
