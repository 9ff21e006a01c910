import Pinwheel
import PinwheelTestSupport
import PinwheelWorkloads
import Testing

/// Waits on timers back to back: a `Timer.after` loop or a `Ticker`, `remaining` times.
struct TimeWaiter: Future {
    var timer: Timer?
    var ticker: Ticker?
    var remaining: Int

    mutating func poll(_ context: Context) -> Poll<Void> {
        while remaining > 0 {
            if ticker != nil {
                guard ticker!.poll(context).isReady else { return .pending }
            } else {
                if timer == nil { timer = Timer.after(.microseconds(7)) }
                guard timer!.poll(context).isReady else { return .pending }
                timer = nil
            }
            remaining -= 1
        }
        return .ready(())
    }
}

/// A producer and a consumer passing values through a Signal, with a Notify and a WakerCell in the loop.
struct Relay: Future {
    static let values = Signal<UInt16>()
    static let turn = Notify<1>()
    static let consumerCell = WakerCell()

    let producer: Bool
    var remaining: Int
    var waiting: Notified<1>?

    mutating func poll(_ context: Context) -> Poll<Void> {
        if producer {
            if let waiting, !{ var w = waiting; return w.poll(context).isReady }() { return .pending }
            guard remaining > 0 else { return .ready(()) }
            remaining -= 1
            Relay.values.signal(UInt16(truncatingIfNeeded: remaining))
            waiting = Relay.turn.notified()
            var first = waiting!
            _ = first.poll(context)  // subscribe now
            return .pending
        }
        while case .ready = Relay.values.poll(context) {
            remaining -= 1
            Relay.turn.notify()
            if remaining == 0 { return .ready(()) }
        }
        return .pending
    }
}

@Suite(.serialized) struct SteadyStateAllocationTests {
    @Test func theCounterCountsAnAllocationWeMakeOnPurpose() {
        #expect(allocationCounterIsLive())
    }

    func pingPong(cycles: Int) -> (allocations: UInt64, polls: UInt64) {
        PingPong.withPair(cycles: cycles) { executor in
            var clock = VirtualClock()
            let (count, outcome) = allocations { executor.run(on: &clock) }
            #expect(outcome == .finished)
            return (count, executor.stats.polls)
        }
    }

    @Test func oneHundredThousandWakePollCyclesAllocateNothing() {
        _ = pingPong(cycles: 100)  // first use of these types: metadata is instantiated (allocated) once
        let (count, polls) = pingPong(cycles: 100_000)
        #expect(polls >= 100_000)
        #expect(count == 0, "\(count) allocations in steady state")
    }

    func timers(each: Int) -> (allocations: UInt64, expirations: UInt64) {
        var executor = try! Executor<TaskPool<TimeWaiter, 2>, 1, 2>()
        try! executor.spawn(TimeWaiter(remaining: each))
        try! executor.spawn(TimeWaiter(ticker: Ticker(every: .microseconds(5)), remaining: each))
        var clock = VirtualClock()
        let (count, outcome) = allocations { executor.run(on: &clock) }
        #expect(outcome == .finished)
        return (count, executor.stats.timerExpirations)
    }

    @Test func tenThousandTimerExpirationsAllocateNothing() {
        _ = timers(each: 10)
        let (count, expirations) = timers(each: 5_000)
        #expect(expirations == 10_000)
        #expect(count == 0, "\(count) allocations in steady state")
    }

    func relay(values: Int) -> UInt64 {
        var executor = try! Executor<TaskPool<Relay, 2>, 1, 1>()
        try! executor.spawn(Relay(producer: true, remaining: values))
        try! executor.spawn(Relay(producer: false, remaining: values))
        var clock = VirtualClock()
        let (count, outcome) = allocations { executor.run(on: &clock) }
        #expect(outcome == .finished)
        return count
    }

    @Test func signalNotifyAndWakerCellAllocateNothing() {
        _ = relay(values: 10)
        #expect(relay(values: 10_000) == 0)
    }
}
