import Pinwheel
import PinwheelTestSupport
import Testing

@Suite struct TimerQueueTests {
    /// Runs `body` on a queue over `capacity` fresh entries.
    func withQueue(capacity: Int, _ body: (inout TimerQueue) -> Void) {
        let storage = UnsafeMutableBufferPointer<TimerEntry>.allocate(capacity: capacity)
        storage.initialize(repeating: .unused)
        let overflow = UnsafeMutableBufferPointer<UInt>.allocate(capacity: 2)
        overflow.initialize(repeating: 0)
        defer {
            storage.deallocate()
            overflow.deallocate()
        }
        var queue = TimerQueue(storage: storage, overflow: overflow)
        body(&queue)
    }

    func drain(_ queue: inout TimerQueue, asOf now: Instant = .distantFuture) -> [TimerEntry] {
        var out: [TimerEntry] = []
        while let entry = queue.popExpired(asOf: now) { out.append(entry) }
        return out
    }

    @Test func deadlinesComeOutInOrderWhateverOrderTheyWentIn() {
        withQueue(capacity: 64) { queue in
            var generator = SystemRandomNumberGenerator()
            var expected: [UInt64] = []
            for slot in 0..<64 {
                let ticks = UInt64.random(in: 0...1_000_000, using: &generator)
                expected.append(ticks)
                #expect(queue.schedule(slot: slot, at: Instant(ticks: ticks)) == true)
            }
            #expect(queue.earliest == Instant(ticks: expected.min()!))
            #expect(drain(&queue).map(\.deadline.ticks) == expected.sorted())
            #expect(queue.isEmpty)
        }
    }

    @Test func tiesExpireTogetherInSlotOrder() {
        withQueue(capacity: 8) { queue in
            for slot in [5, 2, 7, 0] { _ = queue.schedule(slot: slot, at: Instant(ticks: 100)) }
            _ = queue.schedule(slot: 3, at: Instant(ticks: 101))
            #expect(drain(&queue, asOf: Instant(ticks: 100)).map(\.slot) == [0, 2, 5, 7])
            #expect(queue.count == 1)
        }
    }

    @Test func onlyDeadlinesAtOrBeforeNowExpire() {
        withQueue(capacity: 4) { queue in
            _ = queue.schedule(slot: 0, at: Instant(ticks: 10))
            _ = queue.schedule(slot: 1, at: Instant(ticks: 20))
            #expect(queue.popExpired(asOf: Instant(ticks: 9)) == nil)
            #expect(queue.popExpired(asOf: Instant(ticks: 10))?.slot == 0)
            #expect(queue.popExpired(asOf: Instant(ticks: 19)) == nil)
            #expect(queue.popExpired(asOf: Instant(ticks: 1000))?.slot == 1)
        }
    }

    @Test func aTaskKeepsItsEarliestDeadlineOnly() {
        withQueue(capacity: 2) { queue in
            _ = queue.schedule(slot: 4, at: Instant(ticks: 50))
            _ = queue.schedule(slot: 4, at: Instant(ticks: 80))  // later: ignored
            _ = queue.schedule(slot: 4, at: Instant(ticks: 30))  // earlier: replaces
            #expect(queue.count == 1)
            #expect(queue.deadline(forSlot: 4) == Instant(ticks: 30))
        }
    }

    @Test func farFutureDeadlinesStayQueuedBehindNearerOnes() {
        withQueue(capacity: 4) { queue in
            _ = queue.schedule(slot: 0, at: .distantFuture)
            _ = queue.schedule(slot: 1, at: Instant(ticks: UInt64.max - 1))
            _ = queue.schedule(slot: 2, at: Instant(ticks: 1))
            #expect(drain(&queue, asOf: Instant(ticks: UInt64.max - 1)).map(\.slot) == [2, 1])
            #expect(queue.earliest == .distantFuture)
        }
    }

    @Test func aFullQueueKeepsTheEarliestDeadlinesAndHandsBackTheOnesLeftOut() {
        withQueue(capacity: 2) { queue in
            #expect(queue.schedule(slot: 0, at: Instant(ticks: 10)) == true)
            #expect(queue.schedule(slot: 1, at: Instant(ticks: 20)) == true)
            #expect(queue.schedule(slot: 2, at: Instant(ticks: 30)) == false, "later than everything queued: refused")
            #expect(queue.schedule(slot: 3, at: Instant(ticks: 5)) == true, "earlier: evicts slot 1 (20)")
            #expect(queue.schedule(slot: 0, at: Instant(ticks: 1)) == true, "a queued slot can still move earlier")
            #expect(queue.overflows == 2)
            #expect(drain(&queue).map(\.slot) == [0, 3])
            var handedBack: [Int] = []
            queue.takeOverflowed { word, bits in
                for bit in 0..<UInt.bitWidth where bits & (1 << bit) != 0 { handedBack.append(word * UInt.bitWidth + bit) }
            }
            #expect(handedBack == [1, 2])
            queue.takeOverflowed { _, _ in Issue.record("handed back twice") }
        }
    }

    @Test func cancelRemovesOnlyThatSlot() {
        withQueue(capacity: 8) { queue in
            for slot in 0..<6 { _ = queue.schedule(slot: slot, at: Instant(ticks: UInt64(60 - slot * 10))) }
            queue.cancel(slot: 3)
            queue.cancel(slot: 7)  // not queued: nothing happens
            #expect(drain(&queue).map(\.slot) == [5, 4, 2, 1, 0])
        }
    }
}
