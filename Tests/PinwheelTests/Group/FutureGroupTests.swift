import Pinwheel
import PinwheelTestSupport
import Testing

/// Children that finish when their gate is opened: each registers its waker in its own cell, as a leaf future
/// waiting for an interrupt does, and counts its polls.
final class Gates: @unchecked Sendable {
    let count: Int
    let cells: UnsafeMutablePointer<WakerCell>
    var open: [Bool]
    var polls: [Int]

    init(_ count: Int) {
        self.count = count
        cells = .allocate(capacity: count)
        for index in 0..<count { (cells + index).initialize(to: WakerCell()) }
        open = Array(repeating: false, count: count)
        polls = Array(repeating: 0, count: count)
    }

    deinit {
        cells.deinitialize(count: count)
        cells.deallocate()
    }

    /// Opens gate `index` and wakes its child: what an interrupt handler does.
    func release(_ index: Int) {
        open[index] = true
        cells[index].wake()
    }

    struct Child: Future {
        let gates: Gates
        let index: Int
        mutating func poll(_ context: Context) -> Poll<Int> {
            gates.polls[index] += 1
            gates.cells[index].register(context.waker)
            return gates.open[index] ? .ready(index * 10) : .pending
        }
    }

    func children<let n: Int>() -> InlineArray<n, Child> { InlineArray { Child(gates: self, index: $0) } }
}

/// Static storage for child wakers, as a program keeps it: allocated once per test, freed after the executor.
final class Storage<let words: Int>: @unchecked Sendable {
    let wakers = UnsafeMutablePointer<ChildWakers<words>>.allocate(capacity: 1)
    init() { wakers.initialize(to: ChildWakers()) }
    deinit {
        wakers.deinitialize(count: 1)
        wakers.deallocate()
    }
}

@Suite struct FutureGroupTests {
    typealias Runner = Executor<TaskPool<ClosureTask, 4>, 1, 4>

    /// Spawns the driver: each of its polls opens the next gate of `order` (waking that child, as an interrupt
    /// handler would), then yields, so each child is woken in a batch of its own.
    static func spawnOpener(of gates: Gates, in order: [Int], on executor: inout Runner) throws {
        var step = 0
        try executor.spawn(ClosureTask { context in
            guard step < order.count else { return true }
            gates.release(order[step])
            step += 1
            context.waker.wake()
            return false
        })
    }

    /// Runs `group` as one task and a driver as another: each driver poll opens the next gate of `order`, then
    /// yields, so each child is woken in a batch of its own. Returns the completions in the order handed out.
    func completions(of gates: Gates, opening order: [Int]) throws -> [(index: Int, output: Int)] {
        let storage = Storage<1>()
        var executor = try Runner()
        var group = FutureGroup(gates.children() as InlineArray<4, Gates.Child>, wakers: storage.wakers)
        let handed = Log<[(index: Int, output: Int)]>([])
        try executor.spawn(ClosureTask { context in
            while case .ready(let next) = group.pollNext(context) {
                guard let next else { return true }
                handed.value.append(next)
            }
            return false
        })
        try Self.spawnOpener(of: gates, in: order, on: &executor)
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        return handed.value
    }

    @Test func completionsComeInTheOrderTheChildrenFinishForEveryOrder() throws {
        for order in permutations([0, 1, 2, 3]) {
            let gates = Gates(4)
            let handed = try completions(of: gates, opening: order)
            #expect(handed.map(\.index) == order, "opened in \(order)")
            #expect(handed.map(\.output) == order.map { $0 * 10 })
            #expect(gates.polls == [2, 2, 2, 2], "each child polled at the start and once when woken")
        }
    }

    @Test func joinAllGivesOutputsInTheChildrensOrderForEveryOrder() throws {
        for order in permutations([0, 1, 2, 3]) {
            let gates = Gates(4)
            let storage = Storage<1>()
            var executor = try Runner()
            let result = Log<[Int]>([])
            try executor.spawn(ClosureTask { _ in true })  // slot 0 taken: the join's waker is not slot 0
            var join = JoinAll(gates.children() as InlineArray<4, Gates.Child>, wakers: storage.wakers)
            try executor.spawn(ClosureTask { context in
                guard case .ready(let outputs) = join.poll(context) else { return false }
                result.value = (0..<4).map { outputs[$0] }
                return true
            })
            try Self.spawnOpener(of: gates, in: order, on: &executor)
            var clock = VirtualClock()
            #expect(executor.run(on: &clock) == .finished)
            #expect(result.value == [0, 10, 20, 30], "opened in \(order)")
            // Each child: polled once at the start, once when woken.
            #expect(gates.polls == [2, 2, 2, 2], "opened in \(order)")
        }
    }

    @Test func aChildWokenTwiceBeforeTheGroupLooksIsPolledOnce() throws {
        let gates = Gates(3)
        let storage = Storage<1>()
        var executor = try Runner()
        var join = JoinAll(gates.children() as InlineArray<3, Gates.Child>, wakers: storage.wakers)
        var polls = 0
        try executor.spawn(ClosureTask { context in
            polls += 1
            return join.poll(context).isReady
        })
        try executor.spawn(ClosureTask { _ in
            // Between the group's first poll and its next: child 1 is woken twice, then all open.
            gates.cells[1].wake()
            gates.release(1)
            gates.release(0)
            gates.release(2)
            return true
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(gates.polls == [2, 2, 2])
        #expect(join.group.childPolls == 6)
    }

    /// A child that wakes itself on every poll, forever (until told to stop).
    struct Spinner: Future {
        let stop: Log<Bool>
        let polls: Log<Int>
        mutating func poll(_ context: Context) -> Poll<Int> {
            polls.value += 1
            // The bound only turns a starving group into a failed expectation instead of a hang.
            if stop.value || polls.value >= 10_000 { return .ready(polls.value) }
            context.waker.wake()
            return .pending
        }
    }

    @Test func aChildThatWakesItselfForeverDoesNotStarveOtherTasks() throws {
        let stop = Log(false)
        let polls = Log(0)
        let storage = Storage<1>()
        var executor = try Runner()
        var group = FutureGroup(InlineArray<4, Spinner>(repeating: Spinner(stop: stop, polls: polls)), wakers: storage.wakers)
        var parentPolls = 0
        try executor.spawn(ClosureTask { context in
            parentPolls += 1
            while case .ready(let next) = group.pollNext(context) { if next == nil { return true } }
            return false
        })
        // The other task: yields once, then stops the spinners on its second poll. If the group kept polling its
        // self-waking children inside one parent poll, that second poll would wait for the spinners' own bound.
        var otherPolls = 0
        try executor.spawn(ClosureTask { context in
            otherPolls += 1
            guard otherPolls == 2 else {
                context.waker.wake()
                return false
            }
            stop.value = true
            return true
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(otherPolls == 2)
        // Each parent poll polls the 4 children once (its budget: `count` child polls), finds them woken again and
        // yields: batch 1 and 2 poll the group and the other task; in batch 3 the stopped spinners finish.
        #expect(parentPolls == 3)
        #expect(group.childPolls == 12)
    }

    @Test func oneWakeAmongAThousandChildrenPollsOneChild() throws {
        let gates = Gates(1000)
        let storage = Storage<16>()
        var executor = try Runner()
        var race = SelectFirst(gates.children() as InlineArray<1000, Gates.Child>, wakers: storage.wakers)
        let winner = Log<Int?>(nil)
        try executor.spawn(ClosureTask { context in
            guard case .ready(let first) = race.poll(context) else { return false }
            winner.value = first.index
            return true
        })
        try executor.spawn(ClosureTask { _ in
            gates.release(537)
            return true
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(winner.value == 537)
        // 1,000 polls at the start (every child once), then exactly one: the woken child.
        #expect(race.group.childPolls == 1001)
        #expect(gates.polls[537] == 2)
        #expect(gates.polls.reduce(0, +) == 1001)
    }

    @Test func aChildWakerThatOutlivesItsGroupDoesNothingHarmful() throws {
        let gates = Gates(4)
        let storage = Storage<1>()
        var executor = try Runner()
        var race = SelectFirst(gates.children() as InlineArray<4, Gates.Child>, wakers: storage.wakers)
        let parentPolls = Log(0)
        try executor.spawn(ClosureTask { context in
            parentPolls.value += 1
            return race.poll(context).isReady
        })
        try executor.spawn(ClosureTask { _ in
            gates.release(2)
            return true
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(parentPolls.value == 2)
        // The race is over; children 0, 1 and 3 still have their wakers registered. Firing them now sets their bits
        // in the static storage and wakes nobody: the parent's cell was emptied when the race ended.
        for index in [0, 1, 3] { gates.release(index) }
        try executor.spawn(ClosureTask { _ in true })
        #expect(executor.run(on: &clock) == .finished)
        #expect(parentPolls.value == 2)
        // A later group on the same storage sees those bits as wakes: one extra poll of those children, no more.
        let next = Gates(4)
        var join = JoinAll(next.children() as InlineArray<4, Gates.Child>, wakers: storage.wakers)
        try executor.spawn(ClosureTask { context in join.poll(context).isReady })
        for index in 0..<4 { next.open[index] = true }
        #expect(executor.run(on: &clock) == .finished)
        #expect(next.polls == [1, 1, 1, 1])
    }

    @Test func childrenWaitingOnTimersFinishAtTheirDeadlines() throws {
        let storage = Storage<1>()
        var executor = try Runner()
        let delays: InlineArray<4, UInt64> = [30, 10, 40, 20]
        var group = FutureGroup(
            InlineArray<4, Timer> { Timer.after(.milliseconds(delays[$0])) }, wakers: storage.wakers)
        let finished = Log<[(Int, Instant)]>([])
        try executor.spawn(ClosureTask { context in
            while case .ready(let next) = group.pollNext(context) {
                guard let next else { return true }
                finished.value.append((next.index, context.now()))
            }
            return false
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(finished.value.map(\.0) == [1, 3, 0, 2])
        #expect(finished.value.map(\.1) == [10, 20, 30, 40].map { Instant(ticks: $0 * 1_000_000) })
    }
}

/// Every ordering of `items`.
func permutations(_ items: [Int]) -> [[Int]] {
    guard items.count > 1 else { return [items] }
    return items.indices.flatMap { index in
        var rest = items
        let first = rest.remove(at: index)
        return permutations(rest).map { [first] + $0 }
    }
}
