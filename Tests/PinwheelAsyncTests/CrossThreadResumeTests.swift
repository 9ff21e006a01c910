import Dispatch
import Pinwheel
import PinwheelAsync
import PinwheelHost
import PinwheelTestSupport
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An actor with the default executor: a task with a Pinwheel slot as its executor preference runs its methods on
/// the executor's thread.
actor Tally {
    var count = 0
    /// The thread each method call ran on.
    nonisolated let threads = ThreadList()

    func add(_ amount: Int) -> Int {
        count += amount
        threads.recordCurrent()
        return count
    }
}

/// Threads that ran something, recorded from any thread.
final class ThreadList: Sendable {
    private let threads = Mutex<[pthread_t]>([])

    /// Records the calling thread.
    func recordCurrent() { threads.withLock { $0.append(pthread_self()) } }

    /// Every thread recorded, in order.
    var all: [pthread_t] { threads.withLock { $0 } }
}

// These tests sleep on the futex platform while other threads resume their tasks; one at a time, so that the
// wakes they count are their own.
@Suite(.serialized) struct CrossThreadResumeTests {
    @Test func resumesFromOtherThreadsContinueOnTheExecutorsThread() throws {
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        let threads = Log<[String: pthread_t]>([:])
        let results = Log<[Int]>([])
        let tally = Tally()
        let task = AsyncTask {
            threads.value["start"] = pthread_self()
            try? await Task.sleep(for: .milliseconds(5))
            threads.value["after Task.sleep"] = pthread_self()
            let fromDispatch = await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(2)) {
                    continuation.resume(returning: 7)
                }
            }
            results.value.append(fromDispatch)
            threads.value["after a Dispatch resume"] = pthread_self()
            let fromThread = await withUnsafeContinuation { continuation in
                let worker = TestThread { continuation.resume(returning: 11) }
                worker.join()
            }
            results.value.append(fromThread)
            threads.value["after a pthread resume"] = pthread_self()
            results.value.append(await tally.add(5))
            threads.value["after an actor call"] = pthread_self()
            // And Pinwheel's own futures still work after all that.
            await Timer.after(.milliseconds(1))
            threads.value["after a Pinwheel timer"] = pthread_self()
        }
        let slotExecutor = task.executor
        try executor.spawn(task)
        var platform = HostPlatform()
        let executorThread = pthread_self()
        #expect(executor.run(on: &platform) == .finished)
        #expect(results.value == [7, 11, 5])
        #expect(threads.value.count == 6)
        for (step, thread) in threads.value {
            #expect(pthread_equal(thread, executorThread) != 0, "\(step): ran on another thread")
        }
        #expect(tally.threads.all.allSatisfy { pthread_equal($0, executorThread) != 0 })
        #expect(slotExecutor.foreignJobs >= 2, "Task.sleep and the Dispatch resume arrive on other threads")
        #expect(slotExecutor.inboxOverflows == 0)
    }

    @Test func anActorMethodRunsOnTheExecutorsThread() throws {
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        let tally = Tally()
        try executor.spawn(AsyncTask {
            for step in 1...3 {
                _ = await tally.add(step)
                await Timer.after(.microseconds(100))
            }
        })
        var platform = HostPlatform()
        let executorThread = pthread_self()
        #expect(executor.run(on: &platform) == .finished)
        let threads = tally.threads.all
        #expect(threads.count == 3)
        #expect(threads.allSatisfy { pthread_equal($0, executorThread) != 0 }, "the actor's code ran on another thread")
    }

    /// 100,000 wakes from another thread, each landing anywhere on the executor's way to sleep (still polling,
    /// between the announcement and the re-check, inside the futex wait), each resuming the parked async task.
    @Test func oneHundredThousandCrossThreadWakesOfAParkedAsyncTaskLoseNone() throws {
        let rounds = 100_000
        let handshake = Handshake()
        let lost = Log(0)
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        let receiver = AsyncTask {
            var seen = 0
            while seen < rounds {
                // A watchdog: a wake that never arrives costs two seconds and counts as lost, instead of a hang.
                let outcome = await select(
                    PollFunction<Int> { context in
                        handshake.cell.register(context.waker)
                        let sent = handshake.sent.load(ordering: .acquiring)
                        return sent > seen ? .ready(sent) : .pending
                    },
                    Timer.after(.seconds(2)))
                switch outcome {
                case .first(let sent):
                    seen = sent
                    handshake.acknowledged.store(seen, ordering: .releasing)
                case .second:
                    lost.value += 1
                }
            }
        }
        let slotExecutor = receiver.executor
        try executor.spawn(receiver)
        let producer = TestThread { SleepWakeRace.handshakes(rounds)(handshake) }
        var platform = HostPlatform()
        let outcome = executor.run(on: &platform)
        producer.join()
        #expect(outcome == .finished)
        #expect(lost.value == 0, "\(lost.value) wakes were only noticed by the watchdog")
        #expect(executor.stats.idleEntries > UInt64(rounds / 4), "the executor slept in only \(executor.stats.idleEntries) rounds")
        // A round whose wake came before the task looked again needs no park; most rounds park and are resumed.
        #expect(slotExecutor.resumes > UInt64(rounds / 2), "the task was resumed in only \(slotExecutor.resumes) rounds")
        #expect(slotExecutor.foreignJobs == 0, "a Pinwheel wake never hands the runtime a job on another thread")
    }

    /// Child tasks inherit the slot's executor, so one slot can have many jobs waiting at once. Sixteen children
    /// resumed together from another thread while the executor is busy fill the inbox's four cells; the other
    /// twelve take the spill path, counted, and every child still finishes on the executor's thread.
    @Test func aFullInboxSpillsCountedAndLosesNothing() throws {
        let children = 16
        let parked = ParkedContinuations()
        let finished = Log(0)
        let threads = ThreadList()
        var executor = try Executor<TaskPool<MixedTask<ClosureTask>, 2>, 1, 2>()
        let parent = AsyncTask {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<children {
                    group.addTask {
                        await withUnsafeContinuation { parked.add($0) }
                        threads.recordCurrent()
                    }
                }
            }
            finished.value = children
        }
        let slotExecutor = parent.executor
        try executor.spawn(.async(parent))
        try executor.spawn(.poll(ClosureTask { _ in
            // Polled after the parent in the first batch: every child has parked. Resume them all from another
            // thread while this poll keeps the executor busy.
            #expect(parked.count == children)
            TestThread { parked.resumeAll() }.join()
            return true
        }))
        var platform = HostPlatform()
        let executorThread = pthread_self()
        #expect(executor.run(on: &platform) == .finished)
        #expect(finished.value == children)
        #expect(slotExecutor.foreignJobs == UInt64(children))
        // At least twelve of the resumes found the four cells full (starting sixteen children in one poll spills
        // too: the first waits in `local`, four in cells).
        #expect(slotExecutor.inboxOverflows >= UInt64(children - 4), "four cells, the rest spilled")
        let recorded = threads.all
        #expect(recorded.count == children)
        #expect(recorded.allSatisfy { pthread_equal($0, executorThread) != 0 })
    }
}

/// Continuations parked by child tasks, resumed together by another thread.
final class ParkedContinuations: Sendable {
    private let continuations = Mutex<[UnsafeContinuation<Void, Never>]>([])

    var count: Int { continuations.withLock { $0.count } }

    func add(_ continuation: UnsafeContinuation<Void, Never>) { continuations.withLock { $0.append(continuation) } }

    func resumeAll() {
        for continuation in continuations.withLock({ $0 }) { continuation.resume() }
    }
}
