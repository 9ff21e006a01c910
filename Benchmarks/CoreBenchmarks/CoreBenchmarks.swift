// Core benchmarks: ns per wake→poll cycle, measured in one run next to the same ping-pong on Swift concurrency.
// Build and run in release: `swift run -c release pinwheel-benchmarks` (Scripts/bench does this).
import Foundation
import Pinwheel
import PinwheelHost
import PinwheelWorkloads
import Synchronization

/// Wall-clock nanoseconds.
func nowNanoseconds() -> UInt64 { HostPlatform().now().ticks }

/// Runs `body` `rounds` times; each returns nanoseconds per operation. Reports the median and the spread.
func measure(_ rounds: Int, _ body: () -> Double) -> (median: Double, min: Double, max: Double) {
    var samples: [Double] = []
    for _ in 0..<rounds { samples.append(body()) }
    samples.sort()
    return (samples[samples.count / 2], samples.first!, samples.last!)
}

@MainActor func measureAsync(_ rounds: Int, _ body: @MainActor () async -> Double) async -> (median: Double, min: Double, max: Double) {
    var samples: [Double] = []
    for _ in 0..<rounds { samples.append(await body()) }
    samples.sort()
    return (samples[samples.count / 2], samples.first!, samples.last!)
}

// MARK: Pinwheel ping-pong: two tasks, each poll wakes the other.

func pinwheelPingPong(cycles: Int, counted: Bool = false) -> Double {
    PingPong.withPair(cycles: cycles) { executor in
        var platform = HostPlatform()
        var counters = TaskCounters<2>()
        let start = nowNanoseconds()
        let outcome = counted ? executor.run(on: &platform, trace: &counters) : executor.run(on: &platform)
        let elapsed = nowNanoseconds() - start
        precondition(!counted || counters.polls(slot: 0) > UInt64(cycles / 4))
        precondition(outcome == .finished && executor.stats.polls >= UInt64(cycles))
        return Double(elapsed) / Double(cycles)
    }
}

// MARK: Async ping-pong: two async tasks in Pinwheel slots hand a turn back and forth (2 parks + 2 resumes).

func asyncPingPong(roundTrips: Int) -> Double {
    AsyncPingPong.withPair(roundTrips: roundTrips) { executor in
        var platform = HostPlatform()
        let start = nowNanoseconds()
        let outcome = executor.run(on: &platform)
        let elapsed = nowNanoseconds() - start
        precondition(outcome == .finished && executor.stats.polls >= UInt64(2 * roundTrips))
        return Double(elapsed) / Double(roundTrips)
    }
}

// MARK: The same ping-pong on Swift concurrency: two tasks on the default executor handing a baton through
// continuations. Each hand-off resumes the other task: one wake→run cycle.

final class Baton: Sendable {
    private let parked = Mutex<UnsafeContinuation<Void, Never>?>(nil)

    func pass() async {
        await withUnsafeContinuation { (mine: UnsafeContinuation<Void, Never>) in
            let other = parked.withLock { slot in
                let other = slot
                slot = mine
                return other
            }
            other?.resume()
        }
    }

    func finish() {
        parked.withLock { slot in
            let other = slot
            slot = nil
            return other
        }?.resume()
    }
}

func concurrencyPingPong(cycles: Int) async -> Double {
    let baton = Baton()
    let start = nowNanoseconds()
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<2 {
            group.addTask {
                for _ in 0..<(cycles / 2) { await baton.pass() }
                baton.finish()
            }
        }
    }
    return Double(nowNanoseconds() - start) / Double(cycles)
}

// MARK: One wake among many idle tasks: task 0 wakes itself; every other task waits on a Notify until it ends.

nonisolated(unsafe) var selfWakeSpan: (start: UInt64, end: UInt64) = (0, 0)

struct LoneWaker: Future {
    var remaining: Int
    /// The run's notify: the lone task fires it when done; the idle tasks wait on it.
    let allDone: UnsafePointer<Notify<16>>
    var done: Notified<16>?

    mutating func poll(_ context: Context) -> Poll<Void> {
        if let done {
            var future = done
            return future.poll(context)
        }
        if remaining == 0 {
            selfWakeSpan.end = nowNanoseconds()
            allDone.pointee.notify()
            return .ready(())
        }
        if selfWakeSpan.start == 0 { selfWakeSpan.start = nowNanoseconds() }
        remaining -= 1
        context.waker.wake()
        return .pending
    }
}

func oneWake<let slots: Int, let words: Int>(
    _ pool: Executor<TaskPool<LoneWaker, slots>, words, 1>.Type, spawned: Int, cycles: Int
) -> Double {
    // A notify per run: a Notify belongs to one executor, and a task that was notified leaves its subscription
    // bit behind (it subscribes before it checks), which must not reach the next run's executor.
    let allDone = UnsafeMutablePointer<Notify<16>>.allocate(capacity: 1)
    allDone.initialize(to: Notify())
    defer {
        allDone.deinitialize(count: 1)
        allDone.deallocate()
    }
    var executor = try! Executor<TaskPool<LoneWaker, slots>, words, 1>()
    // Idle tasks first, so they are polled once (and subscribe) before the measured span starts.
    for _ in 1..<spawned { try! executor.spawn(LoneWaker(remaining: 0, allDone: allDone, done: allDone.pointee.notified())) }
    try! executor.spawn(LoneWaker(remaining: cycles, allDone: allDone, done: nil))
    selfWakeSpan = (0, 0)
    var platform = HostPlatform()
    precondition(executor.run(on: &platform) == .finished)
    return Double(selfWakeSpan.end - selfWakeSpan.start) / Double(cycles)
}

// MARK: One wake among 1,000 children: a group that polls the woken child against a join that polls them all.

/// Child 500 wakes itself `n` times; the other 999 wait for nothing and are never woken.
enum GroupChild: Future {
    case spinner(Int)
    case idle

    mutating func poll(_ context: Context) -> Poll<Void> {
        guard case .spinner(let remaining) = self else { return .pending }
        if remaining == 0 { return .ready(()) }
        self = .spinner(remaining - 1)
        context.waker.wake()
        return .pending
    }

    static func thousand(spinning cycles: Int) -> InlineArray<1000, GroupChild> {
        InlineArray { $0 == 500 ? .spinner(cycles) : .idle }
    }
}

/// The group's child wakers: static storage, as `ChildWakers` requires.
nonisolated(unsafe) let benchWakers: UnsafeMutablePointer<ChildWakers<16>> = {
    let storage = UnsafeMutablePointer<ChildWakers<16>>.allocate(capacity: 1)
    storage.initialize(to: ChildWakers())
    return storage
}()

/// ns per wake of one child among 1,000 in a `SelectFirst` (per-child wakers: the woken child is polled).
func groupWake(cycles: Int) -> Double {
    var executor = try! Executor<TaskPool<SelectFirst<GroupChild, 1000, 16>, 1>, 1, 1>()
    try! executor.spawn(SelectFirst(GroupChild.thousand(spinning: cycles), wakers: benchWakers))
    var platform = HostPlatform()
    let start = nowNanoseconds()
    precondition(executor.run(on: &platform) == .finished)
    return Double(nowNanoseconds() - start) / Double(cycles)
}

/// ns per wake of one child among 1,000 in a `SelectAny` (one waker for all: every child is polled).
func pollEveryChildWake(cycles: Int) -> Double {
    var executor = try! Executor<TaskPool<SelectAny<GroupChild, 1000>, 1>, 1, 1>()
    try! executor.spawn(SelectAny(GroupChild.thousand(spinning: cycles)))
    var platform = HostPlatform()
    let start = nowNanoseconds()
    precondition(executor.run(on: &platform) == .finished)
    return Double(nowNanoseconds() - start) / Double(cycles)
}

/// The one-wake and group comparisons, pairwise per round; prints each side's median and the median ratio.
func compareWakes(rounds: Int, cycles: Int) {
    var small: [Double] = [], full: [Double] = [], grouped: [Double] = [], everyChild: [Double] = []
    var taskRatios: [Double] = [], groupRatios: [Double] = []
    for _ in 0..<rounds {
        small.append(oneWake(Executor<TaskPool<LoneWaker, 8>, 1, 1>.self, spawned: 8, cycles: cycles))
        full.append(oneWake(Executor<TaskPool<LoneWaker, 1024>, 16, 1>.self, spawned: 1024, cycles: cycles))
        taskRatios.append(full.last! / small.last!)
        grouped.append(groupWake(cycles: cycles / 10))
        everyChild.append(pollEveryChildWake(cycles: cycles / 1000))
        groupRatios.append(everyChild.last! / grouped.last!)
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    if CommandLine.arguments.contains("--samples") {
        print("8-slot: " + small.map { String(format: "%.1f", $0) }.joined(separator: " "))
        print("1024-slot: " + full.map { String(format: "%.1f", $0) }.joined(separator: " "))
    }
    print(String(format: "one wake, 8 tasks (8-slot executor): %.1f ns; 1024 tasks (1024-slot executor): %.1f ns", median(small), median(full)))
    print(String(format: "1024 vs 8 tasks, median of %d paired rounds: %.2fx (min %.2fx, max %.2fx)", rounds, median(taskRatios), taskRatios.min()!, taskRatios.max()!))
    print(String(format: "one wake among 1,000 children: group %.1f ns, polling every child %.1f ns", median(grouped), median(everyChild)))
    print(String(format: "group vs polling every child, median of %d paired rounds: %.1fx faster (min %.1fx, max %.1fx)", rounds, median(groupRatios), groupRatios.min()!, groupRatios.max()!))
}

@main
struct CoreBenchmarks {
    static func main() async {
        // `--quick`: a few short rounds, to check that the benchmark still runs (CI); the numbers mean little.
        let quick = CommandLine.arguments.contains("--quick")
        // `--async-only N`: only the async ping-pong, N round trips, once: for a profiler (perf, callgrind).
        if let flag = CommandLine.arguments.firstIndex(of: "--async-only"), flag + 1 < CommandLine.arguments.count,
           let roundTrips = Int(CommandLine.arguments[flag + 1]) {
            print(String(format: "async ping-pong: %.1f ns per round trip", asyncPingPong(roundTrips: roundTrips)))
            return
        }
        // `--wakes-only ROUNDS`: only the one-wake and group comparisons, each pair measured back to back in every
        // round (the ratio is taken per round, then its median), so that a slow spell of the machine hits both sides.
        if let flag = CommandLine.arguments.firstIndex(of: "--wakes-only"), flag + 1 < CommandLine.arguments.count,
           let rounds = Int(CommandLine.arguments[flag + 1]) {
            compareWakes(rounds: rounds, cycles: 2_000_000)
            return
        }
        // `--one-wake 8|1024`: only that executor's one-wake loop, 20,000,000 wakes: for `perf stat` and `perf record`.
        if let flag = CommandLine.arguments.firstIndex(of: "--one-wake"), flag + 1 < CommandLine.arguments.count {
            let slots = CommandLine.arguments[flag + 1]
            let ns = slots == "1024"
                ? oneWake(Executor<TaskPool<LoneWaker, 1024>, 16, 1>.self, spawned: 1024, cycles: 20_000_000)
                : oneWake(Executor<TaskPool<LoneWaker, 8>, 1, 1>.self, spawned: 8, cycles: 20_000_000)
            print(String(format: "one wake, %@ tasks: %.1f ns", slots == "1024" ? "1024" : "8", ns))
            return
        }
        let cycles = quick ? 20_000 : 2_000_000
        let rounds = quick ? 1 : 9
        func line(_ name: String, _ r: (median: Double, min: Double, max: Double)) {
            let cells = [r.median, r.min, r.max].map { String(format: "%9.1f", $0) }
            print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
        print("ns per wake→poll cycle, median of \(rounds) rounds (min, max); \(cycles) cycles per round")
        print("".padding(toLength: 52, withPad: " ", startingAt: 0) + "   median       min       max")

        let pinwheel = measure(rounds) { pinwheelPingPong(cycles: cycles) }
        line("pinwheel ping-pong (2 tasks)", pinwheel)
        let counted = measure(rounds) { pinwheelPingPong(cycles: cycles, counted: true) }
        line("pinwheel ping-pong, TaskCounters trace on", counted)
        let concurrency = await measureAsync(rounds) { await concurrencyPingPong(cycles: cycles / 10) }
        line("swift concurrency ping-pong (continuations)", concurrency)

        let roundTrips = cycles / 10
        print("")
        print("ns per round trip of two async tasks (2 parks + 2 resumes); \(roundTrips) round trips per round")
        let asyncPinwheel = measure(rounds) { asyncPingPong(roundTrips: roundTrips) }
        line("pinwheel async ping-pong (AsyncTask, waitUntil)", asyncPinwheel)
        let defaultRoundTrip = (concurrency.median * 2, concurrency.min * 2, concurrency.max * 2)
        line("swift concurrency (default executor), 2 hand-offs", defaultRoundTrip)
        line("pinwheel poll ping-pong, 2 wake→poll cycles", (pinwheel.median * 2, pinwheel.min * 2, pinwheel.max * 2))
        print(String(format: "async round trip vs default executor: %.1fx faster; vs poll tasks: %.1fx slower",
                     defaultRoundTrip.0 / asyncPinwheel.median, asyncPinwheel.median / (pinwheel.median * 2)))
        print("")

        let small = measure(rounds) { oneWake(Executor<TaskPool<LoneWaker, 8>, 1, 1>.self, spawned: 8, cycles: cycles) }
        line("one wake, 8 tasks (8-slot executor)", small)
        let sparse = measure(rounds) { oneWake(Executor<TaskPool<LoneWaker, 1024>, 16, 1>.self, spawned: 8, cycles: cycles) }
        line("one wake, 8 tasks (1024-slot executor)", sparse)
        let full = measure(rounds) { oneWake(Executor<TaskPool<LoneWaker, 1024>, 16, 1>.self, spawned: 1024, cycles: cycles) }
        line("one wake, 1024 tasks (1024-slot executor)", full)

        let grouped = measure(rounds) { groupWake(cycles: cycles / 10) }
        line("one wake among 1,000 children, SelectFirst (group)", grouped)
        let everyChild = measure(rounds) { pollEveryChildWake(cycles: cycles / 1000) }
        line("one wake among 1,000 children, SelectAny (all)", everyChild)

        print(String(format: "speed-up over swift concurrency: %.1fx", concurrency.median / pinwheel.median))
        print(String(format: "1024 vs 8 tasks: %.2fx", full.median / small.median))
        print(String(format: "group vs polling every child: %.1fx faster", everyChild.median / grouped.median))
    }
}
