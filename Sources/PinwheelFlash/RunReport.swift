import Pinwheel
import PinwheelProgram

/// What a run's end shows, as a pure function of the run's figures: the summary's lines and the closing line with
/// the exit status. ``LinuxBackend`` gathers the figures from the image and the sinks; tests write them by hand.
struct RunReport {
    /// One task's figures.
    struct Task {
        var slot: Int
        var name: String
        var polls: UInt64
        var wakes: UInt64
        /// An async task's resumes from outside its slot's poll and those that overflowed its inbox; nil for a poll
        /// task.
        var foreign: (resumes: UInt64, overflows: UInt64)?
    }

    /// One input's interrupt figures.
    struct Input {
        var name: String
        var received: UInt64
        var dropped: UInt64
    }

    /// One printed line: text, and its JSON type and fields.
    struct Line {
        var text: String
        var type: String
        var fields: [String: Any] = [:]
    }

    var elapsed: Duration
    var virtual: Bool
    var stats: ExecutorStats
    var tasks: [Task]
    var inputs: [Input]
    var droppedLogRecords: UInt64 = 0
    var droppedWakeRecords: UInt64 = 0
    /// The waveform written, if one was (and could be).
    var waveformPath: String?
    var reason: StopReason?
    var exitCode: Int32
    /// What was released: lines and signal handlers.
    var released: (lines: Int, signalHandlers: Int)

    /// The exit status: 128 + the signal that stopped the run; else the failure's; else 1 when the program logged
    /// errors, 0 when it did not.
    static func exitCode(shutdownSignal: Int32?, failure: FlashError?, loggedErrors: Int) -> Int32 {
        shutdownSignal.map { 128 + $0 } ?? failure?.exitCode ?? (loggedErrors > 0 ? 1 : 0)
    }

    /// The summary: the executor's figures, each task's, each input's, anything dropped, the waveform; then the
    /// closing line.
    var lines: [Line] {
        var lines = [Line(
            text: "Ran \(formatSeconds(elapsed)) s of \(virtual ? "virtual" : "real") time: \(stats.polls) polls in \(stats.batches) batches, "
                + "\(stats.idleEntries) idle entries, \(stats.timerExpirations) timer expirations", type: "stats",
            fields: ["time_ns": elapsed.nanoseconds, "polls": stats.polls, "batches": stats.batches, "idle": stats.idleEntries,
                     "timer_expirations": stats.timerExpirations])]
        for task in tasks {
            // Foreign resumes are shown when there were some (a program's awaits are all on Pinwheel futures, so
            // normally there are none).
            let note = task.foreign.map { $0.resumes == 0 ? "" : ", \($0.resumes) foreign resumes (\($0.overflows) overflowed the inbox)" } ?? ""
            lines.append(Line(
                text: "  slot \(task.slot) \(task.name): \(task.polls) polls, \(task.wakes) wakes\(note)", type: "task",
                fields: ["slot": task.slot, "name": task.name, "polls": task.polls, "wakes": task.wakes,
                         "foreign_resumes": task.foreign?.resumes ?? 0, "inbox_overflows": task.foreign?.overflows ?? 0]))
        }
        for input in inputs {
            lines.append(Line(
                text: "  \(input.name): \(input.received) edges received, \(input.dropped) dropped", type: "irq",
                fields: ["line": input.name, "received": input.received, "dropped": input.dropped]))
        }
        if droppedLogRecords > 0 {
            lines.append(Line(text: "  log: \(droppedLogRecords) records dropped (the log's ring was full)", type: "warning",
                              fields: ["dropped": droppedLogRecords]))
        }
        if droppedWakeRecords > 0 {
            lines.append(Line(text: "  trace: \(droppedWakeRecords) wake records dropped (ring full)", type: "warning"))
        }
        if let waveformPath { lines.append(Line(text: "  waveform: \(waveformPath)", type: "vcd", fields: ["path": waveformPath])) }
        let handlers = released.signalHandlers == 0 ? "" : " and \(released.signalHandlers) signal handler(s)"
        lines.append(Line(text: "released \(released.lines) line(s)\(handlers); exit \(exitCode)", type: "end",
                          fields: ["exit": Int(exitCode), "reason": FlashSession.describe(reason)]))
        return lines
    }

    /// Prints the summary to `console`.
    func print(to console: Console) {
        for line in lines { console.line(line.text, type: line.type, fields: line.fields) }
    }
}
