import Foundation
import PinwheelGPIO
import PinwheelText

/// Writes `error: message` to standard error, where diagnostics go while standard output carries the run. Control
/// characters in it (which may come from a file or an argument) are shown as escapes.
func reportError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message.shown)\n".utf8))
}

/// Prints a line to standard output with control characters shown as escapes (``Swift/String/shown``).
func show(_ line: String) {
    print(line.shown)
}
