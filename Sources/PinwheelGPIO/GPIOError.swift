import CGPIO
import PinwheelLinux
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Why a GPIO line could not be found, requested or used: what failed, where, and how to fix it.
public enum GPIOError: Error, Equatable, CustomStringConvertible {
    /// Pinwheel was built without libgpiod, so only the simulated chip is available.
    case libgpiodMissing
    /// The machine has no GPIO character devices.
    case noGPIOChips
    /// No chip has the label a board file names.
    case chipNotFound(label: String)
    /// No line of that name exists (on the named chip, if one was named).
    case lineNotFound(name: String, chipLabel: String?)
    /// Another consumer holds the line (EBUSY).
    case lineBusy(name: String, consumer: String?)
    /// The GPIO character device could not be opened.
    case permissionDenied(device: String)
    /// A system or library call failed.
    case systemCall(String, line: String, errno: Errno)
    /// The interrupt controller refused the line's event descriptor.
    case platform(LinuxPlatformError)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .libgpiodMissing:
            "libgpiod is missing: Pinwheel was built without it, so only the simulated board works. Install it "
                + "(Debian, Raspberry Pi OS: apt-get install libgpiod-dev) and rebuild"
        case .noGPIOChips:
            "this machine has no GPIO chips (no /dev/gpiochip*): use the simulated board (--board sim), or load a "
                + "GPIO driver"
        case .chipNotFound(let label):
            "no GPIO chip is labelled \"\(label)\" on this machine: check the board file's chip label against "
                + "`gpiodetect`, or pick the board that matches this machine"
        case .lineNotFound(let name, let label):
            "no GPIO line is named \"\(name)\"" + (label.map { " on the chip labelled \"\($0)\"" } ?? "")
                + " on this machine: check the board file against `gpioinfo`"
        case .lineBusy(let name, let consumer):
            "GPIO line \"\(name)\" is busy: " + (consumer.map { "\"\($0)\" holds it" } ?? "another program holds it")
                + "; stop that program or pick another line"
        case .permissionDenied(let device):
            "permission denied opening \(device): add your user to the group that owns it "
                + "(Raspberry Pi OS: sudo usermod -aG gpio $USER, then log in again), or add a udev rule such as "
                + "SUBSYSTEM==\"gpio\", KERNEL==\"gpiochip*\", GROUP=\"gpio\", MODE=\"0660\""
        case .systemCall(let call, let line, let errno):
            "\(call) failed for GPIO line \"\(line)\": \(errno) (errno \(errno.rawValue))"
        case .platform(let error):
            error.description
        }
    }
}
