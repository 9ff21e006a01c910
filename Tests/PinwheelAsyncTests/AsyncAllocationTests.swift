import Pinwheel
import PinwheelAsync
import PinwheelTestSupport
import PinwheelWorkloads
import Testing

/// Async tasks allocate when they start (the slot's executor, and the Swift task the first poll creates) and never
/// after. Each check runs the same program twice, short and long, and requires the same count: the difference is
/// the steady state, and it must be zero.
@Suite(.serialized, .enabled(if: allocationCounterIsAvailable, "a sanitizer build leaves the allocation counter out")) struct AsyncAllocationTests {
    @Test func theCounterCountsAnAllocationWeMakeOnPurpose() {
        #expect(allocationCounterIsLive())
    }

    /// Allocations on this thread for a whole ping-pong run of `roundTrips`, spawns included.
    func pingPong(roundTrips: Int) -> UInt64 {
        allocations {
            AsyncPingPong.withPair(roundTrips: roundTrips) { executor in
                var platform = VirtualClock()
                precondition(executor.run(on: &platform) == .finished)
            }
        }.count
    }

    @Test func oneHundredThousandAwaitRoundTripsAllocateNothing() {
        _ = pingPong(roundTrips: 10)  // first use of every type and runtime path
        let short = pingPong(roundTrips: 10)
        let long = pingPong(roundTrips: 100_000)
        #expect(long == short, "100,000 round trips allocated \(Int(long) - Int(short)) times more than 10")
    }

    /// Allocations for a task that awaits `count` timers back to back on a virtual clock, spawn included.
    func timerAwaits(_ count: Int) throws -> UInt64 {
        try allocations {
            var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
            try executor.spawn(AsyncTask {
                var remaining = count
                while remaining > 0 {
                    await Timer.after(.microseconds(7))
                    remaining -= 1
                }
            })
            var clock = VirtualClock()
            #expect(executor.run(on: &clock) == .finished)
            #expect(clock.now() == .zero + .microseconds(7 * UInt64(count)))
        }.count
    }

    @Test func tenThousandTimerAwaitsAllocateNothing() throws {
        _ = try timerAwaits(10)
        let short = try timerAwaits(10)
        let long = try timerAwaits(10_000)
        #expect(long == short, "10,000 timer awaits allocated \(Int(long) - Int(short)) times more than 10")
    }

    /// What one spawn costs, measured: the slot's executor and its state when the task value is made; the Swift
    /// task when it is started (here explicitly, before the run; otherwise at the first poll); two slabs at the first
    /// poll, when its frames first outgrow the first one. README ("Async tasks") quotes these counts.
    @Test func whatASpawnAllocates() throws {
        _ = try timerAwaits(1)
        var executor = try Executor<TaskPool<AsyncTask, 1>, 1, 1>()
        // An `@isolated(any)` function value (AsyncTask.init takes one, to refuse an actor-isolated function)
        // carries its isolation beside it: formed from a closure literal, that costs one allocation.
        let (formed, body) = allocations { () -> @isolated(any) () async -> Void in { await Timer.after(.milliseconds(1)) } }
        #expect(formed == 1, "the closure's context, holding its isolation")
        let (made, task) = allocations { AsyncTask(body) }
        #expect(made == 2, "the SlotExecutor object and its state block")
        let (spawned, _) = try allocations { try executor.spawn(task) }
        #expect(spawned == 0, "the table stores the task inline")
        let (started, bytes) = allocations { task.start() }
        #expect(started == 4, "two closure contexts, the task object, the first slab of the task's allocator")
        #expect(bytes >= 300 && task.startBytes == bytes, "the task object's block: \(bytes) B")
        var clock = VirtualClock()
        let (firstPoll, _) = allocations { executor.runUntilIdle(on: &clock) }
        // The first run grows the task's allocator: the frame reserve (reserveFrames, 8 KiB) and the first park's
        // deeper frames take two more slabs, which the allocator keeps for the task's life.
        #expect(firstPoll == 2, "two more slabs for the task's allocator")
        clock.advance(by: .milliseconds(1))
        let (rest, outcome) = allocations { executor.runUntilIdle(on: &clock) }
        #expect(outcome == .finished)
        #expect(rest == 0)
    }
}
