import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct NotifyTests {
    @Test func notifyWakesEverySubscriberAndNoOneElse() throws {
        let notify = Notify<1>()
        var executor = try SmallExecutor()
        let finished = Log<[Int]>([])
        for slot in 0..<5 {
            var waiting = notify.notified()
            try executor.spawn(ClosureTask { context in
                // Slots 0, 2 and 4 subscribe; 1 and 3 wait on nothing.
                guard slot.isMultiple(of: 2) else { return false }
                guard waiting.poll(context).isReady else { return false }
                finished.value.append(slot)
                return true
            })
        }
        var clock = VirtualClock()
        _ = executor.runUntilIdle(on: &clock)
        let pollsBefore = executor.stats.polls
        notify.notify()
        #expect(executor.isReady(slot: 0) == true && executor.isReady(slot: 1) == false)
        _ = executor.runUntilIdle(on: &clock)
        #expect(finished.value == [0, 2, 4])
        #expect(executor.stats.polls == pollsBefore + 3)
        #expect(notify.generation == 1)
    }

    @Test func aNotifyAfterTheFutureIsMadeButBeforeItsFirstPollCounts() throws {
        let notify = Notify<1>()
        var future = notify.notified()
        notify.notify()
        var executor = try SmallExecutor()
        try executor.spawn(ClosureTask { context in future.poll(context).isReady })
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock) == .finished)
    }

    @Test func subscribersAcrossAllWordsOfALargeExecutor() throws {
        let notify = Notify<16>()
        var executor = try Executor<TaskPool<ClosureTask, 1024>, 16, 8>()
        let done = Log(0)
        for _ in 0..<1024 {
            var waiting = notify.notified()
            try executor.spawn(ClosureTask { context in
                guard waiting.poll(context).isReady else { return false }
                done.value += 1
                return true
            })
        }
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        notify.notify()
        #expect(executor.runUntilIdle(on: &clock) == .finished)
        #expect(done.value == 1024)
        #expect(executor.stats.batches == 2, "one notify made all 1024 tasks ready for a single batch")
    }
}
