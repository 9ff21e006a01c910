import Foundation
import Subprocess
import SystemPackage
import Testing

/// The executor's thread over a whole `pinwheel flash` run of every demo, after start-up (its first idle entry):
/// `pinwheel-allocation-check` counts with the malloc interposer linked into it, and this test reads its lines.
@Suite struct RunAllocationTests {
    @Test func aFlashOfEveryDemoAllocatesNothingOnTheExecutorsThreadAfterStartUp() async throws {
        let executable = PinwheelProcess.executable.deletingLastPathComponent().appendingPathComponent("pinwheel-allocation-check")
        let result = try await ChildProcess.run(.path(FilePath(executable.path)), [], in: PinwheelProcess.packageRoot.path)
        var seen = Set<String>()
        for line in result.output.split(separator: "\n") {
            // "✔ blinky text: 0 allocations on the executor's thread after start-up, 2 from the first poll (exit 0)"
            let words = line.split(separator: " ")
            guard words.count > 3, let count = Int(words[3]) else { continue }
            let demo = String(words[1])
            seen.insert(demo)
            #expect(line.hasSuffix("(exit 0)"), "\(line)")
            #expect(count == 0, "\(line)")
        }
        #expect(result.status == 0 || result.status == 1, "the check ran to its end:\n\(result.error)")
        #expect(seen.count == 10, "every demo measured:\n\(result.output)\(result.error)")
    }
}
