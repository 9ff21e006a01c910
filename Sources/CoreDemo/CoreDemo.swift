// A tour of the core on the host platform, in real time: a blinking "LED" on a drift-free ticker, a worker
// thread whose result wakes a waiting task, and the path each wake took. `swift run pinwheel-core-demo`.
import Foundation
import Pinwheel
import PinwheelHost

/// The worker thread's answer, delivered into a waiting task across threads.
let answer = Signal<UInt32>()
/// Fired by the blinker when it is done, so the reporter can print the summary.
let blinkerDone = Notify<1>()

nonisolated(unsafe) var start = Instant.zero

func stamp(_ now: Instant) -> String {
    String(format: "%8.3f ms", Double((now - start).nanoseconds) / 1e6)
}

enum DemoTask: Future {
    /// Toggles the LED every 100 ms, eight times, on a ticker that never drifts.
    case blinker(ticker: Ticker, led: Bool, toggles: Int)
    /// Waits for the worker thread's result.
    case waiter(SignalFuture<UInt32>)
    /// Waits for the blinker, then finishes.
    case reporter(Notified<1>)

    mutating func poll(_ context: Context) -> Poll<Void> {
        switch self {
        case .blinker(var ticker, var led, var toggles):
            // Poll the ticker until it is pending: that poll is what queues the next deadline.
            while case .ready(let tick) = ticker.poll(context) {
                led.toggle()
                toggles -= 1
                let late = context.now() - tick.deadline
                print("\(stamp(context.now()))  task \(context.waker.slot) blinker   LED \(led ? "ON " : "off")  "
                    + "(deadline \(stamp(tick.deadline)), ran \(late.nanoseconds / 1000) µs late, missed \(tick.missed))")
                if toggles == 0 {
                    blinkerDone.notify()
                    return .ready(())
                }
            }
            self = .blinker(ticker: ticker, led: led, toggles: toggles)
            return .pending
        case .waiter(var future):
            guard case .ready(let value) = future.poll(context) else { return .pending }
            print("\(stamp(context.now()))  task \(context.waker.slot) waiter    got \(value) from the worker thread: "
                + "thread stored it in the Signal, woke the WakerCell, which set ready bit \(context.waker.slot); "
                + "the executor's futex sleep ended and it polled slot \(context.waker.slot)")
            return .ready(())
        case .reporter(var done):
            guard done.poll(context).isReady else { return .pending }
            print("\(stamp(context.now()))  task \(context.waker.slot) reporter  blinker finished")
            return .ready(())
        }
    }
}

@main
struct CoreDemo {
    static func main() throws {
        // The executor and the platform at fixed addresses, for as long as `machine` lives.
        let machine = PinnedExecutor(executor: try Executor<TaskPool<DemoTask, 4>, 1, 4>(), platform: HostPlatform())
        start = machine.withPlatform { $0.now() }
        try machine.spawn(.blinker(ticker: Ticker(every: .milliseconds(100), startingAt: start + .milliseconds(100)), led: false, toggles: 8))
        try machine.spawn(.waiter(answer.next()))
        try machine.spawn(.reporter(blinkerDone.notified()))

        print("Pinwheel core demo: 3 tasks in a 4-slot static pool; "
            + "\(MemoryLayout<Executor<TaskPool<DemoTask, 4>, 1, 4>>.size) bytes of executor state, no heap")
        let worker = Thread {
            // A long computation off the executor thread: the sum of the first 30 million integers, mod 2^32.
            var sum: UInt32 = 0
            for i in 0..<30_000_000 { sum &+= UInt32(truncatingIfNeeded: i) }
            answer.signal(sum, from: .thread)
        }
        worker.start()

        var counters = TaskCounters<4>()
        let outcome = machine.run(trace: &counters)
        let stats = machine.withExecutor { $0.stats }
        let sleeps = machine.withPlatform { $0.sleeps }
        print("run ended: \(outcome); \(stats.polls) polls in \(stats.batches) batches, "
            + "\(stats.idleEntries) idle entries (futex sleeps: \(sleeps)), \(stats.timerExpirations) timer expirations")
        for slot in 0..<3 {
            print("  task \(slot): \(counters.polls(slot: slot)) polls, \(counters.wakes(slot: slot)) wakes")
        }
    }
}
