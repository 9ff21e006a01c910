/// The raspi3b's interrupts as their controllers number them: the UART by the BCM2835 interrupt controller (GPU IRQs
/// 0-63), the device timer by the BCM2836 local one (the bit of core 0's IRQ source register, 0x40000060, that
/// shows it). (Core 0's IRQ sources, the timers and the GPU's controller, are told apart by the IRQ dispatcher in
/// Exceptions.c.)
enum Interrupt {
    /// GPU IRQ 57: the PL011 UART.
    static let uart: UInt32 = 57
    /// IRQ 57's bit in the controller's second bank (IRQs 32-63): bit 25.
    static let uartBank2Bit: UInt32 = 0x0200_0000

    /// Local source 1: core 0's non-secure EL1 physical timer (CNTPNSIRQ), the device timer. The same bit numbers
    /// it in core 0's timer routing (0x40000040) and in its IRQ source (0x40000060).
    static let physicalTimer: UInt32 = 1
    /// Source 1's bit in both registers.
    static let physicalTimerBit: UInt32 = 0b10
}
