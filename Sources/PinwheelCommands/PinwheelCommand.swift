import ArgumentParser
import Foundation
import PinwheelGPIO
import PinwheelText

/// `pinwheel`: flash demo profiles onto a board and watch them run. The `pinwheel` executable runs it; the
/// command-line fuzzer parses with it.
public struct PinwheelCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "pinwheel",
        abstract: "Flash demo profiles onto a board and run them on Pinwheel's interrupt-driven executor.",
        discussion: """
            Start with `pinwheel flash` (the blinky demo on the simulated board, in virtual time). \
            `pinwheel demos` and `pinwheel boards` list what can be flashed where.
            """,
        subcommands: [FlashCommand.self, DemosCommand.self, BoardsCommand.self],
        defaultSubcommand: nil)

    /// The root command (it only dispatches to a subcommand).
    public init() {}
}

extension PinwheelCommand {
    /// Parses the process's arguments and runs the command, as `main()` does, but shows every message with control
    /// characters escaped (``Swift/String/shown``): an unknown option is echoed back in the error, and it may hold
    /// a terminal escape sequence.
    public static func runShowingEscapedText() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    print(message.shown)
                } else {
                    FileHandle.standardError.write(Data((message.shown + "\n").utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
