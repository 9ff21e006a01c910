import Pinwheel
import PinwheelBoards
import PinwheelGPIO
import PinwheelLinux

/// A chip the GPIO behaviour checks run against, with a way to drive its inputs from outside and look at its
/// pins: the simulated chip (``SimulatedRig``) or the kernel's gpio-sim through libgpiod (``KernelRig``). The
/// checks are the same for both; only this differs.
public protocol GPIORig: AnyObject {
    /// What this rig is, for reports.
    var name: String { get }
    /// The board files.
    var catalog: BoardCatalog { get }
    /// The board the checks request lines from, by logical name.
    var board: Board { get }
    /// Whether lines live behind device files (/dev/gpiochipN) with permissions.
    var hasDeviceFiles: Bool { get }
    /// Whether edges carry the kernel's sequence numbers (libgpiod v2, and the simulated chip).
    var sequenceNumbers: Bool { get }
    /// Whether a debounce period is applied by the kernel rather than by ``PinwheelGPIO/GPIOInput``.
    var kernelDebounce: Bool { get }
    /// A debounce period that suits the rig's timing (a VM's timers are late by milliseconds).
    var debounce: Duration { get }
    /// Puts every line back to pulled-down and unrequested, before each check.
    func prepare() throws
    /// The platform a check runs its task on: virtual time for the simulated chip, real time for the kernel's.
    func makePlatform() throws(LinuxPlatformError) -> LinuxPlatform
    /// Drives the line behind logical name `name` from outside, as a wire would (`at`: the executor's time).
    func drive(_ name: String, high: Bool, at time: Instant) throws
    /// A way to drive the line behind `name` that allocates nothing per call (set up here, once), for the
    /// steady-state allocation check.
    func edgeDriver(_ name: String) throws -> (_ high: Bool, _ at: Instant) -> Void
    /// The physical level of the line behind `name`.
    func level(_ name: String) throws -> Bool
    /// The message a program gets when it opens the board without permission, or nil where that cannot happen.
    func permissionDeniedMessage() throws -> String?
}
