// Tasks that exercise every part of the core, compiled as Embedded Swift with -no-allocations by
// Scripts/embedded-check: for x86_64 (linked with main.swift and run) and for armv7em (an object file).
// If any generic in Pinwheel allocated once specialised for these types, the compiler would reject this file.
import Pinwheel

let pingDone = Notify<1>()
let latest = Signal<UInt16>()
let pongCell = WakerCell()
let readings = Channel<UInt32, 4>()
let samples = SingleProducerChannel<UInt32, 4>()
/// Where the group's children's wakers point: static storage, as ChildWakers requires.
nonisolated(unsafe) var groupWakers = ChildWakers<1>()

/// The results the smoke run checks.
struct SmokeReport {
    var pings: UInt32 = 0
    var ticks: UInt32 = 0
    var missed: UInt64 = 0
    var raceWinner: UInt32 = 0
    var joined: UInt32 = 0
    var signalled: UInt32 = 0
    var finishedAt: UInt64 = 0
    var groupOrder: UInt32 = 0
    var childPolls: UInt64 = 0
    var received: UInt32 = 0
    var receivedSum: UInt32 = 0
}

nonisolated(unsafe) var report = SmokeReport()

/// Two tasks waking each other through a waker cell, 1000 times.
struct Pinger: Future {
    var remaining: UInt32 = 1000
    mutating func poll(_ context: Context) -> Poll<Void> {
        guard remaining > 0 else {
            pingDone.notify()
            return .ready(())
        }
        remaining -= 1
        report.pings += 1
        pongCell.wake()
        context.waker.wake()
        return .pending
    }
}

/// Waits for the pinger with a notify, then signals a value.
struct Waiter: Future {
    var done: Notified<1>? = nil
    mutating func poll(_ context: Context) -> Poll<Void> {
        if done == nil { done = pingDone.notified() }
        pongCell.register(context.waker)
        guard done!.poll(context).isReady else { return .pending }
        latest.signal(42)
        return .ready(())
    }
}

/// Ticks ten times on a 1 ms grid, races a timer against a signal, joins two timers.
struct Clockwork: Future {
    var ticker = Ticker(every: .milliseconds(1))
    var race = select(Timer.after(.seconds(1)), latest.next()).map(Winner())
    var both = join(Timer.after(.milliseconds(3)), Timer.after(.milliseconds(4)))
    var stage = 0
    mutating func poll(_ context: Context) -> Poll<Void> {
        while true {
            switch stage {
            case 0:
                guard case .ready(let tick) = ticker.poll(context) else { return .pending }
                report.ticks += 1
                report.missed += tick.missed
                if report.ticks == 10 { stage = 1 }
            case 1:
                guard case .ready(let won) = race.poll(context) else { return .pending }
                report.raceWinner = won
                stage = 2
            case 2:
                guard both.poll(context).isReady else { return .pending }
                report.joined = 1
                report.finishedAt = context.now().ticks
                return .ready(())
            default:
                return .ready(())
            }
        }
    }
}

struct Winner: OutputTransform {
    func callAsFunction(_ either: Either<Instant, UInt16>) -> UInt32 {
        switch either {
        case .first: 1
        case .second(let value): UInt32(value)
        }
    }
}

/// Eight timers as a group's children: handed out in the order they finish, each child polled only when woken.
struct Grouped: Future {
    var group: FutureGroup<Timer, 8, 1>
    init(wakers: UnsafeMutablePointer<ChildWakers<1>>) {
        let delays: InlineArray<8, UInt64> = [7, 3, 5, 1, 8, 2, 6, 4]
        group = FutureGroup(InlineArray { Timer.after(.milliseconds(delays[$0])) }, wakers: wakers)
    }
    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready(let next) = group.pollNext(context) {
            guard let next else {
                report.childPolls = group.childPolls
                return .ready(())
            }
            report.groupOrder = report.groupOrder &* 10 &+ UInt32(truncatingIfNeeded: next.index)
        }
        return .pending
    }
}

/// The address of a global channel (stable for the program's life).
func address<C: BoundedChannel & ~Copyable>(of channel: borrowing C) -> UnsafePointer<C> {
    withUnsafePointer(to: channel) { $0 }
}

/// Sends 10 readings into a 4-element channel, waiting for room when it is full.
struct Producer<Source: BoundedChannel & ~Copyable>: Future where Source.Element == UInt32 {
    let channel: UnsafePointer<Source>
    var next: UInt32 = 1
    var sending: SendWhenRoom<Source>? = nil
    mutating func poll(_ context: Context) -> Poll<Void> {
        while next <= 10 {
            if sending == nil { sending = channel.pointee.sendWhenRoom(next) }
            guard sending!.poll(context).isReady else { return .pending }
            sending = nil
            next += 1
        }
        return .ready(())
    }
}

/// Receives the 10 readings.
struct Consumer<Source: BoundedChannel & ~Copyable>: Future where Source.Element == UInt32 {
    var receiving: Receive<Source>
    var count: UInt32 = 0
    init(_ channel: UnsafePointer<Source>) { receiving = channel.pointee.receive() }
    mutating func poll(_ context: Context) -> Poll<Void> {
        while case .ready(let value) = receiving.poll(context) {
            report.received += 1
            report.receivedSum += value
            count += 1
            if count == 10 { return .ready(()) }
        }
        return .pending
    }
}

enum SmokeTask: Future {
    case pinger(Pinger)
    case waiter(Waiter)
    case clockwork(Clockwork)
    case grouped(Grouped)
    case producer(Producer<Channel<UInt32, 4>>)
    case consumer(Consumer<Channel<UInt32, 4>>)
    case singleProducer(Producer<SingleProducerChannel<UInt32, 4>>)
    case singleConsumer(Consumer<SingleProducerChannel<UInt32, 4>>)

    mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .pinger(var task): defer { self = .pinger(task) }; return task.poll(context)
        case .waiter(var task): defer { self = .waiter(task) }; return task.poll(context)
        case .clockwork(var task): defer { self = .clockwork(task) }; return task.poll(context)
        case .grouped(var task): defer { self = .grouped(task) }; return task.poll(context)
        case .producer(var task): defer { self = .producer(task) }; return task.poll(context)
        case .consumer(var task): defer { self = .consumer(task) }; return task.poll(context)
        case .singleProducer(var task): defer { self = .singleProducer(task) }; return task.poll(context)
        case .singleConsumer(var task): defer { self = .singleConsumer(task) }; return task.poll(context)
        }
    }
}

/// Spawns the tasks on a virtual clock and runs them to the end. Returns whether every check held.
func runSmoke() -> Bool {
    guard var executor = try? Executor<TaskPool<SmokeTask, 4>, 1, 4>() else { return false }
    do {
        try executor.spawn(.pinger(Pinger()))
        try executor.spawn(.waiter(Waiter()))
        try executor.spawn(.clockwork(Clockwork()))
        try executor.spawn(.pinger(Pinger(remaining: 0)))
        try executor.spawn(.pinger(Pinger(remaining: 0)))
        return false  // the fifth spawn must fail: the pool has four slots
    } catch {
        guard error == .poolFull(capacity: 4) else { return false }
    }
    var clock = VirtualClock()
    var counters = TaskCounters<4>()
    let outcome = executor.run(on: &clock, trace: &counters)
    guard outcome == .finished
        && report.pings == 1000
        && report.ticks == 10 && report.missed == 0
        && report.raceWinner == 42
        && report.joined == 1
        && report.finishedAt == 14_000_000
        && counters.polls(slot: 0) == 1001
    else { return false }
    // The group and both channel forms, in a second table. (A channel's address escapes on purpose: its
    // contract is a stable address, and these are globals.)
    let multi = address(of: readings)
    let single = address(of: samples)
    return withUnsafeMutablePointer(to: &groupWakers) { wakers in
        guard var second = try? Executor<TaskPool<SmokeTask, 8>, 1, 8>(),
              (try? second.spawn(.grouped(Grouped(wakers: wakers)))) != nil,
              (try? second.spawn(.consumer(Consumer(multi)))) != nil,
              (try? second.spawn(.producer(Producer(channel: multi)))) != nil,
              (try? second.spawn(.singleConsumer(Consumer(single)))) != nil,
              (try? second.spawn(.singleProducer(Producer(channel: single)))) != nil
        else { return false }
        var clock = VirtualClock()
        return second.run(on: &clock) == .finished
            && report.groupOrder == 35_172_604  // children 3, 5, 1, 7, 2, 6, 0, 4: deadline order
            && report.childPolls == 16  // each timer: polled at the start, then once when its deadline passed
            && report.received == 20 && report.receivedSum == 110
            && readings.rejected == 0 && samples.rejected == 0
    }
}
