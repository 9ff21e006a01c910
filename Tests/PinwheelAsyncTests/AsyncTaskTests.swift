import Pinwheel
import PinwheelAsync
import PinwheelTestSupport
import Testing

@Suite struct AsyncTaskTests {
    typealias Table = Executor<TaskPool<AsyncTask, 2>, 1, 2>

    @Test func straightLineCodeAwaitsTimersInVirtualTime() throws {
        var executor = try Table()
        let log = Log<[String]>([])
        try executor.spawn(AsyncTask {
            log.value.append("start")
            let first = await Timer.after(.milliseconds(500))
            log.value.append("after \(first.ticks)")
            await Timer.at(Instant(ticks: 2_000_000_000))
            log.value.append("at 2 s")
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(log.value == ["start", "after 500000000", "at 2 s"])
        #expect(clock.now() == Instant(ticks: 2_000_000_000))
        #expect(clock.jumps == 2, "one idle jump per pending timer")
    }

    @Test func theSlotsWakerIsTheTasksWaker() throws {
        var executor = try Table()
        let seen = Log<[Int]>([])
        try executor.spawn(AsyncTask { await Timer.after(.seconds(1)) })
        let slot = try executor.spawn(AsyncTask {
            seen.value.append(await waitUntil { context in .ready(context.waker.slot) })
            await Timer.after(.milliseconds(1))
            seen.value.append(await waitUntil { context in .ready(context.waker.slot) })
        })
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(slot == 1)
        #expect(seen.value == [1, 1])
    }

    @Test func aFullTableIsTheSameTypedErrorAndStartsNothing() throws {
        var executor = try Table()
        let started = Log(0)
        try executor.spawn(AsyncTask { started.value += 1 })
        try executor.spawn(AsyncTask { started.value += 1 })
        #expect(throws: SpawnError.poolFull(capacity: 2)) {
            try executor.spawn(AsyncTask { started.value += 100 })
        }
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(started.value == 2, "the task refused by the full table never ran")
    }

    @Test func aFinishedTaskFreesItsSlot() throws {
        var executor = try Table()
        let order = Log<[String]>([])
        try executor.spawn(AsyncTask { await Timer.after(.seconds(10)) })
        let first = try executor.spawn(AsyncTask {
            await Timer.after(.seconds(1))
            order.value.append("first done")
        })
        var clock = VirtualClock()
        clock.advance(by: .seconds(1))
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        clock.advance(by: .seconds(1))
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(order.value == ["first done"])
        let occupied = executor.isOccupied(slot: first)
        #expect(!occupied)
        #expect(executor.liveTasks == 1)
        let again = try executor.spawn(AsyncTask { order.value.append("second ran") })
        #expect(again == first, "the freed slot is reused")
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(order.value == ["first done", "second ran"])
    }

    @Test func asyncAndPollTasksShareOneTable() throws {
        var executor = try Executor<TaskPool<MixedTask<ClosureTask>, 3>, 1, 3>()
        let log = Log<[String]>([])
        let cell = SharedCell()
        let handedOver = Log(false)
        // A poll task fires the notify; an async task waits for it, then wakes the second poll task through a cell.
        let notify = UnsafeMutablePointer<Notify<1>>.allocate(capacity: 1)
        notify.initialize(to: Notify())
        defer { notify.deallocate() }
        let pointer = NotifyPointer(notify)
        try executor.spawn(MixedTask {
            await pointer.notify.pointee.notified()
            log.value.append("async: notified")
            handedOver.value = true
            cell.cell.wake()
        })
        var timer = Timer.after(.milliseconds(5))
        try executor.spawn(MixedTask.poll(ClosureTask { context in
            guard timer.poll(context).isReady else { return false }
            log.value.append("poll: notify")
            pointer.notify.pointee.notify()
            return true
        }))
        try executor.spawn(MixedTask.poll(ClosureTask { context in
            cell.cell.register(context.waker)
            guard handedOver.value else { return false }
            log.value.append("poll: woken by the async task")
            return true
        }))
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(log.value == ["poll: notify", "async: notified", "poll: woken by the async task"])
    }
}

/// A notify's address, carried into a task.
struct NotifyPointer: @unchecked Sendable {
    // Safety: the tasks and the test run on one thread.
    let notify: UnsafeMutablePointer<Notify<1>>
    init(_ notify: UnsafeMutablePointer<Notify<1>>) { self.notify = notify }
}

/// A waker cell in a class, so that tasks and the test can share it.
final class SharedCell: Sendable {
    let cell = WakerCell()
}
