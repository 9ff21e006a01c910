import Pinwheel
import PinwheelGPIO
import PinwheelSimulation
import Testing

@Suite struct StimulusTests {
    typealias Step = Stimulus.Step

    func steps(_ text: String, horizon: Duration = .seconds(1)) throws -> [String] {
        try Stimulus.parse(text, path: "test.stim", horizon: horizon).steps.map {
            switch $0.action {
            case .drive(let line, let high): "\($0.offset.nanoseconds / 1_000) \(line) \(high ? "high" : "low")"
            case .raise(let signal, let name): "\($0.offset.nanoseconds / 1_000) signal \(name) \(signal)"
            }
        }
    }

    @Test func pressSetAndCommentsParseIntoTimedSteps() throws {
        let text = """
            # a comment line
            at 120ms press BUTTON for 40ms   # high at 120 ms, low at 160 ms

            at 1s set SWITCH high
            at 1.5s set SWITCH low
            """
        #expect(try steps(text) == ["120000 BUTTON high", "160000 BUTTON low", "1000000 SWITCH high", "1500000 SWITCH low"])
    }

    @Test func signalsAreStepsToo() throws {
        #expect(try steps("at 5ms signal USR1\nat 6ms signal SIGUSR2") == ["5000 signal USR1 10", "6000 signal USR2 12"])
    }

    @Test func bouncesFlipBeforeSettling() throws {
        #expect(try steps("at 2ms bounce SWITCH to high 2 times every 100us") == [
            "2000 SWITCH high", "2100 SWITCH low", "2200 SWITCH high", "2300 SWITCH low", "2400 SWITCH high",
        ])
        #expect(try steps("at 0ms bounce SWITCH to low").count == 7, "3 bounces by default, then the settled level")
    }

    @Test func pulseTrainsRunToTheirEndTheirCountOrTheHorizon() throws {
        #expect(try steps("every 250ms pulse SENSOR for 5ms from 100ms until 700ms") == [
            "100000 SENSOR high", "105000 SENSOR low", "350000 SENSOR high", "355000 SENSOR low",
            "600000 SENSOR high", "605000 SENSOR low",
        ])
        #expect(try steps("every 1s pulse SENSOR 3 times", horizon: .milliseconds(10)).count == 6, "a count beats the horizon")
        #expect(try steps("every 250ms pulse SENSOR", horizon: .seconds(1)).count == 8, "pulses at 0, 250, 500, 750 ms")
    }

    @Test func stepsAtTheSameTimeKeepTheirFileOrder() throws {
        #expect(try steps("at 1ms set LED high\nat 1ms set LED low") == ["1000 LED high", "1000 LED low"])
    }

    @Test(arguments: [
        ("in 120ms press BUTTON for 40ms", 1, 1, "expected `at TIME …` or `every PERIOD pulse …`, found `in`"),
        ("at soon press BUTTON for 40ms", 1, 4, "expected a time after `at`, such as 120ms (a number and a unit: ns, us, ms or s), found `soon`"),
        ("at 120 press BUTTON for 40ms", 1, 4, "expected a time after `at`, such as 120ms (a number and a unit: ns, us, ms or s), found `120`"),
        ("at 120ms push BUTTON", 1, 10, "expected press, set, bounce or signal after the time, found `push`"),
        ("at 1ms signal KILL", 1, 15, "expected a signal a demo can wait for (USR1, USR2 or HUP), found `KILL`"),
        ("at 120ms press BUTTON", 1, 22, "expected `for` here, but the line ends"),
        ("at 120ms press BUTTON during 40ms", 1, 23, "expected `for`, found `during`"),
        ("\n\nat 1s set LED on", 3, 15, "expected high or low, found `on`"),
        ("at 1s set 2LED high", 1, 11, "expected a line name (letters, digits, _), found `2LED`"),
        ("at 1s set LED high now", 1, 20, "unexpected `now` at the end of the statement"),
        ("at 1s bounce SWITCH to high many times", 1, 29, "expected a count (a whole number above 0) followed by `times`, found `many`"),
        ("every 10ms pulse SENSOR for 10ms", 1, 7, "the pulse width must be shorter than the period"),
        ("every 10ms blink SENSOR", 1, 12, "expected `pulse`, found `blink`"),
    ] as [(String, Int, Int, String)])
    func mistakesAreReportedWhereTheyAre(text: String, line: Int, column: Int, message: String) {
        #expect(throws: StimulusError(path: "test.stim", line: line, column: column, message: message)) {
            _ = try Stimulus.parse(text, path: "test.stim", horizon: .seconds(1))
        }
    }

    @Test(arguments: [
        // Each of these ran without end or for hours before the limits (issue 14).
        ("every 1ms pulse SENSOR 1000000000 times", 1, 24, "this statement adds 2000000000 steps, which takes the stimulus past its limit of 4000000 steps (it has 0 before it); use a longer period, fewer times, or `until`"),
        ("every 1ns pulse SENSOR", 1, 7, "this statement adds 200000002 steps, which takes the stimulus past its limit of 4000000 steps (it has 0 before it); use a longer period, fewer times, or `until`"),
        ("bounce SWITCH to high 1000000000 times every 1ns", 1, 1, "expected `at TIME …` or `every PERIOD pulse …`, found `bounce`"),
        ("at 1s bounce SWITCH to high 1000000000 times every 1ns", 1, 29, "this statement adds 2000000001 steps, which takes the stimulus past its limit of 4000000 steps (it has 0 before it); use a longer period, fewer times, or `until`"),
        ("at 1s bounce SWITCH to high 9223372036854775807 times", 1, 29, "this statement adds more than 9223372036854775807 steps, which takes the stimulus past its limit of 4000000 steps (it has 0 before it); use a longer period, fewer times, or `until`"),
        ("at 17999999999s set LED high", 1, 4, "`17999999999s` is longer than a stimulus allows: times and durations go up to 31622400s (366 days)"),
        ("at 1s press BUTTON for 400d", 1, 24, "expected how long the press lasts, such as 40ms (a number and a unit: ns, us, ms or s), found `400d`"),
        ("at 1s bounce SWITCH to high 2000 times every 300000s", 1, 46, "the switch would settle after the stimulus's time limit of 31622400s (366 days); use fewer times or a shorter period"),
        ("every 300000s pulse SENSOR 1000 times", 1, 28, "the last pulse would start after the stimulus's time limit of 31622400s (366 days); use fewer times or a shorter period"),
    ] as [(String, Int, Int, String)])
    func statementsThatExpandWithoutLimitAreRefusedWhereTheyAre(text: String, line: Int, column: Int, message: String) {
        #expect(throws: StimulusError(path: "test.stim", line: line, column: column, message: message)) {
            _ = try Stimulus.parse(text, path: "test.stim", horizon: .milliseconds(100))
        }
    }

    @Test func theStatementThatCrossesTheStepLimitIsTheOneNamed() throws {
        // 1,999,999 pulses (3,999,998 steps) fit; a press after them (2 more) fits exactly; one more set does not.
        let fits = "every 1us pulse SENSOR for 100ns 1999999 times\nat 5s press BUTTON for 1ms"
        #expect(try Stimulus.parse(fits, path: "big.stim", horizon: .seconds(1)).steps.count == Stimulus.stepLimit)
        #expect(throws: StimulusError(
            path: "big.stim", line: 3, column: 7,
            message: "this statement adds 1 steps, which takes the stimulus past its limit of 4000000 steps (it has 4000000 before it); use a longer period, fewer times, or `until`"
        )) {
            _ = try Stimulus.parse(fits + "\nat 6s set LED high", path: "big.stim", horizon: .seconds(1))
        }
    }

    @Test func linesInAnyOrderComeOutInTimeOrderWithTiesInFileOrder() throws {
        let text = "at 3ms set A high\nat 1ms set B high\nat 2ms set C high\nat 1ms set D low\nat 0ms press E for 5ms"
        #expect(try steps(text) == ["0 E high", "1000 B high", "1000 D low", "2000 C high", "3000 A high", "5000 E low"])
        // Built step by step through the public API, the same order.
        var stimulus = Stimulus()
        stimulus.set("A", high: true, at: .milliseconds(3))
        stimulus.set("B", high: true, at: .milliseconds(1))
        stimulus.set("C", high: true, at: .milliseconds(2))
        stimulus.set("D", high: false, at: .milliseconds(1))
        #expect(stimulus.steps.map(\.offset.nanoseconds) == [1_000_000, 1_000_000, 2_000_000, 3_000_000])
        #expect(stimulus.lines == ["B", "D", "C", "A"])
    }

    @Test func aStimulusPlaysOnTheSimulatedChipAtItsTimes() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let input = try chip.requestInput("BUTTON", consumer: "test", settings: InputSettings(edges: .both, bias: .pullDown))
        var player = chip.play(try Stimulus.parse("at 120ms press BUTTON for 40ms", path: "x", horizon: .seconds(1)))
        var reports: [EdgeReport] = []
        var playError: GPIOError?
        let outcome = try runTask(binding: [input]) { context in
            while case .ready(let report) = input.poll(context) { reports.append(report) }
            guard case .ready(let error) = player.poll(context) else { return false }
            playError = error
            while case .ready(let report) = input.poll(context) { reports.append(report) }
            return reports.count == 2
        }
        #expect(outcome == .finished)
        #expect(playError == nil)
        #expect(reports.map(\.event.edge) == [.rising, .falling])
        #expect(reports.map(\.event.timestamp) == [.zero + .milliseconds(120), .zero + .milliseconds(160)])
    }

    @Test func stepsGivenWhilePlayingAreDrivenInTimeOrderAfterThoseAtTheSameTime() throws {
        // Interactive mode's keys reach the board through the run's one player, beside the stimulus file's steps.
        var file = Stimulus()
        file.press("A", at: .milliseconds(10), for: .milliseconds(10))
        final class Driven { var steps: [String] = [] }
        let driven = Driven()
        var player = StimulusPlayer(file) { line, high, time throws(GPIOError) in
            driven.steps.append("\(line) \(high ? "high" : "low") at \((time - .zero).nanoseconds / 1_000_000) ms")
        }
        var key = Stimulus()
        key.press("B", at: .zero, for: .milliseconds(10))
        var given = false
        let outcome = try runTask(binding: []) { context in
            if !given, context.now() >= .zero + .milliseconds(10) {
                player.play(key, at: context.now())
                given = true
            }
            return player.poll(context).isReady && given
        }
        #expect(outcome == .finished)
        #expect(driven.steps == ["A high at 10 ms", "B high at 10 ms", "A low at 20 ms", "B low at 20 ms"])
    }
}

@Suite struct StimulusScaleTests {
    @Test func twoHundredThousandLinesInReverseOrderParseInTimeOrder() throws {
        // Before issue 14 each step was inserted after a scan of all earlier ones: 100,000 lines took 16 s in a
        // release build, and lines in reverse order were the worst case. Now one sort.
        let count = 200_000
        var text = ""
        text.reserveCapacity(count * 32)
        for index in stride(from: count, to: 0, by: -1) { text += "at \(index)us set LED \(index % 2 == 0 ? "high" : "low")\n" }
        let stimulus = try Stimulus.parse(text, path: "reverse.stim", horizon: .seconds(1))
        #expect(stimulus.steps.count == count)
        #expect(stimulus.steps.first?.offset == .microseconds(1) && stimulus.end == .microseconds(UInt64(count)))
        #expect(zip(stimulus.steps, stimulus.steps.dropFirst()).allSatisfy { $0.offset < $1.offset })
    }
}
