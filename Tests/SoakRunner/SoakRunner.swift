import CAllocationCounter
import Foundation
import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelFlash
import PinwheelLinux
import Synchronization

/// The soak (Scripts/soak): every demo for hours of virtual time with its inputs kept busy, then minutes of real
/// time with signals and cross-thread wakes arriving without pause. Each run is sampled once it is warm (a tenth of
/// the way in) and at its end: resident anonymous memory, open descriptors, and heap blocks not yet freed (counted
/// by the malloc interposer linked into this executable). A run fails if descriptors or blocks grew at all, or if
/// resident memory grew by more than a few pages (the allocator may take a page more for the same live blocks).
@main
struct SoakRunner {
    /// What one sample holds.
    struct Sample: CustomStringConvertible {
        var residentKB: Int
        var descriptors: Int
        var liveBlocks: Int64

        static func now() -> Sample {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let anon = status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") }
            let kB = anon.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? -1
            let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
            return Sample(residentKB: kB, descriptors: descriptors, liveBlocks: pw_live_allocations())
        }

        var description: String { "\(residentKB) kB anon, \(descriptors) fds, \(liveBlocks) blocks" }
    }

    /// Resident memory may grow by this much (the allocator's page granularity); nothing else may grow.
    static let residentSlackKB = 256

    static func verdict(_ name: String, _ start: Sample, _ end: Sample, detail: String) -> Bool {
        let grew = end.descriptors > start.descriptors || end.liveBlocks > start.liveBlocks
            || end.residentKB > start.residentKB + residentSlackKB
        print("\(grew ? "✘" : "✔") soak \(name): \(detail); start \(start), end \(end)")
        return !grew
    }

    static func main() throws {
        var arguments = CommandLine.arguments.dropFirst()
        var hours: UInt64 = 4
        var seconds: UInt64 = 180
        while let argument = arguments.popFirst() {
            switch argument {
            case "--quick": hours = 1; seconds = 20
            case "--hours": hours = UInt64(arguments.popFirst() ?? "") ?? hours
            case "--seconds": seconds = UInt64(arguments.popFirst() ?? "") ?? seconds
            default:
                FileHandle.standardError.write(Data("error: unknown argument \(argument); give --quick, --hours N or --seconds N\n".utf8))
                exit(64)
            }
        }
        var passed = 0
        var failed = 0
        var notSoaked = 0
        for demo in DemoCatalog.all {
            switch try soakVirtual(demo, hours: hours) {
            case true?: passed += 1
            case false?: failed += 1
            case nil: notSoaked += 1
            }
        }
        if try soakRealTime(seconds: seconds) { passed += 1 } else { failed += 1 }
        print("soak: \(passed) passed, \(failed) failed (\(notSoaked) demos end by themselves and were not soaked)")
        exit(failed == 0 ? 0 : 1)
    }

    // MARK: Virtual time

    /// A stimulus that keeps every input of `demo` busy for `length`: a press every 100 ms on each input line,
    /// and SIGUSR1 every second for a demo that waits for it.
    static func busyStimulus(for demo: any Program.Type, length: Duration) -> String {
        var text = "# the soak: every input busy\n"
        let declaration = demo.init().declaration
        for line in declaration.lines where line.isInput { text += "every 100ms pulse \(line.name) for 30ms\n" }
        if declaration.signals.contains(where: { $0.name == "USR1" }) {
            for second in 1..<(length.nanoseconds / 1_000_000_000) { text += "at \(second)s signal USR1\n" }
        }
        return text
    }

    /// True when the run stayed flat, false when something grew, nil when the demo ended by itself.
    static func soakVirtual(_ demo: any Program.Type, hours: UInt64) throws -> Bool? {
        let length = Duration.seconds(hours * 3_600)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pinwheel-soak-\(demo.name).stim").path
        try busyStimulus(for: demo, length: length).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let total = Double(length.nanoseconds) / 1e9
        var start: Sample?
        var end: Sample?
        var lines = 0
        var lastTime = 0.0
        var warmShape: Int?
        // Like with like: both samples are taken as a log line is written (on the log's printer thread, while it
        // holds that line's strings), the first a tenth of the way in, the last at the last line of the same shape
        // before the end (the stop and the summary allocate for themselves). A line's shape is its text without the
        // time and the digits: lines of one shape hold the same strings while they are printed.
        let console = Console(json: false, isTerminal: false) { text in
            // "[   360.000000] INFO …"
            guard text.hasPrefix("["), let close = text.firstIndex(of: "]"),
                  let time = Double(text[text.index(after: text.startIndex)..<close].trimmingCharacters(in: .whitespaces)),
                  time < total
            else { return }
            lines += 1
            lastTime = time
            var hasher = Hasher()
            for byte in text[close...].utf8 where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { hasher.combine(byte) }
            let shape = hasher.finalize()
            if start == nil, time >= total / 10 {
                start = Sample.now()
                warmShape = shape
            } else if start != nil, shape == warmShape {
                end = Sample.now()
            }
        }
        let options = FlashOptions(
            program: demo.name, stimulusPath: path, duration: length, pollLimit: 2_000_000_000)
        let outcome = try FlashSession.flash(options, console: console)
        if outcome.reason == .programEnded {
            print("- soak \(demo.name): not soaked, the demo ends by itself (its last line at \(lastTime) s)")
            return nil
        }
        guard let first = start, let last = end else {
            print("✘ soak \(demo.name): fewer than two log lines after a tenth of the run (exit \(outcome.exitCode))")
            return false
        }
        return verdict(demo.name, first, last, detail: "\(hours) h of virtual time, exit \(outcome.exitCode), \(lines) log lines")
    }

    // MARK: Real time

    static func soakRealTime(seconds: UInt64) throws -> Bool {
        var platform = try LinuxPlatform(vectors: 8)
        let usr1 = try platform.bind(signal: SIGUSR1)
        var executor = try Executor<TaskPool<SoakTask, 4>, 1, 4>()
        let stopper = platform.stopper
        let counts = SoakCounts()
        let origin = platform.now()
        try executor.spawn(.signals(usr1, counts))
        try executor.spawn(.crossThread(counts))
        try executor.spawn(.sampler(
            Ticker(every: .milliseconds(500)), warmAt: origin + .seconds(max(1, seconds / 10)),
            endAt: origin + .seconds(seconds), stopper: stopper, counts: counts))
        let done = Atomic<Bool>(false)
        let pid = getpid()
        let signaller = Thread {
            while !done.load(ordering: .relaxed) { kill(pid, SIGUSR1); usleep(100) }
        }
        let waker = Thread {
            while !done.load(ordering: .relaxed) {
                counts.produced.add(1, ordering: .releasing)
                _ = soakCell.wake(from: .thread)
                usleep(50)
            }
        }
        signaller.start()
        waker.start()
        let outcome = executor.run(on: &platform)
        done.store(true, ordering: .relaxed)
        usleep(20_000)  // the two threads see the flag within one of their pauses
        guard let start = counts.start, let end = counts.end else {
            print("✘ soak real time: the run ended (\(outcome)) before it was sampled")
            return false
        }
        return verdict("real time", start, end, detail: "\(seconds) s: \(usr1.delivered) SIGUSR1 deliveries, "
            + "\(counts.consumed) cross-thread wakes taken of \(counts.produced.load(ordering: .relaxed)) sent")
    }
}

/// Woken from the waker thread.
let soakCell = WakerCell()

/// What the real-time soak's tasks share (all on the executor's thread, but `produced`).
final class SoakCounts: @unchecked Sendable {
    let produced = Atomic<Int>(0)
    var consumed = 0
    var signals: UInt = 0
    var start: SoakRunner.Sample?
    var end: SoakRunner.Sample?
}

/// The real-time soak's tasks.
enum SoakTask: Future {
    /// Takes SIGUSR1's deliveries.
    case signals(SignalInterrupt, SoakCounts)
    /// Takes the waker thread's wakes.
    case crossThread(SoakCounts)
    /// Samples once warm and at the end, then stops the run.
    case sampler(Ticker, warmAt: Instant, endAt: Instant, stopper: RunStopper, counts: SoakCounts)

    mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .signals(let interrupt, let counts):
            while case .ready(let events) = interrupt.poll(context) { counts.signals += events.count }
            return .pending
        case .crossThread(let counts):
            soakCell.register(context.waker)
            counts.consumed = counts.produced.load(ordering: .acquiring)
            return .pending
        case .sampler(var ticker, let warmAt, let endAt, let stopper, let counts):
            while case .ready = ticker.poll(context) {
                let now = context.now()
                if counts.start == nil, now >= warmAt { counts.start = SoakRunner.Sample.now() }
                if now >= endAt {
                    counts.end = SoakRunner.Sample.now()
                    stopper.stop()
                }
            }
            self = .sampler(ticker, warmAt: warmAt, endAt: endAt, stopper: stopper, counts: counts)
            return .pending
        }
    }
}
