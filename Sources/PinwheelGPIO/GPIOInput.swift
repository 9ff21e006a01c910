import Pinwheel
import PinwheelLinux

/// An input line, requested and bound as an interrupt: when its event descriptor is readable the handler reads
/// the events in a batch into a fixed ring and wakes the task awaiting ``edge()->EdgeReport``.
///
/// Keep the input alive while the executor runs; dropping it (or ``release()``) gives the line back.
public final class GPIOInput {
    /// The line's name.
    public let name: String
    /// How it was requested.
    public let settings: InputSettings
    /// Whether the kernel debounces it (otherwise, with a debounce period, this input does).
    public let kernelDebounce: Bool
    let request: LineRequest
    let state: UnsafeMutablePointer<InputState>
    private var boundIRQ: UInt16?
    private var released = false
    // Software debounce: the level the task last saw, and a change waiting to prove itself stable.
    var stableLevel: Bool
    var candidate: EdgeEvent?
    var candidateDropped: UInt64 = 0

    package init(name: String, settings: InputSettings, kernelDebounce: Bool, request: LineRequest, sourceEdges: EdgeDetection)
        throws(GPIOError)
    {
        self.name = name
        self.settings = settings
        self.kernelDebounce = kernelDebounce
        self.request = request
        state = .allocate(capacity: 1)
        state.initialize(to: InputState(
            source: request.eventSource, capacity: settings.eventCapacity, sourceEdges: sourceEdges, irq: 0))
        stableLevel = false
        do throws(GPIOError) { stableLevel = try request.value() } catch {
            releaseStorage()
            throw error
        }
    }

    deinit {
        release()
        releaseStorage()
    }

    /// The descriptor that becomes readable when edges are pending (-1 without edge detection): for binding the
    /// line to another event loop instead of ``bind(to:)``.
    public var eventDescriptor: Int32 { request.eventDescriptor }
    /// The interrupt number, once bound.
    public var irq: UInt16? { boundIRQ }
    /// The line's current logical value.
    public func value() throws(GPIOError) -> Bool { try request.value() }
    /// Called by the interrupt handler with each edge it receives, in order, before any task sees it, and before
    /// software debounce: a tap for instruments, such as a waveform that shows an edge at the kernel's timestamp
    /// rather than when a task got to it. It runs inside the handler on the executor's thread: keep it short.
    public var edgeTap: ((EdgeEvent) -> Void)? {
        get { state.pointee.tap }
        set { state.pointee.tap = newValue }
    }
    /// Whether the line's events report both edges, so that they tell its level (true when debouncing in
    /// software, whatever edges the task asked for).
    public var eventsFollowLevel: Bool { state.pointee.sourceEdges == .both }
    /// Every edge the interrupt handler received.
    public var received: UInt64 { state.pointee.received }
    /// Every edge lost: sequence gaps (the kernel's buffer was full), an edge missing between two of the same
    /// kind, and edges pushed out of this input's ring because the task fell behind.
    public var dropped: UInt64 { state.pointee.dropped }

    /// Binds the line's event descriptor to `platform` as an interrupt vector.
    public func bind(to platform: inout LinuxPlatform) throws(GPIOError) {
        precondition(boundIRQ == nil, "\(name) is already bound")
        guard settings.edges != .none else { return }
        do {
            let irq = try platform.bind(
                fileDescriptor: request.eventDescriptor, context: UnsafeMutableRawPointer(state),
                handler: inputInterruptHandler)
            boundIRQ = irq
            // Safe to set now: the handler runs only inside the executor's sleep, on this thread.
            state.pointee.irq = irq
        } catch {
            throw .platform(error)
        }
    }

    /// Unbinds the line from `platform`; the line stays requested, and can be bound again.
    public func unbind(from platform: inout LinuxPlatform) {
        if let boundIRQ { platform.unbind(irq: boundIRQ) }
        boundIRQ = nil
    }

    /// Unbinds the line from `platform` and gives it back to the kernel; the input can no longer be used.
    public func release(from platform: inout LinuxPlatform) {
        unbind(from: &platform)
        release()
    }

    /// Gives the line back; its counters stay readable. Unbind it from a platform that is still running first
    /// (``release(from:)``).
    public func release() {
        guard !released else { return }
        released = true
        request.release()
    }

    private func releaseStorage() {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// A future for the next edge the settings detect (debounced, if a period is set).
    public func edge() -> EdgeWait { EdgeWait(input: self) }

    /// Ready with the next edge; otherwise registers the task's waker (and, debouncing, a deadline) and is pending.
    public func poll(_ context: Context) -> Poll<EdgeReport> {
        state.pointee.waiter.register(context.waker)
        guard let period = settings.debounce, !kernelDebounce else {
            while let (event, dropped) = state.pointee.take() {
                if settings.edges.detects(event.edge) { return .ready(EdgeReport(event: event, droppedBefore: dropped)) }
            }
            return .pending
        }
        // Software debounce: a change counts once the line has held its new level for `period`.
        var latest: EdgeEvent?
        while let (event, dropped) = state.pointee.take() {
            candidateDropped &+= dropped
            candidate = event.edge.levelAfter == stableLevel ? nil : event
            latest = event
        }
        // The edges seen say the line is back where it was; its level is checked once, because a full buffer
        // keeps the oldest edges and may have lost the last change (the drop may only show with the next edge).
        // If the line disagrees, that change is dated from the last edge seen and must settle like any other.
        if candidate == nil, let latest, let level = try? value(), level != stableLevel {
            candidate = EdgeEvent(
                edge: level ? .rising : .falling, timestamp: latest.timestamp, lineSequence: latest.lineSequence,
                globalSequence: latest.globalSequence)
        }
        guard let change = candidate else { return .pending }
        let settled = change.timestamp + period
        guard context.now() >= settled else {
            context.wake(at: settled)
            return .pending
        }
        stableLevel = change.edge.levelAfter
        candidate = nil
        defer { candidateDropped = 0 }
        guard settings.edges.detects(change.edge) else { return poll(context) }
        return .ready(EdgeReport(event: change, droppedBefore: candidateDropped))
    }
}

/// An edge handed to a task, with the edges lost since the one before it.
public struct EdgeReport: Equatable, Sendable {
    /// The edge.
    public var event: EdgeEvent
    /// Edges lost between the previous report and this one: never silent.
    public var droppedBefore: UInt64
}

/// A future for an input's next edge; from ``GPIOInput/edge()->EdgeWait``.
public struct EdgeWait: Future {
    let input: GPIOInput
    /// Ready with the next edge.
    public mutating func poll(_ context: Context) -> Poll<EdgeReport> { input.poll(context) }
}
