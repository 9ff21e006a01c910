// A worker thread finishes a long computation and wakes the task waiting for it, on the Linux platform.
//
//     swift run pinwheel-example-worker [LIMIT]     (counts the primes below LIMIT, default 20,000,000)
//
// The waiting task registered its waker in a `Signal`. The worker stores the result there and wakes the task:
// one atomic fetch-or sets the task's ready bit; the executor had announced its sleep, so the waker also rings
// the platform's eventfd doorbell, which ends the executor's ppoll. Meanwhile a heartbeat on the timerfd shows the
// executor sleeping between interrupts, not spinning. Ctrl-C (or SIGTERM) stops the run at the next idle point:
// exit status 130 (143), with every descriptor and signal disposition released.
import Pinwheel
import PinwheelHost
import PinwheelLinux
#if canImport(Glibc)
import Glibc
#endif

/// Where the worker leaves its result: the task waiting on it is woken from the worker's thread.
let primeCount = Signal<UInt32>()
/// Fired by the waiter once the result is in: the other tasks finish, and with them the run.
let resultIn = Notify<1>()

/// Counts the primes below `limit` with a sieve: the long computation, on its own thread.
func countPrimes(below limit: Int) -> UInt32 {
    guard limit > 2 else { return 0 }
    var composite = [Bool](repeating: false, count: limit)
    var count: UInt32 = 0
    for n in 2..<limit where !composite[n] {
        count += 1
        var multiple = n * n
        while multiple < limit {
            composite[multiple] = true
            multiple += n
        }
    }
    return count
}

/// The worker thread: computes, then hands the result to the waiting task. (A plain C entry point, off the main
/// actor: this thread knows nothing of Swift concurrency, only of the `Signal`.)
func workerThread(_ limit: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    primeCount.signal(countPrimes(below: Int(bitPattern: limit)), from: .thread)
    return nil
}

enum ExampleTask: Future {
    /// Waits for the worker's result, then tells the heartbeat to stop.
    case waiter(SignalFuture<UInt32>, started: Instant)
    /// Prints every 100 ms until the result is in.
    case heartbeat(Ticker, beats: Int, done: Notified<1>)
    /// Waits for Ctrl-C or SIGTERM, until the result is in.
    case shutdown(SignalWait, SignalWait, done: Notified<1>)

    mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .waiter(var future, let started):
            guard case .ready(let count) = future.poll(context) else { return .pending }
            let elapsed = context.now() - started
            print("task \(context.waker.slot) (waiter): woken with \(count) primes after "
                + "\(elapsed.nanoseconds / 1_000_000) ms; the worker set ready bit \(context.waker.slot) and rang "
                + "the doorbell")
            resultIn.notify()
            return .ready(())
        case .heartbeat(var ticker, var beats, var done):
            if done.poll(context).isReady { return .ready(()) }
            while case .ready(let tick) = ticker.poll(context) {
                beats += 1
                print("task \(context.waker.slot) (heartbeat): beat \(beats), "
                    + "\((context.now() - tick.deadline).nanoseconds / 1000) µs after its deadline")
            }
            self = .heartbeat(ticker, beats: beats, done: done)
            return .pending
        case .shutdown(var interrupt, var terminate, var done):
            if done.poll(context).isReady { return .ready(()) }
            if interrupt.poll(context).isReady || terminate.poll(context).isReady {
                print("shutdown signal: stopping at the next idle point")
                return .ready(())
            }
            self = .shutdown(interrupt, terminate, done: done)
            return .pending
        }
    }
}

/// Prints `message` on standard error and exits with `status`.
func fail(_ message: String, status: Int32) -> Never {
    let line = "error: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(status)
}

@main
struct WorkerThreadExample {
    static func main() throws {
        let limit = CommandLine.arguments.dropFirst().first.map { Int($0) } ?? 20_000_000
        guard let limit, limit >= 0 else {
            fail("LIMIT must be a non-negative integer, as in: pinwheel-example-worker 20000000", status: 2)
        }
        // The executor and the platform at fixed addresses, for as long as `machine` lives.
        let machine = PinnedExecutor(executor: try Executor<TaskPool<ExampleTask, 4>, 1, 4>(), platform: try LinuxPlatform())
        let (interrupt, terminate) = try machine.withPlatform { platform throws(LinuxPlatformError) in
            try platform.bindShutdownSignals()
        }
        let started = machine.withPlatform { $0.now() }
        try machine.spawn(.waiter(primeCount.next(), started: started))
        try machine.spawn(.heartbeat(Ticker(every: .milliseconds(100)), beats: 0, done: resultIn.notified()))
        try machine.spawn(.shutdown(interrupt.next(), terminate.next(), done: resultIn.notified()))
        print("counting the primes below \(limit) on a worker thread (pid \(getpid()); Ctrl-C stops)")

        var worker = pthread_t()
        let created = pthread_create(&worker, nil, workerThread, UnsafeMutableRawPointer(bitPattern: limit))
        guard created == 0 else {
            fail("could not start the worker thread: pthread_create returned \(created)", status: 1)
        }
        let outcome = machine.run()
        // After a shutdown signal the computation is abandoned: exit ends the worker with the process.
        if outcome == .finished { pthread_join(worker, nil) }
        let (sleeps, expirations, code) = machine.withPlatform { ($0.sleeps, $0.timerExpirations, $0.shutdownExitCode) }
        print("run ended: \(outcome); \(sleeps) sleeps in ppoll, \(expirations) timer expirations, "
            + "\(machine.withExecutor { $0.stats.polls }) polls")
        exit(code)
    }
}
