import Pinwheel
import PinwheelAsync
import PinwheelBoards
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation
import PinwheelTestSupport

/// The GPIO behaviour every chip must show, the simulated one and the kernel's alike: one list of checks that
/// Swift Testing runs against ``SimulatedRig`` and the behaviour runner runs inside the gpio-sim VM against
/// ``KernelRig`` (libgpiod v1 and v2).
public enum GPIOBehaviour {
    /// Every check, in the order they are reported.
    public static let checks: [BehaviourCheck] = [
        BehaviourCheck("rising edges are reported, and only those") { try edges(.rising, on: $0) },
        BehaviourCheck("falling edges are reported, and only those") { try edges(.falling, on: $0) },
        BehaviourCheck("both edges are reported, in order") { try edges(.both, on: $0) },
        BehaviourCheck("bias pull-up and pull-down set the idle level", biasSetsTheIdleLevel),
        BehaviourCheck("active-low inverts values and edges", activeLowInverts),
        BehaviourCheck("outputs drive their initial value, set, toggle and read back", outputsReadBack),
        BehaviourCheck("debounce turns a bouncing press and release into one edge each", debounce),
        BehaviourCheck("timestamps increase across 100 edges and fall between drive and task", monotonicTimestamps),
        BehaviourCheck("a full kernel event buffer is reported as dropped edges", fullEventBuffer),
        BehaviourCheck("a task falling behind keeps the newest edges and counts the rest", ringOverflow),
        BehaviourCheck("steady-state edge handling allocates nothing (2,000 edges)", steadyStateAllocatesNothing),
        BehaviourCheck(
            "edges awaited by an async task allocate nothing after start-up (10,000 edges; 2,000 on a kernel chip)",
            asyncEdgesAllocateNothing),
        BehaviourCheck("released and dropped lines are free again", linesAreReleased),
        BehaviourCheck("a start that fails releases every line it requested", failedStartReleases),
        BehaviourCheck("a busy line (EBUSY) is explained, naming its holder", busyLine),
        BehaviourCheck("a line missing on this machine is explained", missingLine),
        BehaviourCheck("an unknown logical name is explained", unknownName),
        BehaviourCheck("an unknown board is explained", unknownBoard),
        BehaviourCheck(
            "permission denied on /dev/gpiochipN names the device and the fix",
            skipReason: { $0.hasDeviceFiles ? nil : "no device files: the chip is in-process" },
            permissionDenied),
        BehaviourCheck(
            "libgpiod missing is explained",
            skipReason: { _ in SystemChip.library.api == 0 ? nil : "built with libgpiod \(SystemChip.library.version)" },
            libgpiodMissing),
    ]

    static let consumer = "pinwheel-behaviour"

    /// Collects the input's edges while `stimulus` plays, until it is over and `settle` has passed (so a late or
    /// extra edge is caught), recording when each step was driven and when each edge reached the task.
    static func collect(
        _ input: GPIOInput, _ stimulus: Stimulus, on rig: any GPIORig, settle: Duration = .milliseconds(20),
        line: Int = #line
    ) throws -> (reports: [EdgeReport], driven: [Instant], seen: [Instant]) {
        var reports: [EdgeReport] = []
        var driven: [Instant] = []
        var seen: [Instant] = []
        var player = StimulusPlayer(stimulus) { name, high, time throws(GPIOError) in
            driven.append(time)
            do { try rig.drive(name, high: high, at: time) } catch { fatalError("driving \(name): \(error)") }
        }
        var playing = true
        var quiet: Timer?
        try runTask(on: rig, binding: [input], line: line) { context in
            while case .ready(let report) = input.poll(context) {
                reports.append(report)
                seen.append(context.now())
            }
            if playing, case .ready(let error) = player.poll(context) {
                if let error { throw error }
                playing = false
                quiet = .after(settle)
            }
            return quiet?.poll(context).isReady ?? false
        }
        return (reports, driven, seen)
    }

    /// Toggles BUTTON four times (high, low, high, low, 1 ms apart) with `kind` detection.
    static func edges(_ kind: EdgeDetection, on rig: any GPIORig) throws {
        let input = try rig.board.requestInput("BUTTON", consumer: consumer, settings: InputSettings(edges: kind, bias: .pullDown))
        var stimulus = Stimulus()
        for step in 0..<4 { stimulus.set("BUTTON", high: step % 2 == 0, at: .milliseconds(UInt64(step + 1))) }
        let (reports, driven, seen) = try collect(input, stimulus, on: rig)
        let expected = [(Edge.rising, 0), (.falling, 1), (.rising, 2), (.falling, 3)].filter { kind.detects($0.0) }
        try expectEqual(reports.map(\.event.edge), expected.map(\.0), "the edges")
        for (index, (report, (_, step))) in zip(reports, expected).enumerated() {
            try expect(report.event.timestamp >= driven[step] && report.event.timestamp <= seen[index],
                       "edge \(index + 1) stamped \(report.event.timestamp), outside [driven \(driven[step]), seen \(seen[index])]")
        }
        if rig.sequenceNumbers {
            try expectEqual(reports.map(\.event.lineSequence), Array(1...UInt64(expected.count)), "the line sequence numbers")
        }
        try expectEqual(reports.map(\.droppedBefore), Array(repeating: 0, count: expected.count), "drops reported")
        try expectEqual(input.dropped, 0, "edges dropped")
    }

    static func biasSetsTheIdleLevel(_ rig: any GPIORig) throws {
        let board = rig.board
        let up = try board.requestInput("BUTTON", consumer: consumer, settings: InputSettings(edges: .none, bias: .pullUp))
        try expectEqual(try up.value(), true, "BUTTON's value with pull-up")
        try expectEqual(try rig.level("BUTTON"), true, "BUTTON's level with pull-up")
        let down = try board.requestInput("SWITCH", consumer: consumer, settings: InputSettings(edges: .none, bias: .pullDown))
        try expectEqual(try down.value(), false, "SWITCH's value with pull-down")
        up.release()
        let again = try board.requestInput("BUTTON", consumer: consumer, settings: InputSettings(edges: .none, bias: .pullDown))
        try expectEqual(try again.value(), false, "BUTTON's value after it was requested again with pull-down")
        _ = down
    }

    static func activeLowInverts(_ rig: any GPIORig) throws {
        let sensor = try rig.board.requestInput(
            "SENSOR", consumer: consumer, settings: InputSettings(edges: .both, bias: .pullUp, activeLow: true))
        try expectEqual(try sensor.value(), false, "a pulled-up active-low line's value")
        var stimulus = Stimulus()
        stimulus.set("SENSOR", high: false, at: .milliseconds(1))
        let (reports, _, _) = try collect(sensor, stimulus, on: rig)
        try expectEqual(reports.map(\.event.edge), [.rising], "the edge of an active-low line whose pin falls")
        try expectEqual(try sensor.value(), true, "the value of an active-low line whose pin is low")
    }

    static func outputsReadBack(_ rig: any GPIORig) throws {
        let led = try rig.board.requestOutput("LED", consumer: consumer, settings: OutputSettings(initialValue: true))
        try expectEqual(try led.value(), true, "LED's value after an initial true")
        try expectEqual(try rig.level("LED"), true, "LED's pin after an initial true")
        try led.toggle()
        try expectEqual(try led.value(), false, "LED's value after toggle")
        try expectEqual(try rig.level("LED"), false, "LED's pin after toggle")
        try led.set(true)
        try expectEqual(try rig.level("LED"), true, "LED's pin after set(true)")
        let red = try rig.board.requestOutput("RED", consumer: consumer, settings: OutputSettings(activeLow: true))
        try expectEqual(try rig.level("RED"), true, "an inactive active-low output's pin")
        try red.set(true)
        try expectEqual(try red.value(), true, "an active active-low output's value")
        try expectEqual(try rig.level("RED"), false, "an active active-low output's pin")
    }

    static func debounce(_ rig: any GPIORig) throws {
        let period = rig.debounce
        let settings = InputSettings(edges: .both, bias: .pullDown, debounce: period)
        let switchLine = try rig.board.requestInput("SWITCH", consumer: consumer, settings: settings)
        try expectEqual(switchLine.kernelDebounce, rig.kernelDebounce, "whether the kernel debounces")
        let spacing = Duration(nanoseconds: period.nanoseconds / 25)
        var stimulus = Stimulus()
        stimulus.bounce("SWITCH", to: true, at: .milliseconds(1), bounces: 3, spacing: spacing)
        stimulus.bounce("SWITCH", to: false, at: stimulus.end + period * 4, bounces: 2, spacing: spacing)
        let (reports, _, _) = try collect(switchLine, stimulus, on: rig, settle: period * 3)
        try expectEqual(reports.map(\.event.edge), [.rising, .falling], "edges after debouncing 11 changes")
        try expect(reports[0].event.timestamp < reports[1].event.timestamp, "the press is stamped before the release")
        try expectEqual(reports.map(\.droppedBefore), [0, 0], "drops reported")
    }

    static func monotonicTimestamps(_ rig: any GPIORig) throws {
        let input = try rig.board.requestInput("BUTTON", consumer: consumer, settings: InputSettings(edges: .both, bias: .pullDown))
        var stamps: [Instant] = []
        var windows: [(driven: Instant, seen: Instant)] = []
        var drivenAt: Instant?
        var level = false
        try runTask(on: rig, binding: [input]) { context in
            while case .ready(let report) = input.poll(context) {
                stamps.append(report.event.timestamp)
                if let drivenAt { windows.append((drivenAt, context.now())) }
                drivenAt = nil
            }
            guard stamps.count < 100, input.dropped == 0 else { return true }
            if drivenAt == nil {
                level.toggle()
                drivenAt = context.now()
                try rig.drive("BUTTON", high: level, at: drivenAt!)
            }
            return false
        }
        try expectEqual(input.dropped, 0, "edges dropped")
        try expectEqual(stamps.count, 100, "edges received")
        try expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 <= $1 }, "timestamps out of order: \(stamps)")
        for (index, (stamp, window)) in zip(stamps, windows).enumerated() {
            try expect(window.driven <= stamp && stamp <= window.seen,
                       "edge \(index + 1) stamped \(stamp), outside [driven \(window.driven), seen \(window.seen)]")
        }
    }

    /// Drives 39 edges while the task is busy (more than the kernel's 16-event buffer), then one more once the
    /// task has read what was kept: 23 were dropped, and the report says so.
    static func fullEventBuffer(_ rig: any GPIORig) throws {
        let input = try rig.board.requestInput(
            "BUTTON", consumer: consumer, settings: InputSettings(edges: .both, bias: .pullDown, eventCapacity: 16))
        var reports: [EdgeReport] = []
        var burst = false
        var last = false
        try runTask(on: rig, binding: [input]) { context in
            while case .ready(let report) = input.poll(context) { reports.append(report) }
            if !burst {
                burst = true
                for edge in 1...39 { try rig.drive("BUTTON", high: edge % 2 == 1, at: context.now()) }
            } else if reports.count == 16, !last {
                last = true
                try rig.drive("BUTTON", high: false, at: context.now())  // edge 40: falling
            }
            return reports.count >= 17
        }
        let reported = reports.reduce(0) { $0 + $1.droppedBefore }
        try expectEqual(reported, input.dropped, "drops reported to the task against drops counted")
        try expectEqual(reports.count, 17, "edges received (16 kept by the buffer, then edge 40)")
        try expectEqual(reports.last?.event.edge, .falling, "edge 40")
        if rig.sequenceNumbers {
            try expectEqual(input.dropped, 23, "edges dropped (sequence numbers show 23 missing)")
            try expectEqual(reports.last?.event.lineSequence, 40, "edge 40's sequence number")
        } else {
            // Without sequence numbers a gap shows only as the same edge twice in a row: an odd number lost.
            try expect(input.dropped >= 1, "23 edges were lost but no drop was reported")
        }
    }

    static func ringOverflow(_ rig: any GPIORig) throws {
        let input = try rig.board.requestInput(
            "BUTTON", consumer: consumer, settings: InputSettings(edges: .both, bias: .pullDown, eventCapacity: 4))
        var reports: [EdgeReport] = []
        var driven = false
        try runTask(on: rig, binding: [input]) { context in
            while case .ready(let report) = input.poll(context) { reports.append(report) }
            if !driven {
                driven = true
                for edge in 1...10 { try rig.drive("BUTTON", high: edge % 2 == 1, at: context.now()) }
            }
            return input.received == 10 && reports.count == 4
        }
        try expectEqual(reports.map(\.event.edge), [.rising, .falling, .rising, .falling], "the newest 4 edges")
        if rig.sequenceNumbers {
            try expectEqual(reports.map(\.event.lineSequence), [7, 8, 9, 10], "the kept edges' sequence numbers")
        }
        try expectEqual(reports.first?.droppedBefore, 6, "drops reported with the first kept edge")
        try expectEqual(input.dropped, 6, "edges dropped")
    }

    /// Runs the task `makeTask` builds over BUTTON (requested for both edges, bound to the rig's platform, with a
    /// driver that allocates nothing per edge) until it finishes, counting the executor thread's allocations; checks
    /// that `count` edges arrived and none were dropped.
    static func countAllocations<Task: Future>(
        _ rig: any GPIORig, edges count: Int,
        _ makeTask: (GPIOInput, @escaping (_ high: Bool, _ at: Instant) -> Void) -> Task
    ) throws -> UInt64 {
        let input = try rig.board.requestInput("BUTTON", consumer: consumer, settings: InputSettings(edges: .both, bias: .pullDown))
        defer { input.release() }
        let drive = try rig.edgeDriver("BUTTON")
        var platform = try rig.makePlatform()
        try input.bind(to: &platform)
        defer { input.unbind(from: &platform) }
        var executor = try Executor<TaskPool<Task, 1>, 1, 1>()
        try executor.spawn(makeTask(input, drive))
        let (allocations, outcome) = PinwheelTestSupport.allocations { executor.run(on: &platform) }
        try expectEqual(outcome, .finished, "the run's outcome")
        try expectEqual(input.received, UInt64(count), "edges received")
        try expectEqual(input.dropped, 0, "edges dropped")
        return allocations
    }

    /// Edges through the whole path (descriptor readable, handler reading a batch into the ring, waker, task) with
    /// the executor's thread counting mallocs; the task drives the next edge once it has the last.
    static func steadyStateAllocatesNothing(_ rig: any GPIORig) throws {
        try expect(allocationCounterIsLive(), "the malloc counter is not live: the check would prove nothing")
        func edges(_ count: Int) throws -> UInt64 {
            try countAllocations(rig, edges: count) { input, drive in
                var remaining = count
                var level = false
                var waiting = false
                return ClosureTask { context in
                    while case .ready = input.poll(context) {
                        remaining -= 1
                        waiting = false
                    }
                    guard remaining > 0 else { return true }
                    if !waiting {
                        level.toggle()
                        waiting = true
                        drive(level, context.now())
                    }
                    return false
                }
            }
        }
        _ = try edges(20)  // first use of everything
        try expectEqual(try edges(2_000), 0, "allocations on the executor's thread for 2,000 edges")
    }

    /// The same path ending in an async task's `await input.edge()`: the task drives the next edge, awaits it,
    /// and goes round again. Counted for a short and a long run (each includes the task's start-up allocations):
    /// equal counts mean the edges themselves allocated nothing.
    static func asyncEdgesAllocateNothing(_ rig: any GPIORig) throws {
        try expect(allocationCounterIsLive(), "the malloc counter is not live: the check would prove nothing")
        func edges(_ count: Int) throws -> UInt64 {
            try countAllocations(rig, edges: count) { input, drive in
                AsyncTask {
                    var level = false
                    var remaining = count
                    while remaining > 0 {
                        level.toggle()
                        drive(level, Instant.now)
                        _ = await input.edge()
                        remaining -= 1
                    }
                }
            }
        }
        // A kernel chip under an emulated CPU takes about a millisecond an edge: fewer there.
        let long = rig.hasDeviceFiles ? 2_000 : 10_000
        _ = try edges(20)  // first use of everything
        let short = try edges(20)
        try expectEqual(try edges(long), short, "allocations on the executor's thread for \(long) edges vs 20")
    }

    static func linesAreReleased(_ rig: any GPIORig) throws {
        let board = rig.board
        let button = try board.line("BUTTON").line
        let led = try board.line("LED").line
        do {
            let input = try board.requestInput("BUTTON", consumer: consumer, settings: InputSettings(edges: .both))
            let output = try board.requestOutput("LED", consumer: consumer, settings: OutputSettings())
            try expectEqual(try board.chip.consumer(of: button), consumer, "BUTTON's holder while requested")
            try expectEqual(try board.chip.consumer(of: led), consumer, "LED's holder while requested")
            try runTask(on: rig, binding: [input]) { _ in true }
            input.release()
            output.release()
            try expectEqual(try board.chip.consumer(of: button), nil, "BUTTON's holder after release()")
            try expectEqual(try board.chip.consumer(of: led), nil, "LED's holder after release()")
        }
        do {
            // Dropped without a release: the lines go back all the same.
            _ = try board.request(
                [("BUTTON", .input(InputSettings())), ("LED", .output(OutputSettings()))], consumer: consumer)
        }
        try expectEqual(try board.chip.consumer(of: button), nil, "BUTTON's holder after its lines were dropped")
        try expectEqual(try board.chip.consumer(of: led), nil, "LED's holder after its lines were dropped")
        let again = try board.requestInput("BUTTON", consumer: "another", settings: InputSettings())
        try expectEqual(try board.chip.consumer(of: button), "another", "BUTTON's new holder")
        again.release()
    }

    static func failedStartReleases(_ rig: any GPIORig) throws {
        let board = rig.board
        let holder = try board.requestInput("SWITCH", consumer: "holder", settings: InputSettings())
        let roles: [(name: String, role: LineRole)] = [
            ("LED", .output(OutputSettings())), ("BUTTON", .input(InputSettings(edges: .both))),
            ("SWITCH", .input(InputSettings())),
        ]
        do {
            _ = try board.request(roles, consumer: consumer)
            throw BehaviourFailure("the start succeeded although SWITCH was held")
        } catch let error as BoardError {
            guard case .line(.lineBusy(_, "holder"), "SWITCH", _, _, _) = error else {
                throw BehaviourFailure("expected SWITCH busy, held by holder; got: \(error)")
            }
        }
        for name in ["LED", "BUTTON"] {
            try expectEqual(try board.chip.consumer(of: board.line(name).line), nil, "\(name)'s holder after the failed start")
        }
        holder.release()
    }

    static func busyLine(_ rig: any GPIORig) throws {
        let board = rig.board
        let (line, pin) = try board.line("BUTTON")
        let holder = try board.requestInput("BUTTON", consumer: "holder", settings: InputSettings())
        try expectError(
            "board \"\(board.file.name)\" maps BUTTON to line \(line) (header pin \(pin!)), but GPIO line \"\(line)\" "
                + "is busy: \"holder\" holds it; stop that program or pick another line"
        ) { () throws(BoardError) in
            _ = try board.requestOutput("BUTTON", consumer: consumer, settings: OutputSettings())
        }
        holder.release()
    }

    static func missingLine(_ rig: any GPIORig) throws {
        let file = rig.board.file
        let text = """
            name = \(file.name)
            driver = \(file.driver.rawValue)
            chip = \(file.chipLabel)
            [names]
            BUZZER = line NO_SUCH_LINE
            """
        let board = Board(try BoardFile.parse(text, path: "test.board"), chip: rig.board.chip)
        try expectError(
            "board \"\(file.name)\" maps BUZZER to line NO_SUCH_LINE, but no GPIO line is named \"NO_SUCH_LINE\" on "
                + "the chip labelled \"\(file.chipLabel)\" on this machine: check the board file against `gpioinfo`"
        ) { () throws(BoardError) in try board.check(["BUZZER"]) }
    }

    static func unknownName(_ rig: any GPIORig) throws {
        let board = rig.board
        let names = board.file.names.map(\.name).joined(separator: ", ")
        try expectError(
            "board \"\(board.file.name)\" has no line called BUZZER (it names \(names)): add `BUZZER = pin N` under "
                + "[names] in \(board.file.name).board, or use one of those"
        ) { () throws(BoardError) in _ = try board.requestOutput("BUZZER", consumer: consumer, settings: OutputSettings()) }
    }

    static func unknownBoard(_ rig: any GPIORig) throws {
        let catalog = rig.catalog
        let names = catalog.boardNames
        try expect(names.contains(rig.board.file.name), "the catalog lists \(names), not \(rig.board.file.name)")
        try expectError(
            "unknown board \"rpi9\": \(catalog.directory) has \(names.joined(separator: ", ")); pick one of those, or "
                + "add rpi9.board there"
        ) { () throws(BoardError) in _ = try catalog.load("rpi9") }
    }

    static func permissionDenied(_ rig: any GPIORig) throws {
        let message = try rig.permissionDeniedMessage() ?? ""
        try expect(message.contains("permission denied opening /dev/gpiochip"), "the message names no device: \(message)")
        try expect(message.contains("usermod -aG gpio") && message.contains("udev rule"), "the message gives no fix: \(message)")
    }

    static func libgpiodMissing(_ rig: any GPIORig) throws {
        let file = try rig.catalog.load("gpio-sim")
        try expectError(
            "board \"gpio-sim\": \(GPIOError.libgpiodMissing.description)"
        ) { () throws(BoardError) in _ = try Board(file) }
        try expect(GPIOError.libgpiodMissing.description.contains("apt-get install libgpiod-dev"), "no install command")
    }
}
