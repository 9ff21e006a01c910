import Pinwheel

import PinwheelHost
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The log's fixed ring between the executor's thread, which records, and a printer thread, which formats and
/// prints: a single-producer, single-consumer queue of ``capacity`` records allocated at start-up. Recording copies
/// a record into its slot and advances a counter; it allocates nothing.
///
/// A full ring either waits for room (``FullPolicy/wait``: a virtual-time run, where waiting costs no simulated
/// time and every line must appear) or drops the record and counts it (``FullPolicy/drop``: real time, where the
/// executor must not wait on a terminal). ``dropped`` is reported at the end of the run.
final class LogRing: @unchecked Sendable {
    // Safety (Sendable): `slots[i]` is written only by the producer while i is free (between `read` and `written` +
    // capacity) and read only by the consumer while it is filled; the counters are atomics.

    /// One recorded line.
    struct Entry {
        var time: Duration
        var level: ProgramLog.Level
        var task: String
        var message: LogMessage
    }

    /// What a full ring does with the next record.
    enum FullPolicy { case wait, drop }

    /// How many records the ring holds.
    let capacity: Int
    let policy: FullPolicy
    private let slots: UnsafeMutableBufferPointer<Entry>
    // Three futex words: records written (producer), records printed (consumer), both wrapping; and the bell, rung
    // for a parked printer by a record and by `finish()`, on which the printer sleeps (so a stop cannot slip past it).
    private let counters: UnsafeMutablePointer<Atomic<UInt32>>
    private var written: UnsafePointer<Atomic<UInt32>> { UnsafePointer(counters) }
    private var printed: UnsafePointer<Atomic<UInt32>> { UnsafePointer(counters + 1) }
    private var bell: UnsafePointer<Atomic<UInt32>> { UnsafePointer(counters + 2) }
    private let stopping = Atomic<Bool>(false)
    // Set by a side about to sleep on a futex, so that the other side makes the wake system call only then. The
    // printer parks for at most `printerNap` and is rung only once the ring is half full: recording a line is a store
    // and two loads, no system call and no thread switch per line. Each side sets its flag, then re-reads the other's
    // counter; the other stores its counter, then reads the flag (all sequentially consistent), so one sees the other.
    private let printerParked = Atomic<Bool>(false)
    private let recorderWaiting = Atomic<Bool>(false)
    private let droppedCount = Atomic<UInt64>(0)
    private let print: (Entry) -> Void
    private var thread: pthread_t?

    /// Records dropped because the ring was full (with ``FullPolicy/drop``).
    var dropped: UInt64 { droppedCount.load(ordering: .relaxed) }

    /// A ring of `capacity` records, printed through `print` on a thread of its own, started here.
    init(capacity: Int, policy: FullPolicy, print: @escaping (Entry) -> Void) {
        precondition(capacity > 0 && capacity.nonzeroBitCount == 1, "a log ring's capacity is a power of two")
        self.capacity = capacity
        self.policy = policy
        self.print = print
        let blank = Entry(time: .zero, level: .info, task: "", message: "")
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: blank)
        counters = .allocate(capacity: 3)
        for index in 0..<3 { (counters + index).initialize(to: Atomic(0)) }
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            // Safety: the ring is retained for the thread until `finish()` joins it.
            Unmanaged<LogRing>.fromOpaque(context!).takeRetainedValue().consume()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        precondition(started == 0, "cannot start the log's printer thread (error \(started))")
        self.thread = thread
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
        counters.deinitialize(count: 3)
        counters.deallocate()
    }

    /// Records `entry` (the executor's thread). Allocation-free.
    func record(_ entry: Entry) {
        let next = written.pointee.load(ordering: .relaxed)
        let full = next &- UInt32(capacity)
        while printed.pointee.load(ordering: .acquiring) == full {
            guard policy == .wait else {
                droppedCount.wrappingAdd(1, ordering: .relaxed)
                return
            }
            recorderWaiting.store(true, ordering: .sequentiallyConsistent)
            if printed.pointee.load(ordering: .sequentiallyConsistent) == full { Futex.wait(printed, whileEqualTo: full) }
            recorderWaiting.store(false, ordering: .relaxed)
        }
        slots[Int(next) & (capacity - 1)] = entry
        written.pointee.store(next &+ 1, ordering: .sequentiallyConsistent)
        let waiting = (next &+ 1) &- printed.pointee.load(ordering: .relaxed)
        if printerParked.load(ordering: .sequentiallyConsistent), waiting >= UInt32(capacity / 2) { ring() }
    }

    /// The longest a parked printer sleeps before it looks for records again: how late a line may reach the terminal.
    static let printerNap: UInt64 = 5_000_000

    private func ring() {
        bell.pointee.wrappingAdd(1, ordering: .releasing)
        Futex.wake(bell)
    }

    /// Prints what is left and stops the printer thread. Call once, from the producer's thread.
    func finish() {
        guard let thread else { return }
        stopping.store(true, ordering: .releasing)
        ring()
        pthread_join(thread, nil)
        self.thread = nil
    }

    // The printer thread: takes each record out of its slot, prints it, frees the slot.
    private func consume() {
        let blank = Entry(time: .zero, level: .info, task: "", message: "")
        while true {
            let rung = bell.pointee.load(ordering: .acquiring)
            let done = printed.pointee.load(ordering: .relaxed)
            if done == written.pointee.load(ordering: .acquiring) {
                // Seen after the stop, `written` is final: return once everything in it is printed.
                if stopping.load(ordering: .acquiring) {
                    if written.pointee.load(ordering: .acquiring) == done { return }
                    continue
                }
                printerParked.store(true, ordering: .sequentiallyConsistent)
                if written.pointee.load(ordering: .sequentiallyConsistent) == done, !stopping.load(ordering: .acquiring) {
                    Futex.wait(bell, whileEqualTo: rung, timeout: Self.printerNap)
                }
                printerParked.store(false, ordering: .relaxed)
                continue
            }
            let index = Int(done) & (capacity - 1)
            let entry = slots[index]
            slots[index] = blank  // the record's strings are released here, not on the executor's thread
            print(entry)
            printed.pointee.store(done &+ 1, ordering: .sequentiallyConsistent)
            if recorderWaiting.load(ordering: .sequentiallyConsistent) { Futex.wake(printed) }
        }
    }
}
