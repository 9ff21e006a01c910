import Pinwheel
import Synchronization

/// The latest wake of each task slot, written from the wake hook (in interrupt handlers, with atomics only) and
/// read by tasks that explain their own wake-up, such as the wake walkthrough.
public final class WakeJournal: @unchecked Sendable {
    // Safety (Sendable): every entry is atomics, written by the wake hook and read by tasks.
    /// One wake as the hook saw it.
    public struct Entry: Equatable, Sendable {
        /// When the waker was woken, on the executor's clock.
        public var time: Instant
        /// Who woke it.
        public var source: WakeSource
        /// Wakes of this slot so far.
        public var count: UInt64
    }

    private let times: UnsafeMutableBufferPointer<Atomic<UInt64>>
    private let sources: UnsafeMutableBufferPointer<Atomic<UInt32>>
    private let counts: UnsafeMutableBufferPointer<Atomic<UInt64>>

    /// A journal for `slots` task slots, allocated once.
    public init(slots: Int) {
        times = .allocate(capacity: slots)
        sources = .allocate(capacity: slots)
        counts = .allocate(capacity: slots)
        for index in 0..<slots {
            (times.baseAddress! + index).initialize(to: Atomic(0))
            (sources.baseAddress! + index).initialize(to: Atomic(0))
            (counts.baseAddress! + index).initialize(to: Atomic(0))
        }
    }

    deinit {
        times.deallocate()
        sources.deallocate()
        counts.deallocate()
    }

    /// Records a wake of `slot`. Handler-safe: three relaxed atomic stores, no allocation.
    public func record(slot: Int, source: WakeSource, at time: Instant) {
        guard slot < counts.count else { return }
        times[slot].store(time.ticks, ordering: .relaxed)
        sources[slot].store(source.rawValue, ordering: .relaxed)
        counts[slot].wrappingAdd(1, ordering: .releasing)
    }

    /// The latest wake of `slot`, if it was ever woken.
    public func latest(slot: Int) -> Entry? {
        guard slot < counts.count else { return nil }
        let count = counts[slot].load(ordering: .acquiring)
        guard count > 0 else { return nil }
        return Entry(
            time: Instant(ticks: times[slot].load(ordering: .relaxed)),
            source: WakeSource(rawValue: sources[slot].load(ordering: .relaxed)), count: count)
    }
}
