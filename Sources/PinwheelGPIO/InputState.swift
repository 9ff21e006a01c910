import CGPIO
import Pinwheel

/// What an input's interrupt handler and its task share: fixed storage allocated when the line is requested.
/// The handler and the task both run on the executor's thread, so only the waker cell needs atomics.
struct InputState: ~Copyable {
    let source: EventSource
    /// Where the handler reads a batch from the source.
    let batch: UnsafeMutableBufferPointer<pw_gpio_event>
    /// Edges waiting for the task: a ring, oldest first.
    let ring: UnsafeMutableBufferPointer<EdgeEvent>
    var head = 0
    var count = 0
    /// Drops seen since the last edge handed to the task.
    var droppedSinceTaken: UInt64 = 0
    /// Every drop: sequence gaps, the same edge twice in a row, and ring overflows.
    var dropped: UInt64 = 0
    /// Every edge the handler received.
    var received: UInt64 = 0
    var lastLineSequence: UInt64 = 0
    var lastEdge: Edge?
    /// The edges the source reports (all of them when debouncing in software; the filter applies afterwards).
    let sourceEdges: EdgeDetection
    var irq: UInt16
    let waiter = WakerCell()
    /// Called with each edge as it is recorded (``GPIOInput/edgeTap``).
    var tap: ((EdgeEvent) -> Void)?

    init(source: EventSource, capacity: Int, sourceEdges: EdgeDetection, irq: UInt16) {
        self.source = source
        self.sourceEdges = sourceEdges
        self.irq = irq
        batch = .allocate(capacity: capacity)
        batch.initialize(repeating: pw_gpio_event())
        ring = .allocate(capacity: capacity)
        ring.initialize(repeating: EdgeEvent(edge: .rising, timestamp: .zero, lineSequence: 0, globalSequence: 0))
    }

    deinit {
        batch.deallocate()
        ring.deallocate()
    }

    /// Takes the oldest edge, with the drops counted before it.
    mutating func take() -> (event: EdgeEvent, droppedBefore: UInt64)? {
        guard count > 0 else { return nil }
        let event = ring[head]
        head = head + 1 == ring.count ? 0 : head + 1
        count -= 1
        defer { droppedSinceTaken = 0 }
        return (event, droppedSinceTaken)
    }

    /// Records one edge from the source, noticing what was lost before it.
    mutating func record(_ raw: pw_gpio_event) {
        let edge: Edge = raw.rising != 0 ? .rising : .falling
        received &+= 1
        var lost: UInt64 = 0
        if raw.line_seqno != 0 {
            // The kernel numbers each line's events from 1: a jump is events it dropped (its buffer was full).
            if raw.line_seqno > lastLineSequence &+ 1 {
                lost = raw.line_seqno &- lastLineSequence &- 1
            }
            lastLineSequence = raw.line_seqno
        } else if sourceEdges == .both, lastEdge == edge {
            // No numbers (libgpiod v1): two rising edges in a row mean a falling one between them was lost.
            lost = 1
        }
        lastEdge = edge
        let event = EdgeEvent(
            edge: edge, timestamp: Instant(ticks: raw.timestamp_ns), lineSequence: raw.line_seqno,
            globalSequence: raw.global_seqno)
        tap?(event)
        if count == ring.count {
            // Full: keep the newest, as the kernel does, and count the oldest as dropped.
            head = head + 1 == ring.count ? 0 : head + 1
            count -= 1
            lost &+= 1
        }
        ring[(head + count) % ring.count] = event
        count += 1
        dropped &+= lost
        droppedSinceTaken &+= lost
    }
}

/// The interrupt handler for an input's event descriptor: reads every pending event in batches into the ring,
/// then wakes the waiting task. Runs on the executor's thread before tasks are polled; allocates nothing.
let inputInterruptHandler: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    let state = context!.assumingMemoryBound(to: InputState.self)
    var any = false
    while true {
        let read = state.pointee.source.read(into: state.pointee.batch)
        guard read > 0 else { break }
        var index = 0
        while index < read {
            state.pointee.record(state.pointee.batch[index])
            index += 1
        }
        any = true
        if read < state.pointee.batch.count { break }
    }
    if any { state.pointee.waiter.wake(from: .interrupt(state.pointee.irq)) }
}
