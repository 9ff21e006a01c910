import PinwheelGPIO
import PinwheelText
import SystemPackage

/// Why a board could not be found, loaded or started: what failed, where, and how to fix it.
public enum BoardError: Error, Equatable, CustomStringConvertible {
    /// No boards/ directory was found.
    case noBoardsDirectory(searched: [String])
    /// The boards directory given (`--boards`, `PINWHEEL_BOARDS`) cannot be read: the system's error.
    case boardsDirectoryUnreadable(path: String, errno: Errno)
    /// No board file has that name.
    case unknownBoard(name: String, available: [String], directory: String)
    /// A board file could not be read.
    case unreadable(TextFile.ReadError)
    /// A board file has a mistake.
    case invalidFile(BoardFileError)
    /// The board does not define that logical name.
    case unknownName(String, board: String, available: [String])
    /// The board's chip could not be opened on this machine.
    case chip(GPIOError, board: String)
    /// The board is emulated (driver `qemu`): its lines live in QEMU, not on a chip this process can open.
    case emulated(board: String)
    /// One of the board's lines could not be found or requested on this machine.
    case line(GPIOError, name: String, line: String, pin: Int?, board: String)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .noBoardsDirectory(let searched):
            "no boards/ directory found (looked in \(searched.joined(separator: ", "))): set PINWHEEL_BOARDS to the "
                + "directory that holds the .board files"
        case .boardsDirectoryUnreadable(let path, let errno):
            "cannot read the boards directory \(path): \(errno); give --boards (or "
                + "PINWHEEL_BOARDS) a directory that holds .board files"
        case .unknownBoard(let name, let available, let directory):
            "unknown board \"\(name)\": \(directory) has "
                + (available.isEmpty ? "no board files" : available.joined(separator: ", "))
                + "; pick one of those, or add \(name).board there"
        case .unreadable(let error):
            "cannot read \(error.path): \(error.why)"
        case .invalidFile(let error):
            error.description
        case .unknownName(let name, let board, let available):
            "board \"\(board)\" has no line called \(name) (it names \(available.joined(separator: ", "))): "
                + "add `\(name) = pin N` under [names] in \(board).board, or use one of those"
        case .chip(let error, let board):
            "board \"\(board)\": \(error.description)"
        case .emulated(let board):
            "board \"\(board)\" is emulated in QEMU: its lines are the firmware's, not a GPIO chip on this machine "
                + "(flash a firmware demo onto it with `pinwheel flash DEMO --board \(board)`)"
        case .line(let error, let name, let line, let pin, let board):
            "board \"\(board)\" maps \(name) to line \(line)" + (pin.map { " (header pin \($0))" } ?? "")
                + ", but \(error.description)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
