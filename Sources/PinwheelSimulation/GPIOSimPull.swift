import Pinwheel
import PinwheelGPIO
import PinwheelText
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Drives the inputs of a kernel gpio-sim chip from user space, by writing `pull-up` or `pull-down` to the chip's
/// sysfs attribute `sim_gpioN/pull`: the kernel then raises a real edge interrupt on a requested input line.
///
/// The sysfs directory is the chip's device directory under /sys/devices/platform/gpio-sim.N/gpiochipM, as
/// Scripts/gpio-sim-vm exports it in `PINWHEEL_GPIO_SIM_SYSFS`.
public final class GPIOSimPull {
    /// The chip's sysfs directory.
    public let sysfs: String
    private let chip: SystemChip
    private var offsets: [String: UInt32] = [:]

    /// The pull attributes of `chip`'s lines under `sysfs`.
    public init(sysfs: String, chip: SystemChip) {
        self.sysfs = sysfs
        self.chip = chip
    }

    /// The path of `attribute` (`pull` or `value`) for the line called `line` on the chip.
    public func path(of line: String, _ attribute: String) throws(GPIOError) -> String {
        if offsets[line] == nil { offsets[line] = try chip.find(line).offset }
        return "\(sysfs)/sim_gpio\(offsets[line]!)/\(attribute)"
    }

    /// Pulls the line called `line` up (high) or down (low).
    public func drive(_ line: String, high: Bool) throws(GPIOError) {
        let path = try path(of: line, "pull")
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw .systemCall("open(\(path))", line: line, errno: .current) }
        defer { close(fd) }
        let text = high ? "pull-up" : "pull-down"
        guard write(fd, text, text.utf8.count) == text.utf8.count else {
            throw .systemCall("write(\(path), \(text))", line: line, errno: .current)
        }
    }
}
