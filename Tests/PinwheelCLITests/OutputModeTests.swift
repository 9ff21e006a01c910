import Foundation
import Testing

/// JSON lines for programs; a clean stop on Ctrl-C that releases the lines.
@Suite struct OutputModeTests {
    @Test func jsonModeWritesOneObjectPerLine() async throws {
        let result = try await PinwheelProcess.run(["flash", "button", "--json"])
        #expect(result.status == 0)
        let objects = try result.output.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "not a JSON object: \($0)")
        }
        let types = objects.compactMap { $0["type"] as? String }
        #expect(types.count == objects.count, "every object has a type")
        #expect(types.first == "flash")
        #expect(types.last == "end")
        #expect(types.contains("memory") && types.contains("progress"))
        let logs = objects.filter { $0["type"] as? String == "log" && $0["task"] as? String == "button" }
        #expect(logs.first?["time_ns"] as? Int == 200_000_000)
        #expect((logs.first?["message"] as? String)?.hasPrefix("BUTTON pressed") == true)
        #expect(objects.last?["exit"] as? Int == 0)
    }

    @Test func ctrlCStopsARealTimeRunCleanly() async throws {
        // Once it runs (the log's first toggle), press Ctrl-C: SIGINT to the process.
        let result = try await PinwheelProcess.run(["flash", "blinky", "--real-time"], signal: ("LED on", .interrupt))
        #expect(result.exited, "it exits, rather than dying of the signal")
        #expect(result.status == 130)
        #expect(result.output.contains("INFO  supervisor SIGINT: stopping"))
        #expect(result.output.contains("released 1 line(s); exit 130"))
    }
}
