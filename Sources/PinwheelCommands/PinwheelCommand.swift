import ArgumentParser
import Foundation
import PinwheelGPIO
import PinwheelProgram
import PinwheelText

/// `pinwheel`: flash demo profiles onto a board and watch them run. The `pinwheel` executable runs it; the
/// command-line fuzzer parses with it.
public struct PinwheelCommand: ParsableCommand {
    /// The command's name, help and subcommands: `pinwheel`'s, or a user's executable's (named as it is run, with
    /// `flash` as the default subcommand, so that the executable alone flashes its first program).
    public static var configuration: CommandConfiguration {
        if ProgramList.builtIn {
            return CommandConfiguration(
                commandName: "pinwheel",
                abstract: "Flash demo profiles onto a board and run them on Pinwheel's interrupt-driven executor.",
                discussion: """
                    Start with `pinwheel flash` (the blinky demo on the simulated board, in virtual time). \
                    `pinwheel demos` and `pinwheel boards` list what can be flashed where. `pinwheel new NAME` makes \
                    a package for a program of your own.
                    """,
                subcommands: [FlashCommand.self, DemosCommand.self, BoardsCommand.self, NewCommand.self],
                defaultSubcommand: nil)
        }
        let name = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? ProgramList.defaultName
        return CommandConfiguration(
            commandName: name,
            abstract: "Flash \(ProgramList.programs.map { $0.name }.joined(separator: ", ")) onto a board and run it on Pinwheel.",
            discussion: "With no subcommand, `flash`: the program \(ProgramList.defaultName) on the simulated board, in virtual time.",
            subcommands: [FlashCommand.self, DemosCommand.self, BoardsCommand.self],
            defaultSubcommand: FlashCommand.self)
    }

    /// The root command (it only dispatches to a subcommand).
    public init() {}
}

extension PinwheelCommand {
    /// The whole `flash` command line for `programs`: what a user's executable's `main` calls (the first program is
    /// the default). `pinwheel` itself is this over the built-in demos.
    public static func main(programs: [any Program.Type]) -> Never {
        precondition(!programs.isEmpty, "give PinwheelCommand.main at least one program")
        ProgramList.programs = programs
        ProgramList.defaultName = programs[0].name
        ProgramList.builtIn = false
        runShowingEscapedText()
    }

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
