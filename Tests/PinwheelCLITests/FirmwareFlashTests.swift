import Foundation
import Testing

/// `pinwheel flash --board qemu-…`: each firmware demo built from Firmware/, booted in QEMU and checked against
/// its recorded output. The virtual-time demos run under `-icount shift=0,sleep=off`, so their UART output and
/// their instruction counts are the same on every run; any change in the core's path or in a message shows here.
///
/// After an intended change, record the new outputs with `PINWHEEL_UPDATE_GOLDEN=1 swift test --filter
/// FirmwareFlashTests` and review the diff (Firmware/Golden/DEMO-BOARD.txt).
@Suite struct FirmwareFlashTests {
    static let golden = PinwheelProcess.packageRoot.appendingPathComponent("Firmware/Golden")
    static let boards = ["qemu-mps2-an386", "qemu-raspi3b"]
    /// A flash may build its image first (swiftc for the core and the demo), queued behind the other tests' builds
    /// of the same board (Firmware/build builds one image at a time per board): far longer than a run.
    static let limit = Duration.seconds(900)
    static let runs = boards.flatMap { board in ["blinky", "wake", "latency"].map { (demo: $0, board: board) } }

    /// The run from "Running …" on: the UART's lines, the instruction counts, the exit line. (What comes before it
    /// is the build and the memory map, whose addresses move with every change to the code.)
    static func run(_ demo: String, on board: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (output: String, full: String) {
        let result = try await PinwheelProcess.run(["flash", demo, "--board", board], limit: limit)
        #expect(result.status == 0, "stdout: \(result.output)\nstderr: \(result.error)", sourceLocation: sourceLocation)
        guard let start = result.output.range(of: "Running \(demo) on \(board)") else {
            Issue.record("no Running line in: \(result.output)\n\(result.error)", sourceLocation: sourceLocation)
            return ("", result.output)
        }
        return (String(result.output[start.lowerBound...]), result.output)
    }

    @Test(arguments: runs)
    func demoMatchesItsGoldenOutput(demo: String, board: String) async throws {
        let (actual, _) = try await Self.run(demo, on: board)
        let url = Self.golden.appendingPathComponent("\(demo)-\(board).txt")
        if GoldenUpdate.isRequested() {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (got, want)) in zip(actualLines, expectedLines).enumerated() where got != want {
            Issue.record("\(url.lastPathComponent) line \(index + 1):\n  expected: \(want)\n  actual:   \(got)")
            break
        }
        #expect(actualLines.count == expectedLines.count, "\(demo) on \(board): \(actualLines.count) lines, golden has \(expectedLines.count)")
    }

    @Test(arguments: boards)
    func aThousandTicksKeepTheirGrid(board: String) async throws {
        let (output, _) = try await Self.run("latency", on: board)
        // Tick n is due at the start plus n milliseconds: the last, at 1 s exactly, with none off the grid.
        #expect(output.contains("1000 ticks every 1 ms: the last was due at 1000000 us; 0 off the grid, 0 missed"))
        #expect(output.contains("executor: 1001 polls, 1000 idle entries, 1000 timer expirations"))
        #expect(output.contains("1000 paths to LatencyProbe.poll"))
    }

    @Test(arguments: boards)
    func theWalkthroughCountsOneInterruptsPathToThePoll(board: String) async throws {
        let (output, _) = try await Self.run("wake", on: board)
        #expect(output.contains("the timer's handler ran 1 time(s) and woke the task 1 time(s); the core polled 2 time(s) and went idle (wfi) 1 time(s)"))
        let lines = output.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.contains("→ Walkthrough.poll:") }) else {
            Issue.record("no counted path in:\n\(output)")
            return
        }
        // The path in order: the vector, the handler, the waker, then back in the core: wfi's return and the batch
        // (the executor's loop, into which the batch is inlined).
        let roles = ["(the vector:", "(the handler:", "(the waker:", "(wfi returns; unmask, take the ready word, poll the set bit's slot)"]
        var position = header
        for role in roles {
            guard let found = lines[(position + 1)...].firstIndex(where: { $0.contains(role) }) else {
                Issue.record("the path lacks \(role) after line \(position):\n\(output)")
                return
            }
            position = found
        }
        // The stretches add up to the total the header gives.
        let total = Int(lines[header].split(separator: " ").reversed().dropFirst().first ?? "") ?? -1
        let sum = lines[(header + 1)...].prefix { $0.hasPrefix("    ") }.compactMap { Int($0.split(separator: " ").first ?? "") }.reduce(0, +)
        #expect(total == sum && total > 0, "header \(lines[header]); stretches sum to \(sum)")
    }

    @Test(arguments: boards)
    func theMemoryMapIsReadFromTheLinkedImage(board: String) async throws {
        let (_, full) = try await Self.run("blinky", on: board)
        let image = board == "qemu-raspi3b" ? "raspi3b" : "mps2-an386"
        #expect(full.contains("Memory map (read from .build-firmware/\(image)/blinky.elf):"))
        #expect(full.contains("task table    taskTable at 0x"))
        #expect(full.contains(": Executor<TaskPool<Blinky, 4>, 1, 4>"))
        #expect(full.contains("  task          Blinky: poll() is "))
        #expect(full.contains("  vector table  vector_table at 0x"))
        #expect(full.contains("of the text: core (Pinwheel) "))
        if board == "qemu-mps2-an386" {
            #expect(full.contains("exception 15 → SysTick_Handler"))
        }
    }

    @Test(arguments: boards)
    func aFaultIsReportedWithItsAddressAndExitStatus70(board: String) async throws {
        let result = try await PinwheelProcess.run(["flash", "fault", "--board", board], limit: Self.limit)
        #expect(result.status == 70, "stdout: \(result.output)\nstderr: \(result.error)")
        let fault = result.output.split(separator: "\n").first { $0.hasPrefix("FAULT: ") }
        #expect(fault.map { $0.wholeMatch(of: /FAULT: .+, pc 0x[0-9a-f]{8,16}/) != nil } == true, "\(result.output)")
        #expect(result.output.contains("the firmware exited with status 70; exit 70"))
    }

    @Test(arguments: boards)
    func keysFromTheDemoFileReachTheUART(board: String) async throws {
        let result = try await PinwheelProcess.run(["flash", "keys", "--board", board], limit: Self.limit)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        for line in ["'a' → LED on", "'Z' → LED off", "'9' → LED on", "'x' → LED off", "6 bytes received, 0 lost, 4 keys"] {
            #expect(result.output.contains(line), "no \(line) in \(result.output)")
        }
    }

    @Test func badInputIsExplained() async throws {
        let cases: [(arguments: [String], environment: [String: String], status: Int32, message: String)] = [
            (["flash", "traffic", "--board", "qemu-mps2-an386"], [:], 64,
             "demo \"traffic\" needs RED, AMBER, GREEN, BUTTON, which board \"qemu-mps2-an386\" does not name (it names LED)"),
            (["flash", "signals", "--board", "qemu-raspi3b"], [:], 64,
             "demo \"signals\" runs on Linux boards only (it is an async program, and the firmware has no Swift concurrency runtime): the firmware demos for qemu-raspi3b are blinky, fault, keys, latency, wake"),
            (["flash", "blinkie", "--board", "qemu-raspi3b"], [:], 64, "unknown demo \"blinkie\": the firmware demos for qemu-raspi3b are"),
            (["flash", "blinky", "--board", "qemu-mps2-an386", "--vcd", "/tmp/x.vcd"], [:], 64,
             "--vcd works on Linux boards only; board \"qemu-mps2-an386\" is emulated in QEMU"),
            (["flash", "blinky", "--board", "qemu-raspi3b"], ["PATH": "/usr/local/nothing"], 69,
             "qemu-system-aarch64 is not installed: apt-get install qemu-system-arm"),
        ]
        for check in cases {
            let result = try await PinwheelProcess.run(check.arguments, environment: check.environment, limit: Self.limit)
            #expect(result.status == check.status, "\(check.arguments): \(result.output)\n\(result.error)")
            #expect(result.error.contains(check.message), "\(check.arguments): stderr was \(result.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/x.vcd"))
    }

    @Test func aMissingFirmwarePackageIsNamed() async throws {
        // A copy of Firmware/ whose Cortex-M build needs a library that is not installed: the build stops before it
        // compiles anything and names the package.
        let root = try PinwheelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let firmware = root.appendingPathComponent("Firmware")
        try FileManager.default.copyItem(at: PinwheelProcess.packageRoot.appendingPathComponent("Firmware"), to: firmware)
        let conf = firmware.appendingPathComponent("Boards/mps2-an386/build.conf")
        try (String(contentsOf: conf, encoding: .utf8) + "requires+=(/no/such/libc.a:picolibc-arm-none-eabi)\n")
            .write(to: conf, atomically: true, encoding: .utf8)
        let result = try await PinwheelProcess.run(
            ["flash", "blinky", "--board", "qemu-mps2-an386"], environment: ["PINWHEEL_FIRMWARE": firmware.path])
        #expect(result.status == 69, "\(result.output)\n\(result.error)")
        #expect(result.error.contains("firmware: error: missing packages for mps2-an386: picolibc-arm-none-eabi; install them: apt-get install picolibc-arm-none-eabi"))
        #expect(result.error.contains("building the firmware image failed (Firmware/build exited with status 69; its messages are above)"))
    }
}
