import Pinwheel

/// The UART's receive side as an interrupt source: the handler moves each received byte into a fixed ring and wakes
/// the waiting task; a task takes the bytes with ``next()``. A byte that finds the ring full is counted as lost (and
/// so is one the UART itself lost to an overrun): never dropped silently.
///
/// The ring is written by the handler and read by one task, both on the one core; the task reads with interrupts
/// masked, so the two never interleave.
enum UARTReceiver {
    static let capacity = 64

    static let transmitAndReceive: UInt32 = 0b0011
    static let receiveInterrupt: UInt32 = 0b1000

    /// Enables reception and its interrupt (NVIC IRQ 0).
    static func start() {
        pw_write32(Register.uart0Control, transmitAndReceive | receiveInterrupt)
        pw_write32(Register.nvicSetEnable, 1 &<< Interrupt.uart0Receive)
    }

    /// Bytes received and kept, and bytes lost (to a full ring, or in the UART), so far.
    static var counts: (received: UInt32, lost: UInt32) {
        let primask = pw_irq_save()
        defer { pw_irq_restore(primask) }
        return (receivedBytes, lostBytes)
    }

    /// A future for the next received byte.
    static func next() -> ReceivedByte { ReceivedByte() }

    /// Takes the oldest byte, if any. With interrupts masked.
    static func take() -> UInt8? {
        let primask = pw_irq_save()
        defer { pw_irq_restore(primask) }
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
        return UARTReceiver.take().map { .ready($0) } ?? .pending
    }
}

// The ring and its counters: static storage, touched by the handler and, masked, by the task.
nonisolated(unsafe) var ring = InlineArray<64, UInt8>(repeating: 0)
nonisolated(unsafe) var ringHead = 0
nonisolated(unsafe) var ringCount = 0
nonisolated(unsafe) var receivedBytes: UInt32 = 0
nonisolated(unsafe) var lostBytes: UInt32 = 0
let receiveWaiter = WakerCell()

/// IRQ 0: clears the interrupt (or it would enter again at once), moves every byte the UART holds into the ring
/// (counting the ones that find it full, and a UART overrun), and wakes the waiting task: one fetch-or.
@_cdecl("UART0RX_Handler")
func uartReceiveHandler() {
    // Clear first, then read: a byte that arrives after the last read raises the interrupt again. (Cleared after
    // the reads, such a byte's interrupt was cleared with the old one, and it waited in the UART for ever: the UART
    // holds one byte and takes no more until it is read.)
    pw_write32(Register.uart0InterruptClear, 0b10)
    while pw_read32(Register.uart0State) & 0b10 != 0 {  // a byte is waiting
        let byte = UInt8(truncatingIfNeeded: pw_read32(Register.uart0Data))
        if ringCount < UARTReceiver.capacity {
            ring[(ringHead &+ ringCount) % UARTReceiver.capacity] = byte
            ringCount &+= 1
            receivedBytes &+= 1
        } else {
            lostBytes &+= 1
        }
    }
    if pw_read32(Register.uart0State) & 0b1000 != 0 {  // receive overrun: a byte came while one waited
        lostBytes &+= 1
        pw_write32(Register.uart0State, 0b1000)
    }
    receiveWaiter.wake(from: .interrupt(UInt16(truncatingIfNeeded: Interrupt.uart0Receive)))
}
