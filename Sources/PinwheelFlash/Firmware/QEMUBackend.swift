import Foundation
import PinwheelBoards
import PinwheelDemos
#if canImport(Glibc)
import Glibc
#endif

/// Flashing an emulated board: the demo is built into a firmware image from `Firmware/` (the core compiled as
/// Embedded Swift, unchanged, with the board's platform and drivers), its memory map is read from the linked ELF,
/// and QEMU boots it with the UART on the console, the way probe-rs flashes and attaches to a board.
///
/// 1. Resolve: the firmware demo, its lines against the board, the tools (QEMU on PATH; the build checks the
///    toolchain and packages).
/// 2. Program: `Firmware/build BOARD DEMO` (cached: it rebuilds only when a source is newer than the image), then
///    the memory map from the ELF.
/// 3. Run: QEMU in its own process group, in virtual time (`-icount shift=0,sleep=off`: deterministic, instant) or
///    real time; UART lines streamed; keys to the UART with `--interactive`; `--duration` and Ctrl-C stop it; the
///    exit status is the firmware's.
enum QEMUBackend {
    /// Debian's package for each QEMU program: qemu-system-arm carries both the 32-bit and the 64-bit ARM emulator.
    static let packages = ["qemu-system-arm": "qemu-system-arm", "qemu-system-aarch64": "qemu-system-arm"]

    static func flash(_ options: FlashOptions, board file: BoardFile, boardsDirectory: String, console: Console) throws(FlashError) -> FlashOutcome {
        let emulation = file.emulation!
        // 1: resolve.
        for (option, given) in [("--stimulus", options.stimulusPath != nil), ("--vcd", options.vcdPath != nil), ("--trace", options.trace)] where given {
            throw .notForEmulatedBoard(option: option, board: file.name)
        }
        let tree: FirmwareTree
        let demos: [FirmwareDemo]
        do {
            tree = try FirmwareTree.locate(besideBoards: boardsDirectory)
            demos = try tree.demos()
        } catch { throw .firmware(error) }
        guard let demo = demos.first(where: { $0.name == options.demo.lowercased() }) else {
            if let hosted = DemoCatalog.named(options.demo) {
                let missing = hosted.lines.map(\.name).filter { file.resolve($0) == nil }
                if !missing.isEmpty {
                    throw .missingLines(demo: hosted.name, board: file.name, missing: missing, available: file.names.map(\.name))
                }
            }
            throw .firmware(.unknownDemo(options.demo, board: file.name, available: demos.map(\.name), hosted: DemoCatalog.named(options.demo) != nil))
        }
        let missing = demo.lines.filter { file.resolve($0) == nil }
        guard missing.isEmpty else {
            throw .missingLines(demo: demo.name, board: file.name, missing: missing, available: file.names.map(\.name))
        }
        guard Self.onPath(emulation.emulator) else {
            throw .firmware(.toolMissing(emulation.emulator, package: packages[emulation.emulator] ?? "qemu-system-arm"))
        }
        let virtual = demo.virtualTime && !options.realTime && !options.interactive
        let terminal = options.interactive ? try TerminalMode() : nil
        defer { terminal?.restore() }

        console.line("pinwheel flash \(demo.name) → board \(file.name): \(file.description)", type: "flash",
                     fields: ["demo": demo.name, "board": file.name, "virtual_time": virtual])
        console.line("  \(demo.about)")
        console.line("  time: " + (virtual ? "virtual (QEMU -icount shift=0,sleep=off: 1 instruction = 1 ns, idle time skipped)" : "real"))
        let placements = demo.lines.map { name -> String in
            let (line, pin) = file.resolve(name)!
            return "\(name) = " + (pin.map { "pin \($0) (\(line))" } ?? line)
        }
        let steps = 3
        console.progress(1, of: steps, "checked \(demo.lines.count) line(s) against \(file.name)"
            + (placements.isEmpty ? "" : ": " + placements.joined(separator: ", ")) + "; \(emulation.emulator) found")

        // 2: program: build the image and read its map.
        let output = tree.outputDirectory(board: emulation.firmware)
        let status = Self.runBuild(tree.buildScript, arguments: [emulation.firmware, demo.name, output])
        guard status == 0 else { throw .firmware(.buildFailed(status: status)) }
        let image = output + "/\(demo.name).elf"
        let shown = tree.shown(image)
        console.progress(2, of: steps, "built \(shown) (Embedded Swift -no-allocations, clang, ld.lld)")
        let map: FirmwareMap
        do { map = try FirmwareMap(path: image, shownPath: shown) } catch { throw .firmware(error) }
        for line in map.lines() { console.line(line, type: "map") }

        // 3: boot and stream.
        var arguments = [emulation.emulator, "-M", emulation.machine, "-display", "none", "-monitor", "none", "-serial", "stdio",
                         "-semihosting-config", "enable=on,target=native", "-kernel", image]
        if virtual { arguments += ["-icount", "shift=0,sleep=off"] }
        // The demo's interrupt paths are counted from QEMU's execution trace: one line per instruction.
        // (One file per run: two runs of a demo at once must not share it.)
        let tracePath = demo.countedTask.map { _ in
            (NSTemporaryDirectory() as NSString).appendingPathComponent("pinwheel-\(getpid())-\(demo.name).trace")
        }
        if let tracePath { arguments += ["-singlestep", "-d", "exec,nochain", "-D", tracePath] }
        // The UART's input: the keys in an interactive run; else the demo's own input, sent when it asks; else none.
        let input: QEMUProcess.Input = options.interactive || demo.input != nil ? .pipe : .none
        let process: QEMUProcess
        do { process = try QEMUProcess(arguments, input: input) } catch { throw .firmware(error) }
        console.progress(3, of: steps, "booted: " + arguments.map { $0 == image ? shown : $0 }.joined(separator: " "))
        console.line("Running \(demo.name) on \(file.name): UART 0 follows."
            + (options.interactive ? " Keys go to the UART; Ctrl-C stops." : " Ctrl-C stops it.")
            + (options.duration.map { " Stops after \(formatShort($0)) of real time." } ?? ""))
        let stop = StopRequest()
        defer { stop.restore() }
        let deadline = options.duration.map { QEMUProcess.monotonicNanoseconds() + UInt64(max(0, $0.nanoseconds)) }
        let ending = process.stream(
            deadline: deadline, stopRequest: stop.descriptor, keys: options.interactive ? STDIN_FILENO : nil,
            key: { byte in
                if byte == 3 { return true }  // Ctrl-C, read as a byte in raw mode
                process.send([byte == 0x7F ? 0x08 : byte])
                return false
            },
            line: { line in
                console.line(line, type: "uart")
                if !options.interactive, let input = demo.input, line.hasSuffix(Self.inputPrompt) {
                    process.send(Array(input.utf8))
                }
            })
        let (code, reason, words): (Int32, StopReason?, String) = switch ending {
        case .exited(let status): (status, status == 0 ? .demoEnded : nil, "the firmware exited with status \(status)")
        case .killed(let signo): (128 + signo, nil, "QEMU was killed by signal \(signo)")
        case .stopped(nil): (0, .duration(options.duration ?? .zero), "stopped after \(formatShort(options.duration ?? .zero))")
        case .stopped(let signo?): (128 + signo, .signal(signo), "SIG\(signo == SIGINT ? "INT" : "TERM"): QEMU stopped")
        }
        if let tracePath, let task = demo.countedTask {
            let trace = InstructionTrace(path: tracePath, image: map.image, names: map.names, task: task)
            for line in trace.lines(task: task) { console.line(line, type: "instructions") }
        }
        if let tracePath { try? FileManager.default.removeItem(atPath: tracePath) }  // tens of megabytes; counts printed
        console.line("\(words); exit \(code)", type: "end", fields: ["exit": Int(code), "reason": FlashSession.describe(reason)])
        return FlashOutcome(reason: reason, exitCode: code)
    }

    /// Runs the build script; its messages go to standard error as they come. Returns its exit status.
    /// How a firmware demo's UART line ends when the demo waits for input: the cue to send its `input`.
    static let inputPrompt = "waiting for UART input"

    static func runBuild(_ script: String, arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        process.standardOutput = FileHandle.standardError
        do { try process.run() } catch { return 69 }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    static func onPath(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}
