import Pinwheel
import PinwheelBoards
import PinwheelGPIO
import PinwheelLinux
import PinwheelSimulation

/// The behaviour checks' rig for the simulated board: a fresh ``PinwheelGPIO/SimulatedChip`` per check, driven
/// through its API, on a platform in virtual time.
public final class SimulatedRig: GPIORig {
    public let catalog: BoardCatalog
    public private(set) var board: Board
    let file: BoardFile

    /// The rig for board `boardName` (a simulated board) from `catalog`.
    public init(catalog: BoardCatalog, boardName: String = "sim") throws {
        self.catalog = catalog
        file = try catalog.load(boardName)
        board = try Board(file)
        guard board.simulatedChip != nil else { throw BehaviourFailure("board \(boardName) is not simulated") }
    }

    public var name: String { "simulated chip (board \(file.name))" }
    public var hasDeviceFiles: Bool { false }
    public var sequenceNumbers: Bool { true }
    public var kernelDebounce: Bool { false }
    public var debounce: Duration { .milliseconds(5) }

    public func prepare() throws { board = try Board(file) }

    public func makePlatform() throws(LinuxPlatformError) -> LinuxPlatform {
        try LinuxPlatform(vectors: 8, virtualTimeFrom: .zero)
    }

    public func drive(_ name: String, high: Bool, at time: Instant) throws {
        try board.simulatedChip!.drive(try board.line(name).line, high: high, at: time)
    }

    public func edgeDriver(_ name: String) throws -> (_ high: Bool, _ at: Instant) -> Void {
        let chip = board.simulatedChip!
        let line = try board.line(name).line
        return { high, time in try? chip.drive(line, high: high, at: time) }
    }

    public func level(_ name: String) throws -> Bool {
        try board.simulatedChip!.level(try board.line(name).line)
    }

    public func permissionDeniedMessage() throws -> String? { nil }
}
