import Foundation
import Testing

/// Bad input gets a message saying what, where and how to fix it, on standard error, and a non-zero exit status.
@Suite struct ErrorTests {
    func expectFailure(
        _ arguments: [String], status: Int32, message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await PinwheelProcess.run(arguments)
        #expect(result.status == status, "stdout: \(result.output)\nstderr: \(result.error)", sourceLocation: sourceLocation)
        #expect(result.error.contains(message), "stderr was: \(result.error)", sourceLocation: sourceLocation)
    }

    @Test func anUnknownDemoListsTheDemos() async throws {
        try await expectFailure(["flash", "blinkie"], status: 64, message: """
            error: unknown demo "blinkie": the demos are blinky, button, debounce, traffic, morse, pwm, signals, wake, join, latency (see `pinwheel demos`)
            """)
    }

    @Test func anUnknownBoardListsTheBoards() async throws {
        try await expectFailure(["flash", "blinky", "--board", "rpi9"], status: 64, message: "error: unknown board \"rpi9\": ")
        try await expectFailure(["flash", "blinky", "--board", "rpi9"], status: 64, message: "gpio-sim, qemu-mps2-an386, qemu-raspi3b, rpi3b, rpi4b, rpi5, sim, zero2w; pick one of those, or add rpi9.board there")
    }

    @Test func aFirmwareProgramIsForAnEmulatedBoardAndMustBeOne() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await expectFailure(["flash", "--firmware", directory.path], status: 64, message: """
            error: --firmware builds a firmware image for an emulated board; board "sim" runs programs on Linux: give --board qemu-mps2-an386 or --board qemu-raspi3b
            """)
        try await expectFailure(["flash", "--firmware", directory.path, "--board", "qemu-mps2-an386"], status: 64, message: """
            error: \(directory.path) is not a firmware program's folder: it has no readable `demo` file
            """)
        try "about = x\ntime = virtual\n".write(to: directory.appendingPathComponent("demo"), atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "--firmware", directory.path, "--board", "qemu-mps2-an386"], status: 64, message: """
            error: \(directory.path) is not a firmware program's folder: it has no Swift files
            """)
        try await expectFailure(["flash", "--firmware", directory.path + "/none", "--board", "qemu-raspi3b"], status: 64, message: """
            is not a firmware program's folder: there is no such directory
            """)
    }

    @Test func aDemoNeedingLinesTheBoardLacksSaysWhich() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            name = tiny
            description = a board with one LED
            driver = simulated
            chip = tiny-sim
            [header]
            1 = L0
            [names]
            LED = pin 1
            """.write(to: directory.appendingPathComponent("tiny.board"), atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "traffic", "--board", "tiny", "--boards", directory.path], status: 64, message: """
            error: demo "traffic" needs RED, AMBER, GREEN, BUTTON, which board "tiny" does not name (it names LED): \
            add them under [names] in tiny.board, or flash a demo that uses those lines
            """)
        let fine = try await PinwheelProcess.run(["flash", "blinky", "--board", "tiny", "--boards", directory.path, "--duration", "1s"])
        #expect(fine.status == 0, "the same board runs a demo whose lines it has: \(fine.error)")
    }

    @Test func aMalformedStimulusLineIsReportedWithItsLineAndColumn() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("presses.stim").path
        try "# two presses\nat 100ms press BUTTON for 40ms\nat 300ms push BUTTON for 40ms\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "button", "--stimulus", path], status: 64,
                          message: "error: \(path):3:10: expected press, set, bounce or signal after the time, found `push`")
    }

    @Test func aStimulusDrivingALineTheBoardLacksIsRefused() async throws {
        let directory = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("doorbell.stim").path
        try "at 100ms press DOORBELL for 40ms\n".write(toFile: path, atomically: true, encoding: .utf8)
        try await expectFailure(["flash", "button", "--stimulus", path], status: 64,
                          message: "error: \(path): the stimulus drives DOORBELL, which board \"sim\" does not name")
    }

    @Test func aMissingStimulusFileIsNamed() async throws {
        try await expectFailure(["flash", "button", "--stimulus", "/nonexistent/presses.stim"], status: 64,
                          message: "error: cannot read the stimulus file /nonexistent/presses.stim: No such file or directory")
    }

    @Test func anUnwritableVCDPathIsRefusedBeforeAnythingRuns() async throws {
        let result = try await PinwheelProcess.run(["flash", "blinky", "--vcd", "/nonexistent/dir/run.vcd"])
        #expect(result.status == 64)
        #expect(result.error.contains("error: cannot write the VCD file /nonexistent/dir/run.vcd: No such file or directory; choose a path in a writable directory"))
        #expect(!result.output.contains("Running"), "nothing ran")
    }

    @Test func interactiveModeNeedsATerminal() async throws {
        try await expectFailure(["flash", "button", "--interactive"], status: 64, message: "error: --interactive needs a terminal on standard input and output")
    }

    @Test func interactiveModeNeedsTheSimulatedBoard() async throws {
        try await expectFailure(["flash", "button", "--interactive", "--board", "rpi5"], status: 64,
                          message: "error: --interactive presses the simulated board's buttons, but board \"rpi5\" has real lines: use --board sim")
    }

    @Test func aBadDurationIsAUsageError() async throws {
        try await expectFailure(["flash", "blinky", "--duration", "soon"], status: 64, message: "The value 'soon' is invalid for '--duration <time>'")
    }

    @Test func aRealBoardWithoutItsChipSaysSo() async throws {
        // This machine has no pinctrl-rp1 chip (and the CI machine has no GPIO at all).
        let result = try await PinwheelProcess.run(["flash", "blinky", "--board", "rpi5"])
        #expect(result.status == 69, "stderr: \(result.error)")
        #expect(result.error.contains("error: board \"rpi5\": "))
    }
}
