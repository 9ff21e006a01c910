import Foundation
import Pinwheel
import PinwheelBoards
import PinwheelFlash
import PinwheelGPIO
import PinwheelSimulation

/// How the cost of a virtual-time run grows with its input (issue 14): edges, stimulus lines, board entries; and
/// how a long blinky run's resident memory compares with a short one's. Release build; `Scripts/bench` runs it.
///
/// Each size is run five times and the median taken. A flash run's fixed cost (platform, board, tables, the
/// stimulus task: measured as a run of the same kind with one item) is taken off before dividing by the item count,
/// so that what is compared is the cost of one more item.
@main
struct ScalingBenchmarks {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        try body()
        clock_gettime(CLOCK_MONOTONIC, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    static func median(_ runs: Int = 5, _ body: () throws -> Double) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try body()) }
        return times.sorted()[runs / 2]
    }

    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pinwheel-scaling-\(getpid())")

    /// `pinwheel flash button` with `stimulus` for `duration` of virtual time, its output discarded.
    static func flashButton(stimulus: String, duration: Pinwheel.Duration?) throws -> Double {
        let path = directory.appendingPathComponent("run.stim").path
        try stimulus.write(toFile: path, atomically: false, encoding: .utf8)
        let console = Console(json: false, isTerminal: false) { _ in }
        return try seconds {
            let outcome = try FlashSession.flash(
                FlashOptions(program: "button", stimulusPath: path, duration: duration, pollLimit: .max), console: console)
            precondition(outcome.exitCode == 0, "the run failed: \(outcome)")
        }
    }

    /// `--quick` (a smoke test: the two smallest sizes), a benchmark's name (edges, stimulus, boards, memory), and
    /// sizes to use instead of its own.
    static let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--quick" }
    static let quick = CommandLine.arguments.contains("--quick")
    static let chosenSizes = arguments.dropFirst().compactMap { Int($0) }

    static func report(_ title: String, unit: String, sizes: [Int], fixed: Double, measure: (Int) throws -> Double) rethrows {
        let sizes = chosenSizes.isEmpty ? (quick ? Array(sizes.prefix(2)) : sizes) : chosenSizes
        print("\n\(title) (a run with one item, \(String(format: "%.1f", fixed * 1e3)) ms, taken off)")
        var perItem: [Double] = []
        for size in sizes {
            let total = try median { try measure(size) }
            let each = (total - fixed) / Double(size - 1) * 1e9  // the fixed run had one item
            perItem.append(each)
            print("  \(String(size).leftPadded(9)) \(unit): \(String(format: "%8.3f", total)) s, \(String(format: "%7.0f", each)) ns per \(unit)")
        }
        let spread = perItem.max()! / perItem.min()!
        print("  largest / smallest per \(unit): \(String(format: "%.2f", spread))x (target ≤ 1.5x: \(spread <= 1.5 ? "met" : "MISSED"))")
    }

    static func edges() throws {
        // A pulse every 10 µs is two edges: N edges take N × 5 µs of virtual time. The fixed cost: one pulse.
        let fixed = try median { try flashButton(stimulus: "every 10us pulse BUTTON for 1us\n", duration: .microseconds(10)) }
        try report("Edges on BUTTON (button demo, a pulse every 10 us)", unit: "edge", sizes: [10_000, 100_000, 1_000_000], fixed: fixed) { count in
            try flashButton(stimulus: "every 10us pulse BUTTON for 1us\n", duration: .microseconds(UInt64(count) * 5))
        }
    }

    static func stimulusLines() throws {
        let fixed = try median { try flashButton(stimulus: "at 10us press BUTTON for 2us\n", duration: .microseconds(20)) }
        try report("Stimulus lines (one press each, in reverse time order, parsed and played)", unit: "line",
                   sizes: [1_000, 10_000, 100_000, 1_000_000], fixed: fixed) { count in
            var text = ""
            text.reserveCapacity(count * 34)
            for index in stride(from: count, to: 0, by: -1) { text += "at \(index * 10)us press BUTTON for 2us\n" }
            // Played to the last press (the demo alone would stop at its run length, 1.5 s).
            return try flashButton(stimulus: text, duration: .microseconds(UInt64(count) * 10 + 1_000))
        }
    }

    static func boardEntries() throws {
        let header = "name = big\ndescription = scaling\ndriver = simulated\nchip = c\n[header]\n1 = GPIO4\n[names]\n"
        let fixed = try median { try seconds { _ = try BoardFile.parse(header + "NAME0 = line L0\n", path: "big.board") } }
        try report("Board entries (parsed, then every name resolved, as `pinwheel boards` does)", unit: "entry",
                   sizes: [100, 1_000, 10_000, 100_000], fixed: fixed) { count in
            var text = header
            for index in 0..<count { text += "NAME\(index) = line L\(index)\n" }
            return try seconds {
                let board = try BoardFile.parse(text, path: "big.board")
                for (name, _) in board.names { precondition(board.resolve(name) != nil) }
            }
        }
    }

    /// `pinwheel flash blinky --duration D`'s peak resident memory, from wait4 (which counts this process's own peak
    /// too if it was larger: see `main`).
    static func blinkyResidentKB(duration: String) throws -> Int {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("pinwheel").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let arguments = [executable, "flash", "blinky", "--duration", duration, "--poll-limit", "100000000"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, &argv, environ)
        precondition(spawned == 0, "cannot run \(executable): \(String(cString: strerror(spawned)))")
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        precondition(status == 0, "pinwheel flash blinky --duration \(duration) failed: status \(status)")
        return usage.ru_maxrss
    }

    static func blinkyMemory() throws {
        print("\nResident memory of pinwheel flash blinky (peak, from wait4; one run each)")
        var sizes: [Int] = []
        let runs = [("1 hour", "3600s"), ("1 day", "86400s"), ("1 week", "604800s")]
        for (label, duration) in quick ? Array(runs.prefix(2)) : runs {
            let kB = try blinkyResidentKB(duration: duration)
            sizes.append(kB)
            print("  \(label.rightPadded(7)) of virtual time: \(kB) kB")
        }
        let growth = Double(sizes.max()!) / Double(sizes[0]) - 1
        print("  \(quick ? "1 day" : "1 week") against 1 hour: \(String(format: "%+.1f", growth * 100)) % (target within 10 %: \(abs(growth) <= 0.1 ? "met" : "MISSED"))")
    }

    static func main() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        setenv("PINWHEEL_BOARDS", URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("boards").path, 1)
        let only = arguments.first
        // Memory first: a spawned child's peak (ru_maxrss) includes its parent's peak before the exec (posix_spawn
        // shares the parent's memory until then), so it is measured while this process is still small.
        if only == nil || only == "memory" { try blinkyMemory() }
        if only == nil || only == "edges" { try edges() }
        if only == nil || only == "stimulus" { try stimulusLines() }
        if only == nil || only == "boards" { try boardEntries() }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
