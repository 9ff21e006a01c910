import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct SignalTests {
    @Test func theWaitingTaskGetsTheLatestValueAndOverwritesAreCounted() throws {
        let signal = Signal<UInt16>()
        var executor = try SmallExecutor()
        let received = Log<[UInt16]>([])
        try executor.spawn(ClosureTask { context in
            guard case .ready(let value) = signal.poll(context) else { return false }
            received.value.append(value)
            return received.value.count == 2
        })
        var clock = VirtualClock()
        _ = executor.runUntilIdle(on: &clock)
        signal.signal(1)
        signal.signal(2)
        signal.signal(3)
        #expect(signal.overwritten == 2)
        _ = executor.runUntilIdle(on: &clock)
        #expect(received.value == [3])
        #expect(signal.isSignalled == false)
        signal.signal(65535)
        #expect(executor.runUntilIdle(on: &clock) == .finished)
        #expect(received.value == [3, 65535])
    }

    @Test func takeEmptiesTheCell() {
        let signal = Signal<Int8>()
        #expect(signal.take() == nil)
        signal.signal(-5)
        #expect(signal.take() == -5)
        #expect(signal.take() == nil)
    }

    @Test func signalValuesRoundTrip() {
        #expect(Int16(signalBits: Int16(-32768).signalBits) == -32768)
        #expect(Bool(signalBits: true.signalBits) == true)
        #expect(UInt32(signalBits: UInt32.max.signalBits) == .max)
        #expect(UInt32.max.signalBits != UInt.max, "the empty marker is never a value")
    }
}
