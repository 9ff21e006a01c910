/// The PL011 UART (UART0) of the raspi3b, for output: the firmware's log (see `Log`). QEMU connects its first serial
/// port (`-serial stdio`) to it.
enum UART {
    static let transmitFull: UInt32 = 0x20  // flags, TXFF: no room to send (FIFO or holding register)
    static let enabled: UInt32 = 0x001  // control, UARTEN
    static let transmitEnabled: UInt32 = 0x100  // control, TXE
    static let receiveEnabled: UInt32 = 0x200  // control, RXE

    static func start() {
        // The PL011 wants to be disabled while its format and divisors change.
        pw_write32(Register.uartControl, 0)
        // 115200 baud from the 48 MHz UART clock the board's firmware sets: 48e6 / (16 × 115200) = 26 + 3/64.
        // (QEMU ignores the divisors.)
        pw_write32(Register.uartIntegerBaud, 26)
        pw_write32(Register.uartFractionalBaud, 3)
        // 8 data bits (WLEN = 11), no parity, 1 stop bit, FIFOs off (FEN = 0, as at reset): QEMU 7.2's PL011 empties
        // its receive FIFO whenever FEN changes, which would lose bytes typed before the firmware started. With the
        // FIFOs off the PL011 holds one received byte, and QEMU holds the rest of the input back until it is read.
        pw_write32(Register.uartLineControl, 0x60)
        pw_write32(Register.uartControl, enabled | transmitEnabled)  // on, transmitting; UARTReceiver adds receiving
    }

    /// Sends `byte`, waiting while the transmitter is full.
    static func write(_ byte: UInt8) {
        while pw_read32(Register.uartFlags) & transmitFull != 0 {}
        pw_write32(Register.uartData, UInt32(byte))
    }
}
