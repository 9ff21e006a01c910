import Foundation
import Subprocess
import SystemPackage

/// The built `pinwheel` executable, run as a user runs it: arguments, exit status, standard output and error.
struct PinwheelProcess {
    /// The package's root, where boards/ is.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable next to the test bundle (`swift build` builds it with the tests).
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("pinwheel")
    }

    /// Runs `pinwheel arguments…` in the package root with standard input from /dev/null; `signal`, then each of
    /// `signals`, is sent once the output contains its text.
    static func run(
        _ arguments: [String], environment: [String: String] = [:],
        signal: (after: String, signal: Subprocess.Signal)? = nil, signals: [(after: String, signal: Subprocess.Signal)] = [],
        limit: Duration = .seconds(120)
    ) async throws -> ChildProcess.Result {
        try await ChildProcess.run(
            .path(FilePath(executable.path)), arguments, environment: environment, in: packageRoot.path, signal: signal,
            signals: signals, limit: limit)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pinwheel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
