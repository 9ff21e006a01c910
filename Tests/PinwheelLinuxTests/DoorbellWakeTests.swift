import Pinwheel
import PinwheelLinux
import PinwheelTestSupport
import Testing

/// Cross-thread wakes on the Linux platform: the waker sets the ready bit, sees the executor's sleep announcement,
/// and rings the eventfd doorbell, which ends `ppoll`.
@Suite(.serialized) struct DoorbellWakeTests {
    @Test func oneHundredThousandSleepWakeRacesWithPpollLoseNothing() throws {
        let rounds = 100_000
        var platform = try LinuxPlatform()
        let result = SleepWakeRace.run(rounds: rounds, on: &platform, produce: SleepWakeRace.handshakes(rounds))
        #expect(result.outcome == .finished)
        #expect(result.lost == 0, "\(result.lost) wakes were only noticed by the watchdog")
        #expect(result.idleEntries > UInt64(rounds / 4), "the executor went idle in only \(result.idleEntries) rounds")
        #expect(platform.sleeps > 0, "no wake ever found the executor inside ppoll")
        print("sleep/wake races (eventfd + ppoll): \(rounds) rounds, \(result.idleEntries) idle entries, "
            + "\(platform.sleeps) ppoll sleeps, \(result.lost) lost")
    }

    @Test func aStormOfCrossThreadWakesAlwaysDeliversTheLastOne() throws {
        var platform = try LinuxPlatform()
        let result = SleepWakeRace.run(rounds: 100_000, on: &platform, produce: SleepWakeRace.storm(100_000))
        #expect(result.outcome == .finished)
        #expect(result.lost == 0)
    }
}
