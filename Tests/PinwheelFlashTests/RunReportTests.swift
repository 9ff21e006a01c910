import Pinwheel
@testable import PinwheelFlash
import Testing

/// The report at a run's end: a pure function of the run's figures.
@Suite struct RunReportTests {
    func report(
        reason: StopReason? = .programEnded, exitCode: Int32 = 0, droppedLog: UInt64 = 0, foreign: (UInt64, UInt64)? = (0, 0),
        waveform: String? = nil
    ) -> RunReport {
        var stats = ExecutorStats()
        stats.polls = 12
        stats.batches = 10
        stats.idleEntries = 9
        stats.timerExpirations = 4
        return RunReport(
            elapsed: .milliseconds(2500), virtual: true, stats: stats,
            tasks: [RunReport.Task(slot: 0, name: "main", polls: 11, wakes: 10, foreign: foreign),
                    RunReport.Task(slot: 1, name: "supervisor", polls: 1, wakes: 0, foreign: nil)],
            inputs: [RunReport.Input(name: "BUTTON", received: 6, dropped: 1)],
            droppedLogRecords: droppedLog, waveformPath: waveform, reason: reason, exitCode: exitCode,
            released: (lines: 2, signalHandlers: 0))
    }

    @Test func theSummaryShowsEachFigureOnce() {
        #expect(report().lines.map(\.text) == [
            "Ran 2.500000 s of virtual time: 12 polls in 10 batches, 9 idle entries, 4 timer expirations",
            "  slot 0 main: 11 polls, 10 wakes",
            "  slot 1 supervisor: 1 polls, 0 wakes",
            "  BUTTON: 6 edges received, 1 dropped",
            "released 2 line(s); exit 0",
        ])
        #expect(report().lines.map(\.type) == ["stats", "task", "task", "irq", "end"])
    }

    @Test func whatWasDroppedOrWrittenIsShownOnlyWhenThereIsSome() {
        let lines = report(droppedLog: 3, foreign: (5, 1), waveform: "run.vcd").lines.map(\.text)
        #expect(lines.contains("  slot 0 main: 11 polls, 10 wakes, 5 foreign resumes (1 overflowed the inbox)"))
        #expect(lines.contains("  log: 3 records dropped (the log's ring was full)"))
        #expect(lines.contains("  waveform: run.vcd"))
    }

    @Test func theClosingLineCarriesTheReasonAndTheExitStatus() throws {
        let end = try #require(report(reason: .signal(2), exitCode: 130).lines.last)
        #expect(end.text == "released 2 line(s); exit 130")
        #expect(end.fields["reason"] as? String == "signal 2")
        #expect(end.fields["exit"] as? Int == 130)
    }

    @Test func theExitStatusPutsASignalFirstThenAFailureThenLoggedErrors() {
        #expect(RunReport.exitCode(shutdownSignal: 15, failure: .program(.undeclaredLine("X")), loggedErrors: 2) == 143)
        #expect(RunReport.exitCode(shutdownSignal: nil, failure: .program(.undeclaredLine("X")), loggedErrors: 2) == 64)
        #expect(RunReport.exitCode(shutdownSignal: nil, failure: nil, loggedErrors: 2) == 1)
        #expect(RunReport.exitCode(shutdownSignal: nil, failure: nil, loggedErrors: 0) == 0)
    }
}
