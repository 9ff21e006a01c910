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
/// 2. Program: the machine of the program's table size; the lines requested, all or nothing (``request(_:clock:)``),
///    and bound to the program's handles; the interrupt sources into the platform's vector table
///    (``bindInterrupts(_:lines:platform:)``, ``attachKeyboard``); the tasks spawned into the static table; the
///    memory map printed (``printMap``).
/// 3. Run: the executor on the Linux platform, in virtual time on the simulated board (deterministic and
///    instant) or real time (interactive, hardware), until the program ends, the duration passes, Ctrl-C, or q;
///    the first reason is kept in one ``StopRecord``; then ``finish`` reports it.
/// 4. Release: every line, descriptor and signal handler taken, whatever ended the run. `flash` owns them all
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
        let record = StopRecord(stopper: platform.pointee.stopper)

        announce(plan, console: console)

        // 2: request them, all or nothing, and hand them to the program's handles.
        let (board, lines) = try request(plan, clock: clock)
        defer { lines.release(from: &platform.pointee) }
        console.progress(2, of: steps, "requested \(plan.declaration.lines.count) line(s) as consumer pinwheel:\(plan.name)")

        // 3: the interrupt sources into the vector table.
        var vectorsBound = try bindInterrupts(plan, lines: lines, platform: platform)
        defer { unbindHandles(plan.declaration) }

        let journal = WakeJournal(slots: machine.taskSlots)
        let recorder = WakeRecorder(capacity: 4096, journal: journal, platform: platform)
        let observer = RunObserver(console: console, recorder: recorder, clock: clock.now)
        observer.tracing = options.trace
        console.showsDebug = options.trace
        observer.vcd = vcd
        let recording = options.recording
        observer.recording = recording
        let log = ProgramLog(clock: clock.now, origin: platform.pointee.now()) { record in
            console.log(record)
            recording?.log(record)
        }
        // Output nobody can read: the run stops (the CLI reports the failed write).
        console.writeFailed = { record.stop(.outputFailed) }
        // In virtual time a long duration costs work, not waiting: the run's polls are bounded.
        if plan.virtual { observer.pollLimit = (options.pollLimit, { record.stop(.pollLimit(options.pollLimit)) }) }

        // The run's one stimulus player: the stimulus's steps, and the keys' presses in interactive mode.
        let stimulusTask = plan.stimulus != nil || options.interactive ? StimulusTask(
            plan.stimulus ?? Stimulus(), staysOpen: options.interactive, log: log, drive: driver(plan, board: board),
            afterStep: { observer.sampleLines(at: $0) }) : nil
        var keyboard: Keyboard?
        if options.interactive, let stimulusTask {
            let (keys, vector) = try attachKeyboard(plan, board: board, log: log, player: stimulusTask, platform: platform, record: record)
            vectorsBound.append(vector)
            keyboard = keys
        }
        for vector in vectorsBound { observer.irqNames[vector.irq] = vector.name }
        console.progress(3, of: steps, "bound \(vectorsBound.count) of \(vectors) IRQs: "
            + vectorsBound.map { "\($0.irq) \($0.name)" }.joined(separator: ", "))

        // 4: the tasks into the static table.
        let context = SpawnContext(
            plan: plan, machine: machine, log: log, journal: journal, observer: observer, record: record)
        let programTasks = context.spawnProgram()
        if let stimulusTask { context.spawn(.stimulus(stimulusTask)) }
        if let keyboard { context.spawn(.keyboard(keyboard)) }
        let supervisor = Supervisor(
            length: plan.length, from: platform.pointee.now(), completion: context.completion, record: record, log: log)
        context.spawn(.supervisor(supervisor))
        console.progress(4, of: steps, "spawned \(context.slots.count) task(s) into the \(machine.taskSlots)-slot table")
        console.progress(5, of: steps, plan.stimulus.map {
            "stimulus: \($0.steps.count) step(s) from \(plan.stimulusSource)"
                + ($0.steps.count > StimulusTask.quietAbove && !options.trace ? " (steps shown with --trace)" : "")
        } ?? "no stimulus")

        printMap(plan, machine: machine, slots: context.slots, vectors: vectorsBound, keyboard: keyboard != nil, console: console)
        watch(plan, lines: lines, observer: observer, keyboard: keyboard, vcd: vcd, console: console)

        console.line("Running \(plan.name): \(plan.guide)"
            + (plan.length.map { " Stops after \(formatShort($0))\(plan.virtual ? " of virtual time" : "")." } ?? " Ctrl-C stops it."))
        let ran = run(plan, machine: machine, observer: observer, log: log, printsDuringRun: options.trace || keyboard != nil || vcd != nil)
        console.setStatus(nil)
        if case .pollLimit(let limit) = record.recorded {
            log.log(.error, "supervisor", "stopped at the work limit of a virtual-time run: \(limit) polls, reached after \(short: ran.end - ran.origin) of virtual time; give a shorter --duration, or a higher --poll-limit")
        }
        if let signal = platform.pointee.shutdownSignal { record.stop(.signal(signal)) }
        let ending = RunEnding(outcome: ran.outcome, end: ran.end, origin: ran.origin, record: record)
        var flashed = finish(
            plan, ending: ending, machine: machine, programTasks: programTasks, observer: observer, log: log,
            lines: lines, vcd: vcd, console: console)
        flashed.runAllocations = ran.allocations
        flashed.steadyAllocations = ran.steadyAllocations
        return flashed
    }

    /// What the run left for the report: the executor's outcome, its start and end on the run's clock, the record.
    struct RunEnding {
        let outcome: RunOutcome
        let end: Instant
        let origin: Instant
        let record: StopRecord
    }

    /// Step 3 proper: the executor runs until it is stopped. The log's records are formatted and printed by a
    /// thread of their own meanwhile, unless the executor's thread prints too (`printsDuringRun`: a trace, the live
    /// status line, the waveform's samples), where one thread keeps the order of everything printed.
    static func run(
        _ plan: FlashPlan, machine: any FlashMachine, observer: RunObserver, log: ProgramLog, printsDuringRun: Bool
    ) -> (outcome: RunOutcome, origin: Instant, end: Instant, allocations: UInt64?, steadyAllocations: UInt64?) {
        let platform = machine.platform
        let origin = platform.pointee.now()
        observer.origin = origin
        log.origin = origin
        var trace = FlashTrace(observer: observer)
        if !printsDuringRun { log.printOnOwnThread(waitWhenFull: plan.virtual) }
        let counter = plan.options.allocationCounter
        observer.allocationCounter = counter
        let before = counter?()
        let outcome = machine.run(trace: &trace)
        let after = counter?()
        log.printHere()
        let end = platform.pointee.now()
        observer.drainWakes()
        return (outcome, origin, end, after.map { $0 &- before! }, after.map { $0 &- (observer.allocationsAtStartUp ?? $0) })
    }

    /// Step 4, after the run: why it ended, last words from tasks still running, the waveform's end, the summary, and
    /// the exit status.
    static func finish(
        _ plan: FlashPlan, ending: RunEnding, machine: any FlashMachine, programTasks: [(slot: Int, environment: TaskEnvironment)],
        observer: RunObserver, log: ProgramLog, lines: BoardLines, vcd: ValueChangeDump?, console: Console
    ) -> FlashOutcome {
        if ending.outcome == .finished { ending.record.stop(.demoEnded) }
        let reason = ending.record.recorded
        if case .signal(let signo) = reason { log.log(.info, "supervisor", "SIG\(signo == SIGINT ? "INT" : "TERM"): stopping") }
        for (slot, environment) in programTasks where machine.isOccupied(slot: slot) { environment.stopped() }
        var failure: FlashError?
        do { try vcd?.finish(at: observer.nanoseconds(ending.end)) } catch { failure = error }
        if case .fault(let fault) = reason { failure = .program(fault) }
        let slotExecutors = Dictionary(uniqueKeysWithValues: programTasks.compactMap { task in task.environment.slotExecutor.map { (task.slot, $0) } })
        summarize(console: console, observer: observer, stats: machine.stats, slotExecutors: slotExecutors, plan: plan, lines: lines,
                  end: ending.end - ending.origin, vcd: failure == nil ? vcd : nil, log: log)
        let code: Int32 = machine.platform.pointee.shutdownSignal.map { 128 + $0 } ?? failure?.exitCode ?? (log.errors > 0 ? 1 : 0)
        let signals = plan.declaration.signals.count
        console.line("released \(plan.declaration.lines.count) line(s)\(signals == 0 ? "" : " and \(signals) signal handler(s)"); exit \(code)",
                     type: "end", fields: ["exit": Int(code), "reason": FlashSession.describe(reason)])
        return FlashOutcome(reason: reason, exitCode: code, failure: failure)
    }

    static let steps = 5

    /// Drives a board line by its logical name: the simulated chip's, or gpio-sim's pull.
    static func driver(_ plan: FlashPlan, board: Board) -> StimulusPlayer.Drive {
        let file = plan.board
        return { name, high, time throws(GPIOError) in
            let line = file.resolve(name)!.line
            if let chip = board.simulatedChip {
                try chip.drive(line, high: high, at: time)
            } else {
                try board.simPull?.drive(line, high: high)
            }
        }
    }

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

    /// The programmed image's memory map: the executor, each slot's task, the waker cells, the vector table.
    static func printMap(
        _ plan: FlashPlan, machine: any FlashMachine, slots: [MemoryMap.Slot], vectors: [MemoryMap.Vector], keyboard: Bool,
        console: Console
    ) {
        let declaration = plan.declaration
        let cells = declaration.lines.filter(\.isInput).map(\.name) + declaration.signals.map { "SIG\($0.name)" }
        MemoryMap(
            machine: machine.layout, slots: slots, wakerBytes: MemoryLayout<Waker>.size,
            wakerCellBytes: MemoryLayout<WakerCell>.size, wakerCells: cells + (keyboard ? ["keys"] : []),
            vectors: vectors, vectorCapacity: vectors.count + machine.platform.pointee.freeVectors,
            vectorTableBytes: machine.platform.pointee.vectorTableBytes
        ).print(to: console)
    }

    /// The waveform and the live display watch the program's lines (and, interactively, redraw the status line).
    static func watch(
        _ plan: FlashPlan, lines: BoardLines, observer: RunObserver, keyboard: Keyboard?, vcd: ValueChangeDump?, console: Console
    ) {
        for line in plan.declaration.lines {
            if let input = lines.inputs[line.name] {
                let index = observer.watch(line.name) { (try? input.value()) ?? false }
                if (vcd != nil || keyboard != nil) && input.eventsFollowLevel {
                    input.edgeTap = { [unowned observer] event in
                        observer.edge(on: index, high: event.edge == .rising, at: event.timestamp)
                    }
                }
            } else if let output = lines.outputs[line.name] {
                observer.watch(line.name) { output.driven }
            }
        }
        observer.watchTasks()
        vcd?.start(comment: "pinwheel flash \(plan.name) --board \(plan.board.name); \(plan.virtual ? "virtual" : "real") time")
        if let keyboard {
            let draw = {
                let levels = observer.lines.map { "\($0.name) \($0.level ? "●" : "○")" }.joined(separator: "  ")
                console.setStatus("\(levels)  │ \(keyboard.legend)")
            }
            observer.linesChanged = draw
            draw()
        }
    }

    static func summarize(
        console: Console, observer: RunObserver, stats: ExecutorStats, slotExecutors: [Int: SlotExecutor],
        plan: FlashPlan, lines: BoardLines, end: Duration, vcd: ValueChangeDump?, log: ProgramLog
    ) {
        console.line("Ran \(formatSeconds(end)) s of \(plan.virtual ? "virtual" : "real") time: \(stats.polls) polls in \(stats.batches) batches, "
            + "\(stats.idleEntries) idle entries, \(stats.timerExpirations) timer expirations", type: "stats",
            fields: ["time_ns": end.nanoseconds, "polls": stats.polls, "batches": stats.batches, "idle": stats.idleEntries,
                     "timer_expirations": stats.timerExpirations])
        for (slot, name) in observer.taskNames.sorted(by: { $0.key < $1.key }) {
            // An async task's resumes from outside its slot's poll, and any that overflowed its inbox: shown when
            // there were some (a program's awaits are all on Pinwheel futures, so normally there are none).
            let foreign = slotExecutors[slot].map { (jobs: $0.foreignJobs, overflows: $0.inboxOverflows) }
            let foreignNote = foreign.map { $0.jobs == 0 ? "" : ", \($0.jobs) foreign resumes (\($0.overflows) overflowed the inbox)" } ?? ""
            plan.options.recording?.task(slot: slot, name: name, polls: observer.polls(slot: slot), wakes: observer.wakes(slot: slot))
            console.line("  slot \(slot) \(name): \(observer.polls(slot: slot)) polls, \(observer.wakes(slot: slot)) wakes\(foreignNote)", type: "task",
                         fields: ["slot": slot, "name": name, "polls": observer.polls(slot: slot), "wakes": observer.wakes(slot: slot),
                                  "foreign_resumes": foreign?.jobs ?? 0, "inbox_overflows": foreign?.overflows ?? 0])
        }
        for case .input(let handle) in plan.declaration.lines {
            let input = lines.inputs[handle.name]!
            console.line("  \(handle.name): \(input.received) edges received, \(input.dropped) dropped", type: "irq",
                         fields: ["line": handle.name, "received": input.received, "dropped": input.dropped])
        }
        if log.droppedRecords > 0 {
            console.line("  log: \(log.droppedRecords) records dropped (the log's ring was full)", type: "warning",
                         fields: ["dropped": log.droppedRecords])
        }
        if observer.recorder.dropped > 0 {
            console.line("  trace: \(observer.recorder.dropped) wake records dropped (ring full)", type: "warning")
        }
        if let vcd { console.line("  waveform: \(vcd.path)", type: "vcd", fields: ["path": vcd.path]) }
    }
}
