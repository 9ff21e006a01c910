import Pinwheel

/// Bytes from the UART's receive interrupt on their way to a task: a fixed ring of 64 bytes that the board's
/// receive handler fills with ``put(_:)`` and one task empties through ``UARTReceiver/next()``. A byte that finds
/// the ring full is counted as lost (so is one the UART itself reports lost): nothing is dropped silently.
///
/// The handler and the task run on the one core; the task takes bytes with interrupts masked, so the two never
/// interleave. The handler wakes the task with one fetch-or on the ready bitmap (`WakerCell.wake`).
enum ReceiveRing {
    static let capacity = 64

    /// Called by the receive handler for each byte the UART holds. Interrupts are masked (we are in the handler).
    static func put(_ byte: UInt8) {
        if ringCount < capacity {
            ring[(ringHead &+ ringCount) % capacity] = byte
            ringCount &+= 1
            receivedBytes &+= 1
        } else {
            lostBytes &+= 1
        }
    }

    /// Called by the receive handler when the UART reports a byte it lost (an overrun).
    static func countLost() { lostBytes &+= 1 }

    /// Called by the receive handler when it has moved every byte: wakes the task waiting in `next()`.
    static func wakeReader(irq: UInt16) {
        handlerRuns &+= 1
        if receiveWaiter.wake(from: .interrupt(irq)) { wakes &+= 1 }
    }

    /// How many times the receive handler ran.
    static var interrupts: UInt32 { handlerRuns }

    /// How many of those runs found a waker registered and woke its task.
    static var wakesDelivered: UInt32 { wakes }

    /// Bytes received and kept, and bytes lost, so far.
    static var counts: (received: UInt32, lost: UInt32) {
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        return (receivedBytes, lostBytes)
    }

    /// Takes the oldest byte, if any, with interrupts masked.
    static func take() -> UInt8? {
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        guard ringCount > 0 else { return nil }
        let byte = ring[ringHead]
        ringHead = (ringHead &+ 1) % capacity
        ringCount &-= 1
        return byte
    }
}

/// A future that finishes with the next byte the UART receives; from ``UARTReceiver/next()``.
struct ReceivedByte: Future {
    mutating func poll(_ context: Context) -> Poll<UInt8> {
        // Register before looking: a byte arriving between the two still wakes the task.
        receiveWaiter.register(context.waker)
        return ReceiveRing.take().map { .ready($0) } ?? .pending
    }
}

// The ring and its counters: static storage, written by the handler and, with interrupts masked, by the task.
nonisolated(unsafe) private var ring = InlineArray<64, UInt8>(repeating: 0)
nonisolated(unsafe) private var ringHead = 0
nonisolated(unsafe) private var ringCount = 0
nonisolated(unsafe) private var receivedBytes: UInt32 = 0
nonisolated(unsafe) private var lostBytes: UInt32 = 0
nonisolated(unsafe) private var handlerRuns: UInt32 = 0
nonisolated(unsafe) private var wakes: UInt32 = 0
private let receiveWaiter = WakerCell()

extension UARTReceiver {
    /// A future for the next received byte.
    static func next() -> ReceivedByte { ReceivedByte() }

    /// Bytes received and kept, and bytes lost (to a full ring, or in the UART), so far.
    static var counts: (received: UInt32, lost: UInt32) { ReceiveRing.counts }
}
