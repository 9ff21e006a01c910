import Foundation
import PinwheelBoards
import PinwheelDemos
import PinwheelProgram
import PinwheelHost
import PinwheelText
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

    /// What a flash of an emulated board works from, once resolved.
    struct Plan {
        let options: FlashOptions
        let board: BoardFile
        let emulation: Emulation
        let tree: FirmwareTree
        let demo: FirmwareDemo
        /// What `Firmware/build` is given as its DEMO: the demo's name, or the absolute path of a program's folder.
        let source: String
        /// Where the objects and the image go: `.build-firmware/BOARD` in the checkout for a built-in demo, in the
        /// program's own folder for one kept outside (`--firmware DIR`).
        let output: String
        /// How messages name the output directory.
        let shownOutput: String
        /// Under QEMU's `-icount` (deterministic, instant) rather than the wall clock.
        let virtual: Bool
    }

    /// The image a plan was programmed into.
    struct Image {
        let path: String
        /// How messages name it: relative to the repository.
        let shown: String
        let map: FirmwareMap
    }

    static let steps = 3

    static func flash(_ options: FlashOptions, board file: BoardFile, boardsDirectory: String, console: Console) throws(FlashError) -> FlashOutcome {
        let plan = try resolve(options, board: file, boardsDirectory: boardsDirectory)
        let terminal = options.interactive ? try TerminalMode() : nil
        defer { terminal?.restore() }
        announce(plan, console: console)
        let image = try program(plan, console: console)
        return try run(plan, image: image, console: console)
    }

    /// Step 1: the firmware demo, its lines against the board, the emulator; refuses Linux-only options and demos.
    static func resolve(_ options: FlashOptions, board file: BoardFile, boardsDirectory: String) throws(FlashError) -> Plan {
        let emulation = file.emulation!
        for (option, given) in [("--stimulus", options.stimulusPath != nil), ("--vcd", options.vcdPath != nil), ("--trace", options.trace)] where given {
            throw .notForEmulatedBoard(option: option, board: file.name)
        }
        let tree: FirmwareTree
        do { tree = try FirmwareTree.locate(besideBoards: boardsDirectory) } catch { throw .firmware(error) }
        let (demo, source, output, shownOutput) = try firmwareProgram(options, board: file, tree: tree)
        let missing = demo.lines.filter { file.resolve($0) == nil }
        guard missing.isEmpty else {
            throw .missingLines(demo: demo.name, board: file.name, missing: missing, available: file.names.map(\.name))
        }
        guard Self.onPath(emulation.emulator) else {
            throw .firmware(.toolMissing(emulation.emulator, package: packages[emulation.emulator] ?? "qemu-system-arm"))
        }
        return Plan(options: options, board: file, emulation: emulation, tree: tree, demo: demo, source: source,
                    output: output, shownOutput: shownOutput, virtual: demo.virtualTime && !options.realTime && !options.interactive)
    }

    /// The firmware program to build: the one in `--firmware DIR`, or the demo of `Firmware/Demos` the options name.
    /// Returns it with what the build is given for it, the output directory, and how messages name that.
    static func firmwareProgram(
        _ options: FlashOptions, board file: BoardFile, tree: FirmwareTree
    ) throws(FlashError) -> (FirmwareDemo, source: String, output: String, shownOutput: String) {
        let folder = file.emulation!.firmware
        if let directory = options.firmwareDirectory {
            let program: FirmwareDemo
            do { program = try FirmwareTree.program(at: directory) } catch { throw .firmware(error) }
            let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
            return (program, absolute, absolute + "/.build-firmware/\(folder)",
                    (directory as NSString).appendingPathComponent(".build-firmware/\(folder)"))
        }
        let demos: [FirmwareDemo]
        do { demos = try tree.demos() } catch { throw .firmware(error) }
        guard let demo = demos.first(where: { $0.name == options.program.lowercased() }) else {
            if let hosted = DemoCatalog.named(options.program) {
                let missing = hosted.init().declaration.lines.map(\.name).filter { file.resolve($0) == nil }
                if !missing.isEmpty {
                    throw .missingLines(demo: hosted.name, board: file.name, missing: missing, available: file.names.map(\.name))
                }
            }
            throw .firmware(.unknownDemo(options.program, board: file.name, available: demos.map(\.name), hosted: DemoCatalog.named(options.program) != nil))
        }
        let output = tree.outputDirectory(board: folder)
        return (demo, demo.name, output, tree.shown(output))
    }

    /// The run's heading and step 1's line.
    static func announce(_ plan: Plan, console: Console) {
        let (demo, file) = (plan.demo, plan.board)
        console.line("pinwheel flash \(demo.name) → board \(file.name): \(file.description)", type: "flash",
                     fields: ["demo": demo.name, "board": file.name, "virtual_time": plan.virtual])
        console.line("  \(demo.about)")
        console.line("  time: " + (plan.virtual ? "virtual (QEMU -icount shift=0,sleep=off: 1 instruction = 1 ns, idle time skipped)" : "real"))
        let placements = demo.lines.map { name -> String in
            let (line, pin) = file.resolve(name)!
            return "\(name) = " + (pin.map { "pin \($0) (\(line))" } ?? line)
        }
        console.progress(1, of: steps, "checked \(demo.lines.count) line(s) against \(file.name)"
            + (placements.isEmpty ? "" : ": " + placements.joined(separator: ", ")) + "; \(plan.emulation.emulator) found")
    }

    /// Step 2: builds the image (cached by `Firmware/build`) and prints its memory map.
    static func program(_ plan: Plan, console: Console) throws(FlashError) -> Image {
        let status = Self.runBuild(plan.tree.buildScript, arguments: [plan.emulation.firmware, plan.source, plan.output])
        guard status == 0 else { throw .firmware(.buildFailed(status: status)) }
        let path = plan.output + "/\(plan.demo.name).elf"
        let shown = plan.shownOutput + "/\(plan.demo.name).elf"
        console.progress(2, of: steps, "built \(shown) (Embedded Swift -no-allocations, clang, ld.lld)")
        let map: FirmwareMap
        do { map = try FirmwareMap(path: path, shownPath: shown) } catch { throw .firmware(error) }
        for line in map.lines() { console.line(line, type: "map") }
        return Image(path: path, shown: shown, map: map)
    }

    /// Step 3: boots QEMU, streams the UART until the firmware exits, the duration passes or Ctrl-C, and reports
    /// the instruction counts when the demo asks for them.
    static func run(_ plan: Plan, image: Image, console: Console) throws(FlashError) -> FlashOutcome {
        let (options, demo, emulation) = (plan.options, plan.demo, plan.emulation)
        var arguments = [emulation.emulator, "-M", emulation.machine, "-display", "none", "-monitor", "none", "-serial", "stdio",
                         "-semihosting-config", "enable=on,target=native", "-kernel", image.path]
        if plan.virtual { arguments += ["-icount", "shift=0,sleep=off"] }
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
        console.progress(3, of: steps, "booted: " + arguments.map { $0 == image.path ? image.shown : $0 }.joined(separator: " "))
        console.line("Running \(demo.name) on \(plan.board.name): UART 0 follows."
            + (options.interactive ? " Keys go to the UART; Ctrl-C stops." : " Ctrl-C stops it.")
            + (options.duration.map { " Stops after \(formatShort($0)) of real time." } ?? ""))
        let stop = StopRequest()
        defer { stop.restore() }
        let deadline = options.duration.map { MonotonicClock.nanoseconds() + UInt64(max(0, $0.nanoseconds)) }
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
        case .exited(let status): (status, status == 0 ? .programEnded : nil, "the firmware exited with status \(status)")
        case .killed(let signo): (128 + signo, nil, "QEMU was killed by signal \(signo)")
        case .stopped(nil): (0, .duration(options.duration ?? .zero), "stopped after \(formatShort(options.duration ?? .zero))")
        case .stopped(let signo?): (128 + signo, .signal(signo), "SIG\(signo == SIGINT ? "INT" : "TERM"): QEMU stopped")
        }
        if let tracePath, let task = demo.countedTask {
            let trace = InstructionTrace(path: tracePath, image: image.map.image, names: image.map.names, task: task)
            for line in trace.lines(task: task) { console.line(line, type: "instructions") }
        }
        if let tracePath { try? FileManager.default.removeItem(atPath: tracePath) }  // tens of megabytes; counts printed
        console.line("\(words); exit \(code)", type: "end", fields: ["exit": Int(code), "reason": FlashSession.describe(reason)])
        return FlashOutcome(reason: reason, exitCode: code)
    }

    /// How a firmware demo's UART line ends when the demo waits for input: the cue to send its `input`.
    static let inputPrompt = "waiting for UART input"

    /// Runs the build script; its messages go to standard error as they come. Returns its exit status.
    static func runBuild(_ script: String, arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        process.standardOutput = FileHandle.standardError
        do { try process.run() } catch { return 69 }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Whether `program` is an executable file in a directory of PATH.
    static func onPath(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }
}
