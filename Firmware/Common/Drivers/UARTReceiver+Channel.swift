import Pinwheel

/// Bytes from the UART's receive interrupt on their way to a task: the core's `SingleProducerChannel` (the handler is
/// the one sender), 64 bytes in static storage. The board's receive handler sends each byte with ``put(_:irq:)``; one
/// task receives them through ``UARTReceiver/next()``. A byte that finds the channel full is refused and counted by
/// the channel, and one the UART itself reports lost (an overrun) is counted here: nothing is dropped silently.
///
/// Sending is a load, a store and a release store, safe in the handler; each accepted byte wakes the receiving task
/// with one fetch-or on the ready bitmap (the channel's `WakerCell`), its source the UART's interrupt.
enum ReceivedBytes {
    /// Called by the receive handler for each byte the UART holds.
    static func put(_ byte: UInt8, irq: UInt16) {
        channel.trySend(byte, from: .interrupt(irq))
    }

    /// Called by the receive handler when the UART reports a byte it lost (an overrun).
    static func countLost() { overruns &+= 1 }

    /// Bytes received and kept, and bytes lost (to a full channel, or in the UART), so far.
    static var counts: (received: UInt32, lost: UInt32) {
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        return (UInt32(truncatingIfNeeded: channel.accepted), UInt32(truncatingIfNeeded: channel.rejected) &+ overruns)
    }
}

// The channel and the overrun count: static storage. The count is written by the handler and read by the task with
// interrupts masked.
private let channel = SingleProducerChannel<UInt8, 64>()
nonisolated(unsafe) private var overruns: UInt32 = 0

extension UARTReceiver {
    /// A future for the next received byte.
    static func next() -> Receive<SingleProducerChannel<UInt8, 64>> { channel.receive() }

    /// Bytes received and kept, and bytes lost (to a full channel, or in the UART), so far.
    static var counts: (received: UInt32, lost: UInt32) { ReceivedBytes.counts }
}
