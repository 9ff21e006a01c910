import CLinuxInterrupts
import Pinwheel
import PinwheelAsync
import PinwheelLinux
import PinwheelTestSupport
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Async tasks woken by the Linux platform's interrupts: a real signal handler, and a stop from an async task.
@Suite(.serialized) struct AsyncInterruptTests {
    /// A real signal, sent from another thread to the executor's thread (`tgkill`: a signal sent to the process could
    /// land on any thread of the test runner, other tests' included): its handler runs inside `ppoll` and only sets
    /// the task's ready bit; the task resumes on the executor's thread, after its `await`.
    @Test func aSignalHandlersWakeResumesTheAsyncTaskOnTheExecutorsThread() throws {
        var platform = try LinuxPlatform(vectors: 4)
        let signo = pw_sigrtmin() + 3
        let interrupt = try platform.bind(signal: signo)
        let deliveries = 3
        let resumedOn = Log<[pthread_t]>([])
        let acknowledged = SharedCount()
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        try executor.spawn(AsyncTask {
            var total: UInt = 0
            while total < UInt(deliveries) {
                let events = await interrupt.next()
                total += events.count
                resumedOn.value.append(pthread_self())
                acknowledged.value.store(Int(total), ordering: .releasing)
            }
        })
        let executorTid = pw_gettid()
        let sender = TestThread {
            for round in 1...deliveries {
                _ = pw_tgkill(executorTid, signo)
                // Each send after the task saw the previous one, so none coalesce and each parks the task again.
                while acknowledged.value.load(ordering: .acquiring) < round {}
            }
        }
        let executorThread = pthread_self()
        let outcome = executor.run(on: &platform)
        sender.join()
        #expect(outcome == .finished)
        #expect(resumedOn.value.count == deliveries)
        #expect(resumedOn.value.allSatisfy { pthread_equal($0, executorThread) != 0 }, "resumed on another thread")
        #expect(interrupt.delivered == UInt(deliveries))
    }

    /// An async task stops a run of endless async tasks, in virtual time.
    @Test func anAsyncTaskStopsTheRun() throws {
        var platform = try LinuxPlatform(vectors: 2, virtualTimeFrom: .zero)
        let stopper = platform.stopper
        let ticks = Log(0)
        var executor = try Executor<TaskPool<AsyncTask, 2>, 1, 2>()
        try executor.spawn(AsyncTask {
            for await _ in Ticker(every: .milliseconds(10)) { ticks.value += 1 }
        })
        try executor.spawn(AsyncTask {
            await Timer.at(.zero + .milliseconds(95))
            stopper.stop()
        })
        #expect(executor.run(on: &platform) == .stopped)
        #expect(ticks.value == 9, "ticks at 10 … 90 ms, then the stop at 95 ms")
        #expect(platform.now() == .zero + .milliseconds(95))
    }
}

/// A count shared between a task and a thread.
final class SharedCount: Sendable {
    let value = Atomic<Int>(0)
}
