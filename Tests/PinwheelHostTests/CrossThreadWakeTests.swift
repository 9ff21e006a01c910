import Pinwheel
import PinwheelHost
import PinwheelTestSupport
import Synchronization
import Testing

@Suite(.serialized) struct CrossThreadWakeTests {
    /// Races a receiver on this thread, on the futex platform, against `produce` on another thread.
    func race(rounds: Int, produce: @escaping @Sendable (Handshake) -> Void) -> (SleepWakeRace.Result, futexWaits: UInt64) {
        var platform = HostPlatform()
        let result = SleepWakeRace.run(rounds: rounds, on: &platform, produce: produce)
        #expect(result.outcome == .finished)
        return (result, platform.sleeps)
    }

    @Test func oneHundredThousandSleepWakeRacesLoseNothing() {
        let rounds = 100_000
        let (result, futexWaits) = race(rounds: rounds, produce: SleepWakeRace.handshakes(rounds))
        #expect(result.lost == 0, "\(result.lost) wakes were only noticed by the watchdog")
        // Most rounds must find the executor going to sleep or asleep, or the race was not exercised.
        #expect(result.idleEntries > UInt64(rounds / 4), "the executor went idle in only \(result.idleEntries) rounds")
        #expect(futexWaits > 0, "no wake ever found the executor inside the futex wait")
        print("sleep/wake races (futex): \(rounds) rounds, \(result.idleEntries) idle entries, "
            + "\(futexWaits) futex waits, \(result.lost) lost")
    }

    @Test func theSummaryLevelLosesNoWakeInOneHundredThousandRaces() {
        // The receiver in slot 100 of a 128-slot executor: each wake sets a bit in the second ready word and then
        // the word's summary bit, racing the executor's take of the summary, its sleep announcement and re-check.
        let rounds = 100_000
        var platform = HostPlatform()
        let result = SleepWakeRace.runInSecondWord(rounds: rounds, on: &platform, produce: SleepWakeRace.handshakes(rounds))
        #expect(result.outcome == .finished)
        #expect(result.lost == 0, "\(result.lost) wakes were only noticed by the watchdog")
        #expect(result.idleEntries > UInt64(rounds / 4), "the executor went idle in only \(result.idleEntries) rounds")
        #expect(platform.sleeps > 0, "no wake ever found the executor inside the futex wait")
    }

    @Test func aStormOfWakesAlwaysDeliversTheLastOne() {
        let (result, _) = race(rounds: 100_000, produce: SleepWakeRace.storm(100_000))
        #expect(result.lost == 0)
    }

    @Test func steadyStateCrossThreadWakingAllocatesNothing() {
        _ = race(rounds: 100, produce: SleepWakeRace.handshakes(100))  // first use of these types
        let (result, futexWaits) = race(rounds: 20_000, produce: SleepWakeRace.handshakes(20_000))
        #expect(futexWaits > 0, "the executor never slept: the sleep path was not measured")
        #expect(result.allocations == 0, "the executor thread allocated \(result.allocations) times")
        if allocationCounterIsAvailable {
            #expect(result.producerAllocations == 0, "the waking thread allocated \(result.producerAllocations) times")
        }
    }
}

@Suite struct HostPlatformTests {
    /// Three timers spawned out of order, with absolute deadlines `spacing` apart, fire in deadline order and never
    /// early. Order can only be checked when every timer was first polled before the earliest deadline: a machine
    /// stall longer than that (CI saw 1-3 ms gaps) makes them due together. Such a round is run again with four
    /// times the spacing (20, 80, 320, 1,280 ms); the test fails if every round stalled, so it always checks order.
    @Test func timersFireInOrderAndNeverEarlyOnTheRealClock() throws {
        for spacing: UInt64 in [20, 80, 320, 1_280] {
            if try timersRound(spacing: .milliseconds(spacing)) { return }
        }
        Issue.record("the machine stalled before the first deadline in every round, up to 1,280 ms: order never checked")
    }

    /// One round; false when a stall kept the order from being checked ("never early" is checked in any case).
    private func timersRound(spacing: Duration) throws -> Bool {
        var executor = try Executor<TaskPool<ClosureTask, 3>, 1, 3>()
        let order = Log<[UInt64]>([])
        let lastFirstPoll = Log<Instant>(.zero)
        var platform = HostPlatform()
        let base = platform.now() + .milliseconds(5)
        for step: UInt64 in [3, 1, 2] {
            var timer = Timer.at(base + spacing * step)
            var polled = false
            try executor.spawn(ClosureTask { context in
                if !polled { lastFirstPoll.value = max(lastFirstPoll.value, context.now()) }
                polled = true
                guard case .ready(let deadline) = timer.poll(context) else { return false }
                #expect(context.now() >= deadline, "fired early")
                order.value.append(step)
                return true
            })
        }
        #expect(executor.run(on: &platform) == .finished)
        guard lastFirstPoll.value < base + spacing else { return false }
        #expect(order.value == [1, 2, 3])
        #expect(platform.sleeps >= 1)
        return true
    }
}
