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

/// A task with a group of 1,000 children, one of which receives `remaining` values from a channel; the other 999
/// wait for nothing. Or the task that fills the channel, waiting for room when it is full.
enum GroupAndChannel: Future {
    static let channel = Channel<UInt32, 8>()
    /// The children's wakers, in static storage as `ChildWakers` requires (allocated once, before any count).
    nonisolated(unsafe) static let wakers: UnsafeMutablePointer<ChildWakers<16>> = {
        let storage = UnsafeMutablePointer<ChildWakers<16>>.allocate(capacity: 1)
        storage.initialize(to: ChildWakers())
        return storage
    }()

    enum Member: Future {
        case receiver(remaining: Int, sum: UInt64)
        case idle

        mutating func poll(_ context: Context) -> Poll<UInt64> {
            guard case .receiver(var remaining, var sum) = self else { return .pending }
            var receive = GroupAndChannel.channel.receive()
            while case .ready(let value) = receive.poll(context) {
                sum &+= UInt64(value)
                remaining -= 1
                if remaining == 0 { return .ready(sum) }
                receive = GroupAndChannel.channel.receive()
            }
            self = .receiver(remaining: remaining, sum: sum)
            return .pending
        }
    }

    case group(SelectFirst<Member, 1000, 16>, received: UnsafeMutablePointer<UInt64>)
    case sender(next: UInt32, last: UInt32, waiting: SendWhenRoom<Channel<UInt32, 8>>?)

    static func group(receiving count: Int, into received: UnsafeMutablePointer<UInt64>) -> GroupAndChannel {
        .group(SelectFirst(InlineArray { $0 == 617 ? .receiver(remaining: count, sum: 0) : .idle }, wakers: wakers),
               received: received)
    }

    mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .group(var race, let received):
            defer { if case .group = self { self = .group(race, received: received) } }
            guard case .ready(let first) = race.poll(context) else { return .pending }
            received.pointee = first.output
            return .ready(())
        case .sender(var next, let last, var waiting):
            defer { if case .sender = self { self = .sender(next: next, last: last, waiting: waiting) } }
            while true {
                if var room = waiting {
                    guard room.poll(context).isReady else { waiting = room; return .pending }
                    waiting = nil
                    next &+= 1
                }
                guard next <= last else { return .ready(()) }
                if GroupAndChannel.channel.trySend(next) {
                    next &+= 1
                } else {
                    waiting = GroupAndChannel.channel.sendWhenRoom(next)
                }
            }
        }
    }
}

@Suite(.serialized, .enabled(if: allocationCounterIsAvailable, "a sanitizer build leaves the allocation counter out")) struct SteadyStateAllocationTests {
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

    func groupAndChannel(values: UInt32) -> (allocations: UInt64, sum: UInt64) {
        let received = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        defer { received.deallocate() }
        var executor = try! Executor<TaskPool<GroupAndChannel, 2>, 1, 1>()
        try! executor.spawn(.group(receiving: Int(values), into: received))
        try! executor.spawn(.sender(next: 1, last: values, waiting: nil))
        var clock = VirtualClock()
        let (count, outcome) = allocations { executor.run(on: &clock) }
        #expect(outcome == .finished)
        return (count, received.pointee)
    }

    @Test func aGroupOfAThousandAndAChannelAllocateNothing() {
        _ = groupAndChannel(values: 10)
        let (count, sum) = groupAndChannel(values: 10_000)
        #expect(sum == 10_000 * 10_001 / 2, "every value sent arrived once")
        #expect(count == 0, "\(count) allocations in steady state")
    }

    @Test func signalNotifyAndWakerCellAllocateNothing() {
        _ = relay(values: 10)
        #expect(relay(values: 10_000) == 0)
    }
}
