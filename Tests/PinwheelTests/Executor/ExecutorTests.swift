import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct ExecutorTests {
    @Test func spawningIntoAFullPoolIsATypedErrorNotACrash() throws {
        var executor = try Executor<TaskPool<ClosureTask, 2>, 1, 2>()
        try executor.spawn(ClosureTask { _ in true })
        try executor.spawn(ClosureTask { _ in true })
        #expect(throws: SpawnError.poolFull(capacity: 2)) { try executor.spawn(ClosureTask { _ in true }) }
        #expect(executor.liveTasks == 2)
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
    }

    @Test func aFinishedTaskFreesItsSlotForReuse() throws {
        var executor = try Executor<TaskPool<ClosureTask, 1>, 1, 1>()
        var clock = VirtualClock()
        let runs = Log<[Int]>([])
        for round in 0..<3 {
            let slot = try executor.spawn(ClosureTask { context in
                runs.value.append(context.waker.slot)
                return true
            })
            #expect(slot == 0)
            #expect(executor.isOccupied(slot: 0) == true)
            #expect(executor.run(on: &clock) == .finished, "round \(round)")
            #expect(executor.isOccupied(slot: 0) == false)
        }
        #expect(runs.value == [0, 0, 0])
    }

    @Test func anExecutorWithoutATimerQueueIsRejected() {
        #expect(throws: ExecutorError.noTimerQueue) { _ = try Executor<TaskPool<ClosureTask, 2>, 1, 0>() }
    }

    @Test func aReadyBitmapSmallerThanTheTableIsRejected() {
        #expect(throws: ExecutorError.readySetTooSmall(slots: 65, bits: 64)) {
            _ = try Executor<TaskPool<ClosureTask, 65>, 1, 1>()
        }
        // The error names the word count to write: 65 slots need 2 words, 1,000 need 16, 1,025 need 17.
        #expect(ExecutorError.readySetTooSmall(slots: 65, bits: 64).readyWordsNeeded == 2)
        #expect(ExecutorError.readySetTooSmall(slots: 1000, bits: 64).readyWordsNeeded == 16)
        #expect(ExecutorError.readySetTooSmall(slots: 1025, bits: 1024).readyWordsNeeded == 17)
        #expect(ExecutorError.noTimerQueue.readyWordsNeeded == nil)
    }

    @Test func aTaskThatWakesItselfForeverCannotStarveTheOthers() throws {
        var executor = try SmallExecutor()
        let greedyPolls = Log(0)
        let greedyPollsWhenWorkersFinished = Log<[Int]>([])
        try executor.spawn(ClosureTask { context in
            greedyPolls.value += 1
            context.waker.wake()  // ready again at once, forever (until the workers are done)
            return greedyPollsWhenWorkersFinished.value.count == 3
        })
        for _ in 0..<3 {
            let polls = Log(0)
            try executor.spawn(ClosureTask { context in
                polls.value += 1
                guard polls.value == 100 else {
                    context.waker.wake()
                    return false
                }
                greedyPollsWhenWorkersFinished.value.append(greedyPolls.value)
                return true
            })
        }
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        // Each batch polls every ready task once: the greedy task got exactly one poll per batch, like the workers.
        #expect(greedyPollsWhenWorkersFinished.value == [100, 100, 100])
        #expect(executor.stats.batches == 101)
    }

    @Test func aBatchTakesEachWordOnceJustBeforePollingIt() throws {
        // The executor takes ready word 0, polls its tasks, then takes word 1 and polls its tasks. A task woken
        // while its word is still to come runs in the same batch; one woken after its word was taken runs in the
        // next. Either way a task is polled at most once per batch. Slot 0 is in word 0, slot 64 in word 1.
        var executor = try Executor<TaskPool<ClosureTask, 128>, 2, 8>()
        let woken = Log<Waker?>(nil)
        let waker = Log<Waker?>(nil)
        let events = Log<[String]>([])
        try executor.spawn(ClosureTask { context in
            waker.value = context.waker
            guard let target = woken.value else { return false }
            events.value.append("slot 0 wakes slot 64")
            target.wake()
            return true
        })
        for _ in 1..<64 { try executor.spawn(ClosureTask { _ in true }) }
        let slot = try executor.spawn(ClosureTask { context in
            events.value.append("slot 64 polled")
            if woken.value == nil {
                woken.value = context.waker
                waker.value?.wake()
                return false
            }
            return true
        })
        #expect(slot == 64)
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(events.value == ["slot 64 polled", "slot 0 wakes slot 64", "slot 64 polled"])
        // Batch 1: everything spawned; slot 64, polled after word 0 was taken, wakes slot 0 for the next batch.
        // Batch 2: slot 0 (word 0) wakes slot 64, whose word is taken after word 0: slot 64 runs in batch 2 too.
        #expect(executor.stats.batches == 2)
        #expect(executor.stats.polls == 64 + 1 + 2)
    }

    @Test func oneThousandTwentyFourTasksRunInOneExecutor() throws {
        var executor = try Executor<TaskPool<ClosureTask, 1024>, 16, 1024>()
        let polled = Log([Int](repeating: 0, count: 1024))
        let wakers = Log<[Waker?]>(Array(repeating: nil, count: 1024))
        for _ in 0..<1024 {
            try executor.spawn(ClosureTask { context in
                polled.value[context.waker.slot] += 1
                wakers.value[context.waker.slot] = context.waker
                return polled.value[context.waker.slot] == 2
            })
        }
        #expect(throws: SpawnError.poolFull(capacity: 1024)) { try executor.spawn(ClosureTask { _ in true }) }
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(polled.value.allSatisfy { $0 == 1 })
        // Wake only the last slot: exactly one poll happens.
        let pollsBefore = executor.stats.polls
        wakers.value[1023]!.wake()
        #expect(executor.isReady(slot: 1023) == true)
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(executor.stats.polls == pollsBefore + 1)
        #expect(polled.value[1023] == 2 && polled.value[1022] == 1)
        #expect(executor.liveTasks == 1023)
        for waker in wakers.value { waker!.wake() }
        #expect(executor.runUntilIdle(on: &clock) == .finished)
    }

    @Test func aWakeForAnEmptySlotIsCountedAndNotPolled() throws {
        var executor = try SmallExecutor()
        let kept = Log<Waker?>(nil)
        try executor.spawn(ClosureTask { context in
            kept.value = context.waker
            return true
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        try executor.spawn(ClosureTask { _ in false })  // slot 1 (the free-slot hint moved on); stays pending
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        let polls = executor.stats.polls
        kept.value!.wake()  // the waker outlived its task: slot 0 is empty
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(executor.stats.staleWakes == 1)
        #expect(executor.stats.polls == polls, "an empty slot is never polled")
    }

    @Test func runStopsWhenNothingCanEverWakeATask() throws {
        var executor = try SmallExecutor()
        try executor.spawn(ClosureTask { _ in false })  // pending, registered nowhere
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .stopped)
        #expect(executor.liveTasks == 1)
        #expect(executor.stats.idleEntries == 1)
    }
}
