import Pinwheel
import PinwheelHost
import PinwheelTestSupport
import Synchronization
import Testing

/// What a producer thread and the executor's receiving task share.
final class Handshake: Sendable {
    let sent = Atomic<Int>(0)
    let acknowledged = Atomic<Int>(0)
    let cell = WakerCell()
    let producerAllocations = Atomic<UInt64>(.max)
}

/// Receives the producer's rounds. A watchdog deadline, two seconds of real time after the last progress, turns a
/// lost wake into a counted failure instead of a hung test.
struct Receiver: Future {
    let handshake: Handshake
    let rounds: Int
    let lost: UnsafeMutablePointer<Int>
    var seen = 0
    var lastProgress: Instant?

    mutating func poll(_ context: Context) -> Poll<Void> {
        handshake.cell.register(context.waker)
        let now = context.now()
        let sent = handshake.sent.load(ordering: .acquiring)
        if sent > seen {
            if let lastProgress, now >= lastProgress + .seconds(2) { lost.pointee += 1 }
            seen = sent
            lastProgress = now
            handshake.acknowledged.store(seen, ordering: .releasing)
        }
        if seen == rounds { return .ready(()) }
        context.wake(at: (lastProgress ?? now) + .seconds(2))
        return .pending
    }
}

/// A small deterministic generator: the same jitter on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Keeps the optimiser from deleting a spin loop.
@inline(never) func blackHole(_ value: UInt64) -> UInt64 { value }

@Suite(.serialized) struct CrossThreadWakeTests {
    /// Runs a receiver on this thread against `produce` on another. Returns the wakes only the watchdog noticed,
    /// how often the executor announced a sleep (idle entries) and actually waited on the futex, and how many
    /// allocations the executor's thread and the producer's made.
    func race(
        rounds: Int, produce: @escaping @Sendable (Handshake) -> Void
    ) -> (lost: Int, idleEntries: UInt64, futexWaits: UInt64, allocations: UInt64, producerAllocations: UInt64) {
        let handshake = Handshake()
        let lost = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        lost.initialize(to: 0)
        defer { lost.deallocate() }
        var executor = try! Executor<TaskPool<Receiver, 1>, 1, 1>()
        try! executor.spawn(Receiver(handshake: handshake, rounds: rounds, lost: lost))
        var platform = HostPlatform()
        let thread = TestThread { produce(handshake) }
        let (count, outcome) = allocations { executor.run(on: &platform) }
        thread.join()
        #expect(outcome == .finished)
        return (lost.pointee, executor.stats.idleEntries, platform.sleeps, count,
                handshake.producerAllocations.load(ordering: .relaxed))
    }

    /// The producer of the sleep/wake race: `rounds` wakes, each after the task acknowledged the previous one and
    /// after a random spin of 0-4000 iterations, so that wakes land all along the executor's way to sleep: still
    /// polling, between the sleep announcement and the re-check, and inside the futex wait. Records the thread's
    /// allocations during the loop.
    static func handshakes(_ rounds: Int) -> @Sendable (Handshake) -> Void {
        { handshake in
            let before = threadAllocations
            var generator = SplitMix64(seed: 0x5eed)
            for round in 1...rounds {
                // (A `while`, not `for … in 0..<n`: unspecialised range iteration allocates in a debug build.)
                var spins = generator.next() % 4000
                while spins > 0 { spins = blackHole(spins) &- 1 }
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
                while handshake.acknowledged.load(ordering: .acquiring) < round {}
            }
            handshake.producerAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
    }

    @Test func oneHundredThousandSleepWakeRacesLoseNothing() {
        let rounds = 100_000
        let result = race(rounds: rounds, produce: Self.handshakes(rounds))
        #expect(result.lost == 0, "\(result.lost) wakes were only noticed by the watchdog")
        // Most rounds must find the executor going to sleep or asleep, or the race was not exercised.
        #expect(result.idleEntries > UInt64(rounds / 4), "the executor went idle in only \(result.idleEntries) rounds")
        #expect(result.futexWaits > 0, "no wake ever found the executor inside the futex wait")
        print("sleep/wake races: \(rounds) rounds, \(result.idleEntries) idle entries, "
            + "\(result.futexWaits) futex waits, \(result.lost) lost")
    }

    @Test func aStormOfWakesAlwaysDeliversTheLastOne() {
        let rounds = 100_000
        let result = race(rounds: rounds) { handshake in
            let before = threadAllocations
            for round in 1...rounds {
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
            }
            handshake.producerAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
        #expect(result.lost == 0)
    }

    @Test func steadyStateCrossThreadWakingAllocatesNothing() {
        _ = race(rounds: 100, produce: Self.handshakes(100))  // first use of these types
        let result = race(rounds: 20_000, produce: Self.handshakes(20_000))
        #expect(result.futexWaits > 0, "the executor never slept: the sleep path was not measured")
        #expect(result.allocations == 0, "the executor thread allocated \(result.allocations) times")
        #expect(result.producerAllocations == 0, "the waking thread allocated \(result.producerAllocations) times")
    }
}

@Suite struct HostPlatformTests {
    @Test func timersFireInOrderAndNeverEarlyOnTheRealClock() throws {
        var executor = try Executor<TaskPool<Await<Timer>, 3>, 1, 3>()
        let order = Log<[UInt64]>([])
        for milliseconds: UInt64 in [3, 1, 2] {
            try executor.spawn(Await(Timer.after(.milliseconds(milliseconds))) { deadline, context in
                #expect(context.now() >= deadline, "fired early")
                order.value.append(milliseconds)
            })
        }
        var platform = HostPlatform()
        #expect(executor.run(on: &platform) == .finished)
        #expect(order.value == [1, 2, 3])
        #expect(platform.sleeps >= 1)
    }
}
