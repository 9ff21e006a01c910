@testable import CrossingExample
import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelTesting
import Testing

/// Programs run in process, in virtual time, through `ProgramTest`: what a user's tests do.
@Suite struct ProgramTestTests {
    @Test func theCrossingWrittenAsAUserProgramLogsWhatTheTrafficDemoLogs() throws {
        let user = try ProgramTest.run(Crossing.self)
        let demo = try ProgramTest.run(TrafficLight.self)
        #expect(user.log.count > 10)
        #expect(user.log == demo.log)
        #expect(user.changes == demo.changes)
        #expect(user.exitCode == 0 && demo.exitCode == 0)
    }

    @Test(.enabled(if: ProgramTest.countsAllocations)) func theCrossingAllocatesNothingAfterStartUp() throws {
        _ = try ProgramTest.run(Crossing.self)  // the Swift runtime's one-time work
        let run = try ProgramTest.run(Crossing.self)
        #expect(run.allocationsAfterStartUp == 0)
        // The counter counts: from the first poll, start-up's allocations (the async task's first frames) are in.
        #expect((run.allocationsWhileRunning ?? 0) > 0)
        let pressed = try ProgramTest.run(Crossing.self, stimulus: "at 500ms press BUTTON for 100ms\nat 20s press BUTTON for 100ms")
        #expect(pressed.allocationsAfterStartUp == 0)
    }

    @Test func theCrossingsLampsFollowTheSpecification() throws {
        let run = try ProgramTest.run(TrafficLight.self, stimulus: "at 500ms press BUTTON for 100ms", for: .seconds(10))
        // Green holds 2 s from the start, then amber 1 s, red 3 s, red+amber 1 s, green again.
        #expect(run.changes(of: "AMBER") == [.high(at: .seconds(2)), .low(at: .seconds(3)), .high(at: .seconds(6)), .low(at: .seconds(7))])
        #expect(run.changes(of: "RED") == [.high(at: .seconds(3)), .low(at: .seconds(7))])
        #expect(run.changes(of: "GREEN") == [.low(at: .seconds(2)), .high(at: .seconds(7))])
        #expect(run.level(of: "GREEN", at: .milliseconds(1999)) == true)
        #expect(run.logged("red: walk", at: .seconds(3), by: "crossing"))
        #expect(run.reason == .duration(.seconds(10)))
    }

    @Test func aStimulusBuiltInCodeDrivesTheProgram() throws {
        var stimulus = Stimulus()
        stimulus.press("BUTTON", at: .milliseconds(200), for: .milliseconds(300))
        let run = try ProgramTest.run(ButtonLED.self, stimulus: stimulus, for: .seconds(1))
        #expect(run.changes(of: "LED") == [.high(at: .milliseconds(200)), .low(at: .milliseconds(500))])
        #expect(run.messages(of: "button").last == "1 press(es)")
        #expect(run.polls(of: "button") == 3)
    }

    @Test func blinkyTogglesOnItsGrid() throws {
        let run = try ProgramTest.run(Blinky.self)
        let expected: [ProgramRun.Change] = (1...6).map { $0 % 2 == 1 ? .high(at: .milliseconds(500 * $0)) : .low(at: .milliseconds(500 * $0)) }
        #expect(run.changes(of: "LED") == expected)
    }

    @Test func debounceCountsOnePressPerPress() throws {
        let run = try ProgramTest.run(Debounce.self)
        // The built-in stimulus bounces 4, 3, 6 and 2 times: each bounce is two edges, and each change one more.
        #expect(run.messages(of: "debounce").last == "2 press(es) counted from \(9 + 7 + 13 + 5) raw edges")
    }

    /// In process, beside the other tests: a program that prints no process-wide number. (The wake walkthrough
    /// prints its line's file descriptor, which other tests running at the same time move; its runs are compared
    /// byte for byte in a process of their own by the CLI's golden tests.)
    @Test func twoRunsAreTheSame() throws {
        let first = try ProgramTest.run(TrafficLight.self)
        let second = try ProgramTest.run(TrafficLight.self)
        #expect(first.records.count > 10)
        #expect(first.records == second.records)
        #expect(first.changes == second.changes)
        #expect(first.reason == second.reason && first.exitCode == 0)
    }
}
