import Pinwheel

/// What a demo needs of the board, under the same names on every board: its name, its platform (`BoardPlatform`),
/// its LED (`LED`), its UART (`UART`, `UARTReceiver`) and an address where nothing answers (for the fault demo).
enum Board {
    static let name: StaticString = "qemu-raspi3b (Cortex-A53)"

    /// Starts the UART's transmitter, the LED's pin and the time base: the first thing a demo's `main` does.
    static func start() -> BoardPlatform {
        UART.start()
        LED.start()
        return BoardPlatform()
    }

    /// An address with no memory or device behind it: with the MMU off a read there goes out on the bus as is, and
    /// QEMU answers it with an external abort (a synchronous data abort, ESR 0x96000010). Below 4 GiB, so that the
    /// fault demo prints it in full.
    static let unmappedAddress: UInt = 0xFFFF_FFF0
}

typealias BoardPlatform = RaspberryPiPlatform
