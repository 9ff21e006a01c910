import Foundation
import Testing

/// JSON lines for programs; a clean stop on Ctrl-C that releases the lines.
@Suite struct OutputModeTests {
    @Test func jsonModeWritesOneObjectPerLine() throws {
        let result = try PinwheelProcess.run(["flash", "button", "--json"])
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

    @Test func ctrlCStopsARealTimeRunCleanly() throws {
        let process = Process()
        process.executableURL = PinwheelProcess.executable
        process.arguments = ["flash", "blinky", "--real-time"]
        process.currentDirectoryURL = PinwheelProcess.packageRoot
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Wait until it runs (the log's first toggle), then press Ctrl-C: SIGINT to the process.
        var text = ""
        while !text.contains("LED on") {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "the run ended before it toggled: \(text)")
            text += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGINT)
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "it exits, rather than dying of the signal")
        #expect(process.terminationStatus == 130)
        #expect(text.contains("INFO  supervisor SIGINT: stopping"))
        #expect(text.contains("released 1 line(s); exit 130"))
    }
}
