import Pinwheel
import PinwheelProgram

/// What watches a run and what it keeps: the program's log, the stop record, and the sinks (the counters and the
/// poll limit; the allocation snapshot, the waveform, the trace, the watched lines, each only when the run asks
/// for it).
final class RunObservation {
    let console: Console
    let log: ProgramLog
    let record: StopRecord
    let sinks: RunSinks
    let snapshot: AllocationSnapshot?
    let waveform: Waveform?
    /// The watched lines, when something reads them: the waveform, the in-process record, the status line.
    let lines: LineWatcher?
    let tracing: Bool

    init(
        _ plan: FlashPlan, console: Console, vcd: ValueChangeDump?, clock: PlatformClock, record: StopRecord,
        recorder: WakeRecorder
    ) {
        let options = plan.options
        self.console = console
        self.record = record
        tracing = options.trace
        console.showsDebug = options.trace
        let recording = options.recording
        log = ProgramLog(clock: clock.now, origin: clock.now()) { entry in
            console.log(entry)
            recording?.log(entry)
        }
        // Output nobody can read: the run stops (the CLI reports the failed write).
        console.writeFailed = { record.stop(.outputFailed) }
        sinks = RunSinks(
            recorder: recorder, counters: RunCounters(),
            pollLimit: plan.virtual ? PollLimit(count: options.pollLimit) { record.stop(.pollLimit(options.pollLimit)) } : nil)
        snapshot = options.allocationCounter.map { AllocationSnapshot(counter: $0) }
        waveform = vcd.map { Waveform($0) }
        lines = vcd != nil || options.interactive || recording != nil
            ? LineWatcher(clock: clock.now, waveform: waveform, recording: recording) : nil
    }

    /// After programming: the lines watched (inputs' edges tapped where their events follow the level), the tasks'
    /// wires declared, the sinks added in the order they are told, interactive mode's status line drawn.
    func watch(_ plan: FlashPlan, image: FlashImage) {
        if let watcher = lines {
            for line in plan.declaration.lines {
                if let input = image.lines.inputs[line.name] {
                    let index = watcher.watch(line.name) { (try? input.value()) ?? false }
                    if (waveform != nil || image.keyboard != nil) && input.eventsFollowLevel {
                        input.edgeTap = { [unowned watcher] event in
                            watcher.edge(on: index, high: event.edge == .rising, at: event.timestamp)
                        }
                    }
                } else if let output = image.lines.outputs[line.name] {
                    watcher.watch(line.name) { output.driven }
                }
            }
        }
        waveform?.declareTasks(image.taskNames)
        waveform?.vcd.start(comment: "pinwheel flash \(plan.name) --board \(plan.board.name); \(plan.virtual ? "virtual" : "real") time")
        sinks.add(snapshot)
        sinks.add(waveform)
        if tracing { sinks.add(WakeTrace(console: console, taskNames: image.taskNames, irqNames: image.irqNames)) }
        sinks.add(lines)
        if let keyboard = image.keyboard, let watcher = lines {
            let draw = { [console] in
                let levels = watcher.lines.map { "\($0.name) \($0.level ? "●" : "○")" }.joined(separator: "  ")
                console.setStatus("\(levels)  │ \(keyboard.legend)")
            }
            watcher.linesChanged = draw
            draw()
        }
    }
}
