import Foundation
import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelGPIO
import PinwheelText
import SystemPackage

/// Where a flashing session writes: text for people (a progress display and a live status line on a terminal,
/// plain lines when piped) or JSON lines for programs. Tests give it a closure instead of standard output.
public final class Console {
    /// Writes a chunk of output.
    public typealias Writer = (String) -> Void

    /// Whether output is JSON lines.
    public let json: Bool
    /// Whether output goes to a terminal: progress redraws in place, and the interactive status line is drawn.
    public let isTerminal: Bool
    private var write: Writer
    /// The `errno` of the first write to standard output that failed (a full disk, a closed pipe); later output is
    /// skipped. Nil for a console given its own writer.
    public private(set) var writeFailure: Errno?
    /// Called once, when a write first fails (the run stops: nobody can see it).
    public var writeFailed: (() -> Void)?
    /// Whether debug records are shown (with --trace).
    public var showsDebug = false
    private var statusLine: String?
    private var progressShown = false

    /// A console writing with `write`.
    public init(json: Bool, isTerminal: Bool, write: @escaping Writer) {
        self.json = json
        self.isTerminal = isTerminal && !json
        self.write = write
    }

    /// Standard output, written through at each line. A failed write (ENOSPC, EPIPE: SIGPIPE is ignored, so a
    /// closed pipe is an error rather than a death) is kept in ``writeFailure`` and ends further output.
    public static func standardOutput(json: Bool) -> Console {
        signal(SIGPIPE, SIG_IGN)
        let console = Console(json: json, isTerminal: isatty(STDOUT_FILENO) == 1) { _ in }
        console.write = { [unowned console] text in
            guard console.writeFailure == nil else { return }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    console.writeFailure = written < 0 ? Errno(rawValue: errno) : .ioError
                    console.writeFailed?()
                    return
                }
                bytes = bytes.dropFirst(written)
            }
        }
        return console
    }

    // MARK: Text

    /// A line of text (or, in JSON mode, `{"type": type, …fields, "text": text}`).
    public func line(_ text: String, type: String = "info", fields: [String: Any] = [:]) {
        if json {
            var object = fields
            object["type"] = type
            object["text"] = text
            emit(object)
        } else {
            emitText(text)
        }
    }

    /// One step of programming, `index` of `total`: redrawn in place as a progress bar on a terminal, one line
    /// per step otherwise.
    public func progress(_ index: Int, of total: Int, _ label: String) {
        if json { return emit(["type": "progress", "step": index, "of": total, "text": label]) }
        guard isTerminal else { return write("  [\(index)/\(total)] \(label.shown)\n") }
        let width = 20
        let filled = width * index / total
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        write("\r\u{1B}[K  Programming [\(bar)] \(index)/\(total) \(label.shown)")
        progressShown = true
        if index == total {
            write("\n")
            progressShown = false
        }
    }

    /// A log record.
    public func log(_ record: ProgramLog.Record) {
        if record.level == .debug, !showsDebug { return }
        if json {
            return emit([
                "type": "log", "time_ns": record.time.nanoseconds, "level": record.level.rawValue, "task": record.task,
                "message": record.message,
            ])
        }
        emitText(record.formatted)
    }

    /// A trace event: a wake or a poll.
    public func trace(time: Duration, kind: String, task: String, slot: Int, detail: String) {
        if json {
            return emit(["type": kind, "time_ns": time.nanoseconds, "task": task, "slot": slot, "detail": detail])
        }
        let label = task.rightPadded(10)
        emitText("[\(formatSeconds(time).leftPadded(11))] \(kind == "wake" ? "WAKE " : "POLL ") \(label) \(detail)")
    }

    /// A JSON object, one per line.
    public func emit(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8)
        else { return }
        write(text + "\n")
    }

    // MARK: The live status line (interactive mode)

    /// Shows `text` on the terminal's last line, under the log; nil removes it.
    public func setStatus(_ text: String?) {
        guard isTerminal else { return }
        statusLine = text
        write("\r\u{1B}[K" + (text ?? ""))
    }

    private func emitText(_ text: String) {
        let text = text.shown
        if progressShown {
            write("\n")
            progressShown = false
        }
        guard isTerminal, let status = statusLine else { return write(text + "\n") }
        write("\r\u{1B}[K" + text + "\n" + status)
    }
}
