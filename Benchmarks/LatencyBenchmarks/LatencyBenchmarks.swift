// Interrupt-to-task latency on the Linux platform, each case starting from idle (the executor asleep in ppoll),
// measured in one run next to its floor:
//   (a) a wake from another thread  vs  a bare eventfd ping-pong between two threads (the same write and ppoll);
//   (b) a 1 ms timer deadline       vs  cyclictest (Debian's rt-tests) at the same interval and timer slack;
//   (c) a signal sent with kill()    to the task waiting for it.
// Each case runs twice: to a poll task, and to an async task awaiting the same future (AsyncTask), whose latency
// includes resuming its parked continuation.
// Build and run in release: `Scripts/bench` (or `swift run -c release pinwheel-latency`).
import CLinuxInterrupts
import Foundation
import Pinwheel
import PinwheelAsync
import PinwheelLinux
import PinwheelWorkloads
import Synchronization

// MARK: Reporting

func microseconds(_ ns: UInt64) -> String { String(format: "%8.1f", Double(ns) / 1000) }
func microseconds(_ ns: Double) -> String { String(format: "%8.1f", ns / 1000) }

/// Reads `CLOCK_MONOTONIC`: the clock every stamp and every deadline is on.
func now() -> UInt64 { LinuxPlatform.readClock(nil) }

extension LinuxPlatform {
    /// The same terms for every case and for cyclictest: CPU wake-up latency held at 0 (cyclictest asks for it
    /// too), and SCHED_FIFO at `priority` if one is given.
    mutating func prepare(priority: Int32?) throws {
        try limitCPUWakeLatency(microseconds: 0)
        if let priority { try setRealtimePriority(priority) }
    }
}

// MARK: The stimulus: one event at a time, each once the receiver is asleep

/// What the stimulating thread and the receiver share: the stamp taken just before each event, the receiver's
/// acknowledgement, and the receiver's samples.
final class Probe: @unchecked Sendable {
    let stamp = Atomic<UInt64>(0)
    let sent = Atomic<Int>(0)
    let acknowledged = Atomic<Int>(0)
    let cell = WakerCell()
    let samples: UnsafeMutableBufferPointer<UInt64>
    var seen = 0  // receiver's thread only

    init(rounds: Int) {
        samples = .allocate(capacity: rounds)
        samples.initialize(repeating: 0)
    }

    deinit { samples.deallocate() }

    /// On the receiver: if an event is new, records its latency and acknowledges it.
    func receive() -> Bool {
        let sent = sent.load(ordering: .acquiring)
        guard sent > seen else { return false }
        samples[seen] = now() &- stamp.load(ordering: .relaxed)
        seen = sent
        acknowledged.store(seen, ordering: .releasing)
        return true
    }

    /// On the stimulating thread: for each round, waits for the previous acknowledgement, then `idleGap` more so that
    /// the receiver is asleep, then stamps the clock and fires one event.
    func stimulate(idleGap: UInt64, fire: () -> Void) {
        for round in 1...samples.count {
            while acknowledged.load(ordering: .acquiring) < round - 1 {}
            let quiet = now() + idleGap
            while now() < quiet {}
            stamp.store(now(), ordering: .relaxed)
            sent.store(round, ordering: .releasing)
            fire()
        }
    }
}

/// Runs `body` on a new thread; `join` waits for it.
final class Worker: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in
            body()
            done.signal()
        }
        thread.start()
    }
    func join() { done.wait() }
}

/// The task that receives the events: from a waker cell (another thread) or from a signal interrupt.
struct Receiver: Future {
    let probe: Probe
    let signal: SignalInterrupt?

    mutating func poll(_ context: Context) -> Poll<Void> {
        if let signal {
            while case .ready = signal.poll(context) { _ = probe.receive() }
        } else {
            probe.cell.register(context.waker)
            _ = probe.receive()
        }
        return probe.seen == probe.samples.count ? .ready(()) : .pending
    }
}

let idleGap: UInt64 = 100_000  // 100 µs: long enough for the receiver to be inside ppoll

// MARK: (a) cross-thread wake, and its floor

/// The receiving task as an async function: the same probe, awaited.
func asyncReceiver(_ probe: Probe, signal: SignalInterrupt?) -> AsyncTask {
    AsyncTask {
        while probe.seen < probe.samples.count {
            if let signal {
                _ = await signal.next()
                _ = probe.receive()
            } else {
                await waitUntil { context in
                    probe.cell.register(context.waker)
                    return probe.receive() ? .ready(()) : .pending
                }
            }
        }
    }
}

/// One executor slot for either kind of receiver.
typealias ReceiverExecutor = Executor<TaskPool<MixedTask<Receiver>, 1>, 1, 1>

func receiver(_ probe: Probe, signal: SignalInterrupt?, async: Bool) -> MixedTask<Receiver> {
    async ? .async(asyncReceiver(probe, signal: signal)) : .poll(Receiver(probe: probe, signal: signal))
}

func crossThreadWake(rounds: Int, priority: Int32?, async: Bool) throws -> LatencySamples {
    var platform = try LinuxPlatform(vectors: 2)
    try platform.prepare(priority: priority)
    let probe = Probe(rounds: rounds)
    var executor = try ReceiverExecutor()
    try executor.spawn(receiver(probe, signal: nil, async: async))
    let worker = Worker { probe.stimulate(idleGap: idleGap) { probe.cell.wake(from: .thread) } }
    precondition(executor.run(on: &platform) == .finished)
    worker.join()
    precondition(platform.sleeps >= UInt64(rounds), "the executor was not asleep for every wake")
    return LatencySamples(probe.samples)
}

/// Two threads and an eventfd, nothing else: one writes, the other sleeps in the same `ppoll` the platform uses,
/// reads the count and takes the time. The least a cross-thread wake through an eventfd can cost.
func eventfdFloor(rounds: Int, priority: Int32?) throws -> LatencySamples {
    let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    precondition(fd >= 0)
    defer { close(fd) }
    // The platform is held only for its real-time priority and timer slack, so both sides run alike.
    var platform = try LinuxPlatform(vectors: 2)
    try platform.prepare(priority: priority)
    let probe = Probe(rounds: rounds)
    let worker = Worker {
        probe.stimulate(idleGap: idleGap) {
            var one: UInt64 = 1
            _ = write(fd, &one, 8)
        }
    }
    var mask = sigset_t()
    pthread_sigmask(SIG_SETMASK, nil, &mask)
    var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    var count: UInt64 = 0
    while probe.seen < rounds {
        _ = pw_ppoll(&poll, 1, &mask)
        _ = read(fd, &count, 8)
        _ = probe.receive()
    }
    worker.join()
    return LatencySamples(probe.samples)
}

// MARK: (b) timer deadline to task, and cyclictest

func timerLatency(ticks: Int, priority: Int32?, async: Bool) throws -> (LatencySamples, overruns: UInt64) {
    var platform = try LinuxPlatform(vectors: 2)
    try platform.prepare(priority: priority)
    let samples = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: ticks)
    defer { samples.deallocate() }
    var count = 0
    var overruns: UInt64 = 0
    var ticker = Ticker(every: .milliseconds(1))
    struct TickTask: Future {
        var body: (Context) -> Bool
        mutating func poll(_ context: Context) -> Poll<Void> { body(context) ? .ready(()) : .pending }
    }
    var executor = try Executor<TaskPool<MixedTask<TickTask>, 1>, 1, 1>()
    if async {
        try executor.spawn(MixedTask {
            for await tick in ticker {
                samples[count] = (Instant.now - tick.deadline).nanoseconds
                overruns += tick.missed
                count += 1
                if count == ticks { return }
            }
        })
    } else {
        try executor.spawn(.poll(TickTask { context in
            while count < ticks, case .ready(let tick) = ticker.poll(context) {
                samples[count] = (context.now() - tick.deadline).nanoseconds
                overruns += tick.missed
                count += 1
            }
            return count == ticks
        }))
    }
    precondition(executor.run(on: &platform) == .finished)
    return (LatencySamples(samples), overruns)
}

/// A timerfd and ppoll, nothing else: arm for the next 1 ms deadline (absolute), sleep, read, take the time. The
/// mechanism the platform's timer uses, without the executor.
func timerfdFloor(ticks: Int, priority: Int32?) throws -> LatencySamples {
    var platform = try LinuxPlatform(vectors: 2)  // held for the same terms only
    try platform.prepare(priority: priority)
    let fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
    precondition(fd >= 0)
    defer { close(fd) }
    let samples = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: ticks)
    defer { samples.deallocate() }
    var mask = sigset_t()
    pthread_sigmask(SIG_SETMASK, nil, &mask)
    var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    var deadline = now()
    var count: UInt64 = 0
    for index in 0..<ticks {
        deadline += 1_000_000
        var spec = itimerspec()
        spec.it_value = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        timerfd_settime(fd, Int32(TFD_TIMER_ABSTIME), &spec, nil)
        _ = pw_ppoll(&poll, 1, &mask)
        _ = read(fd, &count, 8)
        samples[index] = now() &- deadline
    }
    return LatencySamples(samples)
}

/// cyclictest's summary line: "T: 0 (pid) P: 0 I:1000 C: 5000 Min: 5123 Act: 6100 Avg: 6543 Max: 40000" (ns).
struct CyclictestResult {
    var min: UInt64, average: UInt64, max: UInt64, command: String
}

enum CyclictestError: Error, CustomStringConvertible {
    case notInstalled
    case failed(String)
    var description: String {
        switch self {
        case .notInstalled: "cyclictest not found: install Debian's rt-tests (apt-get install rt-tests)"
        case .failed(let output): "cyclictest failed or printed no summary: \(output)"
        }
    }
}

/// Runs cyclictest with one thread at a 1 ms interval for `loops` loops. It inherits this thread's timer slack,
/// which the Linux platform set to 1 ns, so both sleep on the same hrtimer terms.
func cyclictest(loops: Int, priority: Int32?) throws -> CyclictestResult {
    guard let path = ["/usr/bin/cyclictest", "/usr/sbin/cyclictest"].first(where: FileManager.default.isExecutableFile)
    else { throw CyclictestError.notInstalled }
    var platform = try LinuxPlatform(vectors: 2)  // sets this thread's timer slack to 1 ns, inherited by the child
    try platform.prepare(priority: nil)  // cyclictest sets its own priority (-p)
    var arguments = ["-q", "-m", "--nsecs", "-t", "1", "-i", "1000", "-l", String(loops)]
    if let priority { arguments += ["-p", String(priority)] }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    func field(_ name: String) -> UInt64? {
        guard let range = output.range(of: name + ":") else { return nil }
        return UInt64(output[range.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isNumber))
    }
    guard process.terminationStatus == 0, let low = field("Min"), let average = field("Avg"), let high = field("Max")
    else { throw CyclictestError.failed(output) }
    return CyclictestResult(min: low, average: average, max: high, command: "cyclictest " + arguments.joined(separator: " "))
}

// MARK: (c) signal to task

func signalLatency(rounds: Int, priority: Int32?, async: Bool) throws -> LatencySamples {
    var platform = try LinuxPlatform(vectors: 3)
    try platform.prepare(priority: priority)
    let interrupt = try platform.bind(signal: SIGUSR1)
    let probe = Probe(rounds: rounds)
    var executor = try ReceiverExecutor()
    try executor.spawn(receiver(probe, signal: interrupt, async: async))
    // Created after `bind`, the worker inherits the blocked interrupt signals, so the kernel delivers each
    // process-directed kill() to the executor's thread, the only one that unblocks them (inside ppoll).
    let pid = getpid()
    let worker = Worker { probe.stimulate(idleGap: idleGap) { kill(pid, SIGUSR1) } }
    precondition(executor.run(on: &platform) == .finished)
    worker.join()
    precondition(interrupt.delivered == UInt(rounds), "\(interrupt.delivered) of \(rounds) signals delivered")
    return LatencySamples(probe.samples)
}

// MARK: Report

@main
struct LatencyBenchmarks {
    static func main() throws {
        let arguments = CommandLine.arguments
        // `--quick`: a few hundred samples, to check that the benchmark still runs (CI); the numbers mean little.
        let quick = arguments.contains("--quick")
        // `--priority N`: run the executor, the floor and cyclictest under SCHED_FIFO at N.
        let priority = arguments.firstIndex(of: "--priority").flatMap { Int32(arguments[$0 + 1]) }
        let rounds = quick ? 200 : 10_000
        let ticks = quick ? 200 : 5_000
        let blocks = quick ? 1 : 5

        let scheduling = (priority.map { "SCHED_FIFO \($0)" } ?? "SCHED_OTHER") + ", timer slack 1 ns, cpu_dma_latency 0"
        print("interrupt-to-task latency in µs, each sample from idle (\(scheduling)); \(rounds) wakes, \(ticks) ticks")
        print("case".padding(toLength: 48, withPad: " ", startingAt: 0) + "  median      p99      max     mean")
        func line(_ name: String, _ samples: LatencySamples) {
            print(name.padding(toLength: 48, withPad: " ", startingAt: 0)
                + [microseconds(samples.median), microseconds(samples.p99), microseconds(samples.max),
                   microseconds(samples.mean)].joined(separator: " "))
        }

        let floor = try eventfdFloor(rounds: rounds, priority: priority)
        line("(a) floor: bare eventfd ping-pong", floor)
        // Poll and async receivers in alternating blocks, so that a machine whose speed drifts during the run
        // (other load, frequency) weighs on both alike.
        func alternating(_ run: (Bool) throws -> LatencySamples) rethrows -> (poll: LatencySamples, async: LatencySamples) {
            var poll: [UInt64] = []
            var async: [UInt64] = []
            for _ in 0..<blocks {
                poll += try run(false).sorted
                async += try run(true).sorted
            }
            return (LatencySamples(poll), LatencySamples(async))
        }
        let (wake, asyncWake) = try alternating { try crossThreadWake(rounds: rounds / blocks, priority: priority, async: $0) }
        line("(a) pinwheel: thread wakes task (eventfd)", wake)
        line("(a) pinwheel: thread wakes async task", asyncWake)
        let timerFloor = try timerfdFloor(ticks: ticks, priority: priority)
        line("(b) floor: bare timerfd + ppoll, 1 ms", timerFloor)
        var overruns: UInt64 = 0
        let (timer, asyncTimer) = try alternating { async in
            let (samples, missed) = try timerLatency(ticks: ticks / blocks, priority: priority, async: async)
            if !async { overruns += missed }
            return samples
        }
        line("(b) pinwheel: 1 ms deadline to task (timerfd)", timer)
        line("(b) pinwheel: 1 ms deadline to async task", asyncTimer)
        let reference = try cyclictest(loops: ticks, priority: priority)
        print("(b) cyclictest: 1 ms clock_nanosleep".padding(toLength: 48, withPad: " ", startingAt: 0)
            + "       -        -" + [microseconds(reference.max), microseconds(reference.average)].joined(separator: " ")
            + "  (min \(microseconds(reference.min).trimmingCharacters(in: .whitespaces)))")
        let (signal, asyncSignal) = try alternating { try signalLatency(rounds: rounds / blocks, priority: priority, async: $0) }
        line("(c) pinwheel: kill(SIGUSR1) to task", signal)
        line("(c) pinwheel: kill(SIGUSR1) to async task", asyncSignal)

        let wakeRatio = Double(wake.median) / Double(floor.median)
        let timerRatio = Double(timer.median) / Double(reference.average)
        func verdict(_ ratio: Double) -> String { String(format: "%.2fx (target ≤ 1.5x: ", ratio) + (ratio <= 1.5 ? "met)" : "NOT met)") }
        print("(a) median / floor median: " + verdict(wakeRatio))
        print("(b) median / cyclictest average: " + verdict(timerRatio) + "; ticker overruns: \(overruns)")
        print("    \(reference.command)")
        func asyncVerdict(_ name: String, _ async: LatencySamples, _ poll: LatencySamples) {
            let ratio = Double(async.median) / Double(poll.median)
            print(String(format: "\(name) async median / poll median: %.2fx (target ≤ 1.2x: ", ratio) + (ratio <= 1.2 ? "met)" : "NOT met)"))
        }
        asyncVerdict("(a)", asyncWake, wake)
        asyncVerdict("(b)", asyncTimer, timer)
        asyncVerdict("(c)", asyncSignal, signal)
    }
}
