import ArgumentParser
import Foundation

/// `pinwheel new NAME`: a package for a program of one's own, which builds, runs and passes its test the first
/// time, on the simulated board, in virtual time.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Make a package for a program of your own: the program, a stimulus, a test and a README.",
        discussion: """
            Makes NAME/ (or --directory) with Package.swift (Pinwheel as a dependency: by path, or by --pinwheel-url), \
            Sources/NAME/NAME.swift (a Program: its lines, its task; `@main` gives it the whole `flash` command \
            line), NAME.stim (a stimulus file), Tests/NAMETests (its behaviour in virtual time, with PinwheelTesting) \
            and a README with its two commands: `swift run NAME` and `swift test`. The board files are Pinwheel's \
            own, found through the dependency; --boards DIR uses a copy of your own.
            """)

    @Argument(help: "The program's name: lowercase letters, digits and dashes, starting with a letter (crossing).")
    var name: String

    @Option(help: ArgumentHelp("Where to make the package (default: ./NAME).", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("Depend on the Pinwheel checkout at this path (default: the one this pinwheel was built from).", valueName: "path"))
    var pinwheelPath: String?

    @Option(help: ArgumentHelp("Depend on Pinwheel by this repository URL (branch main) instead of a path.", valueName: "url"))
    var pinwheelURL: String?

    func run() throws {
        let made: Result<PackageTemplate, PackageTemplate.Problem> = Result { () throws(PackageTemplate.Problem) in
            let template = try PackageTemplate(name: name, dependency: try dependency(), directory: directory ?? name)
            try template.write()
            return template
        }
        switch made {
        case .failure(let problem):
            reportError(problem.description)
            throw ExitCode(problem.exitCode)
        case .success(let template):
            print("made \(template.directory)/ for the program \(template.name):")
            for file in template.files { print("  \(file.path)") }
            print("next: cd \(template.directory) && swift run \(template.name)    # flash it onto the simulated board")
            print("      swift test    # its behaviour, in virtual time")
        }
    }

    func dependency() throws(PackageTemplate.Problem) -> PackageTemplate.Dependency {
        if let pinwheelURL { return .url(pinwheelURL) }
        let path = pinwheelPath ?? PackageTemplate.checkout
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: absolute + "/Package.swift") else {
            throw .notACheckout(absolute)
        }
        return .path(absolute)
    }
}
