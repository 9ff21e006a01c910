import Foundation
import Subprocess
import Testing

/// What one interrupt costs the executor in idle entries, read from the `stats` record of `pinwheel flash --json`.
///
/// The minimum for a signal that wakes a waiting task is two: the sleep the signal ends, and the next sleep, which
/// lasts. A doorbell rung on the executor's own thread (by the handler, or by the wake's pender while the handler
/// runs inside `ppoll`) costs a third: a sleep that returns at once to drain the bell.
@Suite struct IdleCostTests {
    /// The idle entries of a run.
    static func idleEntries(
        _ arguments: [String], signals: [(after: String, signal: Subprocess.Signal)] = [], status: Int32 = 0
    ) async throws -> Int {
        let result = try await PinwheelProcess.run(arguments + ["--json"], signals: signals)
        #expect(result.status == status, "pinwheel \(arguments.joined(separator: " ")) failed:\n\(result.output)\(result.error)")
        for line in result.output.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["type"] as? String == "stats" else { continue }
            return try #require(object["idle"] as? Int)
        }
        Issue.record("no stats record in:\n\(result.output)")
        return -1
    }

    @Test func aSignalInVirtualTimeCostsTwoIdleEntries() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let one = directory.appendingPathComponent("one.stim"), two = directory.appendingPathComponent("two.stim")
        try "at 500ms signal USR1\n".write(to: one, atomically: true, encoding: .utf8)
        try "at 500ms signal USR1\nat 1200ms signal USR1\n".write(to: two, atomically: true, encoding: .utf8)
        let withOne = try await Self.idleEntries(["flash", "signals", "--stimulus", one.path])
        let withTwo = try await Self.idleEntries(["flash", "signals", "--stimulus", two.path])
        // The second signal adds the jump to 1.2 s (the stimulus task's timer) and the sleep the signal ends.
        #expect(withTwo - withOne == 2, "the second signal cost \(withTwo - withOne) idle entries (\(withOne) → \(withTwo))")
    }

    @Test func aSignalInRealTimeCostsTwoIdleEntries() async throws {
        // No duration: each step waits for the output, so a slow machine changes nothing. Ctrl-C ends both runs.
        let run = ["flash", "signals", "--real-time", "--stimulus", "/dev/null"]
        let quiet = try await Self.idleEntries(run, signals: [("waiting for SIGUSR1", .interrupt)], status: 130)
        // kill -USR1 once the task waits (the handler runs on the executor's thread, inside ppoll); Ctrl-C once the
        // task has logged it.
        let signalled = try await Self.idleEntries(
            run, signals: [("waiting for SIGUSR1", .userDefinedOne), ("SIGUSR1 #1", .interrupt)], status: 130)
        // The sleep the signal ends is the one extra; the sleep after it is the one Ctrl-C ends in both runs.
        #expect(signalled - quiet == 1, "one SIGUSR1 cost \(signalled - quiet) idle entries more than none (\(quiet) → \(signalled))")
    }
}
