/// Where a board's lines come from.
public enum BoardDriver: String, Equatable, Sendable, CaseIterable {
    /// The machine's GPIO chips, through libgpiod (a Raspberry Pi, the kernel's gpio-sim).
    case libgpiod
    /// A `PinwheelGPIO/SimulatedChip` in this process: works on any machine.
    case simulated
    /// An emulated board: the demo is built into a firmware image (`Firmware/`) and booted in QEMU, whose emulated
    /// peripherals carry the lines. See ``Emulation``.
    case qemu
}
