import PinwheelBoards

/// Flashes a demo onto a board and runs it: `pinwheel flash` without the command line. The board file says which
/// backend does the work: a Linux board runs the demo in this process (`LinuxBackend`), an emulated one builds
/// a firmware image and boots it in QEMU (`QEMUBackend`).
public enum FlashSession {
    /// Flashes and runs `options.demo`, writing to `console`. Throws for anything that stops it from starting.
    public static func flash(_ options: FlashOptions, console: Console) throws(FlashError) -> FlashOutcome {
        if let duration = options.duration, duration > FlashOptions.durationLimit { throw .durationTooLong(duration) }
        let catalog: BoardCatalog
        let file: BoardFile
        do throws(BoardError) {
            catalog = if let directory = options.boardsDirectory { try BoardCatalog.open(directory) } else { try BoardCatalog.locate() }
            file = try catalog.load(options.board)
        } catch {
            if case .unknownBoard = error, DemoCatalog.named(options.demo) == nil {
                throw .unknownDemo(options.demo, available: DemoCatalog.all.map(\.name))
            }
            throw .board(error)
        }
        switch file.driver {
        case .qemu: return try QEMUBackend.flash(options, board: file, boardsDirectory: catalog.directory, console: console)
        case .simulated, .libgpiod: return try LinuxBackend.flash(options, board: file, console: console)
        }
    }

    /// How a run's end is named in JSON output.
    static func describe(_ reason: StopReason?) -> String {
        switch reason {
        case .demoEnded: "demo ended"
        case .duration: "duration"
        case .quit: "quit"
        case .endOfInput: "end of input"
        case .signal(let signo): "signal \(signo)"
        case .pollLimit: "poll limit"
        case nil: "stopped"
        }
    }
}

import PinwheelDemos
