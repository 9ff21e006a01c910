import Foundation
import Pinwheel
import PinwheelAsync
import PinwheelBoards
import PinwheelDemos
import PinwheelGPIO
import PinwheelHost
import PinwheelLinux
import PinwheelSimulation
import PinwheelText

/// The executor a demo is flashed into: 16 task slots (the demo's async tasks beside the session's poll tasks), one
/// ready word, a timer entry per slot.
typealias FirmwareExecutor = Executor<TaskPool<FirmwareTask, 16>, 1, 16>

/// The executor and the Linux platform, pinned together for a flash: one owner, dropped executor first.
typealias FirmwareMachine = PinnedExecutor<TaskPool<FirmwareTask, 16>, 1, 16, LinuxPlatform>

/// Flashing a Linux board (the simulated chip, gpio-sim, a Raspberry Pi): the demo's async tasks run in this
/// process on the Linux platform, with signals, timerfd and GPIO line events as the interrupts.
///
/// 1. Resolve (``resolve(_:board:)``): the demo, the demo's lines against the board's names, the stimulus
///    against them.
/// 2. Program: request the lines, all or nothing (``request(_:clock:)``); bind the interrupt sources into the
///    platform's vector table (``bindInterrupts(_:lines:platform:)``, ``attachKeyboard``); spawn the tasks into the
///    static table; print the memory map (``printMap``).
/// 3. Run: the executor on the Linux platform, in virtual time on the simulated board (deterministic and
///    instant) or real time (interactive, hardware), until the demo ends, the duration passes, Ctrl-C, or q; then
///    ``finish`` reports it.
/// 4. Release: every line, descriptor and signal handler taken, whatever ended the run. `flash` owns them all
///    (the platform and the executor stay at fixed addresses for the run, pinned by one `PinnedExecutor`: wakers and
///    clocks point into them), so one function's `defer`s release them in order on every path.
enum LinuxBackend {
    static let vectors = 16

    /// Flashes and runs `options.demo`, writing to `console`. Throws for anything that stops it from starting.
    static func flash(_ options: FlashOptions, board file: BoardFile, console: Console) throws(FlashError) -> FlashOutcome {
        let plan = try resolve(options, board: file)
        let (demo, virtual, stimulus) = (plan.demo, plan.virtual, plan.stimulus)
        let terminal = options.interactive ? try TerminalMode() : nil
        defer { terminal?.restore() }
        let vcd = try options.vcdPath.map { path throws(FlashError) in try ValueChangeDump(path: path) }

        // The platform and the executor stay at fixed addresses for the run: wakers and clocks point into them.
        // `platform` is the machine's platform address, valid while the machine lives: to the end of this function.
        let machine: FirmwareMachine
        do {
            machine = FirmwareMachine(
                // 16 slots fit the 64-bit ready word, and a timer queue exists: the executor's checks pass.
                executor: try! FirmwareExecutor(),
                platform: try LinuxPlatform(vectors: vectors, virtualTimeFrom: virtual ? .zero : nil))
        } catch {
            throw .platform(error)
        }
        // Runs last: the lines, descriptors and handlers below are released before the machine goes.
        defer { withExtendedLifetime(machine) {} }
        let platform = machine.platform
        let clock = PlatformClock(platform)

        announce(plan, console: console)

        // 2: request them, all or nothing.
        let (board, lines) = try request(plan, clock: clock)
        defer { lines.release(from: &platform.pointee) }
        console.progress(2, of: steps, "requested \(demo.lines.count) line(s) as consumer pinwheel:\(demo.name)")

        // 3: the interrupt sources into the vector table.
        var (vectorsBound, signals) = try bindInterrupts(plan, lines: lines, platform: platform)

        let journal = WakeJournal(slots: FirmwareExecutor.taskCapacity)
        let recorder = WakeRecorder(capacity: 4096, journal: journal, platform: platform)
        let observer = RunObserver(console: console, recorder: recorder, clock: clock.now)
        observer.tracing = options.trace
        console.showsDebug = options.trace
        observer.vcd = vcd
        let log = DemoLog(clock: clock.now, origin: platform.pointee.now()) { console.log($0) }
        // Output nobody can read: the run stops (the CLI reports the failed write).
        console.writeFailed = { [stopper = platform.pointee.stopper] in stopper.stop() }
        // In virtual time a long duration costs work, not waiting: the run's polls are bounded.
        var pollLimitReached = false
        if virtual {
            let stopper = platform.pointee.stopper
            observer.pollLimit = (options.pollLimit, { pollLimitReached = true; stopper.stop() })
        }

        // Keys, in interactive mode: standard input becomes an interrupt.
        var keyboard: Keyboard?
        var quitReason: StopReason?
        let stopper = platform.pointee.stopper
        let drive: StimulusPlayer.Drive = { name, high, time throws(GPIOError) in
            let line = file.resolve(name)!.line
            if let chip = board.simulatedChip {
                try chip.drive(line, high: high, at: time)
            } else {
                try board.simPull?.drive(line, high: high)
            }
        }
        if options.interactive {
            let (keys, vector) = try attachKeyboard(
                plan, board: board, log: log, drive: drive, observer: observer, platform: platform,
                stop: { reason in
                    quitReason = reason
                    stopper.stop()
                })
            vectorsBound.append(vector)
            keyboard = keys
        }
        for vector in vectorsBound { observer.irqNames[vector.irq] = vector.name }
        console.progress(3, of: steps, "bound \(vectorsBound.count) of \(vectors) IRQs: "
            + vectorsBound.map { "\($0.irq) \($0.name)" }.joined(separator: ", "))

        // 4: the tasks into the static table.
        let completion = DemoCompletion(tasks: demo.tasks.count)
        var mapSlots: [MemoryMap.Slot] = []
        var demoTasks: [(slot: Int, io: DemoIO)] = []
        func record(_ slot: Int, name: String, heapBytes: Int, async: Bool) {
            observer.taskNames[slot] = name
            mapSlots.append(MemoryMap.Slot(
                slot: slot, name: name, slotBytes: MemoryLayout<FirmwareTask?>.stride, heapBytes: heapBytes, async: async))
        }
        // The table has room: a demo has at most a few tasks, and the session adds at most three.
        for task in demo.tasks {
            let io = DemoIO(
                task: task.name, log: log, board: file.name, realTime: !virtual, wakes: journal,
                taskSlots: FirmwareExecutor.taskCapacity, inputs: lines.inputs, outputs: lines.outputs, signals: signals)
            let body = task.body
            let asyncTask = AsyncTask {
                await body(io)
                completion.taskFinished()
            }
            let slot = try! machine.spawn(.async(asyncTask))
            io.slot = slot
            io.slotExecutor = asyncTask.executor
            // Programming creates the Swift task now, so that the memory map shows what it took.
            asyncTask.start()
            record(slot, name: task.name, heapBytes: asyncTask.heapBytes, async: true)
            demoTasks.append((slot, io))
        }
        func spawn(_ task: SessionTask) {
            let slot = try! machine.spawn(.poll(task))
            record(slot, name: task.name, heapBytes: MemoryMap.heapBlockBytes(of: task.object), async: false)
        }
        let stimulusTask = stimulus.map {
            StimulusTask($0, log: log, drive: drive, afterStep: { observer.sampleLines(at: $0) })
        }
        if let stimulusTask { spawn(.stimulus(stimulusTask)) }
        if let keyboard { spawn(.keyboard(keyboard)) }
        let length = options.duration ?? (virtual ? demo.runLength ?? max(.seconds(30), (stimulus?.end ?? .zero) + .seconds(1)) : nil)
        let supervisor = Supervisor(length: length, from: platform.pointee.now(), completion: completion, stopper: stopper, log: log)
        spawn(.supervisor(supervisor))
        console.progress(4, of: steps, "spawned \(mapSlots.count) task(s) into the \(FirmwareExecutor.taskCapacity)-slot table")
        console.progress(5, of: steps, stimulus.map {
            "stimulus: \($0.steps.count) step(s) from \(plan.stimulusSource)"
                + ($0.steps.count > StimulusTask.quietAbove && !options.trace ? " (steps shown with --trace)" : "")
        } ?? "no stimulus")

        printMap(plan, slots: mapSlots, vectors: vectorsBound, keyboard: keyboard != nil, platform: platform, console: console)

        watch(plan, lines: lines, observer: observer, keyboard: keyboard, vcd: vcd, console: console)

        console.line("Running \(demo.name): \(demo.guide)"
            + (length.map { " Stops after \(formatShort($0))\(virtual ? " of virtual time" : "")." } ?? " Ctrl-C stops it."))
        let origin = platform.pointee.now()
        observer.origin = origin
        log.origin = origin
        var trace = FlashTrace(observer: observer)
        // The log's records are formatted and printed by a thread of their own while the executor runs, unless
        // the executor's thread prints too (a trace, the live status line, the waveform's samples), where one
        // thread keeps the order of everything printed.
        let printsDuringRun = options.trace || keyboard != nil || vcd != nil
        if !printsDuringRun { log.printOnOwnThread(waitWhenFull: virtual) }
        observer.allocationCounter = options.allocationCounter
        let allocationsBefore = options.allocationCounter?()
        let outcome = machine.run(trace: &trace)
        let allocationsAfter = options.allocationCounter?()
        let runAllocations = allocationsAfter.map { $0 &- allocationsBefore! }
        let steadyAllocations = allocationsAfter.map { $0 &- (observer.allocationsAtStartUp ?? $0) }
        log.printHere()
        let end = platform.pointee.now()
        observer.drainWakes()
        console.setStatus(nil)

        if pollLimitReached, supervisor.reason == nil {
            log.log(.error, "supervisor", "stopped at the work limit of a virtual-time run: \(options.pollLimit) polls, reached after \(short: end - origin) of virtual time; give a shorter --duration, or a higher --poll-limit")
            quitReason = .pollLimit(options.pollLimit)
        }
        var flashed = finish(
            plan, outcome: outcome, quitReason: quitReason, supervisor: supervisor, end: end, origin: origin, platform: platform,
            machine: machine, demoTasks: demoTasks, observer: observer, log: log, lines: lines, signals: signals, vcd: vcd,
            console: console)
        flashed.runAllocations = runAllocations
        flashed.steadyAllocations = steadyAllocations
        return flashed
    }

    /// Step 4, after the run: why it ended, last words from tasks still running, the waveform's end, the summary, and
    /// the exit status.
    static func finish(
        _ plan: Plan, outcome: RunOutcome, quitReason: StopReason?, supervisor: Supervisor, end: Instant, origin: Instant,
        platform: UnsafeMutablePointer<LinuxPlatform>, machine: FirmwareMachine,
        demoTasks: [(slot: Int, io: DemoIO)], observer: RunObserver, log: DemoLog, lines: BoardLines,
        signals: [String: SignalInterrupt], vcd: ValueChangeDump?, console: Console
    ) -> FlashOutcome {
        let (demo, virtual) = (plan.demo, plan.virtual)
        let reason = platform.pointee.shutdownSignal.map { StopReason.signal($0) } ?? quitReason ?? supervisor.reason
            ?? (outcome == .finished ? .demoEnded : nil)
        if case .signal(let signo) = reason { log.log(.info, "supervisor", "SIG\(signo == SIGINT ? "INT" : "TERM"): stopping") }
        for (slot, io) in demoTasks where machine.withExecutor({ $0.isOccupied(slot: slot) }) { io.stopped() }
        var failure: FlashError?
        do { try vcd?.finish(at: observer.nanoseconds(end)) } catch { failure = error }
        let slotExecutors = Dictionary(uniqueKeysWithValues: demoTasks.compactMap { task in task.io.slotExecutor.map { (task.slot, $0) } })
        summarize(console: console, observer: observer, machine: machine, slotExecutors: slotExecutors, platform: platform, lines: lines,
                  demo: demo, end: end - origin, virtual: virtual, vcd: failure == nil ? vcd : nil, log: log)
        let code: Int32 = platform.pointee.shutdownSignal.map { 128 + $0 } ?? failure?.exitCode ?? (log.errors > 0 ? 1 : 0)
        console.line("released \(demo.lines.count) line(s)\(signals.isEmpty ? "" : " and \(signals.count) signal handler(s)"); exit \(code)",
                     type: "end", fields: ["exit": Int(code), "reason": FlashSession.describe(reason)])
        return FlashOutcome(reason: reason, exitCode: code, failure: failure)
    }

    /// What a flash of a Linux board works from, once resolved.
    struct Plan {
        let options: FlashOptions
        let board: BoardFile
        let demo: Demo
        /// On the simulated board's virtual clock (deterministic, instant) rather than CLOCK_MONOTONIC.
        let virtual: Bool
        /// gpio-sim's sysfs directory (PINWHEEL_GPIO_SIM_SYSFS), through which a stimulus pulls the kernel chip's lines.
        let simSysfs: String?
        let stimulus: Stimulus?
        /// Where the stimulus came from, for messages.
        let stimulusSource: String
    }

    static let steps = 5

    /// Step 1: the demo, its lines against the board, the stimulus (the file given, or the demo's own) against them.
    static func resolve(_ options: FlashOptions, board file: BoardFile) throws(FlashError) -> Plan {
        guard let demo = DemoCatalog.named(options.demo) else {
            throw .unknownDemo(options.demo, available: DemoCatalog.all.map(\.name))
        }
        let boardNames = file.names.map(\.name)
        let missing = demo.lines.map(\.name).filter { file.resolve($0) == nil }
        guard missing.isEmpty else {
            throw .missingLines(demo: demo.name, board: file.name, missing: missing, available: boardNames)
        }
        let simulated = file.driver == .simulated
        if options.interactive, !simulated { throw .interactiveNeedsSimulatedBoard(board: file.name) }
        let virtual = simulated && !options.interactive && !options.realTime
        let simSysfs = ProcessInfo.processInfo.environment["PINWHEEL_GPIO_SIM_SYSFS"]

        // The stimulus: the file given, or the demo's own on the simulated board when nobody is at the keys.
        let horizon = options.duration ?? demo.runLength ?? .seconds(30)
        var stimulus: Stimulus?
        var stimulusSource = ""
        if let path = options.stimulusPath {
            stimulus = try parseStimulus(try readText(path), path: path, horizon: horizon, demo: demo)
            stimulusSource = path
        } else if simulated, !options.interactive, !demo.stimulus.isEmpty {
            stimulusSource = "the demo's built-in stimulus"
            stimulus = try parseStimulus(demo.stimulus, path: "\(demo.name) (built-in stimulus)", horizon: horizon, demo: demo)
        }
        if let stimulus {
            for line in stimulus.lines where file.resolve(line) == nil {
                throw .stimulusUnknownLine(path: stimulusSource, line: line, board: file.name, available: boardNames)
            }
            if !simulated, simSysfs == nil, !stimulus.lines.isEmpty { throw .stimulusNeedsSimulatedLines(board: file.name) }
        }
        return Plan(options: options, board: file, demo: demo, virtual: virtual, simSysfs: simSysfs, stimulus: stimulus,
                    stimulusSource: stimulusSource)
    }

    /// The run's heading and step 1's line.
    static func announce(_ plan: Plan, console: Console) {
        let (demo, file, virtual) = (plan.demo, plan.board, plan.virtual)
        console.line("pinwheel flash \(demo.name) → board \(file.name): \(file.description)", type: "flash",
                     fields: ["demo": demo.name, "board": file.name, "virtual_time": virtual])
        console.line("  \(demo.summary)")
        console.line("  time: " + (virtual ? "virtual (deterministic; the clock jumps to each deadline)" : "real (CLOCK_MONOTONIC)"))

        // 1: the demo's lines on this board.
        let placements = demo.lines.map { line -> String in
            let (chipLine, pin) = file.resolve(line.name)!
            return "\(line.name) = " + (pin.map { "pin \($0) (\(chipLine))" } ?? chipLine)
        }
        console.progress(1, of: steps, "checked \(demo.lines.count) line(s) against \(file.name)"
            + (placements.isEmpty ? "" : ": " + placements.joined(separator: ", ")))

    }

    /// Step 2: opens the board's chip and requests the demo's lines, all or nothing.
    static func request(_ plan: Plan, clock: PlatformClock) throws(FlashError) -> (Board, BoardLines) {
        let board: Board
        let lines: BoardLines
        do {
            board = try Board(plan.board, clock: { clock.now() }, gpioSimSysfs: plan.simSysfs)
            lines = try board.request(plan.demo.lines.map { ($0.name, $0.role) }, consumer: "pinwheel:\(plan.demo.name)")
        } catch {
            throw .unavailable(error)
        }
        return (board, lines)
    }

    /// Step 3: the lines' event descriptors, the demo's signals and the shutdown signals into the vector table.
    static func bindInterrupts(
        _ plan: Plan, lines: BoardLines, platform: UnsafeMutablePointer<LinuxPlatform>
    ) throws(FlashError) -> (vectors: [MemoryMap.Vector], signals: [String: SignalInterrupt]) {
        let (demo, file, virtual) = (plan.demo, plan.board, plan.virtual)
        var vectorsBound = [
            MemoryMap.Vector(irq: 0, name: "timer", detail: "timerfd, CLOCK_MONOTONIC" + (virtual ? " (idle in virtual time)" : "")),
            MemoryMap.Vector(irq: 1, name: "doorbell", detail: "eventfd: wakes from other threads and handlers"),
        ]
        var signals: [String: SignalInterrupt] = [:]
        do {
            try lines.bind(to: &platform.pointee)
            for line in demo.lines where line.isInput {
                let input = lines.inputs[line.name]!
                let (chipLine, pin) = file.resolve(line.name)!
                vectorsBound.append(MemoryMap.Vector(
                    irq: input.irq!, name: line.name,
                    detail: "\(chipLine)\(pin.map { ", pin \($0)" } ?? ""): line events on fd \(input.eventDescriptor)"))
            }
            for name in demo.signals {
                let interrupt = try platform.pointee.bind(signal: signalNumber(name))
                signals[name] = interrupt
                vectorsBound.append(MemoryMap.Vector(irq: interrupt.irq, name: "SIG\(name)", detail: "signal handler; \(LinuxPlatform.signalStateBytes) B of state (counters, waker cell, saved disposition), allocated when bound"))
            }
            let (interrupt, terminate) = try platform.pointee.bindShutdownSignals()
            vectorsBound.append(MemoryMap.Vector(irq: interrupt.irq, name: "SIGINT", detail: "Ctrl-C: stop, release, exit 130"))
            vectorsBound.append(MemoryMap.Vector(irq: terminate.irq, name: "SIGTERM", detail: "stop, release, exit 143"))
        } catch let error as GPIOError {
            throw .gpio(error)
        } catch let error as LinuxPlatformError {
            throw .platform(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }

        return (vectorsBound, signals)
    }

    /// Interactive mode: standard input becomes an interrupt whose handler reads the keys; the keys press the
    /// simulated board's inputs. `stop` is called for q, Ctrl-C as a key, or the end of input.
    static func attachKeyboard(
        _ plan: Plan, board: Board, log: DemoLog, drive: @escaping StimulusPlayer.Drive, observer: RunObserver,
        platform: UnsafeMutablePointer<LinuxPlatform>, stop: @escaping (StopReason) -> Void
    ) throws(FlashError) -> (Keyboard, MemoryMap.Vector) {
        let file = plan.board
        let inputs = plan.demo.lines.compactMap { line -> (name: String, debounced: Bool)? in
            guard case .input(let settings) = line.role else { return nil }
            return (line.name, settings.debounce != nil)
        }
        let keys = Keyboard(
            bindings: Keyboard.bindings(for: inputs), log: log, drive: drive,
            level: { name in (try? board.simulatedChip!.level(file.resolve(name)!.line)) ?? false },
            stop: stop,
            afterStep: { observer.sampleLines(at: $0) })
        do {
            let irq = try platform.pointee.bind(fileDescriptor: STDIN_FILENO, context: UnsafeMutableRawPointer(keys.buffer), handler: Keyboard.handler)
            return (keys, MemoryMap.Vector(irq: irq, name: "keys", detail: "standard input (the terminal)"))
        } catch {
            throw .platform(error)
        }
    }

    /// The programmed image's memory map: the executor, each slot's task, the waker cells, the vector table.
    static func printMap(
        _ plan: Plan, slots mapSlots: [MemoryMap.Slot], vectors vectorsBound: [MemoryMap.Vector], keyboard: Bool,
        platform: UnsafeMutablePointer<LinuxPlatform>, console: Console
    ) {
        let demo = plan.demo
        MemoryMap(
            executorBytes: MemoryLayout<FirmwareExecutor>.size, executorType: "Executor<TaskPool<MixedTask<SessionTask>, 16>, 1, 16>",
            tableBytes: MemoryLayout<TaskPool<FirmwareTask, 16>>.size, slotStride: MemoryLayout<FirmwareTask?>.stride,
            slotCount: FirmwareExecutor.taskCapacity, readyBitmapBytes: MemoryLayout<ReadySet<1>>.size,
            timerEntries: 16, timerEntryBytes: MemoryLayout<TimerEntry>.stride, slots: mapSlots,
            wakerBytes: MemoryLayout<Waker>.size, wakerCellBytes: MemoryLayout<WakerCell>.size,
            wakerCells: demo.lines.filter(\.isInput).map(\.name) + demo.signals.map { "SIG\($0)" } + (keyboard ? ["keys"] : []),
            vectors: vectorsBound, vectorCapacity: vectors, vectorTableBytes: platform.pointee.vectorTableBytes
        ).print(to: console)

    }

    /// The waveform and the live display watch the demo's lines (and, interactively, redraw the status line).
    static func watch(
        _ plan: Plan, lines: BoardLines, observer: RunObserver, keyboard: Keyboard?, vcd: ValueChangeDump?, console: Console
    ) {
        let (demo, file, virtual) = (plan.demo, plan.board, plan.virtual)
        for line in demo.lines {
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
        vcd?.start(comment: "pinwheel flash \(demo.name) --board \(file.name); \(virtual ? "virtual" : "real") time")
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
        console: Console, observer: RunObserver, machine: FirmwareMachine, slotExecutors: [Int: SlotExecutor],
        platform: UnsafeMutablePointer<LinuxPlatform>, lines: BoardLines, demo: Demo, end: Duration, virtual: Bool,
        vcd: ValueChangeDump?, log: DemoLog
    ) {
        let stats = machine.withExecutor { $0.stats }
        console.line("Ran \(formatSeconds(end)) s of \(virtual ? "virtual" : "real") time: \(stats.polls) polls in \(stats.batches) batches, "
            + "\(stats.idleEntries) idle entries, \(stats.timerExpirations) timer expirations", type: "stats",
            fields: ["time_ns": end.nanoseconds, "polls": stats.polls, "batches": stats.batches, "idle": stats.idleEntries,
                     "timer_expirations": stats.timerExpirations])
        for (slot, name) in observer.taskNames.sorted(by: { $0.key < $1.key }) {
            // An async task's resumes from outside its slot's poll, and any that overflowed its inbox: shown when
            // there were some (a demo's awaits are all on Pinwheel futures, so normally there are none).
            let foreign = slotExecutors[slot].map { (jobs: $0.foreignJobs, overflows: $0.inboxOverflows) }
            let foreignNote = foreign.map { $0.jobs == 0 ? "" : ", \($0.jobs) foreign resumes (\($0.overflows) overflowed the inbox)" } ?? ""
            console.line("  slot \(slot) \(name): \(observer.polls(slot: slot)) polls, \(observer.wakes(slot: slot)) wakes\(foreignNote)", type: "task",
                         fields: ["slot": slot, "name": name, "polls": observer.polls(slot: slot), "wakes": observer.wakes(slot: slot),
                                  "foreign_resumes": foreign?.jobs ?? 0, "inbox_overflows": foreign?.overflows ?? 0])
        }
        for line in demo.lines where line.isInput {
            let input = lines.inputs[line.name]!
            console.line("  \(line.name): \(input.received) edges received, \(input.dropped) dropped", type: "irq",
                         fields: ["line": line.name, "received": input.received, "dropped": input.dropped])
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

    static func signalNumber(_ name: String) -> Int32 {
        guard let signal = Stimulus.signals.first(where: { $0.name == name }) else {
            preconditionFailure("a demo declared the signal \(name), which is not one of \(Stimulus.signals.map(\.name))")
        }
        return signal.number
    }

    static func parseStimulus(_ text: String, path: String, horizon: Duration, demo: Demo) throws(FlashError) -> Stimulus {
        // A stimulus may send only the signals the demo binds: any other would meet its default action and end us.
        do { return try Stimulus.parse(text, path: path, horizon: horizon, handled: demo.signals) } catch { throw .stimulus(error) }
    }

    static func readText(_ path: String) throws(FlashError) -> String {
        do { return try TextFile.read(path) } catch { throw .stimulusUnreadable(error) }
    }
}

extension Executor where Tasks: ~Copyable {
    /// The number of task slots.
    static var taskCapacity: Int { Tasks.capacity }
}
