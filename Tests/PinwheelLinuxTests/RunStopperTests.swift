import Pinwheel
import Synchronization
import PinwheelLinux
import PinwheelTestSupport
import Testing

/// Stopping a run whose tasks never finish: from a task on virtual time, and from another thread while the
/// executor sleeps in ppoll.
@Suite struct RunStopperTests {
    @Test func aTaskStopsARunOfEndlessTasksAtTheNextIdlePoint() throws {
        var platform = try LinuxPlatform(vectors: 2, virtualTimeFrom: .zero)
        let stopper = platform.stopper
        var ticks = 0
        var ticker = Ticker(every: .milliseconds(10))
        var stopAt = Timer.at(.zero + .milliseconds(95))
        var executor = try Executor<TaskPool<ClosureTask, 2>, 1, 2>()
        try executor.spawn(ClosureTask { context in  // never finishes
            while case .ready = ticker.poll(context) { ticks += 1 }
            return false
        })
        try executor.spawn(ClosureTask { context in
            guard stopAt.poll(context).isReady else { return false }
            stopper.stop()
            return true
        })
        #expect(executor.run(on: &platform) == .stopped)
        #expect(ticks == 9, "ticks at 10 … 90 ms, then the stop at 95 ms")
        #expect(platform.now() == .zero + .milliseconds(95))
        #expect(platform.stopper.isStopRequested)
        #expect(platform.shutdownExitCode == 0, "a stop is not a shutdown signal")
    }

    /// The thread stops the run once the task has been polled, so the executor is going to sleep or asleep: either
    /// the idle check sees the stop, or the doorbell ends the ppoll.
    @Test func anotherThreadStopsARunWaitingForAnInterrupt() throws {
        var platform = try LinuxPlatform(vectors: 2)
        let stopper = platform.stopper
        let signal = Signal<UInt32>()
        let polled = Flag()
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        try executor.spawn(ClosureTask { context in  // waits for a value that never comes
            polled.set()
            return signal.poll(context).isReady
        })
        let thread = TestThread {
            while !polled.isSet {}
            stopper.stop()
        }
        #expect(executor.run(on: &platform) == .stopped)
        thread.join()
        #expect(platform.shutdownExitCode == 0)
    }
}

/// A one-way flag between threads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
