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
    public let simulatedChip: SimulatedChip?
    /// The pull attributes of a kernel gpio-sim chip, when the board's chip is one and its sysfs directory was
    /// given: a stimulus drives the inputs here.
    public let simPull: GPIOSimPull?

    /// Opens `file`'s chip: a `SimulatedChip` holding the board's lines (stamped with `clock`, by default
    /// CLOCK_MONOTONIC) for a simulated board; otherwise the machine's chip with the board's label, and, with
    /// `gpioSimSysfs` (a gpio-sim chip's sysfs directory), the pulls that drive its inputs. An emulated board
    /// (driver `qemu`) has no chip in this process: it throws ``BoardError/emulated(board:)``.
    public convenience init(
        _ file: BoardFile, clock: (@Sendable () -> Instant)? = nil, gpioSimSysfs: String? = nil
    ) throws(BoardError) {
        switch file.driver {
        case .simulated:
            let chip = SimulatedChip(label: file.chipLabel, lineNames: file.lineNames, clock: clock)
            self.init(file, chip: chip, simulatedChip: chip)
        case .qemu:
            throw .emulated(board: file.name)
        case .libgpiod:
            let chip: SystemChip
            do { chip = try SystemChip(label: file.chipLabel) } catch { throw .chip(error, board: file.name) }
            self.init(file, chip: chip, simPull: gpioSimSysfs.map { GPIOSimPull(sysfs: $0, chip: chip) })
        }
    }

    /// The board `file` on `chip`; `simulatedChip` and `simPull` when the caller made them for that chip.
    public init(_ file: BoardFile, chip: any GPIOChip, simulatedChip: SimulatedChip? = nil, simPull: GPIOSimPull? = nil) {
        self.file = file
        self.chip = chip
        self.simulatedChip = simulatedChip
        self.simPull = simPull
    }

    /// Drives the input `name` (a logical name) to `high` at `time`, as a stimulus does: the simulated chip's line,
    /// or gpio-sim's pull on the kernel chip. A board with neither (real hardware) drives nothing: its inputs are
    /// real buttons.
    public func drive(_ name: String, high: Bool, at time: Instant) throws(GPIOError) {
        guard let line = file.resolve(name)?.line else { throw .lineNotFound(name: name, chipLabel: file.chipLabel) }
        if let simulatedChip {
            try simulatedChip.drive(line, high: high, at: time)
        } else {
            try simPull?.drive(line, high: high)
        }
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
