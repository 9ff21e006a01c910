import Foundation
import Pinwheel
import PinwheelAsync
import PinwheelBoards
import PinwheelGPIO
import PinwheelHost
import PinwheelLinux
import PinwheelProgram
import PinwheelSimulation
import PinwheelText

/// Flashing a Linux board (the simulated chip, gpio-sim, a Raspberry Pi): the program's async tasks run in this
/// process on the Linux platform, with signals, timerfd and GPIO line events as the interrupts.
///
/// 1. Plan (``FlashPlan``, pure): the program's lines against the board's names, the stimulus against them.
/// 2. Image (``FlashImage``): the machine of the program's table size; the lines requested, all or nothing
///    (``request(_:clock:)``), and bound to the program's handles; the interrupt sources into the platform's vector
///    table (``bindInterrupts(_:lines:platform:)``, ``attachKeyboard``); the tasks spawned into the static table
///    (``programTasks``); the memory map derived from the image and printed.
/// 3. Run (``run(_:image:observation:)``): the executor on the Linux platform, in virtual time on the simulated board
///    (deterministic and instant) or real time (interactive, hardware), until the program ends, the duration passes,
///    Ctrl-C, or q; the first reason is kept in one ``StopRecord``; the sinks (``RunObservation``) watch it.
/// 4. Report (``RunReport``, pure): ``finish`` gathers the figures and prints it.
/// 5. Release: every line, descriptor and signal handler taken, whatever ended the run. `flash` owns them all
///    (the platform and the executor stay at fixed addresses for the run, pinned by one `PinnedExecutor`: wakers and
///    clocks point into them), so one function's `defer`s release them in order on every path.
enum LinuxBackend {
    static let vectors = 16

    /// Flashes and runs `program`, writing to `console`. Throws for anything that stops it from starting.
    static func flash<P: Program>(
        _ options: FlashOptions, program: P, board file: BoardFile, console: Console
    ) throws(FlashError) -> FlashOutcome {
        let plan = try FlashPlan(options, board: file, program: program, environment: ProcessInfo.processInfo.environment)
        let terminal = options.interactive ? try TerminalMode() : nil
        defer { terminal?.restore() }
        let vcd = try options.vcdPath.map { path throws(FlashError) in try ValueChangeDump(path: path) }

        // The platform and the executor stay at fixed addresses for the run: wakers and clocks point into them.
        // `platform` is the machine's platform address, valid while the machine lives: to the end of this function.
        let machine = try plan.makeMachine(MachineMaker(vectors: vectors, virtualTime: plan.virtual)).get()
        // Runs last: the lines, descriptors and handlers below are released before the machine goes.
        defer { withExtendedLifetime(machine) {} }
        let platform = machine.platform
        let clock = PlatformClock(platform)
        announce(plan, console: console)

        // 2: request them, all or nothing, and hand them to the program's handles.
        let (board, lines) = try request(plan, clock: clock)
        defer { lines.release(from: &platform.pointee) }
        console.progress(2, of: steps, "requested \(plan.declaration.lines.count) line(s) as consumer pinwheel:\(plan.name)")

        // 3: the interrupt sources into the vector table.
        let bound = try bindInterrupts(plan, lines: lines, platform: platform)
        defer { unbindHandles(plan.declaration) }

        let recorder = WakeRecorder(capacity: 4096, journal: WakeJournal(slots: machine.taskSlots), platform: platform)
        let observation = RunObservation(
            plan, console: console, vcd: vcd, clock: clock, record: StopRecord(stopper: platform.pointee.stopper),
            recorder: recorder)
        let image = try programTasks(plan, machine: machine, board: board, lines: lines, vectors: bound, observation: observation)
        image.memoryMap(plan).print(to: console)
        observation.watch(plan, image: image)

        console.line("Running \(plan.name): \(plan.guide)"
            + (plan.length.map { " Stops after \(formatShort($0))\(plan.virtual ? " of virtual time" : "")." } ?? " Ctrl-C stops it."))
        let ending = run(plan, image: image, observation: observation)
        return finish(plan, image: image, ending: ending, observation: observation)
    }

    /// Steps 3 (the keys' vector) and 4: the program's tasks and the session's own into the static table.
    static func programTasks(
        _ plan: FlashPlan, machine: any FlashMachine, board: Board, lines: BoardLines, vectors bound: [MemoryMap.Vector],
        observation: RunObservation
    ) throws(FlashError) -> FlashImage {
        let (console, log, options) = (observation.console, observation.log, plan.options)
        // The run's one stimulus player: the stimulus's steps, and the keys' presses in interactive mode.
        let watcher = observation.lines
        let stimulusTask = plan.stimulus != nil || options.interactive ? StimulusTask(
            plan.stimulus ?? Stimulus(), staysOpen: options.interactive, log: log, drive: board.drive,
            afterStep: { watcher?.sample(at: $0) }) : nil
        var vectors = bound
        var keyboard: Keyboard?
        if options.interactive, let stimulusTask {
            let (keys, vector) = try attachKeyboard(
                plan, board: board, log: log, player: stimulusTask, platform: machine.platform, record: observation.record)
            vectors.append(vector)
            keyboard = keys
        }
        console.progress(3, of: steps, "bound \(vectors.count) of \(Self.vectors) IRQs: "
            + vectors.map { "\($0.irq) \($0.name)" }.joined(separator: ", "))

        let context = SpawnContext(plan: plan, machine: machine, log: log, journal: observation.sinks.recorder.journal, record: observation.record)
        let programTasks = context.spawnProgram()
        if let stimulusTask { context.spawn(.stimulus(stimulusTask)) }
        if let keyboard { context.spawn(.keyboard(keyboard)) }
        let supervisor = Supervisor(
            length: plan.length, from: machine.platform.pointee.now(), completion: context.completion, record: observation.record, log: log)
        context.spawn(.supervisor(supervisor))
        console.progress(4, of: steps, "spawned \(context.slots.count) task(s) into the \(machine.taskSlots)-slot table")
        console.progress(5, of: steps, plan.stimulus.map {
            "stimulus: \($0.steps.count) step(s) from \(plan.stimulusSource)"
                + ($0.steps.count > StimulusTask.quietAbove && !options.trace ? " (steps shown with --trace)" : "")
        } ?? "no stimulus")
        return FlashImage(
            machine: machine, board: board, lines: lines, vectors: vectors, slots: context.slots, programTasks: programTasks,
            keyboard: keyboard)
    }

    /// How the run ended: why (the stop record's first reason), its start and end on the run's clock, and the
    /// executor thread's allocations while it ran and after start-up, when counted.
    struct RunEnding {
        let reason: StopReason?
        let origin: Instant
        let end: Instant
        let allocations: UInt64?
        let steadyAllocations: UInt64?
    }

    /// Step 3 proper: the executor runs until it is stopped. The log's records are formatted and printed by a
    /// thread of their own meanwhile, unless the executor's thread prints too (a trace, the live status line, the
    /// waveform's samples), where one thread keeps the order of everything printed.
    static func run(_ plan: FlashPlan, image: FlashImage, observation: RunObservation) -> RunEnding {
        let (platform, log, record) = (image.machine.platform, observation.log, observation.record)
        let origin = platform.pointee.now()
        log.origin = origin
        observation.sinks.started(at: origin)
        if !(plan.options.trace || image.keyboard != nil || observation.waveform != nil) {
            log.printOnOwnThread(waitWhenFull: plan.virtual)
        }
        let counter = plan.options.allocationCounter
        let before = counter?()
        var trace = FlashTrace(sinks: observation.sinks)
        let outcome = image.machine.run(trace: &trace)
        let after = counter?()
        log.printHere()
        let end = platform.pointee.now()
        observation.sinks.drainWakes()
        observation.console.setStatus(nil)
        if case .pollLimit(let limit) = record.recorded {
            log.log(.error, "supervisor", "stopped at the work limit of a virtual-time run: \(limit) polls, reached after \(short: end - origin) of virtual time; give a shorter --duration, or a higher --poll-limit")
        }
        if let signal = platform.pointee.shutdownSignal { record.stop(.signal(signal)) }
        if outcome == .finished { record.stop(.programEnded) }
        let steady = after.map { $0 &- (observation.snapshot?.atStartUp ?? $0) }
        return RunEnding(reason: record.recorded, origin: origin, end: end, allocations: after.map { $0 &- before! }, steadyAllocations: steady)
    }

    /// Step 4, after the run: last words from tasks still running, the waveform's end, the report and the exit status.
    static func finish(_ plan: FlashPlan, image: FlashImage, ending: RunEnding, observation: RunObservation) -> FlashOutcome {
        let (log, counters) = (observation.log, observation.sinks.counters)
        if case .signal(let signo) = ending.reason { log.log(.info, "supervisor", "SIG\(signo == SIGINT ? "INT" : "TERM"): stopping") }
        for (slot, environment) in image.programTasks where image.machine.isOccupied(slot: slot) { environment.stopped() }
        var failure: FlashError?
        do { try observation.waveform.map { waveform throws(FlashError) in try waveform.vcd.finish(at: waveform.nanoseconds(ending.end)) } } catch { failure = error }
        if case .fault(let fault) = ending.reason { failure = .program(fault) }
        let executors = Dictionary(uniqueKeysWithValues: image.programTasks.compactMap { task in task.environment.slotExecutor.map { (task.slot, $0) } })
        let tasks = image.taskNames.sorted(by: { $0.key < $1.key }).map { slot, name in
            RunReport.Task(slot: slot, name: name, polls: counters.polls(slot: slot), wakes: counters.wakes(slot: slot),
                           foreign: executors[slot].map { ($0.foreignJobs, $0.inboxOverflows) })
        }
        for task in tasks { plan.options.recording?.task(slot: task.slot, name: task.name, polls: task.polls, wakes: task.wakes) }
        let inputs = plan.declaration.lines.compactMap { line in
            image.lines.inputs[line.name].map { RunReport.Input(name: line.name, received: $0.received, dropped: $0.dropped) }
        }
        let code = RunReport.exitCode(shutdownSignal: image.machine.platform.pointee.shutdownSignal, failure: failure, loggedErrors: log.errors)
        RunReport(
            elapsed: ending.end - ending.origin, virtual: plan.virtual, stats: image.machine.stats, tasks: tasks, inputs: inputs,
            droppedLogRecords: log.droppedRecords, droppedWakeRecords: observation.sinks.recorder.dropped,
            waveformPath: failure == nil ? observation.waveform?.vcd.path : nil, reason: ending.reason, exitCode: code,
            released: (plan.declaration.lines.count, plan.declaration.signals.count)
        ).print(to: observation.console)
        var outcome = FlashOutcome(reason: ending.reason, exitCode: code, failure: failure)
        outcome.runAllocations = ending.allocations
        outcome.steadyAllocations = ending.steadyAllocations
        return outcome
    }

    static let steps = 5

    /// The program's handles forget their lines when the run is over: the lines are released then.
    static func unbindHandles(_ declaration: ProgramDeclaration) {
        for line in declaration.lines {
            switch line {
            case .input(let input): input.line = nil
            case .output(let output): output.line = nil
            }
        }
        for signal in declaration.signals { signal.interrupt = nil }
    }

    /// The run's heading and step 1's line.
    static func announce(_ plan: FlashPlan, console: Console) {
        let file = plan.board
        console.line("pinwheel flash \(plan.name) → board \(file.name): \(file.description)", type: "flash",
                     fields: ["demo": plan.name, "board": file.name, "virtual_time": plan.virtual])
        if !plan.summary.isEmpty { console.line("  \(plan.summary)") }
        console.line("  time: " + (plan.virtual ? "virtual (deterministic; the clock jumps to each deadline)" : "real (CLOCK_MONOTONIC)"))

        // 1: the program's lines on this board.
        let lines = plan.declaration.lines
        let placements = lines.map { line -> String in
            let (chipLine, pin) = file.resolve(line.name)!
            return "\(line.name) = " + (pin.map { "pin \($0) (\(chipLine))" } ?? chipLine)
        }
        console.progress(1, of: steps, "checked \(lines.count) line(s) against \(file.name)"
            + (placements.isEmpty ? "" : ": " + placements.joined(separator: ", ")))
    }

    /// Step 2: opens the board's chip and requests the program's lines, all or nothing, and binds its handles.
    static func request(_ plan: FlashPlan, clock: PlatformClock) throws(FlashError) -> (Board, BoardLines) {
        let board: Board
        let lines: BoardLines
        do {
            board = try Board(plan.board, clock: { clock.now() }, gpioSimSysfs: plan.simSysfs)
            lines = try board.request(plan.declaration.lines.map { ($0.name, $0.role) }, consumer: "pinwheel:\(plan.name)")
        } catch {
            throw .unavailable(error)
        }
        for line in plan.declaration.lines {
            switch line {
            case .input(let input): input.line = lines.inputs[input.name]
            case .output(let output): output.line = lines.outputs[output.name]
            }
        }
        return (board, lines)
    }

    /// Step 3: the platform's own vectors, the lines' event descriptors, the program's signals and the shutdown
    /// signals into the vector table; the memory map's rows come from what was bound.
    static func bindInterrupts(
        _ plan: FlashPlan, lines: BoardLines, platform: UnsafeMutablePointer<LinuxPlatform>
    ) throws(FlashError) -> [MemoryMap.Vector] {
        var bound = [
            MemoryMap.Vector(irq: LinuxPlatform.timerIRQ, name: "timer", detail: "timerfd, CLOCK_MONOTONIC" + (plan.virtual ? " (idle in virtual time)" : "")),
            MemoryMap.Vector(irq: LinuxPlatform.doorbellIRQ, name: "doorbell", detail: "eventfd: wakes from other threads and handlers"),
        ]
        do {
            try lines.bind(to: &platform.pointee)
            for case .input(let handle) in plan.declaration.lines {
                let input = handle.line!
                let (chipLine, pin) = plan.board.resolve(handle.name)!
                bound.append(MemoryMap.Vector(
                    irq: input.irq!, name: handle.name,
                    detail: "\(chipLine)\(pin.map { ", pin \($0)" } ?? ""): line events on fd \(input.eventDescriptor)"))
            }
            for signal in plan.declaration.signals {
                let interrupt = try platform.pointee.bind(signal: FlashPlan.signalNumber(signal.name))
                signal.interrupt = interrupt
                bound.append(MemoryMap.Vector(irq: interrupt.irq, name: "SIG\(signal.name)", detail: "signal handler; \(LinuxPlatform.signalStateBytes) B of state (counters, waker cell, saved disposition), allocated when bound"))
            }
            let (interrupt, terminate) = try platform.pointee.bindShutdownSignals()
            bound.append(MemoryMap.Vector(irq: interrupt.irq, name: "SIGINT", detail: "Ctrl-C: stop, release, exit 130"))
            bound.append(MemoryMap.Vector(irq: terminate.irq, name: "SIGTERM", detail: "stop, release, exit 143"))
        } catch let error as GPIOError {
            throw .gpio(error)
        } catch let error as LinuxPlatformError {
            throw .platform(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return bound
    }

    /// Interactive mode: standard input becomes an interrupt whose handler reads the keys; the keys press the
    /// simulated board's inputs. q, Ctrl-C as a key, or the end of input stop the run through `record`.
    static func attachKeyboard(
        _ plan: FlashPlan, board: Board, log: ProgramLog, player: StimulusTask, platform: UnsafeMutablePointer<LinuxPlatform>,
        record: StopRecord
    ) throws(FlashError) -> (Keyboard, MemoryMap.Vector) {
        let file = plan.board
        let inputs = plan.declaration.lines.compactMap { line -> (name: String, debounced: Bool)? in
            guard case .input(let input) = line else { return nil }
            return (input.name, input.settings.debounce != nil)
        }
        let keys = Keyboard(
            bindings: Keyboard.bindings(for: inputs), log: log, player: player,
            level: { name in (try? board.simulatedChip!.level(file.resolve(name)!.line)) ?? false },
            stop: { record.stop($0) })
        do {
            let irq = try platform.pointee.bind(fileDescriptor: STDIN_FILENO, context: UnsafeMutableRawPointer(keys.buffer), handler: Keyboard.handler)
            return (keys, MemoryMap.Vector(irq: irq, name: "keys", detail: "standard input (the terminal)"))
        } catch {
            throw .platform(error)
        }
    }
}
