import CGPIO
import Pinwheel
import PinwheelGPIO
import PinwheelHost
import PinwheelLinux
import PinwheelText
import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A GPIO chip entirely in this process, for machines without GPIO: inputs are driven by calls (or a stimulus
/// schedule), outputs are recorded with timestamps, and edge events reach the executor through a pipe, so the
/// same interrupt path runs as with a kernel chip.
///
/// It behaves like the kernel's gpio-sim: a line's level is its *pull*, which ``drive(_:high:at:)`` sets from
/// outside and which a requested bias sets too (the last one wins); an output drives its own level. Each
/// requested input has a kernel-sized event buffer (16 events, as the kernel gives a one-line request): edges
/// beyond it are dropped, and the sequence numbers show the gap. It remembers the last ``historyCapacity`` output
/// changes, so that its memory stays flat however long a run lasts.
public final class SimulatedChip: GPIOChip, Sendable {
    /// The chip's label, as `gpiodetect` would show it.
    public let label: String
    /// Line names, by offset.
    public let lineNames: [String]
    /// How many events a requested input's buffer holds before edges are dropped.
    public let eventBufferCapacity: Int
    /// How many output changes ``outputChanges`` keeps (the most recent).
    public let historyCapacity: Int

    struct Line {
        var pull = false  // physical level when nothing drives it
        var consumer: String?
        var isOutput = false
        var outputLevel = false  // physical
        var activeLow = false
        var edges: EdgeDetection = .none
        var writeFD: Int32 = -1
        var lineSequence: UInt64 = 0
        var physical: Bool { isOutput ? outputLevel : pull }
    }

    /// An output change: when, which line, and its new logical value.
    public struct OutputChange: Equatable, Sendable {
        /// When it was driven, on the chip's clock.
        public var time: Instant
        /// The line's offset.
        public var offset: Int
        /// The logical value.
        public var value: Bool
    }

    private let lines: Mutex<[Line]>
    private let history: Mutex<RecentHistory<OutputChange>>
    private let clock: @Sendable () -> Instant

    /// A chip with `lineNames`, stamping events and output changes with `clock` (by default `CLOCK_MONOTONIC`,
    /// the Linux platform's clock; pass the platform's virtual clock in virtual time), remembering the last
    /// `historyCapacity` output changes.
    public init(
        label: String = "pinwheel-sim", lineNames: [String], eventBufferCapacity: Int = 16, historyCapacity: Int = 4096,
        clock: (@Sendable () -> Instant)? = nil
    ) {
        self.label = label
        self.lineNames = lineNames
        self.eventBufferCapacity = eventBufferCapacity
        self.historyCapacity = historyCapacity
        self.clock = clock ?? { MonotonicClock.now }
        lines = Mutex(Array(repeating: Line(), count: lineNames.count))
        history = Mutex(RecentHistory(capacity: historyCapacity))
    }

    /// The offset of the line called `name`.
    public func offset(of name: String) throws(GPIOError) -> Int {
        // A plain loop: the generic `firstIndex(of:)` allocates in unoptimised builds, and this runs per edge.
        var offset = 0
        while offset < lineNames.count {
            if lineNames[offset] == name { return offset }
            offset += 1
        }
        throw .lineNotFound(name: name, chipLabel: label)
    }

    /// Drives the line's external level (gpio-sim's `pull`): an input requested with edge detection sees an edge
    /// if its level changes, stamped `time` (by default the chip's clock). Safe from any thread.
    public func drive(_ name: String, high: Bool, at time: Instant? = nil) throws(GPIOError) {
        let offset = try offset(of: name)
        let now = time ?? clock()
        lines.withLock { lines in Self.setPull(&lines[offset], to: high, at: now, capacity: eventBufferCapacity) }
    }

    /// The line's physical level.
    public func level(_ name: String) throws(GPIOError) -> Bool {
        let offset = try offset(of: name)
        return lines.withLock { $0[offset].physical }
    }

    /// The last ``historyCapacity`` output changes, oldest first.
    public var outputChanges: [OutputChange] { history.withLock { $0.elements } }

    /// How many output changes are no longer in ``outputChanges``: older than the last ``historyCapacity``.
    public var forgottenOutputChanges: Int { history.withLock { $0.forgotten } }

    /// Whether the line is requested, and by whom.
    public func consumer(of name: String) throws(GPIOError) -> String? {
        let offset = try offset(of: name)
        return lines.withLock { $0[offset].consumer }
    }

    private static func setPull(_ line: inout Line, to high: Bool, at now: Instant, capacity: Int) {
        let before = line.physical
        line.pull = high
        guard !line.isOutput, line.physical != before, line.writeFD >= 0 else { return }
        let edge: Edge = (line.physical != line.activeLow) ? .rising : .falling
        guard line.edges.detects(edge) else { return }
        line.lineSequence &+= 1
        var event = pw_gpio_event(
            timestamp_ns: now.ticks, line_seqno: line.lineSequence, global_seqno: line.lineSequence,
            rising: edge == .rising ? 1 : 0)
        // The kernel's buffer: full means this edge is dropped; its sequence number was used, so the gap shows.
        var unread: Int32 = 0
        _ = ioctl(line.writeFD, UInt(FIONREAD), &unread)
        guard Int(unread) / MemoryLayout<pw_gpio_event>.stride < capacity else { return }
        _ = write(line.writeFD, &event, MemoryLayout<pw_gpio_event>.stride)
    }

    // MARK: Requests

    final class Request: LineRequest {
        let chip: SimulatedChip
        let offset: Int
        let readFD: Int32
        var released = false

        init(chip: SimulatedChip, offset: Int, readFD: Int32) {
            self.chip = chip
            self.offset = offset
            self.readFD = readFD
        }

        var eventSource: EventSource { .pipe(readFD) }
        var eventDescriptor: Int32 { readFD }

        func value() throws(GPIOError) -> Bool {
            chip.lines.withLock { $0[offset].physical != $0[offset].activeLow }
        }

        func setValue(_ value: Bool) throws(GPIOError) {
            let now = chip.clock()
            let changed = chip.lines.withLock { lines in
                let physical = value != lines[offset].activeLow
                defer { lines[offset].outputLevel = physical }
                return lines[offset].outputLevel != physical
            }
            if changed { chip.history.withLock { $0.append(OutputChange(time: now, offset: offset, value: value)) } }
        }

        func release() {
            guard !released else { return }
            released = true
            let writeFD = chip.lines.withLock { lines in
                defer { lines[offset] = Line(pull: lines[offset].pull) }
                return lines[offset].writeFD
            }
            if writeFD >= 0 { close(writeFD) }
            if readFD >= 0 { close(readFD) }
        }

        deinit { release() }
    }

    private func claim(_ name: String, consumer: String, configure: (inout Line) -> Void) throws(GPIOError) -> Int {
        let offset = try offset(of: name)
        let holder: String? = lines.withLock { lines in
            if let holder = lines[offset].consumer { return holder }
            lines[offset].consumer = consumer
            configure(&lines[offset])
            return nil
        }
        if let holder { throw .lineBusy(name: name, consumer: holder) }
        return offset
    }

    /// Requests the line called `name` as an input.
    public func requestInput(_ name: String, consumer: String, settings: InputSettings) throws(GPIOError) -> GPIOInput {
        var fds: [Int32] = [-1, -1]
        if settings.edges != .none || settings.debounce != nil {
            guard pipe(&fds) == 0 else { throw .systemCall("pipe", line: name, errno: .current) }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        // Debounced in software: the source reports both edges and the input filters after debouncing.
        let sourceEdges: EdgeDetection = settings.debounce != nil ? .both : settings.edges
        let offset: Int
        do {
            offset = try claim(name, consumer: consumer) { line in
                line.activeLow = settings.activeLow
                line.edges = sourceEdges
                line.writeFD = fds[1]
                switch settings.bias {
                case .pullUp: line.pull = true
                case .pullDown: line.pull = false
                case .asIs, .disabled: break
                }
            }
        } catch {
            if fds[0] >= 0 { close(fds[0]); close(fds[1]) }
            throw error
        }
        let request = Request(chip: self, offset: offset, readFD: fds[0])
        return try GPIOInput(
            name: name, settings: settings, kernelDebounce: false, request: request, sourceEdges: sourceEdges)
    }

    /// Requests the line called `name` as an output.
    public func requestOutput(_ name: String, consumer: String, settings: OutputSettings) throws(GPIOError) -> GPIOOutput {
        let now = clock()
        let offset = try claim(name, consumer: consumer) { line in
            line.isOutput = true
            line.activeLow = settings.activeLow
            line.outputLevel = settings.initialValue != settings.activeLow
        }
        history.withLock { $0.append(OutputChange(time: now, offset: offset, value: settings.initialValue)) }
        return GPIOOutput(name: name, settings: settings, request: Request(chip: self, offset: offset, readFD: -1))
    }
}
