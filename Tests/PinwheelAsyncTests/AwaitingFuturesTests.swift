import Pinwheel
import PinwheelAsync
import PinwheelTestSupport
import Synchronization
import Testing

/// Every core future awaited from an async task, through the one bridge (`Future.value`) or its spellings.
@Suite struct AwaitingFuturesTests {
    /// Runs `body` as the only async task on a virtual clock until it finishes; returns the clock.
    @discardableResult
    func runAlone(_ body: @escaping () async -> Void) throws -> VirtualClock {
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        try executor.spawn(AsyncTask(body))
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        return clock
    }

    @Test func tickerAsAnAsyncSequenceStaysOnItsGrid() throws {
        let ticks = Log<[Tick]>([])
        let clock = try runAlone {
            var count = 0
            for await tick in Ticker(every: .milliseconds(500)) {
                ticks.value.append(tick)
                count += 1
                // Late once: 1.2 s of work, and the grid holds.
                if count == 2 { await Timer.after(.milliseconds(1200)) }
                if count == 4 { break }
            }
        }
        // At 2.2 s the 1.5 s deadline is due and 2.0 s has passed too: one missed, and the grid resumes at 2.5 s.
        #expect(ticks.value.map(\.deadline.ticks) == [500, 1000, 1500, 2500].map { $0 * 1_000_000 })
        #expect(ticks.value.map(\.missed) == [0, 0, 1, 0])
        #expect(clock.now() == Instant(ticks: 2_500_000_000))
    }

    @Test func aGroupOfChildrenAwaitedFromAnAsyncTask() throws {
        // Static storage for the children's wakers, as ChildWakers requires: allocated for the test, freed after.
        let wakers = UnsafeMutablePointer<ChildWakers<1>>.allocate(capacity: 1)
        wakers.initialize(to: ChildWakers())
        defer {
            wakers.deinitialize(count: 1)
            wakers.deallocate()
        }
        let delays: InlineArray<4, UInt64> = [30, 10, 40, 20]
        let outputs = Log<[Instant]>([])
        let polls = Log<UInt64>(0)
        let clock = try runAlone {
            var join = JoinAll(InlineArray<4, Timer> { Timer.after(.milliseconds(delays[$0])) }, wakers: wakers)
            let joined = await waitUntil { context in join.poll(context) }
            outputs.value = (0..<4).map { joined[$0] }
            polls.value = join.group.childPolls
        }
        // In the children's order, each at its own deadline; each child polled at the start and once when due.
        #expect(outputs.value == [30, 10, 40, 20].map { Instant(ticks: $0 * 1_000_000) })
        #expect(polls.value == 8)
        #expect(clock.now() == Instant(ticks: 40_000_000))
    }

    @Test func aWakerCellThroughWaitUntil() throws {
        var executor = try Executor<TaskPool<MixedTask<ClosureTask>, 2>, 1, 2>()
        let cell = SharedCell()
        let flag = Log(false)
        let order = Log<[String]>([])
        try executor.spawn(MixedTask {
            await waitUntil { context in
                cell.cell.register(context.waker)
                return flag.value ? .ready(()) : .pending
            }
            order.value.append("woken through the cell")
        })
        var timer = Timer.after(.milliseconds(3))
        try executor.spawn(MixedTask.poll(ClosureTask { context in
            guard timer.poll(context).isReady else { return false }
            flag.value = true
            order.value.append("wake")
            let hadWaker = cell.cell.wake()
            #expect(hadWaker, "the async task had registered its waker")
            return true
        }))
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(order.value == ["wake", "woken through the cell"])
    }

    @Test func aSignalHandsItsValueToTheAwaitingTask() throws {
        let signal = UnsafeMutablePointer<Signal<UInt16>>.allocate(capacity: 1)
        signal.initialize(to: Signal())
        defer { signal.deallocate() }
        let pointer = SignalPointer(signal: signal)
        var executor = try Executor<TaskPool<MixedTask<ClosureTask>, 2>, 1, 2>()
        let received = Log<[UInt16]>([])
        try executor.spawn(MixedTask {
            received.value.append(await pointer.signal.pointee.next())
            received.value.append(await pointer.signal.pointee.next())
        })
        var step = 0
        var timer = Timer.after(.milliseconds(1))
        try executor.spawn(MixedTask.poll(ClosureTask { context in
            while timer.poll(context).isReady {
                step += 1
                pointer.signal.pointee.signal(UInt16(step * 7))
                if step == 2 { return true }
                timer = .after(.milliseconds(1))
            }
            return false
        }))
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(received.value == [7, 14])
    }

    @Test func joinWaitsForBothAndSelectSaysWhichFinished() throws {
        let results = Log<[String]>([])
        try runAlone {
            let (a, b) = await join(Timer.after(.milliseconds(30)), Timer.after(.milliseconds(10)))
            results.value.append("join \(a.ticks / 1_000_000) \(b.ticks / 1_000_000)")
            switch await select(Timer.after(.milliseconds(50)), Timer.after(.milliseconds(20))) {
            case .first: results.value.append("select: first")
            case .second(let deadline): results.value.append("select: second at \(deadline.ticks / 1_000_000)")
            }
            let any = await SelectAny<Timer, 3>([.after(.milliseconds(9)), .after(.milliseconds(4)), .after(.milliseconds(6))]).value
            results.value.append("any: \(any.index)")
            let third = await select(Timer.after(.seconds(1)), Timer.after(.seconds(2)), Ready("now"))
            if case .second(.second(let text)) = third { results.value.append("third: \(text)") }
        }
        #expect(results.value == ["join 30 10", "select: second at 50", "any: 1", "third: now"])
    }

    @Test func anyFutureIsAwaitableThroughValue() throws {
        let results = Log<[Int]>([])
        try runAlone {
            results.value.append(await Ready(20).map { $0 + 1 }.value)
            await YieldOnce().value
            results.value.append(await PollFunction { _ in .ready(42) }.value)
        }
        #expect(results.value == [21, 42])
    }
}

/// A signal's address, carried into a task.
struct SignalPointer: @unchecked Sendable {
    // Safety: the tasks and the test run on one thread.
    let signal: UnsafeMutablePointer<Signal<UInt16>>
}
