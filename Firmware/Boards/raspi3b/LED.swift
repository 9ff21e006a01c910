/// The LED on GPIO 17 (header pin 11: the LED line of boards/rpi3b.board), driven through the BCM2835 GPIO block.
/// Its state is read back from the pin's level (GPLEV0), not remembered: what the pin shows is what it drives.
enum LED {
    static let pin: UInt32 = 0x0002_0000  // bit 17: GPIO 17 in GPSET0, GPCLR0 and GPLEV0
    static let functionMask: UInt32 = 0x00E0_0000  // GPFSEL1 bits 21-23: GPIO 17's function
    static let functionOutput: UInt32 = 0x0020_0000  // 001 there: output

    /// Makes GPIO 17 an output, leaving GPIO 10-19's other functions as they are.
    static func start() {
        // Read-modify-write: GPFSEL1 holds ten pins' functions, the UART's pins 14 and 15 among them.
        let functions = pw_read32(Register.gpioFunctionSelect1)
        pw_write32(Register.gpioFunctionSelect1, (functions & ~functionMask) | functionOutput)
    }

    /// The pin's level. (QEMU's bcm2835_gpio reports in GPLEV0 the levels written through GPSET0 and GPCLR0.)
    static var isOn: Bool { pw_read32(Register.gpioLevel0) & pin != 0 }

    static func set(_ on: Bool) {
        // GPSET0 and GPCLR0 act only on the 1 bits: no read-modify-write, no other pin touched.
        pw_write32(on ? Register.gpioSet0 : Register.gpioClear0, pin)
    }

    /// Switches the LED over and returns whether it is now on.
    static func toggle() -> Bool {
        let on = !isOn
        set(on)
        return on
    }
}
