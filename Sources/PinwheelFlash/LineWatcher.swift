import Pinwheel

/// The board's lines, watched for the waveform, the in-process record and interactive mode's status line: each is
/// read after every poll (and after each stimulus step), and an input's edges arrive from its interrupt handler at
/// the kernel's timestamps.
final class LineWatcher: RunSink {
    /// A board line watched for changes.
    struct WatchedLine {
        let name: String
        let read: () -> Bool
        var level: Bool
        var wire: ValueChangeDump.Wire?
    }

    let clock: () -> Instant
    let waveform: Waveform?
    let recording: RunRecording?
    /// Called after lines changed (interactive mode redraws its status line).
    var linesChanged: (() -> Void)?
    private(set) var lines: [WatchedLine] = []
    private var origin = Instant.zero
    private var edgesSinceDraw = false

    init(clock: @escaping () -> Instant, waveform: Waveform?, recording: RunRecording?) {
        self.clock = clock
        self.waveform = waveform
        self.recording = recording
    }

    /// Watches a line by reading it after each poll; returns its index for ``edge(on:high:at:)``.
    @discardableResult
    func watch(_ name: String, read: @escaping () -> Bool) -> Int {
        let level = read()
        recording?.start(name, high: level)
        lines.append(WatchedLine(name: name, read: read, level: level, wire: waveform?.declareLine(name, initial: level)))
        return lines.count - 1
    }

    func started(at origin: Instant) { self.origin = origin }

    /// An input's edge, from its interrupt handler, at the time the kernel stamped it: so the waveform shows the
    /// edge, then the task's wake, then its poll, each at its own time. Sampling after polls still follows, and
    /// corrects the level if an edge was lost.
    func edge(on index: Int, high: Bool, at time: Instant) {
        guard lines[index].level != high else { return }
        lines[index].level = high
        edgesSinceDraw = true
        // A stamp from another clock (a kernel before 5.7 stamps line events with CLOCK_REALTIME) is not used.
        let now = clock()
        let stamped = time >= origin && time <= now ? time : now
        if let wire = lines[index].wire { waveform?.change(wire, to: high, at: stamped) }
        recording?.change(lines[index].name, high: high, at: stamped - origin)
    }

    func pollEnded(slot: Int, finished: Bool, at now: Instant) { sample(at: now) }

    /// Reads every line and records those that changed.
    func sample(at now: Instant) {
        var changed = edgesSinceDraw
        edgesSinceDraw = false
        for index in lines.indices {
            let level = lines[index].read()
            guard level != lines[index].level else { continue }
            lines[index].level = level
            changed = true
            if let wire = lines[index].wire { waveform?.change(wire, to: level, at: now) }
            recording?.change(lines[index].name, high: level, at: now - origin)
        }
        if changed { linesChanged?() }
    }
}
