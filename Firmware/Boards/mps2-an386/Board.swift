import Pinwheel

/// What a demo needs of the board, under the same names on every board: its name, its platform (`BoardPlatform`),
/// its LED (`LED`), its UART (`UART`, `UARTReceiver`) and an address where nothing answers (for the fault demo).
enum Board {
    static let name: StaticString = "qemu-mps2-an386 (Cortex-M4)"

    /// Starts the UART's transmitter and the time base: the first thing a demo's `main` does.
    static func start() -> BoardPlatform {
        UART.start()
        return BoardPlatform()
    }

    /// An address with no memory or device behind it: a read there is a bus error.
    static let unmappedAddress: UInt = 0xFFFF_FFF0
}

typealias BoardPlatform = CortexMPlatform

/// LED 0 of the board's FPGA I/O block (`FPGAIO LED`, bit 0).
enum LED {
    static var isOn: Bool { pw_read32(Register.fpgaLEDs) & 1 != 0 }

    static func set(_ on: Bool) { pw_write32(Register.fpgaLEDs, on ? 1 : 0) }

    /// Switches the LED over and returns whether it is now on.
    static func toggle() -> Bool {
        let on = !isOn
        set(on)
        return on
    }
}
