/// A task table of `size` slots, each holding a `Task` inline: nothing is allocated to spawn or run one.
///
/// Finished tasks free their slots for reuse. A slot is found by scanning from a rotating hint, which only
/// spawning does; polling goes straight to the slot.
public struct TaskPool<Task: Future, let size: Int>: TaskTable, ~Copyable {
    @usableFromInline var slots: InlineArray<size, Task?>
    @usableFromInline var nextFree = 0

    @usableFromInline var occupied = 0

    /// The number of tasks held.
    public var count: Int { occupied }

    /// An empty pool.
    public init() { slots = InlineArray(repeating: nil) }

    /// The number of slots.
    public static var capacity: Int { size }

    /// Stores `task` in a free slot.
    public mutating func insert(_ task: Task) throws(SpawnError) -> Int {
        guard occupied < size else { throw .poolFull(capacity: size) }
        var slot = nextFree
        while slots[slot] != nil { slot = slot + 1 == size ? 0 : slot + 1 }
        slots[slot] = task
        occupied += 1
        nextFree = slot + 1 == size ? 0 : slot + 1
        return slot
    }

    /// Whether `slot` holds a task.
    @inlinable public func isOccupied(_ slot: Int) -> Bool {
        slots[slot] != nil
    }

    /// Polls the task in `slot`, freeing the slot if it finished.
    @inlinable public mutating func poll(slot: Int, context: Context) -> Bool {
        // Poll in place through the slot's address, so that no copy of the table can appear around the poll.
        let finished = unsafe withUnsafeMutablePointer(to: &slots) { table in
            let task = unsafe UnsafeMutableRawPointer(table).assumingMemoryBound(to: Task?.self) + slot
            guard unsafe task.pointee!.poll(context).isReady else { return false }
            unsafe task.pointee = nil
            return true
        }
        if finished { occupied -= 1 }
        return finished
    }
}
