import Pinwheel
import PinwheelBoards
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation
#if canImport(Glibc)
import Glibc
#endif

/// The behaviour checks' rig for the kernel's gpio-sim chip (board `gpio-sim`), as Scripts/gpio-sim-vm creates
/// it: lines are requested through libgpiod from /dev/gpiochipN, and inputs are driven by writing `pull-up` or
/// `pull-down` to the chip's sysfs `sim_gpioN/pull`, which makes real edge interrupts. Real time.
///
/// Run it single-threaded (the behaviour runner): the permission check forks.
public final class KernelRig: GPIORig {
    public let catalog: BoardCatalog
    public let board: Board
    /// The chip's sysfs directory, holding sim_gpioN/{pull,value}.
    let sysfs: String
    private let pull: GPIOSimPull
    /// Descriptors held open by edge drivers, closed before the next check.
    private var driverDescriptors: [Int32] = []

    deinit { for fd in driverDescriptors { close(fd) } }

    /// The rig for the gpio-sim chip whose sysfs directory is `sysfs` (PINWHEEL_GPIO_SIM_SYSFS in the VM).
    public init(catalog: BoardCatalog, sysfs: String, boardName: String = "gpio-sim") throws {
        self.catalog = catalog
        self.sysfs = sysfs
        board = try Board(try catalog.load(boardName), gpioSimSysfs: sysfs)
        guard let pull = board.simPull else { throw BehaviourFailure("board \(boardName) is not on a kernel chip") }
        self.pull = pull
    }

    public var name: String {
        let library = SystemChip.library
        return "gpio-sim chip \(board.file.chipLabel) through libgpiod \(library.version) (API v\(library.api))"
    }
    public var hasDeviceFiles: Bool { true }
    public var sequenceNumbers: Bool { SystemChip.library.api == 2 }
    public var kernelDebounce: Bool { SystemChip.library.api == 2 }
    public var debounce: Duration { .milliseconds(30) }

    public func prepare() throws {
        for fd in driverDescriptors { close(fd) }
        driverDescriptors = []
        for (name, _) in board.file.names { try drive(name, high: false, at: .zero) }
    }

    public func makePlatform() throws(LinuxPlatformError) -> LinuxPlatform { try LinuxPlatform(vectors: 8) }

    /// sim_gpioN of the line behind `name`: N is the line's offset on the chip, found by its name.
    func attribute(_ name: String, _ attribute: String) throws -> String {
        try pull.path(of: try board.line(name).line, attribute)
    }

    public func drive(_ name: String, high: Bool, at time: Instant) throws {
        try pull.drive(try board.line(name).line, high: high)
    }

    public func edgeDriver(_ name: String) throws -> (_ high: Bool, _ at: Instant) -> Void {
        let path = try attribute(name, "pull")
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw BehaviourFailure("cannot open \(path): errno \(errno)") }
        driverDescriptors.append(fd)
        // Static strings: passing a String to a C pointer parameter may copy it, and this runs per edge.
        let up: StaticString = "pull-up"
        let down: StaticString = "pull-down"
        return { high, _ in
            let text = high ? up : down
            _ = pwrite(fd, text.utf8Start, text.utf8CodeUnitCount, 0)
        }
    }

    public func level(_ name: String) throws -> Bool {
        let path = try attribute(name, "value")
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BehaviourFailure("cannot open \(path): errno \(errno)") }
        defer { close(fd) }
        var byte: UInt8 = 0
        guard read(fd, &byte, 1) == 1 else { throw BehaviourFailure("cannot read \(path): errno \(errno)") }
        return byte == UInt8(ascii: "1")
    }

    /// Opens the board in a child process that has dropped root for `nobody` (uid and gid 65534), which may not
    /// open /dev/gpiochipN, and returns the error message it got.
    public func permissionDeniedMessage() throws -> String? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw BehaviourFailure("pipe failed: errno \(errno)") }
        let file = board.file
        let names = file.names.map(\.name)
        let child = fork()
        if child == 0 {
            close(fds[0])
            var message = "the child could not drop root"
            if setgid(65534) == 0, setuid(65534) == 0 {
                do {
                    try Board(file).check(names)
                    message = "opened the board without permission"
                } catch {
                    message = error.description
                }
            }
            _ = write(fds[1], message, message.utf8.count)
            _exit(0)
        }
        close(fds[1])
        defer { close(fds[0]) }
        guard child > 0 else { throw BehaviourFailure("fork failed: errno \(errno)") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            let count = read(fds[0], &chunk, chunk.count)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        return String(decoding: bytes, as: UTF8.self)
    }
}
