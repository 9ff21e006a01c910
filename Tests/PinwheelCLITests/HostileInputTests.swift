import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Input a careless or hostile user gives the program: each case ends in a message that says what, where and how
/// to fix it, and a non-zero exit; never a crash, a hang or a read without end. (Each of these failed before its
/// fix: a signal killed the run, /dev/zero was read until memory ran out, a FIFO blocked for ever, CRLF was refused.)
@Suite struct HostileInputTests {
    func expectFailure(
        _ arguments: [String], status: Int32, message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await PinwheelProcess.run(arguments, limit: .seconds(60))
        #expect(result.status == status, "stdout: \(result.output)\nstderr: \(result.error)", sourceLocation: sourceLocation)
        #expect(result.error.contains(message), "stderr was: \(result.error)", sourceLocation: sourceLocation)
        #expect(!result.output.contains("Running"), "nothing ran", sourceLocation: sourceLocation)
    }

    @Test func aStimulusSignalNoTaskHandlesIsRefusedWhereItIsWritten() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("usr1.stim").path
        try "at 1s signal USR1\n".write(toFile: path, atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "blinky", "--stimulus", path], status: 64, message: """
            error: \(path):1:14: SIGUSR1 is not handled: this run handles no signal, and a signal nobody handles would \
            end the run; send one it handles, or remove the statement
            """)
        let hup = directory.appendingPathComponent("hup.stim").path
        try "at 500ms signal HUP\n".write(toFile: hup, atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "signals", "--stimulus", hup], status: 64,
                                message: "error: \(hup):1:17: SIGHUP is not handled: this run handles only SIGUSR1")
    }

    @Test func aStimulusFileThatIsADeviceIsRefusedUnread() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("zero.stim").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        try await expectFailure(["flash", "button", "--stimulus", path], status: 64, message: """
            error: cannot read the stimulus file \(path): it is a character device, not a regular file; give the path \
            of a text file
            """)
    }

    @Test func aStimulusFileThatIsAFIFOIsRefusedWithoutWaiting() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pipe.stim").path
        #expect(mkfifo(path, 0o600) == 0)
        try await expectFailure(["flash", "button", "--stimulus", path], status: 64,
                                message: "error: cannot read the stimulus file \(path): it is a FIFO, not a regular file")
    }

    @Test func aBoardFileThatIsADeviceIsRefused() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("zero.board").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        try await expectFailure(["flash", "blinky", "--board", "zero", "--boards", directory.path], status: 64,
                                message: "error: cannot read \(path): it is a character device, not a regular file")
    }

    @Test func filesWithCRLFLineEndsAndNoFinalNewlineRunAsTheirLFForms() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let board = """
            name = tiny
            description = a board with a button and an LED
            driver = simulated
            chip = tiny-sim
            [header]
            1 = L0
            2 = L1
            [names]
            LED = pin 1
            BUTTON = pin 2
            """
        let stimulus = "# one press\nat 100ms press BUTTON for 40ms\nat 300ms press BUTTON for 40ms"
        var outputs: [String] = []
        for (form, end) in [("lf", "\n"), ("crlf", "\r\n")] {
            let boards = directory.appendingPathComponent(form)
            try FileManager.default.createDirectory(at: boards, withIntermediateDirectories: true)
            // No newline after the last line, in both forms.
            try board.replacingOccurrences(of: "\n", with: end)
                .write(to: boards.appendingPathComponent("tiny.board"), atomically: true, encoding: .utf8)
            let path = boards.appendingPathComponent("presses.stim").path
            try stimulus.replacingOccurrences(of: "\n", with: end).write(toFile: path, atomically: true, encoding: .utf8)
            let result = try await PinwheelProcess.run(
                ["flash", "button", "--board", "tiny", "--boards", boards.path, "--stimulus", path, "--duration", "1s"])
            #expect(result.status == 0, "\(form): \(result.error)")
            #expect(!result.output.contains("\r"), "\(form): no carriage return reaches the terminal")
            outputs.append(result.output.replacingOccurrences(of: boards.path, with: "BOARDS"))
        }
        #expect(outputs[0].contains("BUTTON: 4 edges received, 0 dropped"), "\(outputs[0])")
        #expect(outputs[0] == outputs[1], "CRLF and LF files give the same run")
    }
}
