import Pinwheel
import PinwheelBoards
import PinwheelGPIO
import PinwheelLinux
import PinwheelProgram
import PinwheelText
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Why a demo could not be flashed or run: what, where, and how to fix it. Each has the exit status
/// `pinwheel flash` ends with.
public enum FlashError: Error, CustomStringConvertible {
    /// No demo has that name.
    case unknownDemo(String, available: [String])
    /// The board could not be found or loaded (unknown, unreadable, malformed).
    case board(BoardError)
    /// The board does not name lines the demo needs.
    case missingLines(demo: String, board: String, missing: [String], available: [String])
    /// The board's chip or lines are not available on this machine (absent, busy, no permission, no libgpiod).
    case unavailable(BoardError)
    /// The stimulus file could not be read.
    case stimulusUnreadable(TextFile.ReadError)
    /// The stimulus file has a mistake.
    case stimulus(ParseError)
    /// The stimulus drives a line the board does not name.
    case stimulusUnknownLine(path: String, line: String, board: String, available: [String])
    /// A stimulus was given for a board whose lines cannot be driven from here.
    case stimulusNeedsSimulatedLines(board: String)
    /// The VCD file could not be created.
    case vcdUnwritable(path: String, errno: Errno)
    /// Interactive mode needs a terminal on standard input and output.
    case interactiveNeedsTerminal
    /// Interactive mode drives the simulated board's inputs.
    case interactiveNeedsSimulatedBoard(board: String)
    /// The platform could not be set up.
    case platform(LinuxPlatformError)
    /// A line could not be bound as an interrupt.
    case gpio(GPIOError)
    /// The firmware for an emulated board could not be built or booted.
    case firmware(FirmwareError)
    /// An option that works on Linux boards only was given for an emulated board.
    case notForEmulatedBoard(option: String, board: String)
    /// `--firmware DIR` was given for a board that runs programs on Linux, not firmware.
    case firmwareNeedsEmulatedBoard(board: String, available: [String])
    /// Output could not be written: the file at `path` (the VCD), or standard output when `path` is nil.
    case outputUnwritable(path: String?, errno: Errno)
    /// `--duration` is longer than ``FlashOptions/durationLimit``.
    case durationTooLong(Pinwheel.Duration)
    /// The program's `Slots` (<doc:/documentation/PinwheelProgram/Program/Slots>) is more than one ready word holds.
    case tableTooLarge(slots: Int, most: Int)
    /// The program's tasks and the session's own do not fit its table.
    case tableTooSmall(program: String, slots: Int, needed: Int)
    /// The program declares a line or signal name twice.
    case declaredTwice(program: String, names: [String])
    /// The program declares a signal that cannot be an interrupt here.
    case unknownSignal(program: String, name: String, available: [String])
    /// The program's value made handles its declaration does not hold (kept in a class, say): found before anything
    /// is requested.
    case undeclaredHandles(program: String, names: [String])
    /// The program used a handle it did not declare, found while it ran (the run stopped).
    case program(ProgramFault)

    /// The exit status: 64 for bad input, 69 when the board is not available here, 74 when output could not be
    /// written, 1 for anything else.
    public var exitCode: Int32 {
        switch self {
        case .unavailable: 69
        case .outputUnwritable: 74
        case .platform, .gpio: 1
        case .firmware(let error): error.exitCode
        default: 64
        }
    }

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .tableTooLarge(let slots, let most):
            "a task table of \(slots) slots is more than one ready word holds (\(most)): give the program `typealias Slots = TaskSlots<\(most)>` or fewer"
        case .tableTooSmall(let program, let slots, let needed):
            "program \"\(program)\" has \(slots) task slot(s) but this run needs \(needed) (its tasks and the session's stimulus, keys and supervisor): give it `typealias Slots = TaskSlots<\(needed)>`"
        case .undeclaredHandles(let program, let names):
            "program \"\(program)\" makes handles for \(names.joined(separator: ", ")) that it does not declare, so nothing would request them: keep each handle in a stored property of the program (or in a struct or array of them), not in a class or a lazy property"
        case .declaredTwice(let program, let names):
            "program \"\(program)\" declares \(names.joined(separator: ", ")) more than once: each line and signal is one stored property"
        case .unknownSignal(let program, let name, let available):
            "program \"\(program)\" declares the signal \(name), which is not one a run can bind: use one of \(available.joined(separator: ", "))"
        case .program(let fault):
            fault.description
        case .unknownDemo(let name, let available):
            "unknown demo \"\(name)\": the demos are \(available.joined(separator: ", ")) (see `pinwheel demos`)"
        case .board(let error), .unavailable(let error):
            error.description
        case .missingLines(let demo, let board, let missing, let available):
            "demo \"\(demo)\" needs \(missing.joined(separator: ", ")), which board \"\(board)\" does not name "
                + "(it names \(available.joined(separator: ", "))): add them under [names] in \(board).board, "
                + "or flash a demo that uses those lines (`pinwheel demos` lists each demo's lines)"
        case .stimulusUnreadable(let error):
            "cannot read the stimulus file \(error.path): \(error.why)"
        case .stimulus(let error):
            error.description
        case .stimulusUnknownLine(let path, let line, let board, let available):
            "\(path): the stimulus drives \(line), which board \"\(board)\" does not name "
                + "(it names \(available.joined(separator: ", ")))"
        case .stimulusNeedsSimulatedLines(let board):
            "board \"\(board)\" has real lines that a stimulus cannot drive: use --board sim, or gpio-sim with "
                + "PINWHEEL_GPIO_SIM_SYSFS set to the chip's sysfs directory"
        case .vcdUnwritable(let path, let errno):
            "cannot write the VCD file \(path): \(errno); choose a path in a writable directory"
        case .interactiveNeedsTerminal:
            "--interactive needs a terminal on standard input and output; run it in a terminal, or give a --stimulus file instead"
        case .interactiveNeedsSimulatedBoard(let board):
            "--interactive presses the simulated board's buttons, but board \"\(board)\" has real lines: use --board sim"
        case .platform(let error):
            error.description
        case .gpio(let error):
            error.description
        case .firmware(let error):
            error.description
        case .outputUnwritable(let path?, let errno):
            "cannot write the VCD file \(path): \(errno); the waveform was not saved"
        case .outputUnwritable(nil, let errno):
            "cannot write to standard output: \(errno); the run was stopped and its output is incomplete"
        case .durationTooLong(let duration):
            "--duration \(duration.nanoseconds / 1_000_000_000)s is longer than the limit of "
                + "\(FlashOptions.durationLimit.nanoseconds / 1_000_000_000)s (366 days); give a shorter one, or none to run "
                + "until the program ends or Ctrl-C"
        case .notForEmulatedBoard(let option, let board):
            "\(option) works on Linux boards only; board \"\(board)\" is emulated in QEMU, where the firmware's own UART "
                + "log is the output: leave \(option) out, or use --board sim"
        case .firmwareNeedsEmulatedBoard(let board, let available):
            "--firmware builds a firmware image for an emulated board; board \"\(board)\" runs programs on Linux: give "
                + "--board " + (available.isEmpty ? "qemu-mps2-an386" : available.joined(separator: " or --board "))
        }
    }
}
