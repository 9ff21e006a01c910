import Pinwheel
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation
import PinwheelTestSupport
import Testing

let lineNames = ["LED", "BUTTON", "SWITCH", "SENSOR"]

/// Runs `body` as one task on a Linux platform in virtual time (starting at 0) with `input` bound as an
/// interrupt: real descriptors and handlers, virtual deadlines. The task ends when `body` returns true.
func runTask(binding inputs: [GPIOInput], _ body: @escaping (Context) -> Bool) throws -> RunOutcome {
    var platform = try LinuxPlatform(vectors: 8, virtualTimeFrom: .zero)
    for input in inputs { try input.bind(to: &platform) }
    var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 2>()
    try executor.spawn(ClosureTask(body))
    defer { for input in inputs { input.release(from: &platform) } }
    return executor.run(on: &platform)
}

/// Collects every edge the input reports until virtual time `until`.
func collectEdges(_ input: GPIOInput, until: Instant) throws -> [EdgeReport] {
    var reports: [EdgeReport] = []
    var stop = Timer.at(until)
    #expect(try runTask(binding: [input]) { context in
        while case .ready(let report) = input.poll(context) { reports.append(report) }
        return stop.poll(context).isReady
    } == .finished)
    return reports
}

/// Drives a line on a schedule from inside a task: each level at its instant, never before (as a real line
/// cannot report an edge ahead of time).
struct Schedule {
    let chip: SimulatedChip
    let line: String
    let steps: [(time: Instant, high: Bool)]
    var next = 0

    /// Drives every step that is due and asks to be woken for the next one.
    mutating func advance(_ context: Context) {
        while next < steps.count, steps[next].time <= context.now() {
            try! chip.drive(line, high: steps[next].high, at: steps[next].time)
            next += 1
        }
        if next < steps.count { context.wake(at: steps[next].time) }
    }
}

@Suite struct SimulatedChipTests {
    @Test(arguments: [EdgeDetection.rising, .falling, .both])
    func eachEdgeKindReportsItsEdgesAndNoOthers(kind: EdgeDetection) throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let input = try chip.requestInput("BUTTON", consumer: "test", settings: InputSettings(edges: kind, bias: .pullDown))
        for (index, high) in [true, false, true, false].enumerated() {
            try chip.drive("BUTTON", high: high, at: .zero + .milliseconds(UInt64(index + 1)))
        }
        let reports = try collectEdges(input, until: .zero + .milliseconds(10))
        let expected: [(Edge, UInt64)] = [(.rising, 1), (.falling, 2), (.rising, 3), (.falling, 4)].filter { kind.detects($0.0) }
        #expect(reports.map(\.event.edge) == expected.map(\.0))
        #expect(reports.map(\.event.timestamp) == expected.map { .zero + .milliseconds($0.1) })
        #expect(reports.map(\.event.lineSequence) == Array(1...UInt64(expected.count)), "consecutive sequence numbers")
        #expect(reports.allSatisfy { $0.droppedBefore == 0 })
        #expect(input.dropped == 0)
    }

    @Test func biasSetsTheUndrivenLevelAndActiveLowInvertsValuesAndEdges() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let up = try chip.requestInput("BUTTON", consumer: "test", settings: InputSettings(edges: .none, bias: .pullUp))
        #expect(try up.value() == true)
        let down = try chip.requestInput("SWITCH", consumer: "test", settings: InputSettings(edges: .none, bias: .pullDown))
        #expect(try down.value() == false)
        let inverted = try chip.requestInput(
            "SENSOR", consumer: "test", settings: InputSettings(edges: .both, bias: .pullUp, activeLow: true))
        #expect(try inverted.value() == false, "pulled up and active-low reads inactive")
        try chip.drive("SENSOR", high: false, at: .zero + .milliseconds(1))
        #expect(try inverted.value() == true)
        let reports = try collectEdges(inverted, until: .zero + .milliseconds(5))
        #expect(reports.map(\.event.edge) == [.rising], "a falling pin on an active-low line is a rising edge")
    }

    @Test func outputsDriveSetToggleAndReadBack() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let led = try chip.requestOutput("LED", consumer: "test", settings: OutputSettings(initialValue: true))
        #expect(try led.value() == true)
        #expect(try chip.level("LED") == true)
        try led.toggle()
        #expect(try led.value() == false)
        try led.set(true)
        #expect(try chip.level("LED") == true)
        let inverted = try chip.requestOutput("SWITCH", consumer: "test", settings: OutputSettings(activeLow: true))
        #expect(try chip.level("SWITCH") == true, "inactive on an active-low output is a high pin")
        try inverted.set(true)
        #expect(try chip.level("SWITCH") == false)
        #expect(chip.outputChanges.filter { $0.offset == 0 }.map(\.value) == [true, false, true])
    }

    @Test func theOutputHistoryKeepsTheLastChangesAndCountsTheRest() throws {
        // Before issue 14 the chip kept every change: a week of blinky grew its memory without end.
        let chip = SimulatedChip(lineNames: lineNames, historyCapacity: 100)
        let led = try chip.requestOutput("LED", consumer: "test", settings: OutputSettings())
        for _ in 0..<10_000 { try led.toggle() }
        let kept = chip.outputChanges
        #expect(kept.count == 100)
        #expect(chip.forgottenOutputChanges == 10_001 - 100, "the request's initial value, then 10,000 toggles")
        // The newest last: 10,000 toggles from low end low; they alternate.
        #expect(kept.last?.value == false)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.value != $1.value })
    }

    @Test func softwareDebounceCountsOnePressPerBouncingPress() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let settings = InputSettings(edges: .both, bias: .pullDown, debounce: .milliseconds(5))
        let button = try chip.requestInput("BUTTON", consumer: "test", settings: settings)
        #expect(button.kernelDebounce == false)
        // A press bouncing for 0.6 ms, held 20 ms, then a release bouncing for 0.4 ms.
        let press: [(UInt64, Bool)] = [(1_000, true), (1_200, false), (1_400, true), (1_600, false), (1_700, true)]
        let release: [(UInt64, Bool)] = [(21_700, false), (21_900, true), (22_100, false)]
        var schedule = Schedule(
            chip: chip, line: "BUTTON", steps: (press + release).map { (.zero + .microseconds($0.0), $0.1) })
        var reports: [EdgeReport] = []
        var stop = Timer.at(.zero + .milliseconds(40))
        #expect(try runTask(binding: [button]) { context in
            schedule.advance(context)
            while case .ready(let report) = button.poll(context) { reports.append(report) }
            return stop.poll(context).isReady
        } == .finished)
        #expect(reports.map(\.event.edge) == [.rising, .falling], "one press and one release: \(reports)")
        #expect(reports.map(\.event.timestamp) == [.zero + .microseconds(1_700), .zero + .microseconds(22_100)],
                "each edge is stamped when the line settled")
        #expect(button.received == 8, "every bounce reached the handler")
    }

    @Test func debounceFollowsTheLineWhenTheSettlingEdgeWasLost() throws {
        // A bounce of 5 edges into a 4-edge buffer: the buffer keeps the oldest, so the last edge seen is a
        // falling one while the line settled high. The debounced input must report the press anyway.
        let chip = SimulatedChip(lineNames: lineNames, eventBufferCapacity: 4)
        let settings = InputSettings(edges: .both, bias: .pullDown, debounce: .milliseconds(5))
        let button = try chip.requestInput("BUTTON", consumer: "test", settings: settings)
        for index in 0..<5 { try chip.drive("BUTTON", high: index % 2 == 0, at: .zero + .microseconds(UInt64(100 * (index + 1)))) }
        var reports: [EdgeReport] = []
        var stop = Timer.at(.zero + .milliseconds(20))
        #expect(try runTask(binding: [button]) { context in
            while case .ready(let report) = button.poll(context) { reports.append(report) }
            return stop.poll(context).isReady
        } == .finished)
        #expect(reports.map(\.event.edge) == [.rising], "the press counted once: \(reports)")
        #expect(button.received == 4, "one edge did not fit")
        #expect(reports.first?.event.timestamp == .zero + .microseconds(400), "dated from the last edge seen")
    }

    @Test func aFullEventBufferShowsAsASequenceGapAndIsReported() throws {
        let chip = SimulatedChip(lineNames: lineNames, eventBufferCapacity: 16)
        let input = try chip.requestInput("BUTTON", consumer: "test", settings: InputSettings(edges: .both, bias: .pullDown))
        for index in 0..<40 { try chip.drive("BUTTON", high: index % 2 == 0, at: .zero + .microseconds(UInt64(index + 1))) }
        var reports: [EdgeReport] = []
        var stop = Timer.at(.zero + .milliseconds(10))
        var drovePastTheGap = false
        #expect(try runTask(binding: [input]) { context in
            while case .ready(let report) = input.poll(context) { reports.append(report) }
            if reports.count == 16, !drovePastTheGap {
                drovePastTheGap = true
                try! chip.drive("BUTTON", high: true, at: context.now())  // edge 41: the buffer has room again
            }
            return stop.poll(context).isReady
        } == .finished)
        #expect(reports.count == 17)
        #expect(reports.last?.event.lineSequence == 41)
        #expect(reports.last?.droppedBefore == 24, "edges 17 to 40 were dropped by the full buffer")
        #expect(input.dropped == 24)
    }

    @Test func aTaskFallingBehindOverflowsTheRingAndTheDropsAreCounted() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let input = try chip.requestInput(
            "BUTTON", consumer: "test", settings: InputSettings(edges: .both, bias: .pullDown, eventCapacity: 4))
        for index in 0..<10 { try chip.drive("BUTTON", high: index % 2 == 0, at: .zero + .microseconds(UInt64(index + 1))) }
        let reports = try collectEdges(input, until: .zero + .milliseconds(1))
        #expect(reports.map(\.event.lineSequence) == [7, 8, 9, 10], "the ring keeps the newest edges")
        #expect(reports.first?.droppedBefore == 6)
        #expect(input.dropped == 6 && input.received == 10)
    }

    @Test func timestampsAreMonotonicOnTheRealClock() throws {
        let chip = SimulatedChip(lineNames: lineNames, eventBufferCapacity: 128)
        let input = try chip.requestInput("BUTTON", consumer: "test", settings: InputSettings(edges: .both, bias: .pullDown, eventCapacity: 128))
        for index in 0..<100 { try chip.drive("BUTTON", high: index % 2 == 0) }
        var platform = try LinuxPlatform(vectors: 4)
        try input.bind(to: &platform)
        var stamps: [Instant] = []
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        try executor.spawn(ClosureTask { context in
            while case .ready(let report) = input.poll(context) { stamps.append(report.event.timestamp) }
            return stamps.count + Int(input.dropped) == 100  // a drop fails the test below instead of hanging it
        })
        #expect(executor.run(on: &platform) == .finished)
        input.release(from: &platform)
        #expect(input.dropped == 0)
        #expect(stamps == stamps.sorted())
        #expect(stamps.last! <= platform.now())
    }

    @Test func linesAreReleasedAndABusyLineIsExplained() throws {
        let chip = SimulatedChip(lineNames: lineNames)
        let first = try chip.requestInput("BUTTON", consumer: "blinky", settings: InputSettings())
        #expect(throws: GPIOError.lineBusy(name: "BUTTON", consumer: "blinky")) {
            _ = try chip.requestOutput("BUTTON", consumer: "other", settings: OutputSettings())
        }
        #expect(GPIOError.lineBusy(name: "BUTTON", consumer: "blinky").description
            == "GPIO line \"BUTTON\" is busy: \"blinky\" holds it; stop that program or pick another line")
        first.release()
        #expect(try chip.consumer(of: "BUTTON") == nil)
        _ = try chip.requestOutput("BUTTON", consumer: "other", settings: OutputSettings())
        #expect(throws: GPIOError.lineNotFound(name: "BUZZER", chipLabel: "pinwheel-sim")) {
            _ = try chip.requestInput("BUZZER", consumer: "x", settings: InputSettings())
        }
    }

    @Test func steadyStateEdgeHandlingAllocatesNothing() throws {
        func cycles(_ count: Int) throws -> UInt64 {
            let chip = SimulatedChip(lineNames: lineNames)
            let input = try chip.requestInput(
                "BUTTON", consumer: "test", settings: InputSettings(edges: .both, bias: .pullDown))
            var platform = try LinuxPlatform(vectors: 4, virtualTimeFrom: .zero)
            try input.bind(to: &platform)
            var remaining = count
            var level = false
            var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
            try executor.spawn(ClosureTask { context in
                while case .ready = input.poll(context) { remaining -= 1 }
                guard remaining > 0 else { return true }
                level.toggle()
                try! chip.drive("BUTTON", high: level, at: context.now())
                return false
            })
            let (allocations, outcome) = PinwheelTestSupport.allocations { executor.run(on: &platform) }
            #expect(outcome == .finished)
            #expect(input.received == UInt64(count))
            input.release(from: &platform)
            return allocations
        }
        _ = try cycles(10)
        let allocations = try cycles(10_000)
        #expect(allocations == 0, "10,000 edges through the interrupt path allocated \(allocations) times")
    }
}
