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

            With --firmware, makes NAME/ as a firmware program for the emulated boards instead: its `demo` file, \
            Main.swift (the entry and the task table) and a task, which `pinwheel flash --firmware NAME --board \
            qemu-mps2-an386` (or qemu-raspi3b) builds with the core as Embedded Swift and boots in QEMU.
            """)

    @Argument(help: "The program's name: lowercase letters, digits and dashes, starting with a letter (crossing).")
    var name: String

    @Option(help: ArgumentHelp("Where to make the package (default: ./NAME).", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("Depend on the Pinwheel checkout at this path (default: the one this pinwheel was built from).", valueName: "path"))
    var pinwheelPath: String?

    @Option(help: ArgumentHelp("Depend on Pinwheel by this repository URL (branch main) instead of a path.", valueName: "url"))
    var pinwheelURL: String?

    @Flag(help: "Make a firmware program for the emulated boards (qemu-mps2-an386, qemu-raspi3b) instead of a package.")
    var firmware = false

    func run() throws {
        if firmware { return try makeFirmware() }
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

    func makeFirmware() throws {
        do {
            let template = try FirmwareTemplate(name: name, directory: directory ?? name)
            try template.write()
            print("made \(template.directory)/ for the firmware program \(template.name):")
            for file in template.files { print("  \(file.path)") }
            print("next: pinwheel flash --firmware \(template.directory) --board qemu-mps2-an386    # or --board qemu-raspi3b")
        } catch {
            reportError(error.description)
            throw ExitCode(error.exitCode)
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
