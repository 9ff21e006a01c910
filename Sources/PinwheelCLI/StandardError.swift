import Foundation

/// Writes `error: message` to standard error, where diagnostics go while standard output carries the run.
func reportError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}
