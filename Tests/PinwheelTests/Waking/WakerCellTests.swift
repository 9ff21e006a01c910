import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct WakerCellTests {
    @Test func aWakeReachesTheRegisteredTaskOnce() throws {
        let cell = WakerCell()
        var executor = try SmallExecutor()
        let polls = Log(0)
        try executor.spawn(ClosureTask { context in
            polls.value += 1
            if polls.value == 1 { cell.register(context.waker) }
            return polls.value == 2
        })
        var clock = VirtualClock()
        #expect(executor.runUntilIdle(on: &clock) == .idle)
        #expect(cell.isRegistered == true)
        #expect(cell.wake(from: .interrupt(3)) == true)
        #expect(cell.isRegistered == false, "a registered waker fires once")
        #expect(cell.wake() == false, "nothing left to wake")
        #expect(executor.runUntilIdle(on: &clock) == .finished)
        #expect(polls.value == 2)
    }

    @Test func registeringAgainReplacesTheWaker() throws {
        let cell = WakerCell()
        var executor = try SmallExecutor()
        let polled = Log<[Int]>([])
        for _ in 0..<2 {
            try executor.spawn(ClosureTask { context in
                polled.value.append(context.waker.slot)
                cell.register(context.waker)  // slot 1 registers last and replaces slot 0
                return polled.value.count > 2
            })
        }
        var clock = VirtualClock()
        _ = executor.runUntilIdle(on: &clock)
        cell.wake()
        _ = executor.runUntilIdle(on: &clock)
        #expect(polled.value == [0, 1, 1])
    }

    @Test func clearForgetsTheWaker() throws {
        let cell = WakerCell()
        var executor = try SmallExecutor()
        try executor.spawn(ClosureTask { context in
            cell.register(context.waker)
            return false
        })
        var clock = VirtualClock()
        _ = executor.runUntilIdle(on: &clock)
        cell.clear()
        #expect(cell.wake() == false)
        #expect(executor.isReady(slot: 0) == false)
    }
}
