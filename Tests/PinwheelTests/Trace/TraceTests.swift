import Pinwheel
import PinwheelTestSupport
import Synchronization
import Testing

/// A trace recording every event, with wake sources from the wake hook.
struct RecordingTrace: ExecutorTrace {
    let events: Log<[String]>

    mutating func pollStarted(slot: Int, context: Context) { events.value.append("poll \(slot)") }
    mutating func pollEnded(slot: Int, finished: Bool, context: Context) {
        events.value.append(finished ? "end \(slot) finished" : "end \(slot)")
    }
    mutating func idleEntered() { events.value.append("idle") }
    mutating func idleExited() { events.value.append("awake") }
    mutating func wakeHook(slots: Int) -> WakeHook? {
        WakeHook(context: Unmanaged.passUnretained(events).toOpaque()) { context, slot, source in
            let events = Unmanaged<Log<[String]>>.fromOpaque(context!).takeUnretainedValue()
            events.value.append("wake \(slot) from \(WakeSource(rawValue: source) == .timer ? "timer" : "\(source)")")
        }
    }
}

@Suite struct TraceTests {
    @Test func theTraceSeesPollsIdlingAndWakesWithTheirSource() throws {
        var executor = try Executor<TaskPool<Await<Timer>, 2>, 1, 2>()
        try executor.spawn(Await(Timer.after(.milliseconds(5))) { _, _ in })
        let events = Log<[String]>([])
        var trace = RecordingTrace(events: events)
        var clock = VirtualClock()
        #expect(executor.run(on: &clock, trace: &trace) == .finished)
        #expect(events.value == ["poll 0", "end 0", "idle", "awake", "wake 0 from timer", "poll 0", "end 0 finished"])
    }

    @Test func taskCountersCountPollsAndEveryWake() throws {
        var executor = try SmallExecutor()
        let cell = WakerCell()
        let polls = Log(0)
        try executor.spawn(ClosureTask { context in
            polls.value += 1
            guard polls.value < 10 else {
                cell.wake()
                return true
            }
            context.waker.wake()
            context.waker.wake()  // coalesces into the same bit, but is still a wake
            return false
        })
        try executor.spawn(ClosureTask { context in
            cell.register(context.waker)
            return polls.value == 10
        })
        var counters = TaskCounters<8>()
        var clock = VirtualClock()
        #expect(executor.run(on: &clock, trace: &counters) == .finished)
        #expect(counters.polls(slot: 0) == 10)
        #expect(counters.wakes(slot: 0) == 18, "two wakes on each of the first nine polls")
        #expect(counters.polls(slot: 1) == 2, "polled when spawned and when slot 0 finished")
        #expect(counters.wakes(slot: 1) == 1)
        #expect(counters.idleEntries == 0)
    }

    @Test func afterARunEndsWakesNoLongerReachTheHook() throws {
        var executor = try SmallExecutor()
        let kept = Log<Waker?>(nil)
        try executor.spawn(ClosureTask { context in
            kept.value = context.waker
            return false
        })
        var counters = TaskCounters<8>()
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock, trace: &counters) == .idle)
        kept.value!.wake()
        #expect(counters.wakes(slot: 0) == 0, "the run unbound its hook")
        #expect(executor.runUntilIdle(on: &clock, trace: &counters) == .idle)
        #expect(counters.polls(slot: 0) == 2, "the wake itself still counted: it set the ready bit")
    }
}
