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

@Suite(.serialized) struct CrossThreadWakeTests {
    /// Runs a receiver on this thread against `produce` on another; returns (lost, sleeps, executor allocations).
    func race(rounds: Int, produce: @escaping @Sendable (Handshake) -> Void) -> (lost: Int, sleeps: UInt64, allocations: UInt64) {
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
        #expect(handshake.producerAllocations.load(ordering: .relaxed) == 0, "the waking thread allocated")
        return (lost.pointee, platform.sleeps, count)
    }

    @Test func oneHundredThousandSleepWakeRacesLoseNothing() {
        let rounds = 100_000
        let result = race(rounds: rounds) { handshake in
            let before = threadAllocations
            for round in 1...rounds {
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
                // Wait for the task to see this round, so the next wake lands while the executor is going to
                // sleep or asleep: the window a lost wake would fall into.
                while handshake.acknowledged.load(ordering: .acquiring) < round {}
            }
            handshake.producerAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
        #expect(result.lost == 0, "\(result.lost) wakes were only noticed by the watchdog")
        #expect(result.sleeps > 0, "the executor never slept, so the race was not exercised")
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
        _ = race(rounds: 100) { handshake in
            for round in 1...100 {
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
                while handshake.acknowledged.load(ordering: .acquiring) < round {}
            }
            handshake.producerAllocations.store(0, ordering: .relaxed)
        }
        let result = race(rounds: 20_000) { handshake in
            let before = threadAllocations
            for round in 1...20_000 {
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
                while handshake.acknowledged.load(ordering: .acquiring) < round {}
            }
            handshake.producerAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
        #expect(result.allocations == 0, "the executor thread allocated \(result.allocations) times")
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
