import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelLinux
import Synchronization

/// Records every wake from the executor's wake hook into a fixed ring, for the trace and the waveform, and into
/// the demos' ``WakeJournal``.
///
/// The hook runs in interrupt handlers and on any thread, so recording obeys the handler rules: the clock is read
/// through the platform's address (a plain load in virtual time, `clock_gettime` otherwise), a slot in the ring is
/// claimed with a compare-and-swap and published with a release store, nothing is allocated. A full ring drops
/// the record and counts it.
final class WakeRecorder: @unchecked Sendable {
    // Safety (Sendable): a wake hook writes a slot only after claiming it with a compare-and-swap and publishes it with
    // a release store; only the executor's thread drains, after an acquire load of that slot.
    struct Record {
        var time: Instant
        var slot: Int
        var source: WakeSource
    }

    let capacity: Int
    private let times: UnsafeMutableBufferPointer<Atomic<UInt64>>
    private let payloads: UnsafeMutableBufferPointer<Atomic<UInt64>>
    // Entry i % capacity holds record i once its sequence reads i + 1.
    private let sequences: UnsafeMutableBufferPointer<Atomic<UInt64>>
    private let head = Atomic<UInt64>(0)
    private let tail = Atomic<UInt64>(0)
    private let droppedCount = Atomic<UInt64>(0)
    let journal: WakeJournal
    let platform: UnsafeMutablePointer<LinuxPlatform>

    init(capacity: Int, journal: WakeJournal, platform: UnsafeMutablePointer<LinuxPlatform>) {
        self.capacity = capacity
        self.journal = journal
        self.platform = platform
        times = .allocate(capacity: capacity)
        payloads = .allocate(capacity: capacity)
        sequences = .allocate(capacity: capacity)
        for index in 0..<capacity {
            (times.baseAddress! + index).initialize(to: Atomic(0))
            (payloads.baseAddress! + index).initialize(to: Atomic(0))
            (sequences.baseAddress! + index).initialize(to: Atomic(0))
        }
    }

    deinit {
        times.deallocate()
        payloads.deallocate()
        sequences.deallocate()
    }

    /// Wakes lost because the ring was full.
    var dropped: UInt64 { droppedCount.load(ordering: .relaxed) }

    /// The hook: this recorder's address is its context, kept alive by the session for the run.
    var hook: WakeHook {
        WakeHook(context: Unmanaged.passUnretained(self).toOpaque()) { context, slot, source in
            let recorder = Unmanaged<WakeRecorder>.fromOpaque(context!).takeUnretainedValue()
            recorder.record(slot: slot, source: WakeSource(rawValue: source))
        }
    }

    func record(slot: Int, source: WakeSource) {
        let now = Instant(ticks: LinuxPlatform.readClock(UnsafeRawPointer(platform)))
        journal.record(slot: slot, source: source, at: now)
        var claimed = head.load(ordering: .relaxed)
        while true {
            guard claimed &- tail.load(ordering: .acquiring) < UInt64(capacity) else {
                droppedCount.wrappingAdd(1, ordering: .relaxed)
                return
            }
            let (exchanged, current) = head.compareExchange(expected: claimed, desired: claimed &+ 1, ordering: .relaxed)
            if exchanged { break }
            claimed = current
        }
        let index = Int(claimed % UInt64(capacity))
        times[index].store(now.ticks, ordering: .relaxed)
        payloads[index].store(UInt64(UInt32(truncatingIfNeeded: slot)) << 32 | UInt64(source.rawValue), ordering: .relaxed)
        sequences[index].store(claimed &+ 1, ordering: .releasing)
    }

    /// Takes the published records in order (on the executor's thread).
    func drain(_ body: (Record) -> Void) {
        var next = tail.load(ordering: .relaxed)
        while true {
            let index = Int(next % UInt64(capacity))
            guard sequences[index].load(ordering: .acquiring) == next &+ 1 else { break }
            let payload = payloads[index].load(ordering: .relaxed)
            let record = Record(
                time: Instant(ticks: times[index].load(ordering: .relaxed)), slot: Int(payload >> 32),
                source: WakeSource(rawValue: UInt32(truncatingIfNeeded: payload)))
            next &+= 1
            tail.store(next, ordering: .releasing)
            body(record)
        }
    }
}
