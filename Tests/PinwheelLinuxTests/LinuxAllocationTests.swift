import CLinuxInterrupts
import Pinwheel
import PinwheelLinux
import PinwheelTestSupport
import Synchronization
import Testing

/// The steady-state allocation test of the core, on the Linux platform: every kind of interrupt wake (a signal
/// handler, a timerfd expiration, an eventfd doorbell rung by another thread) reaches its task without a heap
/// allocation on the executor's thread or on the waking thread.
@Suite(.serialized, .enabled(if: allocationCounterIsAvailable, "a sanitizer build leaves the allocation counter out")) struct LinuxAllocationTests {
    /// Runs `rounds` signal round trips: another thread sends the signal to the executor's thread, the task takes
    /// it and acknowledges. Returns the allocations on the executor's thread and on the sender's.
    func signalRoundTrips(_ rounds: Int, signal: Int32) throws -> (executor: UInt64, sender: UInt64, sleeps: UInt64) {
        var platform = try LinuxPlatform(vectors: 3)
        let interrupt = try platform.bind(signal: signal)
        let acknowledged = Atomic<Int>(0)
        let senderAllocations = Atomic<UInt64>(.max)
        var seen = 0
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        try executor.spawn(ClosureTask { context in
            while case .ready = interrupt.poll(context) {
                seen += 1  // one send per acknowledgement: nothing coalesces
                acknowledged.store(seen, ordering: .releasing)
            }
            return seen == rounds
        })
        let tid = pw_gettid()
        let sender = TestThread {
            let before = threadAllocations
            var round = 1
            while round <= rounds {
                _ = pw_tgkill(tid, signal)
                while acknowledged.load(ordering: .acquiring) < round {}
                round += 1
            }
            senderAllocations.store(threadAllocations - before, ordering: .relaxed)
        }
        let (count, outcome) = allocations { executor.run(on: &platform) }
        sender.join()
        #expect(outcome == .finished)
        #expect(interrupt.delivered == UInt(rounds))
        return (count, senderAllocations.load(ordering: .relaxed), platform.sleeps)
    }

    @Test func signalWakesAllocateNothing() throws {
        let signal = pw_sigrtmin() + 2
        _ = try signalRoundTrips(100, signal: signal)  // first use of these types
        let result = try signalRoundTrips(10_000, signal: signal)
        #expect(result.sleeps > 0, "the executor never slept: the interrupt path was not measured")
        #expect(result.executor == 0, "the executor thread allocated \(result.executor) times")
        #expect(result.sender == 0, "the sending thread allocated \(result.sender) times")
    }

    /// Runs a ticker on the timerfd for `ticks` periods of 100 µs. Returns the allocations and the expirations.
    func tickerRun(_ ticks: Int) throws -> (allocations: UInt64, expirations: UInt64) {
        var platform = try LinuxPlatform(vectors: 2)
        var ticker = Ticker(every: .microseconds(100))
        var remaining = ticks
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        try executor.spawn(ClosureTask { context in
            while remaining > 0, ticker.poll(context).isReady { remaining -= 1 }
            return remaining == 0
        })
        let (count, outcome) = allocations { executor.run(on: &platform) }
        #expect(outcome == .finished)
        return (count, platform.timerExpirations)
    }

    @Test func timerfdWakesAllocateNothing() throws {
        _ = try tickerRun(10)
        let result = try tickerRun(5_000)
        #expect(result.expirations > 0, "the timerfd never expired: the interrupt path was not measured")
        #expect(result.allocations == 0, "the executor thread allocated \(result.allocations) times")
    }

    @Test func eventfdWakesFromAnotherThreadAllocateNothing() throws {
        var platform = try LinuxPlatform()
        _ = SleepWakeRace.run(rounds: 100, on: &platform, produce: SleepWakeRace.handshakes(100))
        let sleepsBefore = platform.sleeps
        let result = SleepWakeRace.run(rounds: 20_000, on: &platform, produce: SleepWakeRace.handshakes(20_000))
        #expect(result.outcome == .finished)
        #expect(platform.sleeps > sleepsBefore, "the executor never slept in ppoll: the doorbell was not measured")
        #expect(result.allocations == 0, "the executor thread allocated \(result.allocations) times")
        #expect(result.producerAllocations == 0, "the waking thread allocated \(result.producerAllocations) times")
    }
}
