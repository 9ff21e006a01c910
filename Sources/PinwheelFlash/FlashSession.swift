import PinwheelBoards
import PinwheelDemos
import PinwheelProgram

/// Flashes a demo onto a board and runs it: `pinwheel flash` without the command line. The board file says which
/// backend does the work: a Linux board runs the demo in this process (`LinuxBackend`), an emulated one builds
/// a firmware image and boots it in QEMU (`QEMUBackend`).
public enum FlashSession {
    /// Flashes and runs the program `options.program` names, one of `programs` (the built-in demos by default),
    /// writing to `console`. Throws for anything that stops it from starting.
    public static func flash(
        _ options: FlashOptions, programs: [any Program.Type] = DemoCatalog.all, console: Console
    ) throws(FlashError) -> FlashOutcome {
        let program = programs.first { $0.name == options.program }
        if let duration = options.duration, duration > FlashOptions.durationLimit { throw .durationTooLong(duration) }
        let catalog: BoardCatalog
        let file: BoardFile
        do throws(BoardError) {
            catalog = if let directory = options.boardsDirectory { try BoardCatalog.open(directory) } else { try BoardCatalog.locate() }
            file = try catalog.load(options.board)
        } catch {
            if case .unknownBoard = error, program == nil {
                throw .unknownDemo(options.program, available: programs.map { $0.name })
            }
            throw .board(error)
        }
        switch file.driver {
        case .qemu: return try QEMUBackend.flash(options, board: file, boardsDirectory: catalog.directory, console: console)
        case .simulated, .libgpiod:
            if options.firmwareDirectory != nil {
                throw .firmwareNeedsEmulatedBoard(board: file.name, available: catalog.boardNames.filter { (try? catalog.load($0))?.emulation != nil })
            }
            guard let program else { throw .unknownDemo(options.program, available: programs.map { $0.name }) }
            return try flash(options, program: program, board: file, console: console)
        }
    }

    /// Opens the program's type: the Linux backend is generic over it (its table's size is the type's).
    static func flash<P: Program>(_ options: FlashOptions, program: P.Type, board: BoardFile, console: Console) throws(FlashError) -> FlashOutcome {
        let (program, undeclared) = ProgramDeclaration.make(P.self)
        guard undeclared.isEmpty else { throw .undeclaredHandles(program: P.name, names: undeclared) }
        return try LinuxBackend.flash(options, program: program, board: board, console: console)
    }

    /// How a run's end is named in JSON output.
    static func describe(_ reason: StopReason?) -> String {
        switch reason {
        case .programEnded: "program ended"
        case .duration: "duration"
        case .quit: "quit"
        case .endOfInput: "end of input"
        case .signal(let signo): "signal \(signo)"
        case .pollLimit: "poll limit"
        case .outputFailed: "output failed"
        case .fault: "program fault"
        case nil: "stopped"
        }
    }
}

import PinwheelDemos
import PinwheelProgram
