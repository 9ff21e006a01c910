import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct TimerTests {
    @Test func timerAfterFiresExactlyOnTimeInVirtualTime() throws {
        var executor = try Executor<TaskPool<Await<Timer>, 4>, 1, 4>()
        let firedAt = Log<[UInt64]>([])
        for milliseconds: UInt64 in [30, 10, 20] {
            try executor.spawn(Await(Timer.after(.milliseconds(milliseconds))) { deadline, context in
                #expect(context.now() == deadline)
                firedAt.value.append(deadline.ticks)
            })
        }
        var clock = VirtualClock(start: Instant(ticks: 1_000))
        #expect(executor.run(on: &clock) == .finished)
        #expect(firedAt.value == [10_001_000, 20_001_000, 30_001_000])
        #expect(executor.stats.timerExpirations == 3)
        #expect(clock.jumps == 3)
    }

    @Test func aDeadlineAlreadyPastIsReadyAtOnceWithoutTheQueue() throws {
        var executor = try Executor<TaskPool<Await<Timer>, 1>, 1, 1>()
        let done = Log(false)
        try executor.spawn(Await(Timer.at(Instant(ticks: 5))) { _, _ in done.value = true })
        var clock = VirtualClock(start: Instant(ticks: 10))
        #expect(executor.runUntilIdle(on: &clock) == .finished)
        #expect(done.value)
        #expect(executor.stats.timerExpirations == 0)
    }

    @Test func steppingAVirtualClockByHand() throws {
        var executor = try Executor<TaskPool<Await<Timer>, 1>, 1, 1>()
        try executor.spawn(Await(Timer.after(.milliseconds(10))) { _, _ in })
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(executor.deadline(slot: 0) == Instant(ticks: 10_000_000))
        #expect(clock.alarm == Instant(ticks: 10_000_000), "the alarm is armed for the earliest deadline")
        clock.advance(by: .nanoseconds(9_999_999))
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        clock.advance(by: .nanoseconds(1))
        #expect(executor.runUntilIdle(on: &clock) == .finished)
        #expect(clock.alarm == nil, "nothing left: the alarm is disarmed")
    }

    @Test func aFarFutureTimerNeverFires() throws {
        var executor = try Executor<TaskPool<Await<Timer>, 2>, 1, 2>()
        try executor.spawn(Await(Timer.at(.distantFuture)) { _, _ in Issue.record("fired") })
        try executor.spawn(Await(Timer.after(.max)) { _, _ in Issue.record("fired") })
        var clock = VirtualClock(start: Instant(ticks: 1))
        #expect(executor.run(on: &clock) == .stopped)
        #expect(executor.deadline(slot: 0) == .distantFuture)
    }

    @Test func aFullTimerQueueNeverLosesOrDelaysATimer() throws {
        // Three tasks wait on time but the queue holds one deadline.
        var executor = try Executor<TaskPool<Await<Timer>, 3>, 1, 1>()
        let fired = Log<[UInt64]>([])
        for milliseconds: UInt64 in [3, 1, 2] {
            try executor.spawn(Await(Timer.after(.milliseconds(milliseconds))) { deadline, context in
                fired.value.append(context.now().ticks)
                #expect(context.now() == deadline)
            })
        }
        var clock = VirtualClock()
        #expect(executor.run(on: &clock) == .finished)
        #expect(fired.value == [1_000_000, 2_000_000, 3_000_000])
        #expect(executor.stats.timerOverflows > 0)
        #expect(executor.stats.polls < 20, "left-out tasks retry when space frees, not in a busy loop")
    }
}

@Suite struct TimeArithmeticTests {
    @Test func arithmeticSaturatesInsteadOfWrapping() {
        #expect(Instant.distantFuture + .seconds(1) == .distantFuture)
        #expect(Instant(ticks: 5) - .nanoseconds(10) == .zero)
        #expect(Instant(ticks: 5) - Instant(ticks: 10) == .zero)
        #expect(Duration.seconds(.max) == .max)
        #expect(Duration.milliseconds(3) * 4 == .milliseconds(12))
        #expect(Duration.max * 2 == .max)
        #expect(Duration.milliseconds(10) / .milliseconds(3) == 3)
        #expect(Duration.seconds(1) / .zero == .max)
        #expect(Duration.microseconds(1) - .milliseconds(1) == .zero)
    }
}
