import Pinwheel
@testable import PinwheelFlash
import Testing

/// The run's sinks, each alone: told of polls, wakes and samples by hand, as the executor's trace tells them.
@Suite struct RunSinkTests {
    let origin = Instant.zero + .seconds(10)

    @Test func thePollLimitIsReachedOnceAtItsCount() {
        var reached = 0
        let limit = PollLimit(count: 3) { reached += 1 }
        for _ in 0..<5 { limit.pollStarted(slot: 0, at: origin) }
        #expect(reached == 1)
    }

    @Test func theCountersCountPerSlotAndIgnoreSlotsBeyondTheirStorage() {
        let counters = RunCounters()
        for slot in [0, 2, 2, RunCounters.countedSlots] { counters.pollStarted(slot: slot, at: origin) }
        counters.woke(WakeRecorder.Record(time: origin, slot: 2, source: .timer))
        #expect([counters.polls(slot: 0), counters.polls(slot: 1), counters.polls(slot: 2)] == [1, 0, 2])
        #expect(counters.wakes(slot: 2) == 1 && counters.wakes(slot: 0) == 0)
        #expect(counters.polls(slot: RunCounters.countedSlots) == 0)
    }

    @Test func watchedLinesRecordEachChangeOnceAtItsTimeFromTheStart() {
        final class Level { var high = false }
        let level = Level()
        let recording = RunRecording()
        var now = origin
        let watcher = LineWatcher(clock: { now }, waveform: nil, recording: recording)
        var redraws = 0
        watcher.linesChanged = { redraws += 1 }
        let index = watcher.watch("BUTTON") { level.high }
        watcher.started(at: origin)
        level.high = true
        now = origin + .milliseconds(5)
        watcher.pollEnded(slot: 0, finished: false, at: now)
        watcher.pollEnded(slot: 0, finished: false, at: now)  // no change: nothing recorded, nothing redrawn
        // An edge from the handler at its kernel stamp; a stamp from another clock (before the run) is not used.
        now = origin + .milliseconds(9)
        watcher.edge(on: index, high: false, at: origin + .milliseconds(8))
        watcher.edge(on: index, high: true, at: .zero)
        #expect(recording.initialLevels == ["BUTTON": false])
        #expect(recording.changes.map(\.description) == [
            "BUTTON high at 0.005000 s", "BUTTON low at 0.008000 s", "BUTTON high at 0.009000 s",
        ])
        #expect(redraws == 1)
    }

    @Test func theTraceNamesAnInterruptByItsVector() {
        let trace = WakeTrace(console: Console(json: false, isTerminal: false) { _ in }, taskNames: [0: "main"], irqNames: [2: "BUTTON"])
        #expect(trace.describe(.interrupt(2)) == "IRQ 2 (BUTTON)")
        #expect(trace.describe(.interrupt(3)) == "IRQ 3")
        #expect(trace.describe(.timer) == "timer queue (deadline passed)")
    }
}
