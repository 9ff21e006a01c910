import Foundation
import Subprocess
import SystemPackage
import Testing

/// The executor's thread over a whole `pinwheel flash` run of every demo, after start-up (its first idle entry):
/// `pinwheel-allocation-check` counts with the malloc interposer linked into it, and this test reads its lines.
@Suite struct RunAllocationTests {
    /// Demos whose runs are not allocation-free yet, with the most allocations they may make: a ratchet, so that a
    /// count can only go down. traffic and latency build strings for their logs (a phase name, the histogram);
    /// wake builds the wake path's description; join accumulates the presses a child took into an array; morse's
    /// `for step in schedule(text)` (the guide's example of straight-line code) iterates an array through an
    /// unspecialised iterator in a debug build, which allocates per step.
    static let notYetZero = ["traffic": 2, "wake": 8, "join": 9, "latency": 9, "morse": 40]

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
            if let allowed = Self.notYetZero[demo] {
                #expect(count <= allowed, "\(demo) allocates more than before: \(line)")
            } else {
                #expect(count == 0, "\(line)")
            }
        }
        #expect(result.status == 0 || result.status == 1, "the check ran to its end:\n\(result.error)")
        #expect(seen.count == 10, "every demo measured:\n\(result.output)\(result.error)")
    }
}
