/// Why a task could not be spawned.
public enum SpawnError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Every slot of the task table holds a running task. Raise the table's capacity (a compile-time constant)
    /// or wait for a task to finish; a finished task frees its slot.
    case poolFull(capacity: Int)

    /// What went wrong and how to fix it. (A literal per case: the core builds with `-no-allocations`.)
    public var description: String {
        switch self {
        case .poolFull:
            "the task pool is full: every slot holds a running task; raise the pool's capacity or let a task finish"
        }
    }
}

/// Why an executor could not be built.
public enum ExecutorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The ready bitmap has fewer bits than the task table has slots.
    case readySetTooSmall(slots: Int, bits: Int)
    /// The timer queue has no entries, so no timer could ever fire.
    case noTimerQueue

    /// For ``readySetTooSmall(slots:bits:)``: the ready words the executor needs, one bit per slot (the
    /// `readyWords` to write in its type, as Swift cannot compute it from the capacity).
    public var readyWordsNeeded: Int? {
        guard case .readySetTooSmall(let slots, _) = self else { return nil }
        return (slots &+ UInt.bitWidth &- 1) / UInt.bitWidth
    }

    /// What went wrong and how to fix it. (A literal per case: the core builds with `-no-allocations`.)
    public var description: String {
        switch self {
        case .readySetTooSmall:
            "the ready bitmap is smaller than the task table: give the executor readyWordsNeeded words, capacity / UInt.bitWidth rounded up"
        case .noTimerQueue:
            "the timer queue has no entries: give the executor a timer capacity of at least 1 (as many as tasks never overflows)"
        }
    }
}
