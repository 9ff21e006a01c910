import Pinwheel

/// The UART's receive side as an interrupt source (the PL011, GPU IRQ 57 through the BCM2835 interrupt controller
/// and the BCM2836 local one to core 0): its handler sends each received byte into the `ReceivedBytes` channel,
/// which wakes the waiting task; a task takes the bytes with `UARTReceiver.next()`.
///
/// Linked only into demos that name it among their drivers: its handler replaces the IRQ dispatcher's weak
/// default (Exceptions.c), which reports the interrupt as unexpected.
enum UARTReceiver {
    static let receiveEmpty: UInt32 = 0x10  // flags, RXFE: nothing received is waiting
    static let overrun: UInt32 = 0x8  // receive status, OE: a byte came while the receiver was full, and was lost
    // RXIM (bit 4): data received (each byte with the FIFOs off, as here; the trigger level with them on). RTIM
    // (bit 6): data left in the FIFO while the line is idle (with the FIFOs on).
    static let receiveInterrupts: UInt32 = 0x50

    /// Enables reception and its interrupts, routes them to core 0, and takes the bytes that came before.
    static func start() {
        let mask = pw_irq_save()
        defer { pw_irq_restore(mask) }
        // IMSC: a 1 bit lets that interrupt out of the PL011; only the two receive interrupts do.
        pw_write32(Register.uartInterruptMask, receiveInterrupts)
        // Transmit stays on for the log; receive joins it (the format is unchanged, so no need to disable first).
        pw_write32(Register.uartControl, UART.enabled | UART.transmitEnabled | UART.receiveEnabled)
        // The GPU's interrupts go to one core's IRQ: core 0 (routing 0, also the reset value).
        pw_write32(Register.gpuInterruptRouting, 0)
        // Enable-set register: writing 1 enables IRQ 57, 0 bits leave the others as they are.
        pw_write32(Register.gpuEnable2, Interrupt.uartBank2Bit)
        // A byte received before now may wait with its interrupt already cleared (or never raised: QEMU raises it as
        // a byte arrives, whatever the mask). Take it now; IRQs are masked, so the handler cannot run meanwhile.
        // No task waits yet: the first poll of `next()` finds it in the channel.
        drain()
    }

    /// Clears the receive interrupts, moves every byte the receiver holds into the channel, and counts an overrun.
    /// With IRQs masked: from the handler, or from `start()`.
    static func drain() {
        let irq = UInt16(truncatingIfNeeded: Interrupt.uart)
        // Clear first, then read: a byte that arrives after the last read raises the interrupt again. (Cleared after
        // the reads, the interrupt of a byte arriving just before the clear would go with the old one, and the byte
        // would wait unseen: the receive interrupt is raised as a byte arrives, not while one waits.)
        pw_write32(Register.uartInterruptClear, receiveInterrupts)
        while pw_read32(Register.uartFlags) & receiveEmpty == 0 {
            ReceivedBytes.put(UInt8(truncatingIfNeeded: pw_read32(Register.uartData)), irq: irq)  // bits 0-7; 8-11 are errors
        }
        // The overrun flag stays set until written: count it once, then clear it (any write to the error clear
        // register clears all four error flags).
        if pw_read32(Register.uartReceiveStatus) & overrun != 0 {
            ReceivedBytes.countLost()
            pw_write32(Register.uartReceiveStatus, 0)
        }
    }
}

/// GPU IRQ 57, called by the IRQ dispatcher: clears the interrupt (or it would enter again at once), sends every
/// byte the receiver holds into the channel (each send wakes the waiting task: one fetch-or), and counts an overrun.
@_cdecl("PL011RX_Handler")
func uartReceiveHandler() {
    UARTReceiver.drain()
}
