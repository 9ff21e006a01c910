import Pinwheel

/// Polls and wakes per slot, for the summary: counted in fixed storage, so counting allocates nothing (a
/// dictionary's `+= 1` through a class property copied the dictionary on every count in a debug build).
final class RunCounters: RunSink {
    /// The most slots counted; wakes and polls of higher slots are not counted.
    static let countedSlots = 64
    private let pollCounts: UnsafeMutableBufferPointer<UInt64>
    private let wakeCounts: UnsafeMutableBufferPointer<UInt64>

    init() {
        pollCounts = .allocate(capacity: Self.countedSlots)
        pollCounts.initialize(repeating: 0)
        wakeCounts = .allocate(capacity: Self.countedSlots)
        wakeCounts.initialize(repeating: 0)
    }

    deinit {
        pollCounts.deallocate()
        wakeCounts.deallocate()
    }

    /// Polls of `slot`.
    func polls(slot: Int) -> UInt64 { slot < Self.countedSlots ? pollCounts[slot] : 0 }
    /// Wakes of `slot`.
    func wakes(slot: Int) -> UInt64 { slot < Self.countedSlots ? wakeCounts[slot] : 0 }

    func woke(_ wake: WakeRecorder.Record) {
        if wake.slot < Self.countedSlots { wakeCounts[wake.slot] &+= 1 }
    }

    func pollStarted(slot: Int, at now: Instant) {
        if slot < Self.countedSlots { pollCounts[slot] &+= 1 }
    }
}
