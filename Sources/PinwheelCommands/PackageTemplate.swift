import Foundation

/// The files `pinwheel new` writes: a package with one program, its stimulus, its test and its README.
struct PackageTemplate {
    /// How the package depends on Pinwheel.
    enum Dependency {
        case path(String)
        case url(String)

        /// The package identity SwiftPM gives it (a path's last component; a URL's name without `.git`).
        var identity: String {
            let last: String = switch self {
            case .path(let path): URL(fileURLWithPath: path).lastPathComponent
            case .url(let url): URL(string: url)?.deletingPathExtension().lastPathComponent ?? "pinwheel"
            }
            return last.lowercased()
        }

        var manifest: String {
            switch self {
            case .path(let path): ".package(path: \(Self.quoted(path)))"
            case .url(let url): ".package(url: \(Self.quoted(url)), branch: \"main\")"
            }
        }

        static func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    /// Why a package could not be made.
    enum Problem: Error, CustomStringConvertible {
        case badName(String)
        case exists(String)
        case notACheckout(String)
        case unwritable(String, String)

        var description: String {
            switch self {
            case .badName(let name):
                "cannot name a program \"\(name)\": use lowercase letters, digits and dashes, starting with a letter (crossing, door-bell)"
            case .exists(let path):
                "\(path) already exists: choose another name or --directory"
            case .notACheckout(let path):
                "\(path) is not a Pinwheel checkout (it has no Package.swift): give --pinwheel-path PATH or --pinwheel-url URL"
            case .unwritable(let path, let why):
                "cannot write \(path): \(why)"
            }
        }

        var exitCode: Int32 {
            if case .unwritable = self { return 74 }
            return 64
        }
    }

    /// The checkout this module was built from: `Sources/PinwheelCommands/` two levels up.
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    let name: String
    let directory: String
    let dependency: Dependency
    /// The program's type: the name in upper camel case (`door-bell` → `DoorBell`).
    let typeName: String
    /// The executable target's module name (`door-bell` → `door_bell`).
    let moduleName: String

    init(name: String, dependency: Dependency, directory: String) throws(Problem) {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), allowed, !name.hasSuffix("-"), name.count <= 40 else {
            throw .badName(name)
        }
        self.name = name
        self.directory = directory
        self.dependency = dependency
        typeName = name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        moduleName = name.replacingOccurrences(of: "-", with: "_")
    }

    /// Writes every file; refuses a directory that exists.
    func write() throws(Problem) {
        try Self.write(files, into: directory)
    }

    /// Writes `files` (by path in `directory`); refuses a directory that exists.
    static func write(_ files: [(path: String, text: String)], into directory: String) throws(Problem) {
        guard !FileManager.default.fileExists(atPath: directory) else { throw .exists(directory) }
        for file in files {
            let path = directory + "/" + file.path
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw .unwritable(path, error.localizedDescription)
            }
        }
    }

    /// The files, by path in the package.
    var files: [(path: String, text: String)] {
        [
            ("Package.swift", manifest), ("Sources/\(name)/\(typeName).swift", program), ("\(name).stim", stimulus),
            ("Tests/\(name)Tests/\(typeName)Tests.swift", test), ("README.md", readme), (".gitignore", ".build/\nPackage.resolved\n"),
        ]
    }

    var manifest: String {
        """
        // swift-tools-version: 6.2
        import PackageDescription

        let package = Package(
            name: "\(name)",
            dependencies: [
                \(dependency.manifest),
            ],
            targets: [
                // The program: `@main` gives it Pinwheel's whole `flash` command line.
                .executableTarget(name: "\(name)", dependencies: [.product(name: "PinwheelApp", package: "\(dependency.identity)")]),
                // Its behaviour, run in process on the simulated board in virtual time.
                .testTarget(
                    name: "\(name)Tests",
                    dependencies: ["\(name)", .product(name: "PinwheelTesting", package: "\(dependency.identity)")]),
            ],
            swiftLanguageModes: [.v6]
        )

        """
    }

    var program: String {
        """
        import PinwheelApp

        /// \(name): LED follows BUTTON. Each edge is an interrupt that wakes the task; the task copies the level.
        @main
        struct \(typeName): Program {
            static let name = "\(name)"
            static let summary = "LED follows BUTTON through an edge interrupt"
            static let guide = "Press BUTTON: its edge wakes the task, which copies the level to LED."
            /// Played on the simulated board when no --stimulus is given.
            static let stimulus = "at 500ms press BUTTON for 300ms"
            /// How long a run in virtual time lasts.
            static let runLength: Duration? = .seconds(2)

            // The lines, declared once: checked against the board before anything is requested.
            let button = InputLine("BUTTON", edges: .both, bias: .pullDown, purpose: "edges wake the task")
            let led = OutputLine("LED", purpose: "follows the button")

            func main(_ task: TaskEnvironment) async {
                var presses = 0
                task.atStop { task.log("\\(presses) press(es)") }
                task.log("waiting for BUTTON")
                while true {
                    let report = await button.edge()
                    let pressed = report.event.edge == .rising
                    led.set(pressed)
                    if pressed { presses += 1 }
                    task.log(pressed ? "BUTTON pressed: LED on" : "BUTTON released: LED off")
                }
            }
        }

        """
    }

    var stimulus: String {
        """
        # \(name).stim: swift run \(name) flash --stimulus \(name).stim
        # One statement per line: at TIME press LINE for TIME; every PERIOD pulse LINE for TIME N times; …
        at 200ms press BUTTON for 100ms
        at 1s press BUTTON for 400ms

        """
    }

    var test: String {
        """
        import PinwheelTesting
        import Testing
        @testable import \(moduleName)

        @Test func ledFollowsTheButton() throws {
            let run = try ProgramTest.run(\(typeName).self)
            // The built-in stimulus presses BUTTON at 500 ms for 300 ms.
            #expect(run.changes(of: "LED") == [.high(at: .milliseconds(500)), .low(at: .milliseconds(800))])
            #expect(run.logged("BUTTON pressed: LED on", at: .milliseconds(500)))
            #expect(run.exitCode == 0)
        }

        @Test func twoPressesAreCounted() throws {
            let run = try ProgramTest.run(\(typeName).self, stimulus: "at 100ms press BUTTON for 50ms\\nat 1s press BUTTON for 50ms")
            #expect(run.messages().last == "2 press(es)")
        }

        /// After start-up (every task at its first await) the executor's thread allocates nothing: each edge, wake,
        /// poll and log record reuses storage taken at start-up.
        @Test(.enabled(if: ProgramTest.countsAllocations)) func nothingAllocatesAfterStartUp() throws {
            _ = try ProgramTest.run(\(typeName).self)  // the Swift runtime's one-time work, done by a first run
            let run = try ProgramTest.run(\(typeName).self)
            #expect(run.allocationsAfterStartUp == 0)
        }

        """
    }

    var readme: String {
        """
        # \(name)

        A program on [Pinwheel](\(dependencyLink)), the interrupt-driven async executor.

        ```sh
        swift run \(name)        # flash it onto the simulated board: its memory map, then 2 s of virtual time
        swift test               # its behaviour, run in process in virtual time
        ```

        `swift run \(name) flash --help` lists the rest: `--board gpio-sim` or `--board rpi5` (a Raspberry Pi 5's
        header: the board file maps BUTTON and LED to pins), `--stimulus \(name).stim`, `--trace` (every wake and
        poll), `--vcd run.vcd` (a waveform), `--interactive` (keys press BUTTON), `--json`. The board files are
        Pinwheel's own (`swift run \(name) boards` lists them); `--boards DIR` reads your own.

        The program is `Sources/\(name)/\(typeName).swift`: its lines are its stored properties, its task is `main`.

        """
    }

    private var dependencyLink: String {
        switch dependency {
        case .path(let path): path
        case .url(let url): url
        }
    }
}
