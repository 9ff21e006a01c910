import Pinwheel

/// The UART's receive side as an interrupt source (CMSDK UART 0, NVIC IRQ 0): its handler moves each received byte
/// into the `ReceivedBytes` channel, which wakes the waiting task; a task takes the bytes with `UARTReceiver.next()`.
///
/// Linked only into demos that list it in their `drivers` file: its handler replaces the vector table's default.
enum UARTReceiver {
    static let transmitAndReceive: UInt32 = 0b0011
    static let receiveInterrupt: UInt32 = 0b1000

    /// Enables reception and its interrupt.
    static func start() {
        pw_write32(Register.uart0Control, transmitAndReceive | receiveInterrupt)
        pw_write32(Register.nvicSetEnable, 1 &<< Interrupt.uart0Receive)
    }
}

/// IRQ 0: clears the interrupt (or it would enter again at once), sends every byte the UART holds into the channel
/// (each send wakes the waiting task: one fetch-or), and counts an overrun.
@_cdecl("UART0RX_Handler")
func uartReceiveHandler() {
    let irq = UInt16(truncatingIfNeeded: Interrupt.uart0Receive)
    // Clear first, then read: a byte that arrives after the last read raises the interrupt again. (Cleared after
    // the reads, such a byte's interrupt was cleared with the old one, and it waited in the UART for ever: the UART
    // holds one byte and takes no more until it is read.)
    pw_write32(Register.uart0InterruptClear, 0b10)
    while pw_read32(Register.uart0State) & 0b10 != 0 {  // a byte is waiting
        ReceivedBytes.put(UInt8(truncatingIfNeeded: pw_read32(Register.uart0Data)), irq: irq)
    }
    if pw_read32(Register.uart0State) & 0b1000 != 0 {  // receive overrun: a byte came while one waited
        ReceivedBytes.countLost()
        pw_write32(Register.uart0State, 0b1000)
    }
}
