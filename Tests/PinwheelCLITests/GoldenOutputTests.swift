import Foundation
import Testing

/// Every demo on the simulated board, with a stimulus file from Golden/ and virtual time, against its recorded
/// output: the memory map, each log line with its virtual timestamp, the summary. Virtual time makes the run
/// deterministic, so any change in behaviour (or in a message) shows up here.
///
/// After an intended change, record the new outputs with `PINWHEEL_UPDATE_GOLDEN=1 swift test --filter
/// GoldenOutputTests` and review the diff.
@Suite struct GoldenOutputTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let demos = ["blinky", "button", "debounce", "traffic", "morse", "pwm", "signals", "wake", "join", "latency"]

    /// What legitimately differs between runs: the process id in the signals demo's hint, and the heap block sizes
    /// each task holds in the memory map (malloc's rounding depends on the heap's history).
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"kill -USR1 [0-9]+"#, with: "kill -USR1 PID", options: .regularExpression)
            .replacingOccurrences(of: #"\+ [0-9]+ B (async task|poll task)"#, with: "+ N B $1", options: .regularExpression)
    }

    @Test(arguments: demos)
    func demoMatchesItsGoldenOutput(demo: String) async throws {
        let stimulus = Self.golden.appendingPathComponent("\(demo).stim").path
        let expectedURL = Self.golden.appendingPathComponent("\(demo).txt")
        let result = try await PinwheelProcess.run(["flash", demo, "--stimulus", stimulus])
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.error.isEmpty)
        let actual = Self.normalized(result.output).replacingOccurrences(of: stimulus, with: "Golden/\(demo).stim")
        if GoldenUpdate.isRequested() {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (got, want)) in zip(actualLines, expectedLines).enumerated() where got != want {
            Issue.record("\(demo).txt line \(index + 1):\n  expected: \(want)\n  actual:   \(got)")
            break
        }
        #expect(actualLines.count == expectedLines.count, "\(demo): \(actualLines.count) lines, golden has \(expectedLines.count)")
    }

    @Test func aRunIsTheSameEveryTime() async throws {
        let stimulus = Self.golden.appendingPathComponent("debounce.stim").path
        let first = try await PinwheelProcess.run(["flash", "debounce", "--stimulus", stimulus, "--trace"])
        let second = try await PinwheelProcess.run(["flash", "debounce", "--stimulus", stimulus, "--trace"])
        #expect(first.status == 0)
        #expect(first.output == second.output)
        #expect(first.output.contains("WAKE  debounce   ← IRQ 2 (SWITCH): bit 0 set"))
        #expect(first.output.contains("POLL  debounce   → pending"))
    }
}
