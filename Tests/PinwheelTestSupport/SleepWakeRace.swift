import Pinwheel
import Synchronization

/// What a producer thread and the executor's receiving task share in a ``SleepWakeRace``.
public final class Handshake: Sendable {
    /// The last round the producer sent.
    public let sent = Atomic<Int>(0)
    /// The last round the receiving task saw.
    public let acknowledged = Atomic<Int>(0)
    /// The receiving task's waker.
    public let cell = WakerCell()
    /// Allocations the producer's thread made during its loop; `.max` until it finishes.
    public let producerAllocations = Atomic<UInt64>(.max)

    public init() {}
}

/// Receives the producer's rounds. A watchdog deadline, two seconds of real time after the last progress, turns a
/// lost wake into a counted failure instead of a hung test.
public struct Receiver: Future {
    let handshake: Handshake
    let rounds: Int
    let lost: UnsafeMutablePointer<Int>
    var seen = 0
    var lastProgress: Instant?

    public mutating func poll(_ context: Context) -> Poll<Void> {
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
public struct SplitMix64 {
    var state: UInt64
    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Keeps the optimiser from deleting a spin loop.
@inline(never) public func blackHole(_ value: UInt64) -> UInt64 { value }

/// A receiving task on the executor's thread against a producer on another thread: the test that a wake landing
/// anywhere on the executor's way to sleep is never lost, on any platform.
public enum SleepWakeRace {
    /// What one race measured.
    public struct Result {
        /// Wakes only the watchdog noticed.
        public let lost: Int
        /// How often the executor announced a sleep.
        public let idleEntries: UInt64
        /// Allocations on the executor's thread during the run.
        public let allocations: UInt64
        /// Allocations on the producer's thread during its loop.
        public let producerAllocations: UInt64
        /// How the run ended.
        public let outcome: RunOutcome
    }

    /// A receiver or a task that finishes at its first poll, which keeps a slot until then: slots 0-99 are taken by
    /// those, so that the receiver lands in slot 100, in the ready set's second word.
    public enum RaceTask: Future {
        case receiver(Receiver)
        case placeholder

        public mutating func poll(_ context: Context) -> Poll<Void> {
            guard case .receiver(var receiver) = self else { return .ready(()) }
            defer { self = .receiver(receiver) }
            return receiver.poll(context)
        }
    }

    /// ``run(rounds:on:produce:)`` in a 128-slot executor (two ready words, so the summary level is in the path)
    /// with the receiver in slot 100.
    public static func runInSecondWord<P: Platform & ~Copyable>(
        rounds: Int, on platform: inout P, produce: @escaping @Sendable (Handshake) -> Void
    ) -> Result {
        var executor = try! Executor<TaskPool<RaceTask, 128>, 2, 1>()
        var placeholders = 100
        while placeholders > 0 {
            _ = try! executor.spawn(.placeholder)
            placeholders -= 1
        }
        return race(rounds: rounds, in: &executor, on: &platform, produce: produce) { executor, receiver in
            let slot = try! executor.spawn(.receiver(receiver))
            precondition(slot == 100, "the receiver is in slot \(slot), not 100")
        }
    }

    /// Runs a ``Receiver`` for `rounds` rounds on `platform`, on this thread, against `produce` on another.
    public static func run<P: Platform & ~Copyable>(
        rounds: Int, on platform: inout P, produce: @escaping @Sendable (Handshake) -> Void
    ) -> Result {
        var executor = try! Executor<TaskPool<Receiver, 1>, 1, 1>()
        return race(rounds: rounds, in: &executor, on: &platform, produce: produce) { executor, receiver in
            _ = try! executor.spawn(receiver)
        }
    }

    /// The race itself: `spawn` puts the receiver into `executor`, which runs on this thread while `produce` runs
    /// on another.
    static func race<Tasks: TaskTable & ~Copyable, let words: Int, P: Platform & ~Copyable>(
        rounds: Int, in executor: inout Executor<Tasks, words, 1>, on platform: inout P,
        produce: @escaping @Sendable (Handshake) -> Void, spawn: (inout Executor<Tasks, words, 1>, Receiver) -> Void
    ) -> Result {
        let handshake = Handshake()
        let lost = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        lost.initialize(to: 0)
        defer { lost.deallocate() }
        spawn(&executor, Receiver(handshake: handshake, rounds: rounds, lost: lost))
        let thread = TestThread { produce(handshake) }
        let (count, outcome) = allocations { executor.run(on: &platform) }
        thread.join()
        return Result(
            lost: lost.pointee, idleEntries: executor.stats.idleEntries, allocations: count,
            producerAllocations: handshake.producerAllocations.load(ordering: .relaxed), outcome: outcome)
    }

    /// The producer of the sleep/wake race: `rounds` wakes, each after the task acknowledged the previous one and
    /// after a random spin of 0-4000 iterations, so that wakes land all along the executor's way to sleep: still
    /// polling, between the sleep announcement and the re-check, and inside the platform's wait. Records the
    /// thread's allocations during the loop.
    public static func handshakes(_ rounds: Int) -> @Sendable (Handshake) -> Void {
        { handshake in
            let before = threadAllocations
            var generator = SplitMix64(seed: 0x5eed)
            var round = 1
            while round <= rounds {
                // (`while`, not `for … in`: unspecialised range iteration allocates in a debug build.)
                var spins = generator.next() % 4000
                while spins > 0 { spins = blackHole(spins) &- 1 }
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
                while handshake.acknowledged.load(ordering: .acquiring) < round {}
                round += 1
            }
            handshake.producerAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
    }

    /// A producer that wakes `rounds` times as fast as it can, without waiting for the task.
    public static func storm(_ rounds: Int) -> @Sendable (Handshake) -> Void {
        { handshake in
            let before = threadAllocations
            var round = 1
            while round <= rounds {
                handshake.sent.store(round, ordering: .releasing)
                handshake.cell.wake(from: .thread)
                round += 1
            }
            handshake.producerAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
    }
}
