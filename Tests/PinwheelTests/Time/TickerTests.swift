import Pinwheel
import PinwheelTestSupport
import Testing

/// A task that takes `count` ticks, recording each, and optionally stalls the clock on some of them.
struct TickerTask: Future {
    var ticker: Ticker
    let count: Int
    let record: Log<[Tick]>

    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready(let tick) = ticker.poll(context) {
            record.value.append(tick)
            #expect(context.now() >= tick.deadline)
            if record.value.count == count { return .ready(()) }
        }
        return .pending
    }
}

@Suite struct TickerTests {
    @Test func twoThousandPeriodsLandExactlyOnTheGrid() throws {
        var executor = try Executor<TaskPool<TickerTask, 1>, 1, 1>()
        let ticks = Log<[Tick]>([])
        let origin = Instant(ticks: 123)
        try executor.spawn(TickerTask(ticker: Ticker(every: .milliseconds(1), startingAt: origin + .milliseconds(1)),
                                      count: 2000, record: ticks))
        var clock = VirtualClock(start: origin)
        #expect(executor.run(on: &clock) == .finished)
        #expect(ticks.value.count == 2000)
        for (k, tick) in ticks.value.enumerated() {
            #expect(tick.deadline == origin + .milliseconds(UInt64(k + 1)), "tick \(k) drifted")
            #expect(tick.missed == 0)
        }
        #expect(clock.current == origin + .seconds(2), "no accumulated lateness")
    }

    @Test func lateTicksReportMissedPeriodsAndTheGridResumes() throws {
        var executor = try Executor<TaskPool<TickerTask, 1>, 1, 1>()
        let ticks = Log<[Tick]>([])
        try executor.spawn(TickerTask(ticker: Ticker(every: .milliseconds(10), startingAt: Instant(ticks: 10_000_000)),
                                      count: 3, record: ticks))
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        // The task is blocked from running until 45 ms: the deadlines at 10, 20, 30 and 40 ms have all passed.
        clock.advance(to: Instant(ticks: 45_000_000))
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(ticks.value == [Tick(deadline: Instant(ticks: 10_000_000), missed: 3)])
        clock.advance(to: Instant(ticks: 50_000_000))
        _ = executor.runUntilIdle(on: &clock)
        clock.advance(to: Instant(ticks: 61_000_000))
        #expect(executor.runUntilIdle(on: &clock) == .finished)
        #expect(ticks.value.map(\.deadline.ticks) == [10_000_000, 50_000_000, 60_000_000])
        #expect(ticks.value.map(\.missed) == [3, 0, 0])
    }
}
