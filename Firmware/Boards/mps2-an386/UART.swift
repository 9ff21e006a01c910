/// CMSDK UART 0 of the mps2-an386, for output: the firmware's log (see `Log`).
enum UART {
    static func start() {
        pw_write32(Register.uart0BaudDivider, 16)  // the smallest divider the CMSDK UART accepts
        pw_write32(Register.uart0Control, 0b01)  // transmit enabled
    }

    /// Sends `byte`, waiting while the transmit buffer is full.
    static func write(_ byte: UInt8) {
        while pw_read32(Register.uart0State) & 1 != 0 {}
        pw_write32(Register.uart0Data, UInt32(byte))
    }
}
