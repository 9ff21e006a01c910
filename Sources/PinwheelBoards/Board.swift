import Pinwheel
import PinwheelGPIO
import PinwheelSimulation

/// A board file opened on this machine: its chip (the machine's, through libgpiod, or a simulated one) and its
/// logical names, requested as lines.
public final class Board {
    /// The board file.
    public let file: BoardFile
    /// Where the lines come from.
    public let chip: any GPIOChip
    /// The chip, when the board is simulated: drive its inputs and read its outputs here.
    public var simulatedChip: SimulatedChip? { chip as? SimulatedChip }

    /// Opens `file`'s chip: a `SimulatedChip` holding the board's lines (stamped with `clock`, by default
    /// CLOCK_MONOTONIC) for a simulated board; otherwise the machine's chip with the board's label. An emulated board
    /// (driver `qemu`) has no chip in this process: it throws ``BoardError/emulated(board:)``.
    public convenience init(_ file: BoardFile, clock: (@Sendable () -> Instant)? = nil) throws(BoardError) {
        switch file.driver {
        case .simulated:
            self.init(file, chip: SimulatedChip(label: file.chipLabel, lineNames: file.lineNames, clock: clock))
        case .qemu:
            throw .emulated(board: file.name)
        case .libgpiod:
            do {
                self.init(file, chip: try SystemChip(label: file.chipLabel))
            } catch {
                throw .chip(error, board: file.name)
            }
        }
    }

    /// The board `file` on `chip`.
    public init(_ file: BoardFile, chip: any GPIOChip) {
        self.file = file
        self.chip = chip
    }

    /// The line a logical name maps to, and its header pin.
    public func line(_ name: String) throws(BoardError) -> (line: String, pin: Int?) {
        guard let resolved = file.resolve(name) else {
            throw .unknownName(name, board: file.name, available: file.names.map(\.name))
        }
        return resolved
    }

    /// Checks that the board names each of `names` and that this machine has their lines.
    public func check(_ names: [String]) throws(BoardError) {
        for name in names {
            let (line, pin) = try line(name)
            do { _ = try chip.consumer(of: line) } catch {
                throw .line(error, name: name, line: line, pin: pin, board: file.name)
            }
        }
    }

    /// Requests the line named `name` as an input.
    public func requestInput(_ name: String, consumer: String, settings: InputSettings) throws(BoardError) -> GPIOInput {
        let (line, pin) = try line(name)
        do { return try chip.requestInput(line, consumer: consumer, settings: settings) } catch {
            throw .line(error, name: name, line: line, pin: pin, board: file.name)
        }
    }

    /// Requests the line named `name` as an output.
    public func requestOutput(_ name: String, consumer: String, settings: OutputSettings) throws(BoardError) -> GPIOOutput {
        let (line, pin) = try line(name)
        do { return try chip.requestOutput(line, consumer: consumer, settings: settings) } catch {
            throw .line(error, name: name, line: line, pin: pin, board: file.name)
        }
    }

    /// Requests every line of `roles` as `consumer`, all or nothing: if one fails, the lines already requested are
    /// given back before the error is thrown.
    public func request(_ roles: [(name: String, role: LineRole)], consumer: String) throws(BoardError) -> BoardLines {
        let lines = BoardLines()
        do {
            for (name, role) in roles {
                switch role {
                case .input(let settings): lines.add(name, input: try requestInput(name, consumer: consumer, settings: settings))
                case .output(let settings): lines.add(name, output: try requestOutput(name, consumer: consumer, settings: settings))
                }
            }
        } catch {
            lines.release()
            throw error
        }
        return lines
    }
}
