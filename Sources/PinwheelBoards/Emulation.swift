/// How an emulated board (driver `qemu`) is built for and booted: the board file's `emulator`, `machine` and
/// `firmware` keys.
///
/// ```
/// driver = qemu
/// emulator = qemu-system-arm   # the QEMU program, found on PATH
/// machine = mps2-an386         # its -M machine
/// firmware = mps2-an386        # the folder of Firmware/Boards with the board's startup code and drivers
/// ```
public struct Emulation: Equatable, Sendable {
    /// The QEMU program that emulates the board (`qemu-system-arm`, `qemu-system-aarch64`).
    public var emulator: String
    /// The QEMU machine (`-M`).
    public var machine: String
    /// The folder of `Firmware/Boards` that holds the board's platform, startup code and drivers.
    public var firmware: String

    /// The keys an emulated board sets, in the order the format documents them.
    public static let keys = ["emulator", "machine", "firmware"]

    /// An emulated board run by `emulator -M machine`, built from `Firmware/Boards/firmware`.
    public init(emulator: String, machine: String, firmware: String) {
        self.emulator = emulator
        self.machine = machine
        self.firmware = firmware
    }
}
