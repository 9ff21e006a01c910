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

    @Test func aStormOfWakesAlwaysDeliversTheLastOne() {
        let (result, _) = race(rounds: 100_000, produce: SleepWakeRace.storm(100_000))
        #expect(result.lost == 0)
    }

    @Test func steadyStateCrossThreadWakingAllocatesNothing() {
        _ = race(rounds: 100, produce: SleepWakeRace.handshakes(100))  // first use of these types
        let (result, futexWaits) = race(rounds: 20_000, produce: SleepWakeRace.handshakes(20_000))
        #expect(futexWaits > 0, "the executor never slept: the sleep path was not measured")
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
