import ArgumentParser

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
