import Subprocess
import SystemPackage
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A program run from a test: arguments, exit status, standard output and error, under a deadline.
///
/// Built on swift-subprocess, which watches the child through a pidfd. Foundation's `Process` learns of an exit
/// when a socket inherited by the child reaches end-of-file, so a daemon the child leaves behind (the tmux server
/// that `tmux new-session -d` starts) holds the wait open for as long as it lives; that hung a CI run.
enum ChildProcess {
    /// What a finished child left.
    struct Result {
        /// The exit status, or 128 + the signal that ended it (as a shell reports it).
        let status: Int32
        /// Whether it ended by exiting rather than by a signal.
        let exited: Bool
        let output: String
        let error: String
    }

    /// Runs `executable arguments…` with standard input from /dev/null and collects what it writes.
    ///
    /// - Parameters:
    ///   - signal: sent once standard output contains `after` (for example Ctrl-C, once a run is under way).
    ///   - signals: more of them, each sent in turn once the output contains its `after`, after `signal`.
    ///   - limit: a watchdog, not a timing: a child still running then is killed and the test fails, rather than
    ///     the suite hanging.
    static func run(
        _ executable: Executable, _ arguments: [String], environment: [String: String] = [:],
        in directory: String? = nil, signal: (after: String, signal: Subprocess.Signal)? = nil,
        signals: [(after: String, signal: Subprocess.Signal)] = [], limit: Duration = .seconds(120)
    ) async throws -> Result {
        let updates = Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) })
        let run = try await Subprocess.run(
            executable, arguments: Arguments(arguments), environment: .inherit.updating(updates),
            workingDirectory: directory.map { FilePath($0) }, input: .none, output: .sequence, error: .sequence
        ) { execution in
            let watchdog = Task {
                try await Task.sleep(for: limit)
                try? execution.send(signal: .kill)
            }
            defer { watchdog.cancel() }
            async let error = bytes(of: execution.standardError)
            var output: [UInt8] = []
            var queue = (signal.map { [$0] } ?? []) + signals
            for try await buffer in execution.standardOutput {
                buffer.withUnsafeBytes { output.append(contentsOf: $0) }
                while let pending = queue.first, String(decoding: output, as: UTF8.self).contains(pending.after) {
                    try execution.send(signal: pending.signal)
                    queue.removeFirst()
                }
            }
            if let pending = queue.first {
                Issue.record("\(arguments.joined(separator: " ")): the output never said \"\(pending.after)\"")
            }
            return (output, try await error)
        }
        let (output, error) = run.closureResult
        let (status, exited): (Int32, Bool) = switch run.terminationStatus {
        case .exited(let code): (code, true)
        case .signaled(let signal): (128 + signal, false)
        }
        let result = Result(status: status, exited: exited, output: text(output), error: text(error))
        // Nothing but the watchdog sends SIGKILL.
        if !result.exited && result.status == 128 + SIGKILL {
            Issue.record("\(arguments.joined(separator: " ")) was still running after \(limit) and was killed")
        }
        return result
    }

    private static func bytes(of sequence: SubprocessOutputSequence) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in sequence { buffer.withUnsafeBytes { bytes.append(contentsOf: $0) } }
        return bytes
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
