import Synchronization

/// Where jobs for one async task slot wait when they arrive outside the slot's poll (or as a poll's second job): four
/// atomic cells, filled and emptied lock-free, with a counted overflow.
///
/// A resume that happens on a foreign thread (a `Task.sleep` ending, a continuation resumed by a Dispatch queue, an
/// actor handing the task back) makes the Swift runtime call the slot's executor there. That thread may not run the
/// task: it puts the job here and wakes the slot, and the executor's thread runs it when it polls the slot.
///
/// - push (any thread): claim an empty cell with one compare-exchange, then count it.
/// - take (the executor's thread only): one load of the count, and for a non-zero count an exchange per cell.
///
/// A task has at most one job at a time, so one cell per task suffices; the rest serve child tasks (`async let`,
/// task groups) that inherit the slot's executor. If every cell is full the job goes to a mutex-guarded spill
/// list instead, which allocates: it is never dropped, and ``overflows`` counts each such job.
@usableFromInline struct JobInbox: ~Copyable {
    private let cells: InlineArray<4, Atomic<UInt>>
    // Jobs in cells and in the spill list, counted after they are stored: zero lets `take` skip the cells.
    private let pending = Atomic<Int>(0)
    private let spill = Mutex<[UnownedJob]>([])
    private let spilled = Atomic<UInt64>(0)

    init() { cells = InlineArray { _ in Atomic(0) } }

    /// Jobs that found every cell full and went to the spill list.
    var overflows: UInt64 { spilled.load(ordering: .relaxed) }

    /// Stores `job` for the executor's thread. Safe from any thread; lock-free unless every cell is full.
    func push(_ job: UnownedJob) {
        let bits = UInt(bitPattern: unsafeBitCast(job, to: Int.self))
        for index in cells.indices {
            if cells[index].compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing).exchanged {
                pending.wrappingAdd(1, ordering: .sequentiallyConsistent)
                return
            }
        }
        spilled.wrappingAdd(1, ordering: .relaxed)
        spill.withLock { $0.append(job) }
        pending.wrappingAdd(1, ordering: .sequentiallyConsistent)
    }

    /// Takes one waiting job, if any. Only the executor's thread calls it.
    @usableFromInline func take() -> UnownedJob? {
        guard pending.load(ordering: .sequentiallyConsistent) != 0 else { return nil }
        for index in cells.indices {
            let bits = cells[index].exchange(0, ordering: .acquiringAndReleasing)
            if bits != 0 {
                pending.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                return unsafeBitCast(Int(bitPattern: bits), to: UnownedJob.self)
            }
        }
        // Counted but not in a cell: in the spill list, or a push between its store and its count (then the
        // pushing thread's wake polls the slot again).
        guard let job = spill.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return nil }
        pending.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        return job
    }
}
