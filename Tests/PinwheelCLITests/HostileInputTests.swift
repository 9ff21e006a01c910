import Foundation
import Subprocess
import SystemPackage
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Input a careless or hostile user gives the program: each case ends in a message that says what, where and how
/// to fix it, and a non-zero exit; never a crash, a hang or a read without end. (Each of these failed before its
/// fix: a signal killed the run, /dev/zero was read until memory ran out, a FIFO blocked for ever, CRLF was refused.)
@Suite struct HostileInputTests {
    func expectFailure(
        _ arguments: [String], status: Int32, message: String, ran: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await PinwheelProcess.run(arguments, limit: .seconds(60))
        #expect(result.status == status, "stdout: \(result.output)\nstderr: \(result.error)", sourceLocation: sourceLocation)
        #expect(result.error.contains(message), "stderr was: \(result.error)", sourceLocation: sourceLocation)
        #expect(result.output.contains("Running") == ran, ran ? "it ran" : "nothing ran", sourceLocation: sourceLocation)
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

    @Test func devNullIsTheEmptyStimulus() async throws {
        // The one device accepted: `--stimulus /dev/null` is the idiom for "no stimulus" (the gpio-sim check uses it).
        let result = try await PinwheelProcess.run(["flash", "button", "--stimulus", "/dev/null"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("stimulus: 0 step(s) from /dev/null"), "\(result.output)")
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
        // A FIFO with no writer: before, the read blocked for ever.
        let fifo = directory.appendingPathComponent("pipe.board").path
        #expect(mkfifo(fifo, 0o600) == 0)
        try await expectFailure(["flash", "blinky", "--board", "pipe", "--boards", directory.path], status: 64,
                                message: "error: cannot read \(fifo): it is a FIFO, not a regular file")
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
            // The memory map's heap figures are what malloc_usable_size reports, which depends on the allocator's
            // earlier history (reading a CRLF file allocates differently): not part of the run.
            outputs.append(result.output.replacingOccurrences(of: boards.path, with: "BOARDS")
                .replacing(/\+ \d+ B/, with: "+ N B"))
        }
        #expect(outputs[0].contains("BUTTON: 4 edges received, 0 dropped"), "\(outputs[0])")
        #expect(outputs[0] == outputs[1], "CRLF and LF files give the same run")
        // A mistake in a CRLF file: reported at its column, with no carriage return in the message.
        let wrong = directory.appendingPathComponent("wrong.stim").path
        try "at 1s press BUTTON for 40ms\r\nat 2s press BUTTON\r\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let result = try await PinwheelProcess.run(["flash", "button", "--stimulus", wrong])
        #expect(result.status == 64)
        #expect(result.error == "error: \(wrong):2:19: expected `for` here, but the line ends\n", "\(result.error)")
    }

    @Test func aDurationPastTheLimitIsRefusedBeforeAnythingRuns() async throws {
        try await expectFailure(["flash", "pwm", "--duration", "17999999999s"], status: 64, message: """
            error: --duration 17999999999s is longer than the limit of 31622400s (366 days); give a shorter one, or \
            none to run until the program ends or Ctrl-C
            """)
    }

    @Test func aVirtualTimeRunStopsAtItsPollLimitWithAnError() async throws {
        // Before the limit, a long --duration on a busy demo ran for hours: the work, not the time, is bounded.
        let result = try await PinwheelProcess.run(["flash", "pwm", "--duration", "30000000s", "--poll-limit", "5000"])
        #expect(result.status == 1, "\(result.error)")
        #expect(result.output.contains("ERROR supervisor stopped at the work limit of a virtual-time run: 5000 polls, reached after"))
        #expect(result.output.contains("Ran 26.3"), "5,000 polls at 190 a second of virtual time: \(result.output)")
    }

    @Test func aRunThatCannotStartLeavesNoWaveformBehind() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.vcd").path
        // zero2w's chip is not on this machine (or, on a Pi, its lines need root): the run cannot start.
        let result = try await PinwheelProcess.run(["flash", "blinky", "--board", "zero2w", "--vcd", path])
        #expect(result.status == 69, "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [], "no VCD, no temporary file")
    }

    @Test func aWaveformThatCannotBeWrittenIsAnError() async throws {
        try await expectFailure(["flash", "blinky", "--vcd", "/dev/full"], status: 74, message: """
            error: cannot write the VCD file /dev/full: No space left on device; the waveform was not saved
            """, ran: true)
        // /dev/full is still the device: the dump was written in place, not renamed over it.
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aWaveformIsWrittenWholeAtItsPath() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("blinky.vcd").path
        let result = try await PinwheelProcess.run(["flash", "blinky", "--vcd", path])
        #expect(result.status == 0, "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["blinky.vcd"])
        let dump = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dump.hasPrefix("$date") && dump.contains("\n#3000000000\n"), "the whole run, to its last change at 3 s")
    }

    @Test(arguments: [["flash", "--json"], ["flash"]])
    func standardOutputThatCannotBeWrittenIsAnError(arguments: [String]) async throws {
        let result = try await ChildProcess.run(
            .path(FilePath("/bin/sh")), ["-c", "exec \"$0\" \"$@\" > /dev/full", PinwheelProcess.executable.path] + arguments,
            in: PinwheelProcess.packageRoot.path)
        #expect(result.status == 74, "\(result.error)")
        #expect(result.error == """
            error: cannot write to standard output: No space left on device; the run was stopped and its output is \
            incomplete

            """)
    }

    @Test func aMissingBoardsDirectoryIsAnError() async throws {
        // Before: `pinwheel boards --boards /no/such/dir` listed nothing and exited 0.
        for arguments in [["boards", "--boards", "/no/such/dir"], ["flash", "--boards", "/no/such/dir"]] {
            try await expectFailure(arguments, status: 64, message: """
                error: cannot read the boards directory /no/such/dir: No such file or directory; give --boards (or \
                PINWHEEL_BOARDS) a directory that holds .board files
                """)
        }
    }

    @Test func controlCharactersFromFilesAndArgumentsAreShownEscaped() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let escape = "\u{1B}"
        try "name = evil\ndescription = \(escape)[2J\(escape)]0;pwned\u{07}cleared\u{202E}txt\nchip = c\n[header]\n1 = GPIO4\n"
            .write(to: directory.appendingPathComponent("evil.board"), atomically: true, encoding: .utf8)
        let boards = try await PinwheelProcess.run(["boards", "--boards", directory.path])
        #expect(boards.status == 0, "\(boards.error)")
        #expect(boards.output.contains(#"evil            \u{1B}[2J\u{1B}]0;pwned\u{7}cleared\u{202E}txt [libgpiod, chip c]"#),
                "\(boards.output)")
        let stimulus = directory.appendingPathComponent("evil.stim").path
        try "at 1s set LED\(escape)[31m high\n".write(toFile: stimulus, atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "blinky", "--stimulus", stimulus], status: 64,
                                message: #"found `LED\u{1B}[31m`"#)
        try await expectFailure(["flash", "bl\(escape)[8minky\tx"], status: 64,
                                message: #"error: unknown demo "bl\u{1B}[8minky\tx": the demos are"#)
        // An unknown option is echoed back by the argument parser: escaped too.
        let option = try await PinwheelProcess.run(["flash", "--bo\(escape)]0;x\u{07}ard", "sim"])
        #expect(option.status == 64)
        #expect(option.error.contains(#"--bo\u{1B}]0;x\u{7}ard"#), "\(option.error)")
        for result in [boards, option] { #expect(!result.output.contains(escape) && !result.error.contains(escape)) }
    }

    @Test func aMissingFirmwareCatalogIsSaidNotPassedOver() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A boards directory with no Firmware/ beside it, and none found from the working directory either.
        let boards = directory.appendingPathComponent("boards")
        try FileManager.default.createDirectory(at: boards, withIntermediateDirectories: true)
        let result = try await ChildProcess.run(
            .path(FilePath(PinwheelProcess.executable.path)), ["demos"], environment: ["PINWHEEL_BOARDS": boards.path],
            in: directory.path)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("blinky"), "the built-in demos are listed")
        #expect(result.output.contains("Firmware demos: not listed: no Firmware/ directory with a build script found"),
                "\(result.output)")
    }
}
