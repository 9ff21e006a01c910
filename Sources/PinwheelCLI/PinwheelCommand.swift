import ArgumentParser

/// `pinwheel`: flash demo profiles onto a board and watch them run.
@main
struct PinwheelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pinwheel",
        abstract: "Flash demo profiles onto a board and run them on Pinwheel's interrupt-driven executor.",
        discussion: """
            Start with `pinwheel flash` (the blinky demo on the simulated board, in virtual time). \
            `pinwheel demos` and `pinwheel boards` list what can be flashed where.
            """,
        subcommands: [FlashCommand.self, DemosCommand.self, BoardsCommand.self],
        defaultSubcommand: nil)
}
